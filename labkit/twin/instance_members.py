"""Where an object's instance members live, and reading them by name.

A :class:`~labkit.twin.objects.PSObject` holds its note properties as plain values and its other instance members
(:mod:`labkit.twin.member_kinds`) among them, in the order they were added.  A value that is no PSObject (a string,
an array, a hashtable ...) keeps its members in the run's table, as 5.1 keeps the members of a reference-type
object that PowerShell wraps again later (PSObject's instance-member "resurrection" table): ``$a = 1,2;
Add-Member -InputObject $a NoteProperty N 1; $a.N`` is 1.  .NET value types (numbers, booleans, DateTime ...) are
boxed anew each time in 5.1, so their members live only on the PSObject -PassThru writes: the twin refuses them.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from labkit.twin.member_kinds import ENGINE, Member, NoteProperty

class Entry:
    """A value's instance members and, once changed, its type names (5.1's two resurrection tables)."""

    __slots__ = ("value", "members", "type_names")

    def __init__(self, value: Any):
        self.value = value              # kept alive with its entry, so its id is not reused
        self.members: dict[str, Member] = {}
        self.type_names: Any = None     # the live PSTypeNames list once read or changed


_FALLBACK: dict[int, Entry] = {}


def _table() -> dict[int, Entry]:
    engine = ENGINE.get()
    if engine is None:
        return _FALLBACK
    table = getattr(engine, "instance_member_table", None)
    if table is None:
        table = {}
        engine.instance_member_table = table
    return table


def is_value_type(value: Any) -> bool:
    """A .NET value type in 5.1 (boxed into a new object each time it is wrapped)."""
    from labkit.twin.objects import PSEnum
    return isinstance(value, (bool, int, float, datetime, timedelta, PSEnum)) or type(value).__name__ == "PSChar"


class MemberStr(str):
    """A string that carries instance members: what Add-Member -PassThru returns for a string.  The twin's strings
    are shared Python objects (the same 'a' may stand for two of 5.1's strings), so members never go into the
    table for a plain string; Add-Member refuses a plain string without -PassThru (labkit.twin.modules.add_member)."""

    __slots__ = ("entry",)


# whether any value of this process got a table entry: until then nothing needs looking up (a fast path)
ANY = False


def entry_of(value: Any, create: bool = False) -> Entry | None:
    """The table entry of a value that is no PSObject (None when it has none and ``create`` is false)."""
    global ANY
    if not create and not ANY:
        return None
    if isinstance(value, MemberStr):
        ANY = True
        if not hasattr(value, "entry"):
            value.entry = Entry(None)
        return value.entry
    if isinstance(value, str) and not create:
        return None
    table = _table()
    entry = table.get(id(value))
    if entry is not None and entry.value is value:
        return entry
    if not create:
        return None
    entry = table[id(value)] = Entry(value)
    ANY = True
    return entry


def table_of(value: Any, create: bool = False) -> dict[str, Member] | None:
    """The instance members of a value that is no PSObject (None when it has none)."""
    entry = entry_of(value, create)
    return entry.members if entry is not None else None


def type_names(value: Any) -> Any:
    """The live PSTypeNames list of a value that is no PSObject (an ArrayList kept in its entry)."""
    from labkit.twin.dotnet_values import ArrayList
    from labkit.twin.types import type_names_of

    entry = entry_of(value, create=True)
    assert entry is not None
    if entry.type_names is None:
        entry.type_names = ArrayList(type_names_of(value))
    return entry.type_names


def instance_members(obj: Any) -> list[tuple[str, Any]]:
    """(name, stored) of every instance member, in the order added: a note property of a PSObject is its value,
    the others :class:`Member` objects."""
    from labkit.twin.objects import PSObject

    if isinstance(obj, PSObject):
        return obj.instance_items()
    table = table_of(obj)
    return [(m.name, m) for m in table.values()] if table else []


def find(obj: Any, name: str) -> Any:
    """The stored instance member ``name`` (a value for a PSObject's note property), or MISSING."""
    from labkit.twin.objects import PSObject

    if isinstance(obj, PSObject):
        return obj.stored(name, MISSING)
    table = table_of(obj)
    if table:
        return table.get(name.lower(), MISSING)
    return MISSING


def add(obj: Any, member: Member | tuple[str, Any]) -> None:
    """Add a member (a Member, or (name, value) for a note property); the caller checked the name is free."""
    from labkit.twin.objects import PSObject

    if isinstance(obj, PSObject):
        if isinstance(member, tuple):
            obj.store(member[0], member[1])
        else:
            obj.store(member.name, member)
            _standard_members(obj, member)
        return
    if isinstance(member, tuple):
        member = NoteProperty(member[0], member[1])
    table = table_of(obj, create=True)
    assert table is not None
    table[member.name.lower()] = member


def remove(obj: Any, name: str) -> bool:
    from labkit.twin.objects import PSObject

    if isinstance(obj, PSObject):
        # only instance members go (PSMemberInfoIntegratingCollection.Remove): a cmdlet object's own property stays
        if not any(n.lower() == name.lower() for n, _ in obj.instance_items()):
            return False
        return obj.remove(name)
    table = table_of(obj)
    return bool(table) and table.pop(name.lower(), None) is not None


def read(obj: Any, stored: Any) -> Any:
    """The value of a stored member read on ``obj``."""
    return stored.read(obj) if isinstance(stored, Member) else stored


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


def _standard_members(obj: Any, member: Member) -> None:
    """A PSStandardMembers member set's DefaultDisplayPropertySet: the properties Format-Table and Format-List show by
    default (about_Types.ps1xml, 5.1: "DefaultDisplayPropertySet ... in the PSStandardMembers member set"
    https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_types.ps1xml?view=powershell-5.1)."""
    from labkit.twin.member_kinds import MemberSet, PropertySet

    if isinstance(member, MemberSet) and member.name.lower() == "psstandardmembers":
        display = next((m for m in member.members if isinstance(m, PropertySet) and m.name.lower() == "defaultdisplaypropertyset"),
                       None)
        if display is not None:
            obj.display = list(display.names)


def property_set_names(obj: Any, name: str) -> list[str] | None:
    """The property names the property set ``name`` of ``obj`` refers to (an instance or type-data PSPropertySet), or
    None when ``name`` is no property set: Select-Object and Format-* expand it (MshExpression.ResolveNames)."""
    from labkit.twin import type_data
    from labkit.twin.member_kinds import PropertySet

    if obj is None:
        return None
    stored = find(obj, name)
    if stored is MISSING:
        stored = type_data.find(obj, name)
    return list(stored.names) if isinstance(stored, PropertySet) else None


def value_property_names(value: Any) -> list[str] | None:
    """The property names of a value that is no PSObject, in 5.1's order (instance members first), where the twin
    knows them all: a string's Length, none for numbers and booleans (https://learn.microsoft.com/dotnet/api/system.int32
    has no instance properties); None for the others."""
    own = [n for n, m in instance_members(value) if getattr(m, "is_property", False)]
    if isinstance(value, str):
        return own + ["Length"]
    if isinstance(value, (bool, int, float)) and type(value) in (bool, int, float):
        return own
    return None
