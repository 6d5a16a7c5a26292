"""The real cmdlet signatures (``signatures.json``), as the binder uses them.

``signatures.json`` holds, per cmdlet, its module, its default parameter set
and every parameter with its type, aliases, accepted values (a ValidateSet or
an enum's members) and per-set attributes (mandatory, position, pipeline).
``labkit/twin/signatures_from_docs.py`` writes it from the 5.1 and Windows
Server 2022 reference pages.  Until the merged file exists the parts
``signatures_*.json`` are read (later files win).  :func:`signatures` caches
the loaded table for the process.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

SIGNATURE_DIR = Path(__file__).parent
ALL_SETS = "__AllParameterSets"


@dataclass(frozen=True, slots=True)
class SetInfo:
    mandatory: bool = False
    position: int | None = None
    by_value: bool = False
    by_property: bool = False


@dataclass(slots=True)
class ParamSig:
    name: str
    type: str = "Object"
    switch: bool = False
    aliases: tuple[str, ...] = ()
    sets: dict[str, SetInfo] = field(default_factory=dict)
    common: bool = False
    accepted: tuple[str, ...] = ()   # the page's "Accepted values": a ValidateSet, or the enum's members
    enum_type: str = ""              # the .NET enum the accepted values belong to ("" for a ValidateSet)
    uncoerced: Any = None            # a function's parameter: value -> whether it binds without type coercion

    def in_set(self, set_name: str) -> SetInfo | None:
        info = self.sets.get(set_name)
        return info if info is not None else self.sets.get(ALL_SETS)

    @property
    def all_sets(self) -> bool:
        return ALL_SETS in self.sets

    @property
    def is_array(self) -> bool:
        return self.type.endswith("[]")


@dataclass(slots=True)
class CmdletSig:
    name: str
    module: str = ""
    default_set: str = ALL_SETS
    params: dict[str, ParamSig] = field(default_factory=dict)
    accepts_common: bool = True
    source: str = ""
    _index: dict[str, list[ParamSig]] = field(default_factory=dict)
    _sets: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        self._index = {}
        sets: list[str] = []
        for p in self.params.values():
            for key in (p.name, *p.aliases):
                self._index.setdefault(key.lower(), []).append(p)
            for s in p.sets:
                if s != ALL_SETS and s not in sets:
                    sets.append(s)
        if self.accepts_common:
            for p in COMMON.values():
                for key in (p.name, *p.aliases):
                    self._index.setdefault(key.lower(), []).append(p)
        if self.default_set != ALL_SETS and self.default_set not in sets:
            sets.insert(0, self.default_set)
        self._sets = sets or [ALL_SETS]

    @property
    def set_names(self) -> list[str]:
        return self._sets

    def exact(self, name: str) -> ParamSig | None:
        hits = self._index.get(name.lower())
        return hits[0] if hits else None

    def prefixed(self, prefix: str) -> list[ParamSig]:
        """Distinct parameters whose name or alias starts with ``prefix`` (case-insensitive)."""
        low = prefix.lower()
        out: list[ParamSig] = []
        for key, params in self._index.items():
            if key.startswith(low):
                for p in params:
                    if p not in out:
                        out.append(p)
        return out


def _param(name: str, raw: dict[str, Any], common: bool = False) -> ParamSig:
    sets: dict[str, SetInfo] = {}
    for set_name, info in (raw.get("sets") or {ALL_SETS: {}}).items():
        pipe = (info or {}).get("pipeline") or ""
        sets[set_name] = SetInfo(
            mandatory=bool((info or {}).get("mandatory")),
            position=(info or {}).get("position"),
            by_value="ByValue" in pipe,
            by_property="ByPropertyName" in pipe,
        )
    return ParamSig(name=name, type=raw.get("type") or "Object", switch=bool(raw.get("switch")),
                    aliases=tuple(raw.get("aliases") or ()), sets=sets, common=common,
                    accepted=_accepted(raw), enum_type=raw.get("enum_type") or "")


# https://learn.microsoft.com/dotnet/api/system.management.automation.psmembertypes (5.1's names, value order)
_PS_MEMBER_TYPES = ("AliasProperty", "CodeProperty", "Property", "NoteProperty", "ScriptProperty", "Properties", "PropertySet",
                    "Method", "CodeMethod", "ScriptMethod", "Methods", "ParameterizedProperty", "MemberSet", "Event", "Dynamic",
                    "All")


def _accepted(raw: dict[str, Any]) -> tuple[str, ...]:
    # A FlagsExpression (Get-ChildItem -Attributes 'Directory+!Hidden') combines the members with operators:
    # it is not checked member by member.
    if "FlagsExpression" in (raw.get("enum_type") or ""):
        return ()
    if raw.get("enum_type") == "System.Management.Automation.PSMemberTypes":
        # Add-Member's page lists six of them, but the parameter is the whole [Flags] enum (AddMemberCommand)
        return _PS_MEMBER_TYPES
    return tuple(str(v) for v in raw.get("accepted") or ())


# Common parameters (5.1's about_CommonParameters, no -ProgressAction: that came with 7.4); signatures.json's own
# list replaces these when present.
_DEFAULT_COMMON = {
    "Verbose": ("SwitchParameter", ["vb"]), "Debug": ("SwitchParameter", ["db"]),
    "ErrorAction": ("ActionPreference", ["ea"]), "WarningAction": ("ActionPreference", ["wa"]),
    "InformationAction": ("ActionPreference", ["infa"]),
    "ErrorVariable": ("String", ["ev"]), "WarningVariable": ("String", ["wv"]),
    "InformationVariable": ("String", ["iv"]), "OutVariable": ("String", ["ov"]),
    "OutBuffer": ("Int32", ["ob"]), "PipelineVariable": ("String", ["pv"]),
}

COMMON: dict[str, ParamSig] = {
    n: ParamSig(n, t, t == "SwitchParameter", tuple(a), {ALL_SETS: SetInfo()}, True) for n, (t, a) in _DEFAULT_COMMON.items()
}


class Signatures:
    """All cmdlet signatures by name (case-insensitive)."""

    def __init__(self, doc: dict[str, Any], sources: list[str]):
        self.sources = sources
        common = doc.get("common_parameters") or {}
        for name, raw in common.items():
            COMMON[name] = _param(name, {**raw, "sets": {ALL_SETS: {}}}, common=True)
        self.cmdlets: dict[str, CmdletSig] = {}
        for name, raw in (doc.get("cmdlets") or {}).items():
            params = {pn: _param(pn, pr) for pn, pr in (raw.get("parameters") or {}).items()}
            self.cmdlets[name.lower()] = CmdletSig(
                name=name, module=raw.get("module", ""), default_set=raw.get("default_set") or ALL_SETS,
                params=params, source=raw.get("source", ""))

    def get(self, name: str) -> CmdletSig | None:
        return self.cmdlets.get(name.lower())

    def __contains__(self, name: str) -> bool:
        return name.lower() in self.cmdlets


def _read_docs() -> tuple[dict[str, Any], list[str]]:
    merged = SIGNATURE_DIR / "signatures.json"
    files = [merged] if merged.is_file() else sorted(SIGNATURE_DIR.glob("signatures*.json"))
    doc: dict[str, Any] = {"common_parameters": {}, "cmdlets": {}}
    for f in files:
        try:
            part = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as e:
            raise RuntimeError(f"cannot read cmdlet signatures {f}: {e}; fix or remove the file") from None
        doc["common_parameters"].update(part.get("common_parameters") or {})
        doc["cmdlets"].update(part.get("cmdlets") or {})
    return doc, [str(f) for f in files]


@lru_cache(maxsize=1)
def signatures() -> Signatures:
    doc, sources = _read_docs()
    return Signatures(doc, sources)


def script_signature(name: str, params: list[Any], advanced: bool) -> CmdletSig:
    """A signature for a script block / function from its ``param()`` block."""
    explicit = any(p.position is not None for p in params)
    sig_params: dict[str, ParamSig] = {}
    for i, p in enumerate(params):
        type_name = p.type_name or "Object"
        is_switch = type_name.lower() in ("switch", "switchparameter", "system.management.automation.switchparameter")
        position = p.position if explicit else (None if is_switch else i)
        sig_params[p.name] = ParamSig(
            p.name, type_name, is_switch, tuple(alias for kind, vals in p.validate if kind == "alias" for alias in vals),
            {ALL_SETS: SetInfo(mandatory=p.mandatory, position=position, by_value=p.from_pipeline)})
    return CmdletSig(name=name, params=sig_params, accepts_common=advanced)
