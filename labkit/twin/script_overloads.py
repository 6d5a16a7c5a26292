"""Which of a script class's constructors or methods a call runs when several take that many arguments.

about_Classes_Constructors / about_Classes_Methods (5.1) define overloads by parameter types
(``Temperature([float]$Degrees)`` beside ``Temperature([TemperatureScale]$Scale)``); PowerShell chooses among them as
for any .NET method (CoreAdapter.FindBestMethod): each argument is ranked against each parameter type by
LanguagePrimitives.ConversionRank (Identity above Assignable above the numeric conversions above Language, Parse,
Constructor, ToString), an overload with an argument that does not convert at all is out, and of the rest the one
whose earlier arguments rank higher wins (CompareOverloadCandidates: the first argument weighs most).  Two that no
argument separates are "Multiple ambiguous overloads" (ExtendedTypeSystem.MethodAmbiguousException).  The ranks are
labkit.twin.method_overloads' (5.1's values); the rank of a conversion is the twin's reading of it from the
argument's and the parameter's types.
"""

from __future__ import annotations

from typing import Any

from labkit.twin import method_overloads as MO
from labkit.twin.objects import PSEnum, PSObject
from labkit.twin.types import is_instance, resolve, value_type
from labkit.twin.values import PSHashtable, PSRuntimeError

# numeric types in widening order (ConversionRank: an implicit numeric conversion widens)
_WIDTH = {"System.SByte": 1, "System.Byte": 1, "System.Int16": 2, "System.UInt16": 2, "System.Int32": 3,
          "System.UInt32": 3, "System.Int64": 4, "System.UInt64": 4, "System.Single": 5, "System.Double": 6,
          "System.Decimal": 6}


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, (bool, PSEnum))


def rank(engine: Any, type_name: str | None, v: Any) -> int:
    """ConversionRank of the argument ``v`` for a parameter of ``type_name`` (None: untyped, [object])."""
    from labkit.twin.usertypes import ClassType, EnumType, UserObject

    low = (type_name or "object").strip().lower()
    if low in ("object", "system.object", "psobject", "system.management.automation.psobject"):
        return MO.NULL_TO_REF if v is None else MO.ASSIGNABLE
    ut = engine.user_types.get(low) if engine.user_types else None
    if isinstance(ut, EnumType):
        if v is None:
            return MO.NONE
        if isinstance(v, PSEnum):
            return MO.IDENTITY if v.type_name == ut.name else MO.NONE
        if _is_number(v) and isinstance(v, int):
            return MO.LANGUAGE                     # ConvertIntegerToEnum
        return MO.PARSE if isinstance(v, str) else MO.NONE
    if isinstance(ut, ClassType):
        if v is None:
            return MO.NULL_TO_REF
        if isinstance(v, UserObject):
            return MO.IDENTITY if v.cls is ut else MO.ASSIGNABLE if ut.name in v.type_names else MO.NONE
        if isinstance(v, (PSHashtable, PSObject)):
            return MO.LANGUAGE                     # a hashtable: the default constructor and its properties
        from labkit.twin.usertypes import _constructor_for
        return MO.CONSTRUCTOR if _constructor_for(ut, v) is not None else MO.NONE
    t = resolve(type_name or "object")
    if t is None:
        return MO.NONE
    full = t.full_name
    if v is None:
        return MO.NULL_TO_VALUE if "System.ValueType" in t.lineage() else MO.NULL_TO_REF
    vt = value_type(v)
    if vt == t:
        return MO.IDENTITY
    if full == "System.String":
        return MO.NUMERIC_STRING if _is_number(v) else MO.TO_STRING
    if full == "System.Boolean":
        return MO.LANGUAGE
    if full in _WIDTH:
        if _is_number(v):
            a, b = _WIDTH.get(vt.full_name, 6), _WIDTH[full]
            return MO.NUMERIC_IMPLICIT if a < b or (a == b and vt.full_name != full and b >= 5) else MO.NUMERIC_EXPLICIT
        if isinstance(v, str):
            return MO.NUMERIC_STRING
        if isinstance(v, (bool, PSEnum)):
            return MO.ICONVERTIBLE
        return MO.NONE
    if is_instance(v, t):
        return MO.ASSIGNABLE
    from labkit.twin.casts import cast
    try:
        cast(v, t)
    except Exception:       # noqa: BLE001  (any failure: the argument does not convert to this parameter)
        return MO.NONE
    return MO.PARSE


def choose(engine: Any, name: str, methods: list[Any], args: list[Any]) -> Any:
    """The method (S.MethodDef) of ``methods`` (all taking len(args) parameters) a call with ``args`` runs."""
    if len(methods) == 1:
        return methods[0]                          # one method: the arguments convert or fail
    scored = []
    for m in methods:
        ranks = [rank(engine, p.type_name, a) for p, a in zip(m.params, args)]
        if all(r != MO.NONE for r in ranks):
            scored.append((m, ranks))
    if not scored:
        e = PSRuntimeError(f'Cannot find an overload for "{name}" and the argument count: "{len(args)}".', "NotSpecified",
                           "MethodCountCouldNotFindBest")
        e.exception_type = "System.Management.Automation.MethodException"     # type: ignore[attr-defined]
        raise e
    best, ambiguous = scored[0], False
    for c in scored[1:]:
        r = _compare(best[1], c[1])
        if r == 0:
            ambiguous = True
        elif r < 0:
            best, ambiguous = c, False
    if ambiguous:
        e = PSRuntimeError(f'Multiple ambiguous overloads found for "{name}" and the argument count: "{len(args)}".',
                           "NotSpecified", "MethodCountCouldNotFindBest")
        e.exception_type = "System.Management.Automation.MethodException"     # type: ignore[attr-defined]
        raise e
    return best[0]


def _compare(r1: list[int], r2: list[int]) -> int:
    """CompareOverloadCandidates' first rule: > 0 when the first ranks are better, earlier arguments weighing more."""
    better, m = 0, len(r1)
    for a, b in zip(r1, r2):
        if a > b:
            better += m
        elif a < b:
            better -= m
        m -= 1
    return better
