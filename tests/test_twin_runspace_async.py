"""A PowerShell object's BeginInvoke/EndInvoke, its invocation state and streams, and
[runspacefactory]::CreateRunspace(), as advanced functions' common parameters show them in 5.1.

https://learn.microsoft.com/dotnet/api/system.management.automation.powershell.begininvoke
https://learn.microsoft.com/dotnet/api/system.management.automation.psinvocationstate
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_commonparameters?view=powershell-5.1
"""

from __future__ import annotations

from support.twin_script import out

SETUP = """
$rs = [runspacefactory]::CreateRunspace()
$rs.Open()
$ps = [powershell]::Create()
$ps.Runspace = $rs
$state = $ps.InvocationStateInfo.State
"""


def run(state, function_body: str, call: str, after: str) -> list:
    script = f"function get-foo {{ [CmdletBinding()] param() {function_body} }}`n{call}"
    return out(state, SETUP + f'[void]$ps.AddScript("{script}")\n' + after + "\n$ps.Dispose(); $rs.Dispose()")


def test_end_invoke_returns_the_output_and_verbose_records(st):
    body = "Write-Output 'output foo'; Write-Verbose 'verbose foo'"
    after = """$r = $ps.BeginInvoke(); $o = $ps.EndInvoke($r)
$state; $o[0]; $ps.Streams.Verbose.Count; $ps.InvocationStateInfo.State"""
    assert run(st, body, "get-foo", after) == ["NotStarted", "output foo", 0, "Completed"]
    after = "$o = $ps.EndInvoke($ps.BeginInvoke()); $ps.Streams.Verbose[0].Message"
    assert run(st, body, "get-foo -Verbose", after) == ["verbose foo"]


def test_error_action_decides_what_reaches_the_error_stream(st):
    body = "Write-Error 'error foo'; Write-Output 'output foo'"
    after = "$o = $ps.EndInvoke($ps.BeginInvoke()); $o[0]; $ps.Streams.Error.Count; $ps.Streams.Error[0].ToString()"
    assert run(st, body, "get-foo", after) == ["output foo", 1, "error foo"]
    after = "$o = $ps.EndInvoke($ps.BeginInvoke()); $o[0]; $ps.Streams.Error.Count"
    assert run(st, body, "get-foo -ErrorAction SilentlyContinue", after) == ["output foo", 0]


def test_stop_fails_the_invocation_with_an_action_preference_stop(st):
    body = "Write-Error 'error foo'; Write-Output 'output foo'"
    after = """$r = $ps.BeginInvoke()
try { $ps.EndInvoke($r) } catch { $_.FullyQualifiedErrorId; $_.Exception.InnerException.Message }
$ps.InvocationStateInfo.State"""
    assert run(st, body, "get-foo -ErrorAction Stop", after) == [
        "ActionPreferenceStopException",
        'The running command stopped because the preference variable "ErrorActionPreference" or common parameter is set to '
        "Stop: error foo",
        "Failed"]


def test_runspace_state(st):
    assert out(st, "$rs = [runspacefactory]::CreateRunspace(); $rs.RunspaceStateInfo.State; $rs.Open(); "
                   "$rs.RunspaceStateInfo.State; $rs.Dispose(); $rs.RunspaceStateInfo.State") == ["BeforeOpen", "Opened", "Closed"]
