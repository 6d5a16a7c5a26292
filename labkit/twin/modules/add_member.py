"""Add-Member as 5.1 has it: every parameter set and member type, with the texts of AddMember.resx.

https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/add-member?view=powershell-5.1
(the checks and their order follow AddMemberCommand, src/Microsoft.PowerShell.Commands.Utility/commands/utility/
AddMember.cs). CodeProperty and CodeMethod need a .NET MethodInfo, which no twin value is: a value that is not
one fails as 5.1 fails it (ConvertToFinalInvalidCastException), and the member itself is refused as not emulated.
"""

from __future__ import annotations

from typing import Any, Iterable

from labkit.twin import instance_members as IM
from labkit.twin.errors import CmdletError, NotEmulated
from labkit.twin.member_kinds import AliasProperty, Member, MemberSet, PropertySet, ScriptMethod, ScriptProperty
from labkit.twin.objects import PSEnum, PSObject
from labkit.twin.psobject_view import MEMBER_TYPE_VALUES, member_from_info
from labkit.twin.registry import cmdlet
from labkit.twin.values import PSHashtable, PSRuntimeError, ScriptBlock, to_string

_ADDABLE = ("AliasProperty", "CodeMethod", "CodeProperty", "MemberSet", "NoteProperty", "PropertySet", "ScriptMethod",
            "ScriptProperty")
_BY_VALUE = {v: k for k, v in MEMBER_TYPE_VALUES.items()}


def _error(text: str, error_id: str, target: Any = None) -> CmdletError:
    # AddMemberCommand.NewError: an InvalidOperationException, category InvalidOperation
    return CmdletError(text, "InvalidOperation", error_id, target, "System.InvalidOperationException")


def _member_type(value: Any) -> str:
    """The PSMemberTypes value given to -MemberType, as one name or the flag names joined (WrongMemberCount)."""
    if isinstance(value, list):
        return ", ".join(_member_type(v) for v in value)
    if isinstance(value, PSEnum):
        value = value.name
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = int(value)
        if number in _BY_VALUE:
            return _BY_VALUE[number]
        names = [n for n, v in MEMBER_TYPE_VALUES.items() if v & number and bin(v).count("1") == 1]
        return ", ".join(names)
    return to_string(value)


def _cast_error(value: Any, type_name: str) -> CmdletError:
    # LanguagePrimitives.ConvertTo's final InvalidCastException, as Add-Member reports it
    return CmdletError(f'Cannot convert the "{to_string(value)}" value of type "{_type(value)}" to type "{type_name}".',
                       "InvalidArgument", "ConvertToFinalInvalidCastException", value)


def _type(value: Any) -> str:
    from labkit.twin.types import value_type
    return value.type_name if isinstance(value, PSObject) else value_type(value).display_full_name


def _script_block(value: Any) -> Any:
    if value is None or isinstance(value, ScriptBlock):
        return value
    raise _cast_error(value, "System.Management.Automation.ScriptBlock")


class _Args:
    def __init__(self, args: dict[str, Any], kind: str):
        self.args, self.kind = args, kind

    def has(self, name: str) -> bool:
        return name in self.args

    def value1_required(self) -> Any:
        if not self.has("Value"):
            # 5.1 prompts for it (Value1Prompt); the twin has no one to ask
            raise _error(f'The Value parameter is required for a member of type "{self.kind}". Specify the Value parameter '
                         "when adding members of this type.", "Value1Prompt")
        return self.args["Value"]

    def value1_not_null(self) -> None:
        if self.args.get("Value") is None:
            raise _error(f'The Value parameter should not be null for a member of type "{self.kind}". Specify a non-null value '
                         "for the Value parameter when adding members of this type.", "Value1ShouldNotBeNull")

    def value2_not_null(self) -> None:
        if self.args.get("SecondValue") is None:
            raise _error(f'The SecondValue parameter should not be null for a member of type "{self.kind}". Specify a non-null '
                         "value for the SecondValue parameter when adding members of this type.", "Value2ShouldNotBeNull")

    def value2_absent(self) -> None:
        if self.has("SecondValue"):
            raise _error(f'The SecondValue parameter is not necessary for a member of type "{self.kind}", and should not be '
                         "specified. Do not specify the SecondValue parameter when you add members of this type.",
                         "Value2ShouldNotBeSpecified")

    def not_both_null(self) -> None:
        if self.args.get("Value") is None and self.args.get("SecondValue") is None:
            raise _error(f'Both Value and SecondValue parameters should not be null for a member of type "{self.kind}". '
                         "Specify a non-null value for one of the two parameters.", "Value1AndValue2AreNotBothNull")


