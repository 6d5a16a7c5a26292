"""``$x.psobject``: the PSObject layer of a value, as 5.1 shows it.

https://learn.microsoft.com/dotnet/api/system.management.automation.psobject?view=powershellsdk-1.1.0 :
``Properties``, ``Members`` and ``Methods`` (PSMemberInfoCollection: enumerate, ``['Name']``, ``.Match('N*')``,
``.Add(member)``, ``.Remove('Name')``), ``TypeNames`` (the live PSTypeNames list), ``BaseObject`` and
``ImmediateBaseObject``, ``Copy()``.  Each member is shown as its PSMemberInfo (PSNoteProperty, PSScriptProperty,
PSAliasProperty, PSScriptMethod, PSProperty ...) with Name, MemberType, Value, TypeNameOfValue, IsSettable,
IsGettable, IsInstance; writing ``.Value`` writes the member of the object.  The members .NET adapts on values the
twin keeps as Python values (a string's Chars, an array's Rank ...) are listed only where the twin knows them;
elsewhere the collection refuses as not emulated rather than answering a short list.
"""

from __future__ import annotations

import fnmatch
from typing import Any, Callable

from labkit.twin import instance_members as IM
from labkit.twin.errors import NotEmulated
from labkit.twin.member_kinds import (
    AliasProperty,
    Member,
    MemberSet,
    NoteProperty,
    PropertySet,
    ScriptMethod,
    ScriptProperty,
    note_definition,
)
from labkit.twin.objects import PSEnum, PSObject

_SMA = "System.Management.Automation."
# PSMemberTypes (https://learn.microsoft.com/dotnet/api/system.management.automation.psmembertypes?view=powershellsdk-1.1.0)
MEMBER_TYPE_VALUES = {"AliasProperty": 1, "CodeProperty": 2, "Property": 4, "NoteProperty": 8, "ScriptProperty": 16,
                      "Properties": 31, "PropertySet": 32, "Method": 64, "CodeMethod": 128, "ScriptMethod": 256,
                      "Methods": 448, "ParameterizedProperty": 512, "MemberSet": 1024, "Event": 2048, "Dynamic": 4096,
                      "All": 8191}
_CLASS = {"NoteProperty": "PSNoteProperty", "AliasProperty": "PSAliasProperty", "ScriptProperty": "PSScriptProperty",
          "ScriptMethod": "PSScriptMethod", "PropertySet": "PSPropertySet", "MemberSet": "PSMemberSet",
          "Property": "PSProperty", "Method": "PSMethod"}


def member_type_enum(kind: str) -> PSEnum:
    return PSEnum(_SMA + "PSMemberTypes", kind, MEMBER_TYPE_VALUES[kind])


class MemberInfoView(PSObject):
    """One member as its PSMemberInfo object; ``.Value = x`` writes the member."""

    __slots__ = ("member",)


