"""Static members, static methods and constructors of the common .NET types:
``[int]::MaxValue``, ``[math]::Round(...)``, ``[string]::Join(...)``,
``[guid]::NewGuid()``, ``[System.Collections.ArrayList]::new()``,
``[System.IO.Path]::Combine(...)``, ``[convert]::ToInt32('ff', 16)`` ...

Each answers as .NET Framework 4.8 does (the CLR under Windows PowerShell
5.1).  What is not here answers :data:`MISSING`, and the interpreter refuses
it as not emulated.
"""

from __future__ import annotations

import math
import re
import uuid
from datetime import datetime, timedelta
from typing import Any, Callable

from labkit.twin import dynamic_parameters
from labkit.twin.decimal_values import DecimalValue, integral, rounded
from labkit.twin.dotnet_exceptions import construct_exception, is_exception_type
from labkit.twin.dotnet_values import ArrayList, GenericDictionary, GenericList, OrderedHashtable, PSChar, make_guid, make_ipaddress, make_version
from labkit.twin.method_overloads import method_exception
from labkit.twin.numeric_binder import INT16, INT32, INT64, RANGES, SBYTE, box, type_code
from labkit.twin.numeric_conversions import CODES as NUMERIC_CODES
from labkit.twin.objects import PSEnum
from labkit.twin.timespan_limits import MAX_VALUE as TIMESPAN_MAX, MIN_VALUE as TIMESPAN_MIN
from labkit.twin.regex_values import REGEX_OPTIONS, RegexValue, options_enum, options_value, regex_static
from labkit.twin.types import PSType, enum_members
from labkit.twin.values import PSHashtable, PSRuntimeError, as_list, convert, to_number, to_string

MISSING = object()

_INT_LIMITS = {
    "System.Int32": (-2**31, 2**31 - 1), "System.Int64": (-2**63, 2**63 - 1), "System.Int16": (-2**15, 2**15 - 1),
    "System.UInt16": (0, 2**16 - 1), "System.UInt32": (0, 2**32 - 1), "System.UInt64": (0, 2**64 - 1),
    "System.Byte": (0, 255), "System.SByte": (-128, 127),
}

ACTION_PREFERENCE = ("SilentlyContinue", "Stop", "Continue", "Inquire", "Ignore", "Suspend")


def _count_error(name: str, n: int) -> PSRuntimeError:
    return PSRuntimeError(f'Cannot find an overload for "{name}" and the argument count: "{n}".', "NotSpecified",
                          "MethodCountCouldNotFindBest")


def _need(name: str, args: list[Any], *counts: int) -> None:
    if len(args) not in counts:
        raise _count_error(name, len(args))


# Cmdlet.CommonParameters / OptionalCommonParameters: the parameters the engine adds to every cmdlet, and to
# those that support ShouldProcess or transactions (https://learn.microsoft.com/dotnet/api/
# system.management.automation.cmdlet.commonparameters); 5.1 has no ProgressAction (about_CommonParameters 5.1).
_CMDLET_SETS = {
    "commonparameters": ["Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ErrorVariable",
                         "WarningVariable", "OutVariable", "OutBuffer", "PipelineVariable", "InformationVariable"],
    "optionalcommonparameters": ["WhatIf", "Confirm", "UseTransaction"],
}


_DECIMAL_FIELDS = {"maxvalue": 79228162514264337593543950335, "minvalue": -79228162514264337593543950335,
                   "zero": 0, "one": 1, "minusone": -1}