def _make_member(kind: str, name: str, a: _Args) -> Member | tuple[str, Any]:
    """The member AddMemberCommand.Get<Kind>() makes, with its checks in its order."""
    if kind == "NoteProperty":
        value = a.value1_required()
        a.value2_absent()
        return (name, value)
    if kind == "AliasProperty":
        target = to_string(a.value1_required())
        a.value1_not_null()
        if not target:
            raise _error("The member referenced by this alias should not be null or empty.", "AliasReferenceShouldNotBeNullOrEmpty")
        conversion = None
        if a.has("SecondValue"):
            a.value2_not_null()
            conversion = _to_type(a.args["SecondValue"])
        return AliasProperty(name, target, conversion)
    if kind == "ScriptProperty":
        a.value1_required()
        a.not_both_null()
        return ScriptProperty(name, _script_block(a.args.get("Value")), _script_block(a.args.get("SecondValue")))
    if kind == "ScriptMethod":
        a.value2_absent()
        a.value1_required()
        a.value1_not_null()
        return ScriptMethod(name, _script_block(a.args["Value"]))
    if kind == "PropertySet":
        a.value2_absent()
        value = a.value1_required()
        a.value1_not_null()
        names = value if isinstance(value, list) else [value]
        return PropertySet(name, [to_string(n) for n in names])
    if kind == "MemberSet":
        a.value2_absent()
        value = a.args.get("Value")
        if value is None:
            return MemberSet(name, [])
        if not isinstance(value, list):
            raise _cast_error(value, "System.Collections.ObjectModel.Collection`1[System.Management.Automation.PSMemberInfo]")
        return MemberSet(name, [member_from_info(m) for m in value])
    if kind == "CodeProperty":
        a.value1_required()
        a.not_both_null()
    else:    # CodeMethod
        a.value1_required()
        a.value1_not_null()
        a.value2_absent()
    for key in ("Value", "SecondValue"):
        value = a.args.get(key)
        if value is not None:
            raise _cast_error(value, "System.Reflection.MethodInfo")
    raise NotEmulated("Add-Member", f"-MemberType {kind}")


def _to_type(value: Any) -> Any:
    from labkit.twin.casts import require_type
    from labkit.twin.types import PSType
    if isinstance(value, PSType):
        return value
    try:
        return require_type(to_string(value))
    except PSRuntimeError as e:
        # LanguagePrimitives: "Cannot convert the "x" value of type "System.String" to type "System.Type"."
        raise CmdletError(f'Cannot convert the "{to_string(value)}" value of type "System.String" to type "System.Type".',
                          "InvalidArgument", "InvalidCastFromStringToType", value) from e


def _type_name(text: str) -> str:
    """UpdateTypeNames: a type the name converts to is written by its full name ([int] -> System.Int32)."""
    from labkit.twin.types import resolve
    t = resolve(text)
    return t.display_full_name if t is not None else text


