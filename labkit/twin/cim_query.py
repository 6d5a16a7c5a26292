"""The query of a CDXML (CIM-based) Get- cmdlet: filter parameters and the "not found" errors.

Storage, iSCSI, NetAdapter, NetTCPIP and DnsClient cmdlets are generated from CDXML. Each
filter parameter (``Get-NetIPAddress -InterfaceAlias``, ``Get-Disk -Number``) becomes a
property filter of one CIM query; PowerShell's cmdletization then reports the values that
matched nothing (``ClientSideQuery.GenerateNotFoundErrors`` in PowerShell's
src/Microsoft.PowerShell.Commands.Management/cimSupport/cmdletization/cim/clientSideQuery.cs,
texts from resources/CmdletizationResources.resx):

* with one filter parameter, every value that matched no instance and is not a wildcard
  pattern writes ``No MSFT_X objects found with property 'P' equal to 'V'.  Verify the value
  of the property and retry.`` (ObjectNotFound, ``CmdletizationQuery_NotFound_P``, the value
  as target); a wildcard value that matches nothing stays silent;
* with several filter parameters, only a query that returned nothing at all, with a
  non-wildcard value among its filters, writes one error naming the query
  (``No matching MSFT_X objects found by CIM query for instances of the
  ROOT/.../MSFT_X class on the  CIM server: SELECT * FROM MSFT_X  WHERE ...``).

Values compare as Windows does: strings without case, wildcard patterns with 5.1's
``WildcardPattern`` (``*``, ``?``, ``[...]``), numbers and enums by value.
https://learn.microsoft.com/en-us/previous-versions/windows/desktop/wmi_v2/cdxml-overview
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, TypeVar

from labkit.twin.cim_property_types import typed_instance
from labkit.twin.objects import PSEnum, PSObject
from labkit.twin.values import as_list

WILDCARD_CHARS = "*?["
T = TypeVar("T")


def is_wildcard(value: Any) -> bool:
    """Whether ``value`` is a string with a wildcard character (WildcardPattern.ContainsWildcardCharacters)."""
    return isinstance(value, str) and any(c in value for c in WILDCARD_CHARS)


@dataclass
class Filter:
    """One filter parameter: the CIM property it queries and the values given to it."""

    prop: str
    values: list[Any]
    wildcards: bool = True                                  # AllowGlobbing of the CDXML query (string properties)
    read: Callable[[Any], Any] | None = None                # the instance's value, when not ``obj.get(prop)``
    codes: dict[str, int] | None = None                     # an enum property's values by name (WQL compares numbers)
    had_match: list[bool] = field(default_factory=list)

    def value_of(self, obj: Any) -> Any:
        if self.read is not None:
            return self.read(obj)
        return obj.get(self.prop) if isinstance(obj, (PSObject, dict)) else getattr(obj, self.prop)

    def reports(self, value: Any) -> bool:
        """BehaviorOnNoMatch of one value: a wildcard pattern is silent, anything else reports."""
        return not (self.wildcards and is_wildcard(value))

    def matches(self, obj: Any) -> bool:
        actual = self.value_of(obj)
        actuals = actual if isinstance(actual, list) else [actual]
        hit = False
        for i, v in enumerate(self.values):
            if any(value_matches(a, v, self.wildcards) for a in actuals):
                self.had_match[i] = True
                hit = True
        return hit


def value_matches(actual: Any, expected: Any, wildcards: bool) -> bool:
    if actual is None:
        return expected is None
    if isinstance(actual, PSEnum):
        if isinstance(expected, (int, float)) and not isinstance(expected, bool):
            return actual.value == expected
        return str(actual).lower() == str(expected).lower()
    if isinstance(actual, bool) or isinstance(expected, bool):
        return str(actual).lower() == str(expected).lower()
    if isinstance(actual, (int, float)):
        try:
            return float(actual) == float(str(expected))
        except ValueError:
            return False
    text, pattern = str(actual), str(expected)
    if wildcards and is_wildcard(pattern):
        return fnmatch.fnmatchcase(text.lower(), _glob(pattern.lower()))
    return text.lower() == pattern.lower()


def _glob(pattern: str) -> str:
    """A 5.1 wildcard pattern for fnmatch: ``[a-c]`` stays a set, a backtick escapes the next character."""
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if c == "`" and i + 1 < len(pattern):
            out.append("[" + pattern[i + 1] + "]")
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _wql_literal(value: Any) -> str:
    if isinstance(value, PSEnum):
        return str(value.value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return str(value)
    s = str(value).replace("\\", "\\\\").replace("'", "\\'")
    return f"'{s}'"


def _wql_like(value: Any) -> str:
    """CimQuery.WildcardToWqlLikeOperand: ``*`` -> ``%``, ``?`` -> ``_``, WQL's own ``%`` ``_`` ``[`` escaped in brackets."""
    out = []
    for c in str(value):
        out.append({"*": "%", "?": "_", "%": "[%]", "_": "[_]", "[": "[[]", "'": "\\'", "\\": "\\\\"}.get(c, c))
    return "'" + "".join(out) + "'"


