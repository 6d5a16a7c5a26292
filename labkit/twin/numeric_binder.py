"""PowerShell 5.1's numeric binder: the type and value of ``+ - * / %``, ``-band -bor -bxor -shl -shr``
and ``-bnot`` on numbers, and how a string becomes a number for them.

about_Arithmetic_Operators 5.1 ("PowerShell automatically converts the result to a type that can hold it",
"If the result of an integer division is not an integer, it is a Double", [int]::MaxValue + 1 is a Double):
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_arithmetic_operators?view=powershell-5.1

The rules are those of ``PSBinaryOperationBinder.BinaryNumericOp`` / ``BinaryBitwiseOp`` / ``Shift`` and
``PSUnaryOperationBinder.BNot`` (engine/runtime/Binding/Binders.cs) and of ``IntOps``, ``UIntOps``,
``LongOps``, ``ULongOps``, ``DecimalOps`` and ``DoubleOps`` (engine/runtime/Operations/NumericOps.cs) in
PowerShell's first open-source commit 60b3b304f2, the 5.1 code:

- the operation is done in the operand type with the larger TypeCode (Boolean 3, Char 4, SByte 5, Byte 6,
  Int16 7, UInt16 8, Int32 9, UInt32 10, Int64 11, UInt64 12, Single 13, Double 14, Decimal 15); below
  Int32 it is Int32's, Single is Double's, so ``[byte]1 + [byte]1`` is an Int32 and ``[single]1 + 1`` a Double;
- an integer result that does not fit the operation's type is a Double (``[int]::MaxValue + 1``,
  ``[uint32]5 - 6``); an integer division that leaves a remainder is a Double (``7 / 2`` is 3.5);
- UInt32 with a negative signed operand is done in Int64, UInt64 with one in Decimal (back to Double when
  the Decimal overflows): ``[uint64]5 + -1`` is a Decimal;
- Decimal overflows and divisions by zero are errors with .NET's texts; a Double divided by zero is
  Infinity or NaN.

The twin's values: ``int`` is Int32 (Int64 beyond Int32's range), ``float`` Double, and the classes of
:mod:`labkit.twin.dotnet_values` (Int64Value, UInt64Value, ...) and
:class:`~labkit.twin.decimal_values.DecimalValue` carry the other types.
"""

from __future__ import annotations

import math
import struct
from typing import Any, Callable

from labkit.twin.decimal_values import DecimalValue

# System.TypeCode (https://learn.microsoft.com/dotnet/api/system.typecode)
BOOLEAN, CHAR, SBYTE, BYTE, INT16, UINT16, INT32, UINT32, INT64, UINT64, SINGLE, DOUBLE, DECIMAL = range(3, 16)

NAMES = {BOOLEAN: "System.Boolean", CHAR: "System.Char", SBYTE: "System.SByte", BYTE: "System.Byte",
         INT16: "System.Int16", UINT16: "System.UInt16", INT32: "System.Int32", UINT32: "System.UInt32",
         INT64: "System.Int64", UINT64: "System.UInt64", SINGLE: "System.Single", DOUBLE: "System.Double",
         DECIMAL: "System.Decimal"}

RANGES = {SBYTE: (-2**7, 2**7 - 1), BYTE: (0, 2**8 - 1), INT16: (-2**15, 2**15 - 1), UINT16: (0, 2**16 - 1),
          INT32: (-2**31, 2**31 - 1), UINT32: (0, 2**32 - 1), INT64: (-2**63, 2**63 - 1), UINT64: (0, 2**64 - 1),
          CHAR: (0, 2**16 - 1)}

# the twin's classes of each .NET number type (labkit.twin.dotnet_values, which imports values, which imports this
# module: filled on first use)
_CLASSES: dict[type, int] = {}
_BOXES: dict[int, Callable[[Any], Any]] = {}
_SIGNED = frozenset({SBYTE, INT16, INT32, INT64})


