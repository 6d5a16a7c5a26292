"""Sorting as .NET Framework 4.x sorts a List<T> with a comparer (what Sort-Object does in Windows PowerShell 5.1).

``List<T>.Sort(IComparer<T>)`` runs ArraySortHelper<T>'s introspective sort, which is not stable: objects that
compare equal can come out in another order than they came in (three equal keys and a smaller one can swap),
and Sort-Object -Unique then keeps the first of each run of equal objects in that order.  Admins see that
order, so the twin sorts with the same algorithm: insertion sort up to 16 items (2 and 3 items by
compare-and-swap), median-of-three quicksort partitions above, heapsort past the depth limit.

https://learn.microsoft.com/en-us/dotnet/api/system.collections.generic.list-1.sort?view=netframework-4.8
("This method uses the Array.Sort method, which applies the introspective sort ... this implementation
performs an unstable sort; that is, if two elements are equal, their order might not be preserved")
The steps are those of the reference source's ArraySortHelper<T> (IntroSort, PickPivotAndPartition,
Heapsort, DownHeap, InsertionSort, SwapIfGreater) for .NET Framework 4.5 and later.
"""

from __future__ import annotations

from typing import Callable, TypeVar

T = TypeVar("T")
Compare = Callable[[T, T], int]

_SIZE_THRESHOLD = 16


def _floor_log2(n: int) -> int:
    # IntrospectiveSortUtilities.FloorLog2 counts the bits of n
    result = 0
    while n >= 1:
        result += 1
        n //= 2
    return result


def introsort(keys: list[T], cmp: Compare) -> None:
    """Sort ``keys`` in place as Array.Sort(keys, comparer) does."""
    if len(keys) < 2:
        return
    _intro(keys, 0, len(keys) - 1, 2 * _floor_log2(len(keys)), cmp)


def _swap_if_greater(keys: list[T], cmp: Compare, a: int, b: int) -> None:
    if a != b and cmp(keys[a], keys[b]) > 0:
        keys[a], keys[b] = keys[b], keys[a]


def _intro(keys: list[T], lo: int, hi: int, depth: int, cmp: Compare) -> None:
    while hi > lo:
        size = hi - lo + 1
        if size <= _SIZE_THRESHOLD:
            if size == 2:
                _swap_if_greater(keys, cmp, lo, hi)
            elif size == 3:
                _swap_if_greater(keys, cmp, lo, hi - 1)
                _swap_if_greater(keys, cmp, lo, hi)
                _swap_if_greater(keys, cmp, hi - 1, hi)
            else:
                _insertion(keys, lo, hi, cmp)
            return
        if depth == 0:
            _heapsort(keys, lo, hi, cmp)
            return
        depth -= 1
        p = _partition(keys, lo, hi, cmp)
        _intro(keys, p + 1, hi, depth, cmp)
        hi = p - 1


def _partition(keys: list[T], lo: int, hi: int, cmp: Compare) -> int:
    middle = lo + ((hi - lo) >> 1)
    _swap_if_greater(keys, cmp, lo, middle)
    _swap_if_greater(keys, cmp, lo, hi)
    _swap_if_greater(keys, cmp, middle, hi)
    pivot = keys[middle]
    keys[middle], keys[hi - 1] = keys[hi - 1], keys[middle]
    left, right = lo, hi - 1
    while left < right:
        left += 1
        while cmp(keys[left], pivot) < 0:
            left += 1
        right -= 1
        while cmp(pivot, keys[right]) < 0:
            right -= 1
        if left >= right:
            break
        keys[left], keys[right] = keys[right], keys[left]
    keys[left], keys[hi - 1] = keys[hi - 1], keys[left]
    return left


def _heapsort(keys: list[T], lo: int, hi: int, cmp: Compare) -> None:
    n = hi - lo + 1
    for i in range(n >> 1, 0, -1):
        _down_heap(keys, i, n, lo, cmp)
    for i in range(n, 1, -1):
        keys[lo], keys[lo + i - 1] = keys[lo + i - 1], keys[lo]
        _down_heap(keys, 1, i - 1, lo, cmp)


def _down_heap(keys: list[T], i: int, n: int, lo: int, cmp: Compare) -> None:
    d = keys[lo + i - 1]
    while i <= n >> 1:
        child = 2 * i
        if child < n and cmp(keys[lo + child - 1], keys[lo + child]) < 0:
            child += 1
        if not cmp(d, keys[lo + child - 1]) < 0:
            break
        keys[lo + i - 1] = keys[lo + child - 1]
        i = child
    keys[lo + i - 1] = d


def _insertion(keys: list[T], lo: int, hi: int, cmp: Compare) -> None:
    for i in range(lo, hi):
        j = i
        t = keys[i + 1]
        while j >= lo and cmp(t, keys[j]) < 0:
            keys[j + 1] = keys[j]
            j -= 1
        keys[j + 1] = t
