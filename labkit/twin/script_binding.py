"""Binding the arguments of a script, function or script block to its
``param()`` block, as Windows PowerShell 5.1 does:

named and positional parameters (implicit positions in declaration order
unless a parameter states one), parameter sets with a default set,
``ValueFromRemainingArguments``, pipeline input by value and by property
name (per input object), mandatory parameters refusing ``$null``, empty
strings and empty arrays unless ``[AllowNull()]`` / ``[AllowEmptyString()]``
/ ``[AllowEmptyCollection()]`` say otherwise, validation attributes, the
common parameters of advanced functions, and the automatic variables a
function sees: ``$PSBoundParameters``, ``$PSCmdlet``, ``$MyInvocation``,
``$args``.

https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_functions_advanced_parameters?view=powershell-5.1
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_functions_cmdletbindingattribute?view=powershell-5.1
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from labkit.twin import binding as B
from labkit.twin import default_parameter_values, delay_bind
from labkit.twin import dynamic_parameters as DP
from labkit.twin import parameter_names
from labkit.twin import parameter_sets as PS
from labkit.twin import should_process as SP
from labkit.twin import syntax as S
from labkit.twin import function_scopes, script_files
from labkit.twin.action_preference import common_action, preference_value
from labkit.twin.attributes import ATTRIBUTE_ORDER, CMDLETBINDING_KEYS, PARAMETER_KEYS, ValidationFailure, validate
from labkit.twin.casts import cast
from labkit.twin.dotnet_values import GenericList
from labkit.twin.errors import UnsupportedConstruct
from labkit.twin.objects import PSObject
from labkit.twin.signatures import ALL_SETS, COMMON, CmdletSig, ParamSig, SetInfo
from labkit.twin.types import is_instance, resolve
from labkit.twin.values import PSHashtable, PSRuntimeError, ScriptBlock, as_list, convert, to_bool, to_string

_SWITCH = ("switch", "switchparameter", "system.management.automation.switchparameter")
_NO_ITEM_TYPES = ()


class BoundParameters(PSHashtable):
    """$PSBoundParameters: a case-insensitive dictionary of the bound parameters."""

    __slots__ = ()
    type_name = "System.Management.Automation.PSBoundParametersDictionary"


@dataclass
class ParamSpec:
    node: S.Param
    sig: ParamSig
    remaining: bool = False
    allow_null: bool = False
    allow_empty_string: bool = False
    allow_empty_collection: bool = False
    validators: list[S.Attribute] = field(default_factory=list)
    by_value: bool = False
    by_property: bool = False

    @property
    def name(self) -> str:
        return self.node.name


@dataclass
class ScriptSpec:
    sig: CmdletSig
    params: list[ParamSpec]
    advanced: bool
    default_set: str
    should_process: bool
    remaining: ParamSpec | None
    pipeline: bool
    has_sets: bool
    confirm_impact: str = "Medium"


_CACHE: dict[int, tuple[S.Script, ScriptSpec]] = {}


def _const(engine: Any, node: Any) -> Any:
    if node is None:
        return True
    if type(node) is S.Const:
        return node.value
    return engine.eval(node)


def script_spec(engine: Any, script: S.Script, name: str) -> ScriptSpec:
    hit = _CACHE.get(id(script))
    if hit is not None and hit[0] is script:
        return hit[1]
    spec = _build(engine, script, name)
    if len(_CACHE) > 4096:
        _CACHE.clear()
    _CACHE[id(script)] = (script, spec)
    return spec


def _build(engine: Any, script: S.Script, name: str, dynamic: frozenset[str] = frozenset()) -> ScriptSpec:
    """The function's parameters; ``dynamic`` names those its dynamicparam block added (no implicit positions)."""
    binding: dict[str, Any] = {}
    for at in script.attributes:
        if at.name.lower() in ("cmdletbinding", "system.management.automation.cmdletbinding"):
            for key, node in at.named:
                if key.lower() not in CMDLETBINDING_KEYS:
                    raise UnsupportedConstruct(f"[CmdletBinding({key})] (not a CmdletBinding argument in 5.1)", at.line)
                binding[key.lower()] = _const(engine, node)
    positional = to_bool(binding.get("positionalbinding", True))
    explicit = False
    specs: list[ParamSpec] = []
    for p in script.params:
        ps = ParamSpec(p, ParamSig(p.name))
        sets: dict[str, SetInfo] = {}
        aliases: list[str] = []
        for at in p.attributes:
            low = at.name.lower()
            if low in ("parameter", "system.management.automation.parameter"):
                opts = {"mandatory": False, "position": None, "valuefrompipeline": False, "valuefrompipelinebypropertyname": False,
                        "valuefromremainingarguments": False, "parametersetname": ALL_SETS}
                for key, node in at.named:
                    k = key.lower()
                    if k not in PARAMETER_KEYS:
                        raise UnsupportedConstruct(f"[Parameter({key})] (not a Parameter argument in 5.1)", at.line)
                    opts[k] = _const(engine, node)
                if opts["position"] is not None and p.name not in dynamic:
                    explicit = True
                set_name = to_string(opts["parametersetname"]) or ALL_SETS
                by_value = to_bool(opts["valuefrompipeline"])
                by_prop = to_bool(opts["valuefrompipelinebypropertyname"])
                # a ValueFromRemainingArguments parameter takes no positional argument of its own, whatever its Position
                # (ParameterBinderController.EvaluateUnboundPositionalParameters)
                sets[set_name] = SetInfo(mandatory=to_bool(opts["mandatory"]),
                                         position=int(convert(opts["position"], "int32")) if opts["position"] is not None
                                         and not to_bool(opts["valuefromremainingarguments"]) else None,
                                         by_value=by_value, by_property=by_prop)
                ps.by_value |= by_value
                ps.by_property |= by_prop
                ps.remaining |= to_bool(opts["valuefromremainingarguments"])
            elif low == "alias":
                aliases += [to_string(_const(engine, a)) for a in at.args]
            elif low == "allownull":
                ps.allow_null = True
            elif low == "allowemptystring":
                ps.allow_empty_string = True
            elif low == "allowemptycollection":
                ps.allow_empty_collection = True
            elif low in ATTRIBUTE_ORDER:
                ps.validators.append(at)
        type_name = p.type_name or "Object"
        switch = type_name.lower() in _SWITCH
        # The binder leaves conversion to _convert (scripts convert as LanguagePrimitives does, with
        # "Cannot process argument transformation" errors), so the signature says Object.
        ps.sig = ParamSig(p.name, "SwitchParameter" if switch else "Object", switch, tuple(aliases), sets or {ALL_SETS: SetInfo()},
                          uncoerced=None if switch else _uncoerced(p.type_name))
        specs.append(ps)
    if not explicit and positional:
        i = 0
        for ps in specs:
            if ps.sig.switch or ps.remaining or ps.name in dynamic:
                continue
            ps.sig.sets = {k: SetInfo(v.mandatory, i, v.by_value, v.by_property) for k, v in ps.sig.sets.items()}
            i += 1
    default_set = to_string(binding.get("defaultparametersetname") or "") or ALL_SETS
    should_process = to_bool(binding.get("supportsshouldprocess", False))
    params = {ps.name: ps.sig for ps in specs}
    if should_process:
        params["WhatIf"] = ParamSig("WhatIf", "SwitchParameter", True, ("wi",), {ALL_SETS: SetInfo()})
        params["Confirm"] = ParamSig("Confirm", "SwitchParameter", True, ("cf",), {ALL_SETS: SetInfo()})
    paging = to_bool(binding.get("supportspaging", False)) and script.advanced
    if paging:
        # SupportsPaging adds -First, -Skip and -IncludeTotalCount (PagingParameters in PowerShell's source)
        params["IncludeTotalCount"] = ParamSig("IncludeTotalCount", "SwitchParameter", True, (), {ALL_SETS: SetInfo()})
        params["Skip"] = ParamSig("Skip", "UInt64", False, (), {ALL_SETS: SetInfo()})
        params["First"] = ParamSig("First", "UInt64", False, (), {ALL_SETS: SetInfo()})
    sig = CmdletSig(name=name, params=params, default_set=default_set, accepts_common=script.advanced)
    PS.named_sets(sig)      # more than 32 sets: ParsingTooManyParameterSets
    parameter_names.check([*(ps.sig for ps in specs), *(params[k] for k in ("WhatIf", "Confirm") if should_process),
                           *(params[k] for k in _PAGING if paging),
                           *(COMMON.values() if script.advanced else ())])
    remaining = next((ps for ps in specs if ps.remaining), None)
    has_sets = any(s != ALL_SETS for ps in specs for s in ps.sig.sets)
    return ScriptSpec(sig, specs, script.advanced, default_set, should_process, remaining,
                      any(ps.by_value or ps.by_property for ps in specs), has_sets,
                      SP.impact(binding.get("confirmimpact")))


