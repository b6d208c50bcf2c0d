"""`make ui`: the Dagster UI on 127.0.0.1:3000 (ZHAOSHANG_UI_PORT) over ZHAOSHANG_HOME's instance.

A shell started in the background ignores SIGINT, and an ignored signal stays ignored across exec, so
`dagster dev` could not be stopped. Restore the defaults before handing over.
"""

from __future__ import annotations

import os
import signal
import sys

from orchestration.settings import dagster_env, prepare_dagster_home, ui_port
from warehouse.home import paths


def main() -> None:
    where = paths()
    prepare_dagster_home(where)
    os.environ.update(dagster_env(where))
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    dagster = os.path.join(os.path.dirname(sys.executable), "dagster")
    # Warnings and above on the console: the runs' events are in the UI.
    os.execv(dagster, [dagster, "dev", "-m", "orchestration.definitions", "-h", "127.0.0.1", "-p", str(ui_port()),
                       "--log-level", "warning"])


if __name__ == "__main__":
    main()
