"""``$x[...]`` as 5.1 indexes (about_Arrays, 5.1:
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_arrays?view=powershell-5.1, and
about_Hash_Tables): arrays and strings by position (negative from the end, several at once), dictionaries by key,
and a value without an indexer only by [0] / [-1]."""

from __future__ import annotations

from support.twin_script import out, ps


def test_dictionaries_by_key_and_by_several_keys(st):
    script = """
$h = @{ Hello = 'There'; a = 1; b = 2 }
$h['Hello']
$h['Hello There'] -eq $null
($h['a', 'b']) -join ','
$o = [ordered]@{ x = 1; y = 2 }
$o['y']; $o[0]
"""
    assert out(st, script) == ["There", True, "1,2", 2, 1]


def test_arrays_and_strings_by_position(st):
    script = """
$a = 0, 1, 2, 3, 4
$a[-1]; ($a[1..3]) -join ','; ($a[-1..-2]) -join ','; ($a[0, -1]) -join ','; $a[1.6]
'abc'[0]; 'abc'[-1]; ('abc'[0, 2]) -join ''; 'abc'[5] -eq $null
"""
    assert out(st, script) == [4, "1,2,3", "4,3", "0,4", 2, "a", "c", "ac", True]


def test_a_value_without_an_indexer(st):
    # ArrayOps.GetNonIndexable: [0] and [-1] are the value, anything else nothing; a property is not an index
    script = """
$o = [pscustomobject]@{ a = 1 }
$o[0].a; $o[-1].a; $o['0'].a
$x = $o['a']; $x -eq $null
$y = $o[0, 1]; $y -eq $null
(5)[0]; $z = (5)[1]; $z -eq $null
"""
    assert out(st, script) == [1, 1, 1, True, True, 5, True]


def test_strict_mode_2_refuses_the_index(st):
    r = ps(st, "Set-StrictMode -Version 2; $o = [pscustomobject]@{ a = 1 }; $o['a']")
    assert r.errors[0].message == "Unable to index into an object of type System.Management.Automation.PSCustomObject."
