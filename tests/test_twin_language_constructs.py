"""The twin runs PowerShell 5.1's statements: switch, begin/process/end, trap, loop labels,
multiple assignment, splatting, redirection, enum, class, comma lists, expressions at the
start of a statement (issue 13, first half; issue 16 item 8).

Each expected value is what Windows PowerShell 5.1 documents (the about_* topic named in
the group) or what PowerShell's own Pester tests (test/powershell/Language) assert.
"""

from __future__ import annotations

import pytest

from labkit.twin.objects import PSEnum, PSObject
from support.twin_script import ps, out


# -- switch (about_Switch) ------------------------------------------------------------------

@pytest.mark.parametrize("script, expected", [
    # "Simple match examples"
    ("switch (3) {\n 1 { \"It's one.\" }\n 2 { \"It's two.\" }\n 3 { \"It's three.\" }\n 4 { \"It's four.\" }\n}",
     ["It's three."]),
    # every matching clause runs
    ("switch (3) { 1 {'one'} 3 {'three'} 4 {'four'} 3 {'Three again.'} }", ["three", "Three again."]),
    # break and continue, script-block conditions, arrays as input ("Use break and continue ...")
    ("switch (1,4,-1,3,'Hello',2,1) {\n {$_ -lt 0} { continue }\n {$_ -isnot [int32]} { break }\n"
     " {$_ % 2} { \"$_ is Odd\" }\n {-not ($_ % 2)} { \"$_ is Even\" }\n}", ["1 is Odd", "4 is Even", "3 is Odd"]),
    # default, and wildcards only with -Wildcard ("Use wildcards with switch")
    ("switch ('fourteen') { 1 { 'one'; break } 'fo*' { 'too many' } default { 'No matches' } }", ["No matches"]),
    ("switch -Wildcard ('fourteen') { 1 { 'one'; break } 'fo*' { 'too many' } }", ["too many"]),
    # -Regex sets $Matches ("Use regular expressions with switch")
    ("switch -Regex ('https://bing.com') { '^ftp\\://.*$' { 'ftp'; break } '^(http[s]?)\\://.*$' { \"uses $($Matches[1])\"; break } }",
     ["uses https"]),
    # a script-block condition and a value condition both run
    ("switch ('Test') { { $_ -is [string] } { 'Found a string' } 'Test' { \"This $_ executes as well\" } }",
     ["Found a string", "This Test executes as well"]),
    # the comparison is by strings: a hashtable compares as its type name ("Impact of string conversion")
    ("switch -Exact (@{ Test = 'test' }) { 'System.Collections.Hashtable' { 'coercion' } 'test' { 'value' } }", ["coercion"]),
    # case-insensitive unless -CaseSensitive
    ("switch ('ABC') { 'abc' { 'ci' } }", ["ci"]),
    ("switch -CaseSensitive ('ABC') { 'abc' { 'cs' } default { 'none' } }", ["none"]),
    ("switch -Wildcard -CaseSensitive ('Server01') { 'server*' { 'srv' } default { 'none' } }", ["none"]),
    # -Exact compares literally (no wildcard)
    ("switch -Exact ('a*') { 'a*' { 'literal' } }", ["literal"]),
    ("switch -Exact ('abc') { 'a*' { 'wild' } default { 'no' } }", ["no"]),
    # $_ is each item; default per item
    ("switch (1,2,3) { 2 { 'two' } default { \"d$_\" } }", ["d1", "two", "d3"]),
    ("switch (1,2,3) { 2 { 'two'; break } default { $_ } }", [1, "two"]),
    ("switch (1,2,3) { 2 { continue } default { $_ } }", [1, 3]),
    # an empty array gives no iteration, not even default
    ("switch (@()) { default { 'none' } }", []),
    # $null is one value
    ("switch ($null) { $null { 'null' } }", ["null"]),
    # switch is an expression: its output can be assigned
    ("$r = switch ('b') { a { 1 } b { 2 } }; $r", [2]),
    # barewords and numbers as conditions
    ("switch ('two') { one { 1 } two { 2 } }", [2]),
    ("switch (5) { 5.0 { 'five' } }", ["five"]),
])
def test_switch(st, script, expected):
    assert out(st, script) == expected


