"""Errors as Windows PowerShell 5.1 shows them, and the exception types and
error ids the modules' cmdlets give them.

The display is 5.1's only error view (ConciseView came with PowerShell 7):
message (``Command : message``), ``At line:N char:M``, the source line with
``+ ~~~`` under the failing extent, ``+ CategoryInfo`` and
``+ FullyQualifiedErrorId``.  The position lines follow PowerShell's
PositionUtilities.VerboseMessage (engine/parser/Position.cs).
"""

from __future__ import annotations

from pathlib import Path

from labkit.twin.error_view import position_message
from labkit.twin.session import run_script
from test_world_procedure import N1

NOT_RECOGNIZED = ("The term 'Get-Foo' is not recognized as the name of a cmdlet, function, script file, or operable program. "
                  "Check the spelling of the name, or if a path was included, verify that the path is correct and try again.")


def ps(state: Path, script: str):
    return run_script(script, host=N1, state_dir=state)


def test_command_not_found_as_5_1_shows_it(state: Path) -> None:
    r = ps(state, "Get-Foo -Name x")
    assert r.error_text.split("\n") == [
        f"Get-Foo : {NOT_RECOGNIZED}",
        "At line:1 char:1",
        "+ Get-Foo -Name x",
        "+ ~~~~~~~",
        "    + CategoryInfo          : ObjectNotFound: (Get-Foo:String) [], CommandNotFoundException",
        "    + FullyQualifiedErrorId : CommandNotFoundException",
    ]


def test_the_command_is_named_as_the_script_wrote_it(state: Path) -> None:
    # "remove-ClusterNode : ..." with "[Remove-ClusterNode]" in CategoryInfo, as on Windows Server
    r = ps(state, "get-vm -Name NoSuchVM")
    lines = r.error_text.split("\n")
    assert lines[0].startswith("get-vm : Hyper-V was unable")
    assert "[Get-VM], VirtualizationException" in lines[4]


def test_the_marks_stand_under_the_failing_command(state: Path) -> None:
    r = ps(state, "$n = 1\n    Get-Service | Get-Foo")
    lines = r.error_text.split("\n")
    assert lines[1:4] == ["At line:2 char:19", "+     Get-Service | Get-Foo", "+                   ~~~~~~~"]


def test_a_missing_vm_is_hyper_vs_virtualization_exception(state: Path) -> None:
    r = ps(state, "Get-VM -Name NoSuchVM")
    assert r.error_text.split("\n") == [
        'Get-VM : Hyper-V was unable to find a virtual machine with name "NoSuchVM".',
        "At line:1 char:1",
        "+ Get-VM -Name NoSuchVM",
        "+ ~~~~~~~~~~~~~~~~~~~~~",
        "    + CategoryInfo          : InvalidArgument: (NoSuchVM:String) [Get-VM], VirtualizationException",
        "    + FullyQualifiedErrorId : InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM",
    ]
    caught = ps(state, """
try { Get-VM -Name NoSuchVM -ErrorAction Stop }
catch [Microsoft.HyperV.PowerShell.VirtualizationException] {
    'caught'; $_.FullyQualifiedErrorId; $_.Exception.GetType().FullName; [string]$_.CategoryInfo.Category
}""")
    assert caught.ok and caught.output == ["caught", "InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM",
                                           "Microsoft.HyperV.PowerShell.VirtualizationException", "InvalidArgument"]


def test_other_hyper_v_cmdlets_qualify_the_id_with_their_own_class(state: Path) -> None:
    r = ps(state, "Stop-VM -Name NoSuchVM -Force")
    assert r.errors[0].error_id == "InvalidParameter,Microsoft.HyperV.PowerShell.Commands.StopVM"
    r = ps(state, "Get-VM -Id 12345678-1234-1234-1234-123456789abc")
    assert r.errors[0].message == 'Hyper-V was unable to find a virtual machine with id "12345678-1234-1234-1234-123456789abc".'


def test_binding_errors_carry_the_cmdlets_class(state: Path) -> None:
    # "NamedParameterNotFound,Microsoft.FailoverClusters.PowerShell.SetClusterQuorumCommand" on Windows Server
    r = ps(state, "Set-ClusterQuorum -NodeAndFilesShareMajority x")
    e = r.errors[0]
    assert e.message == "A parameter cannot be found that matches parameter name 'NodeAndFilesShareMajority'."
    assert e.error_id == "NamedParameterNotFound,Microsoft.FailoverClusters.PowerShell.SetClusterQuorumCommand"
    assert e.category_info == "InvalidArgument: (:) [Set-ClusterQuorum], ParameterBindingException"
    # 5.1 marks the parameter it cannot find
    assert r.error_text.split("\n")[1:4] == ["At line:1 char:19", "+ Set-ClusterQuorum -NodeAndFilesShareMajority x",
                                              "+                   ~~~~~~~~~~~~~~~~~~~~~~~~~~"]
    r = ps(state, "Get-ClusterResource -Bogus")
    assert r.errors[0].error_id == "NamedParameterNotFound,Microsoft.FailoverClusters.PowerShell.GetResourceCommand"


