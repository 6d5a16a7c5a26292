"""A foreach over a dictionary's Keys or Values that changes the dictionary fails as 5.1 fails it: .NET's
enumerator throws "Collection was modified" at its next step and PowerShell reports BadEnumeration
(MiscOps.MoveNext; ParserStrings.resx BadEnumeration)."""

from __future__ import annotations

import pytest

from support.twin_script import ps, out

MESSAGE = ("An error occurred while enumerating through a collection: Collection was modified; "
           "enumeration operation may not execute..")


@pytest.mark.parametrize("script", [
    "$h = @{a = 1; b = 2}; foreach ($k in $h.Keys) { $h[$k] = 0 }",           # an overwrite counts (.NET Framework)
    "$h = @{a = 1; b = 2}; foreach ($k in $h.Keys) { $h.Remove($k) }",
    "$h = @{a = 1}; foreach ($v in $h.Values) { $h.b = 2 }",                  # the last pass's change fails too
    "$o = [ordered]@{a = 1; b = 2}; foreach ($k in $o.Keys) { $o[$k] = 0 }",
])
def test_changing_a_dictionary_while_enumerating_it(st, script):
    r = ps(st, script + "; 'next statement'")
    assert [(e.message, e.error_id) for e in r.errors] == [(MESSAGE, "BadEnumeration")]
    assert r.output == ["next statement"]


@pytest.mark.parametrize("script, expected", [
    ("$h = @{a = 1; b = 2}; foreach ($k in @($h.Keys)) { $h[$k] = 0 }; $h.a + $h.b", [0]),          # the usual fix
    ("$h = @{a = 1; b = 2}; foreach ($k in $h.Keys) { $h[$k] = 9; break }; $h.Count", [2]),        # no next step
    ("$h = @{a = 1; b = 2}; $n = 0; foreach ($k in $h.Keys) { $n += $h[$k] }; $n", [3]),           # reading is fine
    ("$h = @{a = 1}; $g = @{}; foreach ($k in $h.Keys) { $g[$k] = 1 }; $g.Count", [1]),            # another table
])
def test_what_still_runs(st, script, expected):
    assert out(st, script) == expected