def test_switch_restores_dollar_underscore(st):
    assert out(st, "1 | ForEach-Object { switch ('x') { default { } }; $_ }") == [1]


def test_switch_file_is_refused_by_name(st):
    r = ps(st, "switch -File C:\\names.txt { 'a' { 1 } }")
    assert not r.ok and "switch -File is not emulated by the twin" in r.errors[0].message


# -- begin / process / end and $input (about_Functions, about_Script_Blocks) --------------------

@pytest.mark.parametrize("script, expected", [
    ("function f { begin { 'b' } process { \"p$_\" } end { 'e' } }; 1, 2 | f", ["b", "p1", "p2", "e"]),
    ("1..3 | & { begin { 'b' } process { $_ * 2 } end { 'e' } }", ["b", 2, 4, 6, "e"]),
    # without a pipeline the process block runs once
    ("function f { begin { 'b' } process { 'p' } end { 'e' } }; f", ["b", "p", "e"]),
    # $input: the whole input in end (no process block) ...
    ("function f { end { $input } }; 1, 2 | f", [1, 2]),
    ("function f { $input | ForEach-Object { $_ * 10 } }; 1, 2 | f", [10, 20]),
    # ... the current object in process
    ("function f { process { $input } }; 1, 2 | f", [1, 2]),
    ("function Get-Sum { begin { $t = 0 } process { $t += $_ } end { $t } }; 1..4 | Get-Sum", [10]),
    # a param block with more on its line (PowerShell's Parser.Tests.ps1 "functions are resolved before cmdlets")
    ("function test-parserfunc { [CmdletBinding()] Param() PROCESS { 'cmdlet' } };test-parserfunc", ["cmdlet"]),
    ("function f { param($a) \"x$a\" }; f 1", ["x1"]),
    ("function f { Param($a) begin { 'b' } process { \"p$a\" } }; f 3", ["b", "p3"]),
    # a filter's body is its process block (about_Functions, "Filters")
    ("filter Double { $_ * 2 }; 1..3 | Double", [2, 4, 6]),
])
def test_named_blocks(st, script, expected):
    assert out(st, script) == expected


# -- trap (about_Trap; PowerShell's Trap.Tests.ps1) ---------------------------------------------------

@pytest.mark.parametrize("script, expected", [
    ("trap { \"caught: $_\"; continue }; 1; throw 'boom'; 2", [1, "caught: boom", 2]),
    # a trap covers its scope wherever it stands
    ("'one'; throw 'x'; 'two'; trap { 'T'; continue }", ["one", "T", "two"]),
    # typed trap
    ("trap [System.Management.Automation.RuntimeException] { 'rt'; continue }; throw 'x'; 'after'", ["rt", "after"]),
    # Trap.Tests.ps1 "Trap with flow control"
    ("$a = . {trap {'trapped'; continue;}; . {'hello'; throw 'exception'; 'world'}}; $a -join ','", ["hello,trapped"]),
    ("$a = . {trap {'outer trap'; continue;}; . {trap {'inner trap'; break;}; 'hello'; throw 'exception'; 'world'}}; $a -join ','",
     ["hello,inner trap,outer trap"]),
    ("$a = . {trap {'outer trap'; continue;} 'hello'; throw 'exception'; 'world'}; $a -join ','", ["hello,outer trap,world"]),
    ("$a = . {trap {'outer trap'; continue;}; . {trap [system.Argumentexception] {'inner trap'; continue;}; 'hello'; throw 'exception'; 'world'}}; $a -join ','",
     ["hello,outer trap"]),
    # a trap in a function handles the function's errors
    ("function f { trap { 'inner'; continue }; throw 'e1'; 'f-after' }; f; 'main'", ["inner", "f-after", "main"]),
    # $_ is the error record
    ("trap { $_.FullyQualifiedErrorId; continue }; throw 'MyId'", ["MyId"]),
])
def test_trap(st, script, expected):
    assert out(st, script) == expected


def test_trap_without_continue_writes_the_error_and_goes_on(st):
    r = ps(st, "trap { 'T' }; 'one'; throw 'bad'; 'two'")
    assert r.output == ["one", "T", "two"]
    assert [e.message for e in r.errors] == ["bad"]


