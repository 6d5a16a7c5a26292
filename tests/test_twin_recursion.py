"""Deep recursion and deeply nested syntax on the twin (issue 16 item 4): a recursive function
ends in PowerShell's own call depth overflow (ScriptCallDepthException, "The script failed due
to call depth overflow.", error ID CallDepthOverflow), long operator chains evaluate, syntax
nested too deeply is a parse error, and no Python error (RecursionError) ever escapes."""

from __future__ import annotations

import pytest

from labkit.twin.callstack import CALL_DEPTH_LIMIT
from support.twin_script import ps


def test_endless_recursion_is_a_call_depth_overflow(st):
    r = ps(st, "function f { f }; f; 'next statement runs'")
    assert r.output == ["next statement runs"]           # statement-terminating, as on 5.1
    [e] = r.errors
    assert e.message == "The script failed due to call depth overflow."
    assert e.error_id == "CallDepthOverflow" and e.category == "InvalidOperation"


def test_call_depth_overflow_is_catchable_and_typed(st):
    r = ps(st, "$d = 0; function f { $global:d++; f }; try { f } catch { $_.Exception.GetType().FullName; "
               "$_.FullyQualifiedErrorId; $_.TargetObject }")
    assert r.output == ["System.Management.Automation.ScriptCallDepthException", "CallDepthOverflow", 0], r.error_text


def test_recursion_of_a_script_block_overflows_too(st):
    r = ps(st, "$sb = { & $sb }; & $sb")
    assert r.errors and r.errors[0].error_id == "CallDepthOverflow"


def test_deep_but_finite_recursion_runs(st):
    # 5.1 reaches about 4,700 nested calls (PowerShell issue 25872); the twin allows CALL_DEPTH_LIMIT
    depth = CALL_DEPTH_LIMIT - 10
    r = ps(st, "function f($n) { if ($n -gt 0) { foreach ($i in 1) { try { $x = @(f ($n - 1)); $x } finally { } } } "
               f"else {{ 'bottom' }} }}; f {depth}")
    assert r.output == ["bottom"] and not r.errors, r.error_text


def test_recursive_function_with_a_result(st):
    r = ps(st, "function fact([int]$n) { if ($n -le 1) { 1 } else { $n * (fact ($n - 1)) } }; fact 20")
    assert r.output == [2432902008176640000], r.error_text


def test_recursion_through_methods_and_pipelines(st):
    r = ps(st, "function down($n) { if ($n -gt 0) { $n - 1 | ForEach-Object { down $_ } } else { 'done' } }; down 400")
    assert r.output == ["done"], r.error_text


@pytest.mark.parametrize("terms", [500, 3000])
def test_long_sum(st, terms):
    r = ps(st, "+".join(["1"] * terms))
    assert r.output == [terms] and not r.errors


def test_long_logical_chain(st):
    r = ps(st, " -and ".join(["$true"] * 500))
    assert r.output == [True] and not r.errors


def test_nested_parentheses_within_the_limit(st):
    r = ps(st, "(" * 100 + "1" + ")" * 100)
    assert r.output == [1] and not r.errors


@pytest.mark.parametrize("script", [
    "(" * 200 + "1" + ")" * 200,
    "if (1) {" * 2000 + "1" + "}" * 2000,
    "@(" * 500 + "1" + ")" * 500,
])
def test_too_deep_syntax_is_a_clean_parse_error(st, script):
    r = ps(st, script)
    assert not r.ok and r.errors[0].category == "ParserError"
    assert "too deeply" in r.errors[0].message


def test_deep_recursion_inside_deep_expressions(st):
    # each call sits inside 60 parentheses: the Python stack, not the call count, decides when
    # the interpreter moves to a fresh stack
    inner = "(" * 60 + "f ($n - 1)" + ")" * 60
    r = ps(st, f"function f($n) {{ if ($n -gt 0) {{ {inner} }} else {{ 0 }} }}; f 2000")
    assert r.output == [0] and not r.errors, r.error_text
