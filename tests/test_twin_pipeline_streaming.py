"""Pipelines stream one object at a time, as Windows PowerShell 5.1 runs them.

about_Pipelines, "One-at-a-time processing":
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_pipelines?view=powershell-5.1
about_Functions_Advanced_Methods (begin once, process per object, end after the input):
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_functions_advanced_methods?view=powershell-5.1
Select-Object -First (stops the commands before it once it has its objects):
https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/select-object?view=powershell-5.1
ForEach-Object -Begin/-Process/-End:
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/foreach-object?view=powershell-5.1
"""

from __future__ import annotations

import time

from support.twin_script import out, ps


def host(st, script: str) -> list[str]:
    r = ps(st, script)
    assert r.ok and not r.errors, r.error_text
    return list(r.host_output)


def test_each_object_goes_through_the_whole_pipeline_before_the_next(st):
    shown = host(st, '1..2 | ForEach-Object { Write-Host "A$_"; $_ } | ForEach-Object { Write-Host "B$_" }')
    assert shown == ["A1", "B1", "A2", "B2"]


def test_functions_stream_object_by_object(st):
    shown = host(st, 'function g { process { Write-Host "g$_"; $_ } }\n'
                     'function k { process { Write-Host "k$_" } }\n'
                     '1..3 | g | k')
    assert shown == ["g1", "k1", "g2", "k2", "g3", "k3"]


def test_what_a_block_writes_goes_on_before_its_next_statement(st):
    shown = host(st, '1 | ForEach-Object { 1; Write-Host "between"; 2 } | ForEach-Object { Write-Host "got $_" }')
    assert shown == ["got 1", "between", "got 2"]


def test_begin_blocks_run_first_to_last_before_any_object_flows(st):
    shown = host(st, 'function a { begin { Write-Host "a-begin" } process { Write-Host "a$_"; $_ } end { Write-Host "a-end" } }\n'
                     'function b { begin { Write-Host "b-begin" } process { Write-Host "b$_" } end { Write-Host "b-end" } }\n'
                     '1..2 | a | b')
    assert shown == ["a-begin", "b-begin", "a1", "b1", "a2", "b2", "a-end", "b-end"]


def test_select_first_stops_the_commands_before_it(st):
    r = ps(st, 'function f { begin { "fb" } process { Write-Host "f$_"; $_ } end { "fe" } }\n'
               '1..4 | f | Select-Object -First 2')
    assert r.ok and not r.errors, r.error_text
    assert r.output == ["fb", 1]
    assert list(r.host_output) == ["f1"]


def test_a_stopped_command_runs_no_further_statement(st):
    shown = host(st, '1..3 | & { process { $_; Write-Host "after $_" } } | Select-Object -First 1 | Out-Null')
    assert shown == []


def test_end_block_of_a_stopped_command_does_not_run(st):
    # PowerShell's PipelineBehaviour.Tests: 'does not execute End {} if the pipeline is halted during Process {}'
    assert out(st, '1..10 | & { begin { "BEGIN" } process { "PROCESS $_" } end { "END"; throw "not reached" } } |'
                   ' Select-Object -First 3') == ["BEGIN", "PROCESS 1", "PROCESS 2"]


def test_commands_after_select_first_run_to_their_end(st):
    assert out(st, 'function bar { process { "bar_" + $_ } end { "bar_end" } }\n'
                   'function zoo { process { "zoo_" + $_ } end { "zoo_end" } }\n'
                   '1..10 | bar | Select-Object -First 2 | zoo') == ["zoo_bar_1", "zoo_bar_2", "zoo_end"]


def test_an_endless_producer_ends_when_select_first_has_its_objects(st):
    assert out(st, 'function count { $i = 0; while ($true) { $i++; $i } }\ncount | Select-Object -First 3') == [1, 2, 3]


def test_a_range_at_the_head_of_a_pipeline_is_read_as_needed(st):
    started = time.monotonic()
    assert out(st, '1..1e9 | Select-Object -First 3') == [1, 2, 3]
    assert out(st, '10..-1e9 | ForEach-Object { $_ } | Select-Object -First 2') == [10, 9]
    assert time.monotonic() - started < 10