@pytest.mark.parametrize("failing, trapped, message", [
    # about_Trap, "Trapping specific errors": the most specific trap takes the error, which is then written
    ("nonsenseString", "Command error trapped", "The term 'nonsenseString' is not recognized"),
    ("1/$null", "Other terminating error trapped", "Attempted to divide by zero."),
])
def test_trap_most_specific(st, failing, trapped, message):
    r = ps(st, "trap { 'Other terminating error trapped' }\n"
               "trap [System.Management.Automation.CommandNotFoundException] {\n  'Command error trapped'\n}\n" + failing)
    assert r.output == [trapped]
    assert r.errors[0].message.startswith(message)


def test_trap_with_break_stops_the_script(st):
    r = ps(st, "trap { 'T'; break }; 'one'; throw 'bad'; 'two'")
    assert r.output == ["one", "T"] and not r.ok and r.errors[0].message == "bad"


# -- loop labels (about_Break, about_Continue) ---------------------------------------------------

@pytest.mark.parametrize("script, expected", [
    (":outer foreach ($i in 1..3) { foreach ($j in 1..3) { if ($j -eq 2) { continue outer }; $i*10+$j } }", [11, 21, 31]),
    (":outer foreach ($i in 1..3) { foreach ($j in 1..3) { if ($i -eq 2) { break outer }; \"$i$j\" } }",
     ["11", "12", "13"]),
    (":w while ($true) { :f for ($i = 0; $i -lt 5; $i++) { if ($i -eq 2) { break w }; $i } }", [0, 1]),
    (":d do { foreach ($x in 1..3) { if ($x -eq 2) { break d }; $x } } while ($true)", [1]),
    (":outer for ($i = 0; $i -lt 3; $i++) { switch ($i) { 1 { continue outer } default { $i } } }", [0, 2]),
    # the label can be an expression (about_Break)
    ("$l = 'outer'; :outer foreach ($i in 1..3) { foreach ($j in 1) { break $l }; 'never' }; 'done'", ["done"]),
    # an unlabelled break leaves only the innermost loop
    ("foreach ($i in 1..2) { foreach ($j in 1..3) { if ($j -eq 2) { break }; \"$i$j\" } }", ["11", "21"]),
])
def test_loop_labels(st, script, expected):
    assert out(st, script) == expected


# -- multiple assignment (about_Assignment_Operators) ----------------------------------------------

@pytest.mark.parametrize("script, expected", [
    ("$a, $b = 1, 2; $a; $b", [1, 2]),
    ("$a, $b = 1, 2; $a, $b = $b, $a; \"$a $b\"", ["2 1"]),
    # the last variable takes the rest
    ("$a, $b = 1, 2, 3; $b.Count; $b[1]", [2, 3]),
    ("$a, $b, $c = 1..5; $c -join ','", ["3,4,5"]),
    # fewer values: the rest are $null
    ("$a, $b, $c = 1, 2; $c -eq $null", [True]),
    ("$first, $rest = 'a b c' -split ' '; $first; $rest -join '+'", ["a", "b+c"]),
    ("$h = @{}; $h.x, $h.y = 7, 8; $h.x + $h.y", [15]),
])
def test_multiple_assignment(st, script, expected):
    assert out(st, script) == expected


# -- splatting (about_Splatting) -------------------------------------------------------------

