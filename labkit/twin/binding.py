"""Parameter binding against real signatures, the way PowerShell binds.

1. named parameters: exact name or alias, else a unique prefix (ambiguous
   prefixes are refused with PowerShell's message);
2. parameter sets: the named parameters narrow the candidate sets;
3. positional arguments: the next free position among the candidate sets,
   preferring a parameter whose type the value already has;
4. pipeline input, per object: ByValue without coercion, ByPropertyName,
   then ByValue with coercion;
5. mandatory parameters of the chosen set must be bound.

Values are coerced to the declared type (:func:`labkit.twin.values.convert`);
array-typed parameters always arrive as lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from labkit.twin import delay_bind
from labkit.twin.cim_binding import mismatch, takes
from labkit.twin.errors import CmdletError
from labkit.twin.objects import PSEnum, PSObject
from labkit.twin.signatures import ALL_SETS, CmdletSig, ParamSig
from labkit.twin.types import enum_members
from labkit.twin.casts import undefined_enum_text
from labkit.twin.splatting import ParameterToken
from labkit.twin.values import PSHashtable, PSRuntimeError, ScriptBlock, canonical_type, convert, to_string

NO_VALUE = object()


class BindingError(CmdletError):
    """A parameter binding error: statement-terminating, category InvalidArgument."""

    def __init__(self, message: str, error_id: str, category: str = "InvalidArgument", target: Any = None):
        super().__init__(message, category, error_id, target)


@dataclass
class Item:
    """One command element after evaluation: a ``-Name`` (with its colon value) or an argument."""

    name: str | None          # parameter name as written (without '-'), None for an argument
    value: Any = NO_VALUE
    text: str = ""


@dataclass
class Bound:
    sig: CmdletSig
    args: dict[str, Any] = field(default_factory=dict)
    common: dict[str, Any] = field(default_factory=dict)
    sets: list[str] = field(default_factory=list)
    extra: list[Any] = field(default_factory=list)   # unbound arguments ($args of a simple script block)

    @property
    def set_name(self) -> str:
        return self.sets[0] if self.sets else ALL_SETS


def resolve_name(sig: CmdletSig, name: str) -> ParamSig | None:
    """The parameter ``-name`` means, or None; raises on an ambiguous prefix."""
    p = sig.exact(name)
    if p is not None:
        return p
    hits = sig.prefixed(name)
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        # The command's own parameter wins over common parameters when it is the only one the prefix names
        # (MergedCommandParameterMetadata.GetMatchingParameter, 5.1: "Prefer parameters in the cmdlet over common
        # parameters"): Get-Member -i is -InputObject, not -InformationAction / -InformationVariable
        own = [h for h in hits if not h.common]
        if len(own) == 1:
            return own[0]
        # A prefix of both a parameter and its own alias is not ambiguous; distinct parameters are.
        names = " ".join(f"-{h.name}" for h in hits)
        raise BindingError(
            f"Parameter cannot be processed because the parameter name '{name}' is ambiguous. Possible matches include: {names}.",
            "AmbiguousParameter")
    return None


def _value_kind(value: Any) -> str | None:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    if isinstance(value, ScriptBlock):
        return "scriptblock"
    if isinstance(value, PSHashtable):
        return "hashtable"
    if isinstance(value, datetime):
        return "datetime"
    if isinstance(value, timedelta):
        return "timespan"
    return None


_KIND_OF_CANON = {
    "string": "string", "int32": "int", "int64": "int", "uint64": "int", "uint32": "int", "uint16": "int", "int16": "int",
    "byte": "int", "double": "double", "bool": "bool", "switch": "bool", "scriptblock": "scriptblock",
    "hashtable": "hashtable", "datetime": "datetime", "timespan": "timespan",
}


def type_match(value: Any, type_name: str) -> str | None:
    """'exact' when ``value`` already is of the parameter's type, 'any' for
    Object/PSObject parameters, None otherwise."""
    canon, is_array = canonical_type(type_name)
    if canon in ("object", "pscustomobject") or type_name.rstrip("[]").lower() in ("psobject", "object"):
        return "any"
    values = value if isinstance(value, list) else [value]
    if not values:
        return "exact" if is_array else None
    v = values[0]
    if canon is not None:
        kind = _KIND_OF_CANON.get(canon)
        return "exact" if kind is not None and _value_kind(v) == kind else None
    base = type_name.rstrip("[]").lower().rsplit(".", 1)[-1]
    if base == "idictionary" and isinstance(v, PSHashtable):
        return "exact"                 # a hashtable or [ordered] dictionary is an IDictionary
    if isinstance(v, PSObject):
        for tn in v.type_names:
            if tn.lower().rsplit(".", 1)[-1] == base:
                return "exact"
        return None
    if isinstance(v, PSEnum):
        return "exact" if v.type_name.lower().rsplit(".", 1)[-1] == base else None
    return None


def coerce(sig: CmdletSig, p: ParamSig, value: Any) -> Any:
    """``value`` converted to the parameter's declared type (and checked against its accepted values), or a binding error."""
    if p.type.startswith("CimInstance") and (why := mismatch(sig.module, sig.name, p.name, p.type, value)):
        raise BindingError(why, "MismatchedPSTypeName" if why.startswith("Cannot bind argument") else "CannotConvertArgumentNoMessage")
    if p.accepted:
        return accepted_value(p, _coerce(sig, p, value))
    return _coerce(sig, p, value)


