"""What a script class names after the colon: ``class C : Base, IInterface`` (about_Classes_Inheritance, 5.1).

https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_classes_inheritance?view=powershell-5.1

The first name is the base class, or an interface when it names one; the others must be interfaces.  5.1
resolves them when it defines the types, before the script runs (Parser / PSType.cs of 5.1's source,
commit 60b3b304f2 of the PowerShell mirror), so a wrong name is a parse error: ``TypeNotFound``,
``SealedBaseClass``, ``InterfaceNameExpected``, and an interface method not implemented with its signature
is ``TypeCreationError`` (the .NET TypeLoadException's text).

The twin honours:

- a script class as base (single inheritance, any depth);
- ``System.Object`` and the exception types the twin models (``System.Exception``,
  ``System.InvalidOperationException`` ...): a custom exception thrown and caught by type
  (about_Classes_Inheritance: "Inheriting from System.Exception" is not a page, but ``catch [T]`` matches
  an exception's type and its bases: about_Try_Catch_Finally);
- the interfaces whose contract PowerShell itself uses or that carry no behaviour:
  ``System.IComparable`` (LanguagePrimitives.Compare calls CompareTo: ``-lt``/``-gt``, Sort-Object),
  ``System.IFormattable`` (a string conversion calls ToString($null, provider), ``-f`` with a format
  ToString(format, provider): about_Classes_Inheritance's Temperature example),
  ``System.IEquatable[T]`` (a marker for PowerShell: ``-eq`` calls Object.Equals(object)),
  ``System.IDisposable`` and ``System.ICloneable`` (PowerShell never calls Dispose/Clone itself).

Any other .NET base class or interface is refused as not emulated, never silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from labkit.twin.errors import PSParseError, UnsupportedConstruct
from labkit.twin.types import PSType, resolve
from labkit.twin.values import canonical_type

# ParserStrings.resx of 5.1 (the PowerShell mirror, src/System.Management.Automation/resources/ParserStrings.resx)
TEXTS = {
    "TypeNotFound": "Unable to find type [{0}].",
    "SealedBaseClass": "Cannot inherit from sealed class '{0}'.",
    "InterfaceNameExpected": "'{0}': Interface name expected.",
    "TypeCreationError": 'Error during creation of type "{0}". Error message: \n{1}',
    "BaseClassNoDefaultCtor": "Base class '{0}' does not contain a parameterless constructor.",
}

# The name of the dynamic assembly 5.1 defines a script's types in (PSType.DefineTypes: the mark U+29F9, then
# "powershell" for a script without a file), as .NET's TypeLoadException names it.
_ASSEMBLY = "\u29f9powershell, Version=0.0.0.0, Culture=neutral, PublicKeyToken=null"


@dataclass(frozen=True)
class Contract:
    """A method an interface requires: its name (exact case, as .NET maps interface methods), parameter types
    (canonical names, "object" for [object]) and return type."""
    name: str
    params: tuple[str, ...]
    returns: str


# interface full name (generic ones without their argument) -> the methods it requires
INTERFACES: dict[str, tuple[Contract, ...]] = {
    "System.IComparable": (Contract("CompareTo", ("object",), "int32"),),
    "System.IFormattable": (Contract("ToString", ("string", "iformatprovider"), "string"),),
    "System.IEquatable`1": (Contract("Equals", ("T",), "bool"),),
    "System.IDisposable": (Contract("Dispose", (), "void"),),
    "System.ICloneable": (Contract("Clone", (), "object"),),
}

# .NET interfaces and classes the twin knows by name but does not emulate as a base (refused, not "not found")
_KNOWN_INTERFACES = {"system.collections.ienumerable", "system.collections.ilist", "system.collections.icollection",
                     "system.collections.idictionary", "system.iconvertible",
                     "system.collections.specialized.iordereddictionary"}

# value types and System.String are sealed in .NET
_SEALED = {"System.String", "System.Boolean", "System.Char", "System.Byte", "System.SByte", "System.Int16", "System.UInt16",
           "System.Int32", "System.UInt32", "System.Int64", "System.UInt64", "System.Single", "System.Double",
           "System.Decimal", "System.DateTime", "System.TimeSpan", "System.Guid", "System.Version", "System.Uri"}


@dataclass
class Bases:
    """A class's resolved bases: a script class, or a .NET class's full name, and the interfaces."""
    script_base: Any = None                 # labkit.twin.usertypes.ClassType
    dotnet_base: str | None = None          # "System.Exception" ...; None for System.Object
    interfaces: list[str] = field(default_factory=list)   # display names: "System.IComparable", "System.IEquatable[C]"


def _error(error_id: str, defn: Any, *args: str) -> PSParseError:
    return PSParseError(TEXTS[error_id].format(*args), defn.line, defn.col, error_id)


def _interface_key(name: str) -> tuple[str, str | None] | None:
    """("System.IEquatable`1", "C") for ``IEquatable[C]``; ("System.IComparable", None) ...; None: not one of ours."""
    text = name.strip()
    low = text.lower().removeprefix("system.")
    if low.startswith("iequatable[") and low.endswith("]"):
        return "System.IEquatable`1", text[text.index("[") + 1:-1].strip()
    for full in INTERFACES:
        if "`" not in full and low == full.lower().removeprefix("system."):
            return full, None
    return None


def _is_interface_name(name: str) -> bool:
    low = name.strip().lower()
    if _interface_key(name) is not None or low in _KNOWN_INTERFACES or "system." + low in _KNOWN_INTERFACES:
        return True
    t = resolve(name)
    return t is not None and t.full_name.rsplit(".", 1)[-1].startswith("I") and t.base() is None \
        and t.full_name != "System.Object"


def resolve_bases(engine: Any, defn: Any, user_types: dict[str, Any]) -> Bases:
    """The bases of ``class defn.name : defn.base, defn.interfaces``; raises 5.1's parse errors and refuses what
    the twin does not emulate."""
    from labkit.twin.dotnet_exceptions import is_exception_type
    from labkit.twin.usertypes import ClassType, EnumType

    out = Bases()
    names = ([defn.base] if defn.base else []) + list(defn.interfaces)
    for i, name in enumerate(names):
        user = user_types.get(name.strip().lower())
        if i == 0 and user is not None:
            if isinstance(user, EnumType):
                raise _error("SealedBaseClass", defn, user.name)
            if user.defn is defn:       # class A : A
                raise _error("TypeNotFound", defn, name)
            out.script_base = user
            continue
        if user is not None:
            raise _error("InterfaceNameExpected", defn, user.name)
        if _is_interface_name(name):
            key = _interface_key(name)
            if key is None:
                raise UnsupportedConstruct(f"class {defn.name} implementing the interface [{name}]", defn.line)
            full, arg = key
            out.interfaces.append(full if arg is None else f"System.IEquatable[{arg}]")
            _check_contract(defn, full, arg, out.script_base)
            continue
        t = resolve(name)
        if t is None:
            from labkit.twin.type_ops import _unknown
            err = _unknown(name, defn.line)
            if isinstance(err, UnsupportedConstruct):
                what = "deriving from" if i == 0 else "implementing"
                raise UnsupportedConstruct(f"class {defn.name} {what} the .NET type [{name}]", defn.line)
            raise _error("TypeNotFound", defn, name)
        if i > 0:
            raise _error("InterfaceNameExpected", defn, t.name)
        if t.full_name in _SEALED or t.element is not None or t.base() is not None and t.base().full_name == "System.Enum":
            raise _error("SealedBaseClass", defn, t.name)
        if t.full_name == "System.Object":
            continue
        if t.element is None and not t.args and is_exception_type(t):
            out.dotnet_base = t.full_name
            continue
        raise UnsupportedConstruct(f"class {defn.name} deriving from the .NET type [{name}]", defn.line)
    if out.script_base is not None and not any(m.return_type is None and not m.static for m in defn.methods):
        # the implicit default constructor calls base(): PSType.DefineTypeHelper's BaseClassNoDefaultCtor
        base_ctors = [m for m in out.script_base.defn.methods if m.return_type is None and not m.static]
        if base_ctors and not any(not m.params for m in base_ctors):
            raise _error("BaseClassNoDefaultCtor", defn, out.script_base.name)
    return out


def _check_contract(defn: Any, full: str, arg: str | None, script_base: Any) -> None:
    """TypeCreationError when neither the class nor its script base classes have a method the interface requires,
    with its exact signature (an inherited public method implements an interface method in .NET)."""
    methods = list(defn.methods) + ([m for c in script_base.chain() for m in c.defn.methods] if script_base else [])
    for c in INTERFACES[full]:
        want = tuple(_canon(arg) if p == "T" else p for p in c.params)
        ok = any(m.return_type is not None and not m.static and m.name == c.name and len(m.params) == len(want)
                 and tuple(_canon(p.type_name) for p in m.params) == want and _canon(m.return_type) == c.returns
                 for m in methods)
        if not ok:
            message = f"Method '{c.name}' in type '{defn.name}' from assembly '{_ASSEMBLY}' does not have an implementation."
            raise _error("TypeCreationError", defn, defn.name, message)


def _canon(type_name: str | None) -> str:
    if type_name is None:
        return "object"
    low = type_name.strip().lower()
    if low in ("object", "system.object", "psobject"):
        return "object" if low != "psobject" else "psobject"
    canon, is_array = canonical_type(type_name)
    return (canon or low.removesuffix("[]").removeprefix("system.")) + ("[]" if is_array else "")


def lineage_of(bases: Bases) -> list[str]:
    """The .NET type names below the script classes (``System.Exception``, ``System.Object``)."""
    if bases.dotnet_base is None:
        return ["System.Object"]
    return [n for n in PSType(bases.dotnet_base).lineage()]


def parse_failure(engine: Any, e: PSParseError, node: Any) -> Exception:
    """The error 5.1 reports when it defines the script's types: a ParseException, before any statement runs."""
    from labkit.twin.interpreter import PSError

    record, info = engine.record_for(e.text, "ParserError", e.error_id, None, node,
                                     exception_type="System.Management.Automation.ParseException")
    return PSError(record, info)
