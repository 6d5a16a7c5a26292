"""$PSCmdlet.ShouldProcess / ShouldContinue of advanced functions on the twin: when 5.1 would ask the user.

about_Functions_CmdletBindingAttribute (ConfirmImpact) and about_Preference_Variables ($ConfirmPreference), 5.1:
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_functions_cmdletbindingattribute?view=powershell-5.1#confirmimpact
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_preference_variables?view=powershell-5.1#confirmpreference
A prompt the twin cannot show is refused, never answered "yes" for the user.
"""

from __future__ import annotations

import pytest

from support.twin_script import out, ps


def function(impact: str | None) -> str:
    binding = "SupportsShouldProcess=$true" + (f", ConfirmImpact='{impact}'" if impact else "")
    return f"""
function set-thing {{
    [CmdletBinding({binding})]
    param()
    if ($PSCmdlet.ShouldProcess('thing', 'change')) {{ 'changed' }} else {{ 'skipped' }}
}}
"""


@pytest.mark.parametrize("impact, call", [
    (None, "set-thing"),                                 # Medium under the default $ConfirmPreference High
    ("Low", "set-thing"),
    ("High", "set-thing -Confirm:$false"),
    ("None", "set-thing -Confirm"),                      # ConfirmImpact None never asks
    ("Medium", "$ConfirmPreference = 'None'; set-thing"),
])
def test_no_prompt_runs_the_action(st, impact, call):
    assert out(st, function(impact) + call) == ["changed"]


@pytest.mark.parametrize("impact, call", [
    ("High", "set-thing"),                               # High reaches the default $ConfirmPreference
    (None, "set-thing -Confirm"),                        # -Confirm asks from Low up
    ("Low", "$ConfirmPreference = 'Low'; set-thing"),
])
def test_a_prompt_is_refused_not_answered(st, impact, call):
    r = ps(st, function(impact) + call)
    assert r.output == []
    assert [e.error_id for e in r.errors] == ["NotEmulated"]
    assert "confirmation prompt of $PSCmdlet.ShouldProcess()" in r.error_text
    assert 'Performing the operation "change" on target "thing".' in r.error_text


def test_what_if_skips_without_asking(st):
    r = ps(st, function("High") + "set-thing -WhatIf")
    assert r.ok and not r.errors and r.output == ["skipped"]


def test_should_continue_always_asks(st):
    script = """
function go { [CmdletBinding()] param() if ($PSCmdlet.ShouldContinue('Go on?', 'Caption')) { 'went' } }
go"""
    r = ps(st, script)
    assert r.output == [] and [e.error_id for e in r.errors] == ["NotEmulated"]


def test_a_runspace_without_host_fails_the_prompt_as_windows_does(st):
    # [powershell]::Create() has no host user interface in 5.1: HostException out of the method call
    script = (function("High") + "set-thing; 'after'").replace("'", "''")
    result = out(st, f"""
$ps = [powershell]::Create()
[void]$ps.AddScript('{script}')
$ps.Invoke()
$ps.Streams.Error.Count
$ps.Streams.Error[0].FullyQualifiedErrorId
""")
    assert result == ["after", 1, "HostException"]


def test_a_bad_confirm_impact_is_an_error(st):
    r = ps(st, function("Sometimes") + "set-thing")
    assert not r.output
    assert "ConfirmImpact" in r.error_text and "None, Low, Medium, High" in r.error_text


def test_what_if_reaches_the_commands_a_function_runs(st):
    # -WhatIf sets the function's $WhatIfPreference: New-Item inside does not create the file, it writes its What-if line
    script = r"""
function New-Thing { [CmdletBinding(SupportsShouldProcess)] param($Path) "what-if: $WhatIfPreference"; New-Item -Path $Path -ItemType File }
New-Thing -Path C:\Windows\Temp\whatif.txt -WhatIf
Test-Path C:\Windows\Temp\whatif.txt"""
    r = ps(st, script)
    assert r.output == ["what-if: True", False]
    assert r.host_output == ['What if: Performing the operation "Create File" on target "Destination: C:\\Windows\\Temp\\whatif.txt".']


def test_confirm_sets_the_confirm_preference_inside(st):
    script = """
function Set-Thing { [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'None')] param() $ConfirmPreference }
Set-Thing; Set-Thing -Confirm; Set-Thing -Confirm:$false; $ConfirmPreference; $WhatIfPreference"""
    assert out(st, script) == ["High", "Low", "None", "High", False]


def test_what_if_preference_makes_should_process_skip(st):
    assert out(st, function(None) + "$WhatIfPreference = $true; set-thing; 1..2 | ForEach-Object { $_ }") == \
        ["skipped", 1, 2]


def test_a_cmdlet_asked_to_confirm_is_refused_not_run(st):
    # New-Item -Confirm asks before creating the file in 5.1; the twin does not answer for the user
    r = ps(st, r"New-Item -Path C:\Windows\Temp\asked.txt -ItemType File -Confirm; Test-Path C:\Windows\Temp\asked.txt")
    assert r.output == [False] and "confirmation prompt of -Confirm" in r.error_text
    assert out(st, r"(New-Item -Path C:\Windows\Temp\asked.txt -ItemType File -Confirm:$false).Name") == ["asked.txt"]


def test_a_confirm_preference_of_medium_is_not_run_past(st):
    # Set-Variable's ConfirmImpact is Medium (the default): 5.1 asks before setting
    r = ps(st, "$ConfirmPreference = 'Medium'; Set-Variable -Name x -Value 1; \"x=$x\"")
    assert r.output == ["x="] and "confirmation prompt of -Confirm" in r.error_text
