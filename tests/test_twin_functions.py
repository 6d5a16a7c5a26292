"""Advanced functions on the twin, each case against Windows PowerShell 5.1's documented behaviour:
about_Functions_Advanced_Parameters, about_Functions_CmdletBindingAttribute, about_Functions_Advanced_Methods,
about_CommonParameters (reference/5.1/Microsoft.PowerShell.Core/About), and PowerShell's own
test/powershell/Language/Scripting/ParameterBinding.Tests.ps1 cases that hold in 5.1."""

from __future__ import annotations

import pytest

from labkit.twin.session import ScriptResult
from support.twin_script import ps, out


def caught(state, script: str) -> tuple[str, str]:
    """(FullyQualifiedErrorId, message) of the error ``script`` throws, caught in the script."""
    r = ps(state, f"try {{\n{script}\n}} catch {{ $_.FullyQualifiedErrorId; $_.Exception.Message }}")
    assert r.ok, r.error_text
    assert len(r.output) == 2, r.output
    return r.output[0], r.output[1]


GET_FOO_POS = """
function get-foo {
    param( [Parameter(position=1)] $a,
           [Parameter(position=2)] $b )
    $a; $b
}
"""


@pytest.mark.parametrize("call, expected", [
    ("get-foo c d", "c,d"),
    ("get-foo -a c d", "c,d"),
    ("get-foo -a c -b d", "c,d"),
    ("get-foo -b d c", "c,d"),
    ("get-foo c -b d", "c,d"),
])
def test_positional_parameters(st, call, expected):
    assert out(st, GET_FOO_POS + f"({call}) -join ','") == [expected]


def test_positions_out_of_declaration_order(st):
    script = """
function get-foo {
    param( [Parameter(position=2)] $a,
           [Parameter(position=1)] $b )
    $a; $b
}
(get-foo c d) -join ','
"""
    assert out(st, script) == ["d,c"]


def test_implicit_positions_and_cmdletbinding(st):
    script = """
function get-foo {
    [CmdletBinding()]
    param($a)
    $a
}
get-foo a
get-foo -a b
"""
    assert out(st, script) == ["a", "b"]


def test_value_from_remaining_arguments_keeps_their_order(st):
    script = """
function get-foo {
    param(
        [Parameter(position=1)] $a,
        [Parameter(valuefromremainingarguments=$true)] $foo
    )
    $foo
}
( get-foo a b c d ) -join ','
( get-foo a b -a c d ) -join ','
( get-foo a b -a c -q d ) -join ','
"""
    assert out(st, script) == ["b,c,d", "a,b,d", "a,b,-q,d"]


def test_parameter_sets_with_remaining_arguments(st):
    script = """
function get-foo {
    param( [Parameter(parametersetname='set1',position=1)] $a,
           [Parameter(parametersetname='set2',position=1)] $b,
           [parameter(valuefromremainingarguments=$true)] $foo )
    $foo
}
( get-foo -a a b c d ) -join ','
( get-foo -b b a c d ) -join ','
"""
    assert out(st, script) == ["b,c,d", "a,c,d"]
    fqid, message = caught(st, script.split("( get-foo")[0] + "get-foo -a a -b b c d")
    assert fqid == "AmbiguousParameterSet,get-foo"
    assert message.startswith("Parameter set cannot be resolved using the specified named parameters.")


@pytest.mark.parametrize("default_set, expected", [("set1", ["a", "b,c,d"]), ("set2", ["a", "b,c,d"])])
def test_default_parameter_set(st, default_set, expected):
    script = f"""
function get-foo {{
    [CmdletBinding(DefaultParameterSetName="{default_set}")]
    param( [Parameter(parametersetname="set1", position=1)] $a,
           [Parameter(parametersetname="set2", position=1)] $b,
           [parameter(valuefromremainingarguments=$true)] $foo )
    if ($a) {{ $a }} else {{ $b }}
    $foo -join ','
    $PSCmdlet.ParameterSetName
}}
get-foo a b c d
"""
    assert out(st, script) == expected + [default_set]


def test_alias_attribute(st):
    script = """
function get-foo {
    param( [Parameter(mandatory=$true)][alias("foo", "bar")] $a )
    $a
}
get-foo -foo b
get-foo -bar c
"""
    assert out(st, script) == ["b", "c"]


