"""A PowerShell object ([powershell]::Create()) on the twin as the PowerShell class's reference
describes it: Add* calls build one pipeline, AddStatement() the next statement, and the runspace
keeps what an Invoke() defined for the next Invoke()."""

from __future__ import annotations

import pytest

from support.twin_script import out


@pytest.mark.parametrize("script, expected", [
    # commands added one after another are one pipeline
    ("$ps = [powershell]::Create(); $ps.AddCommand('Write-Output').AddArgument(3)."
     "AddCommand('ForEach-Object').AddArgument({ $_ * 10 }).Invoke()", [30]),
    ("$ps = [powershell]::Create(); $ps.AddScript('1, 2, 3').AddScript('$input | Measure-Object | ForEach-Object Count').Invoke()", [3]),
    # AddStatement() starts a new statement: both write
    ("$ps = [powershell]::Create(); $ps.AddScript('1').AddStatement().AddScript('2').Invoke()", [1, 2]),
    # a script added after an Invoke() without Commands.Clear() takes the first one's output (PowerShell's Parser.Tests.ps1)
    ("$ps = [powershell]::Create(); $null = $ps.AddScript('\"first\"').Invoke(); "
     "$ps.AddScript('function g { \"second\" }; g').Invoke()", ["second"]),
    # the runspace keeps variables and functions between Invoke() calls
    ("$ps = [powershell]::Create(); $null = $ps.AddScript('$x = 5; function f { $x * 2 }').Invoke(); $ps.Commands.Clear(); "
     "$ps.AddScript('f').Invoke()", [10]),
    # ... but not what a script run in a local scope defined
    ("$ps = [powershell]::Create(); $null = $ps.AddScript('$y = 7', $true).Invoke(); $ps.Commands.Clear(); "
     "$ps.AddScript('\"y=$y\"').Invoke()", ["y="]),
    # ... and nothing of the caller's, nor of how the twin passed the arguments
    ("$mine = 1; $ps = [powershell]::Create(); $ps.AddCommand('Write-Output').AddArgument('a').Invoke() | Out-Null; "
     "$ps.Commands.Clear(); $ps.AddScript('$null -eq $mine; @(Get-Variable __pk* -ErrorAction SilentlyContinue).Count').Invoke()",
     [True, 0]),
])
def test_powershell_object(st, script, expected):
    assert out(st, script) == expected
