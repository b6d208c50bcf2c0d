"""Named places where the crash test (tests/test_crashes.py) stops the nightly process as a power cut would.

With ZHAOSHANG_CRASH_AT unset, which is always outside that test, a crash point does nothing but compare a string.
"""

from __future__ import annotations

import os
import signal


def crash_point(name: str) -> None:
    if os.environ.get("ZHAOSHANG_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
