"""The session's location on the twin: Get-Location, Set-Location (cd, sl, chdir), Push-Location and
Pop-Location (pushd, popd, -StackName), $PWD, Resolve-Path, Convert-Path, Split-Path, and every FileSystem
cmdlet resolving relative paths against the location (about_Locations and the cmdlets' 5.1 pages)."""

from __future__ import annotations

from pathlib import Path

from labkit.twin.format import render
from support.twin_script import out, ps


def test_a_session_starts_at_home(st: Path) -> None:
    assert out(st, "(Get-Location).Path; $PWD.Path; \"$PWD\"; (pwd).Path; (gl).ProviderPath") == ["C:\\Users\\Administrator"] * 5
    assert out(st, "(Get-Location).GetType().FullName; $PWD.Provider.Name; \"$($PWD.Drive)\"") == [
        "System.Management.Automation.PathInfo", "FileSystem", "C"]


def test_get_location_prints_the_pathinfo_view(st: Path) -> None:
    # Get-Location 5.1, example 1: "Path\n----\nC:\Windows"
    lines = [line.rstrip() for line in render(out(st, "Set-Location C:\\Windows; Get-Location")).splitlines()]
    assert lines == ["", "Path", "----", "C:\\Windows", "", ""]


def test_set_location_and_its_aliases(st: Path) -> None:
    assert out(st, "cd C:\\Windows; $PWD.Path; cd System32; $PWD.Path; cd ..\\..; $PWD.Path; sl Windows; chdir ~; $PWD.Path") == [
        "C:\\Windows", "C:\\Windows\\System32", "C:\\", "C:\\Users\\Administrator"]
    assert out(st, "(Set-Location C:\\Windows -PassThru).Path; (Set-Location -LiteralPath C:\\ -PassThru).Path") == ["C:\\Windows", "C:\\"]
    # wildcards resolve to the one container they name
    assert out(st, "Set-Location C:\\Win*; $PWD.Path") == ["C:\\Windows"]
    # a drive's own location: "C:" goes back to where C: was
    assert out(st, "cd C:\\Windows\\System32; cd env:; $PWD.Path; cd C:; $PWD.Path") == ["Env:\\", "C:\\Windows\\System32"]
    # 5.1's -Path defaults to "": Set-Location alone stays where it is
    assert out(st, "cd C:\\Windows; Set-Location; $PWD.Path") == ["C:\\Windows"]


def test_set_location_errors(st: Path) -> None:
    r = ps(st, "cd C:\\NoSuchFolder; $PWD.Path")
    assert r.output == ["C:\\Users\\Administrator"]
    assert r.errors[0].message == "Cannot find path 'C:\\NoSuchFolder' because it does not exist."
    assert r.errors[0].error_id == "PathNotFound,Microsoft.PowerShell.Commands.SetLocationCommand"
    r = ps(st, "New-Item C:\\loc-f -ItemType Directory -Force | Out-Null; Set-Content C:\\loc-f\\a.txt x; cd C:\\loc-f\\a.txt")
    assert r.errors[0].message == "Cannot find path 'C:\\loc-f\\a.txt' because it does not exist."
    r = ps(st, "cd Q:\\")
    assert r.errors[0].message == "Cannot find drive. A drive with the name 'Q' does not exist."
    assert r.errors[0].error_id == "DriveNotFound,Microsoft.PowerShell.Commands.SetLocationCommand"
    r = ps(st, "cd C:\\Program*")
    assert "resolved to multiple containers" in r.errors[0].message
    r = ps(st, "cd HKLM:\\Software")
    assert "not emulated" in r.errors[0].message


def test_relative_paths_of_the_file_cmdlets_follow_the_location(st: Path) -> None:
    script = ("New-Item C:\\rel -ItemType Directory -Force | Out-Null; cd C:\\rel; Set-Content a.txt hello; "
              "New-Item sub -ItemType Directory -Force | Out-Null; cd sub; ")
    assert out(st, script + "Get-Content ..\\a.txt; Test-Path .\\..\\a.txt; (Get-Item ..\\a.txt).FullName; "
                            "'x' > b.txt; (Get-ChildItem).FullName; Copy-Item ..\\a.txt c.txt; (Get-ChildItem -Name)") == [
        "hello", True, "C:\\rel\\a.txt", "C:\\rel\\sub\\b.txt", "b.txt", "c.txt"]
    assert out(st, script + "Remove-Item c.txt; (Select-String -Path ..\\a.txt -Pattern ell).Path") == ["C:\\rel\\a.txt"]
    # "C:" and "C:x" name the location on C:, not its root (about_Locations)
    assert out(st, script + "(Get-Item C:).FullName; Test-Path C:b.txt; cd C:\\; (Get-Item C:).FullName") == [
        "C:\\rel\\sub", True, "C:\\"]


def test_push_and_pop_location(st: Path) -> None:
    assert out(st, "Push-Location C:\\Windows; $PWD.Path; pushd System32; $PWD.Path; popd; $PWD.Path; Pop-Location; $PWD.Path") == [
        "C:\\Windows", "C:\\Windows\\System32", "C:\\Windows", "C:\\Users\\Administrator"]
    # Get-Location -Stack: the stack, last pushed first (Get-Location 5.1, example 3)
    assert out(st, "Push-Location C:\\; Push-Location C:\\Windows; (Get-Location -Stack).Path") == [
        "C:\\", "C:\\Users\\Administrator"]
    # a named stack, created by the push and gone with its last location
    assert out(st, "Push-Location C:\\Windows -StackName Stack2; (Get-Location -StackName Stack2).Path; "
                   "Pop-Location -StackName Stack2; $PWD.Path") == ["C:\\Users\\Administrator", "C:\\Users\\Administrator"]
    r = ps(st, "Push-Location C:\\ -StackName S3; Pop-Location -StackName S3; Pop-Location -StackName S3")
    assert r.errors[0].message == "Cannot find location stack 'S3'. It does not exist or it is not a container."
    # popping the empty default stack does nothing; -PassThru gives the PathInfo
    assert out(st, "Pop-Location; $PWD.Path; (Push-Location C:\\Windows -PassThru).Path; (Pop-Location -PassThru).Path") == [
        "C:\\Users\\Administrator", "C:\\Windows", "C:\\Users\\Administrator"]
    assert out(st, "'C:\\Windows' | Push-Location; $PWD.Path") == ["C:\\Windows"]