# -- binding ---------------------------------------------------------------------------------

def _sets_taking_input(spec: ScriptSpec, cur: PS.Sets, given: dict[str, Any]) -> PS.Sets:
    """FilterParameterSetsTakingNoPipelineInput: with several valid sets and input coming, the sets with an unbound
    pipeline parameter (all of them when such a parameter is in every set, or when none has one)."""
    taking: set[str] = set()
    for ps in spec.params:
        if ps.name in given:
            continue
        for s, info in ps.sig.sets.items():
            if (info.by_value or info.by_property) and (cur is None or s == ALL_SETS or s in cur):
                if s == ALL_SETS:
                    return cur
                taking.add(s)
    if not taking or cur is None:
        return cur
    return cur & frozenset(taking)


def _uncoerced(type_name: str | None) -> Any:
    """Whether a value binds to a parameter of this declared type without type coercion (5.1's
    ParameterBinderBase.ShouldContinueUncoercedBind): an Object parameter takes anything, $null only a
    reference type, an array a value whose elements already are of its element type."""
    t = resolve(type_name) if type_name else None
    if t is None or t.full_name == "System.Object":
        return None
    value_types = ("int32", "int64", "uint64", "uint32", "uint16", "int16", "byte", "sbyte", "double", "bool", "char",
                   "decimal", "single", "datetime", "timespan", "switch", "guid")

    def check(value: Any) -> bool:
        if value is None:
            return t.convert_key not in value_types
        if t.element is not None and not isinstance(value, list):
            return is_instance(value, t.element)
        if t.element is not None and not is_instance(value, t):
            return all(is_instance(v, t.element) for v in value)
        return is_instance(value, t)
    return check


def _convert(engine: Any, spec: ScriptSpec, ps: ParamSpec, value: Any) -> Any:
    """The argument converted to the parameter's declared type (ParameterArgumentTransformationError when it cannot be)."""
    tn = ps.node.type_name
    if ps.sig.switch:
        return value if isinstance(value, bool) else to_bool(value)
    if not tn:
        return value
    t = resolve(tn)
    if t is None:
        return value   # a type the twin has no table entry for (a module's own type): the value as given
    if spec.advanced and t.full_name == "System.Boolean" or t.element is not None and t.element.full_name == "System.Boolean":
        for v in (value if isinstance(value, list) else [value]):
            if spec.advanced and not isinstance(v, (bool, int, float)) and v is not None:
                raise B.BindingError(
                    f"Cannot process argument transformation on parameter '{ps.name}'. Cannot convert value \"{type(v).__name__ if not isinstance(v, str) else 'System.String'}\" "
                    "to type \"System.Boolean\". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.",
                    "ParameterArgumentTransformationError")
    if value is None:
        if t.convert_key in ("string",):
            return ""
        return None if t.element is not None or t.convert_key is None else cast(None, t)
    try:
        return cast(value, t)
    except PSRuntimeError as e:
        raise B.BindingError(f"Cannot process argument transformation on parameter '{ps.name}'. {e}",
                             "ParameterArgumentTransformationError") from None