def test_upstream_work_stops_with_the_pipeline(st):
    assert out(st, '$c = 0; 1..10 | ForEach-Object { $c++; $_ } | Select-Object -First 2 | Out-Null; $c') == [2]


def test_foreach_object_begin_process_end(st):
    assert out(st, '1..3 | ForEach-Object -Begin { "b" } -Process { $_ * 2 } -End { "e" }') == ["b", 2, 4, 6, "e"]
    # more than one block without -Begin: the first is the begin block; more than two without -End: the last is the end
    # block (ForEachObjectCommand.BeginProcessing)
    assert out(st, '1..2 | ForEach-Object -Process { "p$_" } -RemainingScripts { "r$_" }') == ["p", "r1", "r2"]
    assert out(st, '1..2 | ForEach-Object -Process { "b" }, { "p$_" }, { "e" }') == ["b", "p1", "p2", "e"]
    assert out(st, '1..2 | ForEach-Object -Begin { "b" } -Process { "p$_" }, { "e" }') == ["b", "p1", "p2", "e"]
    assert out(st, '1..2 | ForEach-Object -Process { "p$_" } -End { "e" }') == ["p1", "p2", "e"]


def test_foreach_object_blocks_run_in_the_callers_scope(st):
    assert out(st, 'function g { process { $y = "inner"; $_ } }\n'
                   'function t { $y = "t"; 1..2 | ForEach-Object { "$y$_" } | g }\nt') == ["t1", "t2"]


def test_a_terminating_error_in_a_later_command_stops_the_pipeline_there(st):
    r = ps(st, 'try { 1..3 | ForEach-Object { Write-Host "one $_"; $_ } |'
               ' ForEach-Object { if ($_ -eq 2) { throw "boom" }; Write-Host "two $_" } } catch { "caught $_" }')
    assert r.ok, r.error_text
    assert r.output == ["caught boom"]
    assert list(r.host_output) == ["one 1", "two 1", "one 2"]


def test_keys_piped_while_the_pipeline_changes_the_hashtable_fail_at_the_next_key(st):
    r = ps(st, '$h = @{a = 1; b = 2}; $h.Keys | ForEach-Object { $h[$_] = 0 }')
    assert not r.ok or r.errors
    assert "Collection was modified; enumeration operation may not execute." in r.error_text
    assert out(st, '$h = @{a = 1; b = 2}; @($h.Keys) | ForEach-Object { $h[$_] = 0 }; $h.a + $h.b') == [0]


def test_process_binds_each_object_as_it_arrives(st):
    shown = host(st, 'function f { param([Parameter(ValueFromPipeline)][int]$N) process { Write-Host "f$N"; $N } }\n'
                     '1..3 | f | ForEach-Object { Write-Host "n$_" }')
    assert shown == ["f1", "n1", "f2", "n2", "f3", "n3"]


def test_input_in_end_block_holds_everything_the_function_got(st):
    assert out(st, 'function total { $sum = 0; foreach ($x in $input) { $sum += $x }; $sum }\n1..4 | total') == [10]
    assert out(st, 'function e { end { @($input).Count } }\n1..5 | e') == [5]


def test_out_variable_of_an_advanced_function_keeps_what_it_streamed(st):
    assert out(st, 'function f { [CmdletBinding()] param([Parameter(ValueFromPipeline)]$x) process { $x * 10 } }\n'
                   '1..3 | f -OutVariable ov | Select-Object -Last 1; $ov.Count') == [30, 3]


def test_select_object_writes_each_object_as_it_comes(st):
    shown = host(st, '1..3 | ForEach-Object { Write-Host "p$_"; $_ } | Select-Object -First 2 |'
                     ' ForEach-Object { Write-Host "got $_" }')
    assert shown == ["p1", "got 1", "p2", "got 2"]
    shown = host(st, '1..3 | ForEach-Object { Write-Host "p$_"; $_ } | Select-Object @{n="N"; e={$_ * 2}} |'
                     ' ForEach-Object { Write-Host "got $($_.N)" }')
    assert shown == ["p1", "got 2", "p2", "got 4", "p3", "got 6"]


