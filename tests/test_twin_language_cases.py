"""Language behaviours that PowerShell's own Pester tests exercise (benchmarks/pester_cases.py found
the twin wrong on them), each checked against what the Windows PowerShell 5.1 about_* pages say."""

from __future__ import annotations

import pytest

from support.twin_script import ps, out


# about_Parsing (5.1), argument mode: "All input is treated as an expandable string unless ...";
# "Additional characters following simple variable references ... are considered part of the same
# argument"; the table's `CMD /CECHO :$AB` is the string ':A B'.
@pytest.mark.parametrize("script, expected", [
    ("$Name = 'n'; Write-Output TestDrive:\\$Name\\Nested", ["TestDrive:\\n\\Nested"]),
    ("$b = 'B'; Write-Output a$b.dll", ["aB.dll"]),
    ("$b = 'B'; Write-Output x$($b + 1)y", ["xB1y"]),
    ("1..2 | ForEach-Object { Write-Output pre$_ }", ["pre1", "pre2"]),
    ("$AB = 'A','B'; Write-Output :$AB", [":A B"]),
    ("$AB = 'A','B'; Write-Output x:$AB", ["x:A B"]),
    ("Write-Output :abc", [":abc"]),
    ("function f { param($Path) $Path }; f -Path:C:\\x", ["C:\\x"]),
])
def test_bareword_arguments_with_variables_are_expandable_strings(st, script, expected):
    assert out(st, script) == expected


def test_a_bareword_argument_is_one_argument(st):
    assert out(st, "function f { $args.Count }; $v = 'x'; f C:\\$v\\y a$v") == [2]


# about_Arrays (5.1): @() of $null is an array holding $null; a cast of $null to an array type is
# still $null (only value types and strings convert $null to a value), so @([object[]]$null) has one item.
@pytest.mark.parametrize("cast", ["[object[]]", "[int[]]", "[string[]]", "[System.Collections.ArrayList]",
                                  "[System.Collections.Generic.List[object]]"])
def test_null_cast_to_a_collection_type_stays_null(st, cast):
    assert out(st, f"$x = {cast}$null; $null -eq $x; @({cast}$null).Count") == [True, 1]


def test_typed_array_variable_and_parameter_accept_null(st):
    assert out(st, "[int[]]$x = $null; $null -eq $x; function f([string[]]$p) { $null -eq $p }; f") == [True, True]


# about_CommonParameters (5.1): -OutVariable "stores output objects from the command in the
# specified variable in addition to sending the output along the pipeline"; a redirection of the
# output (> $null) does not change what the variable gets.
def test_out_variable_is_filled_when_the_output_is_redirected(st):
    script = """
function get-foo { [CmdletBinding()] param() 'foo' }
function get-bar { [CmdletBinding()] param() 'bar'; get-foo -OutVariable script:inner }
get-foo -OutVariable a > $null
$c = 'get-foo'; & $c -OutVariable b > $null
get-bar -OutVariable c > $null
"$a|$b|$($c -join ',')|$script:inner"
"""
    assert out(st, script) == ["foo|foo|bar,foo|foo"]


# Set-StrictMode (5.1 reference page, its examples and the -Version list):
# https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/set-strictmode?view=powershell-5.1
def _error_id(st, script):
    r = ps(st, script)
    assert r.errors, r.output
    return r.errors[-1].error_id, r.errors[-1].message


def test_strict_mode_is_off_by_default(st):
    assert out(st, "$a -gt 5; $s = 'This is a string.'; $null -eq $s.Month; @(1)[2]") == [False, True, None]


def test_strict_mode_1_refuses_uninitialized_variables_but_not_in_strings(st):
    assert _error_id(st, "Set-StrictMode -Version 1.0; $a -gt 5") == \
        ("VariableIsUndefined", "The variable '$a' cannot be retrieved because it has not been set.")
    assert out(st, 'Set-StrictMode -Version 1.0; "x$a."') == ["x."]