def _check_value(engine: Any, spec: ScriptSpec, ps: ParamSpec, set_name: str, value: Any) -> None:
    """Mandatory null/empty rules, then the validation attributes."""
    info = ps.sig.in_set(set_name)
    if info is not None and info.mandatory:
        if value is None and not ps.allow_null:
            raise B.BindingError(f"Cannot bind argument to parameter '{ps.name}' because it is null.",
                                 "ParameterArgumentValidationErrorNullNotAllowed")
        if isinstance(value, str) and value == "" and not ps.allow_empty_string and not ps.allow_null:
            raise B.BindingError(f"Cannot bind argument to parameter '{ps.name}' because it is an empty string.",
                                 "ParameterArgumentValidationErrorEmptyStringNotAllowed")
        if isinstance(value, list) and not value and not ps.allow_empty_collection:
            raise B.BindingError(f"Cannot bind argument to parameter '{ps.name}' because it is an empty array.",
                                 "ParameterArgumentValidationErrorEmptyArrayNotAllowed")
    for at in ps.validators:
        _check_named_arguments(at)
        args = [_const(engine, a) for a in at.args]
        named = {k.lower(): _const(engine, v) for k, v in at.named}
        try:
            validate(at.name.lower(), args, named, value, lambda block, item: _validation_script(engine, block, item))
        except ValidationFailure as f:
            raise B.BindingError(f"Cannot validate argument on parameter '{ps.name}'. {f.reason}", f.error_id) from None


# The named arguments 5.1's validation attributes have (their settable properties); ErrorMessage came in 6.0.
_NAMED_ARGUMENTS = {"validateset": {"ignorecase"}, "validatepattern": {"options"}}


def _check_named_arguments(at: Any) -> None:
    """A named argument the attribute class lacks fails when the attribute is made, as in 5.1
    (ParserStrings.resx PropertyNotFoundForType): ``[ValidatePattern('x', ErrorMessage = '...')]``."""
    base = at.name.rsplit(".", 1)[-1]
    base = base[:-len("Attribute")] if base.lower().endswith("attribute") else base
    allowed = _NAMED_ARGUMENTS.get(base.lower(), set())
    for key, _ in at.named:
        if key.lower() not in allowed:
            raise PSRuntimeError(f"Property '{key}' cannot be found for type 'System.Management.Automation.{base}Attribute'.",
                                 "InvalidOperation", "PropertyNotFoundForType")


def _validation_script(engine: Any, block: ScriptBlock, item: Any) -> Any:
    """Run a [ValidateScript()] block; what it throws becomes the validation message (5.1)."""
    from labkit.twin.errors import CmdletError
    from labkit.twin.interpreter import PSError

    try:
        return engine.invoke_block(block, item)
    except PSError as e:
        raise PSRuntimeError(e.info.message) from None
    except CmdletError as e:
        raise PSRuntimeError(str(e)) from None


# ParameterBinderController's four pipeline binding passes, in order
_PIPELINE_PASSES = (("value", False), ("property", False), ("value", True), ("property", True))


_DEFERRED = "the first object binds when the process block runs"


def _late_values(engine: Any, spec: ScriptSpec, given: dict[str, Any], obj: Any) -> dict[str, Any]:
    """``given`` with its delay-bind script blocks run for ``obj`` and converted to their parameters' types."""
    values = delay_bind.evaluate(given, obj, engine.invoke_block)
    for ps in spec.params:
        if isinstance(given.get(ps.name), delay_bind.DelayedScriptBlock):
            values[ps.name] = _convert(engine, spec, ps, values[ps.name])
    return values


def _pipeline_args(engine: Any, spec: ScriptSpec, given: dict[str, Any], start: PS.Sets, obj: Any,
                   late: frozenset[str] = frozenset()) -> tuple[dict[str, Any], str]:
    """Arguments bound from one pipeline object (CmdletParameterBinderController.BindPipelineParametersPrivate):
    ByValue then ByPropertyName, each first without type coercion, then with it; in each pass the default set
    first, then the other valid sets; every parameter bound narrows the valid sets."""
    args = dict(given)
    cur = start
    bound_any = bool(late)        # a delay-bind script block's value counts as bound from the object
    for mode, coerce in _PIPELINE_PASSES:
        valid = cur
        got = False
        default = spec.default_set if spec.default_set != ALL_SETS else None
        if default is not None and (valid is None or default in valid):
            got = _bind_pass(engine, spec, args, frozenset([default]), obj, mode, coerce)
            if not got and valid is not None:
                valid = valid - {default}
        if not got:
            got = _bind_pass(engine, spec, args, valid, obj, mode, coerce)
        if got:
            bound_any = True
            cur = PS.narrowed(spec.sig, args, start)
            cur, _ = PS.validate(spec.sig, cur, args, pre_pipeline=True, set_default=True,
                                 takes_pipeline=PS.takes_pipeline_input(spec.sig, args))
    if not bound_any:
        raise B.BindingError(
            "The input object cannot be bound to any parameters for the command either because the command does not take "
            "pipeline input or the input and its properties do not match any of the parameters that take pipeline input.",
            "InputObjectNotBound", target=obj)
    cur, _ = PS.validate(spec.sig, cur, args, pre_pipeline=False, set_default=True)
    missing = PS.missing_mandatory(spec.sig, cur, args)
    if missing:
        # ParameterBinderStrings.resx InputObjectMissingMandatory (CommandProcessor.ProcessRecord)
        raise B.BindingError("The input object cannot be bound because it did not contain the information required to bind all "
                             f"mandatory parameters: {' '.join(missing)}", "InputObjectMissingMandatory", target=obj)
    return args, PS.set_name(spec.sig, cur)


