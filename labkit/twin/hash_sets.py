"""System.Collections.Generic.HashSet[T]'s methods (.NET Framework 4.8).

https://learn.microsoft.com/dotnet/api/system.collections.generic.hashset-1?view=netframework-4.8

Items compare with EqualityComparer<T>.Default (strings ordinally, case-sensitive) after PowerShell's
binder converted the argument to T; the engine's own sets ([PSCmdlet]::CommonParameters) compare names
ignoring case.  The set enumerates in its slot order as .NET's does: an item added after a Remove takes
the last freed slot (HashSet<T>.AddIfNotPresent uses the free list first).
"""

from __future__ import annotations

from typing import Any, Callable

from labkit.twin.dotnet_values import _VOID_MARK, NOT_A_METHOD, GenericHashSet
from labkit.twin.method_overloads import convert_element, count_error, method_exception, not_emulated
from labkit.twin.types import PSType

_HOLE = object()


def construct(t: PSType, args: list[Any]) -> GenericHashSet:
    """``[HashSet[T]]::new()`` and ``::new(collection)``; a comparer or a capacity is refused."""
    elem = t.args[0] if t.args else None
    s = GenericHashSet((), elem)
    if not args:
        return s
    if len(args) == 1 and isinstance(args[0], list):
        for v in args[0]:
            _add(s, _element(s, "new", "collection", v))
        return s
    if len(args) == 1 and args[0] is None:
        raise method_exception(".ctor", 1, "System.ArgumentNullException", "Value cannot be null.", "collection")
    raise not_emulated("[HashSet[T]]::new with a comparer or a capacity")


def _element(s: GenericHashSet, method: str, param: str, v: Any) -> Any:
    return convert_element(s.element_type, method, param, v)


def _same(s: GenericHashSet) -> Callable[[Any, Any], bool]:
    from labkit.twin.collection_members import net_equals

    if s.ignore_case:
        return lambda a, b: isinstance(a, str) and isinstance(b, str) and a.lower() == b.lower() or net_equals(a, b)
    return net_equals


def _find(s: GenericHashSet, item: Any) -> int:
    same = _same(s)
    for i, x in enumerate(s.slots):
        if x is not _HOLE and same(x, item):
            return i
    return -1


def _sync(s: GenericHashSet) -> None:
    s[:] = [x for x in s.slots if x is not _HOLE]


def _add(s: GenericHashSet, item: Any) -> bool:
    if _find(s, item) >= 0:
        return False
    if s.free:
        s.slots[s.free.pop()] = item
    else:
        s.slots.append(item)
    _sync(s)
    return True


def _remove(s: GenericHashSet, item: Any) -> bool:
    i = _find(s, item)
    if i < 0:
        return False
    s.slots[i] = _HOLE
    s.free.append(i)
    if all(x is _HOLE for x in s.slots):
        s.slots, s.free = [], []          # HashSet<T>.Remove of the last item resets the slots and the free list
    _sync(s)
    return True


def _other(s: GenericHashSet, name: str, v: Any) -> list[Any]:
    if v is None:
        raise method_exception(name, 1, "System.ArgumentNullException", "Value cannot be null.", "other")
    items = v if isinstance(v, list) else [v]
    return [_element(s, name, "other", x) for x in items]


def call(s: GenericHashSet, name: str, args: list[Any]) -> Any:
    """HashSet[T]'s methods; NOT_A_METHOD for those members.call_method answers (GetType ...)."""
    low, argc = name.lower(), len(args)
    if not hasattr(s, "slots"):
        return NOT_A_METHOD
    if low in ("add", "remove", "contains"):
        if argc != 1:
            raise count_error(name, argc)
        item = _element(s, name, "item", args[0])
        if low == "add":
            return _add(s, item)
        if low == "remove":
            return _remove(s, item)
        return _find(s, item) >= 0
    if low == "clear" and not argc:
        s.slots, s.free = [], []
        _sync(s)
        return _VOID_MARK
    if low in ("unionwith", "intersectwith", "exceptwith", "symmetricexceptwith", "issubsetof", "issupersetof",
               "ispropersubsetof", "ispropersupersetof", "overlaps", "setequals"):
        if argc != 1:
            raise count_error(name, argc)
        other = _other(s, name, args[0])
        return _set_operation(s, low, other)
    if low == "tostring" and not argc:
        elem = s.element_type
        return s.type_name + (f"[{elem.full_name}]" if elem is not None else "")
    if low == "equals" and argc == 1:
        return s is args[0]
    return NOT_A_METHOD


def _set_operation(s: GenericHashSet, low: str, other: list[Any]) -> Any:
    same = _same(s)

    def in_other(x: Any) -> bool:
        return any(same(x, o) for o in other)

    distinct: list[Any] = []
    for o in other:
        if not any(same(o, d) for d in distinct):
            distinct.append(o)
    mine = list(s)
    if low == "unionwith":
        for o in other:
            _add(s, o)
        return _VOID_MARK
    if low == "intersectwith":
        for x in mine:
            if not in_other(x):
                _remove(s, x)
        return _VOID_MARK
    if low == "exceptwith":
        for o in other:
            _remove(s, o)
        return _VOID_MARK
    if low == "symmetricexceptwith":
        # SymmetricExceptWithEnumerable: the other's new items are added as they come, the shared ones removed after
        shared = [o for o in distinct if _find(s, o) >= 0]
        for o in distinct:
            if not any(same(o, x) for x in shared):
                _add(s, o)
        for o in shared:
            _remove(s, o)
        return _VOID_MARK
    sub = all(in_other(x) for x in mine)                     # every item of mine is in other
    sup = all(_find(s, o) >= 0 for o in distinct)            # every item of other is in mine
    if low == "issubsetof":
        return sub
    if low == "issupersetof":
        return sup
    if low == "ispropersubsetof":
        return sub and len(distinct) > len(mine)
    if low == "ispropersupersetof":
        return sup and len(mine) > len(distinct)
    if low == "overlaps":
        return any(in_other(x) for x in mine)
    return sub and sup                                        # setequals
