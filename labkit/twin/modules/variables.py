"""The *-Variable cmdlets (Microsoft.PowerShell.Utility): New-Variable,
Set-Variable, Get-Variable, Clear-Variable and Remove-Variable, with
ReadOnly and Constant options as Windows PowerShell 5.1 keeps them.

https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/set-variable?view=powershell-5.1
(and new-variable, get-variable, clear-variable, remove-variable)
"""

from __future__ import annotations

from typing import Any, Iterable

from labkit.twin.automation_null import as_null
from labkit.twin.errors import CmdletError, NotEmulated
from labkit.twin.interpreter import CmdletContext, remember_case
from labkit.twin.objects import PSObject
from labkit.twin.registry import cmdlet
from labkit.twin.values import PSRuntimeError, as_list, like, to_string
from labkit.twin import scope_options
from labkit.twin.variables import AUTOMATIC_NAMES, AUTOMATIC_OPTIONS, parse_options


#: The exceptions SessionState throws for these cmdlets' errors (SessionStateScope.cs, ShellVariable.cs)
SESSION_STATE_EXCEPTION = "System.Management.Automation.SessionStateException"
UNAUTHORIZED = "System.Management.Automation.SessionStateUnauthorizedAccessException"


def _scope(ctx: CmdletContext, args: dict[str, Any]) -> Any:
    """The scope -Scope names: Local (default), Script, Global, or a number of levels up."""
    eng = ctx.engine
    scope = ctx.scope     # the caller's scope, also when this runs as a function downstream pulls its output
    if "Scope" not in args:
        return scope
    text = to_string(args["Scope"]).strip().lower()
    if text in ("local", "private"):
        return scope       # SessionStateScopeAPIs.GetScopeByID: Private names the current scope
    if text == "global":
        return eng.global_scope
    if text == "script":
        return eng.script_scope     # the scope of the script file running (labkit.twin.script_files), as $script: names it
    if text.isdigit():
        for _ in range(int(text)):
            if scope.parent is None:
                raise CmdletError(f"The scope number '{text}' exceeds the number of active scopes.\r\nParameter name: Scope\r\n"
                                  f"Actual value was {text}.", "InvalidArgument", "ArgumentOutOfRange")
            scope = scope.parent
        return scope
    if text.startswith("-") and text[1:].isdigit():
        raise NotEmulated(ctx.name, f"-Scope {text} (a negative scope number)")
    # SessionStateScopeAPIs.GetScopeByID: a name that is no number is PSArgumentException's InvalidScopeIdArgument
    # (AutomationExceptions.resx)
    raise CmdletError('Cannot process argument because the value of parameter "Scope" is not valid. Valid values are "Global", '
                      '"Local", or "Script", or a number relative to the current scope (0 through the number of scopes where 0 '
                      'is the current scope and 1 is its parent). Change the value of the "Scope" parameter and run the '
                      'operation again.', "InvalidArgument", "Argument", exception_type="System.Management.Automation.PSArgumentException")


def _options(scope: Any, name: str) -> str | None:
    if scope.options and name in scope.options:
        return scope.options[name]
    return AUTOMATIC_OPTIONS.get(name) if scope.parent is None or name == "error" else None


def _describe(scope: Any, name: str, args: dict[str, Any]) -> None:
    """-Description: kept with the variable in its scope (PSVariable.Description)."""
    if "Description" in args:
        if scope.descriptions is None:
            scope.descriptions = {}
        scope.descriptions[name] = to_string(args["Description"]) if args["Description"] is not None else ""


def _description(scope: Any, name: str) -> str:
    return (scope.descriptions or {}).get(name, "")


def _options_text(scope: Any, name: str) -> str:
    """All the variable's options as 5.1 writes them (ReadOnly/Constant, Private, AllScope)."""
    return scope_options.text(_options(scope, name), scope_options.bits_of(scope, name))


def _private_scope(args: dict[str, Any]) -> bool:
    """-Scope Private: the current scope, and the variable made there is private (Var.cs, SetVariableCommand)."""
    return "Scope" in args and to_string(args["Scope"]).strip().lower() == "private"


def _refuse_qualified(ctx: CmdletContext, name: str) -> None:
    """A -Name with a colon (env:X, global:x): 5.1 makes a PSVariable of that very name, which the twin's
    variables (where $env:X lives too) cannot keep apart; refused rather than written where $env:X reads it."""
    if ":" in name:
        raise NotEmulated(ctx.name, f"-Name '{name}' (a name with a drive or scope qualifier; give the bare name and -Scope)")


