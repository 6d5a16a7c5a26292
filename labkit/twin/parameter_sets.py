"""Which parameter set a command line selects, as Windows PowerShell 5.1 decides it.

The rules are the engine's (``CmdletParameterBinderController.ValidateParameterSets`` and
``ResolveParameterSetAmbiguityBasedOnMandatoryParameters``, ``MergedCommandParameterMetadata``
in PowerShell's source, unchanged since 5.1), in terms of set names instead of bit flags:

- the valid sets start as "every set" (the engine's ``uint.MaxValue``) and each bound parameter
  that belongs to named sets only narrows them; nothing left is ``AmbiguousParameterSet``;
- one valid set wins; "every set" becomes the ``DefaultParameterSetName`` when the command
  declares one, else, with more than one set, the one set whose mandatory parameters are all
  bound, else ``AmbiguousParameterSet``; a command with at most one named set and no default
  runs in ``__AllParameterSets``;
- several valid sets: the default one when it is among them; while pipeline input may still
  bind a parameter of one of them, the choice waits for each input object; else the one set
  left when the sets missing a mandatory parameter are struck, else ``AmbiguousParameterSet``.

A command may declare at most 32 parameter sets (``ParsingTooManyParameterSets``).

https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_parameter_sets?view=powershell-5.1
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_functions_cmdletbindingattribute?view=powershell-5.1
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from labkit.twin.errors import CmdletError
from labkit.twin.signatures import ALL_SETS, CmdletSig, ParamSig
from labkit.twin.values import PSRuntimeError

# ParameterBinderStrings.resx AmbiguousParameterSet
AMBIGUOUS = ("Parameter set cannot be resolved using the specified named parameters. One or more parameters issued "
             "cannot be used together or an insufficient number of parameters were provided.")
# MergedCommandParameterMetadata.MaxParameterSetCount (the sets are bits of a uint)
MAX_SETS = 32

Sets = frozenset[str] | None      # None: every set (no parameter of named sets only is bound yet)


class TooManyParameterSets(PSRuntimeError):
    """Metadata.resx ParsingTooManyParameterSets: the command's metadata cannot be made (a ParsingMetadataException,
    not a binding error of the command)."""

    def __init__(self) -> None:
        super().__init__("Cannot get or run the command. The maximum number of parameter sets for this command has been "
                         "exceeded.", "MetadataError", "ParsingTooManyParameterSets")
        self.exception_type = "System.Management.Automation.ParsingMetadataException"


def ambiguous() -> CmdletError:
    from labkit.twin.binding import BindingError

    return BindingError(AMBIGUOUS, "AmbiguousParameterSet")


def named_sets(sig: CmdletSig) -> list[str]:
    """The command's parameter sets, the default one first when it is declared (as the engine maps them)."""
    out = [sig.default_set] if sig.default_set != ALL_SETS else []
    for p in sig.params.values():
        for s in p.sets:
            if s != ALL_SETS and s not in out:
                out.append(s)
    if len(out) > MAX_SETS:
        raise TooManyParameterSets()
    return out


def _own_sets(p: ParamSig) -> frozenset[str]:
    """The named sets a parameter narrows to: none when it is (also) in every set."""
    if p.all_sets:
        return frozenset()
    return frozenset(s for s in p.sets if s != ALL_SETS)


def narrowed(sig: CmdletSig, bound: Iterable[str], start: Sets = None) -> Sets:
    """The valid sets once the parameters named in ``bound`` are bound."""
    cur = start
    for name in bound:
        p = sig.params.get(name)
        if p is None or p.common:
            continue
        own = _own_sets(p)
        if not own:
            continue
        cur = own if cur is None else cur & own
        if not cur:
            raise ambiguous()
    return cur


def set_name(sig: CmdletSig, cur: Sets) -> str:
    """``$PSCmdlet.ParameterSetName`` for the valid sets (MergedCommandParameterMetadata.GetParameterSetName):
    the one set's name; for every set, the default set or ``__AllParameterSets``; '' for several."""
    if cur is None:
        return sig.default_set if sig.default_set != ALL_SETS else ALL_SETS
    if len(cur) == 1:
        return next(iter(cur))
    return ""


