"""Script files (.ps1) run from the twin's file system, each case from Windows PowerShell 5.1's pages:
about_Scripts, about_Scopes, about_Automatic_Variables, about_Command_Precedence, about_Execution_Policies
(reference/5.1/Microsoft.PowerShell.Core/About), and PowerShell's ScriptCommandProcessor (exit codes) and
HostUtilities (the suggestion for a script in the current location)."""

from __future__ import annotations

import pytest

from support.twin_script import ps, out

HOME = "C:\\Users\\Administrator"


def write(state, path: str, text: str) -> None:
    """Write a script file into the twin's file system (Set-Content, as an admin would)."""
    body = text.replace("'", "''")
    out(state, f"$null = New-Item -ItemType Directory -Path '{path.rsplit(chr(92), 1)[0]}' -Force -ErrorAction SilentlyContinue\n"
               f"Set-Content -Path '{path}' -Value '{body}'")


@pytest.fixture(scope="module")
def scripts(st):
    write(st, r"C:\Scripts\Add.ps1", "param($a, $b = 10)\n$a + $b")
    write(st, r"C:\Scripts\Args.ps1", "$args.Count\n$args")
    write(st, rf"{HOME}\Here.ps1", "'here ' + ($args -join ',')")
    write(st, r"C:\Users\Shared.ps1", "'shared'")
    write(st, r"C:\Scripts\Defines.ps1", "$defined = 'yes'\nfunction Get-Defined { 'function from the script' }")
    write(st, r"C:\Scripts\Exit.ps1", "'before'\nexit $args[0]\n'after'")
    write(st, r"C:\Scripts\Return.ps1", "'one'\nreturn 'two'\n'three'")
    write(st, r"C:\Scripts\Where.ps1", "$PSScriptRoot\n$PSCommandPath\n$MyInvocation.MyCommand.Name\n"
                                       "$MyInvocation.MyCommand.Path\n[string]$MyInvocation.MyCommand.CommandType")
    return st


# -- how a script is named (about_Scripts, "How to run a script") --------------------------------------------------

def test_a_full_path_runs_the_script_with_named_and_positional_arguments(scripts):
    # "To run a script, type the full name and the full path to the script file."
    assert out(scripts, r"C:\Scripts\Add.ps1 1 2") == [3]
    assert out(scripts, r"C:\Scripts\Add.ps1 -b 5 -a 1") == [6]
    assert out(scripts, r"C:\Scripts\Add.ps1 1") == [11]


def test_the_call_operator_runs_a_quoted_path_or_a_path_in_a_variable(scripts):
    assert out(scripts, r"& 'C:\Scripts\Add.ps1' 2 3") == [5]
    assert out(scripts, "$p = 'C:\\Scripts\\Add.ps1'\n& $p -a 4") == [14]


def test_a_relative_path_starts_at_the_current_location(scripts):
    # "use a dot to represent the current directory, followed by a path backslash (.\)"
    assert out(scripts, r".\Here.ps1 a b") == ["here a,b"]
    assert out(scripts, r"..\Shared.ps1") == ["shared"]
    assert out(scripts, r"..\..\Scripts\Add.ps1 1 1") == [2]


def test_a_path_without_the_extension_finds_the_script(scripts):
    assert out(scripts, r"C:\Scripts\Add 2 2") == [4]


def test_a_bare_name_in_the_current_location_is_not_run(scripts):
    # about_Command_Precedence: PowerShell does not run a script of the current location by its name alone;
    # the console suggests .\name (5.1's SuggestionStrings: Suggestion_CommandExistsInCurrentDirectory).
    r = ps(scripts, "Here.ps1")
    assert [e.error_id for e in r.errors] == ["CommandNotFoundException"]
    assert "The term 'Here.ps1' is not recognized" in r.error_text
    assert not r.output
    assert r.host_output == [
        'Suggestion [3,General]: The command Here.ps1 was not found, but does exist in the current location. Windows '
        'PowerShell does not load commands from the current location by default. If you trust this command, instead '
        'type: ".\\Here.ps1". See "get-help about_Command_Precedence" for more details.']


