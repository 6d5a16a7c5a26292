"""Aliases on the twin as a 5.1 session has them: Get-Alias (its view, -Name/-Definition/-Exclude/-Scope),
Set-Alias and New-Alias (scopes, options, 5.1's errors), the Alias: drive, and Remove-Alias being 6.0's, not 5.1's
(about_Aliases; Get-Alias, Set-Alias, New-Alias 5.1 pages; about_Alias_Provider)."""

from __future__ import annotations

from pathlib import Path

from labkit.twin.commands import builtin_aliases
from labkit.twin.format import render
from support.twin_script import out, ps


def test_get_alias_prints_the_commandinfo_view(st: Path) -> None:
    # Get-Alias 5.1, example 1: "CommandType Name" with "alias -> definition"; Version and Source for a module's alias
    lines = [line.rstrip() for line in render(out(st, "Get-Alias gci, gcim")).splitlines()]
    assert lines[1].split() == ["CommandType", "Name", "Version", "Source"]
    assert lines[3].split() == ["Alias", "gci", "->", "Get-ChildItem"]
    assert lines[4].split() == ["Alias", "gcim", "->", "Get-CimInstance", "1.0.0.0", "CimCmdlets"]


def test_every_builtin_alias_is_listed_once_sorted(st: Path) -> None:
    names = out(st, "(Get-Alias).Name")
    assert names == sorted(builtin_aliases(), key=str.lower)
    assert "gl" in names and "pwd" in names and "Remove-Alias".lower() not in names


def test_get_alias_by_name_definition_and_exclude(st: Path) -> None:
    assert out(st, "Get-Alias -Definition Get-ChildItem | ForEach-Object Name") == ["dir", "gci", "ls"]
    # Get-Alias 5.1, example 2
    assert out(st, "(Get-Alias -Name gp*, sp* -Exclude *ps).Name") == ["gp", "gpv", "sp", "spjb", "spsv"]
    assert out(st, "$a = Get-Alias cd; $a.Definition; $a.Options; $a.CommandType; \"$a\"; $a.DisplayName") == [
        "Set-Location", "AllScope", "Alias", "cd", "cd -> Set-Location"]
    assert out(st, "@(Get-Alias | Where-Object { $_.Options -match 'ReadOnly' }).Count -gt 100") == [True]
    # 5.1's engine aliases are all AllScope (PowerShell 6.0 took it off most), the idiomatic ones ReadOnly too
    assert out(st, "(Get-Alias gci).Options; (Get-Alias %).Options; (Get-Alias ls).Options; (Get-Alias gcim).Options") == [
        "ReadOnly, AllScope", "ReadOnly, AllScope", "AllScope", "None"]
    r = ps(st, "Get-Alias nosuchalias; 'after'")
    assert r.output == ["after"]
    assert r.errors[0].message == "This command cannot find a matching alias because an alias with the name 'nosuchalias' does not exist."
    assert r.errors[0].error_id == "ItemNotFoundException,Microsoft.PowerShell.Commands.GetAliasCommand"
    assert ps(st, "Get-Alias nosuch*").errors == []
    r = ps(st, "Get-Alias -Name ''")
    assert r.errors[0].error_id == "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetAliasCommand"


def test_set_and_new_alias(st: Path) -> None:
    assert out(st, "Set-Alias -Name ABCD -Value Get-Date -Description 'the date'; $a = Get-Alias ABCD; "
                   "$a.Definition; $a.Description; $a.Options; (ABCD).GetType().Name") == ["Get-Date", "the date", "None", "DateTime"]
    # an alias of an alias runs the command at its end
    assert out(st, "Set-Alias tma Get-Location; Set-Alias tmb tma; (tmb).Path; (Get-Alias tmb).ResolvedCommandName") == [
        "C:\\Users\\Administrator", "Get-Location"]
    r = ps(st, "New-Alias ABCD Get-Date; New-Alias ABCD Get-Host")
    assert r.errors[0].message == "The alias is not allowed, because an alias with the name 'ABCD' already exists."
    assert r.errors[0].error_id == "AliasAlreadyExists,Microsoft.PowerShell.Commands.NewAliasCommand"
    assert out(st, "New-Alias ABCD Get-Date; New-Alias ABCD Get-Process -Force; (Get-Alias ABCD).Definition") == ["Get-Process"]
    # read-only: only -Force changes it; constant: never
    r = ps(st, "Set-Alias R1 Get-Date -Option ReadOnly; Set-Alias R1 Get-Host; (Get-Alias R1).Definition; "
               "Set-Alias R1 Get-Host -Force; (Get-Alias R1).Definition")
    assert r.output == ["Get-Date", "Get-Host"]
    assert r.errors[0].message == "Alias is not writeable because alias R1 is read-only or constant and cannot be written to."
    assert out(st, "New-Alias C1 Get-Date -Option Constant, AllScope -PassThru | ForEach-Object Options") == ["Constant, AllScope"]
    assert "not writeable" in ps(st, "New-Alias C1 Get-Date -Option Constant; Set-Alias C1 Get-Host -Force").errors[0].message
    # the built-ins are in every scope (AllScope): a read-only one needs -Force, in a function too
    r = ps(st, "Set-Alias gci Get-Process; function f { Set-Alias gci Get-Process }; f")
    assert [e.error_id for e in r.errors] == ["AliasNotWritable,Microsoft.PowerShell.Commands.SetAliasCommand"] * 2


