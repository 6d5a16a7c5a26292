"""Measure-Object and Select-Object as Windows PowerShell 5.1 has them.

https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/measure-object?view=powershell-5.1
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/select-object?view=powershell-5.1
"""

from __future__ import annotations

from support.twin_script import ps, out


def test_sum_average_are_doubles_and_min_max_of_numbers(st):
    assert out(st, "$m = 1, 2, 3, 4 | Measure-Object -Sum -Average -Maximum -Minimum; "
                   "$m.Count; $m.Sum; $m.Average; $m.Maximum; $m.Minimum; $m.Sum.GetType().Name; $m.GetType().Name") == [
        4, 10, 2.5, 4, 1, "Double", "GenericMeasureInfo"]


# "Measure-Object -MAX -MIN should work with ANYTHING that supports CompareTo": strings give the strings themselves.
def test_maximum_and_minimum_of_strings(st):
    assert out(st, "$m = 'pear', 'apple', 'plum' | Measure-Object -Maximum -Minimum; $m.Maximum; $m.Minimum; "
                   "$m.GetType().Name") == ["plum", "apple", "GenericObjectMeasureInfo"]


# Example "Measure text in a text file": -Line -Word -Character, and -IgnoreWhiteSpace.
def test_text_measure(st):
    assert out(st, "$t = \"one two`nthree\", 'four' | Measure-Object -Line -Word -Character; $t.Lines; $t.Words; $t.Characters; "
                   "$t.GetType().Name; ('a b c' | Measure-Object -Character -IgnoreWhiteSpace).Characters") == [
        3, 4, 17, "TextMeasureInfo", 3]


def test_text_measure_of_a_file(st):
    assert out(st, r"Set-Content C:\Windows\Temp\m.txt -Value 'alpha beta', 'gamma'; "
                   r"(Get-Content C:\Windows\Temp\m.txt | Measure-Object -Line -Word).Words") == [3]


# -Property: "Accept wildcard characters: True"; one result per property that matched.
def test_property_wildcards(st):
    assert out(st, "[pscustomobject]@{ A1 = 1; A2 = 2; B = 3 }, [pscustomobject]@{ A1 = 10; A2 = 20; B = 30 } | "
                   "Measure-Object -Property A* -Sum | ForEach-Object { '{0}={1}' -f $_.Property, $_.Sum }") == ["A1=11", "A2=22"]


def test_string_length_property(st):
    assert out(st, "('abc', 'de' | Measure-Object -Property Length -Sum).Sum") == [5]


# $null input objects are not counted; a property no object has is a non-terminating error (the rest still runs).
def test_nulls_are_not_counted_and_missing_property_is_not_terminating(st):
    assert out(st, "(1, $null, 2 | Measure-Object).Count") == [2]
    r = ps(st, "1, 2 | Measure-Object -Property Nope -Sum; 'after'")
    assert r.output == ["after"]
    assert r.errors[0].message == 'The property "Nope" cannot be found in the input for any objects.'


# A value that is not numeric is an error for -Sum, and the Sum stays empty (not a silent 0).
def test_non_numeric_input(st):
    r = ps(st, "$m = 1, 'x', 3 | Measure-Object -Sum; $null -eq $m.Sum; $m.Count")
    assert r.output == [True, 3] and r.errors[0].message == 'Input object "x" is not numeric.'


def test_5_1_has_no_allstats(st):
    assert "'AllStats'" in ps(st, "1 | Measure-Object -AllStats").error_text


# Select-Object skips $null input objects.
def test_select_object_skips_null_input(st):
    assert out(st, "@(1, $null, 2 | Select-Object).Count; @($null | Select-Object -Property Name).Count") == [2, 0]


def test_select_object_empty_script_block_without_name(st):
    r = ps(st, "'bar', 'baz' | Select-Object -Property {}")
    assert r.output == [] and r.errors[0].message == "A property is an empty script block and does not provide a name."


# -First: once it has its objects, 5.1 stops the commands before it in the pipeline (they produce no more).
def test_select_first_stops_upstream(st):
    r = ps(st, "1..5 | ForEach-Object { Write-Host \"saw $_\"; $_ } | Select-Object -First 2; "
               "1..5 | Select-Object -First 2 -Skip 1; 'after'")
    assert r.output == [1, 2, 2, 3, "after"] and r.host_output == ["saw 1", "saw 2"]


# Select-Object's First, Last, Skip, SkipLast and Index take no negative numbers ([ValidateRange(0, int.MaxValue)]).
def test_select_object_counts_are_not_negative(st):
    r = ps(st, "1..3 | Select-Object -First -1")
    assert r.output == [] and r.errors[0].message.startswith(
        "Cannot validate argument on parameter 'First'. The -1 argument is less than the minimum allowed range of 0.")
    assert "'Index'" in ps(st, "1..3 | Select-Object -Index 0, -1").errors[0].message


# -Wait: "turns off optimization ... Select-Object ... runs the command on all objects": the upstream runs on.
def test_select_first_wait_lets_upstream_run(st):
    r = ps(st, "1..4 | ForEach-Object { Write-Host \"saw $_\"; $_ } | Select-Object -First 1 -Wait")
    assert r.output == [1] and r.host_output == ["saw 1", "saw 2", "saw 3", "saw 4"]