def get_static(t: PSType, name: str, now: Callable[[], datetime], host: str) -> Any:
    """``[T]::Name`` (a property or field), or MISSING."""
    full, low = t.full_name, name.lower()
    if full in _INT_LIMITS and low in ("maxvalue", "minvalue"):
        lo, hi = _INT_LIMITS[full]
        return box(hi if low == "maxvalue" else lo, NUMERIC_CODES[full.lower()])     # of its own type: [byte]::MaxValue is a Byte
    if full in ("System.Double", "System.Single"):
        single = full == "System.Single"
        table = {"maxvalue": 3.4028234663852886e38 if single else 1.7976931348623157e308,
                 "minvalue": -3.4028234663852886e38 if single else -1.7976931348623157e308,
                 "epsilon": 1.401298464324817e-45 if single else 5e-324, "nan": math.nan,
                 "positiveinfinity": math.inf, "negativeinfinity": -math.inf}
        if low in table:
            return box(table[low], NUMERIC_CODES[full.lower()])
    if full == "System.Decimal" and low in _DECIMAL_FIELDS:
        # https://learn.microsoft.com/dotnet/api/system.decimal#fields
        return DecimalValue(_DECIMAL_FIELDS[low])
    if full == "System.Math" and low in ("pi", "e"):
        return math.pi if low == "pi" else math.e
    if full == "System.String" and low == "empty":
        return ""
    if full == "System.DateTime":
        if low in ("now", "utcnow"):
            return now()
        if low == "today":
            d = now()
            return datetime(d.year, d.month, d.day)
        if low == "minvalue":
            return datetime(1, 1, 1)
        if low == "maxvalue":
            return datetime(9999, 12, 31, 23, 59, 59, 999999)
    if full == "System.Globalization.CultureInfo" and low in ("currentculture", "currentuiculture", "installeduiculture"):
        # the lab servers run en-US (labkit/twin/cultures.py); InvariantCulture is refused below as not emulated
        from labkit.twin.cultures import en_us
        return en_us()
    if full == "System.TimeSpan" and low == "zero":
        return timedelta(0)
    if full == "System.TimeSpan" and low in ("maxvalue", "minvalue"):
        return TIMESPAN_MAX if low == "maxvalue" else TIMESPAN_MIN
    if full == "System.Guid" and low == "empty":
        return make_guid("00000000-0000-0000-0000-000000000000")
    if full == "System.Boolean" and low in ("truestring", "falsestring"):
        return "True" if low == "truestring" else "False"
    if full == "System.Environment":
        if low == "newline":
            return "\r\n"
        if low == "machinename":
            return host
    if full == "System.IO.Path":
        table2 = {"directoryseparatorchar": PSChar("\\"), "altdirectoryseparatorchar": PSChar("/"),
                  "pathseparator": PSChar(";"), "volumeseparatorchar": PSChar(":")}
        if low in table2:
            return table2[low]
    if full == "System.Net.IPAddress":
        table3 = {"any": "0.0.0.0", "loopback": "127.0.0.1", "broadcast": "255.255.255.255", "none": "255.255.255.255",
                  "ipv6any": "::", "ipv6loopback": "::1"}
        if low in table3:
            return make_ipaddress(table3[low])
    if full in ("System.Management.Automation.Cmdlet", "System.Management.Automation.PSCmdlet") and low in _CMDLET_SETS:
        from labkit.twin.dotnet_values import GenericHashSet
        from labkit.twin.types import resolve
        return GenericHashSet(_CMDLET_SETS[low], resolve("System.String"), ignore_case=True)
    if full == "System.Text.RegularExpressions.RegexOptions" and low in REGEX_OPTIONS:
        return options_enum(REGEX_OPTIONS[low])
    if full == "System.Text.NormalizationForm":   # values 1, 2, 5, 6: not an index enum
        from labkit.twin.string_normalization import FORMS, form_enum
        form = next((n for n in FORMS if n.lower() == low), None)
        if form is not None:
            return form_enum(form)
    if full == "System.Text.Encoding":
        from labkit.twin.text_encodings import static_encoding
        found = static_encoding(low)
        if found is not None:
            return found
    members = enum_members(full)
    if members is not None:
        for i, n in enumerate(members):
            if n.lower() == low:
                return PSEnum(full, n, i)
    return MISSING


# -- static methods --------------------------------------------------------------------

def _round(args: list[Any]) -> Any:
    _need("Round", args, 1, 2, 3)
    x = to_number(args[0])
    digits = 0
    away = False
    for extra in args[1:]:
        if isinstance(extra, str) and not extra.strip().lstrip("-").isdigit():
            away = extra.strip().lower() == "awayfromzero"
        elif isinstance(extra, PSEnum):
            away = extra.name.lower() == "awayfromzero"
        else:
            digits = int(to_number(extra))
    if isinstance(x, DecimalValue):
        return rounded(x, digits, away)
    if away:
        q = 10 ** digits
        r = math.floor(abs(float(x)) * q + 0.5) / q
        r = math.copysign(r, float(x))
    else:
        r = round(float(x), digits)
    return float(r)


