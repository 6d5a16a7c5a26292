"""PowerShell value semantics: truthiness, string conversion, casts,
comparison and arithmetic, as Windows PowerShell applies them.

Python stands in for .NET: ``str`` (String), ``int`` (Int32/Int64/UInt64),
``float`` (Double), ``bool``, ``None`` ($null), ``list`` (Object[]),
:class:`PSHashtable` (Hashtable, case-insensitive keys), ``datetime``
(DateTime), ``timedelta`` (TimeSpan), :class:`~labkit.twin.objects.PSObject`
and :class:`~labkit.twin.objects.PSEnum`.
"""

from __future__ import annotations

import fnmatch
import math
import re
from datetime import datetime, timedelta
from typing import Any, Iterable, Iterator

from labkit.twin.decimal_values import DecimalValue
from labkit.twin.net_regex import IGNORECASE, NetRegex, NetRegexError, NetRegexNotEmulated, compile_pattern
from labkit.twin.objects import COMPARES_AS_STRING, PSEnum, PSObject


class PSRuntimeError(Exception):
    """A runtime error inside an expression (bad cast, bad operator ...):
    becomes a statement-terminating error record in the interpreter."""

    def __init__(self, message: str, category: str = "InvalidOperation", error_id: str = "RuntimeException"):
        self.category, self.error_id = category, error_id
        super().__init__(message)


class PSHashtable(dict):
    """A hashtable: keys case-insensitive when they are strings, insertion order kept."""

    __slots__ = ("_keys", "version")

    def __init__(self, items: Iterable[tuple[Any, Any]] | dict | None = None):
        super().__init__()
        self._keys: dict[Any, Any] = {}
        # .NET's Hashtable/Dictionary _version: every write, an overwrite too (.NET Framework 4.8's Insert), so
        # an enumeration of Keys or Values in progress fails at its next step (labkit/twin/enumeration.py)
        self.version = 0
        if items:
            for k, v in (items.items() if isinstance(items, dict) else items):
                self[k] = v

    @staticmethod
    def _norm(key: Any) -> Any:
        return key.lower() if isinstance(key, str) else key

    def __setitem__(self, key: Any, value: Any) -> None:
        n = self._norm(key)
        real = self._keys.setdefault(n, key)
        super().__setitem__(real, value)
        self.version += 1

    def __getitem__(self, key: Any) -> Any:
        return super().__getitem__(self._keys[self._norm(key)])

    def get(self, key: Any, default: Any = None) -> Any:
        real = self._keys.get(self._norm(key), _MISSING)
        return default if real is _MISSING else super().__getitem__(real)

    def __contains__(self, key: object) -> bool:
        return self._norm(key) in self._keys

    def __delitem__(self, key: Any) -> None:
        real = self._keys.pop(self._norm(key))
        super().__delitem__(real)
        self.version += 1

    def pop(self, key: Any, *default: Any) -> Any:
        if key in self:
            v = self[key]
            del self[key]
            return v
        if default:
            return default[0]
        raise KeyError(key)

    def copy(self) -> "PSHashtable":
        return PSHashtable(self)

    def clear(self) -> None:
        super().clear()
        self._keys.clear()
        self.version += 1

    __hash__ = object.__hash__  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        return self is other


_MISSING = object()


class ScriptBlock:
    """A script block value: the compiled block and its source text."""

    __slots__ = ("script", "text")

    def __init__(self, script: Any, text: str):
        self.script, self.text = script, text

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"ScriptBlock({{{self.text[:40]}}})"


class SwitchValue:
    """Marker type name for [switch] casts; values are plain bool."""


# -- type names ------------------------------------------------------------------

# Canonical lowercase names for type accelerators and .NET type names.
_TYPE_ALIASES = {
    "string": "string", "system.string": "string",
    "int": "int32", "int32": "int32", "system.int32": "int32",
    "long": "int64", "int64": "int64", "system.int64": "int64",
    "uint64": "uint64", "ulong": "uint64", "system.uint64": "uint64",
    "uint32": "uint32", "uint": "uint32", "system.uint32": "uint32",
    "uint16": "uint16", "int16": "int16", "byte": "byte", "sbyte": "sbyte",
    "double": "double", "float": "double", "single": "double", "decimal": "double", "system.double": "double",
    "bool": "bool", "boolean": "bool", "system.boolean": "bool",
    "switch": "switch", "switchparameter": "switch", "system.management.automation.switchparameter": "switch",
    "scriptblock": "scriptblock", "system.management.automation.scriptblock": "scriptblock",
    "object": "object", "system.object": "object", "psobject": "object", "pscustomobject": "pscustomobject",
    "hashtable": "hashtable", "system.collections.hashtable": "hashtable", "ordered": "ordered",
    "array": "array", "datetime": "datetime", "system.datetime": "datetime",
    "timespan": "timespan", "system.timespan": "timespan",
    "char": "char", "void": "void", "guid": "string", "version": "string", "uri": "string",
    "ipaddress": "string", "regex": "string", "type": "object", "math": "math",
}

# .NET names for messages.
_NET_NAMES = {
    "string": "System.String", "int32": "System.Int32", "int64": "System.Int64", "uint64": "System.UInt64",
    "uint32": "System.UInt32", "uint16": "System.UInt16", "int16": "System.Int16", "byte": "System.Byte", "sbyte": "System.SByte",
    "double": "System.Double", "bool": "System.Boolean", "switch": "System.Management.Automation.SwitchParameter",
    "scriptblock": "System.Management.Automation.ScriptBlock", "object": "System.Object",
    "hashtable": "System.Collections.Hashtable", "datetime": "System.DateTime", "timespan": "System.TimeSpan",
    "char": "System.Char", "pscustomobject": "System.Management.Automation.PSObject",
}