@pytest.mark.parametrize("script, expected", [
    ("function f($a, $b) { \"$a-$b\" }; $h = @{ b = 2; a = 1 }; f @h", ["1-2"]),
    ("function f($a, $b) { \"$a-$b\" }; $arr = 1, 2; f @arr", ["1-2"]),
    ("function g { f @args }; function f($a, $b) { \"$a-$b\" }; g 5 6", ["5-6"]),
    ("function f([switch]$S, $N) { \"$S $N\" }; $h = @{ S = $true; N = 'x' }; f @h", ["True x"]),
    # splatting together with other parameters
    ("function f($a, $b, $c) { \"$a$b$c\" }; $h = @{ a = 1 }; f @h -c 3 -b 2", ["123"]),
    # @args passes the caller's named parameters on, in their order
    ("function g { f @args }; function f($a, $b) { \"$a-$b\" }; g -b 2 -a 1", ["1-2"]),
    ("function g { f @args }; function f([switch]$S, $N) { \"$S $N\" }; g -S -N x", ["True x"]),
    ("function g { $args -join '|' }; g 1 -b 2 3", ["1|-b|2|3"]),
    # with a cmdlet
    ("$p = @{ InputObject = 'hi' }; Write-Output @p", ["hi"]),
    ("$p = @{ Property = 'N' }; [pscustomobject]@{ N = 3; M = 4 } | Select-Object @p | ForEach-Object { $_.N }", [3]),
])
def test_splatting(st, script, expected):
    assert out(st, script) == expected


# -- redirection (about_Redirection) ---------------------------------------------------------------

@pytest.mark.parametrize("script, expected", [
    ("Write-Output 'x' > $null; 'after'", ["after"]),
    ("4 > $null; 'a'", ["a"]),
    ("Write-Warning 'w' 3>$null; 'after'", ["after"]),
    ("Write-Error 'bad' 2>&1 | ForEach-Object { \"got: $_\" }", ["got: bad"]),
    ("(Write-Error 'bad' 2>&1).GetType().Name", ["ErrorRecord"]),
    ("(Write-Warning 'w' 3>&1).GetType().Name", ["WarningRecord"]),
    ("Write-Host 'h' 6>&1 | ForEach-Object { \"i: $_\" }", ["i: h"]),
    ("Write-Verbose 'v' -Verbose 4>&1 | ForEach-Object { $_.Message }", ["v"]),
    ("function f { Write-Warning 'w'; Write-Error 'e'; 'out' }; (f *>&1).Count", [3]),
    ("$x = Write-Output 5 *> $null; $null -eq $x", [True]),
    # about_Redirection: `2>&1 > file` sends errors where the output goes
    ("& { 'o'; Write-Error 'e' } 2>&1 > $null; 'end'", ["end"]),
    # merged records come in the order they were written
    ("& { Write-Warning 'w'; 'o'; Write-Error 'e'; 'p' } *>&1 | ForEach-Object { \"$($_.GetType().Name):$_\" }",
     ["WarningRecord:w", "String:o", "ErrorRecord:e", "String:p"]),
    # a statement-terminating error inside the block is written to its error stream
    ("& { 1/0; 'after' } 2>&1 | ForEach-Object { $_.GetType().Name }", ["ErrorRecord", "String"]),
    # only the redirected command's own streams: a function inside a cmdlet's script block keeps its output
    ("function f { 'x'; 'y' }; 1 | ForEach-Object { (f | Measure-Object).Count } *>&1", [2]),
])
def test_redirection(st, script, expected):
    assert out(st, script) == expected


def test_merged_errors_are_not_shown_as_errors(st):
    r = ps(st, "Write-Error 'bad' 2>&1 | Out-Null; 'ok'")
    assert r.output == ["ok"] and not r.errors


def test_streams_not_redirected_stay_where_they_were(st):
    r = ps(st, "& { Write-Warning 'w'; 'o' } 2>&1")
    assert r.output == ["o"] and r.warnings == ["w"]


def test_discarded_errors_still_reach_dollar_error(st):
    assert out(st, "$n = $Error.Count; Write-Error 'quiet' 2>$null; $Error.Count - $n") == [1]


def test_redirection_to_files(st):
    # `>` is Out-File, `>>` Out-File -Append (about_Redirection); Get-Content reads what they wrote
    got = out(st, "'line1' > C:\\Windows\\a.txt; 'line2' >> C:\\Windows\\a.txt\n"
                  "& { 'o'; Write-Warning 'w' } > C:\\o.txt 3> C:\\w.txt\n"
                  "'rel' > .\\rel.txt\n"
                  "Get-Content C:\\Windows\\a.txt; Get-Content C:\\o.txt; Get-Content C:\\w.txt\n"
                  "Get-Content C:\\Users\\Administrator\\rel.txt")
    assert got == ["line1", "line2", "o", "w", "rel"]


