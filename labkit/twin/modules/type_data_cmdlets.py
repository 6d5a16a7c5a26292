"""Update-TypeData (its DynamicTypeSet), Get-TypeData and Remove-TypeData -TypeName over the session's type table
(labkit.twin.type_data), with UpdateDataStrings.resx's texts and the checks of UpdateTypeDataCommand in their order.

- https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/update-typedata?view=powershell-5.1
- https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/get-typedata?view=powershell-5.1
- https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/remove-typedata?view=powershell-5.1

Not emulated (refused by the binder, they are not honoured): types.ps1xml files (-AppendPath, -PrependPath,
Remove-TypeData -Path), -TypeData objects, the display, serialization, adapter and converter settings.  The type
data 5.1's own types.ps1xml files hold is not in the twin's table, so Get-TypeData and Remove-TypeData refuse a
name the session did not give members to.
"""

from __future__ import annotations

import fnmatch
from typing import Any, Iterable

from labkit.twin import type_data
from labkit.twin.errors import CmdletError, NotEmulated
from labkit.twin.member_kinds import AliasProperty, Member, NoteProperty, ScriptMethod, ScriptProperty
from labkit.twin.objects import PSEnum, PSObject
from labkit.twin.registry import cmdlet
from labkit.twin.values import PSHashtable, ScriptBlock, as_list, to_string


def _error(text: str, error_id: str, target: Any = None) -> CmdletError:
    # UpdateTypeDataCommand.NewError: an InvalidOperationException, category InvalidOperation
    return CmdletError(text, "InvalidOperation", error_id, target, "System.InvalidOperationException")


def _script(value: Any, kind: str) -> Any:
    if value is None or isinstance(value, ScriptBlock):
        return value
    raise CmdletError(f'Cannot convert the "{to_string(value)}" value of type "System.String" to type '
                      '"System.Management.Automation.ScriptBlock".', "InvalidArgument", "ConvertToFinalInvalidCastException", value)


def _member(args: dict[str, Any]) -> Member:
    """UpdateTypeDataCommand.GetMembers: the member the parameters describe, checked in 5.1's order."""
    kind_value = args["MemberType"]
    kind = kind_value.name if isinstance(kind_value, PSEnum) else to_string(kind_value)
    name = to_string(args.get("MemberName")) if args.get("MemberName") is not None else ""
    has_value = "Value" in args
    value, second = args.get("Value"), args.get("SecondValue")

    def need_name() -> None:
        if not name:
            raise _error(f'The MemberName parameter is required for the type "{kind}". Please specify the MemberName parameter.',
                         "MemberNameShouldBeSpecified")

    def need_value() -> None:
        if not has_value:
            raise _error(f'The Value parameter is required for the type "{kind}". Please specify the Value parameter.',
                         "ValueShouldBeSpecified")

    def no_second() -> None:
        if second is not None:
            raise _error(f'The SecondValue parameter is not necessary for a member of type "{kind}", and should not be specified. '
                         "Do not specify the SecondValue parameter when updating this member type.", "SecondValueShouldNotBeSpecified")

    if kind == "NoteProperty":
        need_name(), need_value(), no_second()
        return NoteProperty(name, value)
    if kind == "AliasProperty":
        need_name(), need_value()
        if value is None or value == "":
            raise _error(f'The Value parameter should not be null or an empty string for a member of type "{kind}". Specify a '
                         "non-null value for the Value parameter when updating this member type.", "ValueShouldBeSpecified")
        conversion = None
        if second is not None:
            from labkit.twin.casts import require_type
            conversion = require_type(to_string(second))
        return AliasProperty(name, to_string(value), conversion)
    if kind == "ScriptProperty":
        need_name(), need_value()
        if value is None and second is None:
            raise _error(f'The Value and SecondValue parameters should not both be null for a member of type "{kind}". Specify a '
                         "non-null value for one of the two parameters.", "ValueAndSecondValueAreNotBothNull")
        return ScriptProperty(name, _script(value, kind), _script(second, kind))
    if kind == "ScriptMethod":
        need_name(), need_value(), no_second()
        return ScriptMethod(name, _script(value, kind))
    if kind in ("CodeProperty", "CodeMethod"):
        raise NotEmulated("Update-TypeData", f"-MemberType {kind} (a .NET MethodInfo)")
    raise _error(f'Cannot update a member with type "{kind}". Specify a different type for the MemberType parameter.',
                 "CannotUpdateMemberType")


# the members every PSObject has, which no type may define (PSMemberInfoCollection.IsReservedName)
_RESERVED = {"psbase", "psadapted", "psextended", "psobject", "pstypenames"}