def test_script_block_with_positions(st):
    assert out(st, "$foo = . { param([Parameter(position=2)] $a, [Parameter(position=1)]$b); $a; $b } a b\n$foo[0]") == ["b"]


@pytest.mark.parametrize("body, call, fqid, message", [
    ("[Parameter(mandatory=$true)] $a", "get-foo -a $null", "ParameterArgumentValidationErrorNullNotAllowed,get-foo",
     "Cannot bind argument to parameter 'a' because it is null."),
    ("[Parameter(mandatory=$true)][string] $a", "get-foo -a ''", "ParameterArgumentValidationErrorEmptyStringNotAllowed,get-foo",
     "Cannot bind argument to parameter 'a' because it is an empty string."),
    ("[Parameter(mandatory=$true)][string[]] $a", "get-foo -a @()", "ParameterArgumentValidationErrorEmptyArrayNotAllowed,get-foo",
     "Cannot bind argument to parameter 'a' because it is an empty array."),
])
def test_mandatory_refuses_null_and_empty(st, body, call, fqid, message):
    script = f"function get-foo {{\n    param( {body} )\n    $a\n}}\n{call}"
    assert caught(st, script) == (fqid, message)


@pytest.mark.parametrize("body, call, expected", [
    ("[Parameter(mandatory=$true)][allownull()] $a", "(get-foo -a $null) -eq $null", [True]),
    ("[Parameter(mandatory=$true)][allowemptystring()][string] $a", "get-foo -a ''", [""]),
    ("[Parameter(mandatory=$true)][allowemptycollection()][string[]] $a", "@(get-foo -a @()).Count", [0]),
])
def test_allow_attributes(st, body, call, expected):
    assert out(st, f"function get-foo {{\n    param( {body} )\n    $a\n}}\n{call}") == expected


def test_missing_mandatory_parameter_non_interactive(st):
    fqid, message = caught(st, "function get-foo {\n    param([Parameter(mandatory=$true)] $a)\n    $a\n}\nget-foo")
    assert fqid == "MissingMandatoryParameter,get-foo"
    assert message == "Cannot process command because of one or more missing mandatory parameters: a."


VALIDATION = [
    ("[ValidateSet('A','B','C')] $p", "-p d", "The argument \"d\" does not belong to the set \"A,B,C\" specified by the "
     "ValidateSet attribute. Supply an argument that is in the set and then try the command again."),
    ("[ValidateRange(1,10)] [int] $p", "-p 11", "The 11 argument is greater than the maximum allowed range of 10. Supply an "
     "argument that is less than or equal to 10 and then try the command again."),
    ("[ValidateRange(1,10)] [int] $p", "-p 0", "The 0 argument is less than the minimum allowed range of 1. Supply an argument "
     "that is greater than or equal to 1 and then try the command again."),
    ("[ValidatePattern('^\\d+$')] $p", "-p abc", "The argument \"abc\" does not match the \"^\\d+$\" pattern. Supply an argument "
     "that matches \"^\\d+$\" and try the command again."),
    ("[ValidateLength(2,3)] [string] $p", "-p a", "The character length (1) of the argument is too short. Specify an argument "
     "with a length that is greater than or equal to \"2\", and then try the command again."),
    ("[ValidateLength(2,3)] [string] $p", "-p abcd", "The character length (4) of the argument is too long. Specify an argument "
     "with a length that is shorter than or equal to \"3\", and then try the command again."),
    ("[ValidateCount(2,3)] [int[]] $p", "-p 1", "The number of provided arguments (1) is fewer than the minimum number of "
     "allowed arguments (2). Provide more than 2 arguments, and then try the command again."),
    ("[ValidateCount(1,2)] [int[]] $p", "-p 1,2,3", "The number of provided arguments, (3), exceeds the maximum number of "
     "allowed arguments (2). Provide fewer than 2 arguments, and then try the command again."),
    ("[ValidateNotNull()] $p", "-p $null", "The argument is null. Provide a valid value for the argument, and then try running "
     "the command again."),
    ("[ValidateNotNullOrEmpty()] [string] $p", "-p ''", "The argument is null or empty. Provide an argument that is not null or "
     "empty, and then try the command again."),
    ("[ValidateScript({$_ -gt 2})] $p", "-p 2", "The \"$_ -gt 2\" validation script for the argument with value \"2\" did not "
     "return a result of True. Determine why the validation script failed, and then try the command again."),
]