def _bind_pass(engine: Any, spec: ScriptSpec, args: dict[str, Any], valid: PS.Sets, obj: Any, mode: str, coerce: bool) -> bool:
    """One pass over the unbound pipeline parameters of the valid sets, the last declared first (as the engine walks them)."""
    from labkit.twin.members import get_member

    got = False
    for ps in reversed(spec.params):
        if ps.name in args:
            continue
        infos = PS.in_sets(ps.sig, valid)
        if mode == "value" and any(i.by_value for i in infos):
            if not coerce and ps.sig.uncoerced is not None and not ps.sig.uncoerced(obj):
                continue
            value = obj
        elif mode == "property" and obj is not None and not isinstance(obj, PSHashtable) and any(i.by_property for i in infos):
            # a hashtable's keys are no properties to the binder (PowerShell issues #13981, #13104)
            for key in (ps.name, *ps.sig.aliases):
                present = obj.has(key) if isinstance(obj, PSObject) else get_member(obj, key) is not None
                if present:
                    value = get_member(obj, key)
                    break
            else:
                continue
            if not coerce and ps.sig.uncoerced is not None and not ps.sig.uncoerced(value):
                continue
        else:
            continue
        try:
            args[ps.name] = _convert(engine, spec, ps, value)
        except B.BindingError:
            continue      # a value that does not convert leaves the parameter to the next pass or set
        got = True
    return got


def bind(engine: Any, script: S.Script, items: list[B.Item], pipeline_obj: Any, name: str, *, expect_input: bool = False,
         node: Any = None, defer_input: bool = False) -> B.Bound:
    """Bind ``items`` (and the first pipeline object) to ``script``'s parameters and set its variables in the current scope.
    ``defer_input``: the pipeline's objects have not come yet; the process block binds each (labkit.twin.function_stage)."""
    from labkit.twin.members import NO_ITEM

    dictionary = None
    static_count = len(script.params)
    if script.dynamicparam is not None:
        script, dictionary = _dynamic_script(engine, script, items, name)
    spec = script_spec(engine, script, name) if dictionary is None else \
        _build(engine, script, name, frozenset(p.name for p in script.params[static_count:]))
    PS.check_positions(spec.sig, items)
    try:
        bound = B.bind(spec.sig, items, extra_args=not spec.advanced or spec.remaining is not None)
        if spec.advanced:       # $PSDefaultParameterValues reaches advanced functions and scripts (labkit.twin.default_parameter_values)
            default_parameter_values.apply(engine.get_var("psdefaultparametervalues"), bound,
                                           engine.invoke_block, lambda p, v: B.coerce(spec.sig, p, v))
    except B.BindingError as e:
        if e.error_id == "MissingArgument":
            # name the declared type, as 5.1 does: "Specify a parameter of type 'System.Int32'"
            for ps in spec.params:
                if f"parameter '{ps.name}'" in str(e) and ps.node.type_name:
                    t = resolve(ps.node.type_name)
                    if t is not None:
                        raise B.BindingError(f"Missing an argument for parameter '{ps.name}'. Specify a parameter of type "
                                             f"'{t.display_full_name}' and try again.", "MissingArgument") from None
        raise
    args = bound.args
    late = delay_bind.delayed(args)      # delay-bind script blocks: run per pipeline object
    if late and not expect_input:
        raise delay_bind.no_input(next(iter(late)))
    for ps in spec.params:
        if ps.name in args and not ps.sig.switch and ps.name not in late:
            args[ps.name] = _convert(engine, spec, ps, args[ps.name])
    if spec.remaining is not None and bound.extra:
        # 5.1 collects the remaining arguments in a List[object], one argument or many, an array among them kept as one
        # element (PowerShell issues #4625 and #2035; 6.0 changed both)
        args[spec.remaining.name] = _convert(engine, spec, spec.remaining, GenericList(list(bound.extra), resolve("object")))
        bound.extra = []
    given = dict(args)
    # the valid sets after the command line (5.1's BindCommandLineParameters): narrowed by what is bound, then chosen now,
    # or, when pipeline input may still bind a parameter of a valid set, per input object
    cur = PS.narrowed(spec.sig, given)
    pipeline = pipeline_obj is not NO_ITEM and spec.pipeline and (pipeline_obj is not None or expect_input)
    # a begin block runs before any input is bound (about_Functions_Advanced_Methods): the objects bind per process run
    deferred = pipeline and (script.begin is not None or defer_input)
    pipeline = pipeline and not deferred
    cur, chosen = PS.validate(spec.sig, cur, given, pre_pipeline=expect_input, set_default=not expect_input,
                              takes_pipeline=PS.takes_pipeline_input(spec.sig, given))
    if not chosen and expect_input:
        cur = _sets_taking_input(spec, cur, given)
    start = cur
    set_name = None
    first_error = None
    if pipeline:
        try:
            resolved = _late_values(engine, spec, given, pipeline_obj) if late else given
            args, set_name = _pipeline_args(engine, spec, resolved, cur, pipeline_obj, frozenset(late))
        except B.BindingError as e:
            args = {k: v for k, v in given.items() if k not in late}
            first_error = e      # the process block binds the first object again and writes the error
    elif late:
        args = {k: v for k, v in args.items() if k not in late}     # no input came: they stay unbound
    if deferred:
        first_error = _DEFERRED     # the process block binds the first object too
    if set_name is None:
        if not chosen and not expect_input:
            cur, _ = PS.validate(spec.sig, cur, args, pre_pipeline=False, set_default=True)
        set_name = PS.set_name(spec.sig, cur) or ALL_SETS
    missing = PS.missing_mandatory(spec.sig, None if expect_input and not chosen else cur, args, skip_pipeline=expect_input)
    if expect_input and not chosen:
        # the sets are still open: only a parameter mandatory (and not fed by the pipeline) in every valid set is surely missing
        open_sets = sorted(cur) if cur is not None else (PS.named_sets(spec.sig) or [ALL_SETS])
        missing = [m for m in missing if all(
            (info := spec.sig.params[m].in_set(s)) is not None and info.mandatory and not (info.by_value or info.by_property)
            for s in open_sets)]
    if missing:
        raise B.BindingError(f"Cannot process command because of one or more missing mandatory parameters: {' '.join(missing)}.",
                             "MissingMandatoryParameter")
    for ps in spec.params:
        if ps.name in args:
            _check_value(engine, spec, ps, set_name, args[ps.name])
    bound.args = args
    bound.sets = [set_name]
    bound.given = set(given)              # type: ignore[attr-defined]
    bound.candidates = start              # type: ignore[attr-defined]
    bound.first_error = first_error       # type: ignore[attr-defined]
    bound.late = late                     # type: ignore[attr-defined]
    _set_variables(engine, spec, bound, set_name, name, node)
    if expect_input and isinstance(engine.scope.vars.get("myinvocation"), PSObject):
        engine.scope.vars["myinvocation"].set("ExpectingInput", True)    # InvocationInfo.ExpectingInput: input is piped in
    bound.spec = spec                     # type: ignore[attr-defined]
    if dictionary is not None:
        _dynamic_values(engine, spec, dictionary, bound)
    return bound


