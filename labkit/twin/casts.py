"""``[T]$value`` and ``$value -as [T]`` for every type the twin knows.

The primitive conversions (numbers, strings, bool, datetime ...) are
:func:`labkit.twin.values.convert`'s; this module adds what needs the type
table: type objects (``[type]'int'``), typed arrays (``[int[]]``), ``[char]``
from numbers, ``[version]``, ``[guid]``, ``[ipaddress]``, ``[regex]``,
collections (``[System.Collections.ArrayList]``, ``List[T]``,
``[ordered]``), ``[pscustomobject]`` from a hashtable, and exceptions built
from a message (PowerShell converts through a one-argument constructor).

https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_type_conversion?view=powershell-5.1
(the 7.x page; 5.1 follows the same rules for these types)
"""

from __future__ import annotations

from typing import Any

from labkit.twin.decimal_values import OVERFLOW as DECIMAL_OVERFLOW, DecimalValue
from labkit.twin.dotnet_values import (
    NUMBER_TYPES,
    ArrayList,
    GenericList,
    OrderedHashtable,
    PSChar,
    TypedArray,
    make_guid,
    make_ipaddress,
    make_version,
)
from labkit.twin.numeric_conversions import CODES as NUMERIC_CODES, string_to_decimal, to_number_type
from labkit.twin.objects import PSObject
from labkit.twin.objects import PSEnum
from labkit.twin.types import USER_TYPES, PSType, enum_members, is_instance, resolve, type_not_found, value_type
from labkit.twin.values import PSHashtable, PSRuntimeError, as_list, cast_error, convert, to_number, to_string


class TypeNotFound(PSRuntimeError):
    def __init__(self, name: str):
        super().__init__(type_not_found(name), "InvalidOperation", "TypeNotFound")


def require_type(name: str) -> PSType:
    t = resolve(name)
    if t is None:
        raise TypeNotFound(name)
    return t


def _fail(value: Any, t: PSType, reason: str = "") -> PSRuntimeError:
    from labkit.twin.types import value_type
    tn = value_type(value).display_full_name if value is not None else "null"
    if reason:
        return PSRuntimeError(f'Cannot convert value "{to_string(value)}" to type "{t.display_full_name}". Error: "{reason}"',
                              "InvalidArgument", "InvalidCastParseTargetInvocation")
    return PSRuntimeError(f'Cannot convert the "{to_string(value)}" value of type "{tn}" to type "{t.display_full_name}".',
                          "InvalidArgument", "ConvertToFinalInvalidCastException")


def to_char(value: Any, t: PSType) -> PSChar:
    if isinstance(value, bool):
        raise _fail(value, t)
    if isinstance(value, float):
        # Convert.ToChar(Double/Single/Decimal) always throws InvalidCastException
        # (https://learn.microsoft.com/dotnet/api/system.convert.tochar#system-convert-tochar(system-double))
        kind = value_type(value).full_name.split(".")[-1]
        raise cast_error(f'Cannot convert value "{to_string(value)}" to type "System.Char". Error: "Invalid cast from '
                         f"'{kind}' to 'Char'.\"", "InvalidCastIConvertible")
    if isinstance(value, (int, float)):
        n = int(round(value)) if isinstance(value, float) else value
        if not 0 <= n <= 0xFFFF:
            raise _fail(value, t, "Value was either too large or too small for a character.")
        return PSChar(chr(n))
    if isinstance(value, list) and len(value) == 1:
        return to_char(value[0], t)
    s = to_string(value)
    if len(s) != 1:
        raise _fail(value, t, "String must be exactly one character long.")
    return PSChar(s)


_NULL_STAYS_NULL = {"System.Collections.ArrayList", "System.Collections.Generic.List`1", "System.Version",
                     "System.Net.IPAddress", "System.Text.RegularExpressions.Regex",
                     "System.Collections.Specialized.OrderedDictionary"}


