import pytest

from ingest.codes import clean_code
from schemas.identifiers import is_customs_code, is_valid_uscc

ROSTER_USCCS = [
    "9141110052601815XC",
    "91411102166131860J",
    "914111030996030893",
    "9141110019482199XC",
    "91411102909378654A",
    "91411103323194874E",
]


@pytest.mark.parametrize("code", ROSTER_USCCS)
def test_real_usccs_validate(code):
    assert is_valid_uscc(code)


@pytest.mark.parametrize(
    "code",
    [
        "9141110052601815XD",  # wrong check character
        "9141110052601815X",  # 17 characters
        "9141110052601815XCC",
        "914111005260I815XC",  # I is not in the character set
        "9141110052601815xc",  # callers clean first
    ],
)
def test_bad_usccs_fail(code):
    assert not is_valid_uscc(code)


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        (4111990830.0, "4111990830"),
        (4111990830, "4111990830"),
        ("4111990830.0", "4111990830"),
        (" 0101 0010 ", "01010010"),
        ("９１４１１１０２９０９３７８６５４ａ", "91411102909378654A"),
        ("-", None),
        (None, None),
    ],
)
def test_clean_code(cell, code):
    assert clean_code(cell) == code


@pytest.mark.parametrize("cell", [914111030996030893.0, "9.14111E+17"])
def test_code_that_lost_digits_in_a_number_cell(cell):
    with pytest.raises(ValueError, match="后几位已丢失"):
        clean_code(cell)


def test_customs_code():
    assert is_customs_code("4111990830")
    assert not is_customs_code("411199083")
    assert not is_customs_code("411199083X")
    assert not is_customs_code("４１１１９９０８３０")
