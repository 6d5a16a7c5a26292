"""Get-Verb as Windows PowerShell 5.1's function writes the approved verbs (its 5.1 page).

https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/get-verb?view=powershell-5.1
"""

from __future__ import annotations

from support.twin_script import ps, out


# Example 2: "Get-Verb un*" and its output, in the page's order.
def test_verbs_beginning_with_un(st):
    assert out(st, "Get-Verb un* | ForEach-Object { '{0} {1}' -f $_.Verb, $_.Group }") == [
        "Undo Common", "Unlock Common", "Unpublish Data", "Uninstall Lifecycle", "Unregister Lifecycle", "Unblock Security",
        "Unprotect Security"]


# Example 3: the Security group.
def test_security_group(st):
    assert out(st, "(Get-Verb | Where-Object Group -EQ Security).Verb -join ','") == ["Block,Grant,Protect,Revoke,Unblock,Unprotect"]


# Example 4's idea: Sort and Tee are not approved verbs; Get is.
def test_approved_or_not(st):
    assert out(st, "'Sort', 'Tee', 'Get' | ForEach-Object { $_ -in (Get-Verb).Verb }") == [False, False, True]


def test_pipeline_and_positional_patterns(st):
    assert out(st, "'Get', 'Use' | Get-Verb | ForEach-Object Group; @(Get-Verb Nope).Count; (Get-Verb).Count") == [
        "Common", "Other", 0, 98]


# Build and Deploy came with PowerShell 6.
def test_no_6_0_verbs(st):
    assert out(st, "@(Get-Verb Build, Deploy).Count") == [0]
    assert "'Group'" in ps(st, "Get-Verb -Group Security").error_text
