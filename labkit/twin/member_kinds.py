"""The kinds of member a script adds to one object, as 5.1's PSMemberInfo classes have them.

Add-Member (https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/add-member?view=powershell-5.1)
makes a PSAliasProperty, PSScriptProperty, PSScriptMethod, PSPropertySet or PSMemberSet; note properties stay plain
values in a :class:`~labkit.twin.objects.PSObject` (or :class:`NoteProperty` in the table of a value that is no
PSObject, labkit.twin.instance_members).  Each kind reads, writes and describes itself as
System.Management.Automation's MshMemberInfo.cs does (its ToString() is Get-Member's Definition column).

A script member runs with ``$this`` the object, in a child scope of the caller (``ENGINE``: the interpreter of the
run, set by ``Interpreter.run``).
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

# the interpreter running the current script: script properties and methods run their blocks with it
ENGINE: ContextVar[Any] = ContextVar("labkit_twin_member_engine", default=None)
# set while the output of a run is formatted after it ended: a getter that fails shows empty, as in 5.1's formatter
FORMATTING: ContextVar[bool] = ContextVar("labkit_twin_member_formatting", default=False)


def formatting(engine: Any) -> tuple[Any, Any]:
    """Enter the formatting of ``engine``'s output (its members still read against it)."""
    return ENGINE.set(engine), FORMATTING.set(True)


def end_formatting(tokens: tuple[Any, Any]) -> None:
    FORMATTING.reset(tokens[1])
    ENGINE.reset(tokens[0])


class Member:
    """An instance member other than a note property of a PSObject."""

    member_type = ""
    is_property = False
    type_name_of_value = "System.Object"

    def __init__(self, name: str):
        self.name = name

    def read(self, owner: Any) -> Any:
        raise NotImplementedError

    def write(self, owner: Any, value: Any) -> None:
        from labkit.twin.values import PSRuntimeError
        raise PSRuntimeError(f"'{self.name}' is a ReadOnly property.", "InvalidOperation", "PropertyAssignmentException")

    def definition(self) -> str:
        raise NotImplementedError

    def copy(self) -> "Member":
        return self


class NoteProperty(Member):
    """PSNoteProperty: a name and a value (used in the member table of values that are no PSObject)."""

    member_type = "NoteProperty"
    is_property = True

    def __init__(self, name: str, value: Any):
        super().__init__(name)
        self.value = value

    def read(self, owner: Any) -> Any:
        return self.value

    def write(self, owner: Any, value: Any) -> None:
        self.value = value

    def definition(self) -> str:
        return note_definition(self.name, self.value)

    def copy(self) -> "Member":
        return NoteProperty(self.name, self.value)


def display_type_name(value: Any) -> str:
    """PSNoteProperty.GetDisplayTypeNameOfValue: a PSObject's first type name, ``object`` for null, else the type's
    accelerator or its name without namespace (ToStringCodeMethods.Type(type, dropNamespaces: true))."""
    from labkit.twin.objects import PSObject
    from labkit.twin.types import value_type

    if value is None:
        return "object"
    if isinstance(value, PSObject):
        return value.type_name
    t = value_type(value)
    short = t.accelerator_name()
    if short != t.full_name:
        return short
    return t.name


def note_definition(name: str, value: Any) -> str:
    """PSNoteProperty.ToString(): ``int a=1``, ``object b=null``, ``Object[] c=System.Object[]`` (value.ToString())."""
    return f"{display_type_name(value)} {name}={net_to_string(value)}"


def net_to_string(value: Any) -> str:
    """The value's .NET ToString() (the note's text in its definition): "null" for null, the type name for an array,
    the current culture's (en-US) "G" for a DateTime ("5/5/2019 12:00:00 AM", Add-Member's page, example 7)."""
    from datetime import datetime

    from labkit.twin.values import to_string

    if value is None:
        return "null"
    if isinstance(value, list):
        return "System.Object[]" if type(value) is list else _type_full_name(value)
    if isinstance(value, datetime):
        from labkit.twin.format import format_datetime_net
        return format_datetime_net(value, "G")
    return to_string(value)


def _type_full_name(value: Any) -> str:
    from labkit.twin.types import value_type
    return value_type(value).full_name


class AliasProperty(Member):
    """PSAliasProperty: another member's value under a new name, converted to ``conversion`` when given."""

    member_type = "AliasProperty"
    is_property = True

    def __init__(self, name: str, target: str, conversion: Any = None):
        super().__init__(name)
        self.target, self.conversion = target, conversion

    def read(self, owner: Any) -> Any:
        from labkit.twin.members import get_member
        value = get_member(owner, self.target)
        if self.conversion is not None:
            from labkit.twin.casts import cast
            return cast(value, self.conversion)
        return value

    def write(self, owner: Any, value: Any) -> None:
        from labkit.twin.members import set_member
        if self.conversion is not None:
            from labkit.twin.casts import cast
            value = cast(value, self.conversion)
        set_member(owner, self.target, value)

    def definition(self) -> str:
        # PSAliasProperty.ToString(): "Cnt = Length", "Cnt = (System.String)Length"
        conv = f"({self.conversion.full_name})" if self.conversion is not None else ""
        return f"{self.name} = {conv}{self.target}"


