"""Variable scopes and options as Windows PowerShell 5.1 has them: the Private option (``$private:x``,
``-Option Private``, ``-Scope Private``) hides a variable from child scopes, AllScope shares it with them,
numeric scopes of the *-Variable cmdlets, ReadOnly/Constant and their errors.

https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_scopes?view=powershell-5.1
https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/set-variable?view=powershell-5.1
https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/new-variable?view=powershell-5.1
"""

from __future__ import annotations

from support.twin_script import out, ps

# about_Scopes (5.1), "Example 4: Creating a private variable": ScopeExample.ps1 and the output the page shows
SCOPE_EXAMPLE = r"""
function funcA {
    "Setting `$funcAVar1 to 'Value set in funcA'"
    $funcAVar1 = "Value set in funcA"
    funcB
}
function funcB {
    "In funcB before set -> '$funcAVar1'"
    $Private:funcAVar1 = "Locally overwrite the value - child scopes can't see me!"
    "In funcB after set  -> '$funcAVar1'"
    funcC
}
function funcC {
    "In funcC before set -> '$funcAVar1' - should be the value set in funcA"
    $funcAVar1 = "Value set in funcC - Child scopes can see this change."
    "In funcC after set  -> '$funcAVar1'"
    funcD
}
function funcD {
    "In funcD before set -> '$funcAVar1' - should be the value from funcC."
    $funcAVar1 = "Value set in funcD"
    "In funcD after set  -> '$funcAVar1'"
    '-------------------'
    ShowScopes
}
function ShowScopes {
    $funcAVar1 = "Value set in ShowScopes"
    "Scope [0] (local)  `$funcAVar1 = '$(Get-Variable funcAVar1 -Scope 0 -ValueOnly)'"
    "Scope [1] (parent) `$funcAVar1 = '$(Get-Variable funcAVar1 -Scope 1 -ValueOnly)'"
    "Scope [2] (parent) `$funcAVar1 = '$(Get-Variable funcAVar1 -Scope 2 -ValueOnly)'"
    "Scope [3] (parent) `$funcAVar1 = '$(Get-Variable funcAVar1 -Scope 3 -ValueOnly)'"
    "Scope [4] (parent) `$funcAVar1 = '$(Get-Variable funcAVar1 -Scope 4 -ValueOnly)'"
}
funcA
"""

SCOPE_EXAMPLE_OUTPUT = """\
Setting $funcAVar1 to 'Value set in funcA'
In funcB before set -> 'Value set in funcA'
In funcB after set  -> 'Locally overwrite the value - child scopes can't see me!'
In funcC before set -> 'Value set in funcA' - should be the value set in funcA
In funcC after set  -> 'Value set in funcC - Child scopes can see this change.'
In funcD before set -> 'Value set in funcC - Child scopes can see this change.' - should be the value from funcC.
In funcD after set  -> 'Value set in funcD'
-------------------
Scope [0] (local)  $funcAVar1 = 'Value set in ShowScopes'
Scope [1] (parent) $funcAVar1 = 'Value set in funcD'
Scope [2] (parent) $funcAVar1 = 'Value set in funcC - Child scopes can see this change.'
Scope [3] (parent) $funcAVar1 = 'Locally overwrite the value - child scopes can't see me!'
Scope [4] (parent) $funcAVar1 = 'Value set in funcA'"""


def test_the_private_example_of_about_scopes_gives_the_output_the_page_shows(st):
    assert out(st, SCOPE_EXAMPLE) == SCOPE_EXAMPLE_OUTPUT.split("\n")


def test_private_modifier_sets_the_private_option(st):
    # about_Scopes: "Using the Private: scope modifier sets the Options property to Private."
    assert out(st, "$Private:pVar = 'Private variable'; (Get-Variable pVar).Options.ToString(); $pVar") == \
        ["Private", "Private variable"]


def test_a_private_variable_is_not_seen_from_a_child_scope_by_any_means(st):
    # about_Scopes, "Private option": Get-Variable in a child scope does not show it, nor does a scope modifier
    script = ("$private:p = 'mine'; $q = 'shared'; & { \"[$p][$q][$script:p][$local:p]\"; "
              "@(Get-Variable -Name p -ErrorAction SilentlyContinue).Count; Test-Path variable:p; "
              "@(Get-ChildItem variable:p* | Where-Object Name -eq 'p').Count }; $p; Test-Path variable:p")
    assert out(st, script) == ["[][shared][][]", 0, False, 0, "mine", True]


def test_a_child_scope_assigning_a_hidden_name_makes_its_own_variable(st):
    assert out(st, "$private:p = 1; function f { $p = 2; \"f:$p\"; & { \"g:$p\" } }; f; $p") == ["f:2", "g:2", 1]