def _check_visibility(ctx: CmdletContext, args: dict[str, Any]) -> None:
    """-Visibility: Public is what every twin variable is; Private (seen only by the session's own commands, about_Scopes
    "Visibility") the twin does not keep, so it is refused rather than dropped.
    https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/set-variable?view=powershell-5.1 (-Visibility)"""
    if "Visibility" not in args:
        return
    text = to_string(args["Visibility"]).strip()
    if text.lower() in ("public", "0"):
        return
    if text.lower() in ("private", "1"):
        raise NotEmulated(ctx.name, "-Visibility Private (a variable only the session's own commands see)")
    raise PSRuntimeError(
        f"Cannot bind parameter 'Visibility'. Cannot convert value \"{text}\" to type "
        "\"System.Management.Automation.SessionStateEntryVisibility\". Error: \"Unable to match the identifier name "
        f"{text} to a valid enumerator name. Specify one of the following enumerator names and try again:\nPublic, Private\"",
        "InvalidArgument", "CannotConvertArgumentNoMessage")


def _variable(name: str, value: Any, options: str | None, description: str = "") -> PSObject:
    return PSObject("System.Management.Automation.PSVariable", {
        "Name": name, "Value": value, "Description": description, "Options": options or "None", "Visibility": "Public",
        "ModuleName": "", "Attributes": []}, display=["Name", "Value"], tostring=name)


def _set_options(scope: Any, name: str, opts: set[str]) -> None:
    scope_options.set_bits(scope, name, scope_options.from_names(opts))
    keep = "Constant" if "Constant" in opts else "ReadOnly" if "ReadOnly" in opts else None
    if keep is None:
        if scope.options:
            scope.options.pop(name, None)
        return
    if scope.options is None:
        scope.options = {}
    scope.options[name] = keep


def _not_writable(name: str, display: str) -> CmdletError:
    return CmdletError(f"Cannot overwrite variable {display} because it is read-only or constant.", "WriteError",
                       "VariableNotWritable", name)


def _find(ctx: CmdletContext, args: dict[str, Any], pattern: str) -> list[tuple[Any, str]]:
    """(scope, name) of the variables whose names match ``pattern`` (wildcards), innermost first."""
    scope = _scope(ctx, args)
    out: list[tuple[Any, str]] = []
    seen: set[str] = set()
    s = scope
    # another scope's private variable is not seen, unless -Scope names that scope: about_Scopes (5.1) Example 4
    # reads a private variable with Get-Variable -Scope 3
    current = s if "Scope" in args else ctx.scope
    while s is not None:
        for key in list(s.vars):
            # $env:X is kept beside the variables but is no variable (the Environment provider's: about_Environment_Variables)
            if key not in seen and ":" not in key and like(key, pattern) and not scope_options.hidden(s, key, current):
                seen.add(key)
                out.append((s, key))
        if "Scope" in args:
            break
        s = s.parent
    return out


def _wildcard(pattern: str) -> bool:
    return any(c in pattern for c in "*?[")


def _matching(ctx: CmdletContext, args: dict[str, Any], pattern: str) -> list[tuple[Any, str]]:
    """The variables -Name ``pattern`` selects, after -Include and -Exclude, as VariableCommandBase's
    GetMatchingVariables selects them; writes 5.1's VariableNotFound error for a plain name that
    names no variable (not for a wildcard, and not for a name -Include or -Exclude filtered out)."""
    includes = [to_string(n) for n in as_list(args.get("Include"))]
    excludes = [to_string(n) for n in as_list(args.get("Exclude"))]

    def kept(name: str) -> bool:
        return (not includes or any(like(name, i) for i in includes)) and not any(like(name, e) for e in excludes)

    if not _wildcard(pattern) and not kept(pattern):
        return []
    hits = [(s, k) for s, k in _find(ctx, args, pattern) if kept(k)]
    if not hits and not _wildcard(pattern) and not _find(ctx, args, pattern):
        ctx.error(f"Cannot find a variable with the name '{pattern}'.", "ObjectNotFound", pattern, "VariableNotFound",
                  "System.Management.Automation.ItemNotFoundException")
    return hits


