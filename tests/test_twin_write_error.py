"""The ErrorRecord Write-Error writes, with every parameter of its 5.1 page, and CategoryInfo's text.

https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/write-error?view=powershell-5.1
(parameter sets NoException / WithException / ErrorRecord; -Message is position 0 in all of 5.1's sets)
https://learn.microsoft.com/dotnet/api/system.management.automation.errorcategoryinfo
"""

from __future__ import annotations

from support.twin_script import out, ps


def test_message_alone_is_a_write_error_exception(st):
    got = out(st, """
$e = Write-Error myerrortext 2>&1
$e.Exception.GetType().FullName
$e.FullyQualifiedErrorId
$e.CategoryInfo.GetMessage()
"$($e.CategoryInfo.Activity)|$($e.CategoryInfo.Reason)|$($e.CategoryInfo.TargetName)|$($e.CategoryInfo.TargetType)"
$null -eq $e.ErrorDetails
""")
    assert got == ["Microsoft.PowerShell.Commands.WriteErrorException", "Microsoft.PowerShell.Commands.WriteErrorException",
                   "NotSpecified: (:) [Write-Error], WriteErrorException", "Write-Error|WriteErrorException||", True]


def test_every_parameter_reaches_the_record(st):
    got = out(st, """
$x = New-Object -TypeName System.ArgumentNullException -ArgumentList paramname
$e = Write-Error -Message shown -Exception $x -ErrorId myid -Category SyntaxError -TargetObject tgt -CategoryActivity act `
    -CategoryReason why -CategoryTargetName tname -CategoryTargetType ttype -RecommendedAction 'do this' 2>&1
$e.Exception.GetType().FullName
$e.Exception.ParamName
$e.TargetObject
$e.FullyQualifiedErrorId
"$($e.CategoryInfo)"
$e.ErrorDetails.Message
$e.ErrorDetails.RecommendedAction
"$e"
""")
    assert got == ["System.ArgumentNullException", "paramname", "tgt", "myid",
                   "SyntaxError: (tname:ttype) [act], why", "shown", "do this", "shown"]


def test_an_exception_alone_names_the_id_after_its_type(st):
    r = ps(st, "function f { Write-Error -Exception ([System.InvalidOperationException]::new('bad state')) -Category "
               "InvalidOperation }\nf")
    assert r.errors[0].message == "bad state"
    assert r.errors[0].error_id == "System.InvalidOperationException,f"
    assert r.errors[0].category_info == "InvalidOperation: (:) [Write-Error], InvalidOperationException"


def test_an_error_record_is_copied_with_its_exception(st):
    got = out(st, """
$src = [System.Management.Automation.ErrorRecord]::new([System.IO.IOException]::new('disk'), 'DiskId', 'WriteError', 'D:')
$e = Write-Error -ErrorRecord $src -RecommendedAction 'check the disk' 2>&1
$e.Exception.GetType().FullName
$e.FullyQualifiedErrorId
"$($e.CategoryInfo)"
$e.ErrorDetails.Message
$e.ErrorDetails.RecommendedAction
""")
    assert got == ["System.IO.IOException", "DiskId", "WriteError: (D::String) [Write-Error], IOException", "disk",
                   "check the disk"]


def test_a_record_given_to_message_is_its_text_in_5_1(st):
    # 5.1's -Message is position 0 in every set: the record binds to it as text (7 binds it to -ErrorRecord)
    got = out(st, "try { [int]::Parse('foo') } catch { }\n(Write-Error $Error[0] 2>&1).Exception.GetType().FullName")
    assert got == ["Microsoft.PowerShell.Commands.WriteErrorException"]


def test_long_category_parts_are_shortened_as_5_1_prints_them(st):
    # ErrorCategoryInfo.Ellipsize in 5.1: past 40 characters, the first and last 15 with "..." between
    r = ps(st, "Get-Item C:\\Users\\Administrator\\Documents\\a-very-long-folder-name\\nosuchfile.txt")
    assert r.errors[0].category_info == ("ObjectNotFound: (C:\\Users\\Admini...\\nosuchfile.txt:String) [Get-Item], "
                                         "ItemNotFoundException")
    assert out(st, "Get-Item C:\\nothing -ErrorAction SilentlyContinue; $Error[0].CategoryInfo.TargetType") == ["String"]
