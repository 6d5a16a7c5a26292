"""A variable keeps the case of the name it was created with: Get-Variable and the Variable: drive write it so
(Get-Variable, 5.1: https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/get-variable?view=powershell-5.1,
example 2 lists "PSVersionTable"; the automatic variables' names as about_Automatic_Variables spells them)."""

from __future__ import annotations

from support.twin_script import out


def test_a_variable_keeps_the_case_it_was_created_with(st):
    script = """
$abcaVar = 1
$ABCAVAR = 2
New-Variable -Name MyThing -Value 3
Set-Variable -Name OtherThing -Value 4
(Get-Variable abca*).Name
(Get-Variable mything).Name
(Get-Variable -Name otherthing).Name
(Get-ChildItem variable:abca*).Name
"""
    assert out(st, script) == ["abcaVar", "MyThing", "OtherThing", "abcaVar"]


def test_automatic_variables_have_their_documented_names(st):
    assert out(st, "(Get-Variable ErrorActionPreference).Name; (Get-Variable psversion*).Name; (Get-ChildItem variable:home).Name") == [
        "ErrorActionPreference", "PSVersionTable", "HOME"]


def test_passthru_and_a_removed_variable(st):
    script = """
$Abc = 1; Remove-Variable abc; $ABC = 2; (Get-Variable abc).Name
Set-Variable -Name Qq -Value 1; (Set-Variable -Name qq -Value 2 -PassThru).Name
$Zz = 1; (Clear-Variable zz -PassThru).Name
"""
    assert out(st, script) == ["ABC", "Qq", "Zz"]