def test_strict_mode_2_refuses_variables_in_strings_missing_properties_and_method_syntax(st):
    assert _error_id(st, 'Set-StrictMode -Version 2.0; "x$a."')[0] == "VariableIsUndefined"
    assert _error_id(st, "Set-StrictMode -Version 2.0; $o = [pscustomobject]@{A = 1}; $o.Month") == \
        ("PropertyNotFoundStrict", "The property 'Month' cannot be found on this object. Verify that the property exists.")
    assert _error_id(st, "function add ($a, $b) { $a + $b }; Set-StrictMode -Version 2.0; add(3,4)")[0] == \
        "StrictModeFunctionCallWithParens"
    assert out(st, "function add ($a, $b) { \"$a|$b\" }; add(3,4); Set-StrictMode -Version 2; add 3 4; "
                   "$o = [pscustomobject]@{A = 1}; $o.A") == ["3 4|", "3|4", 1]


def test_strict_mode_3_and_latest_refuse_indexes_out_of_bounds(st):
    for version in ("3.0", "Latest"):
        assert _error_id(st, f"Set-StrictMode -Version {version}; $a = @(1); $a[2]") == \
            ("System.IndexOutOfRangeException", "Index was outside the bounds of the array.")
    assert out(st, "Set-StrictMode -Version 2.0; $a = @(1); $null -eq $a[2]") == [True]


def test_strict_mode_applies_to_child_scopes_and_off_turns_it_off(st):
    script = """
Set-StrictMode -Version Latest
function f { try { $undefined } catch { 'child: ' + $_.FullyQualifiedErrorId } }
f
& { Set-StrictMode -Off; $null -eq $undefined }
try { $undefined } catch { 'still on here' }
"""
    assert out(st, script) == ["child: VariableIsUndefined", True, "still on here"]


# about_Ref (5.1): [ref]$var passes a reference; .Value reads and writes the variable, in a function
# with a [ref] parameter too; [ref] of a variable that does not exist and a non-reference for a [ref]
# parameter fail.
# https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_ref?view=powershell-5.1
def test_ref_reads_and_writes_the_variable(st):
    script = """
$x = 1
$r = [ref]$x
$r.Value = 5
$x
function inc([ref]$p) { $p.Value++; $p.Value += 10 }
inc ([ref]$x)
$x
$r -is [ref]
$r.Value
$v = [ref]7; $v.Value
"""
    assert out(st, script) == [5, 16, True, 16, 7]


def test_ref_parameter_sets_the_callers_variable(st):
    script = "function setit { param([ref]$out) $out.Value = 'set' }; $y = $null; setit -out ([ref]$y); $y"
    assert out(st, script) == ["set"]


def test_ref_refusals(st):
    assert out(st, "function inc([ref]$p) { }; $x = 1; try { inc $x } catch { $_.Exception.Message }") == \
        ["Cannot process argument transformation on parameter 'p'. Reference type is expected in argument."]
    assert out(st, "try { $q = [ref]$nosuch } catch { $_.FullyQualifiedErrorId }") == ["NonExistingVariableReference"]


# The PowerShell class (System.Management.Automation.PowerShell, in 5.1's SDK): AddScript / AddCommand /
# AddArgument / AddParameter, Invoke() in a new runspace, errors in Streams.Error and HadErrors, a
# parse error or a terminating error thrown from Invoke() as a MethodInvocationException.
# https://learn.microsoft.com/en-us/dotnet/api/system.management.automation.powershell
def test_powershell_create_runs_script_in_a_new_runspace(st):
    script = """
[powershell]::Create().AddScript("'Hello' + ' world'").Invoke()
$x = 5
[powershell]::Create().AddScript('$null -eq $x').Invoke()
[powershell]::Create().AddCommand('Write-Output').AddArgument(42).Invoke()
[powershell]::Create().AddScript('param($a, $b) "$a-$b"').AddArgument(1).AddParameter('b', 2).Invoke()
$ps = [powershell]::Create().AddScript("Write-Error 'nt'; 'after'")
$ps.Invoke()
$ps.HadErrors
$ps.Streams.Error[0].Exception.Message
"""
    assert out(st, script) == ["Hello world", True, 42, "1-2", "after", True, "nt"]