def test_redirection_of_errors_to_a_file_writes_the_error_view(st):
    r = ps(st, "& { 'o'; Write-Error 'e' } 2>&1 > C:\\b.txt; Get-Content C:\\b.txt -Raw")
    assert not r.errors, r.error_text
    text = r.output[0].replace("\r\n", "\n")
    # 5.1's error view: Write-Error's record names its caller (here the script), unqualified id
    # (about_Preference_Variables, 5.1: "... : Test Error", "FullyQualifiedErrorId : Microsoft.PowerShell.Commands.WriteErrorException")
    assert text.startswith("o\n") and " : e\n" in text
    assert "    + CategoryInfo          : NotSpecified: (:) [Write-Error], WriteErrorException\n" in text
    assert "FullyQualifiedErrorId : Microsoft.PowerShell.Commands.WriteErrorException\n" in text


def test_about_redirection_confusing_greater_than(st):
    # about_Redirection, "Potential confusion with comparison operators": `36 > 42` writes a file named 42
    assert out(st, 'if (36 > 42) { "true" } else { "false" }; Get-Content .\\42') == ["false", "36"]


def test_redirection_into_a_missing_folder_is_powershells_error(st):
    r = ps(st, "'x' > C:\\nodir\\x.txt; 'after'")
    assert r.output == ["after"] and r.errors[0].message == "Could not find a part of the path 'C:\\nodir\\x.txt'."


def test_redirection_to_a_missing_drive_is_powershells_error(st):
    r = ps(st, "'x' > Z:\\no.txt; 'after'")
    assert r.output == ["after"] and r.errors[0].message == "Cannot find drive. A drive with the name 'Z' does not exist."


# -- enum (about_Enum; PowerShell's scripting.enums.tests.ps1) -----------------------------------

@pytest.mark.parametrize("script, expected", [
    ("enum E1 { e0; e1; e2 }\n[E1]::e1 -eq ([E1]1); [E1]::e1 -eq 'e1'; 'e2' -eq ([E1]::e2); [int][E1]::e2", [True, True, True, 2]),
    ("enum E2 {\n e0\n e1 = 5\n e2\n}\n[E2]::e2.value__", [6]),
    ("enum E3 { e0; e1 = 5; e2 = [int]::MaxValue; e3 = 1 }; [int][E3]::e3; [E3]::e2 -eq 'e2'", [1, True]),
    # initial values that use enums defined later in the script
    ("enum E4 { e0 = [E5]::e0 + 2 }\nenum E5 { e0 = [E6]::e0 + 2 }\nenum E6 { e0 =38 }\n[int][E4]::e0", [42]),
    ("enum V1 {\n A = -4\n B = [int]::MinValue\n C\n}\n[V1]::A.value__; [V1]::C.value__", [-4, -2147483647]),
    # used before its definition: types are made when the script is parsed
    ("[Color]::Green.value__; enum Color { Red; Green }", [1]),
    ("enum Color { Red; Green }; $c = [Color]'green'; \"$c\"; $c -is [Color]", ["Green", True]),
    ("enum Color { Red; Green }; [enum]::GetNames([Color]) -join ','", ["Red,Green"]),
    ("[Flags()] enum F { A = 1; B = 2; C = 4 }; \"$([F]3)\"; ([F]'A, C').value__", ["A, B", 5]),
    ("enum Day { Mon; Tue }; switch ([Day]::Tue) { 'Tue' { 'matched by name' } }", ["matched by name"]),
])
def test_enum(st, script, expected):
    assert out(st, script) == expected


@pytest.mark.parametrize("script, expected", [
    # `return` inside $( ) and @( ): what came before is output too (PowerShell's Scripting.Followup tests)
    ("function TestFunc2 { $('1'; return '2') }; TestFunc2", ["1", "2"]),
    ("function f { $Global:lhs = if ($true) { return 'one' } }; f; $null -eq $Global:lhs", ["one", True]),
    # [void] before a pipe sends nothing down it
    ("[void](Write-Output 1) | ForEach-Object { 'YES' }", []),
    # statements as values
    ("$x = if ($true) { 5 } else { 6 }; $x", [5]),
    ("$y = foreach ($i in 1..3) { $i * 2 }; $y", [2, 4, 6]),
])
def test_statements_as_values(st, script, expected):
    assert out(st, script) == expected