def test_select_object_first_last_skip_as_5_1_queues_them(st):
    # -First with -Last writes no object twice; -Skip with -Last skips from the end (Select-Object page, 5.1)
    assert out(st, '(1..5 | Select-Object -First 2 -Last 2) -join ","') == ["1,2,4,5"]
    assert out(st, '(1..3 | Select-Object -First 2 -Last 2) -join ","') == ["1,2,3"]
    assert out(st, '(1..10 | Select-Object -Skip 3 -First 2) -join ","') == ["4,5"]
    assert out(st, '(1..10 | Select-Object -Last 3 -Skip 2) -join ","') == ["6,7,8"]
    assert out(st, '(1..10 | Select-Object -SkipLast 3) -join ","') == ["1,2,3,4,5,6,7"]
    assert out(st, '(1..6 | Select-Object -First 0) -join ","') == [""]


def test_select_object_index_writes_in_input_order_and_stops_after_the_last_index(st):
    assert out(st, '(1..10 | Select-Object -Index 5, 1, 1) -join ","') == ["2,6"]
    r = ps(st, 'function f { process { Write-Host "f$_"; $_ } }\n1..9 | f | Select-Object -Index 0, 2')
    assert r.ok and not r.errors, r.error_text
    assert r.output == [1, 3]
    assert list(r.host_output) == ["f1", "f2", "f3"]


def test_select_object_wait_lets_the_commands_before_it_run_on(st):
    shown = host(st, '1..3 | ForEach-Object { Write-Host "p$_"; $_ } | Select-Object -First 1 -Wait | Out-Null')
    assert shown == ["p1", "p2", "p3"]


def test_automation_null_elements_of_an_array_written_are_skipped(st):
    # Pipe.AddItems slips over AutomationNull.Value (what `& {}` gives); a $null element is written
    assert out(st, '$an = & {}; 1, $an, 2, $null, 3 | ForEach-Object { "[$_]" }') == ["[1]", "[2]", "[]", "[3]"]
    assert out(st, '$an = & {}; function MyTest { 1, $an, 2, $an, 3 }; $r = MyTest; $r.Count; MyTest') == [3, 1, 2, 3]


def test_input_is_an_enumerator_read_once_until_reset(st):
    # about_Automatic_Variables (5.1), "Using enumerators", Example 1 and 2
    assert out(st, 'function Test { process { "Input: $input"; "Again: $input"; $input.Reset(); "Reset: $input" } }\n'
                   '"one", "two" | Test') == ["Input: one", "Again: ", "Reset: one", "Input: two", "Again: ", "Reset: two"]
    assert out(st, 'function All { "All: $input"; "Again: $input"; $input.Reset(); "Reset: $input"\n'
                   '  $input.MoveNext() | Out-Null; "MoveNext: $input" }\n'
                   '"one", "two", "three" | All') == ["All: one two three", "Again: ", "Reset: one two three", "MoveNext: "]


def test_input_current_is_set_by_movenext_in_the_process_block(st):
    # about_Automatic_Variables (5.1), Example 3
    assert out(st, 'function Current { process { "Before: $($input.Current)"; [void]$input.MoveNext()\n'
                   '  "After: $($input.Current)"; "Again: $($input.Current)" } }\n'
                   '"one", "two" | Current') == ["Before: ", "After: one", "Again: one", "Before: ", "After: two", "Again: two"]
    assert out(st, 'function m { process { $input.MoveNext(); $input.MoveNext() } }\n"x" | m') == [True, False]


def test_tee_object_passes_each_object_on_as_it_comes(st):
    shown = host(st, '1..2 | ForEach-Object { Write-Host "p$_"; $_ } | Tee-Object -Variable t |'
                     ' ForEach-Object { Write-Host "got $_" }; Write-Host ($t -join ",")')
    assert shown == ["p1", "got 1", "p2", "got 2", "1,2"]
    assert out(st, '1..2 | Tee-Object -FilePath C:\\tee.txt | Select-Object -First 1; Get-Content C:\\tee.txt') == [1, "1"]


