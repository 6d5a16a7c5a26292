"""Tee-Object and Get-Unique as their Windows PowerShell 5.1 pages describe them.

https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/tee-object?view=powershell-5.1
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/get-unique?view=powershell-5.1
"""

from __future__ import annotations

from support.twin_script import ps, out


# Tee-Object "stores the output in a file or variable and also sends it down the pipeline" (Example 2).
def test_tee_to_a_variable_and_down_the_pipeline(st):
    assert out(st, "$r = 'a', 'b', 'c' | Tee-Object -Variable tv | ForEach-Object { $_.ToUpper() }; "
                   "$r -join ','; $tv -join ','; $tv.GetType().FullName") == ["A,B,C", "a,b,c", "System.Object[]"]


# One object: the variable holds it (Set-Variable's single value), not a one-element array.
def test_tee_one_object_and_none(st):
    assert out(st, "$true | tee -Variable b; $b.GetType().Name; @() | Tee-Object -Variable none; $null -eq $none") == [
        True, "Boolean", True]


def test_tee_to_a_file_and_append(st):
    assert out(st, r"""
        $f = 'C:\Windows\Temp\tee.txt'
        $r = '1', '2', '3' | Tee-Object -FilePath $f
        $r.Length; Get-Content $f
        '4' | Tee-Object $f -Append | Out-Null
        (Get-Content $f) -join ','
        'x' | Tee-Object -LiteralPath $f | Out-Null
        (Get-Content $f) -join ','
    """) == [3, "1", "2", "3", "1,2,3,4", "x"]


# The file gets what Out-File writes: the formatted objects, not their ToString().
def test_tee_file_holds_the_formatted_view(st):
    text = out(st, r"[pscustomobject]@{ Name = 'n1'; Size = 5 } | Tee-Object C:\Windows\Temp\t2.txt | Out-Null; "
                   r"Get-Content C:\Windows\Temp\t2.txt -Raw")[0]
    assert [line.split() for line in text.splitlines() if line.strip()] == [["Name", "Size"], ["----", "----"], ["n1", "5"]]


# -InputObject "is treated as a single object even if the value is a collection".
def test_tee_input_object_is_one_object(st):
    assert out(st, "$r = @(Tee-Object -InputObject (1, 2, 3) -Variable v); $r.Count; $v.Count") == [1, 3]


def test_tee_needs_a_target_and_an_existing_folder(st):
    r = ps(st, r"'x' | Tee-Object -FilePath C:\NoSuchFolder\f.txt")
    assert r.output == [] and "Could not find a part of the path" in r.error_text
    r = ps(st, "'x' | Tee-Object -Variable v -FilePath C:\\f.txt")
    assert "Parameter set cannot be resolved" in r.error_text


# -FilePath: "Wildcard characters are permitted, but must resolve to a single file" (Out-File's rule, which 5.1
# applies: no match and several matches are errors, before any object is written).
def test_tee_wildcard_file_path(st):
    assert out(st, r"Set-Content C:\Windows\Temp\one.log a; 'x' | Tee-Object C:\Windows\Temp\one.l?g | Out-Null; "
                   r"Get-Content C:\Windows\Temp\one.log") == ["x"]
    r = ps(st, r"'y' | Tee-Object -FilePath C:\Windows\Temp\*.nothing")
    assert r.output == [] and r.errors[0].message == (
        "Cannot perform operation because the wildcard path C:\\Windows\\Temp\\*.nothing did not resolve to a file.")
    r = ps(st, r"Set-Content C:\Windows\Temp\two.log b; 'z' | Tee-Object C:\Windows\Temp\*.log")
    assert r.output == [] and "resolved to more than one file" in r.errors[0].message


# Out-File takes the same rule (it wrote a file named '*.txt').
# https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/out-file?view=powershell-5.1
def test_out_file_wildcard_path(st):
    r = ps(st, r"'y' | Out-File C:\Windows\Temp\*.none; @(Get-ChildItem C:\Windows\Temp -Filter '*.none').Count")
    assert r.output == [0] and "did not resolve to a file" in r.errors[0].message


# Get-Unique, Example 2: "1,1,1,1,12,23,4,5,4643,5,3,3,3,3,3,3,3 | Sort-Object | Get-Unique".
def test_get_unique_of_sorted_integers(st):
    assert out(st, "1,1,1,1,12,23,4,5,4643,5,3,3,3,3,3,3,3 | Sort-Object | Get-Unique") == [1, 3, 4, 5, 12, 23, 4643]


# "The list must be sorted": only neighbours are compared; "Get-Unique is case-sensitive".
def test_get_unique_compares_neighbours_case_sensitively(st):
    assert out(st, "1, 2, 1, 1 | Get-Unique") == [1, 2, 1]
    assert out(st, "'aa', 'aa', 'Aa', 'ba', 'BA', 'BA' | Get-Unique -AsString") == ["aa", "Aa", "ba", "BA"]
    assert out(st, "'aa', 'aa', 'Aa' | Get-Unique") == ["aa", "Aa"]


# -AsString: "Without this parameter, data is treated as an object ... it returns just one (the first)" (Example 4):
# custom objects are not comparable and their ToString() is empty.
def test_get_unique_objects_versus_as_string(st):
    assert out(st, "$o = [pscustomobject]@{ P = 'a' }, [pscustomobject]@{ P = 'b' }; @($o | Get-Unique).Count; "
                   "@($o | Select-Object -ExpandProperty P | Get-Unique -AsString).Count") == [1, 2]


# -OnType: "returns only one object of each type".
def test_get_unique_on_type(st):
    assert out(st, "1, 2, 'a', 'b', 3 | Get-Unique -OnType") == [1, "a", 3]


# -InputObject: "input submitted by using InputObject is always returned unchanged".
def test_get_unique_input_object_unchanged(st):
    assert out(st, "$r = Get-Unique -InputObject (1, 1, 2); $r.GetType().FullName; $r.Count") == ["System.Object[]", 3]


def test_get_unique_sets_do_not_mix_and_no_case_insensitive_in_5_1(st):
    assert "Parameter set cannot be resolved" in ps(st, "1 | Get-Unique -AsString -OnType").error_text
    assert "'CaseInsensitive'" in ps(st, "1 | Get-Unique -CaseInsensitive").error_text


# Set-Variable (what Tee-Object -Variable uses): values piped in with -Name are collected and set at the end.
# https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/set-variable?view=powershell-5.1
def test_set_variable_collects_piped_values(st):
    assert out(st, "1, 2, 3 | Set-Variable -Name x; $x.GetType().Name; $x -join ','; 'one' | Set-Variable y; $y; "
                   "7 | Set-Variable -Name w -Value 8; $w; @() | Set-Variable -Name v; $null -eq $v") == [
        "Object[]", "1,2,3", "one", 8, True]


def test_set_variable_name_from_the_pipeline_is_refused(st):
    r = ps(st, "[pscustomobject]@{ Name = 'q'; Value = 3 } | Set-Variable")
    assert r.errors[0].message.endswith("is not emulated by the labkit twin")
