"""Where functions live, each case from Windows PowerShell 5.1's pages: about_Scopes ("Scope Modifiers",
"Private option"), about_Functions ("Function Scope", "Filters", "Function drive") and about_Functions_Advanced_Parameters
(param() defaults), reference/5.1/Microsoft.PowerShell.Core/About."""

from __future__ import annotations

import pytest

from support.twin_script import ps, out


def not_recognized(state, script: str, name: str) -> list:
    """The script's output, checking that it wrote exactly one 'not recognized' error for ``name``."""
    r = ps(state, script)
    assert [e.error_id for e in r.errors] == ["CommandNotFoundException"], r.error_text
    assert f"The term '{name}' is not recognized" in r.error_text
    return r.output


# -- scope modifiers on function names (about_Scopes) -----------------------------------------------------------

def test_a_global_function_defined_inside_a_function_outlives_it(st):
    # about_Scopes: "function global:Hello { ... }" makes the function available in the global scope
    assert out(st, "function Make { function global:g { 'g' } }\nMake\ng") == ["g"]


def test_a_function_defined_inside_a_function_is_local_to_it(st):
    # about_Functions, "Function Scope": a function is created in the scope where it is defined
    assert not_recognized(st, "function Make { function inner { 'inner' }; inner }\nMake\ninner", "inner") == ["inner"]


def test_a_function_defined_in_a_script_block_is_gone_after_the_call_unless_dot_sourced(st):
    assert not_recognized(st, "& { function f1 { 1 } }\nf1", "f1") == []
    assert out(st, ". { function f2 { 2 } }\nf2") == [2]


def test_script_and_local_modifiers(st):
    script = ("function Make { function script:s1 { 's1' }; function local:l1 { 'l1' }; l1 }\n"
              "Make\ns1")
    assert out(st, script) == ["l1", "s1"]
    assert not_recognized(st, "function Make { function local:l2 { 'l2' } }\nMake\nl2", "l2") == []


def test_a_private_function_is_not_seen_in_child_scopes(st):
    # about_Scopes, "Private option": items that are private cannot be seen outside the scope where they're created
    script = "function private:p { 'p' }\np\nfunction Child { p }\nChild"
    assert not_recognized(st, script, "p") == ["p"]


def test_a_filter_with_a_scope_modifier(st):
    # about_Functions, "Filters": a filter's body runs for each object in the pipeline
    script = "function Make { filter global:Double { $_ * 2 } }\nMake\n1, 2, 3 | Double\n(Get-Command Double).CommandType.ToString()"
    assert out(st, script) == [2, 4, 6, "Filter"]


def test_get_command_finds_scoped_functions_by_their_bare_name(st):
    script = "function global:Get-Scoped { }\n$c = Get-Command Get-Scoped\n$c.Name\n$c.CommandType.ToString()"
    assert out(st, script) == ["Get-Scoped", "Function"]


def test_a_function_redefined_in_a_child_scope_shadows_it_only_there(st):
    script = "function f { 'outer' }\nfunction Child { function f { 'inner' }; f }\nChild\nf"
    assert out(st, script) == ["inner", "outer"]


# -- the Function drive as variables (about_Functions, "Function drive") --------------------------------------

def test_function_variable_reads_the_script_block(st):
    script = "function Get-Two { 1 + 1 }\n$b = ${function:Get-Two}\n$b.GetType().FullName\n& $b\n$b.ToString().Trim()"
    assert out(st, script) == ["System.Management.Automation.ScriptBlock", 2, "1 + 1"]


def test_function_variable_defines_and_removes_a_function(st):
    assert out(st, "${function:Get-Three} = { 3 }\nGet-Three") == [3]
    assert out(st, "$function:four = { param($x) $x * 4 }\nfour 2") == [8]
    assert out(st, "function gone { }\n${function:gone} = $null\n$null -eq ${function:gone}") == [True]