def _minmax(fn: Callable[..., Any]) -> Callable[[list[Any]], Any]:
    def run(args: list[Any]) -> Any:
        _need("Max", args, 2)
        a, b = to_number(args[0]), to_number(args[1])
        if isinstance(a, DecimalValue) or isinstance(b, DecimalValue):
            return DecimalValue(fn(a, b))          # Max(Decimal, Decimal)
        if isinstance(a, float) or isinstance(b, float):
            return float(fn(a, b))
        # Max(Int64, Int64) ...: the overload of the wider integer type, so [long]1 and 2 give an Int64
        ca, cb = type_code(a), type_code(b)
        r = fn(a, b)
        signed = {SBYTE, INT16, INT32, INT64}
        if ca is not None and cb is not None and ca != cb and (ca in signed) == (cb in signed):
            code = max(ca, cb)
            lo, hi = RANGES.get(code, (r, r))
            return box(r, code) if lo <= r <= hi else r
        return r
    return run


def _float1(fn: Callable[[float], float]) -> Callable[[list[Any]], Any]:
    return lambda a: float(fn(float(to_number(a[0]))))


def _abs(args: list[Any]) -> Any:
    x = to_number(args[0])
    code = type_code(x)
    if code in (SBYTE, INT16, INT64):
        return box(abs(x), code)          # Abs(SByte), Abs(Int16), Abs(Int64) return their own type
    return abs(x)


def _sign(args: list[Any]) -> int:
    x = to_number(args[0])
    return (x > 0) - (x < 0)


def _floor_like(fn: Callable[[float], int]) -> Callable[[list[Any]], Any]:
    def run(a: list[Any]) -> Any:
        x = to_number(a[0])
        if isinstance(x, DecimalValue):        # Floor(Decimal) ... is a Decimal
            return integral(x, {math.floor: "floor", math.ceil: "ceiling", math.trunc: "truncate"}[fn])
        return float(fn(float(x)))
    return run


_MATH: dict[str, Callable[[list[Any]], Any]] = {
    "round": _round, "floor": _floor_like(math.floor), "ceiling": _floor_like(math.ceil), "truncate": _floor_like(math.trunc),
    "abs": _abs, "sign": _sign, "max": _minmax(max), "min": _minmax(min),
    "pow": lambda a: float(to_number(a[0])) ** float(to_number(a[1])),
    "sqrt": lambda a: math.sqrt(to_number(a[0])) if to_number(a[0]) >= 0 else math.nan,
    "exp": _float1(math.exp), "log10": _float1(lambda v: math.log10(v) if v > 0 else -math.inf if v == 0 else math.nan),
    "log": lambda a: (math.log(float(to_number(a[0]))) if len(a) == 1 else math.log(float(to_number(a[0])), float(to_number(a[1]))))
    if float(to_number(a[0])) > 0 else (-math.inf if float(to_number(a[0])) == 0 else math.nan),
    "sin": _float1(math.sin), "cos": _float1(math.cos), "tan": _float1(math.tan), "atan": _float1(math.atan),
    "asin": _float1(math.asin), "acos": _float1(math.acos), "atan2": lambda a: math.atan2(float(to_number(a[0])), float(to_number(a[1]))),
    "divrem": lambda a: int(to_number(a[0])) // int(to_number(a[1])),
}


def _string_static(low: str, name: str, args: list[Any]) -> Any:
    """Format here; the other [string]:: methods are labkit/twin/string_statics.py."""
    if low == "format":
        from labkit.twin.format import format_operator
        if not args:
            raise _count_error(name, 0)
        rest = args[1:]
        if len(rest) == 1 and isinstance(rest[0], list):
            rest = list(rest[0])
        return format_operator(to_string(args[0]), rest)
    return MISSING


_BASES = {2, 8, 10, 16}