def _load_files(ctx: Any, args: dict[str, Any]) -> None:
    """-AppendPath / -PrependPath: each types.ps1xml file's types into the session's table (labkit.twin.types_ps1xml);
    the file is remembered for Remove-TypeData -Path."""
    from labkit.twin import types_ps1xml
    from labkit.twin.dynamic import parse_at_runtime
    from labkit.twin.modules.management import full_path, read_text
    from labkit.twin.values import ScriptBlock as _SB

    host = ctx.world.host(ctx.host)
    files = getattr(ctx.engine, "type_files", None)
    if files is None:
        files = ctx.engine.type_files = {}
    for given in [to_string(p) for p in as_list(args.get("PrependPath")) + as_list(args.get("AppendPath"))]:
        path = full_path(ctx, given)
        if not path.lower().endswith(".ps1xml"):
            # UpdateDataStrings.resx UpdateData_WrongExtension
            ctx.error(f'Cannot read the file "{path}" because it does not have the file name extension ".ps1xml".',
                      "InvalidArgument", path, "WrongExtension", "System.Management.Automation.PSInvalidOperationException")
            continue
        text = read_text(ctx, host, path, "UpdateTypeData")
        try:
            types = types_ps1xml.load(text, path, lambda t: _SB(parse_at_runtime(ctx.engine, t, ctx.command), t))
        except types_ps1xml.TypesXmlError as e:
            ctx.error(str(e), "InvalidOperation", None, "TypesXmlUpdateException", "System.Management.Automation.RuntimeException")
            continue
        table = type_data.table(ctx.engine, create=True)
        assert table is not None
        loaded: list[tuple[str, str]] = []
        for name, members, display in types:
            entry = table.setdefault(name.lower(), type_data.TypeEntry(name))
            for m in members:
                entry.members.setdefault(m.name.lower(), m)
                loaded.append((name.lower(), m.name.lower()))
            if display is not None:
                entry.display = display
                loaded.append((name.lower(), ""))       # "": the default display property set
        files[path.lower()] = loaded


@cmdlet("Update-TypeData", honours={"TypeName", "MemberType", "MemberName", "Value", "SecondValue", "Force",
                                    "DefaultDisplayPropertySet", "AppendPath", "PrependPath"})
