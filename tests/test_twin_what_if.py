"""-WhatIf (and $WhatIfPreference) of the FileSystem cmdlets: 5.1's What-if lines, and nothing changed.

Texts: ShouldProcess's "What if: Performing the operation "<action>" on target "<target>"." with the FileSystem
provider's actions and targets (FileSystemProviderStrings.resx), the content cmdlets' (NavigationResources.resx) and
Out-File's (FormatAndOut_out_xxx.resx), PowerShell's source at 237ccbd;
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_commonparameters?view=powershell-5.1#-whatif
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.twin_script import ps

SETUP = ("New-Item C:\\wi\\a.txt -Value 1 -Force | Out-Null; New-Item C:\\wi\\sub\\b.txt -Value 2 -Force | Out-Null; ")
UNCHANGED = "(Get-ChildItem C:\\wi -Recurse -Name) -join ','; Get-Content C:\\wi\\a.txt"


def what_if(action: str, target: str) -> str:
    return f'What if: Performing the operation "{action}" on target "{target}".'


@pytest.mark.parametrize("command, lines", [
    ("Remove-Item C:\\wi\\a.txt -WhatIf", [what_if("Remove File", "C:\\wi\\a.txt")]),
    # the folder is asked for once; with -WhatIf nothing below it is visited
    ("Remove-Item C:\\wi\\sub -Recurse -WhatIf", [what_if("Remove Directory", "C:\\wi\\sub")]),
    ("New-Item C:\\wi\\c.txt -WhatIf", [what_if("Create File", "Destination: C:\\wi\\c.txt")]),
    ("New-Item C:\\wi\\x\\y\\d.txt -Force -WhatIf",
     [what_if("Create Directory", "Destination: C:\\wi\\x\\y"), what_if("Create File", "Destination: C:\\wi\\x\\y\\d.txt")]),
    ("New-Item C:\\wi\\n -ItemType Directory -WhatIf", [what_if("Create Directory", "Destination: C:\\wi\\n")]),
    ("Copy-Item C:\\wi\\a.txt C:\\wi\\sub -WhatIf", [what_if("Copy File", "Item: C:\\wi\\a.txt Destination: C:\\wi\\sub\\a.txt")]),
    ("Copy-Item C:\\wi\\sub C:\\wi\\sub2 -Recurse -WhatIf",
     [what_if("Copy Directory", "Item: C:\\wi\\sub Destination: C:\\wi\\sub2")]),
    ("Move-Item C:\\wi\\a.txt C:\\wi\\z.txt -WhatIf", [what_if("Move File", "Item: C:\\wi\\a.txt Destination: C:\\wi\\z.txt")]),
    ("Rename-Item C:\\wi\\a.txt e.txt -WhatIf", [what_if("Rename File", "Item: C:\\wi\\a.txt Destination: C:\\wi\\e.txt")]),
    ("Set-Content C:\\wi\\a.txt 9 -WhatIf", [what_if("Set Content", "Path: C:\\wi\\a.txt")]),
    ("Add-Content C:\\wi\\a.txt 9 -WhatIf", [what_if("Add Content", "Path: C:\\wi\\a.txt")]),
    ("'x' | Out-File C:\\wi\\o.txt -WhatIf", [what_if("Output to File", "C:\\wi\\o.txt")]),
    ("$WhatIfPreference = $true; Remove-Item C:\\wi\\a.txt; $WhatIfPreference = $false",
     [what_if("Remove File", "C:\\wi\\a.txt")]),
])
def test_what_if_writes_the_line_and_changes_nothing(st: Path, command: str, lines: list[str]) -> None:
    r = ps(st, SETUP + command + "; " + UNCHANGED)
    assert not r.errors, r.error_text
    assert r.host_output == lines
    assert r.output == ["sub,a.txt,sub\\b.txt", "1"]


def test_what_if_false_acts(st: Path) -> None:
    r = ps(st, SETUP + "Remove-Item C:\\wi\\a.txt -WhatIf:$false; Test-Path C:\\wi\\a.txt")
    assert r.output == [False] and not r.host_output