def test_powershell_invoke_throws_parse_and_terminating_errors(st):
    script = """
try { [powershell]::Create().AddScript("'a' + ").Invoke() } catch { $_.FullyQualifiedErrorId; $_.Exception.GetType().FullName }
try { [powershell]::Create().AddScript("throw 'boom'").Invoke() } catch {
    $_.FullyQualifiedErrorId; $_.Exception.Message; $_.Exception.InnerException.ErrorRecord.FullyQualifiedErrorId }
"""
    # `'a' + ` ends after the operator: 5.1's parser reports ExpectedValueExpression with ReportIncompleteInput at the
    # end of the input, an IncompleteParseException (Parser.cs, BinaryExpressionRule)
    assert out(st, script) == ["IncompleteParseException", "System.Management.Automation.MethodInvocationException",
                               "RuntimeException", 'Exception calling "Invoke" with "0" argument(s): "boom"', "boom"]


# about_Parsing / about_Pipelines (5.1): a pipe continues a pipeline when it ends a line; a line that
# starts with a pipe is an empty pipe element to 5.1's parser (leading pipes are PowerShell 7 syntax).
def test_a_line_starting_with_a_pipe_is_an_empty_pipe_element(st):
    assert out(st, "'a' |\n  ForEach-Object { \"$_ b\" }\n'c' `\n  | ForEach-Object { \"$_ d\" }") == ["a b", "c d"]
    r = ps(st, "'a'\n  | ForEach-Object { $_ }")
    assert not r.ok and r.errors[0].error_id == "EmptyPipeElement", r.output


# about_Special_Characters (5.1): `f (form feed) and `v (vertical tab) are whitespace to the parser, as
# are the no-break space and U+0085; a lone carriage return ends a line.
@pytest.mark.parametrize("script, expected", [
    ("'Hello' |\t \f\v\u00a0\u0085\n  ForEach-Object {\"$_ world\"}", ["Hello world"]),
    ("'Hello' + `\r' world'", ["Hello world"]),
    ("'a\rb'.Length", [3]),
])
def test_unusual_whitespace_in_code(st, script, expected):
    assert out(st, script) == expected


# about_Using (5.1): `using namespace` lets a script name types without their namespace;
# `using module` / `using assembly` load code the twin does not have and are refused loudly.
def test_using_namespace_resolves_short_type_names(st):
    script = "using namespace System.IO\nusing namespace System.Collections.Generic\n" \
             "[Path]::GetFileName('C:\\a\\b.txt')\n$l = [List[int]]::new(); $l.Add(3); $l.Count"
    assert out(st, script) == ["b.txt", 1]
    r = ps(st, "[Path]::GetFileName('C:\\a\\b.txt')")
    assert r.errors and r.errors[0].error_id == "TypeNotFound"


def test_using_module_of_a_module_not_there(st):
    # about_Using: a module name is looked for on $env:PSModulePath; 5.1 reports ModuleNotFoundDuringParse
    # (labkit.twin.using_module; tests/test_twin_classes_modules.py has the modules that are there)
    r = ps(st, "using module Foo\n1")
    assert not r.ok and r.output == [] and r.errors[0].error_id == "ModuleNotFoundDuringParse"
    assert "Could not find the module 'Foo'." in r.errors[0].message


# about_If (5.1): an if statement is a value too ($a = if (...) {...} else {...}), and its elseif /
# else clauses may start on a new line, in a value as in a statement.
@pytest.mark.parametrize("script, expected", [
    ("$a = if (0) { 1 }\nelse { 2 }\n$a", [2]),
    ("$h = @{ a = if (0) { 1 }  # why\n  elseif ($false) { 3 }\n\n  else { 2 } }\n$h.a", [2]),
    ("if (0) { 1 }\nelseif (1) { 3 }\nelse { 2 }", [3]),
    ("$x = \"}\nelse\"; $x", ["}\nelse"]),
])
def test_else_clauses_on_new_lines(st, script, expected):
    assert out(st, script) == expected