def test_pipeline_variable_of_a_cmdlet_holds_what_it_passed_on(st):
    # about_CommonParameters (5.1), -PipelineVariable: cleared before the pipeline, set as each object passes to the next
    # command, cleared when the pipeline ends
    shown = host(st, '$Temp = 8\n'
                     '111, 222 | ForEach-Object -PipelineVariable Temp -Begin { Write-Host "Begin: $Temp" }'
                     ' -Process { Write-Host "Up: $PSItem $Temp"; $PSItem } |'
                     ' ForEach-Object { Write-Host "Down: $PSItem $Temp" }\n'
                     'Write-Host "After: [$Temp]"')
    assert shown == ["Begin: ", "Up: 111 ", "Down: 111 111", "Up: 222 111", "Down: 222 222", "After: []"]
    assert out(st, '1..3 | Where-Object { $_ -gt 1 } -pv w | ForEach-Object { "w$w" }') == ["w2", "w3"]
    # stopped by Select-Object, the command's variable keeps its last value until the pipeline ends
    assert out(st, '1..5 | ForEach-Object -pv v { $_ } | Select-Object -First 2 | ForEach-Object { "v$v" } -End { "end$v" }\n'
                   '"after[$v]"') == ["v1", "v2", "end2", "after[]"]


def test_pipeline_variable_of_a_function_is_refused_loudly(st):
    r = ps(st, 'function f { [CmdletBinding()] param() 1 }; f -PipelineVariable z')
    assert "not emulated" in r.error_text


def test_myinvocation_knows_the_commands_place_in_its_pipeline(st):
    # InvocationInfo.PipelinePosition / PipelineLength count the pipeline's commands
    # (https://learn.microsoft.com/dotnet/api/system.management.automation.invocationinfo.pipelineposition)
    assert out(st, 'function p { process { "$($MyInvocation.PipelinePosition)/$($MyInvocation.PipelineLength)" } }\n'
                   '1 | p | ForEach-Object { $_ }; Get-Date | p; p') == ["1/2", "2/2", "1/1"]


def test_pipelines_of_functions_deep_in_recursion(st):
    # deep calls continue on fresh Python stacks (labkit.twin.callstack); the streaming stages must follow them
    assert out(st, 'function f2 { process { $_ } }\n'
                   'function deep($n) { if ($n -le 0) { return (1..3 | f2 | f2 | Measure-Object).Count }; deep ($n - 1) }\n'
                   'deep 1500') == [3]
    assert out(st, 'function f2 { process { $_ } }\n'
                   'function deep3($n) { process { if ($n -le 0) { $_ } else { $_ | deep3 ($n - 1) | f2 } } }\n'
                   '1..2 | deep3 300') == [1, 2]


def test_other_streams_interleave_with_the_output_object_by_object(st):
    # *>&1 merges the streams in the order the commands wrote them, one object at a time through the pipeline
    assert out(st, '(& { 1..2 | ForEach-Object { Write-Warning "w$_"; $_ } |'
                   ' ForEach-Object { Write-Verbose "v$_" -Verbose; $_ } } *>&1) -join ","') == ["w1,v1,1,w2,v2,2"]
    assert out(st, 'function f { process { Write-Warning "fw$_"; $_ } }\n(1..2 | f 3>&1) -join ","') == ["fw1,1,fw2,2"]


def test_select_first_stops_every_command_before_it_nearest_first(st):
    # StopUpstreamCommandsException unwinds through the commands before Select-Object at once: their finally blocks run
    # before the commands after it finish
    shown = host(st, '1..3 | ForEach-Object { try { $_ } finally { Write-Host "finally $_" } } | Where-Object { $true } |'
                     ' Select-Object -First 1 | ForEach-Object { Write-Host "got $_" } -End { Write-Host "end" }')
    assert shown == ["got 1", "finally 1", "end"]


def test_input_of_an_advanced_function_is_a_collection(st):
    # an advanced function's $input is an ArrayList in begin and process, an object[] in end: read as often as wanted
    # (PowerShell's AutomaticVariables.Tests: '$input Type should be arraylist and object array', 'Empty $input')
    assert out(st, 'function b { [CmdletBinding()] param() begin { $input.GetType().FullName } }; b') == [
        "System.Collections.ArrayList"]
    assert out(st, 'function a { [CmdletBinding()] param([Parameter(ValueFromPipeline)]$x) end { "$input"; "$input" } }\n'
                   '1..3 | a') == ["1 2 3", "1 2 3"]
    assert out(st, '& { [CmdletBinding()] param() process { @($input).Count } }; & { @($input).Count }') == [0, 0]