@pytest.mark.parametrize("param, call, reason", VALIDATION)
def test_validation_attributes(st, param, call, reason):
    fqid, message = caught(st, f"function get-foo {{\n    [CmdletBinding()]\n    param({param})\n    $p\n}}\nget-foo {call}")
    assert fqid == "ParameterArgumentValidationError,get-foo"
    assert message == f"Cannot validate argument on parameter 'p'. {reason}"


@pytest.mark.parametrize("param, call, expected", [
    ("[ValidateSet('A','B')] $p", "-p a", "a"),                        # ValidateSet ignores case by default
    ("[ValidateRange(1,10)] [int] $p", "-p 10", 10),
    ("[ValidatePattern('^\\d+$')] $p", "-p 42", 42),
    ("[ValidateScript({$_ -gt 2})] $p", "-p 3", 3),
    ("[ValidateRange(1,42)] $p = 55", "", 55),                         # validation never runs on defaults
])
def test_validation_passes(st, param, call, expected):
    assert out(st, f"function get-foo {{\n    param({param})\n    $p\n}}\nget-foo {call}") == [expected]


def test_validateset_case_sensitive_when_asked(st):
    fqid, _ = caught(st, "function get-foo {\n    param([ValidateSet('A','B', IgnoreCase=$false)] $p)\n    $p\n}\nget-foo -p a")
    assert fqid == "ParameterArgumentValidationError,get-foo"


def test_bool_parameter_of_advanced_function_refuses_strings(st):
    script = "function get-foo {\n   [cmdletbinding()]\n   param ([bool[]] $Parameter )\n   $Parameter\n}\nget-foo 'a','b'"
    fqid, _ = caught(st, script)
    assert fqid == "ParameterArgumentTransformationError,get-foo"
    simple = "function get-foo {\n   param ([bool[]] $Parameter)\n   $Parameter\n}\n$x = get-foo 'a','b'\n$x[0]; $x[1]"
    assert out(st, simple) == [True, True]


def test_typed_parameter_converts_and_fails_as_51(st):
    assert out(st, "function f {\n    param([int]$n)\n    $n + 1\n}\nf '41'") == [42]
    fqid, message = caught(st, "function f {\n    param([int]$n)\n    $n\n}\nf abc")
    assert fqid == "ParameterArgumentTransformationError,f"
    assert message.startswith("Cannot process argument transformation on parameter 'n'. Cannot convert value \"abc\" to type "
                              "\"System.Int32\".")


def test_unknown_parameter_of_advanced_function(st):
    fqid, message = caught(st, "function f {\n    [CmdletBinding()]\n    param($a)\n    $a\n}\nf -b 1")
    assert fqid == "NamedParameterNotFound,f"
    assert message == "A parameter cannot be found that matches parameter name 'b'."


def test_simple_function_collects_args(st):
    assert out(st, "function f($a) { $a; $args.Count; $args -join '+' }\nf 1 2 3 -x") == [1, 3, "2+3+-x"]


def test_advanced_function_has_no_args(st):
    fqid, _ = caught(st, "function f {\n    [CmdletBinding()]\n    param($a)\n    $a\n}\nf 1 2")
    assert fqid == "PositionalParameterNotFound,f"


# -- pipeline binding -----------------------------------------------------------------------------

def test_value_from_pipeline_without_process_block_binds_last(st):
    script = "function f {\n    param([Parameter(ValueFromPipeline=$true)] $a)\n    \"$a/$($input.Count)\"\n}\n1, 2, 3 | f"
    assert out(st, script) == ["3/3"]


def test_value_from_pipeline_by_property_name(st):
    script = """
function f {
    param([Parameter(ValueFromPipelineByPropertyName=$true)] $Name, [Parameter(ValueFromPipelineByPropertyName=$true)][int] $Size)
    "$Name=$Size"
}
[pscustomobject]@{ Name = 'disk'; Size = '7' } | f
"""
    assert out(st, script) == ["disk=7"]


def test_mandatory_pipeline_parameter_bound_from_pipeline(st):
    script = """
function get-foo {
    param([Parameter(Mandatory=$true, Position=0, ValueFromPipeline=$true)] $a,
          [System.Boolean] $b)
    $a
}
42 | get-foo
"""
    assert out(st, script) == [42]