def accepted_value(p: ParamSig, value: Any) -> Any:
    """``value`` checked against the parameter's ValidateSet, or converted to a member of its enum (as its name).

    5.1 converts a string to an enum by a case-insensitive match, else by a unique prefix
    (``EnumMinimumDisambiguation``); a ValidateSet compares case-insensitively and keeps the value as given.
    """
    if isinstance(value, list):
        return [accepted_value(p, v) for v in value]
    if p.enum_type:
        return _enum_member(p, value)
    text = to_string(value)
    if not any(text.lower() == a.lower() for a in p.accepted):
        # Metadata.resx ValidateSetFailure, wrapped as 5.1's ParameterArgumentValidationError
        # (https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_functions_advanced_parameters?view=powershell-5.1#validateset-attribute)
        raise BindingError(
            f"Cannot validate argument on parameter '{p.name}'. The argument \"{text}\" does not belong to the set "
            f"\"{','.join(p.accepted)}\" specified by the ValidateSet attribute. Supply an argument that is in the set and "
            "then try the command again.", "ParameterArgumentValidationError", "InvalidData")
    return value


def _enum_member(p: ParamSig, value: Any) -> Any:
    if isinstance(value, PSEnum):
        text = value.name
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        # -ErrorAction 0, -ForegroundColor 12: these enums' values are their members' places (types.ENUM_MEMBERS)
        members = enum_members(p.enum_type)
        if members is None:
            return value      # a number of an enum whose values the twin does not list: the emulations see it as given
        if 0 <= value < len(members) and value == int(value):
            return members[int(value)]
        reason = undefined_enum_text(value, p.enum_type, members)
        raise BindingError(f"Cannot bind parameter '{p.name}'. Cannot convert value \"{to_string(value)}\" to type "
                           f"\"{p.enum_type}\". Error: \"{reason}\"", "CannotConvertArgumentNoMessage")
    else:
        text = to_string(value)
    low = text.strip().lower()
    exact = [a for a in p.accepted if a.lower() == low]
    if exact:
        return exact[0]
    prefixed = [a for a in p.accepted if a.lower().startswith(low)] if low else []
    if len(prefixed) == 1:
        return prefixed[0]
    if prefixed:
        # EnumExpressionEvaluatorStrings.resx MultipleEnumNameMatch
        reason = (f"The identifier name {text} cannot be processed because it is either too similar or identical to the "
                  f"following enumerator names: {', '.join(prefixed)}. Use a more specific identifier name.")
    else:
        # EnumExpressionEvaluatorStrings.resx NoEnumNameMatch (the list follows a line break)
        reason = (f"Unable to match the identifier name {text} to a valid enumerator name. Specify one of the following "
                  f"enumerator names and try again:\n{', '.join(p.accepted)}")
    raise BindingError(f"Cannot bind parameter '{p.name}'. Cannot convert value \"{text}\" to type \"{p.enum_type}\". "
                       f"Error: \"{reason}\"", "CannotConvertArgumentNoMessage")


# Mandatory string parameters that carry [AllowNull()] in 5.1 (PowerShell's source: JoinPathCommand.ChildPath).
ALLOW_NULL = {("Join-Path", "ChildPath")}
# Mandatory parameters of other types without [AllowNull()] in 5.1 ("If the reference or the difference objects are
# null ($null), Compare-Object generates a terminating error", Compare-Object 5.1).
REFUSE_NULL = {("Compare-Object", "ReferenceObject"), ("Compare-Object", "DifferenceObject")}