_INT_RANGES = {
    "int32": (-2**31, 2**31 - 1), "int64": (-2**63, 2**63 - 1), "uint64": (0, 2**64 - 1),
    "uint32": (0, 2**32 - 1), "uint16": (0, 2**16 - 1), "int16": (-2**15, 2**15 - 1), "byte": (0, 255),
    "sbyte": (-128, 127),
}


def canonical_type(name: str) -> tuple[str | None, bool]:
    """``('int32', False)`` for ``int``; ``('string', True)`` for ``string[]``;
    ``(None, is_array)`` for a type the twin does not know (enums, CIM types ...)."""
    n = name.strip().lower()
    is_array = n.endswith("[]")
    if is_array:
        n = n[:-2]
    return _TYPE_ALIASES.get(n), is_array


def net_type_name(name: str) -> str:
    canon, arr = canonical_type(name)
    base = _NET_NAMES.get(canon or "", name.rstrip("[]"))
    return base + ("[]" if arr else "")


def type_of(value: Any) -> str:
    """The .NET type name of a value, for messages and GetType()."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "System.Boolean"
    if isinstance(value, int):
        if type(value) is not int:
            return type(value).type_name    # type: ignore[attr-defined]  ([long]5 ...: dotnet_values' number types)
        return "System.Int32" if -2**31 <= value < 2**31 else "System.Int64"
    if isinstance(value, float):
        return "System.Double" if type(value) is float else type(value).type_name   # type: ignore[attr-defined]
    if isinstance(value, str):
        return getattr(value, "type_name", "System.String")
    if isinstance(value, list):
        return "System.Object[]"
    if isinstance(value, PSHashtable):
        return "System.Collections.Hashtable"
    if isinstance(value, datetime):
        return "System.DateTime"
    if isinstance(value, timedelta):
        return "System.TimeSpan"
    if isinstance(value, ScriptBlock):
        return "System.Management.Automation.ScriptBlock"
    if isinstance(value, PSEnum):
        return value.type_name
    if isinstance(value, PSObject):
        return value.type_name
    return getattr(value, "type_name", None) or ("System.RuntimeType" if type(value).__name__ == "PSType" else type(value).__name__)


# -- enumeration -------------------------------------------------------------------

def is_enumerable(value: Any) -> bool:
    """Whether the pipeline unrolls it (arrays yes; strings and hashtables no)."""
    return isinstance(value, (list, tuple))


def enumerate_value(value: Any) -> Iterator[Any]:
    """What the pipeline sees for ``value``: arrays unroll one level, $null is nothing."""
    if value is None:
        return iter(())
    if isinstance(value, (list, tuple)):
        return iter(value)
    return iter((value,))


def as_list(value: Any) -> list[Any]:
    """``@(value)``."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def collapse(items: list[Any]) -> Any:
    """How PowerShell assigns pipeline output: nothing → $null, one → itself, many → array."""
    if not items:
        return None
    if len(items) == 1:
        return items[0]
    return items


# -- truthiness and strings ----------------------------------------------------------

def to_bool(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    if isinstance(value, str):
        return value != ""
    if isinstance(value, (list, tuple)):
        if not value:
            return False
        if len(value) == 1:
            return to_bool(value[0])
        return True
    if isinstance(value, PSEnum):
        return value.value != 0
    return True


def format_number(value: float | int) -> str:
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, DecimalValue):
        return value.text()       # Decimal.ToString(): its scale kept (1.30d is 1.30)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    # Single.ToString() on .NET Framework is "G" = 7 significant digits ([single]0.1 is 0.1, [single]::MaxValue
    # 3.402823E+38), Double.ToString() "G" = 15: 0.1+0.2 -> 0.3, 1.1*3 -> 3.3
    # https://learn.microsoft.com/dotnet/standard/base-types/standard-numeric-format-strings#general-format-specifier-g
    digits = 7 if type(value).__name__ == "SingleValue" else 15
    if value.is_integer() and abs(value) < 10.0 ** digits:
        return str(int(value))
    text = format(value, f".{digits}G")
    if "E" in text:
        mant, exp = text.split("E")
        sign = exp[0] if exp[0] in "+-" else "+"
        return f"{mant}E{sign}{exp.lstrip('+-').zfill(2)}"
    return text


def format_datetime(value: datetime) -> str:
    """Invariant culture, as string expansion and [string] casts give it."""
    return f"{value.month:02d}/{value.day:02d}/{value.year:04d} " + value.strftime("%H:%M:%S")    # yyyy: four digits


def format_timespan(value: timedelta) -> str:
    # TimeSpan.ToString(): [-][d.]hh:mm:ss[.fffffff], from the exact tick count (a float loses the last ticks of a
    # large span: [TimeSpan]::MaxValue is 10675199.02:48:05.4775807; labkit/twin/timespan_limits.py)
    ticks = ((value.days * 86400 + value.seconds) * 1_000_000 + value.microseconds) * 10 + getattr(value, "extra_ticks", 0)
    sign = "-" if ticks < 0 else ""
    whole, frac = divmod(abs(ticks), 10_000_000)
    days, rem = divmod(whole, 86400)
    h, rem = divmod(rem, 3600)
    m, s = divmod(rem, 60)
    text = f"{h:02d}:{m:02d}:{s:02d}"
    if days:
        text = f"{days}.{text}"
    if frac:
        text += f".{frac:07d}"
    return sign + text


