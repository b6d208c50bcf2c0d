"""The one exception for a file that cannot be read at all."""

from __future__ import annotations


class UnreadableFile(ValueError):
    """The whole file cannot be read; str() tells the clerk why (and which file, where the raiser knows it).

    A ValueError, so code that already turns a ValueError of a decoder into a rejection keeps doing so.
    """
