"""Conversions to a number as Windows PowerShell 5.1's LanguagePrimitives does them: ``[int]$x``, ``[byte]$x``,
``[double]$x``, ``[single]$x``, parameter binding to a numeric type, and a string operand of an arithmetic
operator (``"10" - 1``).

From 5.1's LanguagePrimitives.cs (PowerShell's commit 60b3b304f2):

- a number to another numeric type is ``Convert.ChangeType`` (ConvertNumeric): a Double or Decimal to an
  integer rounds half to even (``[int]2.5`` is 2, ``[int]3.5`` is 4: about_Arithmetic_Operators 5.1,
  "Division and rounding"), a value out of range is .NET's OverflowException inside 5.1's
  ``Cannot convert value "300" to type "System.Byte". Error: "Value was either too large or too small for an
  unsigned byte."`` (InvalidCastIConvertible);
- a string to an integer type is the type's TypeConverter (ConvertStringToInteger): leading and trailing white
  space and a sign, ``0x``/``&h``/``#`` hexadecimal (``[int]'0xFFFFFFFF'`` is -1); when that is not a number it
  goes through Double with the invariant culture (``[int]'3.5'`` is 4, ``[int]'1,000'`` is 1000, ``[int]'1e3'``
  is 1000), and fails with the first error's text (InvalidCastFromStringToInteger);
- a string to Double or Single is ``Double.Parse`` with NumberStyles.Float and AllowThousands, the invariant
  culture: no hexadecimal, no multiplier (InvalidCastFromStringToDoubleOrSingle);
- the empty string is 0, ``$null`` is 0, ``$true`` is 1.

An operator's string operand (``"0x1F" - 1``, ``"1kb" - 0``, ``" 12 " * 2``) is read by the tokenizer first
(Parser.ScanNumber: number literals with a sign, suffixes and multipliers), then converted as above.
.NET texts: https://learn.microsoft.com/dotnet/api/system.convert (OverflowException messages of mscorlib).
"""

from __future__ import annotations

import math
import re
from typing import Any

from labkit.twin import numeric_binder as NB
from labkit.twin.decimal_values import DecimalValue
from labkit.twin.objects import PSEnum
from labkit.twin.values import PSRuntimeError, cast_error, format_number

# mscorlib's OverflowException texts (Overflow_Byte, Overflow_Int32 ...)
OVERFLOW_TEXT = {
    NB.SBYTE: "Value was either too large or too small for a signed byte.",
    NB.BYTE: "Value was either too large or too small for an unsigned byte.",
    NB.INT16: "Value was either too large or too small for an Int16.",
    NB.UINT16: "Value was either too large or too small for a UInt16.",
    NB.INT32: "Value was either too large or too small for an Int32.",
    NB.UINT32: "Value was either too large or too small for a UInt32.",
    NB.INT64: "Value was either too large or too small for an Int64.",
    NB.UINT64: "Value was either too large or too small for a UInt64.",
    NB.CHAR: "Value was either too large or too small for a character.",
    NB.DOUBLE: "Value was either too large or too small for a Double.",
    NB.SINGLE: "Value was either too large or too small for a Single.",
    NB.DECIMAL: "Value was either too large or too small for a Decimal.",
}
BAD_FORMAT = "Input string was not in a correct format."
NO_DIGITS = "Could not find any recognizable digits."

CODES = {"system.sbyte": NB.SBYTE, "system.byte": NB.BYTE, "system.int16": NB.INT16, "system.uint16": NB.UINT16,
         "system.int32": NB.INT32, "system.uint32": NB.UINT32, "system.int64": NB.INT64, "system.uint64": NB.UINT64,
         "system.single": NB.SINGLE, "system.double": NB.DOUBLE}

_WS = " \t\n\v\f\r"                       # what .NET's number parsing takes as white space
_INTEGER = re.compile(r"[+-]?[0-9]+")     # NumberStyles.Integer (after trimming)
_FLOAT = re.compile(r"[+-]?(?=[0-9,]*\.?[0-9])(?:[0-9][0-9,]*)?(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?")   # Float | AllowThousands
_SYMBOLS = {"infinity": math.inf, "-infinity": -math.inf, "nan": math.nan}      # NumberFormatInfo.InvariantInfo


class _Failed(Exception):
    def __init__(self, text: str):
        super().__init__(text)
        self.text = text


def _error(value: Any, code: int, reason: str, error_id: str) -> PSRuntimeError:
    shown = value if isinstance(value, str) else format_number(value) if NB.type_code(value) else str(value)
    return cast_error(f'Cannot convert value "{shown}" to type "{NB.NAMES[code]}". Error: "{reason}"', error_id)


def _fit(n: int, code: int) -> int:
    lo, hi = NB.RANGES[code]
    if not lo <= n <= hi:
        raise _Failed(OVERFLOW_TEXT[code])
    return n


def _round_even(x: float) -> int:
    return int(round(x))      # Python rounds half to even, as Convert.ToInt32(Double) does


def number_to(value: Any, code: int) -> Any:
    """Convert.ChangeType of a number, [bool] or [char] to the numeric type ``code``; raises _Failed."""
    src = NB.type_code(value)
    if code in (NB.DOUBLE, NB.SINGLE):
        x = float(value.exact) if isinstance(value, DecimalValue) else NB._real(value)
        return NB.box(x, code)
    if src == NB.DECIMAL:
        n = int(value.exact.to_integral_value())      # decimal.Round(value, 0): half to even
        return NB.box(_fit(n, code), code)
    if src in (NB.SINGLE, NB.DOUBLE):
        x = float(value)
        if not math.isfinite(x):
            raise _Failed(OVERFLOW_TEXT[code])
        return NB.box(_fit(_round_even(x), code), code)
    return NB.box(_fit(NB.integer(value), code), code)


