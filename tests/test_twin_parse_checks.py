"""Scripts Windows PowerShell 5.1 refuses to parse although tree-sitter-pwsh reads them: the twin must
refuse them too, before running anything, with 5.1's error ID and ParserStrings.resx text (PowerShell's
Parser.cs, tokenizer.cs and SemanticChecks.cs say which; PowerShell's Parser.Tests.ps1 has these cases)."""

from __future__ import annotations

import pytest

from labkit.twin.errors import PSParseError
from labkit.twin.parser import parse
from support.twin_script import ps, out

FIRST = "Expressions are only allowed as the first element of a pipeline."
FINALLY = "Flow of control cannot leave a Finally block."
DRIVE = ("Variable reference is not valid. ':' was not followed by a valid variable name character. "
         "Consider using ${} to delimit the name.")


@pytest.mark.parametrize("text, error_id, message, column", [
    # a value after `|` (Parser.PipelineRule)
    ("Get-Service | 3", "ExpressionsMustBeFirstInPipeline", FIRST, 15),
    ("1;2;3|3", "ExpressionsMustBeFirstInPipeline", FIRST, 7),
    ("Get-Service | 'abc'", "ExpressionsMustBeFirstInPipeline", FIRST, 15),
    ('Get-Service | "abc"', "ExpressionsMustBeFirstInPipeline", FIRST, 15),
    ("Get-Service | $a", "ExpressionsMustBeFirstInPipeline", FIRST, 15),
    ("1;2;3|$(1+1)", "ExpressionsMustBeFirstInPipeline", FIRST, 7),
    ("Get-Service | (1)", "ExpressionsMustBeFirstInPipeline", FIRST, 15),
    # leaving a finally block (SemanticChecks.CheckForFlowOutOfFinally)
    ("try {} finally { break }", "ControlLeavingFinally", FINALLY, 18),
    ("try {} finally { continue }", "ControlLeavingFinally", FINALLY, 18),
    ("function f { try {} finally { return 1 } }", "ControlLeavingFinally", FINALLY, 31),
    ("foreach ($i in 1) { try {} finally { foreach ($j in 1) { return } } }", "ControlLeavingFinally", FINALLY, 58),
    (":outer foreach ($i in 1) { try {} finally { foreach ($j in 1) { break outer } } }", "ControlLeavingFinally", FINALLY, 65),
    # `$name:` with no name after the drive (tokenizer.ScanVariable)
    ('"$var:"', "InvalidVariableReferenceWithDrive", DRIVE, 2),
    ('"Server $name: ok"', "InvalidVariableReferenceWithDrive", DRIVE, 9),
    ("Write-Output $env: x", "InvalidVariableReferenceWithDrive", DRIVE, 14),
    # an empty element in a command's argument list (Parser.GetCommandArgument)
    ("Write-Output 2,,1", "MissingExpression", "Missing expression after ',' in pipeline element.", 16),
    ("Write-Output ,1", "MissingArgument", "Missing argument in parameter list.", 14),
    # a comma at the end (incomplete input)
    ("(1+ 1),", "MissingExpressionAfterToken", "Missing expression after ','.", 8),
    ("1,2,", "MissingExpressionAfterToken", "Missing expression after ','.", 5),
    ("Write-Output 1,", "MissingExpression", "Missing expression after ',' in pipeline element.", 16),
])
def test_51_parse_errors(text, error_id, message, column):
    with pytest.raises(PSParseError) as e:
        parse(text)
    assert (e.value.error_id, e.value.text, e.value.column) == (error_id, message, column)


@pytest.mark.parametrize("script, expected", [
    # what stays legal beside those errors
    ("try { 'a' } finally { foreach ($i in 1, 2) { if ($i -eq 2) { break }; \"f$i\" } }", ["a", "f1"]),
    ("try { 'a' } finally { switch (1) { 1 { 's'; break } } }", ["a", "s"]),
    ("try { 'a' } finally { & { return 'inner' } }", ["a", "inner"]),
    ("try { 'a' } finally { function g { return 'g' }; g }", ["a", "g"]),
    ("$a = 'x'; \"$($a):\"", ["x:"]),
    ("$a = 'x'; \"${a}:\"", ["x:"]),
    ("$a = 'x'; \"$a`:\"", ["x:"]),
    ("$env:COMPUTERNAME -eq \"$env:COMPUTERNAME\"", [True]),
    ("Write-Output 1,2 | Measure-Object | ForEach-Object Count", [2]),
    ("1 | ForEach-Object { $_ + 1 } | Where-Object { $_ -gt 0 }", [2]),
    ("(1, 2) | & { process { $_ } }", [1, 2]),
    ("Write-Output (,1) | ForEach-Object { $_.Count }", [1]),
])
def test_what_stays_legal(st, script, expected):
    assert out(st, script) == expected


