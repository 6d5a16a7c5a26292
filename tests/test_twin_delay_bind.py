"""Delay-bind script blocks on the twin (about_Script_Blocks 5.1, "Using delay-bind script blocks with parameters"):
a script block given to a pipeline parameter that is not [scriptblock] or [object] runs per input object.

https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_script_blocks?view=powershell-5.1#using-delay-bind-script-blocks-with-parameters
"""

from __future__ import annotations

from support.twin_script import out, ps

LABEL = """
function Add-Label {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline)] $InputObject, [Parameter(ValueFromPipelineByPropertyName)] [string] $Label)
    process { "$InputObject -> $Label" }
}
"""


def test_function_parameter_takes_the_block_output_per_object(st):
    assert out(st, LABEL + "1, 2, 3 | Add-Label -Label { \"n$($_ * 10)\" }") == ["1 -> n10", "2 -> n20", "3 -> n30"]


def test_typed_value_from_pipeline_parameter(st):
    # PowerShell's engine ParameterBinding test: {$_} delay-binds to a [System.IO.FileInfo] parameter
    script = r"""
function Get-FileName { [CmdletBinding()] param([Parameter(ValueFromPipeline)] [System.IO.FileInfo] $File) process { $File.Name } }
New-Item -Path C:\Windows\Temp\delay.txt -ItemType File -Force | Out-Null
Get-Item C:\Windows\Temp\delay.txt | Get-FileName -File { $_ }"""
    assert out(st, script) == ["delay.txt"]


def test_without_input_the_block_is_refused(st):
    r = ps(st, LABEL + "try { Add-Label -InputObject 1 -Label { 'x' } } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }")
    assert r.output == ["ScriptBlockArgumentNoInput,Add-Label",
                        "Cannot evaluate parameter 'Label' because its argument is specified as a script block and there is no "
                        "input. A script block cannot be evaluated without input."]


def test_a_block_without_output_fails_each_object(st):
    r = ps(st, LABEL + "1, 2 | Add-Label -Label { }")
    assert r.output == []
    assert [e.error_id for e in r.errors] == ["ScriptBlockArgumentNoOutput,Add-Label"] * 2


def test_a_scriptblock_parameter_takes_the_block_itself(st):
    script = """
function Use-Block { [CmdletBinding()] param([Parameter(ValueFromPipeline)] $i, [Parameter(ValueFromPipelineByPropertyName)] [scriptblock] $Action)
    process { $Action.GetType().Name } }
1 | Use-Block -Action { 'y' }"""
    assert out(st, script) == ["ScriptBlock"]


def test_cmdlet_parameter_runs_the_block_per_object(st):
    # Copy-Item -Destination takes pipeline input by property name: the block names each copy
    script = r"""
New-Item -Path C:\Windows\Temp\one.txt -ItemType File -Force | Out-Null
Get-Item C:\Windows\Temp\one.txt | Copy-Item -Destination { 'C:\Windows\Temp\' + $_.Name + '.bak' }
Test-Path C:\Windows\Temp\one.txt.bak"""
    assert out(st, script) == [True]


def test_cmdlet_without_input_refuses_the_block(st):
    r = ps(st, r"try { Copy-Item -Path C:\Windows\Temp\one.txt -Destination { 'x' } } catch { $_.FullyQualifiedErrorId }")
    assert r.output == ["ScriptBlockArgumentNoInput,Microsoft.PowerShell.Commands.CopyItemCommand"]