def _parse_double(text: str, code: int) -> float:
    """Double.Parse(text, Float | AllowThousands, invariant culture), .NET Framework (an overflow is an error)."""
    s = text.strip(_WS)
    special = _SYMBOLS.get(s.lower()) if s in ("Infinity", "-Infinity", "NaN") else None
    if special is not None:
        return special
    if not _FLOAT.fullmatch(s):
        raise _Failed(BAD_FORMAT)
    x = float(s.replace(",", ""))
    if math.isinf(x):
        raise _Failed(OVERFLOW_TEXT[NB.DOUBLE])
    return x


def _parse_integer(text: str, code: int) -> int:
    """The integer types' TypeConverter (BaseNumberConverter.ConvertFrom): hexadecimal after 0x, &h or #,
    else Parse with NumberStyles.Integer in en-US."""
    s = text.strip(_WS)
    hexa = s[1:] if s.startswith("#") else s[2:] if s[:2].lower() in ("0x", "&h") else None
    if hexa is not None:
        if not hexa or not re.fullmatch(r"[0-9a-fA-F]+", hexa):
            raise _Failed(NO_DIGITS)
        n = int(hexa, 16)
        lo, hi = NB.RANGES[code]
        if n > hi - lo:
            raise _Failed(OVERFLOW_TEXT[code])
        return n - (hi - lo + 1) if lo < 0 and n > hi else n        # Convert.ToInt32(s, 16): the bits
    if not _INTEGER.fullmatch(s):
        raise _Failed(BAD_FORMAT)
    return _fit(int(s), code)


def parse(text: str, code: int) -> Any:
    """``[int]::Parse(s)`` ... ``[double]::Parse(s)``: the type's Parse(String) in en-US (NumberStyles.Integer for the
    integer types: no hexadecimal, no decimal point; Float and AllowThousands for Double and Single); raises
    _Failed with .NET's text (https://learn.microsoft.com/dotnet/api/system.int32.parse#system-int32-parse(system-string))."""
    if code in (NB.DOUBLE, NB.SINGLE):
        return NB.box(_parse_double(text, code), code)
    s = text.strip(_WS)
    if not _INTEGER.fullmatch(s):
        raise _Failed(BAD_FORMAT)
    return NB.box(_fit(int(s), code), code)


def string_to(text: str, code: int) -> Any:
    """A string to the numeric type ``code`` (ConvertStringToInteger / ConvertStringToReal); raises PSRuntimeError."""
    if text == "":
        return NB.box(0, code)
    if code in (NB.DOUBLE, NB.SINGLE):
        try:
            return NB.box(_parse_double(text, code), code)
        except _Failed as e:
            raise _error(text, code, e.text, "InvalidCastFromStringToDoubleOrSingle") from None
    try:
        return NB.box(_parse_integer(text, code), code)
    except _Failed as e:
        if e.text in (BAD_FORMAT, NO_DIGITS):
            try:
                return number_to(_parse_double(text, NB.DOUBLE), code)      # ConvertNumericThroughDouble
            except _Failed:
                pass
        raise _error(text, code, e.text, "InvalidCastFromStringToInteger") from None


def string_to_decimal(text: str) -> DecimalValue:
    """``[decimal]'1.50'`` (ConvertStringToDecimal): Decimal.Parse with NumberStyles.Number, its scale kept; text it
    refuses goes through Double ('1e3' is 1000); a failure there reports Decimal.Parse's own error."""
    from labkit.twin.decimal_values import from_text
    if text == "":
        return DecimalValue(0)
    try:
        exact = from_text(text)
    except PSRuntimeError:
        raise _error(text, NB.DECIMAL, OVERFLOW_TEXT[NB.DECIMAL], "InvalidCastFromStringToDecimal") from None
    if exact is not None:
        return exact
    try:
        return DecimalValue(_parse_double(text, NB.DOUBLE))
    except (_Failed, PSRuntimeError):
        raise _error(text, NB.DECIMAL, BAD_FORMAT, "InvalidCastFromStringToDecimal") from None


def to_number_type(value: Any, code: int) -> Any:
    """``[T]$value`` for the numeric type ``code`` (not Decimal): $null is 0; raises PSRuntimeError with 5.1's text,
    or returns None when ``value`` is of a kind this module does not convert (the caller decides)."""
    if value is None:
        return NB.box(0, code)
    if isinstance(value, PSEnum):
        value = value.value
    if isinstance(value, str) and type(value).__name__ != "PSChar":
        return string_to(value, code)
    if NB.type_code(value) is None:
        return None
    try:
        return number_to(value, code)
    except _Failed as e:
        raise _error(value, code, e.text, "InvalidCastIConvertible") from None


def operand_number(text: str, other: Any) -> Any:
    """A string operand of an arithmetic, bitwise or comparison operator (Parser.ScanNumber): a number literal
    (sign, 0x, suffixes l and d, kb..pb), else converted to the other operand's numeric type (Int32 when that
    is not a number)."""
    from labkit.twin.number_literals import integer_literal, real_literal
    s = text.strip(_WS)
    if s == "":
        return 0
    n = integer_literal(s)
    if n is None:
        n = real_literal(s)
    if n is not None:
        return n
    code = NB.type_code(other)
    code = code if code is not None and NB.SBYTE <= code <= NB.DOUBLE else NB.INT32
    return string_to(s, code)
