"""New-TimeSpan and Measure-Command as their Windows PowerShell 5.1 pages describe them, and the parts of a
System.TimeSpan as .NET computes them.

https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/new-timespan?view=powershell-5.1
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/measure-command?view=powershell-5.1
https://learn.microsoft.com/en-us/dotnet/api/system.timespan?view=netframework-4.8
"""

from __future__ import annotations

from support.twin_script import ps, out


# New-TimeSpan, Example 1: "-Hours 1 -Minutes 25" and its list view (the page's Output block).
def test_hours_and_minutes_and_the_list_view(st):
    text = out(st, "$TimeSpan = New-TimeSpan -Hours 1 -Minutes 25; $TimeSpan | Out-String")[0]
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    assert lines == ["Days              : 0", "Hours             : 1", "Minutes           : 25", "Seconds           : 0",
                     "Milliseconds      : 0", "Ticks             : 51000000000", "TotalDays         : 0.0590277777777778",
                     "TotalHours        : 1.41666666666667", "TotalMinutes      : 85", "TotalSeconds      : 5100",
                     "TotalMilliseconds : 5100000"]


def test_the_type_and_no_parameters_is_zero(st):
    assert out(st, "(New-TimeSpan).GetType().FullName; (New-TimeSpan).Ticks; (New-TimeSpan -Days 90).TotalHours; "
                   "(New-TimeSpan -Seconds 90).Ticks.GetType().Name") == ["System.TimeSpan", 0, 2160, "Int64"]


# -Start/-End: "the default value ... is the current date and time"; End minus Start.
def test_start_and_end(st):
    assert out(st, "$s = Get-Date -Year 2020 -Month 1 -Day 1 -Hour 0 -Minute 0 -Second 0 -Millisecond 0; "
                   "(New-TimeSpan -Start $s -End $s.AddHours(36)).TotalHours; (New-TimeSpan ($s.AddDays(2)) $s).Days; "
                   "(New-TimeSpan -End (Get-Date).AddMinutes(5)).Minutes -in 4, 5") == [36, -2, True]


# Example 4: the Start parameter's alias LastWriteTime takes a file's LastWriteTime from the pipeline.
def test_start_by_property_name_last_write_time(st):
    assert out(st, "$o = [pscustomobject]@{ LastWriteTime = (Get-Date).AddDays(-3) }; ($o | New-TimeSpan).Days") == [3]


# .NET: a negative span has negative parts (C# division truncates toward zero).
def test_negative_spans_have_negative_parts(st):
    assert out(st, "$t = New-TimeSpan -Hours -25 -Minutes -30; $t.Days; $t.Hours; $t.Minutes; $t.TotalHours") == [-1, -1, -30, -25.5]


# 5.1's New-TimeSpan has no -Milliseconds (PowerShell 6 added it); a span beyond TimeSpan's range overflows.
def test_what_5_1_refuses(st):
    r = ps(st, "New-TimeSpan -Milliseconds 5")
    assert "A parameter cannot be found that matches parameter name 'Milliseconds'." in r.error_text
    r = ps(st, "New-TimeSpan -Days 100000000")
    assert r.errors[0].message == "TimeSpan overflowed because the duration is too long."


def test_days_and_time_sets_do_not_mix(st):
    r = ps(st, "New-TimeSpan -Start (Get-Date) -Days 1")
    assert "Parameter set cannot be resolved" in r.error_text


# Measure-Command: a TimeSpan; the script block's output is not written; it runs in the current scope (Example 5).
def test_measure_command_returns_a_timespan_and_discards_output(st):
    assert out(st, "$r = @(Measure-Command { 'out'; 1..3 }); $r.Count; $r[0].GetType().Name") == [1, "TimeSpan"]


def test_measure_command_runs_in_the_current_scope(st):
    assert out(st, "$foo = 'Value 1'; $null = Measure-Command { $foo = 'Value 2' }; $foo; "
                   "$null = Measure-Command { & { $foo = 'Value 3' } }; $foo") == ["Value 2", "Value 2"]


# Example 3: the block runs once per piped object, $_ being that object.
def test_measure_command_runs_once_per_pipeline_object(st):
    assert out(st, "$seen = @(); $null = 10, 20, 50 | Measure-Command -Expression { $seen += $_ }; $seen -join ','") == ["10,20,50"]


# The twin's time is the lab clock: Start-Sleep inside the block is what the block took.
def test_measure_command_measures_the_lab_clock(st):
    assert out(st, "(Measure-Command { Start-Sleep -Seconds 3 }).TotalSeconds") == [3]


def test_measure_command_writes_the_blocks_errors(st):
    r = ps(st, "$t = Measure-Command { Write-Error 'inside' }; $t.GetType().Name")
    assert r.output == ["TimeSpan"] and [e.message for e in r.errors] == ["inside"]


# TimeSpan's methods and ToString(format): standard "c", "g", "G" and custom formats with \-escaped separators.
# https://learn.microsoft.com/en-us/dotnet/standard/base-types/custom-timespan-format-strings
def test_timespan_methods_and_formats(st):
    assert out(st, "$t = New-TimeSpan -Days 1 -Hours 2 -Minutes 3 -Seconds 4; $t.ToString('c'); $t.ToString('g'); "
                   "$t.ToString('G'); $t.ToString('hh\\:mm\\:ss'); $t.ToString('%d'); $t.Negate().Hours; "
                   "$t.Add((New-TimeSpan -Hours 22)).Days; $t.Subtract('02:00:00').Hours; $t.Duration() -eq $t; "
                   "$t.CompareTo([timespan]::Zero)") == [
        "1.02:03:04", "1:2:03:04", "1:02:03:04.0000000", "02:03:04", "1", -2, 2, 0, True, 1]
    r = ps(st, "(New-TimeSpan -Hours 1).ToString('hh:mm')")
    assert "Input string was not in a correct format." in r.errors[0].message
