"""Code made at run time on the twin: Invoke-Expression, [scriptblock]::Create(), & and . with
script blocks, strings as command names, and parse errors raised as ParseException with
Windows PowerShell 5.1's error IDs (ParserStrings.resx)."""

from __future__ import annotations

import pytest

from labkit.twin.errors import PSParseError
from labkit.twin.parser import parse
from support.twin_script import ps, out


@pytest.mark.parametrize("script, expected", [
    # Invoke-Expression runs the string in the caller's scope (its page, reference/5.1)
    ("Invoke-Expression '1+2'", [3]),
    ("Invoke-Expression '$x = 5'; $x", [5]),
    ("$Command = 'Get-Service -Name WinRM'; (Invoke-Expression $Command).Name", ["WinRM"]),
    ("'3*4' | Invoke-Expression", [12]),
    ("iex '\"hi\"'", ["hi"]),
    ("(Invoke-Expression \"'a','b'\").Count", [2]),
    ("function f { Invoke-Expression 'return 5'; 'after' }; f", [5, "after"]),
    # [scriptblock]::Create
    ("$sb = [scriptblock]::Create('param($a) $a * 2'); & $sb 21", [42]),
    ("$sb = [scriptblock]::Create('1+1'); $sb.Invoke()", [2]),
    ("([scriptblock]::Create('$args[0]')).Invoke(7)", [7]),
    # & and . with script blocks and $args (about_Script_Blocks, about_Operators)
    ("& { $args[0] + $args[1] } 2 3", [5]),
    ("& { $args.Count } a b c", [3]),
    (". { $y = 9 }; $y", [9]),
    ("$y = 1; & { $y = 9 }; $y", [1]),
    (". { param($p) \"p=$p\" } 4", ["p=4"]),
    # & with a string command name
    ("& 'Write-Output' hi", ["hi"]),
    ("$c = 'Write-Output'; & $c there", ["there"]),
    ("& ('Write-' + 'Output') 1", [1]),
    ("function Get-Twice($n) { 2 * $n }; $name = 'Get-Twice'; & $name 4", [8]),
])
def test_dynamic_code(st, script, expected):
    assert out(st, script) == expected


@pytest.mark.parametrize("text, error_id, message", [
    # ParserStrings.resx texts
    ("1 +", "ExpectedValueExpression", "You must provide a value expression following the '+' operator."),
    ("if ($x) { 1", "MissingEndCurlyBrace", "Missing closing '}' in statement block or type definition."),
    ("(1 + 2", "MissingEndParenthesisInExpression", "Missing closing ')' in expression."),
    ('"abc', "TerminatorExpectedAtEndOfString", 'The string is missing the terminator: ".'),
    ("'abc", "TerminatorExpectedAtEndOfString", "The string is missing the terminator: '."),
    ("$a[1", "MissingEndSquareBracket", "Missing ']' after array index expression."),
    ("Get-Service | ", "EmptyPipeElement", "An empty pipe element is not allowed."),
])
def test_parse_errors_have_51_ids(text, error_id, message):
    with pytest.raises(PSParseError) as e:
        parse(text)
    assert (e.value.error_id, e.value.text) == (error_id, message)


def test_invoke_expression_parse_error_is_a_catchable_parse_exception(st):
    got = out(st, "try { Invoke-Expression '1 +' } catch { $_.FullyQualifiedErrorId; $_.Exception.GetType().FullName; "
                  "[string]$_.CategoryInfo.Category }")
    assert got == ["ExpectedValueExpression,Microsoft.PowerShell.Commands.InvokeExpressionCommand",
                   "System.Management.Automation.ParseException", "ParserError"]


def test_invoke_expression_parse_error_message_points_at_the_text(st):
    r = ps(st, "Invoke-Expression 'if ($true) { 1'")
    assert r.errors[0].message.startswith("At line:1 char:")
    assert r.errors[0].message.endswith("Missing closing '}' in statement block or type definition.")
    assert r.errors[0].error_id.startswith("MissingEndCurlyBrace")


def test_scriptblock_create_parse_error_is_wrapped_as_a_method_exception(st):
    got = out(st, "try { [scriptblock]::Create('{') } catch { $_.Exception.GetType().FullName; "
                  "$_.Exception.InnerException.GetType().FullName }")
    # an unclosed brace is incomplete input: IncompleteParseException (a ParseException), as the engine raises it
    assert got == ["System.Management.Automation.MethodInvocationException", "System.Management.Automation.IncompleteParseException"]


def test_a_script_that_does_not_parse_reports_the_51_id(st):
    r = ps(st, "'fine'\n$x = (1 +\n")
    assert not r.ok and r.errors[0].category == "ParserError"
    assert r.errors[0].error_id in ("ExpectedValueExpression", "MissingEndParenthesisInExpression")


# PowerShell's Parsing.Tests.ps1 (ShouldBeParseError): incomplete statements and their error IDs
@pytest.mark.parametrize("text, error_id", [
    ("for", "MissingOpenParenthesisAfterKeyword"),
    ("for(", "MissingEndParenthesisAfterStatement"),
    ("for($a;$b;$c", "MissingEndParenthesisAfterStatement"),
    ("for($a;$b;$c)", "MissingLoopStatement"),
    (":lab for(;", "MissingEndParenthesisAfterStatement"),
    ("foreach", "MissingOpenParenthesisAfterKeyword"),
    ("foreach (", "MissingVariableNameAfterForeach"),
    ("foreach ($a", "MissingInInForeach"),
    ("foreach ($a into", "MissingInInForeach"),
    ("foreach ($a in", "MissingForeachExpression"),
    ("foreach ($a in $x", "MissingEndParenthesisAfterForeach"),
    ("foreach ($a in $x)", "MissingForeachStatement"),
    ("do", "MissingLoopStatement"),
    ("do {}", "MissingWhileOrUntilInDoWhile"),
    ("do {} while", "MissingOpenParenthesisAfterKeyword"),
    ("do {} while (", "MissingExpressionAfterKeyword"),
    ("do {} until (1", "MissingEndParenthesisAfterStatement"),
    ("if ($x)", "MissingStatementBlock"),
    ("if ($x) {1} else", "MissingStatementBlockAfterElse"),
    ("function foo", "MissingFunctionBody"),
    ("enum", "MissingNameAfterKeyword"),
    ("enum foo", "MissingTypeBody"),
    ("enum foo {", "MissingEndCurlyBrace"),
    ("try", "MissingTryStatementBlock"),
    ("switch (1)", "MissingCurlyBraceInSwitchStatement"),
])
def test_incomplete_statements_have_51_ids(st, text, error_id):
    with pytest.raises(PSParseError) as e:
        parse(text)
    assert e.value.error_id == error_id
    got = out(st, f"try {{ Invoke-Expression '{text}' }} catch {{ $_.Exception.Errors[0].ErrorId }}")
    assert got == [error_id]


def test_incomplete_and_other_parse_errors_from_create(st):
    got = out(st, "foreach ($t in '\"open', '(1', '}') { try { [scriptblock]::Create($t) > $null } "
                  "catch { $_.FullyQualifiedErrorId } }")
    assert got == ["IncompleteParseException", "IncompleteParseException", "ParseException"]