def test_a_private_global_variable_is_hidden_from_a_script_even_with_the_global_modifier(st):
    # about_Scopes: "Using the Global: scope modifier in this instance doesn't display the private variable."
    script = ("New-Variable gp 'g' -Scope Global -Option Private; & { \"[$global:gp][$gp]\" }; "
              "@(Get-Variable gp -Scope Global).Count")
    assert out(st, script) == ["[][]", 1]


def test_set_variable_option_private_and_scope_private(st):
    script = ("Set-Variable a 1 -Option Private; Set-Variable b 2 -Scope Private; "
              "(Get-Variable a).Options.ToString(); (Get-Variable b).Options.ToString(); & { \"[$a][$b]\" }; $a + $b")
    assert out(st, script) == ["Private", "Private", "[][]", 3]


def test_options_combine_as_the_flags_enum_writes_them(st):
    assert out(st, "(New-Variable c 1 -Option AllScope,ReadOnly,Private -PassThru).Options.ToString()") == \
        ["ReadOnly, Private, AllScope"]


def test_an_allscope_variable_is_one_variable_in_every_new_scope(st):
    # about_Scopes, "The AllScope Option": "Changes to the item in any scope affect all the scopes in which
    # the variable is defined."
    script = ("Set-Variable all 1 -Option AllScope; & { $all = 2 }; $all; "
              "function f { $all = 3; & { Set-Variable all 4 } }; f; $all; $plain = 1; & { $plain = 2 }; $plain")
    assert out(st, script) == [2, 4, 1]


def test_the_allscope_option_cannot_be_removed(st):
    r = ps(st, "Set-Variable k 1 -Option AllScope; Set-Variable k -Option None; (Get-Variable k).Options.ToString()")
    assert r.output == ["AllScope"]
    assert "The AllScope option cannot be removed from the variable 'k'." in r.error_text
    assert "VariableAllScopeOptionCannotBeRemoved" in r.error_text


def test_numeric_scopes_read_and_write_outer_scopes(st):
    script = ("$v = 'script'; function f { $v = 'f'; & { Set-Variable v 'set by g' -Scope 2; "
              "Get-Variable v -Scope 1 -ValueOnly; New-Variable w 'new' -Scope 1 }; $w; $v }; f; $v")
    assert out(st, script) == ["f", "new", "f", "set by g"]


def test_a_scope_number_past_the_global_scope_is_an_error(st):
    r = ps(st, "Get-Variable v -Scope 99")
    assert "The scope number '99' exceeds the number of active scopes." in r.error_text


def test_read_only_variables_refuse_assignment_until_forced(st):
    r = ps(st, "Set-Variable ro 1 -Option ReadOnly; $ro = 2; $ro; Set-Variable ro 3 -Force; $ro; "
               "Remove-Variable ro; Remove-Variable ro -Force; Test-Path variable:ro")
    assert r.output == [1, 3, False]
    assert "Cannot overwrite variable ro because it is read-only or constant." in r.error_text
    assert "Cannot remove variable ro because it is constant or read-only." in r.error_text


def test_a_read_only_variable_outside_does_not_stop_a_local_one(st):
    assert out(st, "Set-Variable ro 1 -Option ReadOnly; & { $ro = 2; $ro }; $ro") == [2, 1]


def test_new_variable_twice_is_variable_already_exists(st):
    r = ps(st, "New-Variable n 1; New-Variable n 2; $n; New-Variable n 3 -Force; $n")
    assert r.output == [1, 3]
    assert "A variable with name 'n' already exists." in r.error_text and "VariableAlreadyExists" in r.error_text


def test_dot_sourcing_runs_in_the_callers_scope_and_the_call_operator_in_a_child(st):
    script = ("$d = 0; . { $d = 1; $made = 'dot' }; $d; $made; & { $d = 2; $other = 'amp' }; $d; \"[$other]\"; "
              "$private:pv = 'p'; . { \"dot sees [$pv]\" }; & { \"amp sees [$pv]\" }")
    assert out(st, script) == [1, "dot", 1, "[]", "dot sees [p]", "amp sees []"]


def test_args_belongs_to_each_script_block(st):
    assert out(st, "function f { & { \"inner [$args]\" } 'x'; \"outer [$args]\" }; f 1 2") == ["inner [x]", "outer [1 2]"]


def test_first_and_last_token_variables_exist_and_are_null_in_a_sessions_first_input(st):
    # about_Automatic_Variables: $^ and $$ hold the first and last token of the session's previous line;
    # a twin run is a session's first input, so both are $null, and set (strict mode reads them)
    script = "Set-StrictMode -Version Latest; $null -eq $^; $null -eq $$; (Get-Variable -Name '^', '$').Name"
    assert out(st, script) == [True, True, "^", "$"]


