"""Compare-Object as the Windows PowerShell 5.1 reference page describes it
(reference/5.1/Microsoft.PowerShell.Utility/Compare-Object.md)."""

from __future__ import annotations

import pytest

from support.twin_script import ps, out


SHOW = ' | ForEach-Object { "$($_.InputObject) $($_.SideIndicator)" }'


# Example 1: dog, squirrel, bird against cat, bird, racoon gives cat =>, racoon =>, dog <=, squirrel <=.
def test_differences_difference_side_first(st):
    assert out(st, "Compare-Object dog, squirrel, bird cat, bird, racoon" + SHOW) == [
        "cat =>", "racoon =>", "dog <=", "squirrel <="]


# Example 2 and the note "As of PowerShell 7.1, when using the ExcludeDifferent parameter, IncludeEqual is
# inferred": in 5.1 -ExcludeDifferent alone writes nothing.
def test_include_equal_and_exclude_different(st):
    assert out(st, "Compare-Object dog, squirrel, bird cat, bird, racoon -IncludeEqual -ExcludeDifferent" + SHOW) == ["bird =="]
    assert out(st, "Compare-Object dog, squirrel, bird cat, bird, racoon -ExcludeDifferent" + SHOW) == []


def test_strings_compare_case_insensitively_unless_case_sensitive(st):
    assert out(st, "'a', 'B' | Compare-Object 'A', 'b' -IncludeEqual" + SHOW) == ["A ==", "b =="]
    assert out(st, "Compare-Object 'a' 'A' -CaseSensitive" + SHOW) == ["A =>", "a <="]


# -Property: "the cmdlet compares the values of those properties only"; -PassThru: "the instance of the object
# returned has an added NoteProperty named SideIndicator".
def test_property_and_passthru(st):
    assert out(st, """
        $a = [pscustomobject]@{ n = 1; m = 2 }; $b = [pscustomobject]@{ n = 1; m = 3 }
        Compare-Object $a $b -Property n -IncludeEqual | ForEach-Object { "$($_.n) $($_.SideIndicator) $($_.psobject.Properties.Name -join ',')" }
        $p = Compare-Object $a $b -Property m -PassThru
        $p[0].m; $p[0].SideIndicator; $a.SideIndicator
    """) == ["1 == n,SideIndicator", 3, "=>", "<="]


def test_sync_window_zero_compares_position_by_position(st):
    assert out(st, "Compare-Object 1, 2, 3 3, 2, 1 -SyncWindow 0" + SHOW) == ["3 =>", "1 <=", "1 =>", "3 <="]


# "If the reference or the difference objects are null ($null), Compare-Object generates a terminating error."
@pytest.mark.parametrize("script, name", [("Compare-Object $null 1", "ReferenceObject"),
                                          ("Compare-Object 1 $null", "DifferenceObject")])
def test_null_sets_are_refused(st, script, name):
    r = ps(st, script + "; 'after'")
    # a terminating error ends the statement; the script goes on
    assert r.output == ['after'] and r.errors[0].message == f"Cannot bind argument to parameter '{name}' because it is null."


def test_an_empty_set_leaves_the_other_side(st):
    assert out(st, "Compare-Object @() 1, 2" + SHOW) == ["1 =>", "2 =>"]


def test_a_negative_sync_window_is_refused(st):
    r = ps(st, "Compare-Object 1 2 -SyncWindow -1")
    assert r.output == [] and r.errors[0].error_id == "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.CompareObjectCommand"