def test_a_typed_catch_of_another_type_does_not_catch(state: Path) -> None:
    r = ps(state, """
try { Get-VM -Name NoSuchVM -ErrorAction Stop }
catch [System.Management.Automation.ItemNotFoundException] { 'wrong' }
catch [System.Exception] { 'base' }""")
    assert r.output == ["base"]


def test_cluster_cmdlets_raise_cluster_cmdlet_exception(state: Path) -> None:
    r = ps(state, "Get-ClusterNode -Name NoSuchNode")
    e = r.errors[0]
    assert e.exception_type == "Microsoft.FailoverClusters.PowerShell.ClusterCmdletException"
    assert e.category_info == "ObjectNotFound: (NoSuchNode:String) [Get-ClusterNode], ClusterCmdletException"
    assert e.error_id == "ClusterObjectNotFound,Microsoft.FailoverClusters.PowerShell.GetNodeCommand"
    r = ps(state, "try { Get-ClusterGroup -Name Nope -ErrorAction Stop } catch [Microsoft.FailoverClusters.PowerShell.ClusterCmdletException] { 'caught' }")
    assert r.output == ["caught"]


def test_cdxml_queries_that_find_nothing_raise_cim_job_exception(state: Path) -> None:
    r = ps(state, "Get-Disk -Number 9")
    e = r.errors[0]
    assert e.message == "No MSFT_Disk objects found with property 'Number' equal to '9'.  Verify the value of the property and retry."
    assert e.error_id == "CmdletizationQuery_NotFound_Number,Get-Disk"
    assert e.category_info.endswith("[Get-Disk], CimJobException")
    r = ps(state, "Get-NetAdapter -Name Nope")
    assert r.errors[0].error_id == "CmdletizationQuery_NotFound_Name,Get-NetAdapter"
    r = ps(state, "try { Get-Disk -Number 9 -ErrorAction Stop } catch [Microsoft.PowerShell.Cmdletization.Cim.CimJobException] { 'caught' }")
    assert r.output == ["caught"]


def test_core_cmdlets_ids_and_exceptions(state: Path) -> None:
    r = ps(state, r"Get-ChildItem C:\NoSuchFolder")
    e = r.errors[0]
    assert e.error_id == "PathNotFound,Microsoft.PowerShell.Commands.GetChildItemCommand"
    assert e.category_info == r"ObjectNotFound: (C:\NoSuchFolder:String) [Get-ChildItem], ItemNotFoundException"
    r = ps(state, "Get-Service -Name NoSuchService")
    assert r.errors[0].error_id == "NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.GetServiceCommand"
    assert r.errors[0].category_info.endswith("ServiceCommandException")


def test_a_refused_argument_is_marked_and_invalid_data(state: Path) -> None:
    r = ps(state, 'function f { param([ValidateSet("a","b")]$x) }; f -x c')
    lines = r.error_text.split("\n")
    assert lines[1:4] == ["At line:1 char:54", '+ function f { param([ValidateSet("a","b")]$x) }; f -x c', "+" + " " * 54 + "~"]
    assert lines[4] == "    + CategoryInfo          : InvalidData: (:) [f], ParameterBindingValidationException"
    assert lines[5] == "    + FullyQualifiedErrorId : ParameterArgumentValidationError,f"
    r = ps(state, "Get-Disk | Out-String -Width 0")
    assert r.errors[0].category_info == "InvalidData: (:) [Out-String], ParameterBindingValidationException"
    r = ps(state, "try { Get-Disk | Out-String -Width 1 } catch [System.Management.Automation.ParameterBindingException] { 'caught' }")
    assert r.output == ["caught"]


def test_throw_display(state: Path) -> None:
    r = ps(state, "throw 'oops'")
    assert r.error_text.split("\n") == [
        "oops", "At line:1 char:1", "+ throw 'oops'", "+ ~~~~~~~~~~~~",
        "    + CategoryInfo          : OperationStopped: (oops:String) [], RuntimeException",
        "    + FullyQualifiedErrorId : oops",
    ]


def test_write_error_displays_as_on_the_5_1_page(state: Path) -> None:
    # https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_preference_variables?view=powershell-5.1
    r = ps(state, "Write-Error -Message  'Test Error' ; Write-Host 'Hello World'")
    assert r.host_output == ["Hello World"]
    assert r.error_text.split("\n") == [
        "Write-Error -Message  'Test Error' ; Write-Host 'Hello World' : Test Error",
        "    + CategoryInfo          : NotSpecified: (:) [Write-Error], WriteErrorException",
        "    + FullyQualifiedErrorId : Microsoft.PowerShell.Commands.WriteErrorException",
    ]
    r = ps(state, "$ErrorActionPreference = 'Stop'\nWrite-Error -Message 'Test Error' ; Write-Host 'Hello World'")
    assert r.host_output == []
    # the record names the script (here all of its text, as a command line would be) and, stopped, where Write-Error ran
    lines = r.error_text.split("\n")
    assert lines[:2] == ["$ErrorActionPreference = 'Stop'", "Write-Error -Message 'Test Error' ; Write-Host 'Hello World' : Test Error"]
    assert lines[2:5] == [
        "At line:2 char:1", "+ Write-Error -Message 'Test Error' ; Write-Host 'Hello World'", "+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~"]


