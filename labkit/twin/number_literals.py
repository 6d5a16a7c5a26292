"""Number literals as Windows PowerShell 5.1's tokenizer reads them.

about_Numeric_Literals 5.1 (suffixes l and d, multipliers kb..pb; an integer literal without a suffix is
Int32, else Int64, else Decimal, else Double; a real literal is Double, with d Decimal; "The syntax permits
a double real literal to have a long-type suffix ... 1.2L has value 1"):
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_numeric_literals?view=powershell-5.1

The rules below follow the 5.1 tokenizer's ``ScanNumberHelper`` / ``TryGetNumberValue`` (PowerShell's first
open-source commit 60b3b304f2, the 5.1 code): the type is picked from the digits alone, then the value times the
multiplier takes the smallest of Int32, Int64, Decimal, Double that holds it and is not below the digits' type;
a d suffix is ``Decimal.TryParse(digits) * multiplier``; a real literal is ``Double.Parse(digits) * multiplier``,
with l ``Convert.ToInt64`` of it (rounding half to even) times the multiplier. The suffixes 6.2/7 added (u, ul,
y, uy, s, us, n) and 0b binary literals are not 5.1's (the parser reads them as barewords).
"""

from __future__ import annotations

import re
from typing import Any

from labkit.twin.decimal_values import MAX as DECIMAL_MAX
from labkit.twin.decimal_values import DecimalValue, parse_literal
from labkit.twin.values import PSRuntimeError

_MULTIPLIERS = {"": 1, "kb": 1024, "mb": 1024**2, "gb": 1024**3, "tb": 1024**4, "pb": 1024**5}
_LITERAL = re.compile(r"(?i)(?P<hex>0x)?(?P<digits>[0-9a-f.e+-]*?)(?P<suffix>l|d)?(?P<mult>kb|mb|gb|tb|pb)?")
_I32 = 2**31
_I64 = 2**63


def integer_literal(text: str) -> Any:
    """The value of a decimal or hexadecimal integer literal (``4``, ``4d``, ``0x10L``, ``1dkb``, ``482gb``),
    or None when the text is not one."""
    if text[:1] in "+-":
        v = integer_literal(text[1:])
        return v if v is None or text[0] == "+" else -v
    m = _LITERAL.fullmatch(text)
    if m is None:
        return None
    hexa, digits, suffix, mult = bool(m["hex"]), m["digits"], (m["suffix"] or "").lower(), _MULTIPLIERS[(m["mult"] or "").lower()]
    if hexa:
        if suffix == "d":                      # 0x1e2D: D is a hex digit (the table of about_Numeric_Literals: 7725)
            digits, suffix = digits + m["suffix"], ""
        if not re.fullmatch(r"(?i)[0-9a-f]+", digits):
            return None
        n = int(digits, 16)
        if suffix == "l":
            if n >= 2**64:
                return None
            n = n - 2**64 if n >= _I64 else n              # long.TryParse(hex): the bits of an Int64
            return _int64(n * mult)
        if n < 2**32:
            n = n - 2**32 if n >= _I32 else n              # int.TryParse(hex): the bits of an Int32 (0xFFFFFFFF is -1)
            kind = 32
        elif n < 2**64:
            n = n - 2**64 if n >= _I64 else n
            kind = 64
        else:
            return None                                    # Decimal does not parse hex: not a number in 5.1
        return _smallest(n * mult, kind)
    if not digits.isdigit():
        return None
    if suffix == "d":
        return parse_literal(digits, mult)
    n = int(digits)
    if suffix == "l":
        return _int64(n * mult) if n < _I64 else None
    kind = 32 if n < _I32 else 64 if n < _I64 else 128 if n <= DECIMAL_MAX else 0
    if kind == 0:
        return float(n) * mult                           # beyond Decimal: a Double
    return _smallest(n * mult, kind)


def real_literal(text: str) -> Any:
    """The value of a real literal (``1.5``, ``1e3``, ``1.30Dmb``, ``1.5kb``, ``1.2L``), or None."""
    if text[:1] in "+-":
        v = real_literal(text[1:])
        return v if v is None or text[0] == "+" else -v
    m = _LITERAL.fullmatch(text)
    if m is None or m["hex"]:
        return None
    digits, suffix, mult = m["digits"], (m["suffix"] or "").lower(), _MULTIPLIERS[(m["mult"] or "").lower()]
    if not re.fullmatch(r"(?i)(\d+\.?\d*|\.\d+)(e[+-]?\d+)?", digits):
        return None
    if suffix == "d":
        try:
            return parse_literal(digits, mult)
        except PSRuntimeError:
            return None      # Decimal.TryParse fails: 1e400d
    value = float(digits)
    if value in (float("inf"), float("-inf")):
        return None          # Double.TryParse on .NET Framework fails on an overflow: 1e400 is not a number in 5.1
    if suffix == "l":
        return _int64(_round_half_even(value) * mult)
    return value * mult


def _round_half_even(x: float) -> int:
    return int(round(x))          # Python's round is half to even, as Convert.ToInt64(Double)


def _smallest(n: int, kind: int) -> Any:
    """Int32, Int64, Decimal or Double: the first that holds ``n`` and is not below the digits' type."""
    if kind <= 32 and -_I32 <= n < _I32:
        return n
    if kind <= 64 and -_I64 <= n < _I64:
        return n if not -_I32 <= n < _I32 else _int64(n)
    if abs(n) <= DECIMAL_MAX:
        return DecimalValue(n)
    return float(n)


def _int64(n: int) -> Any:
    from labkit.twin.dotnet_values import Int64Value     # dotnet_values imports the parser's neighbours
    return Int64Value(n)
