"""The .NET types the twin knows: type accelerators, full names, base types,
and what ``[int]``, ``-is``, ``-as`` and ``.GetType()`` see.

A type literal evaluates to a :class:`PSType`: ``[int] -eq [System.Int32]``
is true because both name the same type, ``[int].FullName`` is
``System.Int32`` and ``[int].Name`` is ``Int32``.  Names resolve as
PowerShell 5.1 resolves them: an accelerator (about_Type_Accelerators), a
full name, or a full name without its leading ``System.``; ``T[]`` is an
array of ``T`` and ``List[string]`` a generic type.  A name the twin does not
know is :data:`None` from :func:`resolve`; callers raise 5.1's "Unable to
find type [X]." (error ID ``TypeNotFound``) or refuse the construct.

https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_type_accelerators?view=powershell-5.1
"""

from __future__ import annotations

from datetime import datetime, timedelta
from contextvars import ContextVar
from functools import lru_cache
from typing import Any

from labkit.twin.module_types import MODULE_TYPE_BASES
from labkit.twin.objects import PSEnum, PSObject

_OBJ = "System.Object"
_VT = "System.ValueType"
_SYS_EX = "System.SystemException"
_RT_EX = "System.Management.Automation.RuntimeException"

# Full name -> base type full name.  Interfaces the scripts test with -is are in _INTERFACES.
_BASES: dict[str, str | None] = {
    _OBJ: None, _VT: _OBJ, "System.Enum": _VT, "System.Array": _OBJ, "System.Type": _OBJ, "System.RuntimeType": "System.Type",
    "System.String": _OBJ, "System.Char": _VT, "System.Boolean": _VT,
    "System.Byte": _VT, "System.SByte": _VT, "System.Int16": _VT, "System.UInt16": _VT, "System.Int32": _VT,
    "System.UInt32": _VT, "System.Int64": _VT, "System.UInt64": _VT, "System.Single": _VT, "System.Double": _VT,
    "System.Decimal": _VT, "System.Numerics.BigInteger": _VT,
    "System.DateTime": _VT, "System.TimeSpan": _VT, "System.Guid": _VT, "System.Version": _OBJ, "System.Uri": _OBJ,
    "System.Void": _VT, "System.DBNull": _OBJ,
    "System.Text.RegularExpressions.Regex": _OBJ, "System.Text.RegularExpressions.Match": "System.Text.RegularExpressions.Group",
    "System.Text.RegularExpressions.Group": "System.Text.RegularExpressions.Capture", "System.Text.RegularExpressions.Capture": _OBJ,
    "System.Text.RegularExpressions.RegexOptions": "System.Enum", "System.MidpointRounding": "System.Enum",
    "System.StringSplitOptions": "System.Enum", "System.StringComparison": "System.Enum", "System.TypeCode": "System.Enum",
    "System.Text.NormalizationForm": "System.Enum", "System.DayOfWeek": "System.Enum", "System.ConsoleColor": "System.Enum",
    "System.Text.StringBuilder": _OBJ,
    "System.Net.IPAddress": _OBJ, "System.Globalization.CultureInfo": _OBJ, "System.Xml.XmlDocument": _OBJ,
    "System.Collections.Hashtable": _OBJ, "System.Collections.ArrayList": _OBJ,
    "System.Collections.Specialized.OrderedDictionary": _OBJ, "System.Collections.DictionaryEntry": _VT,
    "System.Collections.Generic.List`1": _OBJ, "System.Collections.Generic.Dictionary`2": _OBJ,
    "System.Collections.Generic.HashSet`1": _OBJ, "System.Collections.Queue": _OBJ, "System.Collections.Stack": _OBJ,
    "System.Collections.Generic.Stack`1": _OBJ, "System.Collections.Generic.Queue`1": _OBJ,
    "System.Management.Automation.PSObject": _OBJ, "System.Management.Automation.PSCustomObject": _OBJ,
    "System.Management.Automation.ScriptBlock": _OBJ, "System.Management.Automation.SwitchParameter": _VT,
    "System.Management.Automation.ErrorRecord": _OBJ, "System.Management.Automation.InvocationInfo": _OBJ,
    "System.Management.Automation.InformationRecord": _OBJ, "System.Management.Automation.HostInformationMessage": _OBJ,
    "System.Management.Automation.WarningRecord": "System.Management.Automation.InformationalRecord",
    "System.Management.Automation.VerboseRecord": "System.Management.Automation.InformationalRecord",
    "System.Management.Automation.DebugRecord": "System.Management.Automation.InformationalRecord",
    "System.Management.Automation.InformationalRecord": _OBJ,
    "System.Management.Automation.ActionPreference": "System.Enum", "System.Management.Automation.PSCredential": _OBJ,
    "System.Management.Automation.ErrorCategory": "System.Enum", "System.Management.Automation.PSReference": _OBJ,
    "System.Security.SecureString": _OBJ, "System.IO.Path": _OBJ, "System.IO.FileInfo": _OBJ, "System.IO.DirectoryInfo": _OBJ,
    "System.Math": _OBJ, "System.Convert": _OBJ, "System.Environment": _OBJ, "System.BitConverter": _OBJ, "System.Console": _OBJ,
    "System.Management.Automation.LanguagePrimitives": _OBJ, "System.Text.Encoding": _OBJ,
    "System.Text.ASCIIEncoding": "System.Text.Encoding", "System.Text.UnicodeEncoding": "System.Text.Encoding",
    "System.Text.UTF7Encoding": "System.Text.Encoding", "System.Text.UTF8Encoding": "System.Text.Encoding",
    "System.Text.UTF32Encoding": "System.Text.Encoding",
    "System.Runtime.InteropServices.Marshal": _OBJ,
    "Microsoft.Management.Infrastructure.CimInstance": _OBJ, "System.Management.Automation.WildcardPattern": _OBJ,
    "System.Management.Automation.Cmdlet": "System.Management.Automation.Internal.InternalCommand",
    "System.Management.Automation.Internal.InternalCommand": _OBJ,
    "System.Management.Automation.PSCmdlet": "System.Management.Automation.Cmdlet",
    # DSC's dynamic keywords: the twin defines none, so DynamicKeyword::Reset() has nothing to clear (labkit.twin.statics)
    "System.Management.Automation.Language.DynamicKeyword": _OBJ,
    # what a dynamicparam block builds (labkit.twin.dynamic_parameters)
    "System.Attribute": _OBJ, "System.Collections.ObjectModel.Collection`1": _OBJ,
    "System.Management.Automation.ParameterAttribute": "System.Attribute",
    "System.Management.Automation.RuntimeDefinedParameter": _OBJ,
    "System.Management.Automation.RuntimeDefinedParameterDictionary": "System.Collections.Generic.Dictionary`2",
    "System.Management.Automation.AliasAttribute": "System.Attribute",
    "System.Management.Automation.ValidateSetAttribute": "System.Attribute",
    "System.Management.Automation.ValidateNotNullAttribute": "System.Attribute",
    "System.Management.Automation.ValidateNotNullOrEmptyAttribute": "System.Attribute",
    "System.Management.Automation.AllowNullAttribute": "System.Attribute",
    "System.Management.Automation.AllowEmptyStringAttribute": "System.Attribute",
    "System.Management.Automation.AllowEmptyCollectionAttribute": "System.Attribute",
    # interfaces (no base type)
    "System.Collections.IDictionary": None, "System.Collections.IList": None, "System.Collections.ICollection": None,
    "System.Collections.IEnumerable": None, "System.Collections.Specialized.IOrderedDictionary": None,
    "System.IComparable": None, "System.IFormattable": None, "System.IConvertible": None, "System.ICloneable": None,
    "System.IDisposable": None, "System.IEquatable`1": None,
    # exceptions (System.*, then PowerShell's own)
    "System.Exception": _OBJ, _SYS_EX: "System.Exception", "System.ApplicationException": "System.Exception",
    "System.ArgumentException": _SYS_EX, "System.ArgumentNullException": "System.ArgumentException",
    "System.ArgumentOutOfRangeException": "System.ArgumentException", "System.InvalidOperationException": _SYS_EX,
    "System.ObjectDisposedException": "System.InvalidOperationException",
    "System.TypeInitializationException": _SYS_EX,     # a script class whose static initialiser failed (usertypes)
    "System.NotSupportedException": _SYS_EX, "System.NotImplementedException": _SYS_EX, "System.FormatException": _SYS_EX,
    "System.InvalidCastException": _SYS_EX, "System.ArithmeticException": _SYS_EX,
    "System.DivideByZeroException": "System.ArithmeticException", "System.OverflowException": "System.ArithmeticException",
    "System.NullReferenceException": _SYS_EX, "System.IndexOutOfRangeException": _SYS_EX,
    "System.Collections.Generic.KeyNotFoundException": _SYS_EX, "System.TimeoutException": _SYS_EX,
    "System.UnauthorizedAccessException": _SYS_EX, "System.OperationCanceledException": _SYS_EX,
    "System.IO.IOException": _SYS_EX, "System.IO.FileNotFoundException": "System.IO.IOException",
    "System.IO.DirectoryNotFoundException": "System.IO.IOException", "System.OutOfMemoryException": _SYS_EX,
    "System.Security.SecurityException": _SYS_EX, "System.ComponentModel.Win32Exception": "System.Runtime.InteropServices.ExternalException",
    "System.Runtime.InteropServices.ExternalException": _SYS_EX,
    _RT_EX: _SYS_EX,
    "System.Management.Automation.ActionPreferenceStopException": _RT_EX,
    "System.Management.Automation.CommandNotFoundException": _RT_EX,
    "System.Management.Automation.ParameterBindingException": _RT_EX,
    "System.Management.Automation.ParseException": _RT_EX,
    "System.Management.Automation.MethodException": _RT_EX,
    "System.Management.Automation.MethodInvocationException": "System.Management.Automation.MethodException",
    "System.Management.Automation.SessionStateException": _RT_EX,
    "System.Management.Automation.SessionStateUnauthorizedAccessException": "System.Management.Automation.SessionStateException",
    "System.Management.Automation.ItemNotFoundException": "System.Management.Automation.SessionStateException",
    "System.Management.Automation.DriveNotFoundException": "System.Management.Automation.SessionStateException",
    "System.Management.Automation.MetadataException": _RT_EX,
    "System.Management.Automation.ParsingMetadataException": "System.Management.Automation.MetadataException",
    "System.Management.Automation.ValidationMetadataException": "System.Management.Automation.MetadataException",
    "System.Management.Automation.PropertyNotFoundException": "System.Management.Automation.ExtendedTypeSystemException",
    "System.Management.Automation.ExtendedTypeSystemException": _RT_EX,
    "System.Management.Automation.PSInvalidCastException": "System.InvalidCastException",
    "System.Management.Automation.PSArgumentException": "System.ArgumentException",
    "System.Management.Automation.PSArgumentNullException": "System.ArgumentNullException",
    "System.Management.Automation.PSArgumentOutOfRangeException": "System.ArgumentOutOfRangeException",
    "System.Management.Automation.PSInvalidOperationException": "System.InvalidOperationException",
    "System.Management.Automation.PSNotSupportedException": "System.NotSupportedException",
    "System.Management.Automation.PSNotImplementedException": "System.NotImplementedException",
    "System.Management.Automation.PipelineStoppedException": _RT_EX,
    "System.Management.Automation.Remoting.PSRemotingTransportException": _RT_EX,
    "Microsoft.PowerShell.Commands.WriteErrorException": _SYS_EX,
    "Microsoft.Management.Infrastructure.CimException": _SYS_EX,
}
_BASES.update(MODULE_TYPE_BASES)   # FailoverClusters' and Hyper-V's object and enum types
_SMA = "System.Management.Automation."
# the PSMemberInfo classes a script builds members from (labkit.twin.psobject_view)
# https://learn.microsoft.com/dotnet/api/system.management.automation.psmemberinfo
_BASES.update({_SMA + "PSMemberInfo": _OBJ, _SMA + "PSPropertyInfo": _SMA + "PSMemberInfo",
               _SMA + "PSMethodInfo": _SMA + "PSMemberInfo", _SMA + "PSNoteProperty": _SMA + "PSPropertyInfo",
               _SMA + "PSAliasProperty": _SMA + "PSPropertyInfo", _SMA + "PSScriptProperty": _SMA + "PSPropertyInfo",
               _SMA + "PSScriptMethod": _SMA + "PSMethodInfo", _SMA + "PSPropertySet": _SMA + "PSMemberInfo",
               _SMA + "PSMemberSet": _SMA + "PSMemberInfo", "System.Collections.ObjectModel.Collection`1": _OBJ,
               _SMA + "Runspaces.InitialSessionState": _OBJ,
               _SMA + "Host.Coordinates": _VT, _SMA + "Host.Size": _VT})

