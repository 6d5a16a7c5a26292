"""Command arguments that 5.1's tokenizer reads as one generic token (an expandable string): a UNC path, whose
``$`` is no variable, and a token that starts with ``[`` (ScanGenericToken in command mode; about_Parsing, argument
mode: only $ @ ' " ( { and , start something else).
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_parsing?view=powershell-5.1
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.twin_script import out, ps


@pytest.mark.parametrize("script, expected", [
    ("Write-Output [int]", ["[int]"]),
    ("Write-Output [int]::MaxValue", ["[int]::MaxValue"]),
    ("Write-Output [orig-file].txt", ["[orig-file].txt"]),
    ("Write-Output [a], [b]", ["[a]", "[b]"]),
    ("(Write-Output [int]).GetType().Name", ["String"]),
    # expression mode is unchanged
    ("([int]'5').GetType().Name", ["Int32"]),
    ("$x = [int]'7'; $x + 1", [8]),
    ("5 -is [int]", [True]),
])
def test_a_bracket_starts_a_string_in_argument_mode(st: Path, script: str, expected: list) -> None:
    assert out(st, script) == expected


def test_a_unc_path_is_one_argument(st: Path) -> None:
    assert out(st, "Test-Path \\\\CLUSTERNODE-2\\C$\\Windows; Write-Output \\\\CLUSTERNODE-2\\C$\\Windows") == [
        True, "\\\\CLUSTERNODE-2\\C$\\Windows"]
    r = ps(st, "Get-ChildItem \\\\CLUSTERNODE-2\\C$ | Select-Object -First 1 -ExpandProperty Name")
    assert not r.errors and r.output


def test_where_object_is_takes_the_bracketed_string(st: Path) -> None:
    # `Where-Object Value -Is [int]`: the argument is the string '[int]', which -is converts to the type as 5.1 does
    assert out(st, "@([pscustomobject]@{Value=5}, [pscustomobject]@{Value='x'}) | Where-Object Value -Is [int] | "
                   "ForEach-Object Value; Get-Variable ErrorActionPreference | "
                   "Where-Object Value -Is [System.Management.Automation.ActionPreference] | ForEach-Object Name") == [
        5, "ErrorActionPreference"]