def wql_condition(filters: list[Filter]) -> str:
    """The WHERE clause CimQuery builds: one parenthesised condition per filter, joined by AND."""
    parts = []
    for f in filters:
        each = [f"({f.prop} LIKE {_wql_like(v)})" if f.wildcards and isinstance(v, str)
                else f"({f.prop} = {_wql_literal(f.codes.get(str(v).lower(), v) if f.codes else v)})" for v in f.values]
        parts.append("(" + " OR ".join(each) + ")")
    return (" WHERE " + " AND ".join(parts)) if parts else ""


def cim_query(ctx: Any, namespace: str, cim_class: str, instances: Iterable[T], filters: Iterable[Filter | None]) -> list[T]:
    """The instances that pass every filter; writes the not-found errors Windows writes for the rest.

    ``filters`` holds one Filter per filter parameter the caller gave (None for a parameter not given).
    """
    active = [f for f in filters if f is not None and f.values]
    for f in active:
        f.had_match = [False] * len(f.values)
    out = [o for o in instances if all(f.matches(o) for f in active)]
    # HadMatch counts only instances the server returned, i.e. those that pass every filter.
    for f in active:
        f.had_match = [False] * len(f.values)
        for o in out:
            f.matches(o)
    if len(active) == 1:
        f = active[0]
        for v, hit in zip(f.values, f.had_match):
            if not hit and f.reports(v):
                ctx.error(f"No {cim_class} objects found with property '{f.prop}' equal to '{v}'.  Verify the value of the property and retry.",
                          "ObjectNotFound", v, f"CmdletizationQuery_NotFound_{f.prop}")
    elif len(active) > 1 and not out and any(f.reports(v) for f in active for v in f.values):
        query = f"SELECT * FROM {cim_class} {wql_condition(active)}"
        ctx.error(f"No matching {cim_class} objects found by CIM query for instances of the {namespace}/{cim_class} class on the  CIM server: "
                  f"{query}. Verify query parameters and retry.", "ObjectNotFound", None, "CmdletizationQuery_NotFound")
    return [typed_instance(o) for o in out]     # each number as the class declares it (UInt64 sizes ...)


def given(args: dict[str, Any], parameter: str, prop: str | None = None, *, wildcards: bool = True,
          read: Callable[[Any], Any] | None = None, convert: Callable[[Any], Any] | None = None,
          codes: dict[str, int] | None = None) -> Filter | None:
    """The Filter of parameter ``parameter`` if the caller gave it (its CIM property ``prop``, default the same name)."""
    if parameter not in args or args[parameter] is None:
        return None
    values = [convert(v) if convert else v for v in as_list(args[parameter])]
    return Filter(prop or parameter, values, wildcards=wildcards, read=read, codes={k.lower(): v for k, v in codes.items()} if codes else None)
