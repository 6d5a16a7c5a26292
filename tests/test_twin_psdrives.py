"""Get-PSDrive and Get-PSProvider on the twin (5.1 pages; the views of PowerShellCore.format.ps1xml), and the
FileSystem item moves Rename-Item and Move-Item (5.1 pages; FileSystemProvider's error texts)."""

from __future__ import annotations

from pathlib import Path

from labkit.twin.format import render
from support.twin_script import out, ps


def test_get_psdrive_lists_the_sessions_drives(st: Path) -> None:
    # Get-PSDrive 5.1, example 1: the providers' drives and the FileSystem drives, sorted by name
    assert out(st, "(Get-PSDrive).Name") == ["Alias", "C", "Cert", "Env", "Function", "HKCU", "HKLM", "Variable", "WSMan"]
    lines = [line.rstrip() for line in render(out(st, "cd C:\\Windows; Get-PSDrive C, Env")).splitlines()]
    assert lines[1].split() == ["Name", "Used", "(GB)", "Free", "(GB)", "Provider", "Root", "CurrentLocation"]
    assert lines[1].startswith("Name           Used (GB)     Free (GB) Provider      Root")
    c = lines[3].split()
    assert c[0] == "C" and c[3:] == ["FileSystem", "C:\\", "Windows"] and float(c[1]) > 0 and float(c[2]) > 0
    assert lines[4].split() == ["Env", "Environment"]
    # Used and Free are the C: volume's (Get-Volume)
    assert out(st, "$d = Get-PSDrive C; $v = Get-Volume C; $d.Free -eq $v.SizeRemaining; $d.Used -eq ($v.Size - $v.SizeRemaining)") == [True, True]
    assert out(st, "(Get-PSDrive -PSProvider FileSystem).Name; (Get-PSDrive H*).Name; (Get-PSDrive C).Provider.Name") == [
        "C", "HKCU", "HKLM", "FileSystem"]
    # the session's drives: the same objects each time, their CurrentLocation following Set-Location
    assert out(st, "$c = Get-PSDrive C; (Get-PSDrive C) -eq (gdr C); cd C:\\Windows; $c.CurrentLocation") == [True, "Windows"]
    r = ps(st, "Get-PSDrive Q; 'after'")
    assert r.output == ["after"] and r.errors[0].message == "Cannot find drive. A drive with the name 'Q' does not exist."
    assert r.errors[0].error_id == "GetDriveNoMatchingDrive,Microsoft.PowerShell.Commands.GetPSDriveCommand"


def test_get_psprovider(st: Path) -> None:
    assert out(st, "(Get-PSProvider).Name") == ["Registry", "Alias", "Environment", "FileSystem", "Function", "Variable",
                                                "Certificate", "WSMan"]
    assert out(st, "$p = Get-PSProvider FileSystem; $p.Capabilities; $p.Drives.Name; $p.Home; \"$p\"") == [
        "Filter, ShouldProcess, Credentials", "C", "C:\\Users\\Administrator", "Microsoft.PowerShell.Core\\FileSystem"]
    assert out(st, "(Get-PSProvider Registry).Drives.Name") == ["HKLM", "HKCU"]
    r = ps(st, "Get-PSProvider NoSuch")
    assert r.errors[0].message == "Cannot find a provider with the name 'NoSuch'."


def test_rename_item(st: Path) -> None:
    base = "New-Item C:\\ren -ItemType Directory -Force | Out-Null; Set-Content C:\\ren\\a.txt one; "
    assert out(st, base + "Rename-Item C:\\ren\\a.txt b.txt; (Get-ChildItem C:\\ren).Name; Get-Content C:\\ren\\b.txt") == ["b.txt", "one"]
    r = ps(st, base + "Set-Content C:\\ren\\c.txt two; Rename-Item C:\\ren\\a.txt c.txt; Get-Content C:\\ren\\c.txt")
    assert r.output == ["two"] and r.errors[0].message == "Cannot create a file when that file already exists."
    r = ps(st, "Rename-Item C:\\ren\\nothing.txt x.txt")
    assert r.errors[0].message == "Cannot rename because item at 'C:\\ren\\nothing.txt' does not exist."
    r = ps(st, base + "Rename-Item C:\\ren\\a.txt C:\\Windows\\a.txt")
    assert r.errors[0].message == "Cannot rename the specified target, because it represents a path or device name."
    # a folder moves with what is in it
    assert out(st, base + "Rename-Item C:\\ren C:\\ren2; Get-Content C:\\ren2\\a.txt; Test-Path C:\\ren") == ["one", False]