def _load_classes() -> None:
    from labkit.twin import dotnet_values as D
    _BOXES.update({INT64: D.Int64Value, UINT64: D.UInt64Value, UINT32: D.UInt32Value, INT16: D.Int16Value,
                   UINT16: D.UInt16Value, BYTE: D.ByteValue, SBYTE: D.SByteValue, SINGLE: D.SingleValue, CHAR: D.PSChar})
    _CLASSES.update({cls: code for code, cls in _BOXES.items()})
    _CLASSES[DecimalValue] = DECIMAL


def type_code(value: Any) -> int | None:
    """The TypeCode of a number, [bool] or [char]; None for anything else (strings, $null, enums, objects)."""
    t = type(value)
    if t is int:
        return INT32 if -2**31 <= value < 2**31 else INT64 if -2**63 <= value < 2**63 else UINT64
    if t is float:
        return DOUBLE
    if t is bool:
        return BOOLEAN
    if not _CLASSES:
        _load_classes()
    return _CLASSES.get(t)


def box(n: int | float, code: int) -> Any:
    """A Python number as the twin's value of the .NET type ``code`` (the caller made it fit)."""
    if code == INT32:
        return int(n)
    if code == DOUBLE:
        return float(n)
    if code == SINGLE:
        return single(n)
    if code == DECIMAL:
        return n if isinstance(n, DecimalValue) else DecimalValue(n)
    if code == BOOLEAN:
        return bool(n)
    if not _BOXES:
        _load_classes()
    if code == CHAR:
        return _BOXES[CHAR](chr(int(n)))
    return _BOXES[code](int(n))


def single(x: float) -> Any:
    """A Double narrowed to System.Single (IEEE binary32, rounding to nearest): [single]0.1 is 0.100000001490116."""
    if math.isfinite(x) and abs(x) < 3.4028235677973366e38:
        x = struct.unpack("<f", struct.pack("<f", x))[0]
    elif math.isfinite(x):
        x = math.copysign(math.inf, x)
    if not _BOXES:
        _load_classes()
    return _BOXES[SINGLE](x)


def integer(value: Any) -> int:
    """The integer value of an integral operand ([bool] is 0/1, [char] its code)."""
    if isinstance(value, str):
        return ord(value)           # a [char]
    return int(value)


def _real(value: Any) -> float:
    return float(integer(value)) if type(value) is bool or isinstance(value, str) else float(value)


def _remainder(x: int, y: int) -> int:
    """C#'s ``%``: the sign of the dividend."""
    r = abs(x) % abs(y)
    return -r if x < 0 else r


def _double_op(op: str, x: float, y: float) -> float:
    """DoubleOps: IEEE results, no error on division by zero."""
    if op == "+":
        return x + y
    if op == "-":
        return x - y
    if op == "*":
        return x * y
    if op == "/":
        if y == 0:
            return math.nan if x == 0 or math.isnan(x) else math.copysign(math.inf, x) * math.copysign(1.0, y)
        return x / y
    if y == 0 or math.isinf(x) or math.isnan(x) or math.isnan(y):
        return math.nan
    return math.fmod(x, y)


def _decimal_op(op: str, a: Any, b: Any) -> DecimalValue:
    x, y = DecimalValue(a), DecimalValue(b)
    return {"+": x.__add__, "-": x.__sub__, "*": x.__mul__, "/": x.__truediv__, "%": x.__mod__}[op](y)


def _integer_op(op: str, x: int, y: int, code: int) -> Any:
    """IntOps / UIntOps / LongOps / ULongOps: the exact result in ``code`` when it fits, else a Double."""
    lo, hi = RANGES[code]
    if op == "/":
        if y == 0:
            raise _divide_by_zero()
        if _remainder(x, y) == 0:
            q = x // y
            return box(q, code) if lo <= q <= hi else float(x) / float(y)   # MinValue / -1
        return float(x) / float(y)
    if op == "%":
        if y == 0:
            raise _divide_by_zero()
        return box(_remainder(x, y), code)                                   # MinValue % -1 is 0
    r = x + y if op == "+" else x - y if op == "-" else x * y
    return box(r, code) if lo <= r <= hi else float(r)