_INTERFACES: dict[str, tuple[str, ...]] = {
    "System.String": ("System.IComparable", "System.ICloneable", "System.IConvertible", "System.Collections.IEnumerable"),
    "System.Array": ("System.ICloneable", "System.Collections.IList", "System.Collections.ICollection", "System.Collections.IEnumerable"),
    "System.Collections.Hashtable": ("System.Collections.IDictionary", "System.Collections.ICollection",
                                     "System.Collections.IEnumerable", "System.ICloneable"),
    "System.Collections.Specialized.OrderedDictionary": ("System.Collections.Specialized.IOrderedDictionary",
                                                         "System.Collections.IDictionary", "System.Collections.ICollection",
                                                         "System.Collections.IEnumerable"),
    "System.Collections.ArrayList": ("System.Collections.IList", "System.Collections.ICollection",
                                     "System.Collections.IEnumerable", "System.ICloneable"),
    "System.Collections.Generic.List`1": ("System.Collections.IList", "System.Collections.ICollection", "System.Collections.IEnumerable"),
}
for _n in ("System.Int32", "System.Int64", "System.Double", "System.Int16", "System.Byte", "System.UInt32", "System.UInt64",
           "System.Single", "System.Decimal", "System.DateTime", "System.Char", "System.Boolean", "System.TimeSpan"):
    _INTERFACES[_n] = ("System.IComparable", "System.IConvertible", "System.IFormattable")