def _dynamic_script(engine: Any, script: S.Script, items: list[B.Item], name: str) -> tuple[S.Script, Any]:
    """Run the dynamicparam block with the static parameters bound (labkit.twin.dynamic_parameters): the script with its
    dynamic parameters added, and the RuntimeDefinedParameterDictionary (None when the block gives none)."""
    from labkit.twin.interpreter import _Return

    static = script_spec(engine, script, name)
    bp = BoundParameters()
    try:
        first = B.bind(static.sig, items, extra_args=True)
    except B.BindingError:
        first = None          # the binding after the block reports it
    for ps in static.params:
        if first is not None and ps.name in first.args:
            try:
                value = _convert(engine, static, ps, first.args[ps.name])
            except B.BindingError:
                value = first.args[ps.name]
            bp[ps.name] = value
            engine.scope.vars[ps.name.lower()] = value
    engine.scope.vars["psboundparameters"] = bp
    out: list[Any] = []
    try:
        engine.exec_block(script.dynamicparam, out)
    except _Return as r:
        out.extend(r.value)
    dictionary = DP.dictionary_of(out, name)
    if dictionary is None:
        return script, None
    return DP.script_with(script, dictionary, name), dictionary


def _dynamic_values(engine: Any, spec: ScriptSpec, dictionary: Any, bound: B.Bound) -> None:
    """Dynamic parameters are no variables of the function: their values are in the dictionary and $PSBoundParameters."""
    DP.set_values(dictionary, bound.args)
    for name in DP.names(dictionary):
        engine.scope.vars.pop(name.lower(), None)
        if engine.scope.types:
            engine.scope.types.pop(name.lower(), None)


def rebind_item(engine: Any, script: S.Script, bound: B.Bound, item: Any, name: str) -> bool:
    """Bind one pipeline object for a process block run; False (and a non-terminating error) when it binds nowhere."""
    spec = getattr(bound, "spec", None) or script_spec(engine, script, name)
    if not spec.pipeline:
        return True
    given = getattr(bound, "given", set(bound.args))
    late = getattr(bound, "late", {})
    base = {k: v for k, v in bound.args.items() if k in given}
    if late:
        base = _late_values(engine, spec, {**base, **late}, item)
    args, set_name = _pipeline_args(engine, spec, base, getattr(bound, "candidates", None), item, frozenset(late))
    bp = engine.scope.vars.get("psboundparameters")
    for ps in spec.params:
        if ps.name in late:
            _check_value(engine, spec, ps, set_name, args[ps.name])
            engine.scope.vars[ps.name.lower()] = args[ps.name]
            if isinstance(bp, BoundParameters):
                bp[ps.name] = args[ps.name]
    for ps in spec.params:
        if ps.name not in args and ps.name not in base and isinstance(bp, BoundParameters) and ps.name in bp:
            # bound from the previous object only: back to its default value, out of $PSBoundParameters
            # (CmdletParameterBinderController.RestoreDefaultParameterValues)
            engine.scope.vars[ps.name.lower()] = _unbound_value(engine, ps)
            del bp[ps.name]
        if ps.name in args and ps.name not in base:
            _check_value(engine, spec, ps, set_name, args[ps.name])
            engine.scope.vars[ps.name.lower()] = args[ps.name]
            bp = engine.scope.vars.get("psboundparameters")
            if isinstance(bp, BoundParameters):
                bp[ps.name] = args[ps.name]
    cmdlet = engine.scope.vars.get("pscmdlet")
    if isinstance(cmdlet, ScriptCmdlet):
        cmdlet.set("ParameterSetName", set_name)
    return True


def _set_variables(engine: Any, spec: ScriptSpec, bound: B.Bound, set_name: str, name: str, node: Any) -> None:
    vars = engine.scope.vars
    bp = BoundParameters()
    for ps in spec.params:
        key = ps.name.lower()
        if ps.name in bound.args:
            value = bound.args[ps.name]
            bp[ps.name] = value
        else:
            value = _unbound_value(engine, ps)
        vars[key] = value
        if ps.node.type_name and not ps.sig.switch:
            t = resolve(ps.node.type_name)
            if t is not None and t.full_name != "System.Object":
                if engine.scope.types is None:
                    engine.scope.types = {}
                engine.scope.types[key] = t      # a typed parameter stays type-constrained in the body
    for k, v in bound.common.items():
        bp[k] = v
    for k in ("WhatIf", "Confirm", *_PAGING):
        if k in bound.args:
            bp[k] = bound.args[k]
    vars["args"] = list(bound.extra) if not spec.advanced else []
    vars["psboundparameters"] = bp
    if node is not None:
        line = getattr(node, "line", 0)
        block = name == "ScriptBlock"     # & { } / . { }: the script block's own invocation
        fn = None if block else function_scopes.find(engine, name)   # FunctionInfo: Definition is its body's text
        vars["myinvocation"] = invocation_info(
            "" if block else name, line, getattr(node, "col", 0), engine.line_text(line), bp, list(bound.extra),
            command_type="Script" if block else function_scopes.kind(fn) if fn is not None else "Function",
            definition=function_scopes.body_text(fn) if fn is not None else getattr(node, "text", ""),
            invocation_name=_invocation_name(node, name) if not block else getattr(node, "invoke_op", "") or "&")
        script_files.place_invocation(engine, vars["myinvocation"])    # a call in a script file names the file
    if spec.advanced:
        vars["pscmdlet"] = ScriptCmdlet(engine, name, set_name if set_name != ALL_SETS else "__AllParameterSets", bp,
                                        to_bool(bound.args.get("WhatIf")))
        vars["pscmdlet"].confirm = to_bool(bound.args["Confirm"]) if "Confirm" in bound.args else None
        vars["pscmdlet"].impact = spec.confirm_impact
        if "First" in spec.sig.params and spec.sig.params["First"].type == "UInt64":
            vars["pscmdlet"].set("PagingParameters", PagingParameters(bound.args))
        # -WhatIf / -Confirm set the function's $WhatIfPreference / $ConfirmPreference, so the commands it runs
        # inherit them (CompiledScriptBlock.SetPreferenceVariables in PowerShell's source)
        if "WhatIf" in bound.args:
            vars["whatifpreference"] = to_bool(bound.args["WhatIf"])
        if "Confirm" in bound.args:
            vars["confirmpreference"] = "Low" if to_bool(bound.args["Confirm"]) else "None"
    _apply_common(engine, bound.common, name)