def _for_decimal(value: Any) -> Any:
    return integer(value) if type(value) is bool or isinstance(value, str) else value


def arithmetic(op: str, left: Any, right: Any) -> Any:
    """``left op right`` for two operands that :func:`type_code` knows; ``op`` is one of ``+ - * / %``."""
    if type(left) is int and type(right) is int and -2**31 <= left < 2**31 and -2**31 <= right < 2**31:
        return _integer_op(op, left, right, INT32)         # two Int32s: the common case, IntOps
    lc, rc = type_code(left), type_code(right)
    assert lc is not None and rc is not None
    code = max(lc, rc)
    if code == DECIMAL:
        return _decimal_op(op, _for_decimal(left), _for_decimal(right))
    if code >= SINGLE:
        return _double_op(op, _real(left), _real(right))
    x, y = integer(left), integer(right)
    if code <= INT32:
        return _integer_op(op, x, y, INT32)
    if code in (UINT32, UINT64):
        # FigureSignedUnsignedInt: a negative signed operand moves UInt32 to Int64 and UInt64 to Decimal
        negative = (lc in _SIGNED and x < 0) or (rc in _SIGNED and y < 0)
        if negative and code == UINT32:
            return _integer_op(op, x, y, INT64)
        if negative:
            try:
                return _decimal_op(op, x, y)
            except PSRuntimeError as e:
                if e.error_id != "RuntimeException" or "too large or too small" not in str(e):
                    raise
                return _double_op(op, float(x), float(y))     # the Decimal overflowed: Double's result
        return _integer_op(op, x, y, code)
    return _integer_op(op, x, y, INT64)


def compare(left: Any, right: Any) -> int | None:
    """-1/0/1 of two numbers as the binder compares them (None when a NaN makes them unordered): integers
    exactly, a Single or Double against an integer as Doubles (DoubleOps.CompareEq ...), a Decimal against a
    Double by value (DecimalOps.CompareEq1)."""
    lc, rc = type_code(left), type_code(right)
    assert lc is not None and rc is not None
    code = max(lc, rc)
    if code in (SINGLE, DOUBLE):
        a, b = _real(left), _real(right)
    elif code == DECIMAL:
        a, b = DecimalValue(_for_decimal(left)) if lc != DOUBLE and lc != SINGLE else _real(left), \
            DecimalValue(_for_decimal(right)) if rc != DOUBLE and rc != SINGLE else _real(right)
    else:
        a, b = integer(left), integer(right)
    if a != a or b != b:
        return None
    return (a > b) - (a < b)


# -- bitwise ---------------------------------------------------------------------------------------

def _bitwise_type(code: int) -> int:
    """GetBitwiseOpType: Int32 up to Int32, then UInt32, Int64, UInt64."""
    return INT32 if code <= INT32 else code if code in (UINT32, INT64) else UINT64


def _wrap(n: int, code: int) -> int:
    """An unchecked conversion to the integral type ``code`` (its low bits, two's complement)."""
    lo, hi = RANGES[code]
    bits = (hi - lo).bit_length()
    n &= (1 << bits) - 1
    return n - (1 << bits) if lo < 0 and n > hi else n


def _invalid_cast(value: Any, code: int) -> PSRuntimeError:
    """LanguagePrimitives.ThrowInvalidCastException: the value cannot be an integer of that type."""
    from labkit.twin.values import cast_error, format_number
    return cast_error(f'Cannot convert the "{format_number(value)}" value of type "{NAMES[type_code(value) or DOUBLE]}" '
                      f'to type "{NAMES[code]}".', "InvalidCastException")


def _to_integer(value: Any, code: int) -> int:
    """LanguagePrimitives.ConvertTo<integer>(a Double or Decimal): rounded half to even, or the .NET overflow."""
    from labkit.twin.values import convert
    return integer(convert(value, {INT32: "int32", UINT32: "uint32", INT64: "int64", UINT64: "uint64"}[code]))


