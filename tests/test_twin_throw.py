"""throw with values, exceptions and error records, and $PSCmdlet.WriteError / ThrowTerminatingError (5.1).

about_Throw (5.1): "If you use throw without an expression... ScriptHalted"; a thrown exception or ErrorRecord is
what catch sees.
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_throw?view=powershell-5.1
Cmdlet.ThrowTerminatingError / WriteError: https://learn.microsoft.com/dotnet/api/system.management.automation.cmdlet
"""

from __future__ import annotations

from support.twin_script import out, ps


def test_throw_of_nothing_or_null_is_script_halted(st):
    got = out(st, """
try { throw $null } catch { "$_|$($_.FullyQualifiedErrorId)|$($_.CategoryInfo)" }
try { throw (Get-ChildItem C:\\ -Filter nothing-matches*) } catch { "$_" }
""")
    assert got == ["ScriptHalted|ScriptHalted|OperationStopped: (:) [], RuntimeException", "ScriptHalted"]
    r = ps(st, "throw")
    assert r.errors[0].message == "ScriptHalted" and r.errors[0].category_info == "OperationStopped: (:) [], RuntimeException"


def test_throw_of_an_object_keeps_it_as_the_target(st):
    got = out(st, """
try { throw @{ a = 1 } } catch { $_.TargetObject.GetType().Name; "$_"; "$($_.CategoryInfo)" }
""")
    assert got == ["Hashtable", "System.Collections.Hashtable",
                   "OperationStopped: (System.Collections.Hashtable:Hashtable) [], RuntimeException"]


def test_throw_terminating_error_names_the_function(st):
    r = ps(st, """
$er = [System.Management.Automation.ErrorRecord]::new([System.IO.IOException]::new('disk gone'), 'DiskGone', 'ResourceUnavailable', 'D:')
function Stop-Here { [CmdletBinding()] param() $PSCmdlet.ThrowTerminatingError($er) }
try { Stop-Here } catch { $_.FullyQualifiedErrorId; "$($_.CategoryInfo)"; $_.Exception.GetType().FullName }
Stop-Here
""")
    assert r.output == ["DiskGone,Stop-Here", "ResourceUnavailable: (D::String) [Stop-Here], IOException", "System.IO.IOException"]
    assert r.errors[0].command == "Stop-Here" and r.errors[0].message == "disk gone"


def test_write_error_keeps_the_record_exception(st):
    got = out(st, """
$er = [System.Management.Automation.ErrorRecord]::new([System.IO.IOException]::new('disk gone'), 'DiskGone', 'ResourceUnavailable', 'D:')
function Report { [CmdletBinding()] param() $PSCmdlet.WriteError($er); 'went on' }
$r = Report 2>&1
$r[0].Exception.GetType().FullName
$r[0].FullyQualifiedErrorId
$r[1]
""")
    assert got == ["System.IO.IOException", "DiskGone,Report", "went on"]


def test_a_parse_failure_is_a_method_invocation_exception(st):
    # 5.1 wraps a .NET method's exception: CategoryInfo "NotSpecified: (:) [], MethodInvocationException", the id the
    # inner exception's type name; catch [FormatException] takes it (https://learn.microsoft.com/dotnet/api/system.int32.parse)
    got = out(st, """
try { [int]::Parse('x') } catch { $_.Exception.GetType().Name; $_.Exception.InnerException.GetType().Name; "$($_.CategoryInfo)" }
try { [int]::Parse('99999999999') } catch { $_.Exception.InnerException.Message }
try { [int]::Parse('x') } catch [FormatException] { 'FormatException' }
""")
    assert got == ["MethodInvocationException", "FormatException", "NotSpecified: (:) [], MethodInvocationException",
                   "Value was either too large or too small for an Int32.", "FormatException"]


def test_invocation_info_names_the_failed_command(st):
    # InvocationInfo.MyCommand: the CommandInfo of the command that failed; Write-Error's record carries its caller's
    # (https://learn.microsoft.com/dotnet/api/system.management.automation.invocationinfo.mycommand)
    got = out(st, """
try { Get-Item C:\\nothing -ErrorAction Stop } catch {
    $_.InvocationInfo.MyCommand.Name; $_.InvocationInfo.MyCommand.GetType().Name; $_.InvocationInfo.MyCommand.ModuleName }
function Test-Fails { [CmdletBinding()] param() Write-Error 'no' }
try { Test-Fails -ErrorAction Stop } catch { $_.InvocationInfo.MyCommand.Name; "$($_.InvocationInfo.MyCommand.CommandType)" }
$e = Write-Error 'top' 2>&1
$null -eq $e.InvocationInfo.MyCommand
""")
    assert got == ["Get-Item", "CmdletInfo", "Microsoft.PowerShell.Management", "Test-Fails", "Function", True]


def test_unmodelled_error_record_members_are_refused_not_null(st):
    # InvocationInfo's documented properties the twin does not keep (PipelineLength ...) are refused, not a silent $null;
    # ScriptName of text from no file is empty (https://learn.microsoft.com/dotnet/api/system.management.automation.invocationinfo)
    r = ps(st, "try { Get-Item C:\\nothing -ErrorAction Stop } catch { \"[$($_.InvocationInfo.ScriptName)]\"; "
               "$_.InvocationInfo.PipelineLength }")
    assert r.output == ["[]"]
    assert "PipelineLength" in r.errors[0].message and r.errors[0].message.endswith("does not model it.")


def test_an_error_leaving_a_cmdlets_script_travels_in_a_cmdlet_invocation_exception(st):
    # 5.1 wraps an error escaping the commands a cmdlet runs (Invoke-Expression's text, a ForEach-Object block) in a
    # CmdletInvocationException, unless `throw` raised it or -ErrorAction Stop stopped it; $_.Exception stays its own
    # (about_Try_Catch_Finally: a clause takes its type and the types derived from it)
    got = out(st, """
try { Invoke-Expression 'Get-Command -Name' } catch [System.Management.Automation.CmdletInvocationException] {
    $_.Exception.GetType().Name }
try { 1 | ForEach-Object { 1/0 } } catch [System.Management.Automation.CmdletInvocationException] { 'wrapped' } catch { 'bare' }
try { 1 | ForEach-Object { throw 'x' } } catch [System.Management.Automation.CmdletInvocationException] { 'wrong' } catch { 'thrown' }
try { 1 | ForEach-Object { Get-Item C:\\nothing -ErrorAction Stop } } catch [System.Management.Automation.CmdletInvocationException] {
    'wrong' } catch [System.Management.Automation.ActionPreferenceStopException] { 'stopped' }
""")
    assert got == ["ParameterBindingException", "wrapped", "thrown", "stopped"]