def _unbound_value(engine: Any, ps: ParamSpec) -> Any:
    """An unbound parameter's value: its default expression converted to its type, else its type's default."""
    if ps.node.default is None:
        return _default_for(ps)
    value = engine.eval(ps.node.default)
    tn = ps.node.type_name
    if tn:
        t = resolve(tn)
        if t is not None and not ps.sig.switch:
            value = cast(value, t) if value is not None or t.convert_key == "string" else value
        elif ps.sig.switch:
            value = to_bool(value)
    return value


def _default_for(ps: ParamSpec) -> Any:
    if ps.sig.switch:
        return False
    tn = ps.node.type_name
    if not tn:
        return None
    t = resolve(tn)
    if t is None or t.element is not None:
        return None
    key = t.convert_key
    if key in ("int32", "int64", "uint64", "uint32", "uint16", "int16", "byte", "sbyte"):
        return 0
    if key == "double":
        return 0.0
    if key == "bool":
        return False
    if key == "string":
        return ""
    return None


# Cmdlets that declare -WhatIf/-Confirm but never call ShouldProcess themselves (ForEachObjectCommand in PowerShell's
# source): the preferences reach the commands of their script blocks instead.
_NO_SHOULD_PROCESS = {"ForEach-Object"}


def preference_switches(engine: Any, sig: CmdletSig, args: dict[str, Any]) -> None:
    """A cmdlet with -WhatIf / -Confirm not given takes them from $WhatIfPreference / $ConfirmPreference
    (about_Preference_Variables 5.1): $WhatIfPreference $true is -WhatIf; a $ConfirmPreference of Low or Medium
    makes the cmdlets at or above it ask (most are Medium), which the twin handles as -Confirm (refused unless the
    emulation honours it) rather than run without asking.
    https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_preference_variables?view=powershell-5.1#whatifpreference"""
    if sig.name in _NO_SHOULD_PROCESS:
        return
    if "WhatIf" in sig.params and "WhatIf" not in args and to_bool(engine.pref("whatifpreference", False)):
        args["WhatIf"] = True
    if "Confirm" in sig.params and "Confirm" not in args and "WhatIf" not in args and \
            SP.threshold(None, engine.pref("confirmpreference", "High")) in ("Low", "Medium"):
        args["Confirm"] = True


def _apply_common(engine: Any, common: dict[str, Any], command: str) -> None:
    if not common:
        return
    _refuse_unemulated(common, command)
    vars = engine.scope.vars
    for param, var in (("ErrorAction", "erroractionpreference"), ("WarningAction", "warningpreference"),
                       ("InformationAction", "informationpreference")):
        if param in common:
            vars[var] = preference_value(common_action(common[param], param))
            common[param] = vars[var]
    if "Verbose" in common:
        vars["verbosepreference"] = preference_value("Continue" if to_bool(common["Verbose"]) else "SilentlyContinue")
    if "Debug" in common:
        # about_Preference_Variables (5.1): -Debug "changes the value of the $DebugPreference variable to Inquire"
        vars["debugpreference"] = preference_value("Inquire" if to_bool(common["Debug"]) else "SilentlyContinue")


# -- $PSCmdlet -------------------------------------------------------------------------------

_PAGING = ("IncludeTotalCount", "Skip", "First")
_UINT64_MAX = 18446744073709551615


class PagingParameters(PSObject):
    """$PSCmdlet.PagingParameters of a function with SupportsPaging: what -First/-Skip/-IncludeTotalCount say; the
    function pages its output itself (about_Functions_CmdletBindingAttribute 5.1, SupportsPaging)."""

    __slots__ = ()

    def __init__(self, args: dict[str, Any]):
        super().__init__("System.Management.Automation.PagingParameters", {
            "IncludeTotalCount": to_bool(args.get("IncludeTotalCount", False)), "Skip": int(args.get("Skip", 0)),
            "First": int(args.get("First", _UINT64_MAX))}, tostring="System.Management.Automation.PagingParameters")

    def dotnet_call(self, name: str, args: list[Any]) -> Any:
        if name.lower() == "newtotalcount" and len(args) == 2:
            # UserFeedbackParameters.cs NewTotalCount, CommandBaseStrings.resx PagingSupport*TotalCountTemplate
            count, accuracy = int(args[0]), max(0.0, min(1.0, float(args[1])))
            text = f"Total count: {count}" if accuracy >= 1.0 else "Unknown total count" if accuracy <= 0.0 else \
                f"Estimated total count: {count}"
            return PSObject("System.UInt64", {"Accuracy": accuracy}, tostring=text)
        raise PSRuntimeError(f"Method invocation failed because [System.Management.Automation.PagingParameters] does not contain a "
                             f"method named '{name}'.", "InvalidOperation", "MethodNotFound")

