"""Write-Progress's parameter validation in Windows PowerShell 5.1 (its page: -PercentComplete "-1 ... 100";
the attributes of WriteProgressCommand: Id 0.., PercentComplete -1..100, ParentId -1.., Status not empty).

https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/write-progress?view=powershell-5.1
"""

from __future__ import annotations

from support.twin_script import ps, out


def test_valid_progress_writes_nothing_to_output(st):
    assert out(st, "Write-Progress -Activity 'Copy' -Status 'half' -PercentComplete 50 -Id 1; "
                   "Write-Progress -Activity 'Copy' -Completed -Id 1; 'done'") == ["done"]


def test_out_of_range_values_are_refused(st):
    r = ps(st, "Write-Progress -Activity a -PercentComplete 101")
    assert r.errors[0].message == ("Cannot validate argument on parameter 'PercentComplete'. The 101 argument is greater than the "
                                   "maximum allowed range of 100. Supply an argument that is less than or equal to 100 and then "
                                   "try the command again.")
    assert "'ParentId'. The -2 argument is less than the minimum allowed range of -1" in ps(
        st, "Write-Progress -Activity a -ParentId -2").errors[0].message
    assert "'Id'. The -1 argument is less than the minimum allowed range of 0" in ps(
        st, "Write-Progress -Activity a -Id -1").errors[0].message
    assert "'Status'. The argument is null or empty" in ps(st, "Write-Progress -Activity a -Status ''").errors[0].message


# 5.1's -Activity is mandatory, also with -Completed (PowerShell 7 relaxed that).
def test_activity_is_mandatory(st):
    assert "missing mandatory parameters: Activity" in ps(st, "Write-Progress -Completed").errors[0].message