def _add(ctx: Any, obj: Any, member: Member | tuple[str, Any], force: bool) -> bool:
    """AddMemberToTarget: a name taken is MemberAlreadyExists (non-terminating) unless -Force; with -Force an instance
    member is replaced, the type's own member (adapted, IsInstance) is shadowed, and a type-data member (IsInstance
    false) stays: CannotRemoveTypeDataMember."""
    from labkit.twin import type_data

    name = member[0] if isinstance(member, tuple) else member.name
    instance = IM.find(obj, name) is not IM.MISSING and _is_instance(obj, name)
    typed = type_data.find(obj, name) if not instance else None
    if instance or typed is not None or _own_member(obj, name):
        if not force:
            _write(ctx, _error(f'Cannot add a member with the name "{name}" because a member with that name already '
                               "exists. To overwrite the member anyway, add the Force parameter to your command.",
                               "MemberAlreadyExists", obj))
            return False
        if typed is not None:
            _write(ctx, _error(f'Cannot force the member with name "{name}" and type "{typed.member_type}" to be added. A member '
                               "with that name and type already exists, and the existing member is not an instance "
                               "extension.", "CannotRemoveTypeDataMember", obj))
            return False
        if instance:
            IM.remove(obj, name)
    IM.add(obj, member)
    return True


def _is_instance(obj: Any, name: str) -> bool:
    if isinstance(obj, PSObject):
        return any(n.lower() == name.lower() for n, _ in obj.instance_items())
    return True


def _write(ctx: Any, e: CmdletError) -> None:
    ctx.error(str(e), e.category, e.target, e.error_id, e.exception_type)


def _own_member(obj: Any, name: str) -> bool:
    """A member the object's type has: a cmdlet object's property or method, a string's Length or ToString ..."""
    from labkit.twin.modules.help import _catalog_type, members_of
    from labkit.twin.dotnet_member_catalog import CATALOG

    low = name.lower()
    if isinstance(obj, PSObject):
        if obj.has(name):
            return True
        try:
            _, rows = members_of(obj, instance=False)
        except CmdletError:
            return low in ("equals", "gethashcode", "gettype", "tostring")
        return any(str(r.get("Name")).lower() == low for r in rows)
    t = _catalog_type(obj)
    if t is not None:
        return any(n.lower() == low for n, _, _ in CATALOG[t])
    return low in ("equals", "gethashcode", "gettype", "tostring")


def _check_target(obj: Any) -> None:
    if IM.is_value_type(obj):
        from labkit.twin.types import value_type
        raise NotEmulated("Add-Member", f"members on a {value_type(obj).full_name} value (a .NET value type, which 5.1 wraps "
                          "in a new PSObject each time; keep the value in a [pscustomobject] property instead)")


def _binding_null(param: str, value: Any) -> None:
    """The mandatory parameters' null and empty checks (5.1's binder, ParameterBinderStrings.resx)."""
    if value is None:
        raise CmdletError(f"Cannot bind argument to parameter '{param}' because it is null.", "InvalidData",
                          "ParameterArgumentValidationErrorNullNotAllowed", None, "System.Management.Automation.ParameterBindingException")
    if param != "InputObject" and isinstance(value, str) and value == "":
        raise CmdletError(f"Cannot bind argument to parameter '{param}' because it is an empty string.", "InvalidData",
                          "ParameterArgumentValidationErrorEmptyStringNotAllowed", None,
                          "System.Management.Automation.ParameterBindingException")


@cmdlet("Add-Member", honours={"InputObject", "MemberType", "Name", "Value", "SecondValue", "NotePropertyName",
                               "NotePropertyValue", "NotePropertyMembers", "TypeName", "PassThru", "Force"})