class ScriptCmdlet(PSObject):
    """$PSCmdlet of an advanced function (System.Management.Automation.PSScriptCmdlet)."""

    __slots__ = ("engine", "what_if", "confirm", "impact")

    def __init__(self, engine: Any, name: str, set_name: str, bound: BoundParameters, what_if: bool):
        super().__init__(["System.Management.Automation.PSScriptCmdlet", "System.Management.Automation.PSCmdlet",
                          "System.Management.Automation.Cmdlet"],
                         {"ParameterSetName": set_name, "MyInvocation": engine.scope.lookup("myinvocation"),
                          "CommandRuntime": name, "Stopping": False},
                         tostring="System.Management.Automation.PSScriptCmdlet")
        self.engine, self.what_if = engine, what_if
        self.confirm: bool | None = None      # -Confirm / -Confirm:$false, None when not given
        self.impact = "Medium"                # [CmdletBinding(ConfirmImpact=...)]

    def dotnet_call(self, name: str, args: list[Any]) -> Any:
        from labkit.twin.members import VOID

        low = name.lower()
        eng = self.engine
        if low == "writeobject":
            if len(args) == 2 and to_bool(args[1]):
                return list(args[0]) if isinstance(args[0], list) else args[0]
            return [args[0]] if isinstance(args[0], list) else args[0]
        if low == "shouldprocess":
            if self.what_if or ("WhatIf" not in self.get("MyInvocation").get("BoundParameters")
                                and to_bool(eng.pref("whatifpreference", False))):
                target = to_string(args[0]) if args else ""
                if len(args) >= 3:
                    eng.host_output.append(f"What if: {to_string(args[0])}")
                else:
                    action = to_string(args[1]) if len(args) > 1 else to_string(self.get("CommandRuntime"))
                    eng.host_output.append(f"What if: Performing the operation \"{action}\" on target \"{target}\".")
                return False
            if SP.asks(self.impact, self.confirm, eng.pref("confirmpreference", "High")):
                # the text 5.1 asks with (CommandBaseStrings.resx ShouldProcessMessage; the 3-argument form's warning)
                message = to_string(args[1]) if len(args) >= 3 else (
                    f"Performing the operation \"{to_string(args[1]) if len(args) > 1 else to_string(self.get('CommandRuntime'))}\" "
                    f"on target \"{to_string(args[0]) if args else ''}\".")
                raise SP.prompt(eng, to_string(self.get("CommandRuntime")), "ShouldProcess", len(args), message)
            return True
        if low == "shouldcontinue":
            raise SP.prompt(eng, to_string(self.get("CommandRuntime")), "ShouldContinue", len(args), to_string(args[0]) if args else "")
        if low in ("writeverbose", "writewarning", "writeinformation"):
            # as Write-Verbose / Write-Warning / Write-Information run in the function: its preferences (which its
            # -Verbose, -WarningAction ... set), its -WarningVariable and the callers' (labkit.twin.error_pipes)
            from labkit.twin.information_records import information_record, write_record
            from labkit.twin.interpreter import CmdletContext
            call = eng.calls[-1][1] if eng.calls else None
            ctx = CmdletContext(eng, call, to_string(self.get("CommandRuntime")), {})
            if low == "writeverbose":
                ctx.verbose(to_string(args[0]))
            elif low == "writewarning":
                ctx.warning(to_string(args[0]))
            else:
                if len(args) not in (1, 2):
                    raise PSRuntimeError(f'Cannot find an overload for "WriteInformation" and the argument count: "{len(args)}".',
                                         "NotSpecified", "MethodCountCouldNotFindBest")
                action = to_string(eng.pref("informationpreference", "SilentlyContinue")).lower()
                if action != "ignore":
                    tags = [to_string(t) for t in as_list(args[1])] if len(args) == 2 and args[1] is not None else []
                    record = information_record(ctx, args[0], tags)
                    write_record(ctx, record)
                    if action == "continue":
                        ctx.host_write(str(record))
            return VOID
        if low == "writedebug":
            from labkit.twin.debug_stream import write_debug
            write_debug(eng, to_string(args[0]), {}, None, to_string(self.get("CommandRuntime")), "$PSCmdlet.WriteDebug():")
            return VOID
        if low in ("writeerror", "throwterminatingerror"):
            return _error_record_call(eng, low, args, to_string(self.get("CommandRuntime")))
        if low == "getvariablevalue":
            v = eng.scope.lookup(to_string(args[0]).lower())
            from labkit.twin.members import MISSING
            return (args[1] if len(args) > 1 else None) if v is MISSING else v
        raise PSRuntimeError(f"Method invocation failed because [System.Management.Automation.PSScriptCmdlet] does not contain a "
                             f"method named '{name}'.", "InvalidOperation", "MethodNotFound")


def _invocation_name(node: Any, name: str) -> str:
    # `& f` / `. f`: the operator is the invocation name (PowerShell's MiscOps.cs, InvokeCommand:
    # `invocationName = dotSource ? "." : invocationToken == TokenKind.Ampersand ? "&" : null`)
    op = getattr(node, "invoke_op", "")
    if op in ("&", "."):
        return op
    n = getattr(node, "name", None)
    return n if isinstance(n, str) else name


def _error_record_call(engine: Any, method: str, args: list[Any], command: str) -> Any:
    """$PSCmdlet.WriteError(record) / .ThrowTerminatingError(record)."""
    from labkit.twin.interpreter import PSError
    from labkit.twin.members import VOID

    record = args[0] if args else None
    if not (isinstance(record, PSObject) and record.type_name == "System.Management.Automation.ErrorRecord"):
        raise PSRuntimeError(f'Cannot convert argument "errorRecord", with value: "{to_string(record)}", for "{method}" to type '
                             '"System.Management.Automation.ErrorRecord".', "NotSpecified", "MethodArgumentConversionInvalidCastArgument")
    from labkit.twin import write_error_fields

    info = engine._info_of(record, S.Flow("throw"))
    exception_type = getattr(record.get("Exception"), "type_name", "System.Exception")
    keep = {"ErrorRecord": record}     # the record's exception, details and category texts stay (labkit.twin.write_error_fields)
    if method == "throwterminatingerror":
        # MshCommandRuntime.ThrowTerminatingError: errorRecord.SetInvocationInfo(MyInvocation): the function's call, its
        # name after the id ("MyId,f") and as the category's activity
        call = engine.calls[-1][1] if engine.calls else None
        made, made_info = engine.record_for(info.message, info.category, to_string(record.get("FullyQualifiedErrorId")),
                                            record.get("TargetObject"), call, command, exception_type)
        write_error_fields.apply(made, made_info, keep)
        raise PSError(made, made_info, script_terminating=False)
    engine.write_error(info.message, info.category, to_string(record.get("FullyQualifiedErrorId")), record.get("TargetObject"),
                       None, command, {}, exception_type=exception_type,
                       adjust=lambda made, made_info: write_error_fields.apply(made, made_info, keep))
    return VOID