def _outer(ctx: CmdletContext, args: dict[str, Any], scope: Any, key: str) -> bool:
    """Whether Clear-Variable without -Scope found ``key`` in an outer scope: ClearValue (Var.cs) then sets the
    name to $null through SessionState.PSVariable.Set, which makes a variable of the current scope (an AllScope
    variable is the current scope's too)."""
    return "Scope" not in args and scope is not ctx.scope and not scope_options.bits_of(scope, key) & scope_options.ALLSCOPE


def _writable(ctx: CmdletContext, args: dict[str, Any], refusal: str, error_id: str,
              outer_ok: bool = False) -> Iterable[tuple[Any, str, str | None]]:
    """(scope, name, options) of each variable -Name selects that may change: a Constant one, or a
    ReadOnly one without -Force, gets the error ``refusal`` (with {name}) instead (``outer_ok``: not one
    of an outer scope, which Clear-Variable leaves alone)."""
    for pattern in (to_string(n) for n in as_list(args["Name"])):
        for s, key in _matching(ctx, args, pattern):
            opt = _options(s, key)
            if outer_ok and _outer(ctx, args, s, key):
                yield s, key, opt
                continue
            if opt == "Constant" or (opt == "ReadOnly" and not args.get("Force")):
                ctx.error(refusal.format(name=_display(s, key, key)), "WriteError", key, error_id, UNAUTHORIZED)
                continue
            yield s, key, opt