def _coerce(sig: CmdletSig, p: ParamSig, value: Any) -> Any:
    if p.switch:
        return True if value is NO_VALUE else convert(value, "bool")
    if value is None and (p.type.lower() in ("string", "string[]") or (sig.name, p.name) in REFUSE_NULL) and p.sets \
            and all(i.mandatory for i in p.sets.values()) and (sig.name, p.name) not in ALLOW_NULL:
        # The binder refuses $null for a mandatory parameter without [AllowNull()] before it converts anything
        # (ParameterBinderStrings.resx ParameterArgumentValidationErrorNullNotAllowed); converted first, $null would
        # become '' and read as "an empty string".
        raise BindingError(f"Cannot bind argument to parameter '{p.name}' because it is null.",
                           "ParameterArgumentValidationErrorNullNotAllowed", "InvalidData")
    try:
        if p.is_array:
            elem = p.type[:-2]
            items = value if isinstance(value, list) else [value]
            canon, _ = canonical_type(elem)
            if canon is None or canon == "object":
                return list(items)
            return [convert(v, elem) for v in items]
        canon, _ = canonical_type(p.type)
        if canon is None:
            return value
        if canon == "string" and isinstance(value, list):
            if len(value) == 1:
                return to_string(value[0])
            raise PSRuntimeError(
                f'Cannot convert \'System.Object[]\' to the type \'System.String\' required by parameter \'{p.name}\'. Specified method is not supported.')
        return convert(value, p.type)
    except PSRuntimeError as e:
        raise BindingError(f"Cannot bind parameter '{p.name}'. {e}", "ParameterArgumentTransformationError") from None


def bind(sig: CmdletSig, items: list[Item], *, extra_args: bool = False) -> Bound:
    """Named and positional binding (steps 1-3)."""
    b = Bound(sig, sets=list(sig.set_names))
    positional: list[tuple[int, Any]] = []
    order: list[int] = []      # where each $args entry stood on the command line
    i = 0
    while i < len(items):
        it = items[i]
        i += 1
        if it.name is None:
            positional.append((i, it.value))
            continue
        p = resolve_name(sig, it.name)
        if p is None:
            if extra_args:
                # kept as a parameter name, so that `f @args` passes it on (labkit.twin.splatting)
                b.extra.append(ParameterToken(it.text or f"-{it.name}", it.name, it.value is not NO_VALUE))
                order.append(i)
                if it.value is not NO_VALUE:
                    b.extra.append(it.value)
                    order.append(i)
                elif i < len(items) and items[i].name is None:
                    b.extra.append(items[i].value)     # `g -b 2`: $args keeps the order, '-b', 2
                    order.append(i)
                    i += 1
                continue
            raise BindingError(f"A parameter cannot be found that matches parameter name '{it.name}'.", "NamedParameterNotFound")
        value = it.value
        if value is NO_VALUE and not p.switch:
            if i < len(items) and items[i].name is None:
                value = items[i].value
                i += 1
            else:
                raise BindingError(
                    f"Missing an argument for parameter '{p.name}'. Specify a parameter of type '{_net(p.type)}' and try again.",
                    "MissingArgument")
        target = b.common if p.common else b.args
        if p.name in target:
            raise BindingError(
                f"Cannot bind parameter because parameter '{p.name}' is specified more than once. To provide multiple values "
                f"to parameters that can accept multiple values, use the array syntax. For example, \"-parameter value1,value2,value3\".",
                "ParameterAlreadyBound")
        if p.common:
            target[p.name] = True if value is NO_VALUE else (accepted_value(p, value) if p.accepted else value)
        elif delay_bind.applies(p, value):
            target[p.name] = delay_bind.DelayedScriptBlock(value)    # run per pipeline object (labkit.twin.delay_bind)
        else:
            target[p.name] = coerce(sig, p, value)
        if not p.common:
            _narrow(b, p)
    remaining = REMAINING_ARGUMENTS.get(sig.name)
    if remaining and len(positional) > 1 and remaining not in b.args and not extra_args:
        # [Parameter(Position = 0, ValueFromRemainingArguments = true)]: the arguments no other parameter takes
        # join the first one (`Write-Output a b` writes a and b, `Write-Host a b` prints "a b").
        b.args[remaining] = coerce(sig, sig.params[remaining], [v for _, v in positional])
        positional = []
    if positional and not extra_args:
        _sets_taking(b, len(positional))
    for index, value in positional:
        before = len(b.extra)
        _bind_positional(b, value, extra_args)
        order.extend([index] * (len(b.extra) - before))
    if order and len(order) == len(b.extra):
        b.extra = [v for _, v in sorted(zip(order, b.extra), key=lambda t: t[0])]
    return b