def to_string(value: Any) -> str:
    """``[string]$value`` / ``"$value"``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, (int, float)):
        return format_number(value)
    if isinstance(value, (list, tuple)):
        return " ".join(to_string(v) for v in value)
    if isinstance(value, PSHashtable):
        return "System.Collections.Hashtable"
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, timedelta):
        return format_timespan(value)
    if isinstance(value, PSObject):
        if value.has_script_tostring():
            return str(value)       # a ToString ScriptMethod Add-Member gave it (labkit.twin.objects)
        if value.tostring is None and "System.Management.Automation.PSCustomObject" in value.type_names:
            # PSObject.ToStringEmptyBaseObject: @{a=1; b=2}, and an empty string for an object without properties
            items = list(value.items())
            return "@{" + "; ".join(f"{k}={to_string(v)}" for k, v in items) + "}" if items else ""
        return str(value)
    return str(value)


# -- numbers -------------------------------------------------------------------------

_NUM_RE = re.compile(r"^\s*([+-]?)(0x[0-9a-f]+|\d+(?:\.\d*)?(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?)(kb|mb|gb|tb|pb)?\s*$", re.I)
_MULT = {"kb": 1024, "mb": 1024**2, "gb": 1024**3, "tb": 1024**4, "pb": 1024**5}


def parse_number(text: str) -> int | float | None:
    """A number from a string as PowerShell's conversions read it, or None."""
    if text.strip() == "":
        return 0
    m = _NUM_RE.match(text)
    if not m:
        return None
    sign, body, mult = m.group(1), m.group(2).lower(), m.group(3)
    if body.startswith("0x"):
        n: int | float = int(body, 16)
    elif any(c in body for c in ".e"):
        n = float(body)
    else:
        n = int(body)
    if mult:
        n = n * _MULT[mult.lower()]
        if isinstance(n, float) and n.is_integer():
            n = int(n)
    return -n if sign == "-" else n


def to_number(value: Any, target: str = "number") -> int | float:
    """A value as a number for arithmetic and comparisons."""
    if value is None:
        return 0
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, PSEnum):
        return value.value
    if isinstance(value, str):
        n = parse_number(value)
        if n is not None:
            return n
    if isinstance(value, (list, tuple)) and len(value) == 1:
        return to_number(value[0], target)
    tn = _NET_NAMES.get(target, "System.Int32" if target == "number" else target)
    raise cast_error(f'Cannot convert value "{to_string(value)}" to type "{tn}". Error: "Input string was not in a correct format."',
                     "InvalidCastFromStringToInteger" if isinstance(value, str) else "ConvertToFinalInvalidCastException")


def round_half_even(x: float) -> int:
    return int(round(x))


# -- casts ---------------------------------------------------------------------------

def convert(value: Any, type_name: str) -> Any:
    """``[type]$value``: PowerShell's conversion to ``type_name`` (accelerator or
    .NET name, ``[]`` for arrays).  Unknown types (enums, CIM classes) keep the
    value; a failed conversion raises :class:`PSRuntimeError` with PowerShell's message."""
    canon, is_array = canonical_type(type_name)
    if is_array:
        elem = type_name.strip()[:-2]
        return [convert(v, elem) for v in as_list(value)]
    if canon is None or canon == "object":
        return value
    return _convert_scalar(value, canon, type_name)


def _fail(value: Any, canon: str, reason: str = "") -> PSRuntimeError:
    tn = _NET_NAMES.get(canon, canon)
    msg = f'Cannot convert value "{to_string(value)}" to type "{tn}".'
    if reason:
        msg += f' Error: "{reason}"'
    if reason.startswith("Input string was not in a correct format") and isinstance(value, str) and canon in _INTEGER_TYPES:
        # a string to an integer type goes through LanguagePrimitives' own parser: InvalidCastFromStringToInteger
        return cast_error(msg, "InvalidCastFromStringToInteger")
    return cast_error(msg, "InvalidCastParseTargetInvocation" if reason else "ConvertToFinalInvalidCastException")


def cast_error(message: str, error_id: str) -> PSRuntimeError:
    """A failed conversion: LanguagePrimitives throws a PSInvalidCastException (an InvalidCastException),
    which reaches the script inside a RuntimeException, so `catch [InvalidCastException]` and
    `trap [InvalidCastException]` take it."""
    e = PSRuntimeError(message, "InvalidArgument", error_id)
    e.inner_exception = "System.Management.Automation.PSInvalidCastException"  # type: ignore[attr-defined]
    return e


_INTEGER_TYPES = frozenset({"int32", "int64", "uint64", "uint32", "uint16", "int16", "byte", "sbyte"})