@cmdlet("New-Variable", honours={"Name", "Value", "Option", "Force", "PassThru", "Scope", "Description", "Visibility"})
def new_variable(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterable[Any]:
    _check_visibility(ctx, args)
    scope = _scope(ctx, args)
    display = to_string(args["Name"])
    _refuse_qualified(ctx, display)
    name = display.lower()
    opts = parse_options(args["Option"]) if "Option" in args else set()
    if name in scope.vars:
        # NewVariableCommand (Var.cs): without -Force an existing variable is a non-terminating VariableAlreadyExists;
        # with it, SessionStateScope.NewVariable replaces it unless it is Constant
        current = _options(scope, name)
        if not args.get("Force"):
            ctx.error(f"A variable with name '{display}' already exists.", "ResourceExists", display, "VariableAlreadyExists",
                      SESSION_STATE_EXCEPTION)
            return
        if current == "Constant":
            ctx.error(f"Cannot overwrite variable {_display(scope, name, display)} because it is read-only or constant.",
                      "WriteError", display, "VariableNotWritable", UNAUTHORIZED)
            return
    scope.vars[name] = args.get("Value")
    remember_case(scope, display)
    _set_options(scope, name, opts)
    if scope.descriptions:
        scope.descriptions.pop(name, None)
    _describe(scope, name, args)
    if args.get("PassThru"):
        yield _variable(display, args.get("Value"), _options_text(scope, name), _description(scope, name))


@cmdlet("Set-Variable", honours={"Name", "Value", "Option", "Force", "PassThru", "Scope", "Description", "Include", "Exclude",
                                  "Visibility"},
        stream=True)
def set_variable_cmdlet(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # SetVariableCommand (5.1): with -Name given, the values piped in are collected and set at the end: the one
    # value, an object[] of them, or nothing (AutomationNull) when none came; a -Value given wins over them
    _check_visibility(ctx, args)
    if "Name" not in args:
        raise NotEmulated("Set-Variable", "-Name bound from the pipeline by property name (give -Name)")
    if input is not None and "Value" not in args:
        values = [v for v in input]
        args = {**args, "Value": values[0] if len(values) == 1 else (values if values else None)}
    return set_variable(ctx, args, None)


def _names_to_set(ctx: CmdletContext, args: dict[str, Any]) -> Iterable[str]:
    """The names Set-Variable sets, as SetVariableCommand.SetVariable picks them (Var.cs, GetMatchingVariables): a
    plain name unless -Include/-Exclude filter it out; a wildcard the variables of the scope it looks in (the
    current one without -Scope) that it, -Include and -Exclude match, none created."""
    includes = [to_string(n) for n in as_list(args.get("Include"))]
    excludes = [to_string(n) for n in as_list(args.get("Exclude"))]

    def kept(name: str) -> bool:
        return (not includes or any(like(name, i) for i in includes)) and not any(like(name, e) for e in excludes)

    for display in (to_string(n) for n in as_list(args["Name"])):
        _refuse_qualified(ctx, display)
        if not _wildcard(display):
            if kept(display):
                yield display
            continue
        scope = _scope(ctx, args)
        yield from (_display(scope, key, key) for key in sorted(scope.vars)
                    if ":" not in key and like(key, display) and kept(key))


def set_variable(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterable[Any]:
    for display in list(_names_to_set(ctx, args)):
        name = display.lower()
        scope = _scope(ctx, args)
        if "Scope" not in args and name not in scope.vars:
            scope = scope_options.allscope_owner(scope, name) or scope   # an AllScope variable is in every scope
        opts = parse_options(args["Option"]) if "Option" in args else None
        if _private_scope(args) and (opts is not None or name not in scope.vars):
            opts = (opts or set()) | {"Private"}
        current = _options(scope, name) if name in scope.vars or name in AUTOMATIC_OPTIONS else None
        if current == "Constant" or (current == "ReadOnly" and not args.get("Force")):
            ctx.error(f"Cannot overwrite variable {display} because it is read-only or constant.", "WriteError", display,
                      "VariableNotWritable", UNAUTHORIZED)
            continue
        if opts is not None and "Constant" in opts and name in scope.vars:
            ctx.error(f"Existing variable {display} cannot be made constant. Variables can be made constant only at creation time.",
                      "WriteError", display, "VariableCannotBeMadeConstant", UNAUTHORIZED)
            continue
        if opts is not None and "AllScope" not in opts and scope_options.bits_of(scope, name) & scope_options.ALLSCOPE:
            # PSVariable.SetOptions (ShellVariable.cs): the option stays once given
            ctx.error(f"The AllScope option cannot be removed from the variable '{_display(scope, name, display)}'.",
                      "WriteError", display, "VariableAllScopeOptionCannotBeRemoved", UNAUTHORIZED)
            continue
        if "Value" in args or name not in scope.vars:
            if name not in scope.vars:
                remember_case(scope, display)
            scope.vars[name] = args.get("Value")
        if opts is not None:
            _set_options(scope, name, opts)
        _describe(scope, name, args)
        if args.get("PassThru"):
            yield _variable(_display(scope, name, display), as_null(scope.vars[name]), _options_text(scope, name),
                            _description(scope, name))


def _display(scope: Any, key: str, pattern: str) -> str:
    """The name as the variable was created ($abcaVar, New-Variable -Name abcaVar), else as asked for."""
    if scope.names and key in scope.names:
        return scope.names[key]
    if key in AUTOMATIC_NAMES:
        return AUTOMATIC_NAMES[key]
    return key if key != pattern.lower() else pattern


@cmdlet("Get-Variable", honours={"Name", "ValueOnly", "Scope", "Include", "Exclude"})
def get_variable(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterable[Any]:
    for pattern in (to_string(n) for n in as_list(args.get("Name", "*"))):
        for s, key in sorted(_matching(ctx, args, pattern), key=lambda h: h[1]):
            value = as_null(s.vars[key])      # AutomationNull.Value reads as $null (labkit.twin.automation_null)
            yield value if args.get("ValueOnly") else _variable(_display(s, key, pattern), value, _options_text(s, key),
                                                                _description(s, key))


@cmdlet("Clear-Variable", honours={"Name", "Force", "PassThru", "Scope", "Include", "Exclude"})
def clear_variable(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterable[Any]:
    for s, key, opt in list(_writable(ctx, args, "Cannot overwrite variable {name} because it is read-only or constant.",
                                      "VariableNotWritable", outer_ok=True)):
        if _outer(ctx, args, s, key):
            here = ctx.scope
            if key not in here.vars:
                remember_case(here, _display(s, key, key))
            here.vars[key] = None
            s = here
        else:
            s.vars[key] = None
        if args.get("PassThru"):
            yield _variable(_display(s, key, key), None, _options_text(s, key), _description(s, key))


@cmdlet("Remove-Variable", honours={"Name", "Force", "Scope", "Include", "Exclude"})
def remove_variable(ctx: CmdletContext, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # RemoveVariableCommand (Var.cs): "Removal of variables only happens in the local scope if the scope wasn't
    # explicitly specified by the user."
    if "Scope" not in args:
        args = {**args, "Scope": "local"}
    for s, key, _ in list(_writable(ctx, args, "Cannot remove variable {name} because it is constant or read-only. If the "
                                    "variable is read-only, try the operation again specifying the Force option.",
                                    "VariableNotRemovable")):
        del s.vars[key]
        if s.names:
            s.names.pop(key, None)     # a variable made again takes the case it is then written with
        if s.options:
            s.options.pop(key, None)
        if s.flags:
            s.flags.pop(key, None)
        if s.descriptions:
            s.descriptions.pop(key, None)
    return ()
