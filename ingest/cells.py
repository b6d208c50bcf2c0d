"""What a cell can hold besides a plain value, and a cell breaking a rule of its own."""

from __future__ import annotations

# What Excel shows for a formula that failed. In an .xlsx or .xls they are typed error cells; a CSV saved by
# Excel holds them as text.
EXCEL_ERRORS = frozenset({
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!",
    "#FIELD!", "#BLOCKED!", "#CONNECT!", "#UNKNOWN!", "#BUSY!",
})


class ExcelError(str):
    """An Excel error value (#DIV/0!, #REF!...) in a grid. It reads as its text wherever a string is expected
    (a header, a label), and coercion quarantines it wherever a value is expected."""

    __slots__ = ()


class RuleBroken(ValueError):
    """A cell that cannot be coerced for a reason with its own rule code (a date outside the plausible window),
    rather than the rule of the coercion that read it."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.rule = rule
