"""The centre's day: what is overdue moves on with it, even on a night with no new file."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


def centre_today() -> dt.date:
    """The day in the centre's time zone: the day core.as_of takes when calendar.yaml sets none."""
    return dt.datetime.now(ZoneInfo("Asia/Shanghai")).date()