def test_resolve_and_convert_path(st: Path) -> None:
    assert out(st, "(Resolve-Path C:\\Win*).Path; (Resolve-Path ~).ProviderPath; Resolve-Path C:\\Windows -Relative") == [
        "C:\\Windows", "C:\\Users\\Administrator", "..\\..\\Windows"]
    assert out(st, "cd C:\\Windows; Resolve-Path .\\System32 -Relative; Convert-Path .; Convert-Path FileSystem::C:\\Users") == [
        ".\\System32", "C:\\Windows", "C:\\Users"]
    assert out(st, "Get-Item C:\\Windows | Convert-Path; (Get-Item C:\\Users | Resolve-Path).Path") == ["C:\\Windows", "C:\\Users"]
    r = ps(st, "Resolve-Path C:\\nothing-here; 'after'")
    assert r.output == ["after"] and r.errors[0].error_id == "PathNotFound,Microsoft.PowerShell.Commands.ResolvePathCommand"


def test_split_path(st: Path) -> None:
    # Split-Path 5.1, examples: -Qualifier, -NoQualifier, -Leaf, -IsAbsolute, the parent by default
    assert out(st, "Split-Path C:\\Test\\Logs\\*.log; Split-Path C:\\Test\\Logs\\*.log -Leaf; Split-Path C:\\Windows -Qualifier; "
                   "Split-Path C:\\Windows\\System32 -NoQualifier; Split-Path .\\x -IsAbsolute; Split-Path C:\\x -IsAbsolute; "
                   "Split-Path C:\\Windows") == [
        "C:\\Test\\Logs", "*.log", "C:", "\\Windows\\System32", False, True, "C:\\"]
    assert out(st, "cd C:\\Windows; Split-Path Sys* -Resolve -Leaf; Split-Path HKCU:\\Software\\Microsoft -Qualifier") == ["System32", "HKCU:"]
    r = ps(st, "Split-Path Windows -Qualifier")
    assert r.errors[0].message == "Cannot parse path because path 'Windows' does not have a qualifier specified."


def test_split_path_is_absolute_and_its_positional_switch(st: Path) -> None:
    # a path rooted on the current drive ("\usr") is not absolute; drive- and provider-qualified ones are
    assert out(st, "Split-Path -IsAbsolute fs:/usr/bin; Split-Path -IsAbsolute /usr/..; Split-Path -IsAbsolute ~/; "
                   "Split-Path -IsAbsolute \\\\node\\share") == [True, False, False, True]
    # -Qualifier declares Position 1 but is a switch: a second positional argument binds nowhere
    r = ps(st, "Split-Path env: $null")
    assert r.errors[0].error_id == "PositionalParameterNotFound,Microsoft.PowerShell.Commands.SplitPathCommand"


def test_join_path(st: Path) -> None:
    # Join-Path 5.1: -ChildPath allows null and "" (the parent with its separator); -Resolve gives what exists
    assert out(st, "Join-Path one ''; Join-Path one $null; Join-Path C:\\a\\ \\b; 'C:\\Users', 'C:\\Windows' | Join-Path -ChildPath z") == [
        "one\\", "one\\", "C:\\a\\b", "C:\\Users\\z", "C:\\Windows\\z"]
    assert out(st, "Join-Path C:\\ Win* -Resolve; cd C:\\; Join-Path . Users -Resolve") == ["C:\\Windows", "C:\\Users"]
    r = ps(st, "Join-Path Bogus Path -Resolve; Join-Path bogusdrive:\\somedir otherdir -Resolve")
    assert [e.error_id.split(",")[0] for e in r.errors] == ["PathNotFound", "DriveNotFound"]


def test_the_location_functions_and_mkdir(st: Path) -> None:
    # 5.1's built-in functions cd.., cd\ and the drive functions (C:) change the location; mkdir (alias md) makes folders
    assert out(st, "mkdir C:\\mk | Out-Null; (md C:\\mk\\sub).FullName; cd C:\\mk\\sub; cd..; $PWD.Path; cd\\; $PWD.Path; "
                   "cd C:\\Windows; cd env:; C:; $PWD.Path") == ["C:\\mk\\sub", "C:\\mk", "C:\\", "C:\\Windows"]
    assert out(st, "(Get-Alias md).Definition") == ["mkdir"]
    r = ps(st, "Q:")
    assert r.errors[0].error_id == "DriveNotFound,Microsoft.PowerShell.Commands.SetLocationCommand"
    r = ps(st, "mkdir C:\\Windows")
    assert r.errors[0].message == "An item with the specified name C:\\Windows already exists."


def test_cd_dash_is_a_folder_name_in_51(st: Path) -> None:
    # `cd -` (6.2's "previous location") is in 5.1 a folder named '-' (no location history in 5.1's Set-Location)
    r = ps(st, "cd -; $PWD.Path; Write-Output (3 - 2)")
    assert r.output == ["C:\\Users\\Administrator", 1]
    assert r.errors[0].message == "Cannot find path 'C:\\Users\\Administrator\\-' because it does not exist."