def test_a_winrm_session_gets_no_suggestion(scripts):
    # the suggestion is the console host's (HostUtilities); over WinRM the error comes alone
    from labkit.twin.session import run_script
    from support.twin_script import HOST

    r = run_script("Here.ps1", host=HOST, state_dir=scripts, logon="ntlm")
    assert [e.error_id for e in r.errors] == ["CommandNotFoundException"] and r.host_output == []


def test_a_missing_script_is_not_recognized_without_a_suggestion(scripts):
    r = ps(scripts, r"C:\Scripts\Nope.ps1")
    assert [e.error_id for e in r.errors] == ["CommandNotFoundException"]
    assert "The term 'C:\\Scripts\\Nope.ps1' is not recognized" in r.error_text
    assert r.host_output == []


def test_a_script_on_the_path_runs_by_its_name(scripts):
    script = "$env:PATH = 'C:\\Scripts;' + $env:PATH\nArgs.ps1 x\nArgs y z"
    assert out(scripts, script) == [1, "x", 2, "y", "z"]


def test_a_file_that_is_no_script_is_refused_as_not_emulated(scripts):
    write(scripts, r"C:\Scripts\run.bat", "echo hi")
    r = ps(scripts, r"C:\Scripts\run.bat")
    assert [e.error_id for e in r.errors] == ["NotEmulated"]
    assert "not emulated" in r.error_text


# -- arguments and pipeline input -----------------------------------------------------------------------------------

def test_args_holds_what_a_script_without_param_block_is_given(scripts):
    # PowerShell's Parser.Tests "pipe objects into a script and use arguments": -- ends the parameters
    assert out(scripts, r"C:\Scripts\Args.ps1 4 -5 6 -blah -- foo -bar") == [6, 4, -5, 6, "-blah", "foo", "-bar"]


def test_pipeline_input_reaches_input_and_process_blocks(scripts):
    write(scripts, r"C:\Scripts\Input.ps1", "$input | ForEach-Object { $_ * 10 }")
    write(scripts, r"C:\Scripts\Process.ps1",
          "[CmdletBinding()]\nparam([Parameter(ValueFromPipeline)][int]$N)\nbegin { 'begin' }\nprocess { $N + 1 }\nend { 'end' }")
    assert out(scripts, r"1, 2, 3 | C:\Scripts\Input.ps1") == [10, 20, 30]
    assert out(scripts, r"1, 2 | C:\Scripts\Process.ps1") == ["begin", 2, 3, "end"]


def test_an_advanced_script_takes_common_parameters_and_refuses_unknown_ones(scripts):
    write(scripts, r"C:\Scripts\Adv.ps1", "[CmdletBinding()]\nparam($Name)\nWrite-Verbose \"v $Name\"\n\"hello $Name\"")
    r = ps(scripts, r"C:\Scripts\Adv.ps1 -Name x -Verbose")
    assert r.output == ["hello x"] and r.verbose == ["v x"]
    r = ps(scripts, r"C:\Scripts\Adv.ps1 -Nope 1")
    assert [(e.command, e.error_id) for e in r.errors] == [("C:\\Scripts\\Adv.ps1", "NamedParameterNotFound,Adv.ps1")]
    assert "A parameter cannot be found that matches parameter name 'Nope'." in r.error_text
    assert not r.output


# -- exit and return (about_Scripts, "Returning an exit value") ---------------------------------------------------

def test_exit_ends_the_script_and_sets_lastexitcode(scripts):
    # "the exit statement sets the value of the $LASTEXITCODE variable"; a non-zero code fails the statement
    # (ScriptCommandProcessor: ExecutionFailed when exitCode != 0)
    assert out(scripts, "C:\\Scripts\\Exit.ps1 3\n\"$LASTEXITCODE $?\"\n'caller goes on'") == \
        ["before", "3 False", "caller goes on"]
    assert out(scripts, "C:\\Scripts\\Exit.ps1 0\n\"$LASTEXITCODE $?\"") == ["before", "0 True"]