def update_type_data(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    if "AppendPath" in args or "PrependPath" in args:
        _load_files(ctx, args)
        return []
    if "TypeName" not in args and "MemberType" not in args:
        # Update-TypeData alone reloads the session's files (example 1): the twin's table already holds them
        return []
    type_name = to_string(args.get("TypeName")) if args.get("TypeName") is not None else ""
    if not type_name.strip():
        raise _error("The target type name should not be null, empty, or contain only white spaces.", "TargetTypeNameEmpty")
    display = [to_string(n) for n in as_list(args["DefaultDisplayPropertySet"])] if args.get("DefaultDisplayPropertySet") else None
    if "MemberType" not in args:
        if any(k in args for k in ("MemberName", "Value", "SecondValue")):
            raise _error("The MemberName, Value, and SecondValue parameters cannot be specified without the MemberType parameter.",
                         "MemberTypeIsMissing")
        if display is None:
            ctx.error(f'No member is specified for the update on type "{type_name}".', "InvalidOperation", None, "TypeDataEmpty",
                      "System.InvalidOperationException")
            return []
    member = _member(args) if "MemberType" in args else None
    from labkit.twin.types import resolve
    t = resolve(type_name)
    full = t.display_full_name if t is not None else type_name     # TypeData takes an accelerator's full name
    table = type_data.table(ctx.engine, create=True)
    assert table is not None
    entry = table.setdefault(full.lower(), type_data.TypeEntry(full))
    if display is not None:
        # -DefaultDisplayPropertySet: the properties Format-Table / Format-List show when none are named (example 4);
        # the twin formats the .NET values it keeps as Python values (System.DateTime ...) without type data
        if t is not None and t.full_name.startswith("System."):
            raise NotEmulated("Update-TypeData", f"-DefaultDisplayPropertySet for {t.full_name} (the twin formats its values "
                              "without type data)")
        entry.display = display
    if member is None:
        return []
    low = member.name.lower()
    if low in _RESERVED:
        # TypesXmlStrings.resx ReservedNameMember, in TypeDataTypeError
        ctx.error(f'Error in TypeData "{full}": The member {member.name} is reserved.', "InvalidOperation", None,
                  "TypesDynamicUpdateException", "System.Management.Automation.RuntimeException")
        return []
    if low in entry.members and not args.get("Force"):
        # TypesXmlStrings.resx DuplicateMember, in TypeDataTypeError
        ctx.error(f'Error in TypeData "{full}": The member {member.name} is already present.', "InvalidOperation", None,
                  "TypesDynamicUpdateException", "System.Management.Automation.RuntimeException")
        return []
    entry.members[low] = member
    return []


def _type_data_object(entry: type_data.TypeEntry) -> PSObject:
    """A System.Management.Automation.Runspaces.TypeData with its Members (name -> TypeMemberData)."""
    members = PSHashtable()
    for m in entry.members.values():
        members[m.name] = _member_data(m)
    return PSObject("System.Management.Automation.Runspaces.TypeData", {
        "TypeName": entry.name, "Members": members, "TypeConverter": None, "TypeAdapter": None, "IsOverride": False,
        "SerializationMethod": None, "TargetTypeForDeserialization": None, "SerializationDepth": 0,
        "DefaultDisplayProperty": None, "InheritPropertySerializationSet": False, "StringSerializationSource": None,
        "DefaultDisplayPropertySet": _property_set_data(entry.display), "DefaultKeyPropertySet": None,
        "PropertySerializationSet": None},
        display=["TypeName", "Members"], tostring=entry.name)


def _property_set_data(names: list[str] | None) -> PSObject | None:
    if not names:
        return None
    return PSObject("System.Management.Automation.Runspaces.PropertySetData", {"ReferencedProperties": list(names)},
                    tostring="System.Management.Automation.Runspaces.PropertySetData")


def _member_data(m: Member) -> PSObject:
    ns = "System.Management.Automation.Runspaces."
    if isinstance(m, NoteProperty):
        return PSObject(ns + "NotePropertyData", {"Value": m.value, "Name": m.name, "IsHidden": False})
    if isinstance(m, AliasProperty):
        return PSObject(ns + "AliasPropertyData", {"ReferencedMemberName": m.target, "MemberType": m.conversion,
                                                   "Name": m.name, "IsHidden": False})
    if isinstance(m, ScriptProperty):
        return PSObject(ns + "ScriptPropertyData", {"GetScriptBlock": m.getter, "SetScriptBlock": m.setter, "Name": m.name,
                                                    "IsHidden": False})
    assert isinstance(m, ScriptMethod)
    return PSObject(ns + "ScriptMethodData", {"Script": m.script, "Name": m.name, "IsHidden": False})


def _may_ship_type_data(name: str, resolved: Any) -> bool:
    """Whether 5.1's own types.ps1xml files could hold type data for ``name``: a type the twin knows, or a name in the
    System / Microsoft namespaces.  A name the script made up (Lab.Node) has only what this session gave it."""
    return resolved is not None or name.lower().startswith(("system.", "microsoft.", "deserialized."))


def _not_emulated(cmd: str, name: str) -> NotEmulated:
    return NotEmulated(cmd, f"the type data of '{name}' beyond what Update-TypeData gave it in this session (the types.ps1xml "
                            "files 5.1 ships)")


@cmdlet("Get-TypeData", honours={"TypeName"})
def get_type_data(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    from labkit.twin.types import resolve

    table = type_data.table(ctx.engine) or {}
    patterns = [to_string(n) for n in as_list(args.get("TypeName", "*"))]
    out: list[PSObject] = []
    for p in patterns:
        t = resolve(p) if not any(c in p for c in "*?[") else None
        name = t.display_full_name if t is not None else p
        hits = [e for k, e in table.items() if fnmatch.fnmatchcase(k, name.lower())]
        if not hits and (any(c in p for c in "*?[") or _may_ship_type_data(name, t)):
            raise _not_emulated("Get-TypeData", p)
        out += [e for e in hits if e not in out]
    return [_type_data_object(e) for e in out]


@cmdlet("Remove-TypeData", honours={"TypeName", "Path"})
def remove_type_data(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    from labkit.twin.types import resolve

    if "Path" in args:
        from labkit.twin.modules.management import full_path
        files = getattr(ctx.engine, "type_files", None) or {}
        table = type_data.table(ctx.engine) or {}
        for given in (to_string(p) for p in as_list(args["Path"])):
            path = full_path(ctx, given)
            loaded = files.pop(path.lower(), None)
            if loaded is None:
                # UpdateDataStrings.resx TypeFileNotExistsInCurrentSession
                ctx.error(f"The file {path} is not imported into the current session.", "InvalidOperation", path,
                          "TypeFileNotExistsInCurrentSession", "System.Management.Automation.PSInvalidOperationException")
                continue
            for type_low, member_low in loaded:      # the file's members go; members added since stay
                entry = table.get(type_low)
                if entry is not None and member_low:
                    entry.members.pop(member_low, None)
                elif entry is not None:
                    entry.display = None
        return []
    if "TypeName" not in args:
        raise NotEmulated("Remove-TypeData", "-TypeData")
    name = to_string(args["TypeName"])
    t = resolve(name)
    full = t.display_full_name if t is not None else name
    table = type_data.table(ctx.engine) or {}
    if full.lower() not in table:
        if _may_ship_type_data(name, t):
            raise _not_emulated("Remove-TypeData", name)
        # TypeTable.Update (remove) of a type without type data: TypesXmlStrings.resx TypeNotFound, in TypeDataTypeError
        ctx.error(f'Error in TypeData "{full}": The type "{full}" was not found. The type name value must be the full name of '
                  "the type. Verify the type name and run the command again.", "InvalidOperation", None,
                  "TypesDynamicRemoveException", "System.Management.Automation.RuntimeException")
        return []
    del table[full.lower()]
    return []