def test_a_script_file_in_a_pipeline_writes_as_it_runs(st):
    assert out(st, "Set-Content C:\\gen.ps1 -Value '$i = 0; while ($true) { $i++; $i }'\n"
                   "& C:\\gen.ps1 | Select-Object -First 2") == [1, 2]
    shown = host(st, "Set-Content C:\\two.ps1 -Value 'Write-Host a; 1; Write-Host b; 2'\n"
                     "C:\\two.ps1 | ForEach-Object { Write-Host \"got $_\" }")
    assert shown == ["a", "got 1", "b", "got 2"]


def test_error_and_warning_variables_keep_only_the_functions_own(st):
    # the commands after (and before) a function run while it waits for them: what they write is not its own
    assert out(st, 'function f { [CmdletBinding()] param([Parameter(ValueFromPipeline)]$x) process { Write-Error "f$x"; $x } }\n'
                   '1..2 | f -ErrorVariable ev -ErrorAction SilentlyContinue |'
                   ' ForEach-Object { Write-Error "down$_" -ErrorAction SilentlyContinue }\n'
                   '($ev | ForEach-Object { "$_" }) -join ","') == ["f1,f2"]
    assert out(st, 'function w { [CmdletBinding()] param([Parameter(ValueFromPipeline)]$x) process { Write-Warning "w$x"; $x } }\n'
                   '1..2 | ForEach-Object { Write-Warning "up$_" -WarningAction SilentlyContinue; $_ } |'
                   ' w -WarningVariable wv -WarningAction SilentlyContinue |'
                   ' ForEach-Object { Write-Warning "down$_" -WarningAction SilentlyContinue }\n'
                   '($wv | ForEach-Object { "$_" }) -join ","') == ["w1,w2"]


def test_get_unique_writes_each_new_object_as_it_comes(st):
    shown = host(st, '1, 1, 2 | ForEach-Object { Write-Host "p$_"; $_ } | Get-Unique | ForEach-Object { Write-Host "g$_" }')
    assert shown == ["p1", "g1", "p1", "p2", "g2"]


def test_return_ends_one_run_of_a_named_block(st):
    # each named block is a function of its own in 5.1 (Compiler.cs): return in process goes on with the next object,
    # return in begin still lets process and end run
    assert out(st, '1..3 | & { process { if ($_ -eq 2) { return "r" }; $_ } end { "end" } }') == [1, "r", 3, "end"]
    assert out(st, 'function f { begin { return "b" } process { "p$_" } end { "e" } }\n1..2 | f') == ["b", "p1", "p2", "e"]
    assert out(st, 'function g { "x"; return "y"; "z" }\ng') == ["x", "y"]


def test_input_of_a_script_file_and_of_the_script_is_the_enumerator_too(st):
    assert out(st, "Set-Content C:\\s.ps1 -Value '\"a: $input\"; \"b: $input\"'\n1..3 | C:\\s.ps1") == ["a: 1 2 3", "b: "]
    assert out(st, "$input.MoveNext()") == [False]


def test_where_object_operator_switches_count_when_given_even_false(st):
    # 5.1's operator parameters set the operator whatever their value, and an operator goes with -Value
    # (WhereObjectCommand, https://learn.microsoft.com/powershell/module/microsoft.powershell.core/where-object?view=powershell-5.1)
    assert out(st, '$d = [pscustomobject]@{Age = 20}, [pscustomobject]@{Age = 30}\n'
                   '($d | Where-Object Age -GT:$false -Value 25).Age') == [30]
    r = ps(st, '[pscustomobject]@{Age = 20} | Where-Object Age -GT')
    assert r.errors and r.errors[0].error_id.startswith("ValueNotSpecifiedForWhereObject")
    r = ps(st, '[pscustomobject]@{Age = 20} | Where-Object Age -Value 25')
    assert r.errors and r.errors[0].error_id.startswith("OperatorNotSpecified")
