"""Sort-Object as Windows PowerShell 5.1 sorts: .NET's List<T>.Sort (introspective, unstable), $null against
numbers as LanguagePrimitives.Compare orders it, and the Ascending/Descending keys of a property hashtable.

https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/sort-object?view=powershell-5.1
https://learn.microsoft.com/en-us/dotnet/api/system.collections.generic.list-1.sort?view=netframework-4.8
"""

from __future__ import annotations

import random
from functools import cmp_to_key

from labkit.twin import net_sort
from support.twin_script import out

EMPLOYEES = ("$e1 = [pscustomobject]@{ First = 'john'; Last = 'smith'; Years = 5 }; "
             "$e2 = [pscustomobject]@{ First = 'joesph'; Last = 'smith'; Years = 15 }; "
             "$e3 = [pscustomobject]@{ First = 'john'; Last = 'smyth'; Years = 12 }; $all = $e1, $e2, $e3; ")


def test_introsort_sorts_like_sorted():
    rng = random.Random(7)
    for n in (0, 1, 2, 3, 5, 16, 17, 40, 300):
        data = [rng.randint(0, 20) for _ in range(n)]
        got = list(data)
        net_sort.introsort(got, lambda a, b: (a > b) - (a < b))
        assert got == sorted(data)


def test_introsort_heapsort_path_sorts():
    data = list(range(200, 0, -1))
    net_sort._intro(data, 0, len(data) - 1, 0, lambda a, b: (a > b) - (a < b))   # depth limit reached at once
    assert data == sorted(data)


# Three items: .NET compares (0,1), (0,2), (1,2) and swaps, so equal keys can change places.
def test_equal_keys_keep_dotnets_order():
    items = [("smith", 1), ("smith", 2), ("smyth", 3)]
    net_sort.introsort(items, lambda a, b: -((a[0] > b[0]) - (a[0] < b[0])))     # descending by name
    assert items == [("smyth", 3), ("smith", 2), ("smith", 1)]
    assert items != sorted([("smith", 1), ("smith", 2), ("smyth", 3)], key=cmp_to_key(lambda a, b: -((a[0] > b[0]) - (a[0] < b[0]))))


# -Unique keeps the first of each run of equal objects, in the sorted order.
def test_sort_descending_unique_in_dotnets_order(st):
    assert out(st, EMPLOYEES + "($all | Sort-Object -Property Last -Descending -Unique | ForEach-Object First) -join ','") == [
        "john,joesph"]


# $null against numbers: below 0 and the positive numbers, above the negative ones.
def test_null_sorts_between_negative_and_non_negative_numbers(st):
    assert out(st, "$o = [pscustomobject]@{ N = 'eight'; Y = 8 }, [pscustomobject]@{ N = 'null'; Y = $null }, "
                   "[pscustomobject]@{ N = 'minus'; Y = -2 }, [pscustomobject]@{ N = 'one'; Y = 1 }; "
                   "($o | Sort-Object Y | ForEach-Object N) -join ','") == ["minus,null,one,eight"]


# A hashtable's Ascending and Descending that say the same thing contradict each other: both are ignored.
def test_conflicting_order_keys_are_ignored(st):
    assert out(st, EMPLOYEES + "$h = @{ e = 'Years'; descending = $false; ascending = $false }; "
                               "($all | Sort-Object -Property $h -Descending | ForEach-Object Years) -join ','; "
                               "$h = @{ e = 'Years'; descending = $false; ascending = $true }; "
                               "($all | Sort-Object -Property $h -Descending | ForEach-Object Years) -join ','") == [
        "15,12,5", "5,12,15"]


# -Culture: the servers' en-US is what these cmdlets compare with; another culture is refused, not ignored.
def test_culture_parameter(st):
    assert out(st, "('b', 'a' | Sort-Object -Culture en-US) -join ','; ('a', 'A' | Group-Object -Culture (Get-Culture).Name).Count; "
                   "@(Compare-Object a b -Culture 'en-US').Count") == ["a,b", 2, 2]
    from support.twin_script import ps
    r = ps(st, "'b', 'a' | Sort-Object -Culture tr-TR")
    assert r.output == [] and r.errors[0].message.endswith("is not emulated by the labkit twin")
