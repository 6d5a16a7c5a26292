"""The session's extended type data: members ``Update-TypeData -TypeName T -MemberType ... -MemberName ... -Value ...``
gives every object whose PSTypeNames name T (its type, a base type, or a name a script gave it).

https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/update-typedata?view=powershell-5.1 and
about_Types.ps1xml (5.1): type members are found after the object's own instance members and before the members of
its .NET type; the most derived type name that has the member wins.  Each run (and each runspace) has its own table,
kept on its interpreter.  The type data 5.1's own types.ps1xml files ship is not part of it: Get-TypeData and
Remove-TypeData refuse those names as not emulated rather than answering nothing.
"""

from __future__ import annotations

from typing import Any

from labkit.twin.member_kinds import ENGINE, Member


class TypeEntry:
    """One type's members (TypeData in 5.1), in the order they were added."""

    __slots__ = ("name", "members", "display")

    def __init__(self, name: str):
        self.name = name
        self.members: dict[str, Member] = {}
        self.display: list[str] | None = None     # -DefaultDisplayPropertySet


# whether any run of this process made type data: until then nothing needs looking up (a fast path, never a filter)
ANY = False


def table(engine: Any = None, create: bool = False) -> dict[str, TypeEntry] | None:
    global ANY
    engine = engine if engine is not None else ENGINE.get()
    if engine is None:
        return None
    t = getattr(engine, "type_data_table", None)
    if t is None and create:
        t = engine.type_data_table = {}
        ANY = True
    return t


def _type_names(obj: Any) -> list[str]:
    from labkit.twin.members import get_member
    names = get_member(obj, "pstypenames")
    return [str(n) for n in names] if names else []


def type_members(obj: Any) -> list[tuple[str, Member]]:
    """(name, member) of the type members ``obj`` has, the most derived type's first, each name once."""
    if not ANY:
        return []
    t = table()
    if not t:
        return []
    out: dict[str, tuple[str, Member]] = {}
    for tn in _type_names(obj):
        entry = t.get(tn.lower())
        if entry is None:
            continue
        for low, m in entry.members.items():
            out.setdefault(low, (m.name, m))
    return list(out.values())


def find(obj: Any, name: str) -> Member | None:
    """The type member ``name`` of ``obj`` (None when no type name of it has one)."""
    if not ANY:
        return None
    t = table()
    if not t:
        return None
    low = name.lower()
    if low in ("pstypenames", "psobject"):
        return None
    for tn in _type_names(obj):
        entry = t.get(tn.lower())
        if entry is not None and low in entry.members:
            return entry.members[low]
    return None


def default_display(obj: Any) -> list[str] | None:
    """The DefaultDisplayPropertySet of the most derived type name of ``obj`` that has one."""
    t = table()
    if not t:
        return None
    for tn in _type_names(obj):
        entry = t.get(tn.lower())
        if entry is not None and entry.display:
            return entry.display
    return None