def test_return_ends_the_script_with_its_value(scripts):
    assert out(scripts, r"C:\Scripts\Return.ps1") == ["one", "two"]


def test_a_script_that_ends_normally_leaves_lastexitcode_alone(scripts):
    assert out(scripts, "C:\\Scripts\\Exit.ps1 4\nC:\\Scripts\\Add.ps1 1 1\n$LASTEXITCODE") == ["before", 2, 4]


# -- scopes (about_Scopes, about_Scripts "Script scope and dot sourcing") -------------------------------------------

def test_a_script_runs_in_its_own_scope(scripts):
    r = out(scripts, "C:\\Scripts\\Defines.ps1\n[string]$defined\n"
                     "@(Get-Command Get-Defined -ErrorAction SilentlyContinue).Count")
    assert r == ["", 0]


def test_a_dot_sourced_script_defines_in_the_callers_scope(scripts):
    # "When you dot source the script and run it, the script creates the New-Profile function ... in your session"
    assert out(scripts, ". C:\\Scripts\\Defines.ps1\n$defined\nGet-Defined") == ["yes", "function from the script"]


def test_script_scope_is_the_scripts_own(scripts):
    write(scripts, r"C:\Scripts\ScriptVar.ps1", "$script:v = 'inner'\nfunction Show { $script:v }\nShow")
    assert out(scripts, "$v = 'outer'\nC:\\Scripts\\ScriptVar.ps1\n$v") == ["inner", "outer"]


def test_a_script_sees_its_callers_variables(scripts):
    write(scripts, r"C:\Scripts\Reads.ps1", "\"seen $fromCaller\"")
    assert out(scripts, "$fromCaller = 7\nC:\\Scripts\\Reads.ps1") == ["seen 7"]


def test_global_definitions_of_a_script_outlive_it(scripts):
    write(scripts, r"C:\Scripts\Global.ps1", "function global:Get-Kept { 'kept' }\n$global:keptVar = 1")
    assert out(scripts, "C:\\Scripts\\Global.ps1\nGet-Kept\n$keptVar") == ["kept", 1]


# -- what the script knows about itself (about_Automatic_Variables, about_Scripts) ---------------------------------

def test_psscriptroot_pscommandpath_and_myinvocation(scripts):
    assert out(scripts, r"C:\Scripts\Where.ps1") == \
        ["C:\\Scripts", "C:\\Scripts\\Where.ps1", "Where.ps1", "C:\\Scripts\\Where.ps1", "ExternalScript"]


def test_myinvocation_of_a_script_names_the_calling_script(scripts):
    # "The values of these properties are populated only when the invoker or caller is a script."
    write(scripts, r"C:\Scripts\Callee.ps1", "$MyInvocation.PSCommandPath\n$MyInvocation.ScriptName\n$MyInvocation.Line")
    write(scripts, r"C:\Scripts\Caller.ps1", "& \"$PSScriptRoot\\Callee.ps1\" 1")
    assert out(scripts, r"C:\Scripts\Caller.ps1") == \
        ["C:\\Scripts\\Caller.ps1", "C:\\Scripts\\Caller.ps1", '& "$PSScriptRoot\\Callee.ps1" 1']
    assert out(scripts, "$x = @(C:\\Scripts\\Callee.ps1)\n$null -eq $x[0]\n$x[1]") == [True, ""]


def test_the_callers_automatic_variables_come_back_after_a_dot_sourced_script(scripts):
    assert out(scripts, ". C:\\Scripts\\Where.ps1 | Out-Null\n\"[$PSScriptRoot][$PSCommandPath]\"") == ["[][]"]