def _convert_scalar(value: Any, canon: str, type_name: str) -> Any:
    if canon == "string":
        if value is None:
            return None if False else ""
        return str(to_string(value))      # a System.String, also from a [char] (PSChar is a str)
    if canon in _INT_RANGES:
        if value is None:
            return 0
        if isinstance(value, (list, tuple)):
            if len(value) == 1:
                return _convert_scalar(value[0], canon, type_name)
            raise _fail(value, canon)
        # LanguagePrimitives' conversions with 5.1's texts (labkit.twin.numeric_conversions); a plain int here,
        # casts give it its .NET type
        n = _NC.to_number_type(value, _NC.CODES[_NET_NAMES[canon].lower()])
        if n is None:
            raise _fail(value, canon)
        return int(n)
    if canon == "double":
        if isinstance(value, (list, tuple)) and len(value) == 1:
            return _convert_scalar(value[0], canon, type_name)
        d = _NC.to_number_type(value, _NB.DOUBLE)
        if d is not None:
            return float(d)
        return float(to_number(value, "double"))
    if canon in ("bool", "switch"):
        return to_bool(value)
    if canon == "char":
        s = to_string(value)
        if len(s) != 1:
            raise _fail(value, canon, "String must be exactly one character long.")
        return s
    if canon == "void":
        return None
    if canon == "array":
        return as_list(value)
    if canon in ("hashtable", "ordered"):
        if isinstance(value, PSHashtable):
            return value
        # 5.1 has no conversion from a custom object to a hashtable ([hashtable][pscustomobject]@{} fails)
        raise PSRuntimeError(f'Cannot convert the "{to_string(value)}" value of type "{type_of(value)}" to type '
                             '"System.Collections.Hashtable".', "InvalidArgument", "ConvertToFinalInvalidCastException")
    if canon == "pscustomobject":
        if isinstance(value, dict):
            return PSObject("System.Management.Automation.PSCustomObject", {to_string(k): v for k, v in value.items()})
        return value
    if canon == "scriptblock":
        if isinstance(value, ScriptBlock):
            return value
        raise _fail(value, canon)
    if canon == "datetime":
        if isinstance(value, datetime):
            return value
        if isinstance(value, str):
            # DateTime.Parse with the invariant culture (what a cast and parameter binding use): its short date
            # M/d/yyyy, ISO 8601 forms, month names ("Jan 1, 2020", "1 January 2020"), 12-hour times and RFC 1123
            # (https://learn.microsoft.com/en-us/dotnet/api/system.datetime.parse?view=netframework-4.8)
            text = value.strip()
            if text.endswith(("Z", "z")) and "T" in text.upper():
                text = text[:-1]      # UTC; the lab clock keeps UTC, so local time is the same
            for fmt in ("%m/%d/%Y %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%m/%d/%Y",
                        "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %I:%M:%S %p", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S.%f",
                        "%Y/%m/%d", "%Y/%m/%d %H:%M:%S", "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%B %d %Y", "%d %b %Y",
                        "%d %B %Y", "%b %d, %Y %H:%M:%S", "%B %d, %Y %H:%M:%S", "%b %d, %Y %I:%M %p", "%B %d, %Y %I:%M %p",
                        "%a, %d %b %Y %H:%M:%S GMT"):
                try:
                    return datetime.strptime(text, fmt)
                except ValueError:
                    pass
            try:
                return datetime.fromisoformat(text)
            except ValueError:
                pass
        raise _fail(value, canon, "String was not recognized as a valid DateTime.")
    if canon == "timespan":
        if isinstance(value, timedelta):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return timedelta(microseconds=value / 10)  # ticks
        if isinstance(value, str):
            # TimeSpan.Parse: [-]d | [-][d.]hh:mm[:ss[.fffffff]]
            # https://learn.microsoft.com/dotnet/api/system.timespan.parse
            m = re.fullmatch(r"\s*(-)?(?:(\d+)|(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?)\s*", value)
            if m:
                sign, days_only, days, h, mi, sec, frac = m.groups()
                if days_only is not None:
                    t = timedelta(days=int(days_only))
                elif int(h) < 24 and int(mi) < 60 and int(sec or 0) < 60:
                    t = timedelta(days=int(days or 0), hours=int(h), minutes=int(mi), seconds=int(sec or 0),
                                  microseconds=int((frac or "0").ljust(7, "0")) / 10)
                else:
                    raise _fail(value, canon, "The TimeSpan could not be parsed because at least one of the numeric components "
                                              "is out of range or contains too many digits.")
                return -t if sign else t
            raise _fail(value, canon, "String was not recognized as a valid TimeSpan.")
        raise _fail(value, canon)
    return value


# -- comparison ---------------------------------------------------------------------------

def _coerce_right(left: Any, right: Any) -> Any:
    """The right operand converted to the left operand's type, as PowerShell does."""
    if isinstance(left, bool):
        return to_bool(right)
    if isinstance(left, (int, float)):
        if isinstance(right, (int, float)) and not isinstance(right, bool):
            return right
        if isinstance(right, PSEnum):
            return right.value
        if isinstance(right, str):
            n = parse_number(right)
            if n is None:
                raise _NotComparable()
            return n
        if isinstance(right, bool):
            return int(right)
        if right is None:
            raise _NotComparable()
        raise _NotComparable()
    if isinstance(left, str):
        return to_string(right) if right is not None else None
    return right


class _NotComparable(Exception):
    pass


def _numeric_left(value: Any) -> Any:
    """A left operand the binder compares as a number (IsNumeric: not [bool] or [char]; an enum by its value), or None."""
    if isinstance(value, PSEnum):
        return value.value
    code = _NB.type_code(value)
    return value if code is not None and code not in (_NB.BOOLEAN, _NB.CHAR) else None


def _numeric_right(left: Any, right: Any) -> Any:
    """The right operand of a numeric comparison (GetArgAsNumericOrPrimitive, a string read by Parser.ScanNumber,
    whose failure raises), or None when it is not one."""
    if isinstance(right, PSEnum):
        return right.value
    if isinstance(right, str) and type(right).__name__ != "PSChar":
        return _NC.operand_number(right, left)
    return right if _NB.type_code(right) is not None else None


def relational(op: str, left: Any, right: Any, case_sensitive: bool = False) -> bool:
    """Scalar ``-gt -ge -lt -le`` as the binder does them (CompareGT ...): against $null a number compares with 0
    (``-1 -lt $null`` is True), two numbers in the wider type (a NaN is unordered: every test is False)."""
    if type(left) is int and type(right) is int:
        return left > right if op == "-gt" else left < right if op == "-lt" else left >= right if op == "-ge" else left <= right
    if left is None or right is None:
        ln, rn = _numeric_left(left), _numeric_left(right)
        below = op in ("-lt", "-le")
        if ln is not None:
            return ln < 0 if below else ln >= 0
        if rn is not None:
            return rn >= 0 if below else rn < 0
        if op == "-lt":
            return right is not None
        if op == "-le":
            return left is None
        if op == "-gt":
            return left is not None
        return right is None
    a = _numeric_left(left)
    if a is not None:
        b = _numeric_right(a, right)
        if b is not None:
            c = _NB.compare(a, b)
            if c is None:
                return False
            return {"-gt": c > 0, "-ge": c >= 0, "-lt": c < 0, "-le": c <= 0}[op]
    c = compare(left, right, case_sensitive)
    return {"-gt": c > 0, "-ge": c >= 0, "-lt": c < 0, "-le": c <= 0}[op]