# Cmdlets whose only positional parameter takes the remaining arguments too (ValueFromRemainingArguments in
# WriteOutputCommand's InputObject and WriteHostCommand's Object, PowerShell's source; the pages do not show it).
REMAINING_ARGUMENTS = {"Write-Output": "InputObject", "Write-Host": "Object"}


def _sets_taking(b: Bound, n: int) -> None:
    """Keep the candidate parameter sets with room for ``n`` positional arguments, when any has: 5.1 binds
    ``Add-Member NoteProperty D 4`` to the set whose positions 0-2 take all three arguments."""
    def room(s: str) -> int:
        return sum(1 for p in b.sig.params.values() if p.name not in b.args and not p.common and not p.switch and any(
            info.position is not None and (ss == ALL_SETS or ss == s) for ss, info in p.sets.items()))
    fits = [s for s in b.sets if room(s) >= n]
    if fits and len(fits) < len(b.sets):
        b.sets = fits


def _narrow(b: Bound, p: ParamSig) -> None:
    if p.all_sets:
        return
    left = [s for s in b.sets if s in p.sets]
    if not left:
        raise BindingError(
            "Parameter set cannot be resolved using the specified named parameters. One or more parameters issued "
            "cannot be used together or an insufficient number of parameters were provided.", "AmbiguousParameterSet")
    b.sets = left


def _bind_positional(b: Bound, value: Any, extra_args: bool) -> bool:
    best: list[tuple[int, ParamSig]] = []
    candidate_sets = set(b.sets)
    for p in b.sig.params.values():
        if p.name in b.args or p.switch:
            # a switch takes no positional argument even where it declares a Position (Split-Path's -Qualifier has
            # Position 1: `Split-Path env: $null` is PositionalParameterNotFound in PowerShell's Split-Path tests)
            continue
        # a parameter's own sets are few, the candidate sets many (Where-Object has 31): walk the former
        positions = [info.position for s, info in p.sets.items()
                     if info.position is not None and (s == ALL_SETS or s in candidate_sets)]
        if positions:
            best.append((min(positions), p))
    if not best:
        if extra_args:
            b.extra.append(value)
            return False
        raise BindingError(f"A positional parameter cannot be found that accepts argument '{to_string(value)}'.",
                           "PositionalParameterNotFound")
    low = min(pos for pos, _ in best)
    cands = [p for pos, p in best if pos == low]
    in_default = [p for p in cands if b.sig.default_set in b.sets and p.in_set(b.sig.default_set) is not None]
    # 5.1 tries the parameters that take the value without type coercion first (ParameterBinderController.BindPositionalParameters)
    exact = [p for p in cands if (p.uncoerced(value) if p.uncoerced is not None else type_match(value, p.type) == "exact"
                                  or _transformed_exact(b.sig.name, p.name, value))]
    chosen = next((p for p in exact if p in in_default), None) or (exact[0] if exact else None)
    if chosen is None:
        chosen = in_default[0] if in_default else cands[0]
    b.args[chosen.name] = coerce(b.sig, chosen, value)
    _narrow(b, chosen)
    return True


# Parameters whose ArgumentTransformationAttribute makes a value of the parameter's type before the binder compares types:
# Add-Member's NotePropertyTransformation turns a number into its text, so `Add-Member 23 Any` names a note "23"
# (AddMember.cs; the 5.1 page's NotePropertySingleMemberSet).
def _transformed_exact(cmdlet: str, param: str, value: Any) -> bool:
    return (cmdlet, param) == ("Add-Member", "NotePropertyName") and isinstance(value, (int, float)) and not isinstance(value, bool)


def pipeline_bind(b: Bound, obj: Any) -> tuple[dict[str, Any], str]:
    """The arguments for one pipeline object (step 4) and the set chosen."""
    sets = _ordered_sets(b)
    for mode in ("value", "property", "value-coerce"):
        for s in sets:
            got = _try_set(b, s, obj, mode)
            if got is not None:
                return got, s
    raise BindingError(
        "The input object cannot be bound to any parameters for the command either because the command does not take "
        "pipeline input or the input and its properties do not match any of the parameters that take pipeline input.",
        "InputObjectNotBound", target=obj)