def _real_bits(value: Any) -> tuple[int, int]:
    """A Double's or Decimal's integer and type for -bnot and the shifts (DoubleOps/DecimalOps BNot, LeftShift):
    the first of Int32, UInt32, Int64, UInt64 whose range holds it."""
    v = value if isinstance(value, DecimalValue) else _real(value)
    for code in (INT32, UINT32, INT64, UINT64):
        lo, hi = RANGES[code]
        if lo <= v <= hi:
            return _to_integer(value, code), code
    raise _invalid_cast(value, INT32 if isinstance(value, DecimalValue) else UINT64)


def _real_to_ulong(value: Any) -> int:
    """ConvertToUlong of DoubleOps/DecimalOps: a negative value through Int64, its bits as UInt64."""
    if value < 0:
        return _wrap(_to_integer(value, INT64), UINT64)
    return _to_integer(value, UINT64)


def bitwise(op: str, left: Any, right: Any) -> Any:
    """``-band -bor -bxor`` of two operands that :func:`type_code` knows."""
    lc, rc = type_code(left), type_code(right)
    assert lc is not None and rc is not None
    code = max(lc, rc)
    fn: Callable[[int, int], int] = {"-band": int.__and__, "-bor": int.__or__, "-bxor": int.__xor__}[op]
    if code >= SINGLE:
        a = _for_decimal(left) if code == DECIMAL else _real(left)
        b = _for_decimal(right) if code == DECIMAL else _real(right)
        r = fn(_real_to_ulong(a), _real_to_ulong(b))
        return box(_wrap(r, INT64), INT64) if a < 0 or b < 0 else box(r, UINT64)
    ot = _bitwise_type(code)
    return box(_wrap(fn(_wrap(integer(left), ot), _wrap(integer(right), ot)), ot), ot)


def shift(op: str, value: Any, count: int) -> Any:
    """``-shl`` / ``-shr`` of a number by an Int32 count: in the value's own type (Expression.LeftShift keeps the
    left operand's type, so a Byte stays a Byte and wraps) with the count masked to 5 bits below Int64, 6 from it;
    a Double or Decimal in the first of Int32, UInt32, Int64, UInt64 that holds it."""
    code = type_code(value)
    assert code is not None
    if code >= SINGLE:
        n, code = _real_bits(_for_decimal(value) if code == DECIMAL else _real(value))
    else:
        n = integer(value)
    count &= 0x1F if code < INT64 else 0x3F
    r = n << count if op == "-shl" else n >> count
    return box(_wrap(r, code), code)


def bnot(value: Any) -> Any:
    """``-bnot`` of a number, [bool] or [char] (PSUnaryOperationBinder.BNot): below Int32 in Int32, integers in
    their own type, a Double or Decimal in the first of Int32, UInt32, Int64, UInt64 that holds it."""
    code = type_code(value)
    assert code is not None
    if code >= SINGLE:
        n, code = _real_bits(_for_decimal(value) if code == DECIMAL else _real(value))
    else:
        n = integer(value)
        code = max(code, INT32)
    return box(_wrap(~n, code), code)


# -- unary minus and plus --------------------------------------------------------------------------

def negate(value: Any) -> Any:
    """Unary ``-`` of a number (Expression.Negate in its own type, unchecked; Byte and SByte as Int32)."""
    code = type_code(value)
    assert code is not None and code not in (BOOLEAN, CHAR)
    if code == DECIMAL:
        return -value
    if code >= SINGLE:
        return box(-_real(value), code)
    if code in (UINT32, UINT64, UINT16):
        raise PSRuntimeError(f"Unary minus of a {NAMES[code]} is not emulated by the twin.", "NotImplemented",
                             "NotEmulated")
    if code in (BYTE, SBYTE):
        code = INT32
    return box(_wrap(-integer(value), code), code)


def unary_plus(value: Any) -> Any:
    """Unary ``+`` of a number: itself (Byte and SByte become Int32)."""
    code = type_code(value)
    assert code is not None
    return int(value) if code in (BYTE, SBYTE) else value


from labkit.twin.values import PSRuntimeError, _divide_by_zero  # noqa: E402  (values imports this module)