def test_write_error_in_a_function_names_the_function(state: Path) -> None:
    r = ps(state, "function f { Write-Error boom }\n  f")
    assert r.error_text.split("\n") == [
        "f : boom", "At line:2 char:3", "+   f", "+   ~",
        "    + CategoryInfo          : NotSpecified: (:) [Write-Error], WriteErrorException",
        "    + FullyQualifiedErrorId : Microsoft.PowerShell.Commands.WriteErrorException,f",
    ]


def test_an_error_record_written_to_the_output_prints_as_the_error_display(state: Path) -> None:
    r = ps(state, "try { Get-VM -Name NoSuchVM -ErrorAction Stop } catch { $_ }")
    assert not r.errors
    assert [line for line in r.text.split("\n") if line] == [
        'Get-VM : Hyper-V was unable to find a virtual machine with name "NoSuchVM".',
        "At line:1 char:7",
        "+ try { Get-VM -Name NoSuchVM -ErrorAction Stop } catch { $_ }",
        "+       " + "~" * len("Get-VM -Name NoSuchVM -ErrorAction Stop"),
        "    + CategoryInfo          : InvalidArgument: (NoSuchVM:String) [Get-VM], VirtualizationException",
        "    + FullyQualifiedErrorId : InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM",
    ]


def test_redirecting_a_functions_errors_hides_them(state: Path) -> None:
    r = ps(state, "function f { Write-Error boom; 'after' }\nf 2>$null; $Error.Count")
    assert not r.errors and r.output == ["after", 1]


def test_category_view(state: Path) -> None:
    # $ErrorView = "CategoryView" (about_Preference_Variables, 5.1)
    r = ps(state, "$ErrorView = 'CategoryView'\nGet-ChildItem -Path C:\\nofile.txt")
    assert r.error_text == r"ObjectNotFound: (C:\nofile.txt:String) [Get-ChildItem], ItemNotFoundException"
    assert ps(state, "$ErrorView").output == ["NormalView"]


def test_dollar_question_and_error_carry_the_record(state: Path) -> None:
    r = ps(state, "Get-VM -Name NoSuchVM -ErrorAction SilentlyContinue; $?; $Error[0].FullyQualifiedErrorId; "
                  "$Error[0].Exception.GetType().FullName; $Error[0].InvocationInfo.PositionMessage")
    assert r.output[:3] == [False, "InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM",
                            "Microsoft.HyperV.PowerShell.VirtualizationException"]
    assert r.output[3].split("\n")[0] == "At line:1 char:1"
    r = ps(state, "Get-VM -Name NoSuchVM -ErrorVariable ev -ErrorAction SilentlyContinue; $ev[0].FullyQualifiedErrorId; "
                  "[string]$ev[0].CategoryInfo")
    assert r.output == ["InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM",
                        "InvalidArgument: (NoSuchVM:String) [Get-VM], VirtualizationException"]


def test_parse_errors_show_the_position_first(state: Path) -> None:
    r = ps(state, "if ($true) {")
    assert r.error_text.split("\n") == [
        # the missing '}' is reported at its '{' (Parser.StatementBlockRule: ReportIncompleteInput(lCurly.Extent, ...))
        "At line:1 char:12", "+ if ($true) {", "+            ~",
        "Missing closing '}' in statement block or type definition.",
        "    + CategoryInfo          : ParserError: (:) [], ParentContainsErrorRecordException",
        "    + FullyQualifiedErrorId : MissingEndCurlyBrace"]


# -- PositionUtilities.VerboseMessage -------------------------------------------------------------------------


def test_position_marks_to_the_end_of_the_line_when_the_extent_is_unknown() -> None:
    assert position_message(3, 5, "    throw 'x'   ") == "At line:3 char:5\n+     throw 'x'\n+     ~~~~~~~~~"


def test_position_cuts_long_lines_around_the_extent() -> None:
    # context before the extent is preferred; what is cut is shown as "..." (5.1; PowerShell 7 writes an ellipsis)
    line = "$result = " + "a" * 40 + " | Get-Foo -Name " + "b" * 40
    col = line.index("Get-Foo") + 1
    head, src, marks = position_message(1, col, line, len("Get-Foo")).split("\n")
    assert head == f"At line:1 char:{col}"
    assert src == "+ " + line[:69] + " ..."
    assert marks == "+ " + " " * (col - 1) + "~" * 7
    line = "$x = " + "a" * 100 + " | Get-Foo"
    col = line.index("Get-Foo") + 1
    _, src, marks = position_message(1, col, line, len("Get-Foo")).split("\n")
    assert src == "+ ... " + line[-69:]
    assert marks.index("~") == src.index("Get-Foo") and marks.count("~") == 7


def test_position_expands_tabs() -> None:
    assert position_message(1, 2, "\tGet-Foo", 7) == "At line:1 char:2\n+     Get-Foo\n+     ~~~~~~~"
