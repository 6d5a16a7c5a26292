"""Dynamic parameters of advanced functions (dynamicparam blocks) on the twin, as 5.1 documents them.

about_Functions_Advanced_Parameters, "Dynamic parameters" (5.1):
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_functions_advanced_parameters?view=powershell-5.1#dynamic-parameters
"""

from __future__ import annotations

import pytest

from support.twin_script import out, ps

# The page's own example shape: a parameter that exists only when a static parameter has a value.
DP1 = """
function foo-bar {
    [CmdletBinding()]
    param($path)
    dynamicparam {
        if ($PSBoundParameters['path'] -contains 'abc') {
            $attributes = [System.Management.Automation.ParameterAttribute]::new()
            $attributes.ParameterSetName = 'pset1'
            $attributes.Mandatory = $false
            $attributeCollection = [System.Collections.ObjectModel.Collection[System.Attribute]]::new()
            $attributeCollection.Add($attributes)
            $dynParam1 = [System.Management.Automation.RuntimeDefinedParameter]::new('dp1', [Int32], $attributeCollection)
            $paramDictionary = [System.Management.Automation.RuntimeDefinedParameterDictionary]::new()
            $paramDictionary.Add('dp1', $dynParam1)
            return $paramDictionary
        }
        $paramDictionary = $null
        return $null
    }
    begin {
        if ($null -ne $paramDictionary) {
            if ($null -ne $paramDictionary.dp1.Value) { $paramDictionary.dp1.Value.GetType().Name; $paramDictionary.dp1.Value }
            else { 'dynamic parameters not passed' }
        } else { 'no dynamic parameters' }
    }
    end { $PSCmdlet.ParameterSetName }
}
"""


def error_id(state, script: str) -> str:
    r = ps(state, f"try {{\n{script}\n}} catch {{ $_.FullyQualifiedErrorId }}")
    assert r.ok and not r.errors, r.error_text
    return r.output[0]


def test_dynamic_parameter_bound_and_converted(st):
    assert out(st, DP1 + "foo-bar -path abc -dp1 '42'") == ["Int32", 42, "pset1"]


def test_dynamic_parameter_missing_when_the_block_gives_none(st):
    assert error_id(st, DP1 + "foo-bar -path def -dp1 42") == "NamedParameterNotFound,foo-bar"
    assert out(st, DP1 + "foo-bar -path def") == ["no dynamic parameters", "__AllParameterSets"]


def test_dynamic_parameter_not_given(st):
    # no parameter of pset1 bound and no default set: the function runs in every set
    assert out(st, DP1 + "foo-bar -path abc") == ["dynamic parameters not passed", "__AllParameterSets"]


COLOR = """
function paint {
    [CmdletBinding()]
    param([Parameter(Position = 0)] $Kind)
    dynamicparam {
        $d = New-Object System.Management.Automation.RuntimeDefinedParameterDictionary
        $c = New-Object 'System.Collections.ObjectModel.Collection[System.Attribute]'
        $a = New-Object System.Management.Automation.ParameterAttribute
        $a.Mandatory = $true
        $a.Position = 1
        $c.Add($a)
        $c.Add((New-Object System.Management.Automation.ValidateSetAttribute('red', 'green')))
        $c.Add((New-Object System.Management.Automation.AliasAttribute('col')))
        $d.Add('Color', (New-Object System.Management.Automation.RuntimeDefinedParameter('Color', [string], $c)))
        $d
    }
    end { "$Kind $($PSBoundParameters['Color']) [$($PSBoundParameters.Keys -join ',')] [$Color]" }
}
"""


@pytest.mark.parametrize("call, expected", [
    ("paint fruit red", "fruit red [Kind,Color] []"),          # positional; no $Color variable
    ("paint -col green -Kind x", "x green [Kind,Color] []"),    # alias, ValidateSet compares case-insensitively
])
def test_dynamic_parameter_position_alias_validation(st, call, expected):
    assert out(st, COLOR + call) == [expected]


@pytest.mark.parametrize("call, error", [
    ("paint fruit blue", "ParameterArgumentValidationError,paint"),
    ("paint fruit", "MissingMandatoryParameter,paint"),
])
def test_dynamic_parameter_errors(st, call, error):
    assert error_id(st, COLOR + call) == error


