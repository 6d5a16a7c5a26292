"""$PSDefaultParameterValues as about_Parameters_Default_Values (5.1) describes it.
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_parameters_default_values?view=powershell-5.1
"""

from __future__ import annotations

from pathlib import Path

from support.twin_script import out, ps

FILE = "Set-Content C:\\d2.txt a,b,c; "


def test_it_starts_empty(st: Path) -> None:
    # "has no default value": an empty dictionary the script can add to (BeforeAll blocks clone it)
    assert out(st, "$PSDefaultParameterValues.Count; $PSDefaultParameterValues.Clone().Count") == [0, 0]


def test_a_default_applies_where_the_command_line_binds_nothing(st: Path) -> None:
    assert out(st, FILE + "$PSDefaultParameterValues['Get-Content:TotalCount'] = 1; (Get-Content C:\\d2.txt) -join ','; "
                          "(Get-Content C:\\d2.txt -TotalCount 2) -join ','") == ["a", "a,b"]


def test_wildcards_script_blocks_and_disabled(st: Path) -> None:
    assert out(st, FILE + "$PSDefaultParameterValues = @{ 'Get-C*:TotalCount' = { 1 + 1 } }; (Get-Content C:\\d2.txt) -join ','; "
                          "$PSDefaultParameterValues.Add('Disabled', $true); (Get-Content C:\\d2.txt) -join ','; "
                          "$PSDefaultParameterValues.Disabled = $false; (Get-Content C:\\d2.txt) -join ','") == [
        "a,b", "a,b,c", "a,b"]


def test_common_parameters_for_every_command(st: Path) -> None:
    # '*:Verbose' = $true, the page's own example
    r = ps(st, "$PSDefaultParameterValues = @{ '*:Verbose' = $true }; "
               "function v { [CmdletBinding()] param() Write-Verbose hi }; v")
    assert r.verbose == ["hi"]


def test_advanced_functions_take_defaults_simple_ones_do_not(st: Path) -> None:
    assert out(st, "function f { [CmdletBinding()] param($X = 'none') \"x=$X\" }; function g { param($X = 'none') \"x=$X\" }; "
                   "$PSDefaultParameterValues['f:X'] = 'dflt'; $PSDefaultParameterValues['g:X'] = 'dflt'; "
                   "f; f -X given; g") == ["x=dflt", "x=given", "x=none"]


def test_a_default_of_another_parameter_set_is_not_used(st: Path) -> None:
    # Get-ChildItem -Path given: a LiteralPath default would leave the command no parameter set, so it is skipped
    r = ps(st, "New-Item C:\\ds\\a.txt -Value x -Force | Out-Null; "
               "$PSDefaultParameterValues['Get-ChildItem:LiteralPath'] = 'C:\\Windows'; (Get-ChildItem -Path C:\\ds).Name")
    assert not r.errors and r.output == ["a.txt"]