def equals(left: Any, right: Any, case_sensitive: bool = False) -> bool:
    """Scalar ``-eq`` (left decides the type)."""
    if left is None:
        return right is None
    if right is None:
        return False
    if type(left) is not PSEnum and _numeric_left(left) is not None:
        try:
            r = _numeric_right(left, right)
        except PSRuntimeError:
            return False           # the string is not a number: -eq is False (the binder catches the InvalidCastException)
        if r is not None:
            return _NB.compare(left, r) == 0
    if isinstance(left, PSEnum):
        if isinstance(right, PSEnum):
            return left == right
        if isinstance(right, str):
            return left.name.lower() == right.lower() or (right.strip().lstrip("-").isdigit() and left.value == int(right))
        if isinstance(right, (int, float)):
            return left.value == right
        return False
    if type(left).__name__ == "PSChar" and _NB.type_code(right) not in (None, _NB.CHAR, _NB.BOOLEAN):
        # a [char] against a number: Char.Equals of the number converted to [char], case and all
        # (BinaryEqualityComparison: [char]'a' -eq 97 is True, [char]'a' -eq 65 False)
        if isinstance(right, float) or not 0 <= int(right) <= 0xFFFF:
            return False
        return str.__eq__(left, chr(int(right)))
    if isinstance(left, str):
        r = right.name if isinstance(right, PSEnum) else to_string(right)
        return left == r if case_sensitive else left.lower() == r.lower()
    if isinstance(left, (bool, int, float)):
        try:
            r = _coerce_right(left, right)
        except _NotComparable:
            return False
        return left == r
    if isinstance(left, datetime) and isinstance(right, str):
        try:
            return left == convert(right, "datetime")
        except PSRuntimeError:
            return False
    if isinstance(left, PSObject) and isinstance(right, str) and left.type_name in COMPARES_AS_STRING:
        text = to_string(left)
        return text == right if case_sensitive else text.lower() == right.lower()
    if isinstance(left, PSObject) and left.type_name == "System.Version":
        from labkit.twin.version import version_key
        r = version_key(right)
        return r is not None and version_key(left) == r
    script_equals = getattr(left, "script_equals", None)  # a script class's object: its Equals (labkit.twin.usertypes)
    if script_equals is not None:
        return script_equals(right)
    return left is right or left == right


def compare(left: Any, right: Any, case_sensitive: bool = False) -> int:
    """-1/0/1 for -lt/-gt ... ; raises PSRuntimeError when the types do not compare."""
    if isinstance(left, PSEnum):
        left = left.value
        if isinstance(right, str) and not right.strip().lstrip("-").isdigit():
            raise PSRuntimeError(f'Cannot compare "{left}" and "{right}".', "InvalidOperation", "ComparisonFailure")
    if left is None:
        if right is None:
            return 0
        return -1
    if right is None:
        return 1
    if isinstance(left, str):
        # Culture-aware, as PowerShell compares strings (about_Comparison_Operators): letters
        # before case, and with -c* a lowercase letter sorts before its uppercase ('a' -clt 'A').
        r = to_string(right)
        a, b = left.lower(), r.lower()
        if a == b and case_sensitive:
            a, b = left.swapcase(), r.swapcase()
        return (a > b) - (a < b)
    if isinstance(left, (int, float)):
        try:
            r = _coerce_right(left, right)
        except _NotComparable:
            raise PSRuntimeError(
                f'Could not compare "{to_string(left)}" to "{to_string(right)}". Error: "Cannot convert value "{to_string(right)}" to type "{type_of(left)}". Error: "Input string was not in a correct format.""',
                "InvalidOperation", "ComparisonFailure") from None
        return (left > r) - (left < r)
    if isinstance(left, datetime):
        r = convert(right, "datetime")
        return (left > r) - (left < r)
    if isinstance(left, timedelta) and isinstance(right, timedelta):
        return (left > right) - (left < right)
    if isinstance(left, PSObject) and left.type_name == "System.Version":
        # [version] compares field by field; the right side converts to a version ($PSVersionTable.PSVersion -ge '5.1')
        from labkit.twin.version import version_key
        a, b = version_key(left), version_key(right)
        if b is None:
            raise PSRuntimeError(f'Could not compare "{to_string(left)}" to "{to_string(right)}". Error: "Cannot convert value '
                                 f'"{to_string(right)}" to type "System.Version"."', "InvalidOperation", "ComparisonFailure")
        return (a > b) - (a < b)
    key = getattr(left, "key", None)
    if key is not None and isinstance(left, PSObject):
        # [version] / [ipaddress] / [guid]: the right operand converts to the left's type
        from labkit.twin.casts import cast
        from labkit.twin.types import PSType
        other = right if type(right) is type(left) and right.type_name == left.type_name else cast(right, PSType(left.type_name))
        return (key > other.key) - (key < other.key)
    script_compare = getattr(left, "compare_to", None)   # a script class's object: IComparable (labkit.twin.usertypes)
    if script_compare is not None:
        n = script_compare(right)
        return (n > 0) - (n < 0)
    raise PSRuntimeError(f'Cannot compare "{to_string(left)}" because it is not IComparable.', "InvalidOperation", "NotIcomparable")


_LIKE_CACHE: dict[tuple[str, bool], re.Pattern[str]] = {}


