"""The information stream (6) as Windows PowerShell 5.1 writes it: Write-Information's InformationRecord, its -Tags,
-InformationVariable of cmdlets and functions, Write-Host's record, 6>&1.

From the 5.1 pages: Write-Information
https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/write-information?view=powershell-5.1
("Write-Information ... specifies how PowerShell handles information stream data"; -Tags; -MessageData does not take
pipeline input in 5.1), about_CommonParameters (-InformationVariable)
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_commonparameters?view=powershell-5.1
and the InformationRecord class https://learn.microsoft.com/dotnet/api/system.management.automation.informationrecord
"""

from __future__ import annotations

from support.twin_script import out, ps


def test_a_redirected_record_is_an_information_record(st):
    got = out(st, """
$r = Write-Information -MessageData 'Test Message' -Tags one, two 6>&1
$r -is [System.Management.Automation.InformationRecord]
"$r"
$r.Tags -join '+'
$r.Source
$r.ProcessId -eq $PID
$r.User -eq "$env:USERDOMAIN\\$env:USERNAME"
$r.Computer -like "$env:COMPUTERNAME*"
$r.TimeGenerated -is [datetime]
""")
    assert got == [True, "Test Message", "one+two", "Write-Information", True, True, True, True]


def test_the_variable_gets_the_record_even_when_silent(st):
    # default $InformationPreference is SilentlyContinue: not shown, but written to the stream
    r = ps(st, """
Write-Information -MessageData 42 -InformationVariable iv
$iv.Count
$iv[0].MessageData.GetType().Name
Write-Information -MessageData gone -InformationAction Ignore -InformationVariable ig
$ig.Count
""")
    assert not r.errors and r.host_output == []
    assert r.output == [1, "Int32", 0]


def test_continue_shows_the_message(st):
    r = ps(st, "Write-Information 'seen' -InformationAction Continue")
    assert r.host_output == ["seen"] and not r.errors


def test_a_function_collects_the_records_of_its_commands(st):
    got = out(st, """
function f { [CmdletBinding()] param() Write-Information one; Write-Host two }
f -InformationVariable fi 6>$null
$fi.Count
$fi[0].MessageData
$fi[1].Tags -join ','
$fi[1].MessageData.GetType().FullName
""")
    assert got == [2, "one", "PSHOST", "System.Management.Automation.HostInformationMessage"]


def test_a_runspace_keeps_silent_records_in_its_information_stream(st):
    got = out(st, """
$p = [powershell]::Create()
$null = $p.AddScript("Write-Information TestMessage -Tag Test").Invoke()
$p.Streams.Information.Count
$p.Streams.Information[0].MessageData
$p.Streams.Information[0].Tags -join ','
""")
    assert got == [1, "TestMessage", "Test"]


def test_message_data_takes_no_pipeline_input_in_5_1(st):
    r = ps(st, "'a' | Write-Information -InformationAction Continue")
    assert r.errors and r.errors[0].error_id.startswith("InputObjectNotBound")


def test_pscmdlet_write_methods_use_the_function_streams(st):
    # Cmdlet.WriteWarning / WriteVerbose / WriteInformation(messageData, tags) from an advanced function: its
    # -WarningVariable, -Verbose, -InformationVariable and preferences apply
    # (https://learn.microsoft.com/dotnet/api/system.management.automation.cmdlet.writeinformation)
    r = ps(st, """
function f { [CmdletBinding()] param()
    $PSCmdlet.WriteWarning('pw'); $PSCmdlet.WriteVerbose('pv'); $PSCmdlet.WriteInformation('pi', @('t')); 'out' }
f -WarningVariable w -Verbose -InformationVariable i -WarningAction SilentlyContinue
"$($w.Count) $($i[0].MessageData) $($i[0].Tags)"
""")
    assert not r.errors, r.error_text
    assert r.output == ["out", "1 pi t"] and r.verbose == ["pv"] and r.warnings == []
