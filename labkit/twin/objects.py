"""The objects that flow through the twin's pipelines.

Emulated cmdlets return :class:`PSObject` instances (properties in order,
looked up case-insensitively, as PowerShell does) and :class:`PSEnum` values
for .NET enums such as ``VMState``: an enum prints as its name, compares
equal to its name (case-insensitive) or its number, and ConvertTo-Json
writes its number, exactly as Windows PowerShell 5.1 does.  Scripts that want
the name in JSON write ``"$($vm.State)"`` or ``[string]$vm.State``.
"""

from __future__ import annotations

import fnmatch
from typing import Any, Callable, Iterable, Iterator

from labkit.twin.cim_tostring import cim_class_path, cim_instance_string
from labkit.twin.errors import CmdletError
from labkit.twin import type_data as _type_data
from labkit.twin.member_kinds import Member


# Types whose objects -eq compares with a string by their string form, as on Windows:
# ``Get-ClusterResource | Where-Object ResourceType -eq 'Physical Disk'`` finds the disks
# (https://learn.microsoft.com/powershell/module/failoverclusters/get-clusterresource); the other cluster objects,
# which print as their name, too: Microsoft's VM Fleet picks the roles a node owns with
# ``$vms |? OwnerNode -eq $env:COMPUTERNAME`` (https://github.com/microsoft/diskspd/blob/master/Frameworks/VMFleet/VMFleet.psm1),
# admins the available disks with ``$_.OwnerGroup -eq 'Available Storage'``.
COMPARES_AS_STRING = frozenset("Microsoft.FailoverClusters.PowerShell." + t for t in (
    "ClusterResourceType", "Cluster", "ClusterNode", "ClusterGroup", "ClusterResource", "ClusterSharedVolume", "ClusterNetwork"))


_HYPERV = ("Microsoft.HyperV.PowerShell.", "Microsoft.Vhd.PowerShell.")


class HyperVStringNotEmulated(CmdletError):
    """Hyper-V's objects print their identifiers (VirtualizationObject.ToString(): ``HardDiskDrive (Name = '...',
    VMName = '...') [Id = '...', VMId = '...']``); an object whose identifiers the twin does not hold refuses its string
    form instead of answering the type name."""

    def __init__(self, type_name: str):
        super().__init__(f"The string form of a {type_name.rsplit('.', 1)[-1]} object (its Hyper-V identifiers) is not emulated by the "
                         "labkit twin. Read the properties you need instead, e.g. $x.Name.", "NotImplemented", "NotEmulated", type_name)


class PSEnum:
    __slots__ = ("type_name", "name", "value")

    def __init__(self, type_name: str, name: str, value: int):
        self.type_name, self.name, self.value = type_name, name, value

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"PSEnum({self.type_name}.{self.name}={self.value})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PSEnum):
            return self.type_name == other.type_name and self.value == other.value
        if isinstance(other, str):
            return self.name.lower() == other.lower()
        if isinstance(other, int) and not isinstance(other, bool):
            return self.value == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.type_name, self.value))


