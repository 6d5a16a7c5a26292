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


# Continue would show "DEBUG: ..." on the debug stream, which the twin does not keep: refused, not dropped.
def test_showing_the_message_is_refused(st):
    r = ps(st, "$DebugPreference = 'Continue'; Write-Debug 'shown'")
    assert r.errors[0].message.endswith("is not emulated by the labkit twin")