def _by_mandatory(sig: CmdletSig, cur: Sets, bound: Iterable[str]) -> Sets:
    """The one valid set none of whose mandatory parameters is unbound, or None when there is not exactly one."""
    bound = set(bound)
    universe = {s for p in sig.params.values() for s in p.sets if s != ALL_SETS}
    left = set(universe if cur is None else cur & universe)
    for p in sig.params.values():
        if p.name in bound or p.common:
            continue
        for s, info in p.sets.items():
            if info.mandatory and s != ALL_SETS:
                left.discard(s)
    return frozenset(left) if len(left) == 1 else None


def validate(sig: CmdletSig, cur: Sets, bound: Iterable[str], *, pre_pipeline: bool, set_default: bool,
             takes_pipeline: Callable[[Sets], bool] = lambda _: False) -> tuple[Sets, bool]:
    """The valid sets after ValidateParameterSets, and whether one set is chosen (False: pipeline input decides)."""
    bound = list(bound)
    sets = named_sets(sig)
    default = sig.default_set if sig.default_set != ALL_SETS else None
    if cur is not None and not cur:
        raise ambiguous()
    if cur is not None and len(cur) > 1:
        if default is not None and default in cur:
            return (frozenset([default]), True) if set_default else (cur, False)
        if pre_pipeline and takes_pipeline(cur):
            return cur, False
        resolved = _by_mandatory(sig, cur, bound)
        if resolved is None:
            raise ambiguous()
        return resolved, True
    if cur is None:
        if pre_pipeline and takes_pipeline(None):
            return None, False
        if default is not None:
            return (frozenset([default]), True) if set_default else (None, False)
        if len(sets) > 1:
            resolved = _by_mandatory(sig, None, bound)
            if resolved is None:
                raise ambiguous()
            return resolved, True
    return cur, True


def in_sets(p: ParamSig, cur: Sets) -> list[Any]:
    """The parameter's per-set data that applies to the valid sets (ParameterSetData matching the flags)."""
    if cur is None:
        return list(p.sets.values())
    return [info for s, info in p.sets.items() if s == ALL_SETS or s in cur]


def missing_mandatory(sig: CmdletSig, cur: Sets, bound: Iterable[str], *, skip_pipeline: bool = False) -> list[str]:
    """The unbound parameters mandatory in a valid set, in declaration order."""
    bound = set(bound)
    out = []
    for p in sig.params.values():
        if p.name in bound or p.common:
            continue
        infos = [i for i in in_sets(p, cur) if i.mandatory]
        if infos and not (skip_pipeline and any(i.by_value or i.by_property for i in infos)):
            out.append(p.name)
    return out


def takes_pipeline_input(sig: CmdletSig, bound: Iterable[str]) -> Callable[[Sets], bool]:
    """AtLeastOneUnboundValidParameterSetTakesPipelineInput for this command and these bound parameters."""
    bound = set(bound)

    def check(cur: Sets) -> bool:
        return any(i.by_value or i.by_property for p in sig.params.values() if p.name not in bound and not p.common
                   for i in in_sets(p, cur))
    return check


def check_positions(sig: CmdletSig, items: list[Any]) -> None:
    """5.1 refuses to bind positional arguments when two unbound parameters of a valid set claim the same position
    (ParameterBinderController.EvaluateUnboundPositionalParameters, AmbiguousPositionalParameterNoName)."""
    from labkit.twin.binding import NO_VALUE, BindingError, resolve_name

    named: list[str] = []
    positional = 0
    i = 0
    while i < len(items):
        it = items[i]
        i += 1
        if it.name is None:
            positional += 1
            continue
        try:
            p = resolve_name(sig, it.name)
        except BindingError:
            return          # the binding reports it
        if p is None:
            continue
        named.append(p.name)
        if it.value is NO_VALUE and not p.switch and i < len(items) and items[i].name is None:
            i += 1          # `-Name value`: the value is no positional argument
    if not positional:
        return
    try:
        cur = narrowed(sig, named)
    except CmdletError:
        return
    seen: dict[int, list[tuple[str, str]]] = {}       # position -> (parameter, set) claims
    for p in sig.params.values():
        if p.name in named or p.common:
            continue
        for s, info in p.sets.items():
            if info.position is None or (cur is not None and s != ALL_SETS and s not in cur):
                continue
            for other, other_set in seen.get(info.position, []):
                if other != p.name and other_set == s:
                    # ParameterBinderStrings.resx AmbiguousPositionalParameterNoName
                    raise BindingError("Cannot bind positional parameters because no names were given.",
                                       "AmbiguousPositionalParameterNoName")
            seen.setdefault(info.position, []).append((p.name, s))