# about_Type_Accelerators (5.1): accelerator -> full name.
ACCELERATORS: dict[str, str] = {
    "int": "System.Int32", "int32": "System.Int32", "long": "System.Int64", "int64": "System.Int64",
    "int16": "System.Int16", "uint16": "System.UInt16", "uint32": "System.UInt32", "uint64": "System.UInt64",
    "byte": "System.Byte", "sbyte": "System.SByte", "double": "System.Double", "float": "System.Single",
    "single": "System.Single", "decimal": "System.Decimal", "bigint": "System.Numerics.BigInteger",
    "bool": "System.Boolean", "char": "System.Char", "string": "System.String", "datetime": "System.DateTime",
    "timespan": "System.TimeSpan", "guid": "System.Guid", "version": "System.Version", "uri": "System.Uri",
    "regex": "System.Text.RegularExpressions.Regex", "ipaddress": "System.Net.IPAddress", "xml": "System.Xml.XmlDocument",
    "cultureinfo": "System.Globalization.CultureInfo", "hashtable": "System.Collections.Hashtable", "array": "System.Array",
    "scriptblock": "System.Management.Automation.ScriptBlock", "switch": "System.Management.Automation.SwitchParameter",
    "psobject": "System.Management.Automation.PSObject", "pscustomobject": "System.Management.Automation.PSObject",
    "object": _OBJ, "type": "System.Type", "void": "System.Void", "pscredential": "System.Management.Automation.PSCredential",
    "securestring": "System.Security.SecureString", "ref": "System.Management.Automation.PSReference",
    "ciminstance": "Microsoft.Management.Infrastructure.CimInstance",
    "wildcardpattern": "System.Management.Automation.WildcardPattern",
    "initialsessionstate": "System.Management.Automation.Runspaces.InitialSessionState",
}