def test_get_command_on_a_script_path_gives_its_externalscriptinfo(scripts):
    r = out(scripts, "$c = Get-Command C:\\Scripts\\Add.ps1\n$c.CommandType.ToString(); $c.Name; $c.Path; $c.Source\n"
                     "$c.GetType().FullName")
    assert r == ["ExternalScript", "Add.ps1", "C:\\Scripts\\Add.ps1", "C:\\Scripts\\Add.ps1",
                 "System.Management.Automation.ExternalScriptInfo"]


# -- a script that does not parse ----------------------------------------------------------------------------------

def test_a_parse_error_names_the_file_and_the_script_does_not_run(scripts):
    write(scripts, r"C:\Scripts\Broken.ps1", "'runs?'\n$x = 1 +")
    r = ps(scripts, "C:\\Scripts\\Broken.ps1\n'caller goes on'")
    assert r.output == ["caller goes on"]
    assert [e.error_id for e in r.errors] == ["ExpectedValueExpression"]
    assert r.errors[0].message.startswith("At C:\\Scripts\\Broken.ps1:2 char:9\n+ $x = 1 +\n")
    assert r.errors[0].message.endswith("You must provide a value expression following the '+' operator.")


def test_errors_inside_a_script_are_placed_in_the_file(scripts):
    # an error at a line of the script: "At C:\\Scripts\\Fails.ps1:3 char:1"; Write-Error reports its caller, the
    # script's call, with the script's path before the message (5.1's ErrorInstance view: MyCommand.Path + ' : ')
    write(scripts, r"C:\Scripts\Fails.ps1", "'first'\nWrite-Error 'boom'\nGet-Item C:\\nope\n'last'")
    r = ps(scripts, "'caller'\nC:\\Scripts\\Fails.ps1")
    assert r.output == ["caller", "first", "last"]
    boom, missing = r.errors
    assert boom.message == "boom" and boom.command == "C:\\Scripts\\Fails.ps1"
    assert boom.position.startswith("At line:2 char:1\n+ C:\\Scripts\\Fails.ps1")
    assert boom.error_id == "Microsoft.PowerShell.Commands.WriteErrorException,Fails.ps1"
    assert missing.position.startswith("At C:\\Scripts\\Fails.ps1:3 char:1\n+ Get-Item C:\\nope")


def test_a_statement_after_the_named_blocks_of_a_file_does_not_parse(scripts):
    # 5.1 reads the file as named blocks once it starts with one; another statement is an unexpected token
    write(scripts, r"C:\Scripts\Blocks.ps1", "begin { 'b' }\nHi")
    r = ps(scripts, r"C:\Scripts\Blocks.ps1")
    assert not r.output
    assert [e.error_id for e in r.errors] == ["UnexpectedToken"]
    assert r.errors[0].message.startswith("At C:\\Scripts\\Blocks.ps1:2 char:1\n")
    assert r.errors[0].message.endswith("Unexpected token 'Hi' in expression or statement.")


def test_a_function_in_a_script_sees_local_script_and_global_scopes(scripts):
    # about_Scopes: $local: is the function's, $script: the script file's, $global: the session's
    write(scripts, r"C:\Scripts\Scopes.ps1",
          '$var = "script"\nfunction func {\n  $var\n  $var = "local"\n  $local:var\n  $script:var\n  $global:var\n}\nfunc\n$var')
    assert out(scripts, '$global:var = "global"\nC:\\Scripts\\Scopes.ps1') == ["script", "local", "script", "global", "script"]


def test_a_clean_block_is_a_parse_error_in_5_1(scripts):
    # `clean { }` came with PowerShell 7.3: 5.1 misses the function's closing brace
    write(scripts, r"C:\Scripts\Clean.ps1", "function f {\n  begin { }\n  end { }\n  clean { }\n}\n'ran'")
    r = ps(scripts, ". C:\\Scripts\\Clean.ps1\n'caller goes on'")
    assert r.output == ["caller goes on"]
    assert [e.error_id for e in r.errors] == ["MissingEndCurlyBrace"]
    assert r.errors[0].message.startswith("At C:\\Scripts\\Clean.ps1:1 char:12\n")