def like(value: Any, pattern: Any, case_sensitive: bool = False) -> bool:
    p = to_string(pattern)
    key = (p, case_sensitive)
    rx = _LIKE_CACHE.get(key)
    if rx is None:
        rx = re.compile(_wildcard_regex(p), 0 if case_sensitive else re.I)
        _LIKE_CACHE[key] = rx
    return rx.fullmatch(to_string(value)) is not None


def _wildcard_regex(p: str) -> str:
    out = []
    i = 0
    while i < len(p):
        c = p[i]
        if c == "`" and i + 1 < len(p):
            out.append(re.escape(p[i + 1]))
            i += 2
            continue
        if c == "*":
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "[":
            j = p.find("]", i)
            if j == -1:
                out.append(re.escape(c))
            else:
                out.append("[" + p[i + 1:j].replace("\\", "\\\\") + "]")
                i = j
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def wildcard_match(value: str, pattern: str) -> bool:
    """-Name parameters that accept wildcards."""
    return like(value, pattern)


def regex_for(pattern: Any, case_sensitive: bool = False, options: int = 0, invalid: str = "argument") -> NetRegex:
    """A pattern as -match, -replace, -split and switch -regex compile it (IgnoreCase unless
    ``case_sensitive``; a ``[regex]`` object as it is). A pattern .NET refuses raises .NET's
    ArgumentException, or with ``invalid="operator"`` (-replace, switch -regex) PowerShell's
    "The regular expression pattern ... is not valid." (ParserStrings.InvalidRegularExpression)."""
    net = getattr(pattern, "net", None)
    if isinstance(net, NetRegex):
        return net
    text = to_string(pattern)
    try:
        return compile_pattern(text, options | (0 if case_sensitive else IGNORECASE))
    except NetRegexError as e:
        if invalid == "operator":
            err = PSRuntimeError(f"The regular expression pattern {text} is not valid.", "InvalidOperation",
                                 "InvalidRegularExpression")
            err.inner_exception = "System.ArgumentException"  # type: ignore[attr-defined]
            raise err from None
        arg = PSRuntimeError(str(e), "OperationStopped", "System.ArgumentException")
        arg.exception_type = "System.ArgumentException"  # type: ignore[attr-defined]
        raise arg from None
    except NetRegexNotEmulated as e:
        raise PSRuntimeError(str(e), "NotImplemented", "NotEmulated") from None


def fnmatch_any(value: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatchcase(value.lower(), p.lower()) for p in patterns)


# -- arithmetic ------------------------------------------------------------------------------

def _num_result(n: int | float) -> int | float:
    return n


_I32 = (-2**31, 2**31 - 1)
_I64 = (-2**63, 2**63 - 1)


def _widen(a: Any, b: Any, r: Any) -> Any:
    """Integer overflow widens to Double, as PowerShell's arithmetic does
    (about_Arithmetic_Operators: [int]::MaxValue + 1 is a Double)."""
    if type(r) is not int:
        return r
    if _I32[0] <= r <= _I32[1]:
        return r
    small = all(type(x) is int and _I32[0] <= x <= _I32[1] for x in (a, b))
    if small or not _I64[0] <= r <= _I64[1]:
        return float(r)
    return r


def _char_number(v: Any) -> Any:
    return ord(v) if type(v).__name__ == "PSChar" else v


def bitwise(op: str, left: Any, right: Any) -> Any:
    """-band -bor -bxor -shl -shr as 5.1's binder does them (BinaryBitwiseOp, Shift: labkit.twin.numeric_binder):
    $null is 0, an enum its value, a string is read as a number."""
    if op in ("-shl", "-shr"):
        if left is None:
            return 0
        value = _bit_operand(left, right)
        count = _bit_operand(right, value)
        if _NB.type_code(value) in (None, _NB.BOOLEAN, _NB.CHAR):
            _no_bitwise(op, left, right)
        return _NB.shift(op, value, convert(count, "int32"))       # the count converts to Int32 as a cast does
    if left is None and right is None:
        return 0
    a = 0 if left is None else _bit_operand(left, right)
    b = 0 if right is None else _bit_operand(right, a)
    if _NB.type_code(a) is None or _NB.type_code(b) is None:
        _no_bitwise(op, left, right)
    r = _NB.bitwise(op, a, b)
    return _enum_result(left, int(r)) if isinstance(left, PSEnum) else r     # an enum's bits are that enum again


def bnot(value: Any) -> Any:
    """``-bnot`` (PSUnaryOperationBinder.BNot): $null is -1, a string is read as a number, [bool] and [char] as Int32."""
    if value is None:
        return -1
    if isinstance(value, PSEnum):
        return _enum_result(value, int(_NB.bnot(value.value)))
    if isinstance(value, str) and type(value).__name__ != "PSChar":
        value = _NC.operand_number(value, None)
    if _NB.type_code(value) is None:
        converted = _NC.to_number_type(value, _NB.INT32)
        if converted is None:
            raise cast_error(f'Cannot convert the "{to_string(value)}" value of type "{type_of(value)}" to type '
                             '"System.Int32".', "ConvertToFinalInvalidCastException")
        value = converted
    return _NB.bnot(value)


def negate(value: Any) -> Any:
    """Unary ``-`` (PSUnaryOperationBinder.UnaryMinus): a number in its own type, anything else ``0 - value``."""
    code = _NB.type_code(value)
    if code is not None and code not in (_NB.BOOLEAN, _NB.CHAR):
        return _NB.negate(value)
    return subtract(0, value)


def unary_plus(value: Any) -> Any:
    """Unary ``+``: a number itself, anything else ``0 + value`` (+'123' is 123)."""
    code = _NB.type_code(value)
    if code is not None and code not in (_NB.BOOLEAN, _NB.CHAR):
        return _NB.unary_plus(value)
    return add(0, value)