def test_move_item(st: Path) -> None:
    base = ("Remove-Item C:\\mv1, C:\\mv2 -Recurse -ErrorAction SilentlyContinue; New-Item C:\\mv1, C:\\mv2 -ItemType Directory "
            "| Out-Null; Set-Content C:\\mv1\\a.txt one; ")
    assert out(st, base + "Move-Item C:\\mv1\\a.txt C:\\mv2; Test-Path C:\\mv1\\a.txt; Get-Content C:\\mv2\\a.txt") == [False, "one"]
    assert out(st, base + "Move-Item C:\\mv1\\a.txt C:\\mv2\\b.txt; Get-Content C:\\mv2\\b.txt") == ["one"]
    assert out(st, base + "Set-Content C:\\mv1\\b.txt two; Move-Item C:\\mv1\\*.txt C:\\mv2; (Get-ChildItem C:\\mv2).Name") == [
        "a.txt", "b.txt"]
    r = ps(st, base + "Set-Content C:\\mv2\\a.txt old; Move-Item C:\\mv1\\a.txt C:\\mv2; Get-Content C:\\mv2\\a.txt")
    assert r.output == ["old"] and r.errors[0].message == "Cannot create a file when that file already exists."
    assert out(st, base + "Set-Content C:\\mv2\\a.txt old; Move-Item C:\\mv1\\a.txt C:\\mv2 -Force; Get-Content C:\\mv2\\a.txt") == ["one"]
    r = ps(st, "Move-Item C:\\Windows C:\\mv2")
    assert r.errors[0].category == "PermissionDenied"


def test_the_variable_drive(st: Path) -> None:
    # about_Variable_Provider 5.1: Test-Path Variable:x tells whether $x is defined where the command runs
    assert out(st, "$x = 5; Test-Path variable:x; Test-Path Variable:\\nope; (Get-Item variable:x).Value; Get-Content variable:x") == [
        True, False, 5, 5]
    assert out(st, "$x = 5; function f { $y = 1; Test-Path variable:y; Test-Path variable:global:y; Test-Path variable:x }; f") == [
        True, False, True]
    assert out(st, "$x = 5; Remove-Item variable:x; Test-Path variable:x; $x -eq $null") == [False, True]
    assert out(st, "(Get-ChildItem variable: | Where-Object Name -eq home).Value; (Get-Item variable:home).PSPath") == [
        "C:\\Users\\Administrator", "Microsoft.PowerShell.Core\\Variable::home"]
    r = ps(st, "Get-Item variable:nope")
    assert r.errors[0].message == "Cannot find path 'Variable:\\nope' because it does not exist."
    r = ps(st, "Set-Variable k 1 -Option ReadOnly; Remove-Item variable:k; Test-Path variable:k")
    assert r.output == [True] and r.errors[0].error_id == "VariableNotRemovable,Microsoft.PowerShell.Commands.RemoveItemCommand"


def test_set_item_on_the_value_drives(st: Path) -> None:
    # Set-Item 5.1: an alias's definition, a variable's value, an environment variable; -Include/-Exclude filter
    base = "New-Item Alias:\\TA1 -Value Get-Date | Out-Null; New-Item Alias:\\TA2 -Value Get-Date | Out-Null; "
    assert out(st, base + "Set-Item Alias:\\TA1 Get-Location; (Get-Alias TA1).Definition") == ["Get-Location"]
    assert out(st, base + "Set-Item -Path Alias:\\* -Value Get-Host -Include TA*; (Get-Alias TA*).Definition") == ["Get-Host", "Get-Host"]
    assert out(st, base + "Set-Item Alias:\\TA* Get-Host -Exclude *2; (Get-Alias TA*).Definition") == ["Get-Host", "Get-Date"]
    assert out(st, "$x = 1; Set-Item variable:x 5; $x; Set-Item Env:UserRole Administrator; $env:UserRole") == [5, "Administrator"]
    r = ps(st, "Set-Item alias:gci Get-Date")
    assert r.errors[0].error_id == "AliasNotWritable,Microsoft.PowerShell.Commands.SetItemCommand"
    r = ps(st, "Set-Item C:\\Windows 1")
    assert r.errors[0].message == "Provider operation stopped because the provider does not support this operation."


def test_new_and_remove_item_on_env_and_alias(st: Path) -> None:
    # about_Environment_Variables 5.1: New-Item Env:\X -Value, Remove-Item Env:\X
    assert out(st, "New-Item Env:\\LAB_X -Value 1 | ForEach-Object Value; $env:LAB_X; Remove-Item Env:\\LAB_X; Test-Path env:LAB_X; "
                   "New-Item -Path Env: -Name LAB_Y -Value 2 | Out-Null; $env:LAB_Y") == ["1", "1", False, "2"]
    # an item that exists: SessionStateProviderBase's NewItemAlreadyExists, unless -Force
    r = ps(st, "New-Item Env:\\LAB_Z -Value 1 | Out-Null; New-Item Env:\\LAB_Z -Value 2; $env:LAB_Z; "
               "New-Item Alias:\\ax -Value Get-Date | Out-Null; New-Item Alias:\\ax -Value Get-Host; "
               "New-Item Alias:\\ax -Value Get-Host -Force | ForEach-Object Definition")
    assert r.output == ["1", "Get-Host"]
    assert [e.message for e in r.errors] == ["The item at path 'LAB_Z' already exists.", "The item at path 'ax' already exists."]
    assert r.errors[0].error_id == "Argument,Microsoft.PowerShell.Commands.NewItemCommand"
    r = ps(st, "Remove-Item env:NOPE")
    assert r.errors[0].message == "Cannot find path 'Env:\\NOPE' because it does not exist."
