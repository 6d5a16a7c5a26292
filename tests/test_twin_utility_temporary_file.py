"""New-TemporaryFile as its Windows PowerShell 5.1 page describes it.

https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/new-temporaryfile?view=powershell-5.1
"""

from __future__ import annotations

import re

from support.twin_script import ps, out


# "creates an empty file that has the .tmp file name extension ... named tmp<NNNN>.tmp ... in your TEMP folder"
def test_creates_an_empty_tmp_file_in_temp(st):
    name, kind, exists, length, temp = out(st, "$f = New-TemporaryFile; $f.FullName; $f.GetType().FullName; "
                                               "Test-Path $f.FullName; $f.Length; [IO.Path]::GetTempPath()")
    assert re.fullmatch(r"tmp[0-9A-F]+\.tmp", name.rsplit("\\", 1)[1]) and name.startswith(temp)
    assert (kind, exists, length) == ("System.IO.FileInfo", True, 0)


def test_each_call_makes_another_file(st):
    assert out(st, "(New-TemporaryFile).FullName -ne (New-TemporaryFile).FullName") == [True]


def test_whatif_creates_nothing(st):
    r = ps(st, "$n = @(Get-ChildItem ([IO.Path]::GetTempPath())).Count; New-TemporaryFile -WhatIf; "
               "@(Get-ChildItem ([IO.Path]::GetTempPath())).Count -eq $n")
    assert r.output == [True] and r.host_output == [
        'What if: Performing the operation "New-TemporaryFile" on target "C:\\Users\\Administrator\\AppData\\Local\\Temp\\".']