def test_a_call_inside_a_script_file_names_the_file_in_myinvocation(scripts):
    # about_Automatic_Variables ($MyInvocation): ScriptName, PSCommandPath and PSScriptRoot name the script the call
    # was made in; a call from the command line leaves them empty
    write(scripts, r"C:\Scripts\Calls.ps1",
          "function Show { $MyInvocation.ScriptName; $MyInvocation.PSScriptRoot; $MyInvocation.Line.Trim() }\n"
          "Show\n& { $MyInvocation.ScriptName }")
    assert out(scripts, r"C:\Scripts\Calls.ps1") == ["C:\\Scripts\\Calls.ps1", "C:\\Scripts", "Show", "C:\\Scripts\\Calls.ps1"]
    assert out(scripts, "function Show { $MyInvocation.ScriptName }\n'[' + (Show) + ']'") == ["[]"]


def test_dash_question_mark_shows_a_scripts_help_comment(scripts):
    # about_Comment_Based_Help: a script's help comment is its help; -? shows it (a script without one takes -? as
    # an argument, as a function does)
    write(scripts, r"C:\Scripts\Helped.ps1", "<#\n.SYNOPSIS\nGreets someone.\n#>\nparam($Name)\n\"hi $Name\"")
    help_text = "\n".join(str(o) for o in ps(scripts, r"C:\Scripts\Helped.ps1 -? | Out-String").output)
    assert "Greets someone." in help_text and "C:\\Scripts\\Helped.ps1 [[-Name] <Object>]" in help_text
    assert out(scripts, r"C:\Scripts\Args.ps1 -?") == [1, "-?"]


def test_a_construct_the_twin_refuses_in_a_file_names_the_file(scripts):
    write(scripts, r"C:\Scripts\Refused.ps1", "'a'\n\n[System.Management.Automation.PSInvocationSettings]::new()")
    r = ps(scripts, r"C:\Scripts\Refused.ps1")
    assert not r.ok
    assert "in C:\\Scripts\\Refused.ps1 is not emulated by the twin (unsupported construct at line 3)" in r.error_text


def test_the_externalscriptinfo_script_block_runs_the_file(scripts):
    assert out(scripts, "$c = Get-Command C:\\Scripts\\Add.ps1\n$c.Definition\n& $c.ScriptBlock 1 2") == ["C:\\Scripts\\Add.ps1", 3]


@pytest.mark.parametrize("call, name", [
    (r"C:\Scripts\Named.ps1", r"C:\Scripts\Named.ps1"),
    (r"& C:\Scripts\Named.ps1", "&"),
    (r". C:\Scripts\Named.ps1", "."),
])
def test_invocation_name_is_the_name_typed_or_the_operator(scripts, call, name):
    # about_Automatic_Variables ($MyInvocation.InvocationName); the call and dot-source operators are the name
    write(scripts, r"C:\Scripts\Named.ps1", "$MyInvocation.InvocationName")
    assert out(scripts, call) == [name]


# -- #Requires (about_Requires: checked before the script runs) ------------------------------------------------------

@pytest.mark.parametrize("version", ["2.0", "5.0", "5.1", "5"])
def test_requires_a_version_up_to_5_1_runs(scripts, version):
    write(scripts, r"C:\Scripts\Req.ps1", f"#Requires -Version {version}\n'ran'")
    assert out(scripts, r"C:\Scripts\Req.ps1") == ["ran"]


