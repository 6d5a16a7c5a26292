"""``[array]::`` static methods (System.Array, .NET Framework 4.8) that the twin runs: IndexOf, LastIndexOf,
Reverse, Sort (one array), Clear, Copy and Resize (``[ref]``).  The others (BinarySearch, ConvertAll,
Exists, Find ..., Sort with keys or a comparer) are refused as not emulated.

https://learn.microsoft.com/dotnet/api/system.array?view=netframework-4.8

An argument for an ``Array`` parameter that is not an array (an ArrayList, a scalar) is refused: PowerShell
would convert it to a new array first, whose changes the caller never sees.
"""

from __future__ import annotations

import functools
from typing import Any

from labkit.twin.collection_members import _default_of, net_equals
from labkit.twin.dotnet_values import _VOID_MARK, TypedArray
from labkit.twin.method_overloads import count_error, method_exception, not_emulated
from labkit.twin.types import value_type
from labkit.twin.values import compare, to_number

NOT_AN_ARRAY_STATIC = object()

_ARG_NULL = "System.ArgumentNullException"
_ARG_RANGE = "System.ArgumentOutOfRangeException"
_ARG = "System.ArgumentException"
_NON_NEGATIVE = "Non-negative number required."
_OFFSET = ("Offset and length were out of bounds for the array or count is greater than the number of elements from index "
           "to the end of the source collection.")


def _array(name: str, argc: int, v: Any, param: str = "array") -> list:
    if v is None:
        raise method_exception(name, argc, _ARG_NULL, "Value cannot be null.", param)
    if type(v) in (list, TypedArray):
        return v
    # how 5.1 converts an ArrayList or a scalar for an Array parameter is not checked against Windows: refused
    raise not_emulated(f"[array]::{name} with a [{value_type(v).full_name}] for its {param}")


def _int(name: str, v: Any) -> int:
    try:
        return int(to_number(v))
    except Exception:
        raise not_emulated(f"[array]::{name} with a [{value_type(v).full_name}] for an Int32") from None


def _range(name: str, argc: int, arr: list, index: int, length: int) -> None:
    if index < 0 or length < 0:
        raise method_exception(name, argc, _ARG_RANGE, _NON_NEGATIVE, "index" if index < 0 else "length")
    if len(arr) - index < length:
        raise method_exception(name, argc, _ARG, _OFFSET)


def _sort(name: str, argc: int, items: list) -> list:
    """Comparer.Default over the elements: one type compares; two fail (InvalidOperationException)."""
    if len({value_type(x).full_name for x in items if x is not None}) > 1:
        raise method_exception(name, argc, "System.InvalidOperationException", "Failed to compare two elements in the array.")
    return sorted(items, key=functools.cmp_to_key(lambda a, b: compare(a, b, True)))


def call_array_static(name: str, args: list[Any]) -> Any:
    """``[array]::Name(args)``; NOT_AN_ARRAY_STATIC when the twin does not run that method."""
    from labkit.twin.members import VOID

    r = _call(name, args)
    return VOID if r is _VOID_MARK else r


def _call(name: str, args: list[Any]) -> Any:
    low, argc = name.lower(), len(args)
    if low in ("indexof", "lastindexof"):
        if not 2 <= argc <= 4:
            raise count_error(name, argc)
        arr = _array(name, argc, args[0])
        n = len(arr)
        if low == "indexof":
            start = _int(name, args[2]) if argc > 2 else 0
            if not 0 <= start <= n:
                raise method_exception(name, argc, _ARG_RANGE, "Index was out of range. Must be non-negative and less than the "
                                       "size of the collection.", "startIndex")
            count = _int(name, args[3]) if argc > 3 else n - start
            if count < 0 or start + count > n:
                raise method_exception(name, argc, _ARG_RANGE, "Count must be positive and count must refer to a location "
                                       "within the string/array/collection.", "count")
            found = [i for i in range(start, start + count) if net_equals(arr[i], args[1])]
            return found[0] if found else -1
        if argc > 2:
            raise not_emulated(f"[array]::{name} with a start index")
        found = [i for i in range(n) if net_equals(arr[i], args[1])]
        return found[-1] if found else -1
    if low == "reverse":
        if argc not in (1, 3):
            raise count_error(name, argc)
        arr = _array(name, argc, args[0])
        index, length = (_int(name, args[1]), _int(name, args[2])) if argc == 3 else (0, len(arr))
        _range(name, argc, arr, index, length)
        arr[index:index + length] = arr[index:index + length][::-1]
        return _VOID_MARK
    if low == "sort":
        if argc != 1:
            if 2 <= argc <= 5:
                raise not_emulated(f"[array]::Sort with {argc} arguments (keys and items, a range or an IComparer)")
            raise count_error(name, argc)
        arr = _array(name, argc, args[0])
        arr[:] = _sort(name, argc, list(arr))
        return _VOID_MARK
    if low == "clear":
        if argc != 3:
            raise count_error(name, argc)
        arr = _array(name, argc, args[0])
        index, length = _int(name, args[1]), _int(name, args[2])
        if index < 0 or length < 0 or index + length > len(arr):
            raise method_exception(name, argc, "System.IndexOutOfRangeException", "Index was outside the bounds of the array.")
        d = _default_of(arr)
        arr[index:index + length] = [d] * length
        return _VOID_MARK
    if low == "copy":
        if argc not in (3, 5):
            raise count_error(name, argc)
        src = _array(name, argc, args[0], "sourceArray")
        dst = _array(name, argc, args[1 if argc == 3 else 2], "destinationArray")
        si, di = (0, 0) if argc == 3 else (_int(name, args[1]), _int(name, args[3]))
        length = _int(name, args[-1])
        if getattr(dst, "element_type", None) is not None and value_type(dst).full_name != value_type(src).full_name:
            raise not_emulated(f"[array]::Copy between a [{value_type(src).full_name}] and a [{value_type(dst).full_name}]")
        if length < 0:
            raise method_exception(name, argc, _ARG_RANGE, _NON_NEGATIVE, "length")
        if si < 0 or di < 0:
            raise method_exception(name, argc, _ARG_RANGE, "Number must be either non-negative and less than or equal to "
                                   "Int32.MaxValue or -1.", "srcIndex" if si < 0 else "dstIndex")
        if si + length > len(src):
            raise method_exception(name, argc, _ARG, "Source array was not long enough. Check srcIndex and length, and the "
                                   "array's lower bounds.")
        if di + length > len(dst):
            raise method_exception(name, argc, _ARG, "Destination array was not long enough. Check destIndex and length, and "
                                   "the array's lower bounds.")
        dst[di:di + length] = src[si:si + length]
        return _VOID_MARK
    if low == "resize":
        if argc != 2:
            raise count_error(name, argc)
        from labkit.twin.references import PSReference
        ref = args[0]
        if not isinstance(ref, PSReference):
            raise not_emulated("[array]::Resize without a [ref] variable for its array")
        size = _int(name, args[1])
        if size < 0:
            raise method_exception(name, argc, _ARG_RANGE, _NON_NEGATIVE, "newSize")
        old = ref.get("Value")
        if type(old) not in (list, TypedArray):
            raise not_emulated(f"[array]::Resize of a [{value_type(old).full_name if old is not None else 'null'}]")
        items = list(old[:size]) + [_default_of(old)] * max(0, size - len(old))
        ref.set("Value", TypedArray(items, old.element_type) if isinstance(old, TypedArray) else items)
        return _VOID_MARK
    return NOT_AN_ARRAY_STATIC
