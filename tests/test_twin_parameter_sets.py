"""Parameter sets of advanced functions on the twin, as Windows PowerShell 5.1 resolves them.

Each expectation follows about_Parameter_Sets and about_Functions_CmdletBindingAttribute (5.1):
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_parameter_sets?view=powershell-5.1
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_functions_cmdletbindingattribute?view=powershell-5.1
and the engine's rules those pages describe (CmdletParameterBinderController.ValidateParameterSets,
ResolveParameterSetAmbiguityBasedOnMandatoryParameters, BindPipelineParametersPrivate in PowerShell's source).
"""

from __future__ import annotations

import pytest

from support.twin_script import out, ps

TWO_SETS = """
function f {
    [CmdletBinding()]
    param([Parameter(ParameterSetName='A', Mandatory)] $a,
          [Parameter(ParameterSetName='B')] $b,
          $x)
    $PSCmdlet.ParameterSetName
}
"""


def error_id(state, script: str) -> str:
    r = ps(state, f"try {{\n{script}\n}} catch {{ $_.FullyQualifiedErrorId }}")
    assert r.ok and not r.errors, r.error_text
    return r.output[0]


@pytest.mark.parametrize("call, expected", [
    ("f -a 1", "A"),
    ("f -b 1", "B"),
    # no set-specific parameter: the one set without an unbound mandatory parameter (A lacks -a)
    ("f -x 1", "B"),
    ("f", "B"),
])
def test_set_resolved_by_mandatory_parameters(st, call, expected):
    assert out(st, TWO_SETS + call) == [expected]


def test_parameters_of_two_sets_cannot_be_used_together(st):
    assert error_id(st, TWO_SETS + "f -a 1 -b 2") == "AmbiguousParameterSet,f"


def test_no_set_chosen_without_a_default_is_ambiguous(st):
    # "If no default parameter set is specified and the command line does not identify one, PowerShell ... fails"
    script = """
function g { [CmdletBinding()] param([Parameter(ParameterSetName='A')] $a, [Parameter(ParameterSetName='B')] $b, $x)
             $PSCmdlet.ParameterSetName }
g -x 1"""
    assert error_id(st, script) == "AmbiguousParameterSet,g"


def test_default_parameter_set_name(st):
    script = """
function g { [CmdletBinding(DefaultParameterSetName='B')]
             param([Parameter(ParameterSetName='A')] $a, [Parameter(ParameterSetName='B')] $b, $x)
             $PSCmdlet.ParameterSetName }
g -x 1; g; g -a 1"""
    assert out(st, script) == ["B", "B", "A"]


def test_default_set_no_parameter_uses(st):
    script = """
function g { [CmdletBinding(DefaultParameterSetName='None')] param([Parameter(ParameterSetName='A')] $a)
             $PSCmdlet.ParameterSetName }
g; g -a 1"""
    assert out(st, script) == ["None", "A"]


def test_all_parameter_sets_when_one_set_is_not_used(st):
    # (not `h`: in 5.1 that is the built-in alias of Get-History, and an alias wins over a function)
    script = """
function g { [CmdletBinding()] param([Parameter(ParameterSetName='A')] $a, $x) $PSCmdlet.ParameterSetName }
g -x 1; g -a 1
function k { [CmdletBinding()] param($x) $PSCmdlet.ParameterSetName }
k"""
    assert out(st, script) == ["__AllParameterSets", "A", "__AllParameterSets"]


def test_mandatory_in_the_only_set_is_missing(st):
    script = """
function g { [CmdletBinding()] param([Parameter(ParameterSetName='A', Mandatory)] $a, $x) 'ran' }
g -x 1"""
    assert error_id(st, script) == "MissingMandatoryParameter,g"


POSITIONAL = """
function k {
    [CmdletBinding()]
    param([Parameter(ParameterSetName='Id', Position=0)] [int] $Id,
          [Parameter(ParameterSetName='Name', Position=0)] [string] $Name)
    "$($PSCmdlet.ParameterSetName) $Id $Name"
}
"""