def cast(value: Any, t: PSType) -> Any:
    """``[t]value``; raises PSRuntimeError with 5.1's message when it cannot convert."""
    full = t.full_name
    user = USER_TYPES.get()
    if user and t.element is None and not t.args and full.lower() in user:
        from labkit.twin.usertypes import convert_to      # a class or enum of the script (an element of [C[]] ...)
        return convert_to(user[full.lower()].engine, full, value)
    if value is None and (t.element is not None or full in _NULL_STAYS_NULL):
        # $null converts to $null for reference types: [object[]]$null, [int[]]$null, [ArrayList]$null
        # (about_Arrays; LanguagePrimitives.ConvertTo leaves null as null unless the type is a value type or string)
        return None
    if t.element is not None:
        if t.element.full_name == "System.Char" and isinstance(value, str) and len(value) != 1:
            return TypedArray([PSChar(c) for c in value], t.element)    # [char[]]'abc' is 'a','b','c'
        items = as_list(value) if not isinstance(value, PSHashtable) else [value]
        if t.element.full_name == "System.Object":
            return list(items)
        return TypedArray([cast(v, t.element) for v in items], t.element)
    if full == "System.Char":
        return to_char(value, t)
    if full == "System.Management.Automation.PSReference":
        from labkit.twin.references import require_reference
        return require_reference(value)
    code = NUMERIC_CODES.get(full.lower())
    if code is not None:
        # a number type: LanguagePrimitives' conversion, the result of that .NET type ([single] narrowed to 32 bits)
        if isinstance(value, list) and len(value) == 1:
            value = value[0]
        number = to_number_type(value, code)
        if number is not None:
            return number
    if isinstance(value, PSChar) and t.convert_key in ("int32", "int64", "int16", "uint16", "uint32", "uint64", "byte", "double"):
        return convert(ord(value), t.convert_key)
    if full == "System.Decimal":
        try:
            if isinstance(value, str) and not isinstance(value, PSChar):
                return string_to_decimal(value)
            result = convert(value, "double") if not isinstance(value, DecimalValue) else value
            return DecimalValue(result)
        except PSRuntimeError as e:
            if str(e) != DECIMAL_OVERFLOW:
                # the conversion went through Double's: the message names the type asked for
                e.args = (str(e).replace('to type "System.Double"', 'to type "System.Decimal"'),) + e.args[1:]
                raise
            # [decimal]'1e400': 5.1's conversion error around .NET's OverflowException text
            raise PSRuntimeError(f'Cannot convert value "{to_string(value)}" to type "System.Decimal". Error: "{DECIMAL_OVERFLOW}"',
                                 "InvalidArgument", "InvalidCastParseTargetInvocation") from None
    key = t.convert_key
    if key is not None and key not in ("object",):
        result = convert(value, key)
        number_type = NUMBER_TYPES.get(full)
        return number_type(result) if number_type is not None and result is not None else result
    if full in ("System.Object", "System.Management.Automation.PSObject"):
        return value
    members = enum_members(full)
    if members is not None:
        return to_enum(value, t, members)
    if full in ("System.Type", "System.RuntimeType"):
        if isinstance(value, PSType):
            return value
        return require_type(to_string(value))
    if value is not None and is_instance(value, t) and not t.args:
        return value
    if full == "System.Version":
        return make_version(to_string(value))
    if full == "System.Guid":
        return make_guid(to_string(value))
    if full == "System.Net.IPAddress":
        return make_ipaddress(to_string(value))
    if full == "System.Text.RegularExpressions.RegexOptions":
        from labkit.twin.regex_values import options_enum, options_value
        return options_enum(options_value(value))
    if full == "System.Text.RegularExpressions.Regex":
        from labkit.twin.regex_values import RegexValue
        return RegexValue(to_string(value), cast=True)
    if full == "System.Xml.XmlDocument":
        from labkit.twin.xml_values import parse
        return parse(value)
    if full == "System.Collections.ArrayList":
        return ArrayList(as_list(value))
    if full == "System.Collections.Generic.List`1":
        elem = t.args[0] if t.args else None
        return GenericList([cast(v, elem) for v in as_list(value)] if elem is not None else as_list(value), elem)
    if full == "System.Collections.Specialized.OrderedDictionary":
        if isinstance(value, PSHashtable):
            return OrderedHashtable(value)
        raise _fail(value, t)
    from labkit.twin.dotnet_exceptions import construct_exception, is_exception_type
    if is_exception_type(t):
        return construct_exception(t, [to_string(value)])
    from labkit.twin.statics import MISSING, construct
    try:
        built = construct(t, [value])
    except (IndexError, TypeError, ValueError, KeyError, OverflowError):
        raise _fail(value, t) from None
    if built is not MISSING:
        return built
    raise PSRuntimeError(f"A conversion to [{t.accelerator_name()}] is not emulated by the twin.", "NotImplemented",
                         "ConversionNotEmulated")