def test_about_enum_flags_example(st):
    # about_Enum, "Example 3 - Enumeration as flags"
    script = """
[Flags()] enum FileAttributes {
    Archive    = 1
    Compressed = 2
    Device     = 4
    Directory  = 8
    Encrypted  = 16
    Hidden     = 32
}
[FileAttributes]$file1 =  [FileAttributes]::Archive
[FileAttributes]$file1 += [FileAttributes]::Compressed
[FileAttributes]$file1 += [FileAttributes]::Device
"file1 attributes are: $file1"
[FileAttributes]$file2 = [FileAttributes]28 ## => 16 + 8 + 4
"file2 attributes are: $file2"
($file2 -band [FileAttributes]::Device) -eq [FileAttributes]::Device
($file2 -band [FileAttributes]::Archive) -eq [FileAttributes]::Archive
$file1.HasFlag([FileAttributes]::Device)
$file1.HasFlag([FileAttributes]::Hidden)
"""
    assert out(st, script) == ["file1 attributes are: Archive, Compressed, Device",
                               "file2 attributes are: Device, Directory, Encrypted", True, False, True, False]


def test_about_enum_format_strings(st):
    # about_Enum, "Format enumeration values": enum arithmetic stays the enum; G, D, X, F
    script = """
[Flags()] enum FlagEnum {
    A = 1
    B = 2
    C = 4
}
$FlagValues = @(
    [FlagEnum]::A
    [FlagEnum]::A + [FlagEnum]::B
    [FlagEnum]::C + [FlagEnum]::C
)
foreach ($Value in $FlagValues) {
    '{0}|{1}|{2}|{3}' -f $Value.ToString('G'), $Value.ToString('D'), $Value.ToString('X'), $Value.ToString('F')
}
"""
    assert out(st, script) == ["A|1|00000001|A", "A, B|3|00000003|A, B", "8|8|00000008|8"]


@pytest.mark.parametrize("script, expected", [
    ("enum T { ToDo; Doing; Done }; [T].GetEnumNames() -join ','", ["ToDo,Doing,Done"]),
    ("enum T { ToDo; Doing; Done }; [T].GetEnumName(2)", ["Done"]),
    ("enum T { ToDo; Doing; Done }; ([T].GetEnumValues() | ForEach-Object { [int]$_ }) -join ','", ["0,1,2"]),
    ("enum S { Unknown; Spring }; [S]::IsDefined([S], 1); [System.Enum]::IsDefined([S], 5)", [True, False]),
    ("enum T { ToDo; Doing }; [System.Enum]::Format([T], 1, 'G'); [System.Enum]::Format([T], [T]::Doing, 'X')",
     ["Doing", "00000001"]),
])
def test_enum_reflection(st, script, expected):
    assert out(st, script) == expected


def test_enum_bad_name_is_powershells_conversion_error(st):
    r = ps(st, "enum Color { Red; Green }; [Color]'Blue'")
    assert r.errors and r.errors[0].message.startswith('Cannot convert value "Blue" to type "Color".')
    assert "Red, Green" in r.errors[0].message


def test_enum_value_is_an_enum_object(st):
    [v] = out(st, "enum Color { Red; Green }; [Color]::Green")
    assert isinstance(v, PSEnum) and (v.type_name, v.name, v.value) == ("Color", "Green", 1)


# -- class (about_Classes) -----------------------------------------------------------------------

_POINT = """
class Point {
    [int]$X
    [int]$Y = 5
    static [int] $Made = 0
    Point() { [Point]::Made++ }
    Point([int]$x, [int]$y) { $this.X = $x; $this.Y = $y; [Point]::Made++ }
    [int] Sum() { return $this.X + $this.Y }
    [string] ToString() { return "($($this.X),$($this.Y))" }
    static [Point] Origin() { return [Point]::new(0, 0) }
}
"""