def invocation_info(name: str, line: int, col: int, line_text: str, bound: Any, unbound: list[Any], command_type: str = "Function",
                    definition: str = "", invocation_name: str = "") -> PSObject:
    """$MyInvocation (System.Management.Automation.InvocationInfo)."""
    command = PSObject(f"System.Management.Automation.{command_type}Info",
                       {"Name": name, "CommandType": command_type, "Definition": definition, "ModuleName": "",
                        "Module": None, "Visibility": "Public"}, tostring=name)
    return PSObject("System.Management.Automation.InvocationInfo", {
        "MyCommand": command, "BoundParameters": bound, "UnboundArguments": unbound, "ScriptLineNumber": line,
        "OffsetInLine": col, "HistoryId": 1, "ScriptName": "", "Line": line_text, "PositionMessage":
        f"At line:{line} char:{col}\n+ {line_text}" if line else "", "PSScriptRoot": "", "PSCommandPath": None,
        "InvocationName": invocation_name or name, "PipelineLength": 1, "PipelinePosition": 1, "ExpectingInput": False,
        "CommandOrigin": "Internal", "DisplayScriptPosition": None})


# -- -OutVariable / -ErrorVariable ---------------------------------------------------------------

def _variable_name(value: Any) -> tuple[str, bool]:
    text = to_string(value)
    return text.lstrip("+").lower(), text.startswith("+")


def _target(scope: Any, name: str) -> tuple[Any, str]:
    """The scope a ``global:`` / ``script:`` / ``local:`` prefixed variable name lives in, and the bare name."""
    for prefix in ("global:", "script:", "local:", "private:"):
        if name.startswith(prefix):
            bare = name[len(prefix):]
            if prefix == "global:":
                while scope.parent is not None:
                    scope = scope.parent
            elif prefix == "script:":
                while scope.parent is not None and scope.parent.parent is not None:
                    scope = scope.parent
            return scope, bare
    return scope, name


def reset_stream_variables(scope: Any, common: dict[str, Any], command: str = "") -> None:
    """A command's -ErrorVariable / -OutVariable start empty unless written '+name' (about_CommonParameters)."""
    if not common:
        return
    from labkit.twin.dotnet_values import ArrayList
    from labkit.twin.members import MISSING

    _refuse_unemulated(common, command)
    for param in ("ErrorVariable", "OutVariable", "WarningVariable", "InformationVariable"):
        if param in common:
            name, append = _variable_name(common[param])
            scope, name = _target(scope, name)
            existing = scope.lookup(name)
            if append and existing is not MISSING and existing is not None:
                scope.vars[name] = existing if isinstance(existing, ArrayList) else ArrayList(existing if isinstance(existing, list) else [existing])
            else:
                scope.vars[name] = ArrayList()


def collect_out_variable(scope: Any, common: dict[str, Any], gen: Any) -> Any:
    """Stream ``gen`` on while adding what it writes to the -OutVariable list."""
    name, _ = _variable_name(common["OutVariable"])
    scope, name = _target(scope, name)
    for obj in gen:
        target = scope.lookup(name)
        if isinstance(target, list):
            target.append(obj)
        yield obj


def warning_record(text: str) -> PSObject:
    return PSObject("System.Management.Automation.WarningRecord", {"Message": text, "FullyQualifiedWarningId": "",
                                                                  "InvocationInfo": None}, tostring=text)


def add_warning(scope: Any, common: dict[str, Any], text: str) -> PSObject:
    """A cmdlet's warning into its -WarningVariable (reset_stream_variables made the list); the WarningRecord."""
    record = warning_record(text)
    if "WarningVariable" not in common:
        return record
    name, _ = _variable_name(common["WarningVariable"])
    target, name = _target(scope, name)
    lst = target.lookup(name)
    if isinstance(lst, list):
        lst.append(record)
    return record


def _refuse_unemulated(common: dict[str, Any], command: str) -> None:
    from labkit.twin.errors import NotEmulated

    for param in ("PipelineVariable",):
        if param in common:
            raise NotEmulated(command or "a command", f"common parameter -{param}")


def set_stream_variables(scope: Any, common: dict[str, Any], out: list[Any] | None, errors_newest_first: list[Any] | None,
                         warnings: list[str] | None = None) -> None:
    """After a function ran: its -OutVariable gets what it wrote, its -ErrorVariable the errors it raised,
    its -WarningVariable the warnings (``None``: leave that variable as it is; the -ErrorVariable of a function
    fills as errors are written, labkit.twin.error_pipes)."""
    from labkit.twin.dotnet_values import ArrayList
    from labkit.twin.members import MISSING

    for param, values in (("OutVariable", out), ("ErrorVariable", list(reversed(errors_newest_first)) if errors_newest_first is not None else None),
                          ("WarningVariable", [warning_record(w) for w in warnings] if warnings is not None else None)):
        if param not in common or values is None:
            continue
        name, append = _variable_name(common[param])
        target, name = _target(scope, name)
        existing = target.lookup(name)
        lst = ArrayList(existing if isinstance(existing, list) else [existing]) if append and existing not in (MISSING, None) else ArrayList()
        lst.extend(values)
        target.vars[name] = lst