class ScriptProperty(Member):
    """PSScriptProperty: a getter script and an optional setter script (``$args[0]`` is the new value)."""

    member_type = "ScriptProperty"
    is_property = True

    def __init__(self, name: str, getter: Any, setter: Any = None):
        super().__init__(name)
        self.getter, self.setter = getter, setter
        self.engine = ENGINE.get()      # the run that made it: output is formatted after the run returns

    def read(self, owner: Any) -> Any:
        if self.getter is None:
            # PSScriptProperty without a getter: ExtendedTypeSystem.GetWithoutGetterFromScriptPropertyValue
            from labkit.twin.values import PSRuntimeError
            raise PSRuntimeError(f'Exception getting "{self.name}": "The property \'{self.name}\' is write-only."',
                                 "NotSpecified", "GetWithoutGetterFromScriptPropertyValue")
        if ENGINE.get() is None or FORMATTING.get():
            # read by the formatter after the run: 5.1's formatter shows a getter that fails as an empty value
            try:
                out = run_member_script(self.getter, owner, [], f'Exception getting "{self.name}"',
                                        "ScriptGetValueRuntimeException", self.engine)
            except Exception:  # noqa: BLE001 -- any failure of the user's getter, as the formatter swallows it
                return None
        else:
            out = run_member_script(self.getter, owner, [], f'Exception getting "{self.name}"', "ScriptGetValueRuntimeException")
        if not out:
            return None
        return out[0] if len(out) == 1 else list(out)

    def write(self, owner: Any, value: Any) -> None:
        if self.setter is None:
            from labkit.twin.values import PSRuntimeError
            # ExtendedTypeSystem.resx SetWithoutSetterFromScriptProperty
            raise PSRuntimeError(f"Set accessor for property \"{self.name}\" is unavailable.", "InvalidOperation",
                                 "SetWithoutSetterFromScriptProperty")
        run_member_script(self.setter, owner, [value], f'Exception setting "{self.name}"', "ScriptSetValueRuntimeException")

    def definition(self) -> str:
        # PSScriptProperty.ToString(): "System.Object sp {get=1+1;set=...;}" (the script blocks' text without braces)
        parts = ""
        if self.getter is not None:
            parts += f"get={self.getter.text};"
        if self.setter is not None:
            parts += f"set={self.setter.text};"
        return f"{self.type_name_of_value} {self.name} {{{parts}}}"


class ScriptMethod(Member):
    """PSScriptMethod: a script run with ``$this`` and the call's arguments in ``$args``."""

    member_type = "ScriptMethod"

    def __init__(self, name: str, script: Any):
        super().__init__(name)
        self.script = script

    def read(self, owner: Any) -> Any:
        return self

    def call(self, owner: Any, args: list[Any]) -> Any:
        out = run_member_script(self.script, owner, list(args), f'Exception calling "{self.name}" with "{len(args)}" argument(s)',
                                "ScriptMethodRuntimeException")
        if not out:
            return None
        return out[0] if len(out) == 1 else list(out)

    def definition(self) -> str:
        return f"{self.type_name_of_value} {self.name}();"     # PSScriptMethod.ToString()

    def __str__(self) -> str:
        return self.definition()


class PropertySet(Member):
    """PSPropertySet: a name for a list of property names (Select-Object and Format-* expand it)."""

    member_type = "PropertySet"

    def __init__(self, name: str, names: list[str]):
        super().__init__(name)
        self.names = list(names)

    def read(self, owner: Any) -> Any:
        return self

    def definition(self) -> str:
        return f"{self.name} {{{', '.join(self.names)}}}"      # PSPropertySet.ToString()

    def __str__(self) -> str:
        return self.definition()


class MemberSet(Member):
    """PSMemberSet: a named group of members; ``$o.Set.Member`` reads one of them."""

    member_type = "MemberSet"

    def __init__(self, name: str, members: list[Member]):
        super().__init__(name)
        self.members = list(members)

    def find(self, name: str) -> Member | None:
        return next((m for m in self.members if m.name.lower() == name.lower()), None)

    def read(self, owner: Any) -> Any:
        return MemberSetValue(self, owner)

    def definition(self) -> str:
        return f"{self.name} {{{', '.join(m.name for m in self.members)}}}"    # PSMemberSet.ToString()


class MemberSetValue:
    """``$o.SetName``: the member set read on its owner (its members read on the owner)."""

    __slots__ = ("member_set", "owner")
    type_name = "System.Management.Automation.PSMemberSet"

    def __init__(self, member_set: MemberSet, owner: Any):
        self.member_set, self.owner = member_set, owner

    def __str__(self) -> str:
        return self.member_set.definition()


def run_member_script(script: Any, this: Any, args: list[Any], what: str, error_id: str, engine: Any = None) -> list[Any]:
    """Run a script member's block with ``$this`` and ``$args``; an error inside becomes 5.1's
    ``Exception getting "X": "..."`` (GetValueInvocationException and its siblings)."""
    from labkit.twin.values import PSRuntimeError

    engine = ENGINE.get() or engine
    if engine is None:
        raise PSRuntimeError(f"{what}: running a script member outside a script is not emulated by the twin.", "NotImplemented",
                             "NotEmulated")
    from labkit.twin.interpreter import Scope

    saved = engine.scope
    engine.scope = Scope(saved)
    engine.scope.vars["this"] = this
    from labkit.twin.interpreter import PSError

    try:
        return engine.invoke_block(script, args=args) if args else engine.invoke_block(script)
    except PSRuntimeError as e:
        raise PSRuntimeError(f'{what}: "{e}"', "NotSpecified", error_id) from None
    except PSError as e:       # `throw` inside the script: 5.1's GetValueInvocationException and its siblings wrap it
        raise PSRuntimeError(f'{what}: "{e}"', "NotSpecified", error_id) from None
    finally:
        engine.scope = saved