def test_new_variable_errors_are_non_terminating_session_state_errors(st):
    # NewVariableCommand writes VariableAlreadyExists (a SessionStateException) as a non-terminating error;
    # -Force replaces a ReadOnly variable but not a Constant one
    script = ("New-Variable n 1; New-Variable n 2 -ErrorAction SilentlyContinue; 'went on'; "
              "try { New-Variable n 2 -ErrorAction Stop } catch [System.Management.Automation.SessionStateException] "
              "{ $_.FullyQualifiedErrorId }; New-Variable r 1 -Option ReadOnly; "
              "(New-Variable r 2 -Force -PassThru).Options.ToString(); $r; New-Variable c 1 -Option Constant; "
              "try { New-Variable c 2 -Force -ErrorAction Stop } catch { $_.CategoryInfo.Reason }; $c")
    assert out(st, script) == ["went on", "VariableAlreadyExists,Microsoft.PowerShell.Commands.NewVariableCommand", "None", 2,
                               "SessionStateUnauthorizedAccessException", 1]


def test_assigning_a_read_only_variable_is_an_unauthorized_access_error_naming_it(st):
    script = ("Set-Variable ro 1 -Option ReadOnly; try { $ro = 2 } catch { $_.Exception.GetType().FullName; $_.TargetObject; "
              "$_.FullyQualifiedErrorId }; try { Get-Variable nothere -ErrorAction Stop } "
              "catch [System.Management.Automation.ItemNotFoundException] { 'not found' }")
    assert out(st, script) == ["System.Management.Automation.SessionStateUnauthorizedAccessException", "ro",
                               "VariableNotWritable", "not found"]


def test_set_variable_with_a_wildcard_sets_the_matching_variables_after_include_and_exclude(st):
    # Set-Variable (5.1): -Include/-Exclude "Specifies an array of items that this cmdlet includes/excludes";
    # a wildcard name changes the matching variables and creates none
    script = ("Set-Variable abcaVar bar; Set-Variable bcdaVar anotherVal; Set-Variable aVarfoo bogusval; "
              "Set-Variable -Name '*aV*' -Value overwrite -Include '*Var*' -Exclude 'bcd*'; "
              "Get-Variable -Name '*aVar*' -Scope Local | ForEach-Object { \"$($_.Name)=$($_.Value)\" }; "
              "Set-Variable -Name foo1, foo2 -Value hello -Exclude foo2; Test-Path variable:foo1, variable:foo2; "
              "Set-Variable 'zz*' 1; @(Get-Variable 'zz*').Count")
    assert out(st, script) == ["abcaVar=overwrite", "aVarfoo=overwrite", "bcdaVar=anotherVal", True, False, 0]


def test_visibility_public_is_accepted_and_private_refused_as_not_emulated(st):
    assert out(st, "Set-Variable v 1 -Visibility Public; (New-Variable w 2 -Visibility Public -PassThru).Visibility; $v") == \
        ["Public", 1]
    r = ps(st, "New-Variable p 1 -Visibility Private")
    assert "not emulated" in r.error_text and "-Visibility Private" in r.error_text


def test_scope_script_names_the_running_script_files_scope(st):
    # about_Scopes: "Script: the scope that is created while a script file runs"; Get-Variable -Scope Script
    # and $script: name the same scope
    script = ("Set-Content C:\\scopes.ps1 '$x = \"file\"; function g { Get-Variable x -Scope Script -ValueOnly; $script:x }; g'\n"
              "$x = 'main'; & C:\\scopes.ps1; $x")
    assert out(st, script) == ["file", "file", "main"]


def test_local_modifier_reads_only_the_current_scope_and_global_writes_the_global_one(st):
    script = ("$l = 'outer'; & { \"[$local:l][$l]\"; $global:gw = 'set'; $local:l = 'inner'; $l }; $l; $global:gw; $gw")
    assert out(st, script) == ["[][outer]", "inner", "outer", "set", "set"]


def test_using_outside_remoting_and_jobs_is_refused_loudly(st):
    r = ps(st, "$x = 1; $using:x")
    assert not r.ok and "$using:" in r.error_text and "not emulated" in r.error_text


def test_remove_variable_without_scope_removes_only_a_variable_of_the_current_scope(st):
    # Remove-Variable (5.1 Var.cs, RemoveVariableCommand): without -Scope only the local scope; Clear-Variable of an
    # outer variable sets the name to $null in the current scope (ClearValue through PSVariable.Set)
    r = ps(st, "New-Variable foo bar; & { Clear-Variable foo; \"[$foo]\"; Remove-Variable foo; \"[$foo]\"; "
               "Remove-Variable foo }; (Get-Variable foo).Value; & { Remove-Variable foo -Scope 1 }; Test-Path variable:foo")
    assert r.output == ["[]", "[bar]", "bar", False]
    assert "Cannot find a variable with the name 'foo'." in r.error_text and "ItemNotFoundException" in r.error_text


