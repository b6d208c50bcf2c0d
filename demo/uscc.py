"""Unified social credit codes (统一社会信用代码, GB 32100-2015) for the demo's invented enterprises.

The ingester quarantines a code whose check character is wrong, so every code the demo invents must be valid
(except the one deliberately bad row); the organisation-code part also carries its own GB 11714 check digit
so the codes look like the real ones in the roster.
"""

from __future__ import annotations

import random

from stdnum.cn.uscc import calc_check_digit

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def _org_check_digit(first8: str) -> str:
    remainder = 11 - sum(int(d) * w for d, w in zip(first8, _ORG_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(remainder, str(remainder))


def invent(rng: random.Random, area: str = "411102") -> str:
    """A valid enterprise code (9 = market regulator, 1 = enterprise) registered in the given area code."""
    org = "".join(rng.choice("0123456789") for _ in range(8))
    first17 = "91" + area + org + _org_check_digit(org)
    return first17 + calc_check_digit(first17)


def spoil(code: str) -> str:
    """The same code with a wrong check character: the clerk's typo the quarantine must catch."""
    wrong = CHARSET[(CHARSET.index(code[17]) + 7) % len(CHARSET)]
    return code[:17] + wrong
