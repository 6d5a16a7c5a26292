"""Where the twin lacks a value Windows has, it refuses; it does not answer $null.

PowerShell reads a property an object does not have as $null, so a member the real object has but the twin's
object lacks would be a silent wrong answer (the next ``.GetType(...)`` then fails with "You cannot call a method
on a null-valued expression", far from the cause). Sources of the member names: System.Type
(https://learn.microsoft.com/dotnet/api/system.type) and PSHost
(https://learn.microsoft.com/dotnet/api/system.management.automation.host.pshost).
"""

from __future__ import annotations

import pytest

from support.twin_script import out, ps


@pytest.mark.parametrize("script", [
    '[psobject].Assembly.GetType("System.Management.Automation.TypeAccelerators")',   # TypeAccelerator.Tests.ps1's BeforeAll
    "$t = [int]; $t.Module",
    "$Host.UI.RawUI.CursorPosition",     # what depends on the screen or the moment (labkit.twin.console_host)
    "$Host.UI.RawUI.MaxPhysicalWindowSize",
    "[Console]::KeyAvailable",
])
def test_refused_not_null(st, script):
    r = ps(st, script)
    assert "not emulated" in r.error_text
    assert "null-valued" not in r.error_text


@pytest.mark.parametrize("script, expected", [
    ("$null -eq [int].NoSuchProperty", [True]),         # a name no System.Type has: $null, as in 5.1
    ("[int].Name; [int].FullName", ["Int32", "System.Int32"]),
    ("$null -eq $Host.NoSuchProperty", [True]),
    ("$Host.Name", ["ConsoleHost"]),
])
def test_modelled_and_absent_members(st, script, expected):
    assert out(st, script) == expected
