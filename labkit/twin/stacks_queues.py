"""System.Collections.Stack / Queue and System.Collections.Generic.Stack[T] / Queue[T] (.NET Framework 4.8).

- https://learn.microsoft.com/dotnet/api/system.collections.generic.stack-1?view=netframework-4.8
- https://learn.microsoft.com/dotnet/api/system.collections.generic.queue-1?view=netframework-4.8
- https://learn.microsoft.com/dotnet/api/system.collections.stack?view=netframework-4.8
- https://learn.microsoft.com/dotnet/api/system.collections.queue?view=netframework-4.8

Each is a Python list in the order .NET enumerates it (a stack from its top, a queue from its front), so
the pipeline unrolls it as Windows does.  They have no indexer: PowerShell's GetIndex binder answers
``$s[0]`` and ``$s[-1]`` with the collection itself and any other index with nothing (ArrayOps.GetNonIndexable).
"""

from __future__ import annotations

from typing import Any

from labkit.twin.dotnet_values import _VOID_MARK, NOT_A_METHOD
from labkit.twin.method_overloads import convert_element, count_error, method_exception
from labkit.twin.types import PSType


class _LinearCollection(list):
    __slots__ = ("element_type",)
    type_name = ""

    def __init__(self, items: Any = (), element_type: PSType | None = None):
        super().__init__(items)
        self.element_type = element_type

    def index_by_key(self, key: Any) -> Any:
        return self if key in (0, -1) and not isinstance(key, bool) else None


class Stack(_LinearCollection):
    __slots__ = ()
    type_name = "System.Collections.Stack"


class Queue(_LinearCollection):
    __slots__ = ()
    type_name = "System.Collections.Queue"


class GenericStack(Stack):
    __slots__ = ()
    type_name = "System.Collections.Generic.Stack`1"


class GenericQueue(Queue):
    __slots__ = ()
    type_name = "System.Collections.Generic.Queue`1"


_STACK_PROPS = {"count", "issynchronized", "syncroot"}
_QUEUE_PROPS = _STACK_PROPS
_OBJECT = {"equals", "gethashcode", "gettype", "tostring"}
_STACK_METHODS = _OBJECT | {"clear", "clone", "contains", "copyto", "getenumerator", "peek", "pop", "push", "toarray", "trimexcess"}
_QUEUE_METHODS = _OBJECT | {"clear", "clone", "contains", "copyto", "dequeue", "enqueue", "getenumerator", "peek", "toarray",
                            "trimexcess", "trimtosize"}


def members(obj: Any) -> tuple[set[str], set[str]] | None:
    if isinstance(obj, Stack):
        return _STACK_PROPS, _STACK_METHODS - ({"clone"} if isinstance(obj, GenericStack) else {"trimexcess"})
    if isinstance(obj, Queue):
        return _QUEUE_PROPS, _QUEUE_METHODS - ({"clone", "trimtosize"} if isinstance(obj, GenericQueue) else {"trimexcess"})
    return None


def construct(t: PSType, args: list[Any]) -> Any:
    """``[Stack[T]]::new()`` / ``::new(capacity)`` / ``::new(collection)``; None when ``t`` is not one of these."""
    kinds = {"System.Collections.Stack": Stack, "System.Collections.Queue": Queue,
             "System.Collections.Generic.Stack`1": GenericStack, "System.Collections.Generic.Queue`1": GenericQueue}
    cls = kinds.get(t.full_name)
    if cls is None:
        return None
    elem = t.args[0] if t.args else None
    if len(args) > (2 if cls is Queue else 1):
        raise count_error("new", len(args))
    if args and isinstance(args[0], list):
        obj = cls((), elem)
        for v in args[0]:      # the collection's items pushed / enqueued in its order
            _put(obj, _element(obj, "new", v))
        return obj
    if args and args[0] is None:
        raise method_exception(".ctor", 1, "System.ArgumentNullException", "Value cannot be null.", "collection")
    return cls((), elem)       # a capacity (and a Queue's growth factor) change nothing the twin shows


def _element(obj: _LinearCollection, method: str, v: Any) -> Any:
    return convert_element(obj.element_type, method, "item", v)


def _put(obj: _LinearCollection, v: Any) -> None:
    if isinstance(obj, Stack):
        obj.insert(0, v)
    else:
        obj.append(v)


def call(obj: _LinearCollection, name: str, args: list[Any]) -> Any:
    """Stack's and Queue's methods; NOT_A_METHOD for the others."""
    from labkit.twin.collection_members import net_equals

    low, argc = name.lower(), len(args)
    put, take = ("push", "pop") if isinstance(obj, Stack) else ("enqueue", "dequeue")
    if low == put:
        if argc != 1:
            raise count_error(name, argc)
        _put(obj, _element(obj, name, args[0]))
        return _VOID_MARK
    if low in (take, "peek"):
        if argc:
            raise count_error(name, argc)
        if not obj:
            raise method_exception(name, 0, "System.InvalidOperationException",
                                   "Stack empty." if isinstance(obj, Stack) else "Queue empty.")
        return obj.pop(0) if low == take else obj[0]
    if low == "contains":
        if argc != 1:
            raise count_error(name, argc)
        item = _element(obj, name, args[0])
        return any(net_equals(x, item) for x in obj)
    if low == "clear" and not argc:
        obj.clear()
        return _VOID_MARK
    if low == "toarray" and not argc:
        from labkit.twin.dotnet_values import TypedArray
        return TypedArray(obj, obj.element_type) if obj.element_type is not None else list(obj)
    if low == "clone" and not argc and type(obj) in (Stack, Queue):
        return type(obj)(obj)
    if low in ("trimexcess", "trimtosize") and not argc:
        return _VOID_MARK      # only the capacity changes, which nothing shows
    if low == "equals" and argc == 1:
        return obj is args[0]
    if low == "tostring" and not argc:
        return obj.type_name + (f"[{obj.element_type.full_name}]" if obj.element_type is not None else "")
    return NOT_A_METHOD
