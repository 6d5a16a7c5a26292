""".NET static methods PowerShell's own Pester tests call, as the .NET reference pages describe them."""

from __future__ import annotations

import re

import pytest

from labkit.twin.session import ScriptResult, run_script

HOST = "CLUSTERNODE-1"


@pytest.fixture(scope="module")
def st(tmp_path_factory):
    return tmp_path_factory.mktemp("twin")


def out(state, script: str) -> list:
    r: ScriptResult = run_script(script, host=HOST, state_dir=state)
    assert r.ok and not r.errors, r.error_text
    return r.output


# Path.GetTempFileName "creates a uniquely named, zero-byte temporary file on disk and returns the full path
# of that file" (https://learn.microsoft.com/en-us/dotnet/api/system.io.path.gettempfilename)
def test_get_temp_file_name_creates_an_empty_file_in_the_temp_folder(st):
    path, exists, length, content, other = out(st, """
        $f = [IO.Path]::GetTempFileName()
        $f; Test-Path $f; (Get-Item $f).Length; @(Get-Content $f).Count
        [System.IO.Path]::GetTempFileName() -ne $f
    """)
    assert re.fullmatch(r"C:\\Users\\Administrator\\AppData\\Local\\Temp\\tmp[0-9A-F]{1,4}\.tmp", path)
    assert path.startswith(out(st, "[IO.Path]::GetTempPath()")[0])
    assert (exists, length, content, other) == (True, 0, 0, True)


def test_the_temp_file_takes_content_and_can_be_removed(st):
    assert out(st, """
        $f = [IO.Path]::ChangeExtension([IO.Path]::GetTempFileName(), 'txt')
        'one' > $f
        Get-Content $f
        Remove-Item $f; Test-Path $f
    """) == ["one", False]


# Cmdlet.CommonParameters: "Lists the common parameters that are added by the PowerShell engine to any cmdlet"
# (https://learn.microsoft.com/dotnet/api/system.management.automation.cmdlet.commonparameters), a
# HashSet<string>; 5.1's common parameters (about_CommonParameters, 5.1) have no ProgressAction.
def test_cmdlet_common_parameters_is_the_51_set(st):
    assert out(st, """
        $c = [System.Management.Automation.Cmdlet]::CommonParameters
        $c.Count; $c.Contains('errorACTION'); $c.Contains('ProgressAction'); $c.GetType().Name
        ([System.Management.Automation.PSCmdlet]::CommonParameters | Select-String Action | ForEach-Object { "$_" }) -join ','
        [System.Management.Automation.Cmdlet]::OptionalCommonParameters -join ','
    """) == [11, True, False, "HashSet`1", "ErrorAction,WarningAction,InformationAction", "WhatIf,Confirm,UseTransaction"]