def _info(owner: Any, name: str, stored: Any, *, adapted: tuple[str, str, bool] | None = None) -> PSObject:
    """The PSMemberInfo of ``owner``'s member ``name`` (``stored``: a note value or a Member; ``adapted``: (kind,
    definition, settable) of a type's own member)."""
    from labkit.twin.members import get_member, set_member

    # PSMemberInfo's properties in the order 5.1 lists them: the member class's own first, then MemberType, IsSettable,
    # IsGettable (properties only), Value, TypeNameOfValue, Name, IsInstance
    own: dict[str, Any] = {}
    accessors: dict[str, Any] = {}
    if adapted is not None:
        kind, definition, settable = adapted
        # read when asked: a property the twin refuses (a Hashtable's SyncRoot) refuses only then
        value: Any = _Lazy(lambda: get_member(owner, name)) if kind == "Property" else None
        if kind == "Property":
            accessors = {"IsSettable": settable, "IsGettable": True}
        tname = definition.split(" ", 1)[0]
    elif not isinstance(stored, Member) or isinstance(stored, NoteProperty):
        value = stored.value if isinstance(stored, NoteProperty) else stored
        kind, definition = "NoteProperty", note_definition(name, value)
        accessors = {"IsSettable": True, "IsGettable": True}
        tname = _full_type_name(value)
    else:
        kind, definition = stored.member_type, stored.definition()
        if isinstance(stored, ScriptProperty):
            own = {"GetterScript": stored.getter, "SetterScript": stored.setter}
            accessors = {"IsSettable": stored.setter is not None, "IsGettable": stored.getter is not None}
        elif isinstance(stored, AliasProperty):
            own = {"ReferencedMemberName": stored.target, "ConversionType": stored.conversion}
            accessors = {"IsSettable": True, "IsGettable": True}
        elif isinstance(stored, ScriptMethod):
            own = {"Script": stored.script, "OverloadDefinitions": [definition]}
        elif isinstance(stored, PropertySet):
            own = {"ReferencedPropertyNames": list(stored.names)}
        elif isinstance(stored, MemberSet):
            own = {"InheritMembers": True}
        member = stored
        value = (_Lazy(lambda: member.read(owner)) if owner is not None else None) if stored.is_property else stored
        tname = stored.type_name_of_value
    props: dict[str, Any] = {**own, "MemberType": member_type_enum(kind), **accessors, "Value": value,
                             "TypeNameOfValue": tname, "Name": name, "IsInstance": True}

    def write(prop: str, new: Any) -> None:
        if prop.lower() != "value" or kind not in ("NoteProperty", "ScriptProperty", "AliasProperty", "Property"):
            raise _readonly(prop)
        if owner is None:                   # a member not yet added to an object: its own value changes
            if isinstance(view.member, NoteProperty) or view.member is None:
                view._props["Value"] = new
                return
            raise _readonly(prop)
        set_member(owner, name, new)
        view._props["Value"] = get_member(owner, name)

    view = MemberInfoView(_SMA + _CLASS.get(kind, "PSMemberInfo"), props, tostring=definition, setter=write)
    view.member = stored if isinstance(stored, Member) else None
    return view


def _readonly(prop: str) -> Exception:
    from labkit.twin.values import PSRuntimeError
    return PSRuntimeError(f"'{prop}' is a ReadOnly property.", "InvalidOperation", "PropertyAssignmentException")


def _full_type_name(value: Any) -> str:
    # PSNoteProperty.TypeNameOfValue: the value's type's FullName (a PSObject's first type name), System.Object for null
    from labkit.twin.types import value_type
    if value is None:
        return "System.Object"
    if isinstance(value, PSObject):
        return value.type_name
    return value_type(value).display_full_name


class MemberCollection(list):
    """PSMemberInfoCollection: the members, ``['Name']``, ``Match``, ``Add``, ``Remove``."""

    __slots__ = ("owner", "kinds")
    type_name = _SMA + "PSMemberInfoCollection`1"

    def __init__(self, owner: Any, items: list[PSObject], kinds: str):
        super().__init__(items)
        self.owner, self.kinds = owner, kinds

    def index_by_key(self, key: Any) -> Any:
        from labkit.twin.values import to_string
        name = to_string(key).lower()
        return next((m for m in self if str(m.get("Name")).lower() == name), None)

    def dotnet_call(self, name: str, args: list[Any]) -> Any:
        from labkit.twin.members import VOID
        from labkit.twin.values import PSRuntimeError, to_string

        low = name.lower()
        if low == "item" and len(args) == 1:      # the collection's Item[string] parameterized property
            return self.index_by_key(args[0])
        if low == "match":
            if not args or len(args) > 2:
                raise PSRuntimeError(f'Cannot find an overload for "Match" and the argument count: "{len(args)}".',
                                     "NotSpecified", "MethodCountCouldNotFindBest")
            pattern = to_string(args[0]).lower()
            kinds = None
            if len(args) == 2:
                wanted = MEMBER_TYPE_VALUES.get(to_string(args[1]), None) if not isinstance(args[1], PSEnum) else args[1].value
                if wanted is None:
                    raise NotEmulated("PSMemberInfoCollection.Match", f"the member types '{to_string(args[1])}'")
                kinds = wanted
            return [m for m in self if fnmatch.fnmatchcase(str(m.get("Name")).lower(), pattern)
                    and (kinds is None or MEMBER_TYPE_VALUES[str(m.get("MemberType"))] & kinds)]
        if low == "add":
            if len(args) not in (1, 2):
                raise PSRuntimeError(f'Cannot find an overload for "Add" and the argument count: "{len(args)}".',
                                     "NotSpecified", "MethodCountCouldNotFindBest")
            member = member_from_info(args[0])
            if IM.find(self.owner, member.name) is not IM.MISSING:
                # ExtendedTypeSystem.resx MemberAlreadyPresent
                raise PSRuntimeError(f'Exception calling "Add" with "{len(args)}" argument(s): "Cannot add a member with the name '
                                     f'\"{member.name}\" because a member with that name already exists."', "NotSpecified",
                                     "ExtendedTypeSystemException")
            IM.add(self.owner, (member.name, member.value) if isinstance(member, NoteProperty) else member)
            self.append(_info(self.owner, member.name, IM.find(self.owner, member.name)))
            return VOID
        if low == "remove":
            if len(args) != 1:
                raise PSRuntimeError(f'Cannot find an overload for "Remove" and the argument count: "{len(args)}".',
                                     "NotSpecified", "MethodCountCouldNotFindBest")
            target = to_string(args[0])
            if IM.remove(self.owner, target):
                self[:] = [m for m in self if str(m.get("Name")).lower() != target.lower()]
            return VOID
        if low == "tostring":
            return self.type_name
        raise AttributeError(name)