def _convert_static(low: str, name: str, args: list[Any]) -> Any:
    targets = {"toint32": "int", "toint64": "long", "toint16": "int16", "touint32": "uint32", "touint64": "uint64",
               "tobyte": "byte", "todouble": "double", "tosingle": "double", "todecimal": "double", "toboolean": "bool",
               "tostring": "string", "tochar": "char", "todatetime": "datetime"}
    if low not in targets:
        if low == "tobase64string":
            import base64
            return base64.b64encode(bytes(int(to_number(b)) & 0xFF for b in as_list(args[0]))).decode("ascii")
        if low == "frombase64string":
            import base64
            try:
                return [int(b) for b in base64.b64decode(to_string(args[0]), validate=True)]
            except ValueError:
                raise PSRuntimeError('Exception calling "FromBase64String" with "1" argument(s): "The input is not a valid '
                                     'Base-64 string as it contains a non-base 64 character, more than two padding characters, or '
                                     'an illegal character among the padding characters. "', "NotSpecified", "FormatException") from None
        return MISSING
    target = targets[low]
    if len(args) == 2 and target != "string" and target not in ("double", "bool", "char", "datetime"):
        base = int(to_number(args[1]))
        if base not in _BASES:
            raise PSRuntimeError(f'Exception calling "{name}" with "2" argument(s): "Invalid Base."', "NotSpecified", "ArgumentException")
        text = to_string(args[0]).strip()
        try:
            n = int(text[2:] if base == 16 and text.lower().startswith("0x") else text, base)
        except ValueError:
            raise PSRuntimeError(f'Exception calling "{name}" with "2" argument(s): "Could not find any recognizable digits."',
                                 "NotSpecified", "FormatException") from None
        bits = {"int": 32, "long": 64, "int16": 16, "byte": 8, "uint32": 32, "uint64": 64}[target]
        if base != 10 and not target.startswith("u") and target != "byte" and n >= 2 ** (bits - 1):
            n -= 2 ** bits   # two's complement, as Convert.ToInt32('FFFFFFFF', 16) is -1
        return n
    if target == "string" and len(args) == 2 and isinstance(args[0], int) and not isinstance(args[1], str):
        base = int(to_number(args[1]))
        n = args[0]
        if n < 0:
            n += 2 ** (32 if n >= -2**31 else 64)
        return {2: format(n, "b"), 8: format(n, "o"), 10: str(args[0]), 16: format(n, "x")}[base] if base in _BASES else None
    _need(name, args, 1, 2)
    if target == "char":
        v = args[0]
        return PSChar(chr(int(to_number(v)))) if not isinstance(v, str) else PSChar(v) if len(v) == 1 else convert(v, "char")
    if target == "bool" and isinstance(args[0], str):
        s = args[0].strip().lower()
        if s not in ("true", "false"):
            raise PSRuntimeError('Exception calling "ToBoolean" with "1" argument(s): "String was not recognized as a valid Boolean."',
                                 "NotSpecified", "FormatException")
        return s == "true"
    if args[0] is None:
        return "" if target == "string" else False if target == "bool" else 0
    try:
        return convert(args[0], target)
    except PSRuntimeError as e:
        raise PSRuntimeError(f'Exception calling "{name}" with "{len(args)}" argument(s): "{e}"', "NotSpecified", "FormatException") from None


