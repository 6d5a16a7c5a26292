"""Write-Information and $InformationPreference (5.1 pages).

https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/write-information?view=powershell-5.1
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_redirection?view=powershell-5.1
"""

from __future__ import annotations

from support.twin_script import ps


# "Because the default value of this variable is SilentlyContinue, by default, informational messages are not shown."
def test_not_shown_by_default_shown_with_continue(st):
    r = ps(st, "Write-Information 'quiet'; Write-Information 'shown' -InformationAction Continue; "
               "$InformationPreference = 'Continue'; Write-Information 'by preference'")
    assert r.ok and not r.errors and r.output == [] and r.host_output == ["shown", "by preference"]


# The record is in the information stream even when not shown: 6>&1 brings it into the output.
def test_redirected_record(st):
    r = ps(st, "$r = Write-Information 'captured' 6>&1; \"[$r]\"; $r.GetType().Name")
    assert r.output == ["[captured]", "InformationRecord"] and r.host_output == []


def test_stop_and_what_is_refused(st):
    r = ps(st, "Write-Information 'halt' -InformationAction Stop")
    assert r.errors[0].message == ('The running command stopped because the preference variable "InformationPreference" or '
                                   'common parameter is set to Stop: halt')
    assert ps(st, "Write-Information 'x' -InformationAction Inquire").errors[0].message.endswith(
        "is not emulated by the labkit twin")


# The record's properties as InformationRecord has them (labkit.twin.information_records; the full cases are in
# tests/test_twin_information_stream.py)
# https://learn.microsoft.com/en-us/dotnet/api/system.management.automation.informationrecord
def test_record_properties(st):
    r = ps(st, "$r = Write-Information 'm' -Tags t 6>&1; $r.MessageData; $r.ProcessId -eq $PID; $r.Tags")
    assert r.output == ["m", True, "t"] and not r.errors