def test_else_on_a_new_line_keeps_line_numbers(st):
    r = ps(st, "$a = if (0) { 1 }\nelse { 2 }\nthrow 'here'")
    assert r.errors and r.errors[0].script_line == 3


# about_Classes_Constructors (5.1), "Static constructors": a parameterless static constructor runs once,
# before the class is first used (a static member, a static method or a new instance).
def test_static_constructor_runs_once_before_first_use(st):
    script = """
function Get-Name { 'YES' }
class Foo {
    static [string] $Name
    static [int] $Count = 0
    static Foo() { [Foo]::Name = Get-Name; [Foo]::Count++ }
    static [string] Hi() { return 'hi ' + [Foo]::Name }
}
[Foo]::Name
[Foo]::Hi()
$x = [Foo]::new()
[Foo]::Count
class Bar { static [int] $N; static Bar() { [Bar]::N = 7 } [int] Get() { return [Bar]::N } }
[Bar]::new().Get()
"""
    assert out(st, script) == ["YES", "hi YES", 1, 7]


# about_Classes_Inheritance (5.1): "To call the base class method for an instance, cast the instance
# variable ($this) to the base class before calling the method" (the page's BaseIsTrue example).
def test_cast_to_a_base_class_calls_the_base_method(st):
    script = """
class BaseClass { [bool] IsTrue() { return $true } }
class DerivedClass : BaseClass {
    [bool] IsTrue()     { return $false }
    [bool] BaseIsTrue() { return ([BaseClass]$this).IsTrue() }
}
[DerivedClass]::new().IsTrue()
[DerivedClass]::new().BaseIsTrue()
class A { [string] F() { return 'A' } }
class B : A { [string] F() { return 'B' } }
class C : B { [string] F() { return 'C' } [string] G() { return ([A]$this).F() + ([B]$this).F() + $this.F() } }
[C]::new().G()
"""
    assert out(st, script) == [False, True, "ABC"]


# about_Enum (5.1): a member's value may be an expression; a comment after a value is not part of it.
def test_enum_values_with_expressions_and_comments(st):
    script = "enum E3 {\n e0\n e1 = 5\n e2 = [int]::MaxValue\n e3 = 1    # shouldn't matter\n e4 # c\n}\n" \
             "[int][E3]::e2; [int][E3]::e3; [int][E3]::e4"
    assert out(st, script) == [2147483647, 1, 2]


# System.IO.Path (.NET Framework, as 5.1 runs it): GetTempPath ends with a backslash; GetRandomFileName
# is an 8.3 name.  https://learn.microsoft.com/en-us/dotnet/api/system.io.path.gettemppath
def test_path_temp_path_and_random_file_name(st):
    temp, name = out(st, "[System.IO.Path]::GetTempPath(); [IO.Path]::GetRandomFileName()")
    assert temp == "C:\\Users\\Administrator\\AppData\\Local\\Temp\\"
    assert len(name) == 12 and name[8] == "." and name.replace(".", "").isalnum()


def test_powershell_object_commands_clear_and_clear_streams(st):
    script = """
$pwsh = [powershell]::Create()
function Invoke([string] $script) { $pwsh.Commands.Clear(); $pwsh.Streams.ClearStreams(); $pwsh.AddScript($script).Invoke() }
Invoke '1+1'
Invoke 'Write-Error x; 5'
$pwsh.Streams.Error.Count
Invoke '6'
$pwsh.Streams.Error.Count
$pwsh.Dispose()
"""
    assert out(st, script) == [2, 5, 1, 6, 0]


# New-Guid (5.1 page): "creates a random globally unique identifier (GUID)", a System.Guid.
# https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/new-guid?view=powershell-5.1
def test_new_guid(st):
    assert out(st, "$g = New-Guid; $g -is [guid]; $g.Guid.Length; (New-Guid) -ne (New-Guid)") == [True, 36, True]