def test_aliases_are_scoped(st: Path) -> None:
    # an alias made in a function is gone when it returns; -Scope puts it elsewhere (about_Scopes)
    assert out(st, "function f { Set-Alias inner Get-Date; (Get-Alias inner).Name }; f; Test-Path Alias:inner") == ["inner", False]
    assert out(st, "function g { Set-Alias outer Get-Date -Scope 1 }; g; (Get-Alias outer).Definition") == ["Get-Date"]
    assert out(st, "function hh { Set-Alias gl2 Get-Location -Scope Global }; hh; (Get-Alias gl2 -Scope Global).Name") == ["gl2"]
    assert out(st, "Set-Alias ABCD foo; function k { Set-Alias ABCD bar; (Get-Alias ABCD).Definition; "
                   "(Get-Alias ABCD -Scope 1).Definition }; k") == ["bar", "foo"]
    r = ps(st, "Get-Alias -Name ABCD -Scope bogus")
    assert r.errors[0].error_id == "Argument,Microsoft.PowerShell.Commands.GetAliasCommand"
    r = ps(st, "Get-Alias -Name ABCD -Scope 99999")
    assert r.errors[0].error_id == "ArgumentOutOfRange,Microsoft.PowerShell.Commands.GetAliasCommand"


def test_the_alias_drive(st: Path) -> None:
    assert out(st, "Test-Path Alias:gci; Test-Path Alias:\\nosuch; Test-Path Alias:; (Get-Item Alias:gci).Definition; "
                   "Get-Content Alias:gl; (Get-Item Alias:gci).PSPath") == [
        True, False, True, "Get-ChildItem", "Get-Location", "Microsoft.PowerShell.Core\\Alias::gci"]
    assert out(st, "(Get-ChildItem Alias:).Count -eq (Get-Alias).Count; (Get-ChildItem Alias:g? -Name)[0]") == [True, "gc"]
    assert out(st, "Set-Alias gone Get-Date; Remove-Item Alias:gone; Test-Path Alias:gone") == [False]
    r = ps(st, "Remove-Item Alias:gci; Test-Path Alias:gci")
    assert r.output == [True] and r.errors[0].message == "Alias was not removed because alias gci is constant or read-only."
    r = ps(st, "Remove-Item Alias:gci -Force; Test-Path Alias:gci; gci C:\\")
    assert r.output == [False] and "'gci' is not recognized" in r.errors[0].message
    assert out(st, "Set-Location Alias:; $PWD.Path; Test-Path gl") == ["Alias:\\", True]


def test_remove_alias_is_not_in_51(st: Path) -> None:
    r = ps(st, "Remove-Alias gl")
    assert r.errors[0].error_id == "CommandNotFoundException"
    assert r.errors[0].message.startswith("The term 'Remove-Alias' is not recognized")


def test_export_and_import_alias(st: Path) -> None:
    # Export-Alias 5.1: a header of # lines, then one CSV line per alias (or a set-alias line with -As Script)
    lines = out(st, "Set-Alias exa1 Get-Date; Set-Alias exa2 Get-Location -Description 'here, now'; "
                    "Export-Alias C:\\aliases.csv exa* -Description 'lab aliases'; Get-Content C:\\aliases.csv")
    assert lines[0] == "# Alias File" and lines[1] == "# Exported by : Administrator"
    assert lines[2].startswith("# Date/Time : ") and lines[3] == "# Computer : CLUSTERNODE-1"
    assert lines[4:] == ["#", "# lab aliases", '"exa1","Get-Date","","None"', '"exa2","Get-Location","here, now","None"']
    assert out(st, "Set-Alias exa1 Get-Date; Export-Alias C:\\aliases.ps1 exa1 -As Script; (Get-Content C:\\aliases.ps1)[-1]") == [
        'set-alias -Name:"exa1" -Value:"Get-Date" -Description:"" -Option:"None"']
    r = ps(st, "Export-Alias C:\\aliases.csv -NoClobber")
    assert r.errors[0].error_id == "NoClobber,Microsoft.PowerShell.Commands.ExportAliasCommand"
    # Import-Alias: an alias that exists is an error without -Force; the file's values come back, quotes and commas too
    r = ps(st, "Set-Alias exa1 Get-Date; Import-Alias C:\\aliases.csv")
    assert [e.error_id.split(",")[0] for e in r.errors] == ["AliasAlreadyExists"]
    assert out(st, "Import-Alias C:\\aliases.csv; (Get-Alias exa2).Description; (exa2).Path") == ["here, now", "C:\\Users\\Administrator"]
    assert out(st, "Set-Content C:\\odd.csv '\"a\"\"b\",\"Get-Date\",\"\",\"ReadOnly\"'; Import-Alias C:\\odd.csv -PassThru | "
                   "ForEach-Object { $_.Name; $_.Options }") == ['a"b', "ReadOnly"]
    r = ps(st, "Set-Content C:\\bad.csv '\"v1\",\"v2\",\"v3\"'; Import-Alias C:\\bad.csv")
    assert r.errors[0].error_id == "ImportAliasFileFormatError,Microsoft.PowerShell.Commands.ImportAliasCommand"
    # an alias named like a command would hide it
    r = ps(st, "Set-Content C:\\cmd.csv '\"Get-Date\",\"Get-Location\",\"\",\"None\"'; Import-Alias C:\\cmd.csv")
    assert r.errors[0].message == "The alias is not allowed, because a command with the name 'Get-Date' and command type 'Cmdlet' already exists."