def increment(value: Any, delta: int) -> Any:
    """``++`` / ``--`` (IncrDecr): $null becomes ``delta``, a number ``value + delta``, anything else an error."""
    if value is None:
        return delta
    if isinstance(value, PSEnum):
        return add(value, delta)        # an enum is numeric: [ConsoleColor]::Red + 1, an enum again
    code = _NB.type_code(value)
    if code is None or code in (_NB.BOOLEAN, _NB.CHAR):
        raise PSRuntimeError(f"The '{'++' if delta > 0 else '--'}' operator works only on numbers. The operand is a "
                             f"'{type_of(value)}'.", "InvalidOperation", "OperatorRequiresNumber")
    return _NB.arithmetic("+", value, delta)


_BIT_METHODS = {"-band": "op_BitwiseAnd", "-bor": "op_BitwiseOr", "-bxor": "op_ExclusiveOr", "-shl": "op_LeftShift",
                "-shr": "op_RightShift"}


def _no_bitwise(op: str, left: Any, right: Any) -> None:
    """ParserOps.ImplicitOp: the operator method is looked for on the left operand's type unless it is a primitive
    (then on the right's); two primitives have no such operation."""
    def primitive(v: Any) -> bool:
        return v is None or _NB.type_code(v) is not None
    if primitive(left) and primitive(right):
        raise PSRuntimeError(f"The operation '[{type_of(left) if left is not None else '$null'}] {op} "
                             f"[{type_of(right) if right is not None else '$null'}]' is not defined.", "InvalidOperation",
                             "NotADefinedOperationForType")
    owner = right if primitive(left) else left
    raise PSRuntimeError(f"Method invocation failed because [{type_of(owner)}] does not contain a method named "
                         f"'{_BIT_METHODS[op]}'.", "InvalidOperation", "MethodNotFound")


def _bit_operand(value: Any, other: Any) -> Any:
    if isinstance(value, PSEnum):
        return value.value
    if isinstance(value, str) and type(value).__name__ != "PSChar":
        return _NC.operand_number(value, other)
    return value


def add(left: Any, right: Any) -> Any:
    if type(left) is int and type(right) is int:
        return _NB.arithmetic("+", left, right)
    # a [char] on the left concatenates as a string does (BinaryAdd: [char]'a' + 1 is "a1")
    if left is None:
        if right is None:
            return None
        return right if not isinstance(right, (list, tuple)) else list(right)
    if isinstance(left, str):
        right_text = to_string(right)
        _limits.check_chars(len(left) + len(right_text))
        return left + right_text
    if isinstance(left, (list, tuple)):
        _limits.check_items(len(left) + (len(right) if isinstance(right, (list, tuple)) else 1))
        return list(left) + (list(right) if isinstance(right, (list, tuple)) else [right])
    if isinstance(left, PSHashtable):
        if not isinstance(right, dict):
            raise PSRuntimeError("A hash table can only be added to another hash table.", "InvalidOperation", "AddHashTableToNonHashTable")
        out = left.copy()
        for k, v in right.items():
            if k in out:
                raise PSRuntimeError(f"Item has already been added. Key in dictionary: '{k}'  Key being added: '{k}'", "InvalidOperation", "DuplicateKey")
            out[k] = v
        return out
    if isinstance(left, datetime) and isinstance(right, timedelta):
        from labkit.twin.time_arithmetic import date_plus   # (it imports method_overloads, which imports this module)
        return date_plus(left, right, 1)
    if isinstance(left, timedelta) and isinstance(right, timedelta):
        from labkit.twin.time_arithmetic import span_plus
        return span_plus(left, right, 1)
    if _NB.type_code(left) is not None:
        return _numeric("+", left, right)
    if isinstance(left, PSEnum):
        return _enum_result(left, _numeric("+", left.value, right))
    a, b = to_number(left), to_number(_char_number(right))
    return _widen(a, b, a + b)


def subtract(left: Any, right: Any) -> Any:
    if type(left) is int and type(right) is int:
        return _NB.arithmetic("-", left, right)
    if isinstance(left, datetime) and isinstance(right, datetime):
        return left - right
    if isinstance(left, datetime) and isinstance(right, timedelta):
        from labkit.twin.time_arithmetic import date_plus
        return date_plus(left, right, -1)
    if isinstance(left, timedelta) and isinstance(right, timedelta):
        from labkit.twin.time_arithmetic import span_plus
        return span_plus(left, right, -1)
    _arith_check(left, "-")
    return _sub_div_rem("-", left, right)


def _sub_div_rem(op: str, left: Any, right: Any) -> Any:
    """``-``, ``/`` and ``%`` (BinarySubDivOrRem): $null on the left is 0, a string on the left is read as a number."""
    if type(left) is int and type(right) is int:
        return _NB.arithmetic(op, left, right)
    if left is None:
        left = 0
    elif isinstance(left, str) and type(left).__name__ != "PSChar":
        left = _NC.operand_number(left, right)
    if _NB.type_code(left) is not None:
        return _numeric(op, left, right)
    if isinstance(left, PSEnum):
        return _enum_result(left, _numeric(op, left.value, right))
    a, b = to_number(left), to_number(right)
    if op == "-":
        return _widen(a, b, a - b)
    return _legacy_divide(a, b) if op == "/" else _legacy_modulo(a, b)