# about_Types / generic type names (5.1 accepts the .NET form with bracketed arguments, [list[[int]]]).
def test_generic_arguments_in_brackets(st):
    script = "$x = [System.Collections.Generic.List[[int]]]::New(); $x.Add(42); $x.Count\n" \
             "$d = [System.Collections.Generic.Dictionary[[string], [int]]]::New(); $d.foo = 42; $d.foo\n" \
             "$a = 1,2,3; $a[[int]'1']"
    assert out(st, script) == [1, 42, 2]


# Add-Member (5.1 page): note properties by -MemberType/-Name/-Value (positions 0-2), by
# -NotePropertyName/-NotePropertyValue and -NotePropertyMembers; -PassThru, -Force, -TypeName;
# an existing member without -Force is MemberAlreadyExists.
# https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/add-member?view=powershell-5.1
def test_add_member_note_properties(st):
    script = """
$o = [pscustomobject]@{ A = 1 }
$o | Add-Member -MemberType NoteProperty -Name B -Value 2
Add-Member -InputObject $o -NotePropertyName C -NotePropertyValue 3
$o | Add-Member NoteProperty D 4 -PassThru | ForEach-Object { $_.D }
$o | Add-Member E 5
$o | Add-Member -NotePropertyMembers @{ F = 6 }
$o.B + $o.C + $o.E + $o.F
try { $o | Add-Member -NotePropertyName A -NotePropertyValue 9 -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
$o | Add-Member -NotePropertyName A -NotePropertyValue 9 -Force; $o.A
$o | Add-Member -TypeName My.Type; $o.PSObject.TypeNames[0]
"""
    assert out(st, script) == [4, 16, "MemberAlreadyExists,Microsoft.PowerShell.Commands.AddMemberCommand", 9, "My.Type"]


def test_add_member_refuses_what_it_does_not_emulate(st):
    r = ps(st, "$o = [pscustomobject]@{}; $o | Add-Member -MemberType CodeProperty -Name X -Value $null -SecondValue $null")
    assert r.errors and r.errors[0].error_id.startswith("Value1AndValue2AreNotBothNull")
    r = ps(st, "7 | Add-Member -NotePropertyName X -NotePropertyValue 1 -PassThru")
    assert r.errors and r.errors[0].error_id.startswith("NotEmulated")
    r = ps(st, "'text' | Add-Member -NotePropertyName X -NotePropertyValue 1")
    assert r.errors and r.errors[0].error_id.startswith("NotEmulated")


# about_Scopes (5.1), "Using dot-source notation with scope": "When you run a script or function using
# dot-source notation, it runs in the current scope" -- its variables stay in the caller's scope.
def test_dot_sourced_function_runs_in_the_callers_scope(st):
    assert out(st, "function setx { $x = 5; $y = 6 }\nsetx; \"[$x]\"\n. setx; \"[$x $y]\"") == ["[]", "[5 6]"]


# about_Automatic_Variables (5.1): $input enumerates the pipeline input; a block that gets none
# (and a begin block, before any input) sees an empty $input.
def test_input_is_empty_without_pipeline_input(st):
    script = """
& { @($input).Count }
& { [cmdletbinding()]param() begin { @($input).Count } }
& { [cmdletbinding()]param() end { @($input).Count } }
1,2,3 | & { @($input).Count }
"""
    assert out(st, script) == [0, 0, 0, 3]


# about_Arrays (5.1), ForEach(): ForEach(propertyName) gets, ForEach(propertyName, newValue) sets the
# property on every item; ForEach(methodName[, arguments]) calls the method.
def test_foreach_method_with_property_and_method_names(st):
    script = """
$obj = [pscustomobject] @{ p = 1 }
@($obj.ForEach('p', 32)).Count
$obj.p
("one", "two").ForEach("ToUpper")
@([pscustomobject]@{a=1}, [pscustomobject]@{a=2}).ForEach('a')
"""
    assert out(st, script) == [0, 32, "ONE", "TWO", 1, 2]