def undefined_enum_text(value: Any, type_name: str, members: tuple[str, ...]) -> str:
    """A number that names no member of the enum (none of the twin's listed enums is [Flags] beyond its members or
    has negative values): LanguagePrimitives' ThrowForUndefinedEnum (ExtendedTypeSystem.resx
    InvalidCastExceptionEnumerationNoValue; the names joined with en-US's list separator)."""
    return (f'Cannot convert value "{to_string(value)}" to type "{type_name}" due to enumeration values that are not valid. '
            f'Specify one of the following enumeration values and try again. The possible enumeration values are '
            f'"{",".join(members)}".')


def _undefined_enum(value: Any, t: PSType, members: tuple[str, ...], error_id: str) -> PSRuntimeError:
    return cast_error(undefined_enum_text(value, t.full_name, members), error_id)


def to_enum(value: Any, t: PSType, members: tuple[str, ...]) -> PSEnum:
    """An enum value from its name (case-insensitive), its number, or another value of the enum."""
    if isinstance(value, PSEnum) and value.type_name == t.full_name:
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        n = int(value)
        if 0 <= n < len(members):
            return PSEnum(t.full_name, members[n], n)
        raise _undefined_enum(value, t, members, "UndefinedIntegerToEnum")
    text = to_string(value).strip()
    if text.lstrip("+-").isdigit():
        n = int(text)
        if 0 <= n < len(members):
            return PSEnum(t.full_name, members[n], n)
        raise _undefined_enum(text, t, members, "UndefinedInEnumSingleTypeConverter")
    for i, name in enumerate(members):
        if name.lower() == text.lower():
            return PSEnum(t.full_name, name, i)
    raise PSRuntimeError(f'Cannot convert value "{to_string(value)}" to type "{t.full_name}". Error: "Unable to match the '
                         f'identifier name {text} to a valid enumerator name. Specify one of the following enumerator names and '
                         f'try again:\n{", ".join(members)}"', "InvalidArgument", "RuntimeException")


def cast_as(value: Any, t: PSType) -> Any:
    """``value -as [t]``: the conversion, or $null when it fails."""
    try:
        return cast(value, t)
    except PSRuntimeError as e:
        if e.error_id == "ConversionNotEmulated":
            raise
        return None
    except (ValueError, OverflowError):
        return None


def to_pscustomobject(h: PSHashtable) -> PSObject:
    """``[pscustomobject]@{...}``: the properties in the hashtable's order; a ``PSTypeName`` key
    names the object's type (it becomes PSTypeNames[0], not a property)."""
    props = {}
    names = ["System.Management.Automation.PSCustomObject", "System.Object"]
    for k, v in h.items():
        key = to_string(k)
        if key.lower() == "pstypename":
            names.insert(0, to_string(v))
        else:
            props[key] = v
    return PSObject(names, props)


def char_code(value: Any) -> int:
    return ord(value) if isinstance(value, str) and len(value) == 1 else int(to_number(value))
