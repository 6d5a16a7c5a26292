"""``[decimal]``: System.Decimal as Windows PowerShell 5.1 computes and prints it.

A Decimal is a 96-bit integer and a scale of 0 to 28 (28-29 significant digits); its trailing zeros are part
of the value's text ("Trailing zeros in the fraction part of a decimal real literal are significant",
about_Numeric_Literals 5.1: ``1.30Dmb`` prints 1363148.80).
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_numeric_literals?view=powershell-5.1
https://learn.microsoft.com/dotnet/api/system.decimal

Arithmetic: when either operand is a Decimal the operation is Decimal's, a Double operand converted
to Decimal (the binder takes the larger TypeCode, and Decimal's is above Double's: ``BinaryNumericOp``
in Binders.cs of PowerShell's source); an overflow is a RuntimeException with .NET's text
(``DecimalOps`` in NumericOps.cs) instead of the widening to Double that Int32/Int64 get. Comparisons with a
Double compare the values without converting (Binders.cs, "Casting a double to decimal can overflow").

The twin keeps a Decimal as a ``float`` subclass (so every path that reads a number still reads it) with
its exact value in ``exact`` (Python's ``decimal.Decimal`` in a 28-digit context, rounding half to even as
.NET does); the arithmetic, comparison and text below use ``exact``.
"""

from __future__ import annotations

import decimal
import re
from decimal import Decimal
from typing import Any

MAX = Decimal(79228162514264337593543950335)          # Decimal.MaxValue
_CONTEXT = decimal.Context(prec=29, rounding=decimal.ROUND_HALF_EVEN, Emax=99, Emin=-99,
                           traps=[decimal.InvalidOperation, decimal.DivisionByZero])
_SCALE = Decimal(1).scaleb(-28)
OVERFLOW = "Value was either too large or too small for a Decimal."   # .NET's OverflowException text


def _overflow() -> Exception:
    """A Decimal beyond MaxValue: 5.1's RuntimeException with .NET's OverflowException text (DecimalOps)."""
    from labkit.twin.values import PSRuntimeError     # values imports this module
    return PSRuntimeError(OVERFLOW, "NotSpecified", "RuntimeException")


def _divide_by_zero() -> Exception:
    from labkit.twin.values import _divide_by_zero as error
    return error()


def exact_of(value: Any) -> Decimal:
    """A number as a Decimal, as .NET converts it (a Double through its 15 significant digits,
    https://learn.microsoft.com/dotnet/api/system.convert.todecimal#system-convert-todecimal(system-double))."""
    if isinstance(value, DecimalValue):
        return value.exact
    if isinstance(value, Decimal):
        return _fit(value)
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, int):
        return _fit(Decimal(value))
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise _overflow()
        return _fit(Decimal(format(value, ".15g")))
    return _fit(Decimal(str(value)))


def _fit(d: Decimal) -> Decimal:
    """The value Decimal can hold: a 96-bit integer (at most MaxValue) and a scale of 0 to 28, rounded half to
    even where the digits do not fit."""
    if d.copy_abs() > MAX:
        raise _overflow()
    sign, digits, exp = d.as_tuple()
    if not isinstance(exp, int):
        raise _overflow()
    if exp > 0:
        return Decimal(int(d))
    if exp < -28:
        d = d.quantize(_SCALE, context=_CONTEXT)
    while d.as_tuple().exponent < 0 and int("".join(map(str, d.as_tuple().digits)) or "0") > MAX:
        d = d.quantize(Decimal(1).scaleb(d.as_tuple().exponent + 1), context=_CONTEXT)
    return d