@pytest.mark.parametrize("version, shown", [("6.0", "6.0"), ("7", "7.0"), ("5.2", "5.2")])
def test_requires_a_later_version_does_not_run(scripts, version, shown):
    write(scripts, r"C:\Scripts\Req.ps1", f"'not run'\n#Requires -Version {version}")
    r = ps(scripts, "try { C:\\Scripts\\Req.ps1 } catch { $_.Exception.GetType().FullName; $_.FullyQualifiedErrorId; "
                    "$_.Exception.Message }")
    assert r.output == [
        "System.Management.Automation.ScriptRequiresException", "ScriptRequiresUnmatchedPSVersion",
        f"The script 'Req.ps1' cannot be run because it contained a \"#requires\" statement for Windows PowerShell {shown}. "
        "The version of Windows PowerShell that is required by the script does not match the currently running version "
        "of Windows PowerShell 5.1.20348.2849."]


def test_requires_the_core_edition_does_not_run(scripts):
    write(scripts, r"C:\Scripts\Core.ps1", "#Requires -PSEdition Core\n'not run'")
    r = ps(scripts, r"C:\Scripts\Core.ps1")
    assert not r.output and [e.error_id for e in r.errors] == ["ScriptRequiresUnmatchedPSEdition"]
    write(scripts, r"C:\Scripts\Desktop.ps1", "#Requires -PSEdition Desktop\n#Requires -RunAsAdministrator\n'ran'")
    assert out(scripts, r"C:\Scripts\Desktop.ps1") == ["ran"]


def test_requires_modules_the_server_has_or_names_the_missing_ones(scripts):
    write(scripts, r"C:\Scripts\Mods.ps1", "#Requires -Modules FailoverClusters, Hyper-V\n'ran'")
    assert out(scripts, r"C:\Scripts\Mods.ps1") == ["ran"]
    write(scripts, r"C:\Scripts\NoMods.ps1", "#Requires -Modules Banana\n'not run'")
    r = ps(scripts, r"C:\Scripts\NoMods.ps1")
    assert not r.output and [e.error_id for e in r.errors] == ["ScriptRequiresMissingModules"]
    assert "following modules that are specified by the \"#requires\" statements of the script are missing: Banana." \
        in r.error_text


def test_requires_in_a_script_given_as_text_is_not_checked(scripts):
    # 5.1 verifies #Requires for script files (CommandDiscovery.VerifyScriptRequirements of an ExternalScriptInfo)
    assert out(scripts, "#Requires -Version 7\n'ran'") == ["ran"]


def test_an_error_in_a_file_has_the_file_in_its_script_stack_trace(scripts):
    # ErrorRecord.ScriptStackTrace names the file and line of the failing frame ("at <ScriptBlock>, C:\x.ps1: line 2")
    write(scripts, r"C:\Scripts\Trace.ps1", "$test = 1\nswitch ($null[0]) {\n  'a' {}\n}")
    r = out(scripts, "try { & C:\\Scripts\\Trace.ps1 } catch { $_.ScriptStackTrace; $_.InvocationInfo.ScriptName }")
    assert r == ["at <ScriptBlock>, C:\\Scripts\\Trace.ps1: line 2", "C:\\Scripts\\Trace.ps1"]


@pytest.mark.parametrize("statement", ["#requires -version A", "#requires -version 2b", "#requires -version 1.",
                                       "#requires -version ''", "#requires -version 1.0.", "#requires -version 1.A"])
def test_a_requires_version_that_is_no_version_does_not_parse(scripts, statement):
    # 5.1's tokenizer (HandleRequiresParameter): RequiresVersionInvalid, for script files and script blocks alike
    r = out(scripts, f"try {{ [scriptblock]::Create(\"{statement} `r`n`$foo = 1\") }} catch {{ $_.Exception.InnerException.Errors[0].ErrorId }}")
    assert r == ["RequiresVersionInvalid"]


def test_a_requires_line_must_be_requires(scripts):
    r = out(scripts, "try { [scriptblock]::Create(\"#requiresappID`r`n`$foo = 1\") } catch { $_.Exception.InnerException.Errors[0].ErrorId }")
    assert r == ["ScriptRequiresInvalidFormat"]