class PSObject:
    """A PowerShell object: a .NET type name and ordered properties.

    ``display`` lists the properties a table shows by default (PowerShell's
    format data); ``tostring`` is what ``"$obj"`` gives (default: the type name; for a CIM
    instance, CimInstance.ToString() of its class and key properties: labkit/twin/cim_tostring.py).
    """

    __slots__ = ("type_names", "_props", "_index", "_display", "tostring", "setter", "added", "_ext")

    def __init__(
        self,
        type_name: str | Iterable[str] = "System.Management.Automation.PSCustomObject",
        props: dict[str, Any] | None = None,
        *,
        display: list[str] | None = None,
        tostring: str | None = None,
        setter: Callable[[str, Any], None] | None = None,
    ):
        self.type_names = [type_name] if isinstance(type_name, str) else list(type_name)
        self.setter = setter      # an object whose property writes reach the world (a cluster object's common properties)
        self._props: dict[str, Any] = {}
        self._index: dict[str, str] = {}
        self.display = display
        self.tostring = tostring
        self.added: set[str] | None = None    # lower names of the note properties added to a cmdlet's object (Add-Member)
        self._ext = False                     # whether a Member is among _props (else every value is a plain property)
        for k, v in (props or {}).items():
            self.set(k, v)

    @property
    def display(self) -> list[str] | None:
        """The properties shown by default: the object's own list, else the DefaultDisplayPropertySet that
        Update-TypeData gave one of its type names (labkit.twin.type_data)."""
        if self._display:
            return self._display
        return _type_data.default_display(self) if _type_data.ANY and _type_data.table() else None

    @display.setter
    def display(self, names: list[str] | None) -> None:
        self._display = names

    @property
    def type_name(self) -> str:
        # a script may empty the list ($o.psobject.TypeNames.Clear()): the object is still a System.Object
        return self.type_names[0] if self.type_names else "System.Object"

    # Besides note properties (plain values), _props holds the other instance members Add-Member gives an object
    # (labkit.twin.member_kinds.Member: alias and script properties, script methods, property and member sets) in the
    # order they were added. has/get/set/names/items see the properties among them, read as 5.1 reads them.

    def has(self, name: str) -> bool:
        key = self._index.get(name.lower())
        if key is None:
            return False
        if not self._ext:
            return True
        v = self._props[key]
        return not isinstance(v, Member) or v.is_property

    def get(self, name: str, default: Any = None) -> Any:
        key = self._index.get(name.lower())
        if key is None:
            if not _type_data.ANY:
                return default
            typed = _type_member(self, name)
            return typed.read(self) if typed is not None and typed.is_property else default
        v = self._props[key]
        if self._ext and isinstance(v, Member):
            return v.read(self) if v.is_property else default
        return v

    def set(self, name: str, value: Any) -> None:
        key = self._index.setdefault(name.lower(), name)
        if self._ext:
            current = self._props.get(key)
            if isinstance(current, Member) and not isinstance(value, Member):
                current.write(self, value)      # an alias or script property: the write goes through it
                return
        if isinstance(value, Member):
            self._ext = True
        self._props[key] = value

    def names(self) -> list[str]:
        if not self._ext and not _type_data.ANY:
            return list(self._props)
        return [k for k, v in self._props.items() if not isinstance(v, Member) or v.is_property] + \
            [n for n, m in _type_members(self) if m.is_property and n.lower() not in self._index]

    def items(self) -> Iterator[tuple[str, Any]]:
        if not self._ext and not _type_data.ANY:
            return iter(self._props.items())
        return self._extended_items()

    def _extended_items(self) -> Iterator[tuple[str, Any]]:
        for k, v in list(self._props.items()):
            if isinstance(v, Member):
                if v.is_property:
                    yield k, v.read(self)
            else:
                yield k, v
        for n, m in _type_members(self):       # the properties Update-TypeData gave one of its type names
            if m.is_property and n.lower() not in self._index:
                yield n, m.read(self)

    def stored_items(self) -> list[tuple[str, Any]]:
        """Every instance member as stored: note values and Member objects."""
        return list(self._props.items())

    def stored(self, name: str, default: Any = None) -> Any:
        key = self._index.get(name.lower())
        return self._props[key] if key is not None else default

    def store(self, name: str, value: Any) -> None:
        """Add or replace the member ``name`` as given (a note value or a Member), at the end of the order."""
        self.remove(name)
        self._index[name.lower()] = name
        self._props[name] = value
        if isinstance(value, Member):
            self._ext = True
        if self.added is None:
            self.added = set()
        self.added.add(name.lower())

    def is_custom(self) -> bool:
        """A PSCustomObject (also Select-Object's Selected.<type>): its properties are note properties."""
        return "System.Management.Automation.PSCustomObject" in self.type_names

    def instance_items(self) -> list[tuple[str, Any]]:
        """The instance members as stored (note values and Member objects), without a cmdlet object's own properties."""
        if self.is_custom():
            return list(self._props.items())
        added = self.added or set()
        return [(k, v) for k, v in self._props.items() if isinstance(v, Member) or k.lower() in added]

    def remove(self, name: str) -> bool:
        key = self._index.pop(name.lower(), None)
        if key is None:
            return False
        del self._props[key]
        return True

    def has_script_tostring(self) -> bool:
        if not self._ext:
            return False
        key = self._index.get("tostring")
        return key is not None and getattr(self._props[key], "member_type", "") == "ScriptMethod"

    def __str__(self) -> str:
        if self.has_script_tostring():
            key = self._index["tostring"]
            # Add-Member -MemberType ScriptMethod -Name ToString -Force: "$obj" and the formatter call it
            from labkit.twin.values import to_string
            return to_string(self._props[key].call(self, []))
        if self.tostring is not None:
            return self.tostring
        cim = cim_class_path(self.type_names)
        if cim is not None:
            return cim_instance_string(cim, self.has, self.get)
        if self.type_name.startswith(_HYPERV):
            raise HyperVStringNotEmulated(self.type_name)
        return self.type_name

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in list(self._props.items())[:6])
        return f"PSObject({self.type_name}: {inner})"

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)


def _type_member(obj: PSObject, name: str) -> Member | None:
    return _type_data.find(obj, name) if _type_data.ANY and _type_data.table() else None


def _type_members(obj: PSObject) -> list[tuple[str, Member]]:
    return _type_data.type_members(obj) if _type_data.ANY and _type_data.table() else []


_DISPLAY_PATTERNS = ("name", "id", "key", "*key", "*name", "*id")
_NOT_DISPLAY = {"pscomputername", "psshowcomputername", "runspaceid", "psjobinstanceid"}


def collection_element_name(obj: PSObject) -> str | None:
    """How a collection cell names ``obj`` when its class does not declare ToString() itself (PSObjectHelper.GetObjectName,
    src/System.Management.Automation/FormatAndOutput/common/Utilities/MshObjectUtil.cs): by its display name -- the first
    property called name, id, key, *key, *name or *id -- instead of the inherited ToString(). Hyper-V's objects inherit
    theirs from VirtualizationObject (VMNetworkAdapter's from VMNetworkAdapterBase), so ``Get-VM | Format-List *`` shows
    ``NetworkAdapters : {Network Adapter}``. None for objects that print with their own ToString()."""
    if not obj.type_name.startswith(_HYPERV):
        return None
    names = [n for n in obj.names() if n.lower() not in _NOT_DISPLAY]
    for pattern in _DISPLAY_PATTERNS:
        hit = next((n for n in names if fnmatch.fnmatchcase(n.lower(), pattern)), None)
        if hit is not None:
            value = obj.get(hit)
            return "" if value is None else str(value)
    return None


def pscustomobject(props: dict[str, Any]) -> PSObject:
    return PSObject("System.Management.Automation.PSCustomObject", props)