def test_a_parse_error_runs_nothing(st):
    # 5.1 parses the whole script first: the line before the error does not run
    r = ps(st, "$x = 'ran'\nSet-Content -Path C:\\Temp\\ran.txt -Value ran\ntry {} finally { break }")
    assert not r.ok and r.output == [] and r.errors[0].error_id == "ControlLeavingFinally"
    assert out(st, "Test-Path C:\\Temp\\ran.txt") == [False]


def test_only_an_error_at_the_end_is_incomplete_input(st):
    # ParseError.IncompleteInput decides IncompleteParseException over ParseException (the engine's ParseScriptBlock)
    got = out(st, "foreach ($s in 'Write-Output 2,,1', '(1+ 1),') { try { [scriptblock]::Create($s) } "
                  "catch { $_.Exception.InnerException.GetType().Name } }")
    assert got == ["ParseException", "IncompleteParseException"]


@pytest.mark.parametrize("script, expected", [
    # a failed conversion is a PSInvalidCastException (an InvalidCastException) inside the RuntimeException
    ("try { [int]'abc' } catch [InvalidCastException] { 'caught' }", ["caught"]),
    ("try { [int]'abc' } catch { $_.Exception.InnerException.GetType().FullName }",
     ["System.Management.Automation.PSInvalidCastException"]),
    ("trap [InvalidCastException] { 'trapped'; continue }; [int] 'abc'; 'after'", ["trapped", "after"]),
    # traps choose as catch clauses do: the most specific type wins, a derived exception matches its base
    ("trap { 'any'; continue }; trap [DivideByZeroException] { 'dz'; continue }; 1/0; 'x'", ["dz", "x"]),
    ("trap [ArithmeticException] { 'arith'; continue }; 1/0; 'x'", ["arith", "x"]),
])
def test_casts_and_traps(st, script, expected):
    assert out(st, script) == expected


@pytest.mark.parametrize("script, expected", [
    # the end-of-parameters token (about_Parsing, 5.1): what follows is passed as though quoted
    ("Write-Output -- -InputObject", ["-InputObject"]),
    ("Write-Output -- -InputObject $env:PROCESSOR_ARCHITECTURE", ["-InputObject", "AMD64"]),
    ("function f { $args }; (f 4 -- foo -bar) -join ' '", ["4 foo -bar"]),
    ("Write-Output -- -a | ForEach-Object { \"[$_]\" }", ["[-a]"]),
    # the decrement operator is not that token
    ("$x = 3; $x--; $x", [2]),
])
def test_end_of_parameters_token(st, script, expected):
    assert out(st, script) == expected


@pytest.mark.parametrize("script, expected", [
    # a command argument that calls a method and goes on after the call is one expression (about_Parsing)
    ("$d = Get-Date '2020-01-01'; Write-Output $d.AddDays(1).Day", [2]),
    ("$d = Get-Date '2020-01-01'; Write-Output $d.AddDays(1).AddDays(2).Day 'x'", [4, "x"]),
    ("$s = 'abc'; Write-Output $s.ToUpper().Length", [3]),
])
def test_chained_calls_as_command_arguments(st, script, expected):
    assert out(st, script) == expected


def test_custom_object_to_string(st):
    # PSCustomObject.ToString() is "" in 5.1, while "$o" and .psobject.ToString() are @{a=1} (PowerShell issue #6163)
    script = ("$o = [pscustomobject]@{a=1}; \"[$o]\"; '[' + $o.ToString() + ']'; '[' + $o.psobject.ToString() + ']'; "
              "$o.psobject.GetType().FullName")
    assert out(st, script) == ["[@{a=1}]", "[]", "[@{a=1}]", "System.Management.Automation.PSObject"]
