"""`python -m portal serve`: the portal's database migrated, then served by waitress on 127.0.0.1:8000 (or
ZHAOSHANG_PORTAL_BIND / ZHAOSHANG_PORTAL_PORT, for the office network)."""

from __future__ import annotations

import os

from ingest.bounds import MB
from portal.middleware import MAX_BODY_BYTES

DEFAULT_BIND = "127.0.0.1"
DEFAULT_PORT = 8000


def serve() -> None:
    from django.conf import settings
    from django.core.management import call_command
    from waitress import serve as waitress_serve

    from portal.wsgi import application

    call_command("migrate", interactive=False, verbosity=0)
    from portal.submitting import reader

    reader()  # the parse workers start now, not on the first clerk's upload
    host = os.environ.get("ZHAOSHANG_PORTAL_BIND", DEFAULT_BIND)
    port = int(os.environ.get("ZHAOSHANG_PORTAL_PORT", DEFAULT_PORT))
    print(f"部门报送门户：http://{host}:{port}/ (数据目录 {settings.HOME})", flush=True)
    # A body a little over the nightly job's file limit is refused by the portal with a page in Chinese
    # (portal/middleware.py); one far over it by waitress itself, which stops reading it there.
    waitress_serve(application, host=host, port=port, threads=8, max_request_body_size=MAX_BODY_BYTES + MB,
                   ident="zhaoshang-portal", url_scheme="https" if settings.HTTPS else "http")