def test_a_bare_requires_does_nothing(scripts):
    assert out(scripts, "#requires\n'ran'") == ["ran"]
    write(scripts, r"C:\Scripts\Bare.ps1", "#requires\n'ran'")
    assert out(scripts, r"C:\Scripts\Bare.ps1") == ["ran"]


def test_exit_in_a_function_of_a_script_ends_the_script_and_keeps_what_was_written(scripts):
    # about_Scripts / about_Language_Keywords ("exit"): exit ends the script, wherever in it it runs
    write(scripts, r"C:\Scripts\ExitInside.ps1", "function Stop-Here { 'inside'; exit 2; 'never' }\n'start'\nStop-Here\n'never'")
    assert out(scripts, "C:\\Scripts\\ExitInside.ps1\n\"rc=$LASTEXITCODE\"") == ["start", "inside", "rc=2"]


def test_a_dot_sourced_script_leaves_the_callers_args_and_keeps_its_parameters(scripts):
    # about_Scopes ("Using dot source notation with scope"): the script's variables, its parameters among them,
    # land in the caller's scope; $args is the script's own
    write(scripts, r"C:\Scripts\DotParams.ps1", "param($Given)\n\"in: $Given $($args.Count)\"")
    script = "function Caller { . C:\\Scripts\\DotParams.ps1 -Given g extra; \"after: $Given $($args -join ',')\" }\nCaller a b"
    assert out(scripts, script) == ["in: g 1", "after: g a,b"]


def test_get_command_finds_a_script_on_the_path_by_its_name(scripts):
    script = "$env:PATH = 'C:\\Scripts;' + $env:PATH\n(Get-Command Add.ps1).Path\n(Get-Command Add).CommandType.ToString()"
    assert out(scripts, script) == ["C:\\Scripts\\Add.ps1", "ExternalScript"]
    r = ps(scripts, "Get-Command Here.ps1")      # in the current location only: not found
    assert [e.error_id for e in r.errors] == ["CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand"]


# -- the execution policy (about_Execution_Policies: RemoteSigned is Windows Server's default) ---------------------

def test_the_execution_policy_is_remotesigned_and_local_scripts_run(scripts):
    assert out(scripts, "(Get-ExecutionPolicy).ToString()\n[int](Get-ExecutionPolicy)\nC:\\Scripts\\Add.ps1 1 1") == \
        ["RemoteSigned", 1, 2]


def test_get_execution_policy_list_and_scope(scripts):
    # Get-ExecutionPolicy's page, Example 2: the scopes in order of precedence, only LocalMachine set
    r = out(scripts, "Get-ExecutionPolicy -List | ForEach-Object { \"$($_.Scope)=$($_.ExecutionPolicy)\" }\n"
                     "(Get-ExecutionPolicy -Scope CurrentUser).ToString()")
    assert r == ["MachinePolicy=Undefined", "UserPolicy=Undefined", "Process=Undefined", "CurrentUser=Undefined",
                 "LocalMachine=RemoteSigned", "Undefined"]
    table = ps(scripts, "Get-ExecutionPolicy -List").text
    assert "        Scope ExecutionPolicy\n        ----- ---------------\nMachinePolicy       Undefined\n" in table
    assert " LocalMachine    RemoteSigned\n" in table


def test_a_command_property_the_twin_does_not_model_is_refused_not_null(scripts):
    # ExternalScriptInfo / FunctionInfo document OutputType, Parameters ...: the twin refuses them rather than answer $null
    r = ps(scripts, "(Get-Command C:\\Scripts\\Add.ps1).Parameters")
    assert [e.error_id for e in r.errors] == ["NotEmulated"] and "ExternalScriptInfo" in r.error_text
    r = ps(scripts, "function f { }\n(Get-Command f).Verb")
    assert [e.error_id for e in r.errors] == ["NotEmulated"] and "FunctionInfo" in r.error_text
