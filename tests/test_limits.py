"""Runaway scripts on the twin: the wall-clock budget, the loop guards and the size bounds
(labkit/twin/limits.py), through run_script as every caller uses it."""

from __future__ import annotations

import time

import pytest

from labkit.twin import limits
from labkit.twin.session import load_world, run_script

HOST = "CLUSTERNODE-1"


@pytest.fixture
def state(tmp_path):
    run_script("1", host=HOST, state_dir=tmp_path)   # make the state once
    return tmp_path


def test_budget_stops_an_endless_script_and_try_catch_cannot_swallow_it(state):
    script = "$n = 0\ntry { while ($true) { try { $n++; Start-Sleep -Milliseconds 1 } catch { 'swallowed' } } } catch { 'caught' }\n'after'"
    started = time.monotonic()
    r = run_script(script, host=HOST, state_dir=state, timeout=1.5)
    assert time.monotonic() - started < 10
    assert not r.ok
    assert r.output == [], "nothing after the stop ran: not the catch blocks, not the next statement"
    [err] = r.errors
    assert err.error_id == "ScriptTimedOut" and err.category == "OperationStopped" and err.terminating
    assert "1.5 s" in err.message and limits.ENV_TIMEOUT in err.message


def test_budget_from_the_environment(state, monkeypatch):
    monkeypatch.setenv(limits.ENV_TIMEOUT, "1")
    r = run_script("while ($true) { $x = 1 }", host=HOST, state_dir=state)
    assert [e.error_id for e in r.errors] in (["ScriptTimedOut"], ["LoopLimit"])
    monkeypatch.setenv(limits.ENV_TIMEOUT, "soon")
    with pytest.raises(limits.SettingError, match="LABKIT_TWIN_TIMEOUT='soon' is not a number"):
        run_script("1", host=HOST, state_dir=state)


def test_a_stopped_script_keeps_what_it_changed_and_releases_the_lock(state):
    before = load_world(state).clock
    r = run_script("Start-Sleep -Seconds 30\nwhile ($true) { }", host=HOST, state_dir=state, timeout=1)
    assert not r.ok and r.errors[0].error_id in ("ScriptTimedOut", "LoopLimit")
    assert load_world(state).clock == before + 30, "the lab clock it advanced before the stop stays advanced"
    # The state is not locked: the next script runs at once.
    started = time.monotonic()
    assert run_script("'next'", host=HOST, state_dir=state).output == ["next"]
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("loop", [
    "foreach ($i in 1..1000001) { }",
    "for ($i = 0; ; $i++) { }",
    "while ($true) { }",
    "do { } while ($true)",
    "do { } until ($false)",
])
def test_every_loop_form_has_an_uncatchable_guard(state, loop):
    r = run_script(f"try {{ {loop} }} catch {{ 'caught' }} finally {{ 'finally ran' }}\n'after'", host=HOST, state_dir=state)
    assert r.output == [], r.output
    assert [e.error_id for e in r.errors] == ["LoopLimit"], r.errors
    assert "more than 1,000,000 times" in r.errors[0].message


def test_a_million_turns_are_allowed(state):
    r = run_script("$n = 0; foreach ($i in 1..1000000) { }; for ($j = 0; $j -lt 1000; $j++) { $n++ }; $n", host=HOST, state_dir=state)
    assert r.ok and r.output == [1000], r.errors


@pytest.mark.parametrize("script, message", [
    ('"a" * 2e9', limits.OOM_MESSAGE),     # 4e9 is no Int32: 5.1 fails the count's conversion
    # a range assigned is a real array (a range at the head of a pipeline streams: test_twin_pipeline_streaming.py)
    ("$a = 1..100000000", limits.OOM_ARRAY_MESSAGE),
    ("$a = @(0) * 100000000", limits.OOM_ARRAY_MESSAGE),
    ("$ErrorActionPreference = 'Stop'; $s = 'x' * 1000; while ($true) { $s += $s }", limits.OOM_MESSAGE),
    ("$ErrorActionPreference = 'Stop'; $a = @(1, 2); while ($true) { $a += $a }", limits.OOM_ARRAY_MESSAGE),
])
def test_memory_bombs_end_in_windows_out_of_memory_error(state, script, message):
    started = time.monotonic()
    r = run_script(script, host=HOST, state_dir=state)
    assert time.monotonic() - started < 30
    assert [e.message for e in r.errors] == [message]
    assert r.errors[0].error_id == "OutOfMemoryException"


def test_out_of_memory_is_an_exception_the_script_can_catch(state):
    r = run_script("try { $x = 'a' * 2e9 } catch [System.OutOfMemoryException] { 'caught: ' + $_.Exception.Message }",
                   host=HOST, state_dir=state)
    assert r.ok and r.output == ["caught: " + limits.OOM_MESSAGE]


def test_large_but_bounded_values_still_work(state):
    r = run_script("('ab' * 100000).Length; (1..100000).Count; (@(1) * 1000 + @(2)).Count", host=HOST, state_dir=state)
    assert r.output == [200000, 100000, 1001], r.errors


def test_budget_holds_in_deep_calls_too(state):
    # Deep PowerShell calls run on fresh Python stacks (labkit.twin.callstack): the budget goes along.
    script = ("function f($n) { if ($n -gt 0) { f ($n - 1) } else { foreach ($a in 1..1000000) { foreach ($b in 1..1000000) { } } } }\n"
              "f 800")
    started = time.monotonic()
    r = run_script(script, host=HOST, state_dir=state, timeout=2)
    assert time.monotonic() - started < 30
    assert [e.error_id for e in r.errors] == ["ScriptTimedOut"], r.errors
