"""Where 5.1 places an error: InvocationInfo's line and PositionMessage, ScriptStackTrace.

about_Do (5.1): the condition of do-while / do-until is evaluated after the block, on its own line:
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_do?view=powershell-5.1
"""

from __future__ import annotations

import pytest

from support.twin_script import out, ps


@pytest.mark.parametrize("keyword", ["while", "until"])
def test_a_do_loop_condition_error_is_placed_at_the_condition(st, keyword):
    r = ps(st, f"$test = 1\ndo {{}}\n{keyword} ($null[0])")
    assert r.errors[0].error_id == "NullArray"
    assert r.errors[0].script_line == 3
    assert r.errors[0].position.startswith(f"At line:3 char:{len(keyword) + 3}\n+ {keyword} ($null[0])")


def test_the_script_stack_trace_names_the_condition_line(st):
    got = out(st, "try {\n  do { }\n  until ($null[0])\n} catch { $_.ScriptStackTrace; $_.InvocationInfo.ScriptLineNumber }")
    assert got == ["at <ScriptBlock>, <No file>: line 3", 3]


def test_the_script_stack_trace_lists_the_calls(st):
    # ErrorRecord.ScriptStackTrace: the innermost call first, functions by name, script blocks and the script as
    # <ScriptBlock> (https://learn.microsoft.com/dotnet/api/system.management.automation.errorrecord.scriptstacktrace)
    got = out(st, """function Get-Inner { throw 'boom' }
function Get-Outer { Get-Inner }
try { Get-Outer } catch { $_.ScriptStackTrace }
try { & { 1/0 } } catch { $_.ScriptStackTrace }""")
    assert got == ["at Get-Inner, <No file>: line 1\nat Get-Outer, <No file>: line 2\nat <ScriptBlock>, <No file>: line 3",
                   "at <ScriptBlock>, <No file>: line 4\nat <ScriptBlock>, <No file>: line 4"]


def test_a_value_a_typed_parameter_cannot_take_is_invalid_data(st):
    # ParameterBinderBase: a transformation failure ([int]$n's ArgumentTypeConverterAttribute) is a
    # ParameterBindingArgumentTransformationException of category InvalidData, placed at the argument
    r = ps(st, "function g { param([int]$n) $n }\ng -n abc")
    e = r.errors[0]
    assert e.error_id == "ParameterArgumentTransformationError,g"
    assert e.category_info == "InvalidData: (:) [g], ParameterBindingArgumentTransformationException"
    assert e.position.startswith("At line:2 char:6")
