"""Get-ChildItem -Include / -Exclude as 5.1's engine applies them (labkit.twin.child_item_filters).

The folder of the Get-ChildItem page's examples 4 and 5 (5.1):
https://learn.microsoft.com/powershell/module/microsoft.powershell.management/get-childitem?view=powershell-5.1
and SessionStateContainer.GetChildItems / ProcessPathItems (PowerShell's engine at 237ccbd) for the order.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.twin_script import out, ps

LOGS = ("New-Item C:\\Test\\Logs\\Adirectory\\inner.txt -Value a -Force | Out-Null; "
        "New-Item C:\\Test\\Logs\\AnEmptyDirectory -ItemType Directory -Force | Out-Null; "
        "New-Item C:\\Test\\Logs\\Backup\\old.log -Value b -Force | Out-Null; "
        "New-Item C:\\Test\\Logs\\Afile.txt -Value c -Force | Out-Null; "
        "New-Item C:\\Test\\Logs\\LogFile1.txt -Value d -Force | Out-Null; "
        "New-Item C:\\Test\\Logs\\systemlog1.log -Value e -Force | Out-Null; ")


def names(st: Path, command: str, prop: str = "Name") -> list[str]:
    r = ps(st, LOGS + f"{command} | ForEach-Object {{ $_.{prop} }}")
    assert not r.errors, r.error_text
    return r.output


def test_include_needs_the_contents_of_the_path(st: Path) -> None:
    # example 4: without a trailing asterisk, -Include writes nothing; with it, the matching children
    assert names(st, "Get-ChildItem -Path C:\\Test\\Logs\\ -Include *.txt") == []
    assert names(st, "Get-ChildItem -Path C:\\Test\\Logs\\* -Include *.txt") == ["Afile.txt", "LogFile1.txt"]


def test_exclude_lists_the_contents_without_the_matches(st: Path) -> None:
    # example 5: folders first, then files, without the names that start with A
    assert names(st, "Get-ChildItem -Path C:\\Test\\Logs -Exclude A*") == ["Backup", "LogFile1.txt", "systemlog1.log"]


def test_a_path_whose_own_name_fails_the_filters_writes_nothing(st: Path) -> None:
    assert names(st, "Get-ChildItem -Path C:\\Test\\Logs -Exclude Lo*") == []


def test_recurse_include_searches_every_folder(st: Path) -> None:
    # the engine writes each matching child and then walks into each folder right after it
    assert names(st, "Get-ChildItem -Path C:\\Test -Recurse -Include *.txt", "FullName") == [
        "C:\\Test\\Logs\\Adirectory\\inner.txt", "C:\\Test\\Logs\\Afile.txt", "C:\\Test\\Logs\\LogFile1.txt"]


def test_recurse_exclude_keeps_walking_into_excluded_folders(st: Path) -> None:
    # Adirectory is not written (it matches A*) but its contents are: the walk goes into every folder
    assert names(st, "Get-ChildItem -Path C:\\Test\\Logs -Recurse -Exclude A*", "FullName") == [
        "C:\\Test\\Logs\\Adirectory\\inner.txt", "C:\\Test\\Logs\\Backup", "C:\\Test\\Logs\\Backup\\old.log",
        "C:\\Test\\Logs\\LogFile1.txt", "C:\\Test\\Logs\\systemlog1.log"]


def test_a_wildcard_leaf_with_recurse_searches_below(st: Path) -> None:
    # dir c:\tem* -rec => dir c:\ -include tem* -rec (SessionStateContainer.GetChildItems)
    assert names(st, "Get-ChildItem -Path C:\\Test\\*.log -Recurse", "FullName") == [
        "C:\\Test\\Logs\\Backup\\old.log", "C:\\Test\\Logs\\systemlog1.log"]
    assert names(st, "Get-ChildItem C:\\Test\\Logs\\* -Recurse", "FullName") == names(
        st, "Get-ChildItem C:\\Test\\Logs -Recurse", "FullName")


def test_names_are_relative_to_the_path(st: Path) -> None:
    r = ps(st, LOGS + "Get-ChildItem C:\\Test\\Logs -Recurse -Include *.log -Name")
    assert r.output == ["Backup\\old.log", "systemlog1.log"]


def test_literal_path_ignores_the_filters_in_5_1(st: Path) -> None:
    # the page's note: -Include and -Exclude have no effect with -LiteralPath (fixed in PowerShell 7)
    assert names(st, "Get-ChildItem -LiteralPath C:\\Test\\Logs -Include *.log") == [
        "Adirectory", "AnEmptyDirectory", "Backup", "Afile.txt", "LogFile1.txt", "systemlog1.log"]


@pytest.mark.parametrize("command, expected", [
    ("Get-ChildItem C:\\Test\\Logs\\LogFile1.txt -Include *.txt", ["LogFile1.txt"]),
    ("Get-ChildItem C:\\Test\\Logs\\LogFile1.txt -Exclude *.txt", []),
])
def test_a_file_path_passes_or_fails_by_its_name(st: Path, command: str, expected: list[str]) -> None:
    assert names(st, command) == expected


def test_a_missing_path_is_still_an_error(st: Path) -> None:
    r = ps(st, "Get-ChildItem C:\\Nope -Include *.txt")
    assert "Cannot find path 'C:\\Nope' because it does not exist." in r.error_text


def test_other_drives_refuse_the_filters(st: Path) -> None:
    r = ps(st, "Get-ChildItem Env: -Include P*")
    assert "not emulated" in r.error_text


RI = ("New-Item C:\\ri\\file1.txt -Value 1 -Force > $null; New-Item C:\\ri\\file2.txt -Value 1 -Force > $null; "
      "New-Item C:\\ri\\file3.wav -Value 1 -Force > $null; New-Item C:\\ri\\sub\\a.txt -Value 1 -Force > $null; "
      "New-Item C:\\ri\\sub\\b.log -Value 1 -Force > $null; ")
LEFT = "; (Get-ChildItem C:\\ri -Recurse -Name) -join ','"


@pytest.mark.parametrize("command, left", [
    # the Remove-Item page's examples: -Include with a trailing asterisk, -Exclude after -Include
    ("Remove-Item C:\\ri\\* -Include file*.txt -Exclude *2*", "sub,file2.txt,file3.wav,sub\\a.txt,sub\\b.log"),
    # -Recurse: every folder walked, a folder removed only when its name passes and nothing is left in it
    ("Remove-Item C:\\ri\\* -Recurse -Include *.txt", "sub,file3.wav,sub\\b.log"),
    ("Remove-Item C:\\ri\\* -Recurse -Exclude *.wav", "file3.wav"),
    ("Remove-Item C:\\ri\\* -Include *.txt -WhatIf", "sub,file1.txt,file2.txt,file3.wav,sub\\a.txt,sub\\b.log"),
])
def test_remove_item_include_exclude(st: Path, command: str, left: str) -> None:
    # https://learn.microsoft.com/powershell/module/microsoft.powershell.management/remove-item?view=powershell-5.1
    r = ps(st, RI + command + LEFT)
    assert not r.errors, r.error_text
    assert r.output == [left]
