"""New-Object (Microsoft.PowerShell.Utility) for the .NET types the twin
models: ``New-Object -TypeName T -ArgumentList a, b -Property @{...}``.
COM objects are refused as not emulated.

https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/new-object?view=powershell-5.1
"""

from __future__ import annotations

from typing import Any, Iterable

from labkit.twin.casts import require_type
from labkit.twin.errors import CmdletError, NotEmulated
from labkit.twin.interpreter import CmdletContext
from labkit.twin.members import set_member
from labkit.twin.objects import PSObject
from labkit.twin.registry import cmdlet
from labkit.twin.statics import MISSING, construct
from labkit.twin.values import PSHashtable, PSRuntimeError, to_string


@cmdlet("New-Object", honours={"TypeName", "ArgumentList", "Property"})
def new_object(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterable[Any]:
    name = to_string(args["TypeName"])
    user = ctx.engine.user_types.get(name.strip().lower()) if ctx.engine.user_types else None
    if user is not None:
        yield new_script_object(user, args)      # a class or enum the script defined (about_Classes)
        return
    try:
        t = require_type(name)
    except PSRuntimeError:
        raise CmdletError(f"Cannot find type [{name}]: verify that the assembly containing this type is loaded.",
                          "InvalidType", "TypeNotFound", name) from None
    if t.full_name == "System.Management.Automation.PSCustomObject":
        # PSCustomObject has no public constructor (NewObjectStrings.resx CannotFindAppropriateCtor); [pscustomobject]@{}
        # and New-Object PSObject make one
        raise CmdletError(f"A constructor was not found. Cannot find an appropriate constructor for type {name}.",
                          "ObjectNotFound", "CannotFindAppropriateCtor", None, "System.Management.Automation.PSArgumentException")
    arg_list = args.get("ArgumentList")
    values = list(arg_list) if isinstance(arg_list, list) else ([] if arg_list is None else [arg_list])
    try:
        obj = construct(t, values)
    except (IndexError, TypeError, ValueError, KeyError, OverflowError):
        raise CmdletError(f'Cannot find an overload for "{t.name}" and the argument count: "{len(values)}".', "InvalidOperation",
                          "ConstructorInvokedThrowException") from None
    if obj is MISSING:
        raise NotEmulated("New-Object", f"-TypeName {name}")
    props = _property_table(args)
    if props is not None:
        for key, value in props.items():
            if isinstance(obj, PSObject) and obj.type_name == "System.Management.Automation.PSCustomObject":
                obj.set(to_string(key), value)
            elif isinstance(obj, PSHashtable):
                obj[key] = value
            else:
                try:
                    set_member(obj, to_string(key), value)
                except PSRuntimeError as e:
                    if not _has_member(obj, to_string(key)):
                        # NewObjectCommand.CreateMemberNotFoundError (NewObjectStrings.resx MemberNotFound)
                        raise CmdletError(f'The member "{to_string(key)}" was not found for the specified .NET object.',
                                          "InvalidOperation", "InvalidOperationException", None,
                                          "System.InvalidOperationException") from None
                    # NewObjectCommand.CreateMemberSetValueError (NewObjectStrings.resx InvalidValue)
                    raise CmdletError("The value supplied is not valid, or the property is read-only. Change the value, and then "
                                      "try again.", "InvalidData", "SetValueException", None, "System.Exception") from None
    yield obj


def _has_member(obj: Any, name: str) -> bool:
    from labkit.twin.members import get_member
    if isinstance(obj, PSObject):
        return obj.has(name)
    try:
        return get_member(obj, name) is not None
    except PSRuntimeError:
        return True      # a member the twin refuses to read is still a member


def new_script_object(user: Any, args: dict[str, Any]) -> Any:
    """``New-Object C -ArgumentList ... -Property @{...}`` for a script's class (its constructor chosen as ``[C]::new``
    chooses it) or enum (Activator.CreateInstance: the value 0)."""
    from labkit.twin.usertypes import EnumType, set_property

    if isinstance(user, EnumType):
        if args.get("ArgumentList") is not None or args.get("Property") is not None:
            raise NotEmulated("New-Object", f"-ArgumentList or -Property with the enum [{user.name}]")
        return user.from_int(0)
    arg_list = args.get("ArgumentList")
    values = list(arg_list) if isinstance(arg_list, list) else ([] if arg_list is None else [arg_list])
    try:
        obj = user.new(values, None)
    except PSRuntimeError as e:
        if e.error_id != "MethodCountCouldNotFindBest":
            raise
        raise CmdletError(f'Cannot find an overload for "{user.name}" and the argument count: "{len(values)}".',
                          "InvalidOperation", "ConstructorInvokedThrowException") from None
    props = _property_table(args)
    if props is not None:
        for key, value in props.items():
            set_property(obj, to_string(key), value)
    return obj


def _property_table(args: dict[str, Any]) -> PSHashtable | None:
    """-Property: the hashtable of property values to set after construction, or None when not given."""
    props = args.get("Property")
    if props is not None and not isinstance(props, PSHashtable):
        raise CmdletError("Cannot bind parameter 'Property': a hashtable is expected.", "InvalidArgument", "CannotConvertArgument")
    return props