def test_dynamic_parameter_named_like_a_static_one(st):
    script = """
function g { [CmdletBinding()] param($Name)
    dynamicparam {
        $c = [System.Collections.ObjectModel.Collection[System.Attribute]]::new()
        $c.Add([System.Management.Automation.ParameterAttribute]::new())
        $d = [System.Management.Automation.RuntimeDefinedParameterDictionary]::new()
        $d.Add('Name', [System.Management.Automation.RuntimeDefinedParameter]::new('Name', [string], $c))
        $d }
    end { 'ran' } }
g"""
    assert error_id(st, script).startswith("ParameterNameAlreadyExistsForCommand")


def test_an_object_that_is_no_dictionary_is_refused(st):
    script = "function g { [CmdletBinding()] param() dynamicparam { [pscustomobject]@{ A = 1 } } end { 'ran' } }\ng"
    r = ps(st, script)
    assert r.output == [] and "dynamicparam block returning" in r.error_text and "not emulated" in r.error_text


def test_argument_list_after_a_bareword_is_its_own_argument(st):
    # `New-Object T('a', 'b')` (about_Parsing): the parenthesized list is the -ArgumentList
    assert out(st, "function f { $args.Count; $args[1].Count; $args[3] }\nf a('b', 'c') d('e')") == [4, 2, "e"]


# (the function is not `h`: in 5.1 that is the built-in alias of Get-History, and an alias wins over a function)
CLASS_PARAMS = """
class NameParameter {
    [Parameter(ParameterSetName = 'named', Position = 0, Mandatory = 1)]
    [string] $Name
}
function hp {
    [CmdletBinding()]
    param($Path)
    dynamicparam { if ($Path -eq 'class') { [NameParameter]::new() } }
    begin { if ($null -ne $dp) { } }
    end { "$($PSCmdlet.ParameterSetName) $($PSBoundParameters['Name'])" }
}
"""


def test_dynamic_parameters_from_an_object_of_a_class(st):
    # the block may return an object whose class declares the parameters; binding sets its properties
    script = CLASS_PARAMS.replace("dynamicparam { if ($Path -eq 'class') { [NameParameter]::new() } }",
                                 "dynamicparam { if ($Path -eq 'class') { $script:dp = [NameParameter]::new(); $script:dp } }")
    assert out(st, script + "hp -Path class -Name n1; $dp.Name") == ["named n1", "n1"]
    assert error_id(st, CLASS_PARAMS + "hp -Path other -Name n1") == "NamedParameterNotFound,hp"


def test_parameter_attribute_on_a_class_property_changes_nothing_else(st):
    assert out(st, CLASS_PARAMS + "$o = [NameParameter]::new(); $o.Name = 'x'; $o.Name; [NameParameter]::new().Name -eq $null") \
        == ["x", True]


def test_parameter_attribute_properties_keep_their_types(st):
    script = """
$pa = [System.Management.Automation.ParameterAttribute]::new()
try { $pa.Position = 'x' } catch { $_.FullyQualifiedErrorId }
$pa.Position = '3'; $pa.Position.GetType().Name
$pa.Mandatory = 1; $pa.Mandatory
$pa.ParameterSetName"""
    assert out(st, script) == ["ExceptionWhenSetting", "Int32", True, "__AllParameterSets"]


def test_a_dynamic_parameter_gets_no_implicit_position(st):
    # the static parameters' implicit positions are theirs alone: a dynamic one without Position is named only
    script = """
function dq {
    [CmdletBinding()] param($Kind)
    dynamicparam {
        $c = [System.Collections.ObjectModel.Collection[System.Attribute]]::new()
        $c.Add([System.Management.Automation.ParameterAttribute]::new())
        $d = [System.Management.Automation.RuntimeDefinedParameterDictionary]::new()
        $d.Add('Extra', [System.Management.Automation.RuntimeDefinedParameter]::new('Extra', [string], $c))
        $d
    }
    end { "$Kind|$($PSBoundParameters['Extra'])" }
}
dq a; dq a -Extra b"""
    assert out(st, script) == ["a|", "a|b"]
    assert error_id(st, script.replace("dq a; dq a -Extra b", "dq a b")) == "PositionalParameterNotFound,dq"
