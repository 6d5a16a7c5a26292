"""The twin's PowerShell language: each construct against PowerShell's documented behaviour."""

from __future__ import annotations

import json

import pytest

from labkit.twin.objects import PSObject
from labkit.twin.parser import parse
from labkit.twin.errors import PSParseError, UnsupportedConstruct
from support.twin_script import ps, out


@pytest.mark.parametrize("script, expected", [
    ("1 + 2", [3]),
    ("'a' + 1", ["a1"]),
    ("1 + '2'", [3]),                      # left operand decides: number
    ("'ab' * 3", ["ababab"]),
    ("7 / 2", [3.5]),
    ("8 / 2", [4]),
    ("7 % 3", [1]),
    ("1KB + 1MB", [1024 + 1024 ** 2]),
    ("100GB", [100 * 1024 ** 3]),
    ("0x10", [16]),
    ("-5 + 2", [-3]),
    ("'it''s'", ["it's"]),
    ("\u2018it\u2019\u2019s\u2019", ["it\u2019s"]),        # typographic single quotes (about_Quoting_Rules)
    ('"tab`there"', ["tab\there"]),
    ('"say ""hi"""', ['say "hi"']),
    ("$a = 'x'; \"v=$a!\"", ["v=x!"]),
    ("$o = [pscustomobject]@{P = 5}; \"p=$($o.P) raw=$o.P\"", ["p=5 raw=@{P=5}.P"]),
    ("'a','b'", ["a", "b"]),
    ("@()", []),
    ("@(1).Count", [1]),
    ("(1,2,3).Count", [3]),
    ("'hello'.Length", [5]),
    ("$h = @{a = 1; b = 2}; $h.a + $h['b']", [3]),
    ("$h = @{}; $h.X = 1; $h.Count", [1]),
    ("$null -eq $x", [True]),
    ("[int]'42' + 1", [43]),
    ("[int]2.5", [2]),                      # banker's rounding, as .NET
    ("[string]5 + 5", ["55"]),
    ("[bool]'False'", [True]),              # any non-empty string is true
    ("[uint64]'100'", [100]),
    ("[math]::Round(2.567, 2)", [2.57]),
    ("@(1,2) + 3", [1, 2, 3]),
    ("1..3", [1, 2, 3]),
    # .NET Framework rounds a midpoint away from zero when formatting (standard numeric format strings page)
    ("'{0}-{1:N1}' -f 'a', 2.25", ["a-2.3"]),
    ("'a,b,c' -split ','", ["a", "b", "c"]),
    ("('a','b') -join '+'", ["a+b"]),
    ("'Hello' -replace 'l', 'L'", ["HeLLo"]),
    ("'abc' -replace '(b)', '[$1]'", ["a[b]c"]),
])
def test_expressions(st, script, expected):
    assert out(st, script) == expected


@pytest.mark.parametrize("script, expected", [
    ("'ABC' -eq 'abc'", True),              # case-insensitive by default
    ("'ABC' -ceq 'abc'", False),
    ("5 -gt 3", True),
    ("'10' -gt 9", False),                  # the left operand is a string: compared as strings, '1' < '9'
    ("'b' -ge 'a'", True),
    ("'VM01' -like 'vm*'", True),
    ("'VM01' -notlike 'x*'", True),
    ("'a' -in 'a','b'", True),
    ("'c' -notin 'a','b'", True),
    ("@('a','b') -contains 'B'", True),
    ("-not $true", False),
    ("!0", True),
    ("$true -and $false", False),
    ("$false -or 1", True),
    ("$null -eq @()", False),
])
def test_comparison_and_logic(st, script, expected):
    assert out(st, script) == [expected]


def test_array_on_the_left_filters(st):
    # about_Comparison_Operators: "When the input is a collection, the operator returns the members that match".
    assert out(st, "1,2,3,2 -eq 2") == [2, 2]
    assert out(st, "(1,2,3 -gt 1).Count") == [2]


def test_match_sets_matches(st):
    # about_Comparison_Operators: $Matches holds the match of a scalar -match.
    assert out(st, "if ('Node-12' -match 'node-(?<n>\\d+)') { $Matches.n; $Matches[0] }") == ["12", "Node-12"]


def test_string_methods(st):
    script = """
$s = '  Hyper-V  '
$s.Trim().ToUpper()
$s.Trim().ToLower()
'a;b'.Split(';')
'abc'.Replace('b', 'x')
'abc'.Contains('bc')
'abc'.StartsWith('ab')
'abc'.EndsWith('x')
'abcdef'.Substring(2, 3)
"""
    assert out(st, script) == ["HYPER-V", "hyper-v", "a", "b", "axc", True, True, False, "cde"]