def test_by_property_name_on_a_string(st):
    script = """
function get-foo {
  param( [Parameter(ValueFromPipeline = $true)] [int] $Parameter1 = 10,
         [Parameter(ValueFromPipelineByPropertyName = $true)] [int] $Length = 100 )
  $Length
}
'abc' | get-foo
"""
    assert out(st, script) == [3]


# -- $PSBoundParameters, $PSCmdlet, $MyInvocation ---------------------------------------------------

def test_psboundparameters(st):
    script = """
function f {
    [CmdletBinding()]
    param($a, $b, [switch]$s)
    $PSBoundParameters.ContainsKey('a')
    $PSBoundParameters.ContainsKey('b')
    ($PSBoundParameters.Keys | Sort-Object) -join ','
    $PSBoundParameters['a']
    $PSBoundParameters.Count
}
f -a 1 -s
"""
    assert out(st, script) == [True, False, "a,s", 1, 2]


def test_psboundparameters_splat(st):
    script = """
function inner {
    param($a, $b)
    "$a-$b"
}
function outer {
    param($a, $b)
    inner @PSBoundParameters
}
outer -b 2 -a 1
"""
    r = ps(st, script)
    if not r.ok and "splatting" in r.error_text:
        pytest.skip("splatting is the language-constructs work (issue 13, first half)")
    assert r.output == ["1-2"]


def test_pscmdlet_methods(st):
    script = """
function f {
    [CmdletBinding(SupportsShouldProcess=$true)]
    param($x)
    if ($PSCmdlet.ShouldProcess($x, 'Change')) { "changed $x" }
    $PSCmdlet.WriteObject(5)
    $PSCmdlet.MyInvocation.MyCommand.Name
}
f thing
f other -WhatIf
"""
    r = ps(st, script)
    assert r.ok, r.error_text
    assert r.output == ["changed thing", 5, "f", 5, "f"]
    assert r.host_output == ['What if: Performing the operation "Change" on target "other".']


def test_pscmdlet_throw_terminating_error(st):
    script = """
function f {
    [CmdletBinding()]
    param()
    $err = [System.Management.Automation.ErrorRecord]::new([System.InvalidOperationException]::new('nope'), 'MyId', 'InvalidOperation', $null)
    $PSCmdlet.ThrowTerminatingError($err)
}
try { f } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
"""
    r = ps(st, script)
    if not r.ok and "ErrorRecord" in r.error_text and "not emulated" in r.error_text:
        pytest.fail(r.error_text)
    # MshCommandRuntime.ThrowTerminatingError sets the function's invocation on the record (SetInvocationInfo), and
    # ErrorRecord.FullyQualifiedErrorId then names the script command after the id
    assert r.output == ["MyId,f", "nope"]


def test_myinvocation_in_a_function(st):
    script = """
function Get-Thing {
    param($a)
    $MyInvocation.MyCommand.Name
    $MyInvocation.InvocationName
    $MyInvocation.BoundParameters['a']
    $MyInvocation.Line
}
Get-Thing -a 7
"""
    assert out(st, script) == ["Get-Thing", "Get-Thing", 7, "Get-Thing -a 7"]


# -- common parameters ------------------------------------------------------------------------------

def test_erroraction_and_errorvariable_of_an_advanced_function(st):
    script = """
function f {
    [CmdletBinding()]
    param()
    Write-Error 'bad'
    'after'
}
f -ErrorVariable ev -ErrorAction SilentlyContinue
$ev.Count
$ev[0].Exception.Message
f -ErrorVariable +ev -ErrorAction SilentlyContinue
$ev.Count
"""
    assert out(st, script) == ["after", 1, "bad", "after", 2]


def test_erroraction_stop_in_function(st):
    script = """
function f {
    [CmdletBinding()]
    param()
    Write-Error 'bad'
    'not reached'
}
try { f -ErrorAction Stop } catch { "caught: $($_.Exception.Message)" }
"""
    assert out(st, script) == ["caught: bad"]


def test_outvariable(st):
    script = """
function f {
    [CmdletBinding()]
    param()
    1; 2
}
f -OutVariable ov | Out-Null
$ov.Count
f -OutVariable +ov | Out-Null
$ov -join ','
Write-Output 'x' -OutVariable w | Out-Null
$w
"""
    assert out(st, script) == [2, "1,2,1,2", "x"]


