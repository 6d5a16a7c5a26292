"""The -Description of New-Variable and Set-Variable (5.1 pages): kept with the variable, read back by
Get-Variable (PSVariable.Description); it was accepted and dropped.

https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/new-variable?view=powershell-5.1
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/set-variable?view=powershell-5.1
"""

from __future__ import annotations

from support.twin_script import out


def test_description_is_kept(st):
    assert out(st, "New-Variable -Name a -Value 1 -Description 'my description'; (Get-Variable a).Description; "
                   "Set-Variable a -Value 2 -Description 'new'; (Get-Variable a).Description; (Get-Variable a).Value; "
                   "Set-Variable a -Value 3; (Get-Variable a).Description; (New-Variable b -Description d -PassThru).Description; "
                   "(Set-Variable c 1 -Description e -PassThru).Description; Remove-Variable a; New-Variable a; "
                   "\"[$((Get-Variable a).Description)]\"") == ["my description", "new", 2, "new", "d", "e", "[]"]


def test_description_belongs_to_the_scope_of_the_variable(st):
    assert out(st, "function f { New-Variable v -Value 1 -Description inner; (Get-Variable v).Description }; f; "
                   "New-Variable v -Value 0; \"[$((Get-Variable v).Description)]\"") == ["inner", "[]"]
