"""What Get-Member lists for an instance of a script class (about_Hidden, about_Classes, 5.1).

https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_hidden?view=powershell-5.1
shows the listing for a class instance: System.Object's methods beside the class's own methods (their return and
parameter types as Get-Member names types: ``int Drive(int Miles)``, overloads joined with ", "), its properties as
``int Distance {get;set;}``; members declared ``hidden`` and static members are left out.  ``-Force`` (the intrinsic
members and the get_/set_ accessors) stays refused by Get-Member.
"""

from __future__ import annotations

from typing import Any

from labkit.twin.types import resolve

_OBJECT_METHODS = {"equals": ("Equals", "bool Equals(System.Object obj)"), "gethashcode": ("GetHashCode", "int GetHashCode()"),
                   "gettype": ("GetType", "type GetType()"), "tostring": ("ToString", "string ToString()")}


def type_text(type_name: str | None) -> str:
    """A type as Get-Member's definitions write it (accelerator names: int, string, bool ...)."""
    if type_name is None:
        return "System.Object"
    low = type_name.strip().lower()
    if low in ("void", "system.void"):
        return "void"
    if low in ("type", "system.type"):
        return "type"
    t = resolve(type_name)
    return t.accelerator_name() if t is not None else type_name.strip()


def member_rows(obj: Any) -> list[tuple[str, str, str]]:
    """(name, member type, definition) of ``obj``'s visible members, unsorted."""
    cls = obj.cls
    if cls.dotnet_base is not None:
        from labkit.twin.errors import NotEmulated
        raise NotEmulated("Get-Member", f"describing an object of the class [{cls.name}], which derives from the .NET "
                                        f"type [{cls.dotnet_base}]")
    methods: dict[str, tuple[str, dict[tuple[str, ...], str]]] = {}
    props: dict[str, tuple[str, str]] = {}
    for c in cls.chain():                   # base first: a derived class's member replaces the base's
        for m in c.defn.methods:
            if m.return_type is None or m.static or m.hidden:
                continue
            params = tuple(type_text(p.type_name) for p in m.params)
            text = f"{type_text(m.return_type)} {m.name}({', '.join(f'{t} {p.name}' for t, p in zip(params, m.params))})"
            entry = methods.setdefault(m.name.lower(), (m.name, {}))
            entry[1][params] = text
        for p in c.defn.properties:
            if not p.static and not p.hidden:
                props[p.name.lower()] = (p.name, f"{type_text(p.type_name)} {p.name} {{get;set;}}")
    rows = []
    for low, (name, definition) in _OBJECT_METHODS.items():
        if low not in methods:
            rows.append((name, "Method", definition))
    for name, overloads in methods.values():
        rows.append((name, "Method", ", ".join(overloads.values())))
    for name, definition in props.values():
        rows.append((name, "Property", definition))
    return rows