def member_from_info(value: Any) -> Member:
    """A PSMemberInfo value (``New-Object PSNoteProperty a,1``, or one read from another object) as a Member."""
    from labkit.twin.values import PSRuntimeError
    if isinstance(value, MemberInfoView):
        kind, name = str(value.get("MemberType")), str(value.get("Name"))
        if kind == "NoteProperty":
            return NoteProperty(name, value.get("Value"))
        if isinstance(value.member, Member):
            return value.member.copy()
        raise NotEmulated("PSMemberInfoCollection.Add", f"a member of type {kind} taken from a .NET type")
    if isinstance(value, Member):
        return value
    raise PSRuntimeError('Cannot convert argument "member", with value: "' + str(value) + '", for "Add" to type '
                         '"System.Management.Automation.PSMemberInfo".', "NotSpecified", "MethodArgumentConversionInvalidCastArgument")


def _adapted(obj: Any) -> list[tuple[str, str, str, bool]] | None:
    """(name, kind, definition, settable) of the members .NET gives ``obj``'s type, where the twin knows them;
    None where it does not."""
    from labkit.twin.modules.help import members_of

    if isinstance(obj, PSObject):
        _, rows = members_of(obj, instance=False)
        by_name = {str(r.get("Name")).lower(): r for r in rows}
        # the properties in the object's own order (5.1 lists them as the type declares them), then the methods
        ordered = [by_name.pop(n.lower()) for n in obj.names() if n.lower() in by_name]
        ordered += [r for r in rows if str(r.get("Name")).lower() in by_name]
        return [(str(r.get("Name")), str(r.get("MemberType")), str(r.get("Definition")),
                 "{get;set;}" in str(r.get("Definition"))) for r in ordered]
    from labkit.twin.dotnet_member_catalog import CATALOG
    from labkit.twin.modules.help import _catalog_type

    t = _catalog_type(obj)
    if t is not None:
        return [(n, k, d, "set;" in d) for n, k, d in CATALOG[t]]
    return None


def _collection(obj: Any, want: Callable[[str], bool], what: str) -> MemberCollection:
    items = [_info(obj, name, stored) for name, stored in IM.instance_members(obj)
             if want(stored.member_type if isinstance(stored, Member) else "NoteProperty")]
    adapted = _adapted(obj)
    if adapted is None:
        from labkit.twin.types import value_type
        raise NotEmulated("PSObject", f"{what} of a value of type {value_type(obj).full_name} (its .NET members)")
    seen = {str(m.get("Name")).lower() for m in items}
    items += [_info(obj, n, None, adapted=(k, d, s)) for n, k, d, s in adapted if want(k) and n.lower() not in seen]
    return MemberCollection(obj, items, what)


_PROPERTY_KINDS = {"NoteProperty", "AliasProperty", "ScriptProperty", "Property", "CodeProperty"}
_METHOD_KINDS = {"Method", "ScriptMethod", "CodeMethod"}


class PSObjectView(PSObject):
    """``$x.psobject``: Properties, Members, Methods and TypeNames read when asked; Copy() and ToString()."""

    __slots__ = ("base",)

    def __str__(self) -> str:
        # what "$obj" gives, computed when asked (a Hyper-V object refuses its string form only then)
        from labkit.twin.values import to_string
        return "System.Object[]" if isinstance(self.base, list) else to_string(self.base)

    def dotnet_call(self, name: str, args: list[Any]) -> Any:
        from labkit.twin.values import to_string
        low = name.lower()
        if low == "copy" and not args:
            return copy_object(self.base)
        if low == "tostring" and not args:
            return to_string(self.base)
        raise AttributeError(name)