# Full name -> the conversion key of labkit.twin.values.convert.
_CONVERT_KEY: dict[str, str] = {
    "System.String": "string", "System.Int32": "int32", "System.Int64": "int64", "System.UInt64": "uint64",
    "System.UInt32": "uint32", "System.UInt16": "uint16", "System.Int16": "int16", "System.Byte": "byte", "System.SByte": "sbyte",
    "System.Double": "double", "System.Single": "double", "System.Decimal": "double", "System.Boolean": "bool",
    "System.Management.Automation.SwitchParameter": "switch", "System.Management.Automation.ScriptBlock": "scriptblock",
    _OBJ: "object", "System.Management.Automation.PSObject": "object", "System.Collections.Hashtable": "hashtable",
    "System.Array": "array", "System.DateTime": "datetime", "System.TimeSpan": "timespan", "System.Char": "char",
    "System.Void": "void",
}

_LOWER = {n.lower(): n for n in _BASES}

# Type name shown by "$([int])" / [string][int] (PowerShell writes accelerators for their types).
_SHORT = {
    "System.Int32": "int", "System.Int64": "long", "System.String": "string", "System.Boolean": "bool", "System.Double": "double",
    "System.Char": "char", "System.Byte": "byte", "System.Single": "float", "System.Decimal": "decimal", "System.Object": "System.Object",
    "System.Collections.Hashtable": "hashtable", "System.Management.Automation.ScriptBlock": "scriptblock",
    "System.DateTime": "datetime", "System.TimeSpan": "timespan", "System.Management.Automation.SwitchParameter": "switch",
    "System.Management.Automation.PSObject": "psobject", "System.Xml.XmlDocument": "xml", "System.Guid": "guid",
    "System.Version": "version", "System.Text.RegularExpressions.Regex": "regex", "System.Array": "array",
}