def add_member(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    obj = args.get("InputObject", input)
    _binding_null("InputObject", obj)
    for param in ("Name", "MemberType"):
        if param in args:
            _binding_null(param, args[param])
    if "NotePropertyName" in args and (args["NotePropertyName"] is None or to_string(args["NotePropertyName"]) == ""):
        # [ValidateNotNullOrEmpty] (Metadata.resx ValidateNotNullOrEmptyFailure)
        raise CmdletError("Cannot validate argument on parameter 'NotePropertyName'. The argument is null or empty. Provide an "
                          "argument that is not null or empty, and then try the command again.", "InvalidData",
                          "ParameterArgumentValidationError", None, "System.Management.Automation.ParameterBindingException")
    if "TypeName" in args and not to_string(args["TypeName"]).strip():
        raise _error("The TypeName parameter should not be null, empty, or contain only white spaces.",
                     "TypeNameShouldNotBeEmpty", args["TypeName"])
    force = bool(args.get("Force"))
    members: list[Member | tuple[str, Any]] = []
    if "NotePropertyMembers" in args:
        table = args["NotePropertyMembers"]
        if table is not None and not isinstance(table, (PSHashtable, PSObject)):
            # the binder's conversion to IDictionary fails (ParameterBinderStrings.resx CannotConvertArgumentNoMessage)
            raise CmdletError(f"Cannot bind parameter 'NotePropertyMembers'. Cannot convert the \"{to_string(table)}\" value of type "
                              f"\"{_type(table)}\" to type \"System.Collections.IDictionary\".", "InvalidArgument",
                              "CannotConvertArgumentNoMessage", None, "System.Management.Automation.ParameterBindingException")
        if not isinstance(table, PSHashtable):
            raise NotEmulated("Add-Member", "-NotePropertyMembers that is not a hashtable or [ordered] dictionary")
        if not table:
            # [ValidateNotNullOrEmpty] on the IDictionary (Metadata.resx ValidateNotNullOrEmptyCollectionFailure)
            raise CmdletError("Cannot validate argument on parameter 'NotePropertyMembers'. The argument is null, empty, or an "
                              "element of the argument collection contains a null value. Supply a collection that does not contain "
                              "any null values and then try the command again.", "InvalidData", "ParameterArgumentValidationError",
                              None, "System.Management.Automation.ParameterBindingException")
        for k, v in table.items():
            name = to_string(k)
            if not name:
                _write(ctx, _error("The name for a NoteProperty member should not be null or an empty string.",
                                       "NotePropertyNameShouldNotBeNull", name))
                continue
            members.append((name, v))
    elif "NotePropertyName" in args:
        name = args["NotePropertyName"]
        if isinstance(name, (int, float)) and not isinstance(name, bool):
            name = to_string(name)      # NotePropertyTransformation: a number names the note by its text
        name = to_string(name)
        if name.lower() in (k.lower() for k in _ADDABLE):
            raise CmdletError(f"Cannot validate argument on parameter 'NotePropertyName'. The parameter NotePropertyName "
                              "cannot take values that could be converted to the type System.Management.Automation.PSMemberTypes. "
                              "To define the name of a member with those values, use Add-Member, and specify the member type.",
                              "InvalidData", "ParameterArgumentValidationError", name)
        members.append((name, args.get("NotePropertyValue")))
    elif "MemberType" in args:
        kind = _member_type(args["MemberType"])
        if "," in kind:
            raise _error(f'To add a member, only one member type can be specified. The member types specified are: "{kind}"',
                         "WrongMemberCount")
        if kind not in _ADDABLE:
            raise _error(f'Cannot add a member with type "{kind}". Specify a different type for the MemberTypes parameter.',
                         "CannotAddMemberType")
        members.append(_make_member(kind, to_string(args.get("Name")), _Args(args, kind)))
    _check_target(obj)
    if type(obj) is str:
        if not args.get("PassThru"):
            raise NotEmulated("Add-Member", "a member on a string without -PassThru (5.1 keeps it on that string object; the "
                              "twin's strings are shared): add -PassThru and keep what it returns, e.g. $s = $s | Add-Member "
                              "... -PassThru")
        obj = IM.MemberStr(obj)
    added = False
    for m in members:
        if _add(ctx, obj, m, force):
            added = True
    if "TypeName" in args and (added or not members):
        names = IM.type_names(obj) if not isinstance(obj, PSObject) else _type_names(obj)
        names.insert(0, _type_name(to_string(args["TypeName"])))
    if args.get("PassThru") and (added or not members):
        yield obj


def _type_names(obj: PSObject) -> Any:
    from labkit.twin.members import get_member
    return get_member(obj, "pstypenames")     # the live list (a CIM class's superclasses included)
