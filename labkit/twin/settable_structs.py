"""Small .NET structs a script builds from a hashtable or with New-Object -Property, whose public fields and
properties are settable: ``[System.Management.Automation.Host.Coordinates]@{X = 10; Y = 33}``.

https://learn.microsoft.com/dotnet/api/system.management.automation.host.coordinates (X, Y: Int32; ToString() "X,Y")
https://learn.microsoft.com/dotnet/api/system.management.automation.host.size (Width, Height: Int32; ToString() "W,H")
A hashtable key that names no property, or a value the property's type refuses, is 5.1's ObjectCreationError
(labkit.twin.hashtable_conversion's texts); a write converts to the property's type.
"""

from __future__ import annotations

from typing import Any

from labkit.twin.objects import PSObject
from labkit.twin.values import PSHashtable, PSRuntimeError, convert, to_string

_HOST = "System.Management.Automation.Host."
# type -> (properties with their .NET type and conversion key, ToString() separator)
STRUCTS: dict[str, tuple[tuple[tuple[str, str, str], ...], str]] = {
    _HOST + "Coordinates": ((("X", "System.Int32", "int32"), ("Y", "System.Int32", "int32")), ","),
    _HOST + "Size": ((("Width", "System.Int32", "int32"), ("Height", "System.Int32", "int32")), ","),
}


class StructValue(PSObject):
    """One struct value; its ToString() is its fields joined as .NET writes them."""

    __slots__ = ()

    def __str__(self) -> str:
        fields, sep = STRUCTS[self.type_name]
        return sep.join(to_string(self.get(n)) for n, _, _ in fields)


def construct_struct(full: str, args: list[Any]) -> Any:
    """``New-Object T``, ``[T]::new(a, b)`` or ``[T]@{...}``."""
    fields, _ = STRUCTS[full]
    obj = StructValue(full, {n: 0 for n, _, _ in fields})
    obj.setter = lambda name, value: _set(obj, name, value)
    if len(args) == 1 and isinstance(args[0], PSHashtable):
        from labkit.twin.hashtable_conversion import object_creation_error
        for k, v in args[0].items():
            key = to_string(k)
            if not any(n.lower() == key.lower() for n, _, _ in fields):
                available = " , ".join(f"[{n} <{t}>]" for n, t, _ in fields)
                raise object_creation_error(full, f"The {key} property was not found for the {full} object. The available "
                                            f"property is: {available}")
            try:
                _set(obj, key, v)
            except PSRuntimeError as e:
                raise object_creation_error(full, str(e)) from None
        return obj
    if args and len(args) != len(fields):
        raise PSRuntimeError(f'Cannot find an overload for "{full.rsplit(".", 1)[-1]}" and the argument count: "{len(args)}".',
                             "NotSpecified", "MethodCountCouldNotFindBest")
    for (n, _, _), v in zip(fields, args):
        _set(obj, n, v)
    return obj


def _set(obj: StructValue, name: str, value: Any) -> None:
    fields, _ = STRUCTS[obj.type_name]
    for n, _, key in fields:
        if n.lower() == name.lower():
            obj.set(n, convert(value, key))
            return
    raise PSRuntimeError(f"The property '{name}' cannot be found on this object. Verify that the property exists and can be set.",
                         "InvalidOperation", "PropertyNotFound")