def _ordered_sets(b: Bound) -> list[str]:
    d = b.sig.default_set
    return ([d] if d in b.sets else []) + [s for s in b.sets if s != d]


def _try_set(b: Bound, s: str, obj: Any, mode: str) -> dict[str, Any] | None:
    # PowerShell binds in four passes over the valid sets (ParameterBinderController.BindPipelineParameters):
    # ByValue without coercion, ByPropertyName, ByValue with coercion; a set qualifies in a ByValue pass only
    # when the object itself binds there (its properties then fill the set's ByPropertyName parameters).
    args = dict(b.args)
    bound_any = False
    params = [p for p in b.sig.params.values() if p.name not in args and (info := p.in_set(s)) is not None]
    if mode in ("value", "value-coerce"):
        for p in params:
            info = p.in_set(s)
            if info and info.by_value:
                if not takes(b.sig.name, p.name, p.type, obj):
                    continue
                match = type_match(obj, p.type)
                if match is None and mode == "value":
                    continue
                try:
                    args[p.name] = coerce(b.sig, p, obj)
                except BindingError:
                    continue
                bound_any = True
                break
        if not bound_any:
            return None
    # a hashtable's keys are no properties to the binder: @{Name = 'x'} | Get-Thing binds nothing by property name
    # (PowerShell issues #13981, #13104)
    if mode in ("value", "property", "value-coerce") and isinstance(obj, PSObject):
        for p in params:
            info = p.in_set(s)
            if p.name in args or not (info and info.by_property):
                continue
            for key in (p.name, *p.aliases):
                present = obj.has(key)
                if present:
                    value = obj.get(key)
                    try:
                        args[p.name] = coerce(b.sig, p, value)
                        bound_any = True
                    except BindingError:
                        pass
                    break
    if not bound_any:
        return None
    missing = missing_mandatory(b.sig, s, args)
    if missing:
        return None
    return args


def missing_mandatory(sig: CmdletSig, set_name: str, args: dict[str, Any]) -> list[str]:
    return [p.name for p in sig.params.values()
            if p.name not in args and (info := p.in_set(set_name)) is not None and info.mandatory]


def choose_set(b: Bound) -> str:
    """The set for a command without pipeline input: the only candidate, the
    default, or the first whose mandatory parameters are bound."""
    if len(b.sets) == 1:
        return b.sets[0]
    complete = [s for s in _ordered_sets(b) if not missing_mandatory(b.sig, s, b.args)]
    if b.sig.default_set in b.sets and b.sig.default_set in complete:
        return b.sig.default_set
    if complete:
        return complete[0]
    return _ordered_sets(b)[0]


def command_line_set(b: Bound) -> str:
    """The set of a cmdlet run without pipeline input, as 5.1 resolves it (labkit.twin.parameter_sets): the one valid
    set, else the default set when it is valid, else the one set without an unbound mandatory parameter, else
    AmbiguousParameterSet; then the set's mandatory parameters must be bound."""
    from labkit.twin import parameter_sets as PS

    every = PS.named_sets(b.sig)
    cur = None if set(b.sets) >= set(every) else frozenset(b.sets)
    cur, _ = PS.validate(b.sig, cur, b.args, pre_pipeline=False, set_default=True)
    missing = PS.missing_mandatory(b.sig, cur, b.args)
    if missing:
        raise BindingError(
            f"Cannot process command because of one or more missing mandatory parameters: {' '.join(missing)}.",
            "MissingMandatoryParameter")
    return PS.set_name(b.sig, cur) or ALL_SETS


def check_mandatory(b: Bound, set_name: str, args: dict[str, Any], *, pipeline: bool = False) -> None:
    missing = missing_mandatory(b.sig, set_name, args)
    if pipeline:
        missing = [m for m in missing if not _pipeline_param(b.sig, m, set_name)]
    if missing:
        raise BindingError(
            f"Cannot process command because of one or more missing mandatory parameters: {' '.join(missing)}.",
            "MissingMandatoryParameter")


def _pipeline_param(sig: CmdletSig, name: str, set_name: str) -> bool:
    info = sig.params[name].in_set(set_name)
    return bool(info and (info.by_value or info.by_property))


def _net(type_name: str) -> str:
    from labkit.twin.values import net_type_name
    return net_type_name(type_name)