def psobject_view(obj: Any) -> PSObject:
    from labkit.twin.members import get_member

    view = PSObjectView(_SMA + "PSObject", {})
    view.base = obj
    view.store("BaseObject", obj)
    view.store("ImmediateBaseObject", obj)
    view.store("TypeNames", get_member(obj, "pstypenames"))
    view.store("Properties", _Lazy(lambda: _collection(obj, lambda k: k in _PROPERTY_KINDS, "Properties")))
    view.store("Methods", _Lazy(lambda: _collection(obj, lambda k: k in _METHOD_KINDS, "Methods")))
    view.store("Members", _Lazy(lambda: _collection(obj, lambda k: True, "Members")))
    return view


class _Lazy(Member):
    """A PSObject property computed when read (the view's collections, built only when asked for)."""

    is_property = True

    def __init__(self, make: Callable[[], Any]):
        super().__init__("")
        self.make = make

    def read(self, owner: Any) -> Any:
        return self.make()


def copy_object(obj: Any) -> Any:
    """PSObject.Copy(): a new PSObject with the same type names and copies of the instance members (their values
    are the same objects)."""
    if not isinstance(obj, PSObject):
        raise NotEmulated("PSObject.Copy()", "copying a value that is no PSObject")
    new = PSObject(list(obj.type_names), display=obj.display, tostring=obj.tostring)
    for name, stored in obj.stored_items():
        new.store(name, stored.copy() if isinstance(stored, Member) else stored)
    return new


def construct_member(full: str, args: list[Any]) -> Any:
    """``New-Object System.Management.Automation.PSNoteProperty a,1`` and its siblings (their public constructors:
    https://learn.microsoft.com/dotnet/api/system.management.automation.psnoteproperty.-ctor); the member as its info
    object, ready for ``.psobject.Properties.Add(...)`` or Add-Member -MemberType MemberSet."""
    from labkit.twin.casts import require_type
    from labkit.twin.values import PSRuntimeError, ScriptBlock, to_string

    kind = full.rsplit(".", 1)[-1].removeprefix("PS")
    counts = {"NoteProperty": (2,), "AliasProperty": (2, 3), "ScriptProperty": (2, 3), "ScriptMethod": (2,), "PropertySet": (2,)}
    if kind not in counts:
        raise NotEmulated("New-Object", f"a {full}")
    if len(args) not in counts[kind]:
        raise PSRuntimeError(f'Cannot find an overload for "{full.rsplit(".", 1)[-1]}" and the argument count: "{len(args)}".',
                             "NotSpecified", "MethodCountCouldNotFindBest")
    name = to_string(args[0])
    if not name:
        raise PSRuntimeError(f'Exception calling ".ctor" with "{len(args)}" argument(s): "Argument cannot be null or empty.\r\n'
                             'Parameter name: name"', "NotSpecified", "MethodInvocationException")
    for a in args[1:]:
        if kind in ("ScriptProperty", "ScriptMethod") and a is not None and not isinstance(a, ScriptBlock):
            raise PSRuntimeError(f'Cannot convert argument "{"getterScript" if kind == "ScriptProperty" else "script"}", with value: '
                                 f'"{to_string(a)}", for "{full.rsplit(".", 1)[-1]}" to type "System.Management.Automation.ScriptBlock"',
                                 "NotSpecified", "MethodArgumentConversionInvalidCastArgument")
    member: Member
    if kind == "NoteProperty":
        member = NoteProperty(name, args[1])
    elif kind == "AliasProperty":
        member = AliasProperty(name, to_string(args[1]), require_type(to_string(args[2])) if len(args) == 3 else None)
    elif kind == "ScriptProperty":
        member = ScriptProperty(name, args[1], args[2] if len(args) == 3 else None)
    elif kind == "ScriptMethod":
        member = ScriptMethod(name, args[1])
    else:
        member = PropertySet(name, [to_string(x) for x in (args[1] if isinstance(args[1], list) else [args[1]])])
    return _info(None, name, member)