# New-Alias / Set-Alias (5.1 pages): an alias runs its command; New-Alias refuses a name in use
# (AliasAlreadyExists) unless -Force, "-Force: acts like Set-Alias if the alias named already exists".
# https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/new-alias?view=powershell-5.1
def test_new_alias_and_set_alias(st):
    script = """
function Get-Hi { 'hi' }
Set-Alias -Name hey -Value Get-Hi
hey
New-Alias gh Get-Hi -PassThru | ForEach-Object { $_.Definition }
gh
try { New-Alias gh Write-Output -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
New-Alias gh Write-Output -Force; gh 'now output'
Set-Alias hey Write-Output; hey 5
try { New-Alias gci Get-Date -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
"""
    assert out(st, script) == ["hi", "Get-Hi", "hi", "AliasAlreadyExists,Microsoft.PowerShell.Commands.NewAliasCommand",
                               "now output", 5, "AliasAlreadyExists,Microsoft.PowerShell.Commands.NewAliasCommand"]


# Array.Clone() (.NET) copies an array as the same type: [int[]] stays System.Int32[].
def test_clone_keeps_the_array_type(st):
    script = "(([int[]](1..5)).Clone()).GetType().FullName; $e = [int[]](42); $e.Clone()\n" \
             "$al = [System.Collections.ArrayList]::new(); [void]$al.Add(1); $al.Clone().GetType().FullName"
    assert out(st, script) == ["System.Int32[]", 42, "System.Collections.ArrayList"]


# Invoke-Expression: an error raised by the expression's code carries the cmdlet's qualifier
# (...,Microsoft.PowerShell.Commands.InvokeExpressionCommand); a `throw` keeps its own id.
def test_invoke_expression_qualifies_runtime_errors(st):
    script = """
try { Invoke-Expression "1/0" } catch { $_.FullyQualifiedErrorId }
try { Invoke-Expression "'hello' -is [foo]" } catch { $_.FullyQualifiedErrorId }
try { Invoke-Expression "throw 'x'" } catch { $_.FullyQualifiedErrorId }
"""
    assert out(st, script) == ["RuntimeException,Microsoft.PowerShell.Commands.InvokeExpressionCommand",
                               "TypeNotFound,Microsoft.PowerShell.Commands.InvokeExpressionCommand", "x"]


# A string that is not a number, converted to an integer type, fails with InvalidCastFromStringToInteger
# (PowerShell's own integer parser); to [double] with InvalidCastFromStringToDoubleOrSingle (5.1's LanguagePrimitives
# caches ConvertStringToReal for String to Double and Single, before any Parse method is looked for).
def test_string_to_integer_conversion_error_id(st):
    script = """
try { [int]'zz' } catch { $_.FullyQualifiedErrorId }
try { [double]'zz' } catch { $_.FullyQualifiedErrorId }
class C { [int]$p }
$c = [C]::new()
try { $c.p = 'zz' } catch { $_.FullyQualifiedErrorId }
"""
    # assigning to a class's typed property converts inside the setter's try: 5.1's PSSetMemberBinder wraps the
    # failure in SetValueInvocationException, ExceptionWhenSetting (Binders.cs, MiscOps.ConvertToMethodInvocationException)
    assert out(st, script) == ["InvalidCastFromStringToInteger", "InvalidCastFromStringToDoubleOrSingle",
                               "ExceptionWhenSetting"]


# about_Functions_Advanced_Parameters (5.1): the validation attributes' named arguments are their
# properties -- ValidateSet's IgnoreCase, ValidatePattern's Options; ErrorMessage is PowerShell 6+, and
# 5.1 fails with PropertyNotFoundForType instead of ignoring it.
def test_validation_attribute_named_arguments(st):
    script = """
function f { param([ValidatePattern('\\s+', ErrorMessage = 'Item {0} failed')] $p) $p }
try { f 2 } catch { $_.Exception.Message }
function g { param([ValidateSet('a','b', IgnoreCase = $false)] $p) $p }
g a
try { g A } catch { $_.FullyQualifiedErrorId }
"""
    assert out(st, script) == [
        "Property 'ErrorMessage' cannot be found for type 'System.Management.Automation.ValidatePatternAttribute'.",
        "a", "ParameterArgumentValidationError,g"]