_MSCORLIB = "mscorlib, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089"
# generic collections .NET Framework 4.8 keeps outside mscorlib (each type's page names its assembly:
# https://learn.microsoft.com/dotnet/api/system.collections.generic.stack-1?view=netframework-4.8)
_ASSEMBLY = {"System.Collections.Generic.Stack`1": "System, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089",
             "System.Collections.Generic.Queue`1": "System, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089",
             "System.Collections.Generic.HashSet`1": "System.Core, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089"}


class PSType:
    """A .NET type as a value (``[int]``, ``$x.GetType()``)."""

    __slots__ = ("full_name", "element", "args")

    def __init__(self, full_name: str, element: "PSType | None" = None, args: tuple["PSType", ...] = ()):
        self.full_name, self.element, self.args = full_name, element, args

    @property
    def name(self) -> str:
        if self.element is not None:
            return self.element.name + "[]"
        return self.full_name.rsplit(".", 1)[-1]

    @property
    def namespace(self) -> str:
        base = self.element.full_name if self.element is not None else self.full_name
        return base.rsplit(".", 1)[0] if "." in base else ""

    @property
    def display_full_name(self) -> str:
        """``FullName`` as .NET Framework 4 prints it (generic arguments assembly-qualified)."""
        if self.element is not None:
            return self.element.display_full_name + "[]"
        if self.args:
            inner = ",".join(f"[{a.display_full_name}, {_ASSEMBLY.get(a.full_name, _MSCORLIB)}]" for a in self.args)
            return f"{self.full_name}[{inner}]"
        return self.full_name

    @property
    def convert_key(self) -> str | None:
        return None if self.element is not None else _CONVERT_KEY.get(self.full_name)

    @property
    def is_array(self) -> bool:
        return self.element is not None

    def base(self) -> "PSType | None":
        if self.element is not None:
            return PSType("System.Array")
        b = _base_name(self.full_name)
        return PSType(b) if b else None

    def lineage(self) -> list[str]:
        """This type's full name, its bases' and its interfaces'."""
        if self.element is not None:
            names = [self.display_full_name]
            names += PSType("System.Array").lineage()
            return names
        out: list[str] = []
        t: str | None = self.full_name
        while t:
            out.append(t)
            out.extend(_interfaces_of(t))
            t = _base_name(t)
        if out[-1] != _OBJ:
            out.append(_OBJ)
        return out

    def accelerator_name(self) -> str:
        if self.element is not None:
            return self.element.accelerator_name() + "[]"
        if self.args:
            return f"{self.full_name.split('`')[0]}[{','.join(a.accelerator_name() for a in self.args)}]"
        return _SHORT.get(self.full_name, self.full_name)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PSType) and self.display_full_name == other.display_full_name

    def __hash__(self) -> int:
        return hash(self.display_full_name)

    def __str__(self) -> str:
        return self.accelerator_name()

    def __repr__(self) -> str:
        return f"PSType({self.display_full_name})"


