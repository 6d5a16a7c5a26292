"""$null is one object; AutomationNull.Value ("nothing was written") is none.

The expected answers are Windows PowerShell 5.1's, each with where it is written:

- ABOUT_NULL: about_Automatic_Variables 5.1, $null ("If you pipe the $null variable to the ForEach-Object
  cmdlet, it generates a value for $null, just as it does for the other objects")
  https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_automatic_variables?view=powershell-5.1
- DEEP_DIVE: "Everything you wanted to know about $null", Enumerable null, Pipeline and foreach ("You can pipe a
  $null value but not an enumerable null value"; "foreach ... doesn't enumerate over a $null collection ... since 3.0";
  "@($nothing).Count is 0"; a function parameter receives $null)
  https://learn.microsoft.com/powershell/scripting/learn/deep-dives/everything-about-null
- BOOLEANS: about_Booleans 5.1 ("AutomationNull ... is always $false")
- SOURCE: PowerShell's engine (mirror commit 929903692e, the same in 5.1's 60b3b304f2): PipelineOps.PipelineResult gives AutomationNull.Value for an
  empty result (MiscOps.cs), the assignment stores it, PSPipeWriterBinder drops it (Binders.cs), a void method and a
  [void] cast give it (Compiler.cs); Array.Tests.ps1 checks @([AutomationNull]::Value) and @([object[]]...).
"""

from __future__ import annotations

import pytest

from support.twin_script import out, ps

AN = "[System.Management.Automation.Internal.AutomationNull]::Value"

# script, expected output, where 5.1's answer is written
CASES = [
    ("$null | ForEach-Object { 'y' }", ["y"], "ABOUT_NULL, DEEP_DIVE"),
    ("'one', $null, 'three' | ForEach-Object { 'Hello ' + $_ }", ["Hello one", "Hello ", "Hello three"], "ABOUT_NULL"),
    ("$undefinedVariable | ForEach-Object { 'y' }", ["y"], "SOURCE: an unset variable reads as $null"),
    ("@() | ForEach-Object { 'y' }", [], "DEEP_DIVE: an empty collection"),
    ("& {} | ForEach-Object { 'y' }", [], "SOURCE: a command that writes nothing"),
    ("function Get-Nothing {}; $nothing = Get-Nothing; $nothing | ForEach-Object { 'y' }", [], "DEEP_DIVE"),
    ("function Get-Nothing {}; $nothing = Get-Nothing; $null -eq $nothing", [True], "DEEP_DIVE"),
    ("$x = & {}; $x | ForEach-Object { 'y' }", [], "SOURCE: PipelineResult is stored"),
    ("$x = & {}; $y = $x; $y | ForEach-Object { 'y' }", [], "SOURCE: the variable's value is copied"),
    ("$script:s = & {}; $script:s | ForEach-Object { 'y' }; $global:g = & {}; $global:g | ForEach-Object { 'y' }", [],
     "SOURCE: a scope-qualified variable holds it too"),
    ("$x = & {}; $x -eq $null", [True], "DEEP_DIVE"),
    ("($x = & {}) | ForEach-Object { 'y' }; ($n = $null) | ForEach-Object { 'n' }", ["n"], "SOURCE: ( ) gives the value assigned"),
    ("$x = & {}; $x", [], "SOURCE: the pipe writer drops it"),
    ("$x = $null; $x", [None], "ABOUT_NULL: $null is written"),
    ("@($null).Count", [1], "DEEP_DIVE"),
    ("@(& {}).Count", [0], "DEEP_DIVE"),
    ("$x = & {}; @($x).Count", [0], "DEEP_DIVE"),
    ("@(@()).Count", [0], "DEEP_DIVE"),
    ("$x = & {}; $x.Count; \"[$x]\"", [0, "[]"], "SOURCE: read as a value it is $null"),
    ("$x = & {}; [bool]$x", [False], "BOOLEANS"),
    ("foreach ($i in $null) { 'y' }", [], "DEEP_DIVE: foreach skips $null since 3.0"),
    ("$x = & {}; foreach ($i in $x) { 'y' }", [], "DEEP_DIVE"),
    ("foreach ($i in @($null)) { 'y' }", ["y"], "DEEP_DIVE: a collection of $null values"),
    ("function f { return $null }; f | ForEach-Object { 'y' }", ["y"], "about_Return: return $null writes $null"),
    ("function g { return }; g | ForEach-Object { 'y' }", [], "about_Return: return alone writes nothing"),
    ("function f { return $null }; @(f).Count; (f) | ForEach-Object { 'y' }", [1, "y"], "SOURCE"),
    ("function g { return }; @(g).Count; (g) | ForEach-Object { 'y' }; $(g) | ForEach-Object { 'y' }", [0], "SOURCE"),
    ("function p($a) { $a | ForEach-Object { 'y' } }; p (& {})", ["y"], "DEEP_DIVE: a parameter receives $null"),
    ("$v = if ($false) { 1 }; $v | ForEach-Object { 'y' }; @($v).Count", [0], "SOURCE: a statement that wrote nothing"),
    ("$a = [System.Collections.ArrayList]::new(); $r = $a.Clear(); $r | ForEach-Object { 'y' }; @($r).Count", [0],
     "SOURCE: a void method gives AutomationNull.Value"),
    (f"{AN} | ForEach-Object {{ 'y' }}", [], "SOURCE"),
    (f"$z = {AN}; $z | ForEach-Object {{ 'y' }}; $z -eq $null", [True], "SOURCE"),
    (f"@({AN}).Count", [0], "Array.Tests.ps1"),
    (f"@([object[]]{AN}).Count", [1], "Array.Tests.ps1: the cast makes it $null"),
    ("[int]$i = 5; $i = & {}; $i", [0], "DEEP_DIVE: a typed variable converts $null"),
    ("$x = & {}; $x | Measure-Object | ForEach-Object Count", [0], "SOURCE: the pipeline runs without input"),
    # a slice leaves out the indexes out of range (the non-slicing indexer's AutomationNull.Value, dropped by
    # SlicingIndex, MiscOps.cs); one index out of range is $null, written once
    ("$a = 1, 2, 3; $a[0, 5].Count; $a[5, 6].Count; $a[1..10].Count", [1, 0, 2], "SOURCE: SlicingIndex"),
    ("'abc'[0, 10]", ["a"], "SOURCE: SlicingIndex"),
    ("$h = @{a = 1}; $h['a', 'zz'].Count", [2], "SOURCE: a hashtable's missing key is $null, kept"),
    ("$a = 1, 2; $a[5] | ForEach-Object { 'y' }", ["y"], "SOURCE: the slicing binder's null result"),
]