@pytest.mark.parametrize("script, expected", [
    ("$p = [Point]::new(); $p.X; $p.Y", [0, 5]),
    ("$p = [Point]::new(2, 3); $p.Sum()", [5]),
    ("\"$([Point]::new(1, 2))\"", ["(1,2)"]),
    ("[Point]::Origin().Sum()", [0]),
    ("$null = [Point]::new(); $null = [Point]::new(1, 1); [Point]::Made", [2]),
    ("$p = [Point]::new(); $p.X = '42'; $p.X.GetType().Name", ["Int32"]),
    ("$p = [Point]@{ X = 3; Y = 4 }; $p.Sum(); $p -is [Point]", [7, True]),
    ("([Point]::new()).GetType().Name", ["Point"]),
])
def test_class(st, script, expected):
    assert out(st, _POINT + script) == expected


@pytest.mark.parametrize("script, expected", [
    # only `return` gives a method's value; [void] methods give nothing
    ("class T { [int] F() { 'noise'; return 5 } }; [T]::new().F()", [5]),
    ("class T { [void] F() { 'noise' } }; [T]::new().F(); 'end'", ["end"]),
    # inheritance: base properties and methods, overriding, base constructor
    ("class A { [string]$Kind = 'a'; [string] Who() { return 'A' }; [string] Hello() { return \"hello from $($this.Who())\" } }\n"
     "class B : A { B() { $this.Kind = 'b' }; [string] Who() { return 'B' } }\n"
     "$b = [B]::new(); $b.Hello(); $b.Kind; $b -is [A]", ["hello from B", "b", True]),
    ("class B2 { [int]$v; B2([int]$v) { $this.v = $v } }; class D2 : B2 { D2() : base(9) { } }; [D2]::new().v", [9]),
    # static property assignment
    ("class C { static [int] $N = 1 }; [C]::N = 5; [C]::N", [5]),
    # class objects go through the pipeline like other objects
    ("class K { [string]$N = 'k' }; [K]::new() | Select-Object -ExpandProperty N", ["k"]),
])
def test_class_members(st, script, expected):
    assert out(st, script) == expected


def test_class_property_validation_attributes(st):
    assert out(st, "class D { [ValidateSet('a','b')][string]$K = 'a' }; $d = [D]::new(); $d.K = 'b'; $d.K") == ["b"]
    r = ps(st, "class D { [ValidateNotNullOrEmpty()][string]$Brand = 'x' }; $d = [D]::new(); $d.Brand = ''; $d.Brand")
    assert r.output == ["x"]
    assert r.errors[0].message == ('Exception setting "Brand": "The argument is null or empty. Provide an argument that '
                                   'is not null or empty, and then try the command again."')


def test_about_classes_book_example(st):
    # about_Classes, "Example 3 - Class with instance members" (its [timespan]::new written as FromMinutes)
    script = """
class Book {
    [string]   $Title
    [string]   $Author
    [datetime] $PublishDate
    [int]      $PageCount
    [string[]] $Tags
    Book() { $this.Init(@{}) }
    Book([hashtable]$Properties) { $this.Init($Properties) }
    Book([string]$Title, [string]$Author) { $this.Init(@{Title = $Title; Author = $Author }) }
    [void] Init([hashtable]$Properties) {
        foreach ($Property in $Properties.Keys) {
            $this.$Property = $Properties.$Property
        }
    }
    [timespan] GetReadingTime() {
        if ($this.PageCount -le 0) { throw 'Unable to determine reading time from page count.' }
        $Minutes = $this.PageCount * 2
        return [timespan]::FromMinutes($Minutes)
    }
    [string] ToString() { return "$($this.Title) by $($this.Author) ($($this.PublishDate.Year))" }
}
$Book = [Book]::new(@{ Title = 'The Hobbit'; Author = 'J.R.R. Tolkien'; PublishDate = '1937-09-21'; PageCount = 310 })
"$Book"
$Time = $Book.GetReadingTime()
@($Time.Hours, 'hours and', $Time.Minutes, 'minutes') -join ' '
[Book]::new('Dune', 'Frank Herbert').Author
"""
    assert out(st, script) == ["The Hobbit by J.R.R. Tolkien (1937)", "10 hours and 20 minutes", "Frank Herbert"]