@pytest.mark.parametrize("call, expected", [
    # the argument binds first to a parameter whose type it already has, then with conversion
    ("k 5", "Id 5 "),
    ("k hello", "Name 0 hello"),
    ("k '7'", "Name 0 7"),
    ("k 2.6", "Id 3 "),
])
def test_positional_argument_picks_the_set_by_type(st, call, expected):
    assert out(st, POSITIONAL + call) == [expected]


PIPELINE = """
function p {
    [CmdletBinding()]
    param([Parameter(ParameterSetName='Id', ValueFromPipeline)] [int] $Id,
          [Parameter(ParameterSetName='Name', ValueFromPipeline)] [string] $Name)
    process { "$($PSCmdlet.ParameterSetName) $Id $Name" }
}
"""


def test_pipeline_input_picks_the_set_per_object(st):
    # ByValue without coercion first; a parameter bound from the previous object is back at its default
    assert out(st, PIPELINE + "5, 'x', '7' | p") == ["Id 5 ", "Name 0 x", "Name 0 7"]


def test_pipeline_input_prefers_the_default_set(st):
    script = PIPELINE.replace("[CmdletBinding()]", "[CmdletBinding(DefaultParameterSetName='Name')]")
    assert out(st, script + "5, 'x' | p") == ["Id 5 ", "Name 0 x"]


def test_pipeline_input_by_property_name(st):
    script = """
function q {
    [CmdletBinding()]
    param([Parameter(ParameterSetName='Id', ValueFromPipelineByPropertyName)] [int] $Id,
          [Parameter(ParameterSetName='Name', ValueFromPipelineByPropertyName)] [string] $Name)
    process { "$($PSCmdlet.ParameterSetName) $($PSBoundParameters.Keys)" }
}
[pscustomobject]@{Id = 4}, [pscustomobject]@{Name = 'n'} | q"""
    assert out(st, script) == ["Id Id", "Name Name"]


def test_input_missing_a_mandatory_parameter_is_an_error_for_that_object(st):
    script = """
function need-id {
    [CmdletBinding()]
    param([Parameter(ValueFromPipelineByPropertyName)] [string] $Name,
          [Parameter(ValueFromPipeline, Mandatory)] [int] $Id)
    process { "$Name $Id" }
}
[pscustomobject]@{Name = 'n'}, 3 | need-id"""
    r = ps(st, script)
    assert r.output == [" 3"]
    assert [e.error_id for e in r.errors] == ["InputObjectMissingMandatory,need-id"]
    assert "did not contain the information required to bind all mandatory parameters: Id" in r.error_text


def test_at_most_32_parameter_sets(st):
    def sets(n: int) -> str:
        params = ", ".join(f"[Parameter(ParameterSetName='set{i}')]$a{i}" for i in range(1, n + 1))
        return f"& {{ param({params}) 'working' }} -a1 123"
    assert out(st, sets(32)) == ["working"]
    assert error_id(st, sets(33)).startswith("ParsingTooManyParameterSets")


@pytest.mark.parametrize("param, error, message", [
    # about_CommonParameters: "You can't create any parameters that use the same names as the Common Parameters"
    ("$Verbose", "ParameterNameAlreadyExistsForCommand",
     "A parameter with the name 'Verbose' was defined multiple times for the command."),
    ("[Alias('ea')] $x", "AliasParameterNameAlreadyExistsForCommand",
     "The parameter alias cannot be specified because an alias with the name 'ea' was already defined multiple times for the "
     "command."),
    ("[Alias('Debug')] $x", "ParameterNameConflictsWithAlias",
     "The parameter 'Debug' cannot be specified because it conflicts with the parameter alias of the same name for parameter 'x'."),
])
def test_advanced_function_parameters_cannot_take_common_names(st, param, error, message):
    r = ps(st, f"function g {{ [CmdletBinding()] param({param}) 'ran' }}\ntry {{ g }} catch {{ $_.FullyQualifiedErrorId; $_.Exception.Message }}")
    assert r.ok and not r.errors, r.error_text
    assert r.output[0].startswith(error) and r.output[1] == message