class DecimalValue(float):
    """A System.Decimal: a float for the code that only reads numbers, the exact value in ``exact``."""

    __slots__ = ("exact",)
    type_name = "System.Decimal"

    def __new__(cls, value: Any) -> "DecimalValue":
        exact = exact_of(value)
        obj = super().__new__(cls, float(exact))
        obj.exact = exact
        return obj

    def text(self) -> str:
        """Decimal.ToString(): the digits with the value's scale, never an exponent."""
        t = format(self.exact, "f")
        return t[1:] if t.startswith("-") and self.exact == 0 else t

    # -- arithmetic (DecimalOps) -------------------------------------------------------------------
    def _op(self, other: Any, fn: Any, reverse: bool = False) -> Any:
        if not isinstance(other, (int, float)):
            return NotImplemented
        a, b = self.exact, exact_of(other)
        if reverse:
            a, b = b, a
        try:
            r = fn(a, b)
        except (decimal.DivisionByZero, decimal.InvalidOperation):    # x / 0, x % 0, 0 / 0
            raise _divide_by_zero() from None
        return DecimalValue(r)

    def __add__(self, other: Any) -> Any:
        return self._op(other, _CONTEXT.add)

    def __radd__(self, other: Any) -> Any:
        return self._op(other, _CONTEXT.add, True)

    def __sub__(self, other: Any) -> Any:
        return self._op(other, _CONTEXT.subtract)

    def __rsub__(self, other: Any) -> Any:
        return self._op(other, _CONTEXT.subtract, True)

    def __mul__(self, other: Any) -> Any:
        return self._op(other, _CONTEXT.multiply)

    def __rmul__(self, other: Any) -> Any:
        return self._op(other, _CONTEXT.multiply, True)

    def __truediv__(self, other: Any) -> Any:
        return self._op(other, _CONTEXT.divide)

    def __rtruediv__(self, other: Any) -> Any:
        return self._op(other, _CONTEXT.divide, True)

    def __mod__(self, other: Any) -> Any:
        return self._op(other, _CONTEXT.remainder)       # the sign of the dividend, as C#'s %

    def __rmod__(self, other: Any) -> Any:
        return self._op(other, _CONTEXT.remainder, True)

    def __neg__(self) -> "DecimalValue":
        return DecimalValue(self.exact.copy_negate())

    def __pos__(self) -> "DecimalValue":
        return self

    def __abs__(self) -> "DecimalValue":
        return DecimalValue(self.exact.copy_abs())

    # -- comparison: exact against integers and Decimals, by value against a Double ------------------
    def _key(self, other: Any) -> Any:
        if isinstance(other, DecimalValue):
            return other.exact
        if isinstance(other, bool) or not isinstance(other, (int, float)):
            return None
        if isinstance(other, int):
            return Decimal(other)
        if other != other or other in (float("inf"), float("-inf")):
            return None
        return Decimal(format(other, ".15g"))     # a Double as it converts to Decimal: 0.1d -eq 0.1

    def __eq__(self, other: object) -> bool:
        k = self._key(other)
        return float.__eq__(self, other) if k is None else self.exact == k   # type: ignore[operator]

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __lt__(self, other: Any) -> bool:
        k = self._key(other)
        return float.__lt__(self, other) if k is None else self.exact < k

    def __le__(self, other: Any) -> bool:
        k = self._key(other)
        return float.__le__(self, other) if k is None else self.exact <= k

    def __gt__(self, other: Any) -> bool:
        k = self._key(other)
        return float.__gt__(self, other) if k is None else self.exact > k

    def __ge__(self, other: Any) -> bool:
        k = self._key(other)
        return float.__ge__(self, other) if k is None else self.exact >= k

    def __hash__(self) -> int:
        return hash(self.exact)

    def is_integer(self) -> bool:
        return self.exact == self.exact.to_integral_value()

    def __repr__(self) -> str:
        return f"DecimalValue('{self.text()}')"


def parse_literal(digits: str, multiplier: int) -> DecimalValue | None:
    """A number literal with the d suffix: Decimal.TryParse of its digits times its multiplier
    (5.1's tokenizer, TryGetNumberValue); None where Decimal cannot hold it (5.1: not a number)."""
    value = _CONTEXT.multiply(Decimal(digits), Decimal(multiplier))
    if value.copy_abs() > MAX:
        return None
    return DecimalValue(value)


def rounded(value: DecimalValue, digits: int, away_from_zero: bool) -> DecimalValue:
    """[math]::Round(decimal, digits[, mode]): Decimal's own overload, half to even unless AwayFromZero
    (https://learn.microsoft.com/dotnet/api/system.math.round#system-math-round(system-decimal-system-int32))."""
    mode = decimal.ROUND_HALF_UP if away_from_zero else decimal.ROUND_HALF_EVEN
    exact = value.exact
    if -exact.as_tuple().exponent <= digits:        # already within the digits: unchanged, scale kept
        return value
    return DecimalValue(exact.quantize(Decimal(1).scaleb(-digits), rounding=mode))


def integral(value: DecimalValue, how: str) -> DecimalValue:
    """[math]::Floor / Ceiling / Truncate of a Decimal: a Decimal without fraction."""
    mode = {"floor": decimal.ROUND_FLOOR, "ceiling": decimal.ROUND_CEILING, "truncate": decimal.ROUND_DOWN}[how]
    return DecimalValue(value.exact.to_integral_value(rounding=mode))


# NumberStyles.Number: white space, a leading or trailing sign, a decimal point, group separators; no exponent
# (https://learn.microsoft.com/dotnet/api/system.globalization.numberstyles)
_DECIMAL_TEXT = re.compile(r"\s*(?P<lead>[+-]?)(?P<num>\d[\d,]*\.?\d*|\.\d+)(?P<trail>[+-]?)\s*")


def from_text(text: str) -> DecimalValue | None:
    """``[decimal]'1.50'``: Decimal.Parse of the invariant text (NumberStyles.Number), its scale kept (1.50,
    '1,000.50' is 1000.50); None for text in another form ('1e3': 5.1 converts it through Double)."""
    m = _DECIMAL_TEXT.fullmatch(text)
    if not m or (m["lead"] and m["trail"]):
        return None
    negative = "-" in (m["lead"] + m["trail"])
    return DecimalValue(Decimal(("-" if negative else "") + m["num"].replace(",", "")))