def _split_generic(text: str) -> tuple[str, list[str]] | None:
    """``List[string]`` -> ('List', ['string']); None when not generic."""
    if not text.endswith("]") or "[" not in text:
        return None
    i = text.index("[")
    head, inner = text[:i], text[i + 1:-1]
    args, depth, cur = [], 0, []
    for ch in inner:
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        if ch == "," and depth == 0:
            args.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    args.append("".join(cur).strip())
    return head.strip(), args


# `using namespace X` of the script running (about_Using, 5.1): names the twin finds under X.<name> too
USING_NAMESPACES: ContextVar[tuple[str, ...]] = ContextVar("using_namespaces", default=())


# The enums and classes the running script defines (labkit.twin.usertypes): lower-case name -> the type. They resolve
# by name too, so that composite types name them: [C[]], [System.Collections.Generic.List[C]] (about_Classes)
USER_TYPES: ContextVar[dict[str, Any] | None] = ContextVar("user_types", default=None)


def _script_type(full_name: str) -> Any:
    user = USER_TYPES.get()
    return user.get(full_name.lower()) if user and full_name not in _BASES else None


def _base_name(full_name: str) -> str | None:
    """The base type's full name, for a script's class or enum too (labkit.twin.usertypes)."""
    if full_name in _BASES:
        return _BASES[full_name]
    ut = _script_type(full_name)
    return ut.base_type_name() if ut is not None else None


def _interfaces_of(full_name: str) -> tuple[str, ...]:
    ut = _script_type(full_name) if full_name not in _INTERFACES else None
    return tuple(ut.interface_names()) if ut is not None else _INTERFACES.get(full_name, ())


def resolve(name: str) -> PSType | None:
    """The type ``name`` means in 5.1, or None when the twin does not know it."""
    user = USER_TYPES.get()
    return _resolve(name, USING_NAMESPACES.get(), tuple(user) if user else ())


@lru_cache(maxsize=1024)
def _resolve(name: str, namespaces: tuple[str, ...], user: tuple[str, ...] = ()) -> PSType | None:
    text = name.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1].strip()
    if text.endswith("[]"):
        elem = resolve(text[:-2])
        return PSType(elem.full_name + "[]", elem) if elem is not None else None
    gen = _split_generic(text)
    if gen is not None:
        head, raw_args = gen
        head = head.rstrip("0123456789").rstrip("`") if "`" in head else head   # Collection`1[T] names its arity too
        args = [resolve(a) for a in raw_args]
        if any(a is None for a in args):
            return None
        full = _full_name(f"{head}`{len(args)}")
        return PSType(full, None, tuple(a for a in args if a is not None)) if full else None
    full = _full_name(text)
    return PSType(full) if full else None


def _full_name(text: str) -> str | None:
    low = text.lower()
    if low in ACCELERATORS:
        return ACCELERATORS[low]
    if low in _LOWER:
        return _LOWER[low]
    if "system." + low in _LOWER:
        return _LOWER["system." + low]
    for short in ("list`1", "dictionary`2", "hashset`1", "keynotfoundexception"):
        if low == short or low == "generic." + short or low == "collections.generic." + short:
            return _LOWER["system.collections.generic." + short]
    for ns in USING_NAMESPACES.get():
        if f"{ns.lower()}.{low}" in _LOWER:
            return _LOWER[f"{ns.lower()}.{low}"]
    user = USER_TYPES.get()
    if user and low in user:
        return getattr(user[low], "name", text)
    return None


def type_not_found(name: str) -> str:
    """5.1's message for a type name it cannot resolve (error ID TypeNotFound)."""
    return f"Unable to find type [{name}]."


# -- the type of a value ------------------------------------------------------------