@pytest.mark.parametrize("script, expected, source", CASES, ids=[c[0][:60] for c in CASES])
def test_null_and_nothing(st, script, expected, source):
    assert out(st, script) == expected, source


def test_the_type_itself_is_refused_loudly(st):
    # Only ::Value is modelled; the type as an object is not (no silent $null for [AutomationNull].Name).
    r = ps(st, "[System.Management.Automation.Internal.AutomationNull].Name")
    assert not r.ok or r.errors
    assert "not emulated" in r.error_text


# Cmdlets whose ProcessRecord skips $null input (PowerShell's 5.1 source, commit 60b3b304f2: select-object.cs,
# group-object.cs, Measure-Object.cs, OrderObjectBase.cs, ConvertToJsonCommand.cs, CSVCommands.cs, GetMember.cs);
# ForEach-Object and Where-Object do not (InternalCommands.cs skips AutomationNull.Value only).
NULL_INPUT = [
    ("(1, $null, 2 | Select-Object -Property a | Measure-Object).Count", [2]),
    ("($null | Select-Object -Property a, b | Measure-Object).Count", [0]),     # Select-Object.Tests.ps1 "no input"
    ("(1, $null, 2 | Group-Object | Measure-Object).Count", [2]),
    ("@(1, $null, 2 | Sort-Object).Count; @($null | Sort-Object -Unique).Count", [2, 0]),
    ("(1, $null, 2 | Measure-Object).Count", [2]),
    ("1, $null, 2 | ConvertTo-Json -Compress", ["[1,2]"]),
    ("$null | ConvertTo-Json; ConvertTo-Json $null", []),
    ("ConvertTo-Json @(1, $null) -Compress", ["[1,null]"]),                   # an array argument is one object
    ("[pscustomobject]@{a = 1}, $null | ConvertTo-Csv -NoTypeInformation", ['"a"', '"1"']),
    ("(1, $null, 2 | Where-Object { $true } | Measure-Object).Count", [2]),   # Measure-Object skips the $null
    ("(1, $null, 2 | ForEach-Object { 'x' }).Count", [3]),
    ("$null | Format-Table | Out-String; ($null | Format-List | Measure-Object).Count", ["", 0]),
]


@pytest.mark.parametrize("script, expected", NULL_INPUT, ids=[c[0][:60] for c in NULL_INPUT])
def test_cmdlets_that_skip_null_input(st, script, expected):
    assert out(st, script) == expected


def test_get_member_of_null_is_no_object(st):
    r = ps(st, "$null | Get-Member")
    assert "You must specify an object for the Get-Member cmdlet." in r.error_text
    assert "NoObjectInGetMember" in r.error_text