def test_class_constructor_overload_by_count(st):
    r = ps(st, "class T { T([int]$a) {} }; [T]::new()")
    assert r.errors and r.errors[0].message == 'Cannot find an overload for "new" and the argument count: "0".'


def test_class_unknown_property_is_an_error(st):
    r = ps(st, "class T { [int]$A }; $t = [T]::new(); $t.B = 1")
    assert r.errors and "The property 'B' cannot be found on this object" in r.errors[0].message


def test_class_deriving_from_dotnet_is_refused_by_name(st):
    r = ps(st, "class MyList : System.Collections.CollectionBase { }")
    assert not r.ok and "deriving from the .NET type [System.Collections.CollectionBase] is not emulated by the twin" \
        in r.errors[0].message


# -- comma lists that begin with a hashtable or script block (about_Parsing) --------------------------

@pytest.mark.parametrize("script, expected", [
    ("[pscustomobject]@{OwnerNode='N1'; State='Up'} | Select-Object @{n='Owner';e={$_.OwnerNode}}, State | "
     "ForEach-Object { \"$($_.Owner)/$($_.State)\" }", ["N1/Up"]),
    ("[pscustomobject]@{A=2; B=3} | Select-Object @{n='Twice';e={$_.A * 2}}, A, B | ForEach-Object { $_.Twice + $_.B }", [7]),
    ("[pscustomobject]@{A=2} | Select-Object {$_.A * 2}, A | ForEach-Object { $_.A }", [2]),
    ("[pscustomobject]@{N='a';X=1},[pscustomobject]@{N='b';X=2} | Sort-Object @{e={$_.X}; Descending=$true}, N | "
     "ForEach-Object { $_.N }", ["b", "a"]),
    ("[pscustomobject]@{N='a';X=1} | Select-Object @{n='Y';e={$_.X+1}}, N -First 1 | ForEach-Object { \"$($_.Y)$($_.N)\" }",
     ["2a"]),
])
def test_comma_list_after_hashtable(st, script, expected):
    assert out(st, script) == expected


# -- expressions at the start of a statement (about_Parsing; issue 16 item 8) -----------------------

@pytest.mark.parametrize("script, expected", [
    ("3*4", [12]),
    ("10/4", [2.5]),
    ("$a = 2; 1/$a", [0.5]),
    ("1.1d..3.9d", [1, 2, 3, 4]),      # range operands convert to [int], rounding (about_Operators)
    ("-1", [-1]),
    ("(1+2)*3", [9]),
    ("5%3", [2]),
    ("1kb*2", [2048]),
    ("0x10*2", [32]),
    ("3*4 | ForEach-Object { $_ + 1 }", [13]),
    ("$x = 3*4; $x", [12]),
    ("2.5*2", [5.0]),
    # -shl / -shr (about_Arithmetic_Operators): Int32 wraps, the count uses its low 5 bits
    ("1 -shl 3; 1 -shl 31; -8 -shr 1; 1 -shl 32", [8, -2147483648, -4, 1]),
])
def test_expression_at_statement_start(st, script, expected):
    assert out(st, script) == expected


def test_word_starting_with_a_digit_is_still_a_command(st):
    r = ps(st, "7z")
    assert r.errors and "The term '7z' is not recognized" in r.errors[0].message


# -- scope modifiers (about_Scopes; PowerShell's Parser.Tests.ps1 "script, global and local scopes") ----

@pytest.mark.parametrize("script, expected", [
    ("$var = 'script'\nfunction func {\n $var\n $var = 'local'\n $local:var\n $script:var\n}\nfunc\n$var",
     ["script", "local", "script", "script"]),
    ("function f { $script:n = 5 }; f; $n", [5]),
    ("$d = 0; function f { $script:d++ }; f; f; $d", [2]),
    ("function f { $global:g = 3 }; f; $global:g; $g", [3, 3]),
    ("$x = 'outer'; function f { $x = 'inner'; $local:x }; f", ["inner"]),
    # $local:x does not see the caller's $x: the statement writes $null (an expression's $null is output, @($null).Count is 1)
    ("function f { $local:x }; $x = 'caller'; f; 'end'", [None, "end"]),
])
def test_scope_modifiers(st, script, expected):
    assert out(st, script) == expected