def test_a_simple_function_may_use_common_names(st):
    # the common parameters belong to advanced functions only
    assert out(st, "function g { param($Verbose) \"v=$Verbose\" }\ng -Verbose 1") == ["v=1"]


def test_parameter_alias_taken_by_another_parameter(st):
    r = ps(st, "function g { param([Alias('x')] $a, $x) 'ran' }\ntry { g } catch { $_.Exception.Message }")
    assert r.output == ["The parameter 'x' cannot be specified because it conflicts with the parameter alias of the same name for "
                        "parameter 'a'."]


@pytest.mark.parametrize("command, error", [
    # the default set is chosen when it is valid, even with a mandatory parameter unbound (5.1 then asks for it);
    # another set whose parameters are all optional is not taken instead
    ("Initialize-Disk", "MissingMandatoryParameter,Initialize-Disk"),
    ("Format-Volume", "MissingMandatoryParameter,Format-Volume"),
    ("Get-EventLog", "MissingMandatoryParameter,Microsoft.PowerShell.Commands.GetEventLogCommand"),
    # Get-Random 5.1: -Count is in RandomListItemParameterSet only, -Maximum in RandomNumberParameterSet
    ("Get-Random -Maximum 10 -Count 3", "AmbiguousParameterSet,Microsoft.PowerShell.Commands.GetRandomCommand"),
    ("Get-Date -Format yyyy -UFormat %Y", "AmbiguousParameterSet,Microsoft.PowerShell.Commands.GetDateCommand"),
])
def test_cmdlet_parameter_set_errors(st, command, error):
    assert error_id(st, command) == error


def test_cmdlet_other_set_when_named(st):
    assert out(st, "(Get-EventLog -List | Select-Object -First 1).GetType().Name") == ["EventLog"]


def test_two_parameters_at_one_position(st):
    # ParameterBinderStrings AmbiguousPositionalParameterNoName, only when an argument is positional
    script = """
function t { [CmdletBinding()] param([Parameter(Position = 0)] [int] $P1 = 0, [Parameter(Position = 0)] [int] $P2 = 0) 'ran' }
"""
    assert error_id(st, script + "t 1") == "AmbiguousPositionalParameterNoName,t"
    assert out(st, script + "t -P1 1; t") == ["ran", "ran"]


def test_binding_exception_types(st):
    # a mandatory parameter's null/empty check is a ParameterBindingValidationException; a name clash a MetadataException
    script = """
function m { [CmdletBinding()] param([Parameter(Mandatory)] [string] $S) $S }
try { m -S '' } catch { $_.CategoryInfo.Reason; $_.FullyQualifiedErrorId }
function n { [CmdletBinding()] param($ErrorAction) 'ran' }
try { n } catch { $_.CategoryInfo.Reason; $_.Exception -is [System.Management.Automation.MetadataException] }"""
    assert out(st, script) == ["ParameterBindingValidationException", "ParameterArgumentValidationErrorEmptyStringNotAllowed,m",
                               "MetadataException", True]


BY_NAME_OR_OBJECT = """
function Get-Thing {
    [CmdletBinding(DefaultParameterSetName = 'ByName')]
    param([Parameter(ParameterSetName = 'ByName', Mandatory, Position = 0)] [string] $Name,
          [Parameter(ParameterSetName = 'ByObject', Mandatory, ValueFromPipeline)] [psobject] $InputObject)
    process { "$($PSCmdlet.ParameterSetName) [$Name] [$InputObject]" }
}
"""


@pytest.mark.parametrize("call, expected", [
    # the default set's mandatory -Name does not stop input that another set's pipeline parameter takes
    ("'x' | Get-Thing", ["ByObject [] [x]"]),
    ("Get-Thing foo", ["ByName [foo] []"]),
])
def test_pipeline_input_picks_a_set_whose_mandatory_parameter_it_fills(st, call, expected):
    assert out(st, BY_NAME_OR_OBJECT + call) == expected