def test_function_variable_of_a_missing_function_is_null(st):
    assert out(st, "$null -eq ${function:No-Such-Function}") == [True]


def test_the_call_operator_takes_a_function_variable(st):
    assert out(st, "function Get-Five { 5 }\n& ${function:Get-Five}") == [5]


# -- the comma in param() (about_Functions_Advanced_Parameters: parameters are separated by commas) ------------

@pytest.mark.parametrize("definition, call, expected", [
    ("param($a = 1 + 2, $b)", "t -b 5", "a=3 b=5"),
    ("param($a = 1 + 2 * 3, $b = 4)", "t", "a=7 b=4"),
    ("param([int]$a = 1, [string]$b = 'x,y')", "t", "a=1 b=x,y"),
    ("param($a = 1 + 2, [int]$b)", "t 1 2", "a=1 b=2"),
    ("param($a = '{0}' -f 9, $b = 'b')", "t", "a=9 b=b"),
    ("param($a = (1, 2), $b = 3)", "t", "a=1 2 b=3"),
    ("param($a = 1..3, $b)", "t -b 0", "a=1 2 3 b=0"),
    ("param($a = 10 - 1, $b = 2 -eq 2)", "t", "a=9 b=True"),
])
def test_a_default_ends_at_the_comma(st, definition, call, expected):
    assert out(st, f"function t {{ {definition} \"a=$a b=$b\" }}\n{call}") == [expected]


def test_a_script_param_block_default_ends_at_the_comma(st):
    r = out(st, "$sb = { param($a = 2 * 3, $b) \"a=$a b=$b\" }\n& $sb -b 1")
    assert r == ["a=6 b=1"]


@pytest.mark.parametrize("attribute, good, bad", [
    ("[ValidateRange(1 + 1, 10)][int]", 5, 1),
    ("[ValidateSet('a' + 'b', 'c')]", "ab", "a"),
    ("[ValidateCount(0 + 1, 2)]", "1", "@(1, 2, 3)"),
])
def test_the_comma_separates_attribute_arguments(st, attribute, good, bad):
    # about_Functions_Advanced_Parameters: an attribute's arguments are separated by commas
    definition = f"function v {{ param({attribute}$x) 'ok' }}\n"
    assert out(st, definition + f"v {good}") == ["ok"]
    r = ps(st, definition + f"v {bad}")
    assert [e.error_id for e in r.errors] == ["ParameterArgumentValidationError,v"] and not r.output


def test_get_command_gives_a_functions_definition_and_script_block(st):
    # FunctionInfo.Definition is the text of the function's script block; .ScriptBlock runs it
    script = "function Get-Sum { 1 + 2 }\n$c = Get-Command Get-Sum\n$c.Definition.Trim()\n& $c.ScriptBlock"
    assert out(st, script) == ["1 + 2", 3]


def test_a_class_method_calls_the_functions_of_the_scope_it_is_called_from(st):
    # PowerShell's Scripting.Classes.StaticMethod tests: a function defined where the method is called is callable
    script = ("class Namer { static [string] GetName() { return (Get-LocalName) } }\n"
              "function Outer { function Get-LocalName { 'from outer' }; [Namer]::GetName() }\nOuter")
    assert out(st, script) == ["from outer"]


def test_myinvocation_mycommand_of_a_function_and_a_filter(st):
    # $MyInvocation.MyCommand is the FunctionInfo (FilterInfo for a filter); its Definition is the body's text
    script = ("function Show { $MyInvocation.MyCommand.CommandType.ToString(); $MyInvocation.MyCommand.Definition.Trim() }\n"
              "Show\nfilter Pass { $MyInvocation.MyCommand.CommandType.ToString() }\n1 | Pass")
    assert out(st, script) == ["Function", "$MyInvocation.MyCommand.CommandType.ToString(); $MyInvocation.MyCommand.Definition.Trim()",
                               "Filter"]