def test_member_enumeration(st):
    # about_Member-Access_Enumeration: (Get-X).Name gives the Name of each element.
    script = "$n = @([pscustomobject]@{Name='N1'}, [pscustomobject]@{Name='N2'}); $n.Name; ($n).Name.Count"
    assert out(st, script) == ["N1", "N2", 2]


def test_pscustomobject_keeps_order(st):
    o = out(st, "[pscustomobject]@{ Zeta = 1; Alpha = 2; Mid = 3 }")[0]
    assert isinstance(o, PSObject) and o.names() == ["Zeta", "Alpha", "Mid"]


def test_if_elseif_else_foreach_for_while(st):
    script = """
$r = foreach ($i in 1..5) { if ($i -eq 1) { 'one' } elseif ($i % 2 -eq 0) { 'even' } else { continue } }
$r -join ','
$t = 0; for ($i = 0; $i -lt 4; $i++) { $t += $i }; $t
$w = 0; while ($w -lt 3) { $w++ }; $w
"""
    assert out(st, script) == ["one,even,even", 6, 3]


def test_assignment_outputs_nothing_void_and_out_null_discard(st):
    assert out(st, "$x = 5; [void]'gone'; 'also gone' | Out-Null; $null = 'x'; $x") == [5]


def test_try_catch_finally_and_error_record(st):
    script = """
try { Get-Item -Path x -ErrorAction Stop } catch { 'caught' }
try { throw 'bad thing' } catch { "msg=$_"; $_.Exception.Message; [string]$_.CategoryInfo.Category; $_.FullyQualifiedErrorId } finally { 'fin' }
"""
    r = ps(st, script)
    assert r.ok
    assert r.output == ["caught", "msg=bad thing", "bad thing", "OperationStopped", "bad thing", "fin"]


def test_catch_of_cmdlet_error_has_category(st):
    r = ps(st, "try { Get-NoSuchThing } catch { [string]$_.CategoryInfo.Category; $_.FullyQualifiedErrorId }")
    assert r.output == ["ObjectNotFound", "CommandNotFoundException"]


def test_throw_ends_the_script(st):
    r = ps(st, "'before'; throw 'stop here'; 'after'")
    assert not r.ok and r.output == ["before"]
    assert r.errors[0].message == "stop here" and r.errors[0].terminating and r.errors[0].script_line == 1


def test_statement_terminating_error_continues_the_script(st):
    # A command error ends its statement only (about_Error_Handling); the script goes on.
    r = ps(st, "Get-NoSuchThing; 'after'")
    assert r.ok and r.output == ["after"] and r.errors[0].category == "ObjectNotFound"


def test_error_action_preference_stop_makes_it_terminating(st):
    r = ps(st, "$ErrorActionPreference = 'Stop'; Get-NoSuchThing; 'after'")
    assert not r.ok and r.output == []


def test_non_terminating_error_and_error_action(st):
    r = ps(st, "Write-Error 'soft'; 'after'; $?")
    assert r.ok and r.output == ["after", True] and r.errors[0].message == "soft"
    r = ps(st, "Write-Error 'soft' -ErrorAction SilentlyContinue; $Error.Count; $Error[0].Exception.Message")
    assert r.output == [1, "soft"] and not r.errors
    r = ps(st, "try { Write-Error 'hard' -ErrorAction Stop; 'not here' } catch { \"caught $_\" }")
    assert r.output == ["caught hard"]
    r = ps(st, "Write-Error 'ignored' -ErrorAction Ignore; $Error.Count")
    assert r.output == [0] and not r.errors
    r = ps(st, "$ErrorActionPreference = 'SilentlyContinue'; Write-Error 'quiet'; 'ok'")
    assert r.output == ["ok"] and not r.errors


def test_script_block_invocation_with_param_block(st):
    # labkit.backends.base.invocation() sends steps exactly like this.
    from labkit.backends.base import invocation

    step = "param([Parameter(Mandatory)][string]$Name, [switch]$Flag, [int]$Count = 2)\n\"$Name $Flag $Count\""
    text = invocation(step, {"Name": "it's VM1", "Flag": True})
    assert out(st, text) == ["it's VM1 True 2"]
    assert out(st, invocation(step, {"Name": "x", "Flag": False, "Count": 7})) == ["x False 7"]


def test_param_block_binds_python_args(st):
    script = "param([string]$Name, [string[]]$Nodes, [uint64]$Size = 1GB, [hashtable]$Map)\n$Name; $Nodes.Count; $Size; $Map.k"
    assert out(st, script, Name="VM1", Nodes=["a"], Map={"k": "v"}) == ["VM1", 1, 1024 ** 3, "v"]