# [int]::TryParse(text, [ref]$n) (.NET, about_Ref's pattern for out parameters): the result through
# the reference, $false and 0 when the text is not an Int32.
def test_try_parse_with_a_reference(st):
    script = """
$n = 0
[int]::TryParse(' 42 ', [ref]$n); $n
[int]::TryParse('4x', [ref]$n); $n
[int]::TryParse('99999999999', [ref]$n); $n
[long]::TryParse('99999999999', [ref]$n); $n
$b = $null; [bool]::TryParse('TRUE', [ref]$b); $b
"""
    assert out(st, script) == [True, 42, False, 0, False, 0, True, 99999999999, True, True]


# [Diagnostics.CodeAnalysis.SuppressMessageAttribute()] only tells a static analysis tool (PSScriptAnalyzer) to skip a
# rule (https://learn.microsoft.com/dotnet/api/system.diagnostics.codeanalysis.suppressmessageattribute): a param()
# block carrying it runs as without it.
def test_suppress_message_attribute_on_a_param_block_changes_nothing(st):
    assert out(st, """
        function f { [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSAvoidUsingWriteHost', '')] param($a) "a=$a" }
        f 1
        & { [System.Diagnostics.CodeAnalysis.SuppressMessage('PSUseDeclaredVarsMoreThanAssignments', '')]
            [CmdletBinding()] param([int]$b) $b } -b 2
    """) == ["a=1", 2]


# about_Numeric_Literals (5.1), Real literals: digits and a decimal point are a real literal, also with no
# digits after the point: `20.` is the double 20 (PowerShell's own Get-Random tests pass `Maximum = 20.`).
def test_a_number_ending_in_a_decimal_point_is_a_double(st):
    assert out(st, """
        $x = 20.; $x.GetType().Name; $x + 1
        @{ M = 2.; N = 1 }.M.GetType().Name; @(1., 2.).Count; (-3.).GetType().Name
        '20.'; "a 20. b" # 20.
    """) == ["Double", 21.0, "Double", 2, "Double", "20.", "a 20. b"]


# about_Operators (5.1): the range operator binds tighter than -join, -contains and +, also when the
# statement begins with the range (about_Parsing: a statement starting with a number is an expression).
def test_a_statement_starting_with_a_range_takes_binary_operators(st):
    assert out(st, "1..3 -join ','; 1..3 -contains 2; 10..11 + 4") == ["1,2,3", True, 10, 11, 4]


# about_Numeric_Literals (5.1): the integer type suffix is l ("long data type") alone; u, ul, n, s, y, uy and us
# came with PowerShell 6.2/7, so 5.1 reads 34uy as a bareword: a string argument, or a command name where an
# expression stands.
def test_integer_suffixes_51_has_and_lacks(st):
    assert out(st, """
        function f([string]$s) { $s }
        f 34uy; f 8s; f 6n; f 1kb
        (3l).GetType().Name; (1lkb).GetType().Name; 3l -is [long]
    """) == ["34uy", "8s", "6n", "1024", "Int64", "Int64", True]
    r = ps(st, "$x = 34uy")
    assert r.errors[0].message.startswith("The term '34uy' is not recognized as the name of a cmdlet")


# Write-Output's InputObject and Write-Host's Object take the remaining arguments (ValueFromRemainingArguments):
# `echo hello world` writes two strings, `Write-Host a b` prints "a b".
def test_write_output_and_write_host_take_the_remaining_arguments(st):
    assert out(st, "Write-Output a b; echo hello world; (Write-Output 1 2 3).Count") == ["a", "b", "hello", "world", 3]
    assert out(st, "Write-Output @(1, 2) 3 | ForEach-Object { \"[$_]\" }") == ["[1 2]", "[3]"]
    assert ps(st, "Write-Host a b 3").host_output == ["a b 3"]