def _path_static(low: str, name: str, args: list[Any]) -> Any:
    import ntpath

    if low == "combine":
        parts = [to_string(a) for a in (as_list(args[0]) if len(args) == 1 else args)]
        out = ""
        for p in parts:
            if not p:
                continue
            if ntpath.isabs(p) or (len(p) > 1 and p[1] == ":"):
                out = p
            elif not out or out.endswith(("\\", "/", ":")):
                out += p
            else:
                out += "\\" + p
        return out
    s = to_string(args[0]) if args else ""
    if low == "getfilename":
        return ntpath.basename(s) if args[0] is not None else None
    if low == "getextension":
        return ntpath.splitext(s)[1]
    if low == "getfilenamewithoutextension":
        return ntpath.splitext(ntpath.basename(s))[0]
    if low == "getdirectoryname":
        d = ntpath.dirname(s)
        return None if d == s else d
    if low == "ispathrooted":
        return s.startswith(("\\", "/")) or (len(s) > 1 and s[1] == ":")
    if low == "changeextension":
        ext = to_string(args[1]) if len(args) > 1 else ""
        root = ntpath.splitext(s)[0]
        return root + ("" if args[1] is None else (ext if ext.startswith(".") else "." + ext))
    if low == "getpathroot":
        return ntpath.splitdrive(s)[0] + ("\\" if s[2:3] in ("\\", "/") else "")
    if low == "gettemppath" and not args:
        # Path.GetTempPath: the TEMP folder with a trailing backslash; the twin's sessions are
        # Administrator's ($HOME C:\Users\Administrator), whose TEMP is AppData\Local\Temp
        # (https://learn.microsoft.com/en-us/dotnet/api/system.io.path.gettemppath)
        return "C:\\Users\\Administrator\\AppData\\Local\\Temp\\"
    if low == "getrandomfilename" and not args:
        # Path.GetRandomFileName: "a cryptographically strong, random string ... as a file name", 8.3 form
        import secrets
        chars = "abcdefghijklmnopqrstuvwxyz0123456789"
        name = "".join(secrets.choice(chars) for _ in range(11))
        return f"{name[:8]}.{name[8:]}"
    if low == "getinvalidfilenamechars":
        return [PSChar(c) for c in '"<>|\0' + "".join(chr(i) for i in range(1, 32)) + ":*?\\/"]
    return MISSING


def _char_static(low: str, args: list[Any]) -> Any:
    s = to_string(args[0]) if args else ""
    if len(args) == 2:
        i = int(to_number(args[1]))
        s = s[i] if 0 <= i < len(s) else ""
    c = s[:1]
    tests = {"isdigit": c.isdigit(), "isletter": c.isalpha(), "isupper": c.isupper(), "islower": c.islower(),
             "iswhitespace": c.isspace(), "isletterordigit": c.isalnum(), "ispunctuation": bool(c) and not c.isalnum() and not c.isspace()
             and c.isprintable() and c not in "$+<=>^`|~", "iscontrol": bool(c) and ord(c) < 32}
    if low in tests:
        return tests[low]
    if low == "toupper":
        return PSChar(c.upper())
    if low == "tolower":
        return PSChar(c.lower())
    return MISSING


_INT_RANGES = {"System.Int32": (-2**31, 2**31 - 1), "System.Int64": (-2**63, 2**63 - 1)}
_TRY_PARSE = set(_INT_RANGES) | {"System.Boolean"}


def _try_parse(full: str, args: list[Any]) -> Any:
    """``[int]::TryParse($text, [ref]$n)`` (Int32, Int64, Boolean): True and the value in the reference, or
    False and the type's default.  Int32.TryParse takes optional white space, a sign and decimal digits
    (NumberStyles.Integer); Boolean.TryParse 'True'/'False' in any case
    (https://learn.microsoft.com/en-us/dotnet/api/system.int32.tryparse)."""
    import re as _re

    from labkit.twin.references import PSReference

    if len(args) != 2 or not isinstance(args[1], PSReference):
        return MISSING
    text = None if args[0] is None else to_string(args[0])
    value: Any
    if full == "System.Boolean":
        ok = text is not None and text.strip().lower() in ("true", "false")
        value = ok and text.strip().lower() == "true"
    else:
        m = _re.fullmatch(r"\s*([+-]?\d+)\s*", text or "")
        n = int(m.group(1)) if m else 0
        lo, hi = _INT_RANGES[full]
        ok = m is not None and lo <= n <= hi
        value = n if ok else 0
    args[1].set("Value", value)
    return ok


_MARSHAL_SIZES = {"System.Boolean": 4, "System.Char": 1, "System.SByte": 1, "System.Byte": 1, "System.Int16": 2,
                  "System.UInt16": 2, "System.Int32": 4, "System.UInt32": 4, "System.Int64": 8, "System.UInt64": 8,
                  "System.Single": 4, "System.Double": 8, "System.Decimal": 16}