def value_type(value: Any) -> PSType:
    """What ``$value.GetType()`` returns."""
    from labkit.twin.values import PSHashtable, ScriptBlock

    if isinstance(value, bool):
        return PSType("System.Boolean")
    if isinstance(value, int):
        if type(value) is not int:
            return PSType(type(value).type_name)   # type: ignore[attr-defined]  ([long]5 ...: dotnet_values.NumberTypes)
        return PSType("System.Int32" if -2**31 <= value < 2**31 else "System.Int64" if -2**63 <= value < 2**63 else "System.Double")
    if isinstance(value, float):
        return PSType("System.Double" if type(value) is float else type(value).type_name)   # type: ignore[attr-defined]
    if isinstance(value, str):
        return PSType(getattr(value, "type_name", "System.String"))
    tn = getattr(value, "type_name", None)
    if isinstance(value, list):
        elem = getattr(value, "element_type", None)
        if isinstance(tn, str):
            return PSType(tn, None, (elem,) if elem is not None and "`" in tn else ())
        if elem is not None:
            return PSType(elem.full_name + "[]", elem)
        return PSType("System.Object[]", PSType(_OBJ))
    if isinstance(value, PSHashtable):
        kv = (getattr(value, "key_type", None), getattr(value, "value_type", None))   # Dictionary[K,V]'s type arguments
        return PSType(tn if isinstance(tn, str) else "System.Collections.Hashtable", None,
                      kv if None not in kv and isinstance(tn, str) and "`" in tn else ())
    if isinstance(value, datetime):
        return PSType("System.DateTime")
    if isinstance(value, timedelta):
        return PSType("System.TimeSpan")
    if isinstance(value, ScriptBlock):
        return PSType("System.Management.Automation.ScriptBlock")
    if isinstance(value, PSType):
        return PSType("System.RuntimeType")
    if isinstance(value, PSEnum):
        return PSType(value.type_name)
    if isinstance(value, PSObject):
        # a CIM instance's type name carries its class after '#' (CimInstance#ROOT/.../MSFT_Disk); its .NET type is CimInstance;
        # Select-Object's objects are PSCustomObjects named Selected.<input type> first
        name = next((n for n in value.type_names if not n.startswith("Selected.")), value.type_name)
        return PSType(name.split("#", 1)[0])
    if isinstance(tn, str):
        return PSType(tn)
    return PSType(_OBJ)


def type_names_of(value: Any) -> list[str]:
    """``$value.PSTypeNames`` of a value that is not a PSObject: its type and base types."""
    t = value_type(value)
    names = [t.display_full_name]
    b = t.base()
    while b is not None:
        names.append(b.full_name)
        b = b.base()
    return names


def value_lineage(value: Any) -> list[str]:
    """Every type name ``value -is`` matches (its type, bases, interfaces)."""
    if isinstance(value, PSObject):
        names: list[str] = []
        for tn in value.type_names:
            t = PSType(tn)
            for n in t.lineage() if tn in _BASES or _script_type(tn) is not None else [tn]:
                if n not in names:
                    names.append(n)
        if _OBJ not in names:
            names.append(_OBJ)
        return names
    if isinstance(value, PSEnum):
        return [value.type_name, "System.Enum", _VT, _OBJ]
    t = value_type(value)
    if t.full_name in _BASES or t.element is not None:
        return t.lineage()
    return [t.full_name, _OBJ]


def is_instance(value: Any, t: PSType) -> bool:
    """``value -is [t]`` (5.1: $null is no type; every object is [object];
    [psobject] matches the objects PowerShell wraps, here custom objects)."""
    if value is None:
        return False
    full = t.full_name
    if full == _OBJ:
        return True
    if full == "System.Management.Automation.PSObject":
        return isinstance(value, PSObject)
    if t.element is not None:
        if not isinstance(value, list):
            return False
        vt = value_type(value)
        if vt.element is None:
            return False
        if t.element.full_name == _OBJ:
            return True
        return vt.element == t.element
    if t.args:
        # a generic interface a script class implements (IEquatable[C]) is in its lineage by its full name
        return value_type(value) == t or (isinstance(value, PSObject) and t.display_full_name in value_lineage(value))
    low = full.lower()
    return any(n.lower() == low for n in value_lineage(value))