def test_mandatory_in_every_set_is_missing_before_input_binds(st):
    script = "function f { param([Parameter(Mandatory)] $a, [Parameter(ValueFromPipeline)] $b) process { 'ran' } }\n1 | f"
    r = ps(st, script)
    assert r.output == [] and [e.error_id for e in r.errors] == ["MissingMandatoryParameter,f"]


def test_remaining_arguments_are_a_list_in_5_1(st):
    # 5.1 binds a List[object] however many arguments remain (PowerShell issue #4625; 6.0 changed it)
    script = "function f { [CmdletBinding()] param([Parameter(ValueFromRemainingArguments)] $Rest) $Rest.GetType().Name; $Rest.Count }\n"
    assert out(st, script + "f a b c; f a") == ["List`1", 3, "List`1", 1]


def test_remaining_arguments_parameter_takes_no_position(st):
    # PowerShell issue #2035 as 5.1 shows it: an array argument stays one element of the remaining arguments
    script = """
function Do-Something {
    param([string] [Parameter(Position = 0)] $Root,
          [string[]] [Parameter(Position = 1, ValueFromRemainingArguments)] $Extra)
    "$($Extra.Count): $($Extra -join '|')"
}
Do-Something Root Extra1 Extra2 Extra3
Do-Something Root 'Extra1', 'Extra2', 'Extra3'"""
    assert out(st, script) == ["3: Extra1|Extra2|Extra3", "1: Extra1 Extra2 Extra3"]


def test_switch_is_present(st):
    # about_Functions_Advanced_Parameters (switch parameters): $Force.IsPresent is whether -Force was given true
    script = "function g { param([switch] $Force) \"Force: $($Force.IsPresent)\" }\ng; g -Force; g -Force:$false"
    assert out(st, script) == ["Force: False", "Force: True", "Force: False"]


def test_expecting_input(st):
    # InvocationInfo.ExpectingInput: whether the command's input comes from the pipeline
    script = """
function ei { [CmdletBinding()] param([Parameter(ValueFromPipeline)] $x) begin { $PSCmdlet.MyInvocation.ExpectingInput } }
function simple-ei { $MyInvocation.ExpectingInput }
ei; 1 | ei; simple-ei; 1 | simple-ei"""
    assert out(st, script) == [False, True, False, True]


def test_a_position_that_is_no_number_is_an_error_not_a_crash(st):
    script = "function f { param([Parameter(Position = 'x')] $a) $a }\ntry { f 1 } catch { $_.Exception.Message }"
    assert out(st, script) == ['Cannot convert value "x" to type "System.Int32". Error: "Input string was not in a correct format."']


def test_hashtable_keys_do_not_bind_by_property_name(st):
    # the binder reads properties, and a hashtable's keys are none (PowerShell issues #13981, #13104):
    # [pscustomobject] input binds, the hashtable fails
    script = """
function f { [CmdletBinding()] param([Parameter(ValueFromPipelineByPropertyName)] [Alias('Id')] $Key) process { $Key } }
[pscustomobject]@{ Id = 7 } | f
@{ Key = 8 } | f"""
    r = ps(st, script)
    assert r.output == [7]
    assert [e.error_id for e in r.errors] == ["InputObjectNotBound,f"]


def test_begin_runs_before_input_binds(st):
    # about_Functions_Advanced_Methods: begin runs before the first pipeline object; end sees the last one bound
    script = """
function f { param([Parameter(ValueFromPipeline)] $x) begin { "begin [$x] $($PSBoundParameters.Count)" } process { "process $x" } end { "end $x" } }
function k { param([Parameter(ValueFromPipeline)] $x) begin { "begin [$x]" } end { "end $x" } }
function g { [CmdletBinding(DefaultParameterSetName = 'N')]
    param([Parameter(ValueFromPipeline, ParameterSetName = 'P')] $x, [Parameter(ParameterSetName = 'N')] $n)
    begin { "begin $($PSCmdlet.ParameterSetName)" } process { "process $($PSCmdlet.ParameterSetName)" } }
1, 2 | f; 1, 2 | k; 1 | g"""
    assert out(st, script) == ["begin [] 0", "process 1", "process 2", "end 2", "begin []", "end 2", "begin N", "process P"]