def test_verbose_common_parameter(st):
    script = """
function f {
    [CmdletBinding()]
    param()
    Write-Verbose 'details'
    'done'
}
f
f -Verbose
"""
    r = ps(st, script)
    assert r.ok, r.error_text
    assert r.output == ["done", "done"] and r.verbose == ["details"]


def test_simple_function_refuses_common_parameters(st):
    # about_Functions_CmdletBindingAttribute: common parameters only for advanced functions;
    # a simple function sees -ErrorAction as an argument in $args.
    assert out(st, "function f { $args -join '|' }\nf -ErrorAction Stop") == ["-ErrorAction|Stop"]


def test_out_and_error_variables_nested_with_scope_prefixes(st):
    # PowerShell's OutErrorVariable.Tests.ps1 cases that hold in 5.1
    script = """
function get-foo3 {
    [CmdletBinding()]
    param()
    "foo-output-0"
    Write-Output "foo-output-1"
    Write-Error "foo-error"
}
function get-bar2 {
    [CmdletBinding()]
    param()
    "bar-output-0"
    Write-Output "bar-output-1"
    Write-Error "bar-error"
    get-foo3 -OutVariable script:foo_out -ErrorVariable script:foo_err
}
$ErrorActionPreference = 'SilentlyContinue'
get-bar2 -OutVariable script:bar_out -ErrorVariable script:bar_err | Out-Null
$foo_out -join ','
"$foo_err"
$bar_out -join ','
($bar_err | ForEach-Object { $_.ToString() }) -join ','
function get-foo4 {
    [CmdletBinding()]
    param()
    Write-Error "foo-error"
    try { throw "foo-exception" } catch {}
}
get-foo4 -ErrorVariable err
($err | ForEach-Object { $_.ToString() }) -join ','
Write-Error "foo" -ErrorVariable script:foo
$a = 'a','b'
function get-foo2 {
    [CmdletBinding()]
    param()
    $PSCmdlet.WriteError($script:foo[0])
}
get-foo2 -ErrorVariable +a
$a.Count
"""
    assert out(st, script) == ["foo-output-0,foo-output-1", "foo-error", "bar-output-0,bar-output-1,foo-output-0,foo-output-1",
                               "bar-error,foo-error", "foo-error,foo-exception", 3]


def test_validatescript_that_throws_gives_its_message(st):
    script = "function f {\n [CmdletBinding()]\n param([ValidateScript({ throw \"custom\" })]$p)\n $p\n}\nf 1"
    assert caught(st, script) == ("ParameterArgumentValidationError,f", "Cannot validate argument on parameter 'p'. custom")


def _needs_named_blocks(r: ScriptResult) -> None:
    if not r.ok and "named block" in r.error_text:
        pytest.skip("begin/process/end blocks are the language-constructs work (issue 13, first half)")


def test_value_from_pipeline_per_object_in_process(st):
    # PowerShell's ParameterBinding tests 'Value from pipeline' / 'Value from pipeline by property name'
    script = """
function get-foo {
    param( [Parameter(valuefrompipeline=$true)] $a )
    process
    {
        if($a % 2 -eq 0) { $a }
    }
}
(1..10 | get-foo) -join ','
function get-bar {
    param( [Parameter(valuefrompipelinebypropertyname=$true)] $foo )
    process
    {
        if($foo % 2 -eq 0) { $foo }
    }
}
$b = 1..10 | Select-Object @{name='foo'; expression={$_ * 10}} | get-bar
$b -join ','
"""
    r = ps(st, script)
    _needs_named_blocks(r)
    assert r.ok and not r.errors, r.error_text
    assert r.output == ["2,4,6,8,10", "10,20,30,40,50,60,70,80,90,100"]


def test_pipeline_binding_failure_is_per_object(st):
    script = """
function f {
    param([Parameter(ValueFromPipeline=$true)][int]$n)
    process { $n * 2 }
}
1, 'x', 3 | f
"""
    r = ps(st, script)
    _needs_named_blocks(r)
    assert r.output == [2, 6]
    assert len(r.errors) == 1 and r.errors[0].error_id.startswith("InputObjectNotBound")