def _enum_result(left: PSEnum, result: Any) -> Any:
    """Arithmetic on an enum gives that enum again (BinaryNumericOp casts the result to the enum type:
    about_Arithmetic_Operators 5.1, ``$blue + 3`` is Red, ``$blue - $red`` is -3); a value without a name
    prints as its number."""
    from labkit.twin.types import enum_members
    members = enum_members(left.type_name)
    if members is None or type(result) is not int:
        return result
    return PSEnum(left.type_name, members[result] if 0 <= result < len(members) else str(result), result)


def _numeric(op: str, left: Any, right: Any) -> Any:
    """A number, [bool] or [char] on the left: the right operand as the binder takes it
    (GetArgAsNumericOrPrimitive: $null is 0, an enum its value, a string read as a number), then the numeric
    binder's operation (labkit.twin.numeric_binder)."""
    if right is None:
        right = 0
    elif isinstance(right, PSEnum):
        right = right.value
    elif isinstance(right, str) and type(right).__name__ != "PSChar":
        right = _NC.operand_number(right, left)
    if _NB.type_code(right) is None:
        _no_operation(op, left, right)
    return _NB.arithmetic(op, left, right)


_OP_METHODS = {"+": "op_Addition", "-": "op_Subtraction", "*": "op_Multiply", "/": "op_Division", "%": "op_Modulus"}


def _no_operation(op: str, left: Any, right: Any) -> None:
    """No numeric conversion of the right operand: ParserOps.ImplicitOp looks for the operator method on the
    right operand's type (an array has none)."""
    raise PSRuntimeError(f"Method invocation failed because [{type_of(right)}] does not contain a method named "
                         f"'{_OP_METHODS[op]}'.", "InvalidOperation", "MethodNotFound")


def multiply(left: Any, right: Any) -> Any:
    if type(left) is int and type(right) is int:
        return _NB.arithmetic("*", left, right)
    if left is None:
        return None            # BinaryMultiply: $null times anything is $null
    if isinstance(left, str) and type(left).__name__ != "PSChar":
        # the count converts to Int32 as a cast does ('ab' * 2.5 is 'abab'); StringOps.Multiply refuses a negative one
        n = int(_NC.to_number_type(_times(right), _NB.INT32))
        if n < 0:
            e = PSRuntimeError("Specified argument was out of the range of valid values.\r\nParameter name: times",
                               "OperationStopped", "System.ArgumentOutOfRangeException")
            e.exception_type = "System.ArgumentOutOfRangeException"  # type: ignore[attr-defined]
            raise e
        _limits.check_chars(len(left) * n)
        return left * n
    if isinstance(left, (list, tuple)):
        n = int(_NC.to_number_type(_times(right), _NB.UINT32))    # ArrayOps.Multiply(array, uint): -1 is an error
        _limits.check_items(len(left) * n)
        return list(left) * n
    _arith_check(left, "*")
    if isinstance(left, bool) or type(left).__name__ == "PSChar":
        # BinaryMultiply takes only numbers (IsNumeric): ParserOps.ImplicitOp finds no operator for two primitives
        raise PSRuntimeError(f"The operation '[{type_of(left)}] * [{type_of(right) if right is not None else '$null'}]' "
                             "is not defined.", "InvalidOperation", "NotADefinedOperationForType")
    if _NB.type_code(left) is not None:
        return _numeric("*", left, right)
    if isinstance(left, PSEnum):
        return _enum_result(left, _numeric("*", left.value, right))
    a, b = to_number(left), to_number(right)
    return _widen(a, b, a * b)


def divide(left: Any, right: Any) -> Any:
    _arith_check(left, "/")
    return _sub_div_rem("/", left, right)


def _times(value: Any) -> Any:
    """The count of ``'ab' * n`` / ``@(1) * n``: a string read as a number literal first, anything else as it is."""
    if isinstance(value, str) and type(value).__name__ != "PSChar":
        return _NC.operand_number(value, 0)
    if isinstance(value, (list, tuple)) and len(value) == 1:
        return value[0]
    if _NB.type_code(value) is None and value is not None and not isinstance(value, PSEnum):
        raise _fail(value, "int32")
    return value


def _legacy_divide(a: Any, b: Any) -> Any:
    if b == 0:
        raise _divide_by_zero()
    if isinstance(a, int) and isinstance(b, int) and a % b == 0:
        return a // b
    return a / b


def modulo(left: Any, right: Any) -> Any:
    _arith_check(left, "%")
    return _sub_div_rem("%", left, right)


def _legacy_modulo(a: Any, b: Any) -> Any:
    if b == 0:
        raise _divide_by_zero()
    if isinstance(a, DecimalValue) or isinstance(b, DecimalValue):
        return a % b      # Decimal's remainder (labkit.twin.decimal_values)
    return math.fmod(a, b) if isinstance(a, float) or isinstance(b, float) else int(math.fmod(a, b))


def _divide_by_zero() -> PSRuntimeError:
    """1/0: a RuntimeException whose InnerException is a DivideByZeroException (catch [DivideByZeroException] takes it)."""
    e = PSRuntimeError("Attempted to divide by zero.", "NotSpecified", "RuntimeException")
    e.inner_exception = "System.DivideByZeroException"  # type: ignore[attr-defined]
    return e


def _arith_check(left: Any, op: str) -> None:
    if isinstance(left, (list, tuple, PSHashtable, PSObject)):
        raise PSRuntimeError(
            f"Method invocation failed because [{type_of(left)}] does not contain a method named 'op_{ {'-': 'Subtraction', '*': 'Multiply', '/': 'Division', '%': 'Modulus'}[op]}'.",
            "InvalidOperation", "MethodNotFound")


from labkit.twin import limits as _limits  # noqa: E402  (limits imports PSRuntimeError from here)
from labkit.twin import numeric_binder as _NB  # noqa: E402  (the binder imports PSRuntimeError from here)
from labkit.twin import numeric_conversions as _NC  # noqa: E402