def type_member(t: PSType, name: str) -> Any:
    """A property of a type object (``[int].Name``); None when it has no such property."""
    low = name.lower()
    if low == "name":
        return t.name if not t.args else t.full_name.rsplit(".", 1)[-1]
    if low == "fullname":
        return t.display_full_name
    if low == "namespace":
        return t.namespace
    if low == "basetype":
        return t.base()
    if low == "isarray":
        return t.element is not None
    if low == "isvaluetype":
        return t.element is None and "System.ValueType" in t.lineage() and t.full_name not in ("System.ValueType", "System.Enum")
    if low == "isenum":
        return t.element is None and _base_name(t.full_name) == "System.Enum"
    if low == "isclass":
        return t.element is not None or "System.ValueType" not in t.lineage()
    if low in ("ispublic", "isserializable"):
        return True
    if low == "isgenerictype":
        return bool(t.args)
    if low == "underlyingsystemtype":
        return t
    if low == "assemblyqualifiedname":
        return f"{t.display_full_name}, {_MSCORLIB}"
    if low == "generictypearguments":
        return list(t.args)
    from labkit.twin.unmodelled import refuse_type_property     # unmodelled reads values, which reads this module
    refuse_type_property(t.full_name, name)
    return None


def type_method(t: PSType, name: str, args: list[Any]) -> Any:
    """Methods of a type object; raises AttributeError for the ones the twin does not have."""
    low = name.lower()
    if low == "tostring":
        return t.display_full_name
    if low == "getelementtype":
        return t.element
    if low == "getgenericarguments":
        return list(t.args)
    if low == "equals":
        return t == args[0]
    if low == "isassignablefrom":
        other = args[0]
        return isinstance(other, PSType) and t.full_name in other.lineage()
    if low == "getenumnames":
        members = enum_members(t.full_name)
        if members is not None:
            return list(members)
    if low == "isinstanceoftype":
        return is_instance(args[0], t)
    if low == "getinterface" and len(args) == 1:
        # Type.GetInterface(name): the interface by its full name or simple name, else null
        # (https://learn.microsoft.com/dotnet/api/system.type.getinterface?view=netframework-4.8)
        wanted = str(args[0])
        if "`" in wanted:
            from labkit.twin.errors import UnsupportedConstruct
            raise UnsupportedConstruct(f"Type.GetInterface('{wanted}') of a generic interface", 0)
        for n in t.lineage()[1:]:
            if "[" not in n and n != _OBJ and _base_name(n) is None and wanted in (n, n.rsplit(".", 1)[-1]):
                return PSType(n)
        return None
    raise AttributeError(name)


# Members of the enums the twin knows, in value order (value = index).
# https://learn.microsoft.com/dotnet/api/system.consolecolor , .dayofweek , .midpointrounding , .stringsplitoptions,
# System.Management.Automation.ActionPreference (5.1) and .ErrorCategory
ENUM_MEMBERS: dict[str, tuple[str, ...]] = {
    "System.Management.Automation.ActionPreference": ("SilentlyContinue", "Stop", "Continue", "Inquire", "Ignore", "Suspend"),
    "System.MidpointRounding": ("ToEven", "AwayFromZero"),
    "System.StringSplitOptions": ("None", "RemoveEmptyEntries"),
    # https://learn.microsoft.com/dotnet/api/system.stringcomparison?view=netframework-4.8
    "System.StringComparison": ("CurrentCulture", "CurrentCultureIgnoreCase", "InvariantCulture", "InvariantCultureIgnoreCase",
                                "Ordinal", "OrdinalIgnoreCase"),
    "System.DayOfWeek": ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"),
    "System.ConsoleColor": ("Black", "DarkBlue", "DarkGreen", "DarkCyan", "DarkRed", "DarkMagenta", "DarkYellow", "Gray",
                            "DarkGray", "Blue", "Green", "Cyan", "Red", "Magenta", "Yellow", "White"),
}


def enum_members(full_name: str) -> tuple[str, ...] | None:
    if full_name == "System.Management.Automation.ErrorCategory":
        from labkit.twin.interpreter import ERROR_CATEGORIES
        return tuple(ERROR_CATEGORIES)
    return ENUM_MEMBERS.get(full_name)
