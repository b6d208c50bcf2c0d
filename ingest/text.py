"""Text normalisation shared by every reader: full-width forms, stray spaces, "nothing" markers."""

from __future__ import annotations

import re
import unicodedata

# Clerks write "nothing" in many ways; all of them mean an empty cell, never zero.
NOTHING_MARKERS = frozenset(
    {"", "-", "—", "――", "--", "/", "／", "无", "空", "N/A", "n/a", "NA", "nan", "None"}
)

_SPACES = re.compile(r"\s+")


def normalise(text: object) -> str:
    """NFKC-fold (１２→12, （→(, ：→:), drop every kind of whitespace inside, strip."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text))
    return _SPACES.sub("", folded).strip()


def is_nothing(value: object) -> bool:
    """True for a blank cell or one of the markers clerks use for "no value"."""
    if value is None:
        return True
    if isinstance(value, float) and value != value:  # NaN
        return True
    return normalise(value) in NOTHING_MARKERS or str(value).strip() in NOTHING_MARKERS


_HEADER_UNIT = re.compile(r"[(\[]([^()\[\]]*)[)\]]|/([^/]+)$")


def split_header(text: object) -> tuple[str, str | None]:
    """'总投资（亿元）', '总投资(亿元)', '总投资/亿元' -> ('总投资', '亿元');
    '企业名称' -> ('企业名称', None)."""
    flat = normalise(text)
    unit = None
    match = _HEADER_UNIT.search(flat)
    if match:
        unit = match.group(1) if match.group(1) is not None else match.group(2)
        flat = (flat[: match.start()] + flat[match.end() :]).strip()
    return flat, (unit or None)