def call_static(t: PSType, name: str, args: list[Any], now: Callable[[], datetime]) -> Any:
    """``[T]::Name(args)``, or MISSING."""
    full, low = t.full_name, name.lower()
    if low == "new":
        return construct(t, args)
    if low == "tryparse" and full in _TRY_PARSE:
        return _try_parse(full, args)
    if full == "System.Management.Automation.PSObject" and low == "aspsobject" and len(args) == 1:
        # PSObject.AsPSObject(obj): the object itself when it is one, else its wrapper; the twin's values carry their
        # members themselves (labkit.twin.instance_members), so the value is what a script sees
        if args[0] is None:
            raise PSRuntimeError('Exception calling "AsPSObject" with "1" argument(s): "Value cannot be null.\r\n'
                                 'Parameter name: obj"', "NotSpecified", "ArgumentNullException")
        return args[0]
    if full == "System.Management.Automation.Runspaces.InitialSessionState" and low in ("createdefault", "createdefault2") \
            and not args:
        from labkit.twin.runspaces import default_session_state
        return default_session_state(name)
    if full == "System.Decimal" and low in ("round", "floor", "ceiling", "truncate"):
        # Decimal's own Round/Floor/Ceiling/Truncate: as Math's Decimal overloads
        # (https://learn.microsoft.com/dotnet/api/system.decimal.round)
        return _MATH[low]([DecimalValue(to_number(args[0]))] + list(args[1:])) if args else MISSING
    if full == "System.Management.Automation.Language.DynamicKeyword" and low == "reset" and not args:
        # DynamicKeyword.Reset() clears the session's dynamic keywords (DSC's): the twin defines none, nothing to clear
        # (https://learn.microsoft.com/dotnet/api/system.management.automation.language.dynamickeyword.reset)
        from labkit.twin.members import VOID
        return VOID
    if full == "System.Math" and low in _MATH:
        try:
            return _MATH[low](args)
        except (IndexError, ValueError, ZeroDivisionError, OverflowError) as e:
            raise PSRuntimeError(f'Exception calling "{name}" with "{len(args)}" argument(s): "{e}"', "NotSpecified", "MethodException") from None
    if full == "System.String":
        from labkit.twin.string_statics import NOT_A_STATIC, call_string_static
        r = call_string_static(name, args)
        return _string_static(low, name, args) if r is NOT_A_STATIC else r
    if full == "System.Text.Encoding" and low == "getencoding":
        from labkit.twin.text_encodings import get_encoding
        return get_encoding(args)
    if full == "System.Array":
        from labkit.twin.array_statics import NOT_AN_ARRAY_STATIC, call_array_static
        r = call_array_static(name, args)
        return MISSING if r is NOT_AN_ARRAY_STATIC else r
    if full == "System.Convert":
        return _convert_static(low, name, args)
    if full == "System.Runtime.InteropServices.Marshal" and low == "sizeof" and len(args) == 1 and isinstance(args[0], PSType) \
            and args[0].full_name in _MARSHAL_SIZES:
        # the unmanaged size of a primitive type (Boolean marshals as a 4-byte BOOL, Char as a 1-byte ANSI char)
        # https://learn.microsoft.com/dotnet/api/system.runtime.interopservices.marshal.sizeof#system-runtime-interopservices-marshal-sizeof(system-type)
        return _MARSHAL_SIZES[args[0].full_name]
    if full == "System.Management.Automation.LanguagePrimitives" and low == "convertto" and len(args) == 2 \
            and isinstance(args[1], PSType):
        # ConvertTo(Object, Type): the conversion a cast does
        # (https://learn.microsoft.com/dotnet/api/system.management.automation.languageprimitives.convertto)
        from labkit.twin.casts import cast
        try:
            return cast(args[0], args[1])
        except PSRuntimeError as e:
            if e.error_id in ("ConversionNotEmulated", "NotEmulated"):
                raise
            raise method_exception(name, 2, "System.Management.Automation.PSInvalidCastException", str(e)) from None
    if full == "System.IO.Path":
        return _path_static(low, name, args)
    if full == "System.Char":
        return _char_static(low, args)
    if full == "System.Text.RegularExpressions.Regex":
        r = regex_static(name, args)
        return MISSING if r is None else r
    if full == "System.Guid":
        if low == "newguid":
            return make_guid(str(uuid.uuid4()))
        if low == "parse":
            return make_guid(to_string(args[0]))
    if full == "System.Version" and low == "parse":
        return make_version(to_string(args[0]))
    if full == "System.Net.IPAddress" and low == "parse":
        return make_ipaddress(to_string(args[0]))
    if full == "System.DateTime":
        if low in ("parse", "parseexact"):
            return convert(args[0], "datetime")
        if low == "daysinmonth":
            import calendar
            return calendar.monthrange(int(to_number(args[0])), int(to_number(args[1])))[1]
        if low == "isleapyear":
            import calendar
            return calendar.isleap(int(to_number(args[0])))
    if full == "System.TimeSpan":
        unit = {"fromseconds": "seconds", "fromminutes": "minutes", "fromhours": "hours", "fromdays": "days",
                "frommilliseconds": "milliseconds"}.get(low)
        if unit:
            return timedelta(**{unit: float(to_number(args[0]))})
        if low == "fromticks":
            return timedelta(microseconds=int(to_number(args[0])) / 10)
        if low == "parse":
            return convert(args[0], "timespan")
    if full == "System.Boolean" and low == "parse":
        s = to_string(args[0]).strip().lower()
        if s in ("true", "false"):
            return s == "true"
        raise method_exception("Parse", 1, "System.FormatException", "String was not recognized as a valid Boolean.")
    if low == "parse" and full.lower() in NUMERIC_CODES and len(args) == 1:
        from labkit.twin.numeric_conversions import _Failed, parse
        try:
            return parse(to_string(args[0]), NUMERIC_CODES[full.lower()])
        except _Failed as e:
            kind = "System.OverflowException" if e.text.startswith("Value was") else "System.FormatException"
            raise method_exception(name, 1, kind, e.text) from None
    if t.convert_key in ("int32", "int64", "int16", "uint16", "uint32", "uint64", "byte", "double") and low == "parse":
        text = to_string(args[0])
        try:
            return convert(text.strip(), t.convert_key)
        except PSRuntimeError:
            # .NET's exception in 5.1's MethodInvocationException: FormatException, or OverflowException for digits
            # the type cannot hold (https://learn.microsoft.com/dotnet/api/system.int32.parse)
            if re.fullmatch(r"\s*[+-]?\d+\s*", text) and t.convert_key != "double":
                article = {"uint16": "a UInt16", "uint32": "a UInt32", "uint64": "a UInt64", "byte": "an unsigned byte"}.get(
                    t.convert_key, f"an {full.rsplit('.', 1)[-1]}")
                raise method_exception("Parse", len(args), "System.OverflowException",
                                       f"Value was either too large or too small for {article}.") from None
            raise method_exception("Parse", len(args), "System.FormatException",
                                   "Input string was not in a correct format.") from None
    if full == "System.Management.Automation.WildcardPattern":
        if low == "escape":
            # WildcardPattern.Escape: a backtick before *, ?, [, ] and `
            return "".join("`" + c if c in "*?[]`" else c for c in to_string(args[0]))
        if low == "containswildcardcharacters":
            text = to_string(args[0])
            return any(c in "*?[]" and (i == 0 or text[i - 1] != "`") for i, c in enumerate(text))
    return MISSING


