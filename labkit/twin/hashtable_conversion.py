"""``[SomeClass]@{a = 1}``: a script class made from a hashtable, as 5.1's LanguagePrimitives makes it.

A constructor that takes the dictionary wins (FigureConstructorConversion); otherwise the no-argument constructor
runs and each key sets the property of that name (ConvertViaNoArgumentConstructor, SetObjectProperties).  A key
that names no property, or a value the property's type refuses, is ObjectCreationError with ExtendedTypeSystem.resx's
texts as 5.1 has them (PropertyNotFound: "The available property is: [a <System.Int32>] , ...").
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_classes?view=powershell-5.1
(PowerShell's HashtableToPSCustomObjectConversion tests).
"""

from __future__ import annotations

from typing import Any

from labkit.twin.values import PSHashtable, PSRuntimeError, to_string

# parameter types a dictionary binds to without conversion (a constructor "that takes a hashtable or OrderedDictionary")
_DICTIONARY_TYPES = {"hashtable", "system.collections.hashtable", "collections.hashtable", "system.collections.idictionary",
                     "collections.idictionary", "idictionary", "ordered", "system.collections.specialized.ordereddictionary"}


def dictionary_constructor(cls: Any) -> Any:
    """The class's own constructor with one parameter typed as a hashtable or dictionary, or None."""
    for m in cls.defn.methods:
        if m.return_type is None and not m.static and len(m.params) == 1:
            t = (m.params[0].type_name or "").strip().lower().strip("[]")
            if t in _DICTIONARY_TYPES:
                return m
    return None


def _type_name_of(cls: Any, p: Any) -> str:
    from labkit.twin.types import resolve
    if not p.type_name:
        return "System.Object"
    t = resolve(p.type_name)
    return t.display_full_name if t is not None else p.type_name


def available_properties(cls: Any) -> str:
    """GetAvailableProperties (5.1): ``[a <System.Int32>] , [b <System.Int32>]``."""
    props = []
    for c in cls.chain():
        props += [p for p in c.defn.properties if not p.static]
    return " , ".join(f"[{p.name} <{_type_name_of(cls, p)}>]" for p in props)


def object_creation_error(type_name: str, inner: str) -> PSRuntimeError:
    return PSRuntimeError(f'Cannot create object of type "{type_name}". {inner}', "InvalidArgument", "ObjectCreationError")


def from_dictionary(cls: Any, value: PSHashtable | Any) -> Any:
    """The class instance ``[cls]value`` makes from a hashtable (or a PSObject's properties)."""
    from labkit.twin.usertypes import set_property

    ctor = dictionary_constructor(cls) if isinstance(value, PSHashtable) else None
    if ctor is not None:
        return cls.new([value], None, ctor=ctor)
    obj = cls.new([], None)
    for k, v in list(value.items()):
        name = to_string(k)
        if cls.prop_def(name) is None:
            raise object_creation_error(cls.name, f"The {name} property was not found for the {cls.name} object. The available "
                                        f"property is: {available_properties(cls)}")
        try:
            set_property(obj, name, v)
        except PSRuntimeError as e:
            # SetObjectProperties reports the setter's inner exception (a SetValueException's InnerException)
            raise object_creation_error(cls.name, getattr(e, "inner_message", str(e))) from None
    return obj