def test_clear_variable_of_an_outer_read_only_variable_makes_a_local_one(st):
    r = ps(st, "Set-Variable ro 1 -Option ReadOnly; & { Clear-Variable ro; \"[$ro]\" }; $ro; Clear-Variable ro; $ro; "
               "Clear-Variable ro -Force; \"[$ro]\"")
    assert r.output == ["[]", 1, 1, "[]"]
    assert r.error_text.count("Cannot overwrite variable ro because it is read-only or constant.") == 1


def test_environment_variables_are_not_variables_of_the_variable_cmdlets(st):
    # $env:X belongs to the Environment provider (about_Environment_Variables): Get-/Clear-/Remove-Variable don't see it
    r = ps(st, "$env:TEMPVARIABLE = 'x'; Clear-Variable -Name env:TEMPVARIABLE; $env:TEMPVARIABLE; "
               "@(Get-Variable 'env*').Count; Remove-Variable env:TEMPVARIABLE; $env:TEMPVARIABLE")
    assert r.output == ["x", 0, "x"]
    assert r.error_text.count("Cannot find a variable with the name 'env:TEMPVARIABLE'.") == 2


def test_a_qualified_name_given_to_set_variable_is_refused_not_written_where_env_reads(st):
    r = ps(st, "Set-Variable env:labkitnothere 1; \"[$env:labkitnothere]\"")
    assert r.output == ["[]"] and "not emulated" in r.error_text


def test_the_variable_cmdlets_work_in_their_callers_scope_when_a_function_reads_their_output(st):
    # a cmdlet runs in the scope that calls it, even while the function after it in the pipeline runs
    script = ("function Show { param([Parameter(ValueFromPipeline)]$x) process { \"got [$x]\" } }; "
              "& { $w = 1; Get-Variable -Scope Local -Name w -ValueOnly | Show; Get-Variable -Name w -ValueOnly | Show; "
              "New-Variable n 2 -PassThru | ForEach-Object Value | Show; $n }")
    assert out(st, script) == ["got [1]", "got [1]", "got [2]", 2]


def test_foreach_object_blocks_run_in_the_callers_scope_when_a_function_follows(st):
    # ForEach-Object (5.1): "The scriptblocks run in the caller's scope. Therefore, the blocks have access to variables in
    # that scope and can create new variables that persist in that scope after the cmdlet completes."
    # https://learn.microsoft.com/powershell/module/microsoft.powershell.core/foreach-object?view=powershell-5.1
    # also while the function after it in the pipeline runs
    script = ("function f { process { \"f got $_\" } }; $y = 0; 1, 2 | ForEach-Object { $y = $_; $_ * 10 } | f; \"y=$y\"; "
              "function g { $q = 'g'; 5 | Where-Object { $seen = $q; $true } | f; \"seen=$seen\" }; g")
    assert out(st, script) == ["f got 10", "f got 20", "y=2", "f got 5", "seen=g"]


def test_a_dot_sourced_command_keeps_its_variables_and_parameters_but_not_its_automatic_variables(st):
    # about_Scopes, "Using dot-source notation with scope": the command runs in the current scope; its $args is
    # its own while it runs (5.1's DottedScopes locals), and the caller's afterwards
    script = ("function hh { . { \"dot [$args]\" } 'x'; . { \"none [$args]\" }; \"hh [$args]\" }; hh 1 2; "
              "$p = 'mine'; . { param($p) \"in [$p]\"; $made = 1 } 5; \"p=$p made=$made\"")
    assert out(st, script) == ["dot [x]", "none []", "hh [1 2]", "in [5]", "p=5 made=1"]


def test_a_scope_that_is_neither_a_name_nor_a_number_is_an_argument_error(st):
    r = ps(st, "Get-Variable x -Scope foo; 'next'")
    assert r.output == ["next"]
    assert 'the value of parameter "Scope" is not valid. Valid values are "Global", "Local", or "Script"' in r.error_text
    assert "Argument,Microsoft.PowerShell.Commands.GetVariableCommand" in r.error_text


def test_built_in_variables_show_the_allscope_option_5_1_gives_them(st):
    script = "(Get-Variable PID, HOME).Options | ForEach-Object ToString; (Get-Item variable:PSVersionTable).Options.ToString()"
    assert out(st, script) == ["Constant, AllScope", "ReadOnly, AllScope", "Constant, AllScope"]
