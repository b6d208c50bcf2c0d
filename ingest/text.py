"""Text normalisation shared by every reader: full-width forms, stray spaces, "nothing" markers."""

from __future__ import annotations

import re
import unicodedata

from ingest.cells import RuleBroken

# Clerks write "nothing" in many ways; all of them mean an empty cell, never zero.
NOTHING_MARKERS = frozenset(
    {"", "-", "—", "――", "--", "/", "／", "无", "空", "N/A", "n/a", "NA", "nan", "None"}
)

# Characters that print as nothing: C0 and C1 controls (NUL...) and the zero-width and direction marks pasted in
# from web pages and chat. They carry no meaning in a name and only stop it from matching.
INVISIBLE = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff"
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_SPACES = re.compile(f"[\\s{INVISIBLE}]+")


def normalise(text: object) -> str:
    """NFKC-fold (１２→12, （→(, ：→:), drop every kind of whitespace and invisible character inside, strip."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text))
    if folded.isprintable():
        return folded.replace(" ", "")  # the one whitespace a printable string can hold
    return _SPACES.sub("", folded)


def clean_text(cell: object) -> str | None:
    """A text cell as stored: invisible characters removed, outer spaces stripped; None when the clerk wrote
    nothing. A cell of nothing but invisible characters is not a name: RuleBroken says so."""
    if cell is None:
        return None
    text = str(cell)
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
        if not text.strip():
            raise RuleBroken("control_characters", "单元格只有不可见的控制字符，没有内容，请重新填写 "
                                                   "(only control characters, no text)")
    return None if is_nothing(text) else text.strip()


def visible(text: str) -> str:
    """The text with each invisible character shown as its code (\\x00), for a message or a quarantine row."""
    return _INVISIBLE.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


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