def test_missing_mandatory_script_parameter(st):
    r = ps(st, "& { param([Parameter(Mandatory)][string]$Name) $Name }")
    assert r.errors[0].message == "Cannot process command because of one or more missing mandatory parameters: Name."


def test_unknown_python_arg_is_refused(st):
    r = ps(st, "param($A) $A", B=1)
    assert not r.ok and "'B'" in r.errors[0].message


def test_script_block_values_and_functions(st):
    script = """
$sb = { param($x) $x * 2 }
& $sb 21
$sb.Invoke(4)
function Add-One {
    param([int]$n)
    $n + 1
}
Add-One -n 1
Add-One 41
"""
    assert out(st, script) == [42, 8, 2, 42]


def test_param_defaults_on_one_line(st):
    # tree-sitter-pwsh reads `$a = 1, $b` as an array default; the twin reads it as PowerShell does.
    assert out(st, "& { param($a = 1, [int]$b) \"$a-$b\" } -b 3") == ["1-3"]


def test_parse_error_reports_line_and_column():
    with pytest.raises(PSParseError) as e:
        parse("'ok'\nif ($x { 'unclosed'\n")
    assert e.value.line >= 1 and e.value.column >= 1
    assert "line" in str(e.value)


def test_parse_error_in_run_result(st):
    r = ps(st, "'fine'\n$x = (1 +\n")
    assert not r.ok and r.errors[0].category == "ParserError" and r.errors[0].script_line >= 2


@pytest.mark.parametrize("script, construct", [
    ("class Foo : System.Collections.ArrayList { }", "class Foo deriving from the .NET type [System.Collections.ArrayList]"),
    ("switch -file c:\\x.txt { a { 1 } }", "switch -File"),
    ("[System.IO.File]::ReadAllText('x')", "static method [System.IO.File]::ReadAllText()"),
    ("[uri]'http://x'", "cast to [uri]"),
])
def test_unsupported_constructs_are_named(st, script, construct):
    r = ps(st, script)
    assert not r.ok
    assert construct in r.errors[0].message and "line 1" in r.errors[0].message


def test_parse_cache_is_used():
    from labkit.twin.parser import cache_info

    text = "'cached' + 1"
    parse(text)
    hits = cache_info().hits
    parse(text)
    assert cache_info().hits == hits + 1


def test_text_renders_like_powershell(st):
    r = ps(st, "'line'; [pscustomobject]@{Name='VM1'; State='Running'}; [pscustomobject]@{A=1;B=2;C=3;D=4;E=5}")
    assert r.text.startswith("line\n")
    # 5.1: the first object's made-up table takes the later objects too (their row is empty here)
    # (cells padded to their columns, an empty line for the group end and one for the format end)
    assert r.text == "line\n\nName State  \n---- -----  \nVM1  Running\n            \n\n\n" and "A" not in r.text
    r = ps(st, "[pscustomobject]@{A=1;B=2;C=3;D=4;E=5}")
    assert "A : 1\nB : 2" in r.text         # more than 4 properties: a list


def test_json_output_is_verbatim_and_parses(st):
    r = ps(st, "[pscustomobject]@{ Name = 'VM1'; Size = 40GB; Nodes = @('a','b') } | ConvertTo-Json")
    assert json.loads(r.text) == {"Name": "VM1", "Size": 40 * 1024 ** 3, "Nodes": ["a", "b"]}


def test_validateset_with_several_values_checks_case_insensitively(st):
    # about_Functions_Advanced_Parameters: "The ValidateSet attribute specifies a set of valid values
    # for a parameter ... PowerShell generates an error if a parameter value doesn't match a value in the set."
    script = "param([ValidateSet('TCPIP', 'Compression', 'SMB')][string]$Option = 'SMB') \"using $Option\""
    assert out(st, script, Option="tcpip") == ["using tcpip"]
    bad = ps(st, script, Option="Carrier pigeon")
    assert not bad.ok
    assert 'does not belong to the set "TCPIP,Compression,SMB"' in bad.errors[0].message


def test_count_is_intrinsic_on_single_objects_and_null(st):
    # Since PowerShell 3.0 every scalar object has intrinsic Count and Length members (1),
    # and $null.Count is 0 (about_Properties, about_Automatic_Variables).
    assert out(st, "([pscustomobject]@{ A = 1 }).Count") == [1]
    assert out(st, "$nothing = $null; $nothing.Count") == [0]
    assert out(st, "@([pscustomobject]@{ Count = 7 }).Count") == [1]
    assert out(st, "([pscustomobject]@{ Count = 7 }).Count") == [7]
