"""Indexing with or into $null on the twin as Windows PowerShell 5.1's index binders do it
(PowerShell's Binders.cs; texts from ParserStrings.resx NullArray and NullArrayIndex)."""

from __future__ import annotations

import pytest

from support.twin_script import ps, out

NULL_INDEX = "Index operation failed; the array index evaluated to null."
NULL_ARRAY = "Cannot index into a null array."


@pytest.mark.parametrize("script, message, error_id", [
    ("$a = 1, 2, 3; $a[$nothing]", NULL_INDEX, "NullArrayIndex"),
    ("$h = @{ a = 1 }; $h[$null]", NULL_INDEX, "NullArrayIndex"),
    ("'abc'[$null]", NULL_INDEX, "NullArrayIndex"),
    ("$a = 1, 2, 3; $a[$null] = 5", NULL_INDEX, "NullArrayIndex"),
    ("$h = @{}; $h[$null] = 5", NULL_INDEX, "NullArrayIndex"),
    ("$n = $null; $n[0]", NULL_ARRAY, "NullArray"),
    ("$n = $null; $n[0] = 1", NULL_ARRAY, "NullArray"),
])
def test_null_index_errors(st, script, message, error_id):
    r = ps(st, script)
    assert r.output == [] and [(e.message, e.error_id) for e in r.errors] == [(message, error_id)]


def test_a_slice_skips_null_indexes(st):
    # "$a[$null,$null] # no error, result is an empty array" (the binder's own comment)
    assert out(st, "$a = 1, 2, 3; @($a[$null, $null]).Count; $a[$null, 1]") == [0, 2]


def test_the_error_stops_only_that_statement(st):
    r = ps(st, "$a = 1, 2; $a[$null]; 'next'")
    assert r.output == ["next"] and r.errors[0].error_id == "NullArrayIndex"