# -- constructors ----------------------------------------------------------------------

def construct(t: PSType, args: list[Any]) -> Any:
    """``[T]::new(args)`` / ``New-Object T args``, or MISSING when the twin cannot build a T."""
    full = t.full_name
    if is_exception_type(t):
        return construct_exception(t, args)
    if full == "System.Management.Automation.ErrorRecord":
        from labkit.twin.dotnet_exceptions import construct_error_record
        return construct_error_record(args)
    if full.startswith("System.Text.") and full.endswith("Encoding"):
        from labkit.twin import text_encodings
        made = text_encodings.construct(full, args)
        if made is not None:
            return made
    if full == "System.Collections.ArrayList":
        if args and isinstance(args[0], list):
            return ArrayList(args[0])
        return ArrayList()
    if full == "System.Collections.Generic.List`1":
        elem = t.args[0] if t.args else None
        items = as_list(args[0]) if args and isinstance(args[0], list) else []
        conv = elem.convert_key if elem is not None else None
        return GenericList([convert(x, conv) if conv else x for x in items], elem)
    if full == "System.Collections.Hashtable":
        return PSHashtable(args[0]) if args and isinstance(args[0], dict) else PSHashtable()
    if full in ("System.Collections.Stack", "System.Collections.Queue", "System.Collections.Generic.Stack`1",
                "System.Collections.Generic.Queue`1"):
        from labkit.twin import stacks_queues
        return stacks_queues.construct(t, args)
    if full == "System.Collections.Generic.HashSet`1":
        from labkit.twin import hash_sets
        return hash_sets.construct(t, args)
    if full == "System.Collections.Generic.Dictionary`2":
        kt, vt = (t.args + (None, None))[:2]
        return GenericDictionary(args[0] if args and isinstance(args[0], dict) else None, kt, vt)
    if full == "System.Collections.Specialized.OrderedDictionary":
        return OrderedHashtable()
    if full.startswith("System.Management.Automation.PS") and full.endswith(("Property", "Method", "PropertySet")):
        from labkit.twin.psobject_view import construct_member
        return construct_member(full, args)
    from labkit.twin.settable_structs import STRUCTS, construct_struct
    if full in STRUCTS:
        return construct_struct(full, args)
    if full == "System.Collections.ObjectModel.Collection`1":
        # Collection<T>: Add is void as List<T>'s (the twin keeps it as a List of that element type)
        return GenericList(as_list(args[0]) if args else [], t.args[0] if t.args else None)
    if full in ("System.Object", "System.Management.Automation.PSObject"):
        from labkit.twin.objects import PSObject
        return PSObject("System.Management.Automation.PSCustomObject", {})
    if full == "System.String":
        from labkit.twin.string_statics import construct_string
        return construct_string(args)
    if full == "System.Version":
        if len(args) == 1:
            return make_version(to_string(args[0]))
        if 2 <= len(args) <= 4:
            return make_version(".".join(str(int(to_number(a))) for a in args))
        raise _count_error("new", len(args))
    if full == "System.Guid":
        if len(args) == 1:
            return make_guid(to_string(args[0]))
        return make_guid("00000000-0000-0000-0000-000000000000")
    if full == "System.Net.IPAddress" and len(args) == 1:
        return make_ipaddress(to_string(args[0]))
    if full == "System.Text.RegularExpressions.Regex":
        _need("new", args, 1, 2)
        return RegexValue(to_string(args[0]), options_value(args[1]) if len(args) > 1 else 0)
    if full == "System.DateTime":
        nums = [int(to_number(a)) for a in args]
        if len(nums) == 1:
            return datetime(1, 1, 1) + timedelta(microseconds=nums[0] / 10)
        if len(nums) in (3, 6, 7):
            try:
                return datetime(*nums[:6], nums[6] * 1000 if len(nums) == 7 else 0)
            except ValueError as e:
                raise PSRuntimeError(f'Exception calling ".ctor" with "{len(nums)}" argument(s): "Year, Month, and Day parameters describe '
                                     'an un-representable DateTime."', "NotSpecified", "ArgumentOutOfRangeException") from e
        if not nums:
            return datetime(1, 1, 1)
        raise _count_error("new", len(args))
    if full == "System.TimeSpan":
        nums = [to_number(a) for a in args]
        if len(nums) == 1:
            return timedelta(microseconds=nums[0] / 10)
        if len(nums) == 3:
            return timedelta(hours=nums[0], minutes=nums[1], seconds=nums[2])
        if len(nums) in (4, 5):
            return timedelta(days=nums[0], hours=nums[1], minutes=nums[2], seconds=nums[3],
                             milliseconds=nums[4] if len(nums) == 5 else 0)
        if not nums:
            return timedelta(0)
        raise _count_error("new", len(args))
    if full == "System.Text.StringBuilder":
        return MISSING
    if full in dynamic_parameters.TYPES:
        made = dynamic_parameters.construct(t, args)
        return MISSING if made is None else made
    if t.convert_key in ("int32", "int64", "double", "bool", "char", "byte", "int16", "uint16", "uint32", "uint64") and not args:
        return convert(0, t.convert_key) if t.convert_key != "char" else PSChar("\0")
    return MISSING
