"""Write-Debug under $DebugPreference (5.1 pages).

https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/write-debug?view=powershell-5.1
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_preference_variables?view=powershell-5.1#debugpreference
"""

from __future__ import annotations

from support.twin_script import ps, out


# SilentlyContinue (the default): "The debug message isn't displayed and execution continues without interruption."
def test_default_preference_writes_nothing(st):
    assert out(st, "Write-Debug 'hidden'; 'a'; $r = Write-Debug 'x' 5>&1; $null -eq $r; "
                   "function f { [CmdletBinding()] param() Write-Debug 'in f'; 'f' }; f") == ["a", True, "f"]


# Stop: "Displays the debug message and stops executing. Writes an error to the console."
def test_stop_preference_stops(st):
    r = ps(st, "$DebugPreference = 'Stop'; Write-Debug 'halt'")
    assert r.errors[0].message == ('The running command stopped because the preference variable "DebugPreference" or common '
                                   'parameter is set to Stop: halt')


# Continue: "Displays the debug message and continues with execution" (DEBUG: on the console; 5>&1 a DebugRecord);
# -Debug:$false "suppress[es] the message for a single command".
def test_continue_writes_the_debug_stream(st):
    r = ps(st, "$DebugPreference = 'Continue'; Write-Debug 'shown'; Write-Debug 'off' -Debug:$false; "
               "$r = Write-Debug 'kept' 5>&1; $r.GetType().FullName; \"$r\"")
    assert not r.errors, r.error_text
    assert r.debug == ["shown"]
    assert r.output == ["System.Management.Automation.DebugRecord", "kept"]


# Stop: the message is displayed, then the command stops.
def test_stop_shows_the_message_first(st):
    r = ps(st, "$DebugPreference = 'Stop'; Write-Debug 'halt'")
    assert r.debug == ["halt"] and r.errors[0].error_id.startswith("ActionPreferenceStop")


# -Debug is Inquire in 5.1 ("changes the value of the $DebugPreference variable to Inquire"): a prompt, refused, not dropped.
def test_debug_switch_asks_and_is_refused(st):
    r = ps(st, "Write-Debug 'ask' -Debug")
    assert r.errors[0].message.endswith("is not emulated by the labkit twin") and "prompt" in r.errors[0].message
    r = ps(st, "function f { [CmdletBinding()] param() $DebugPreference }; f -Debug")
    assert r.output == ["Inquire"]
