"""$Host, Get-Host, $Host.UI / RawUI / PrivateData and [Console] on the twin (labkit.twin.console_host).

Expected values from the Get-Host page (5.1):
https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/get-host?view=powershell-5.1
and System.Console (.NET Framework 4.8): https://learn.microsoft.com/dotnet/api/system.console?view=netframework-4.8
"""

from __future__ import annotations

import pytest

from labkit.twin.session import run_script

HOST = "CLUSTERNODE-1"


@pytest.fixture()
def run(tmp_path):
    def go(script: str, logon: str = "console"):
        return run_script(script, host=HOST, state_dir=tmp_path, logon=logon)
    return go


def test_get_host_lists_every_property_of_the_console_host(run):
    # Example 1: the properties, in InternalHost's order
    r = run("Get-Host")
    assert r.ok
    names = [line.split(":")[0].strip() for line in r.text.strip().splitlines()]
    assert names == ["Name", "Version", "InstanceId", "UI", "CurrentCulture", "CurrentUICulture", "PrivateData",
                     "DebuggerEnabled", "IsRunspacePushed", "Runspace"]
    assert "UI               : System.Management.Automation.Internal.Host.InternalHostUserInterface" in r.text
    assert "PrivateData      : Microsoft.PowerShell.ConsoleHost+ConsoleColorProxy" in r.text
    assert "Runspace         : System.Management.Automation.Runspaces.LocalRunspace" in r.text


def test_host_version_is_a_version_object(run):
    # Example 3: (Get-Host).Version is a System.Version (Major, Minor, Build, Revision), the PowerShell version
    r = run("$v = (Get-Host).Version; $v.GetType().FullName; $v.Major; $v.Minor; $v -eq $PSVersionTable.PSVersion; "
            "$Host.Version.Major -ge 5")
    assert r.output == ["System.Version", 5, 1, True, True]


def test_host_properties_are_read_only(run):
    r = run("$Host.Name = 'x'")
    assert r.errors[0].message == "'Name' is a ReadOnly property."


def test_raw_ui_sizes_colours_and_title(run):
    r = run("$raw = $Host.UI.RawUI; $raw.WindowSize.Width; \"$($raw.BufferSize)\"; [string]$raw.ForegroundColor; "
            "$raw.ForegroundColor.GetType().FullName; $raw.WindowTitle")
    assert r.output[0] == 120
    assert r.output[1] == "120,3000"
    assert r.output[2:4] == ["DarkYellow", "System.ConsoleColor"]
    assert r.output[4] == "Administrator: Windows PowerShell"


def test_raw_ui_size_is_a_copy(run):
    # Example 2 reads the size, changes the copy, and sets it back: changing the copy alone changes nothing
    r = run("$w = $Host.UI.RawUI.WindowSize; $w.Height = 10; \"$w\"; \"$($Host.UI.RawUI.WindowSize)\"")
    assert r.output == ["120,10", "120,50"]


def test_resizing_the_window_is_refused_loudly(run):
    r = run("$w = $Host.UI.RawUI.WindowSize; $w.Height = 10; $Host.UI.RawUI.Set_WindowSize($w)")
    assert r.errors
    assert "not emulated" in r.errors[0].message


def test_screen_dependent_members_are_refused_not_guessed(run):
    for member in ("CursorPosition", "MaxPhysicalWindowSize", "KeyAvailable"):
        r = run(f"$Host.UI.RawUI.{member}")
        assert r.errors and "not emulated" in r.errors[0].message, member


def test_setting_colours_converts_and_checks_the_name(run):
    r = run("$Host.UI.RawUI.ForegroundColor = 'green'; $Host.UI.RawUI.ForegroundColor.ToString(); "
            "$Host.UI.RawUI.BackgroundColor = 3; [string]$Host.UI.RawUI.BackgroundColor")
    assert r.output == ["Green", "DarkCyan"]
    bad = run("$Host.UI.RawUI.ForegroundColor = 'Purple'")
    assert bad.errors[0].message.startswith('Exception setting "ForegroundColor": "Cannot convert value "Purple" to type '
                                            '"System.ConsoleColor".')


def test_private_data_holds_the_stream_colours(run):
    r = run("$p = $Host.PrivateData; [string]$p.ErrorForegroundColor; [string]$p.WarningForegroundColor; "
            "[string]$p.ProgressBackgroundColor; $p.ErrorForegroundColor = 'Magenta'; [string]$Host.PrivateData.ErrorForegroundColor")
    assert r.output == ["Red", "Yellow", "DarkCyan", "Magenta"]


def test_host_ui_writes_go_to_the_host_not_the_pipeline(run):
    r = run("$x = $Host.UI.WriteLine('one'); $Host.UI.Write('a'); $Host.UI.Write('b'); $Host.UI.WriteLine(); "
            "$Host.UI.WriteWarningLine('careful'); $null -eq $x")
    assert r.output == [True]
    assert r.host_output == ["one", "ab", "WARNING: careful"]


def test_host_prompts_are_refused(run):
    r = run("$Host.UI.ReadLine()")
    assert r.errors and "not emulated" in r.errors[0].message


def test_console_members_share_the_window_with_raw_ui(run):
    r = run("[Console]::WindowWidth; [Console]::WindowHeight; [Console]::BufferWidth; [Console]::BufferHeight; "
            "[Console]::Title = 'Lab'; $Host.UI.RawUI.WindowTitle; [Console]::ForegroundColor = 'Red'; "
            "[string]$Host.UI.RawUI.ForegroundColor; [Console]::ResetColor(); [string][Console]::ForegroundColor")
    assert r.output == [120, 50, 120, 3000, "Lab", "Red", "DarkYellow"]


def test_console_write_line_formats_and_writes_to_the_host(run):
    r = run("$x = [Console]::WriteLine('{0} of {1}', 1, 2); [Console]::Write('a'); [System.Console]::WriteLine('b'); $null -eq $x")
    assert r.output == [True]
    assert r.host_output == ["1 of 2", "ab"]


def test_console_reads_are_refused(run):
    r = run("[Console]::ReadKey()")
    assert r.errors and "not emulated" in r.errors[0].message


def test_a_winrm_session_has_no_console_window(run):
    # powershell.exe under WinRS: no window, so its size is not answered (refused loudly), while writes still work
    r = run("[Console]::WindowWidth", logon="ntlm")
    assert r.errors and "WinRM" in r.errors[0].message
    r = run("$Host.UI.RawUI.WindowSize", logon="ntlm")
    assert r.errors and "not emulated" in r.errors[0].message
    r = run("[Console]::WriteLine('x'); $Host.Name", logon="ntlm")
    assert r.ok and r.host_output == ["x"] and r.output == ["ConsoleHost"]
