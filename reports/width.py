"""Display width of text in a terminal or a spreadsheet column: a Chinese character takes two columns."""

from __future__ import annotations

import unicodedata


def display_width(text: object) -> int:
    """Columns `text` takes in a monospaced display: East-Asian wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 0 if unicodedata.combining(ch) else 1
               for ch in str(text))


def pad(text: object, width: int, right: bool = False) -> str:
    """`text` padded with spaces to `width` display columns (on the left when `right`, for numbers)."""
    fill = " " * max(0, width - display_width(text))
    return f"{fill}{text}" if right else f"{text}{fill}"
