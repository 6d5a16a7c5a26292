"""Add-Member on the twin, from its 5.1 page
(https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/add-member?view=powershell-5.1) and the
texts of AddMember.resx; the members as PSMemberInfo's ToString() describes them (Get-Member's Definition)."""

from __future__ import annotations

import pytest

from support.twin_script import out, ps


def _error_ids(st, script: str) -> list[str]:
    r = ps(st, script)
    return [e.error_id for e in r.errors]


# Example 1, 2 and 4: a note property, an alias property and a script method on a FileInfo object
def test_page_examples_on_a_file(st):
    script = r"""
New-Item -ItemType Directory C:\ps-test -Force | Out-Null
Set-Content C:\ps-test\test.txt -Value ('x' * 2392) -NoNewline
$A = Get-ChildItem C:\ps-test\test.txt
$A | Add-Member -NotePropertyName Status -NotePropertyValue Done
$A.Status
$A | Add-Member -MemberType AliasProperty -Name Size -Value Length
$A.Size
$S = {[Math]::Round(($this.Length / 1KB), 2)}
$A | Add-Member -MemberType ScriptMethod -Name "SizeInKB" -Value $S
$A.SizeInKB()
"""
    assert out(st, script) == ["Done", 2392, 2.34]


# Example 3: a string gets its note through -PassThru
def test_a_string_keeps_its_note_on_what_passthru_returns(st):
    script = """
$A = "A string"
$A = $A | Add-Member -NotePropertyMembers @{StringUse="Display"} -PassThru
$A.StringUse
$A.ToUpper()
$A -eq 'A string'
"""
    assert out(st, script) == ["Display", "A STRING", True]


# Example 5: notes from dictionaries, a type name, and the order Properties keeps (Get-Member sorts)
def test_page_example_5_custom_object(st):
    script = """
$Asset = New-Object -TypeName psobject
$Asset | Add-Member -NotePropertyMembers @{Name="Server30"} -TypeName Asset
$Asset | Add-Member -NotePropertyMembers @{System="Server Core"}
$Asset | Add-Member -NotePropertyMembers @{PSVersion="4.0"}
$Asset | Get-Member -MemberType Properties | ForEach-Object { "$($_.TypeName)|$($_.Name)|$($_.MemberType)|$($_.Definition)" }
$Asset.psobject.Properties | ForEach-Object { "$($_.Name)|$($_.MemberType)|$($_.TypeNameOfValue)|$($_.Value)" }
"""
    assert out(st, script) == [
        "Asset|Name|NoteProperty|string Name=Server30", "Asset|PSVersion|NoteProperty|string PSVersion=4.0",
        "Asset|System|NoteProperty|string System=Server Core",
        "Name|NoteProperty|System.String|Server30", "System|NoteProperty|System.String|Server Core",
        "PSVersion|NoteProperty|System.String|4.0"]


# Example 6: an alias property with a conversion type
def test_page_example_6_alias_with_type(st):
    script = """
$user = [pscustomobject]@{ Name = 'Doris'; Age = '20' }
$addMemberSplat = @{ MemberType = 'AliasProperty'; Name = 'IntAge'; Value = 'Age'; SecondValue = 'UInt32' }
$user | Add-Member @addMemberSplat
($user | Get-Member -Name IntAge).Definition
$user.Age + 1
$user.IntAge + 1
$user.IntAge.GetType().FullName
($user | Format-List | Out-String).Trim()
"""
    assert out(st, script) == ["IntAge = (System.UInt32)Age", "201", 21, "System.UInt32",
                               "Name   : Doris\r\nAge    : 20\r\nIntAge : 20"]


# Example 7: a script property with a getter and a setter
def test_page_example_7_script_property_get_and_set(st):
    script = """
$user = [pscustomobject]@{
    Name      = 'User1'
    Age       = 29
    StartDate = [datetime]'2019-05-05'
    Position  = [pscustomobject]@{ DepartmentName = 'IT'; Role = 'Manager' }
}
$addMemberSplat = @{
    MemberType = 'ScriptProperty'
    Name = 'Title'
    Value = { $this.Position.Role }                  # getter
    SecondValue = { $this.Position.Role = $args[0] } # setter
}
$user | Add-Member @addMemberSplat
$user | Get-Member | ForEach-Object { "$($_.Name)|$($_.MemberType)|$($_.Definition)" }
$user.Title = 'Dev Manager'
$user.Position.Role
$user.Title
"""
    assert out(st, script) == [
        "Equals|Method|bool Equals(System.Object obj)", "GetHashCode|Method|int GetHashCode()",
        "GetType|Method|type GetType()", "ToString|Method|string ToString()",
        "Age|NoteProperty|int Age=29", "Name|NoteProperty|string Name=User1",
        "Position|NoteProperty|System.Management.Automation.PSCustomObject Position=@{DepartmentName=IT; Role=Manager}",
        "StartDate|NoteProperty|datetime StartDate=5/5/2019 12:00:00 AM",
        "Title|ScriptProperty|System.Object Title {get= $this.Position.Role ;set= $this.Position.Role = $args[0] ;}",
        "Dev Manager", "Dev Manager"]


def test_script_method_gets_this_and_args(st):
    script = """
$o = [pscustomobject]@{ Base = 10 }
$o | Add-Member -MemberType ScriptMethod -Name Plus -Value { param($n) $this.Base + $n + $args.Count }
$o.Plus(5)
($o | Get-Member -MemberType ScriptMethod).Definition
"""
    assert out(st, script) == [15, "System.Object Plus();"]


def test_property_set_and_member_set(st):
    script = """
$o = [pscustomobject]@{ A = 1; B = 2; C = 3 }
$o | Add-Member -MemberType PropertySet -Name AB -Value A, B
($o | Get-Member -MemberType PropertySet).Definition
$n = New-Object System.Management.Automation.PSNoteProperty x, 7
$members = New-Object System.Collections.ObjectModel.Collection[System.Management.Automation.PSMemberInfo]
$members.Add($n)
$o | Add-Member -MemberType MemberSet -Name Extra -Value $members
$o.Extra.x
($o | Get-Member -MemberType MemberSet).Definition
"""
    assert out(st, script) == ["AB {A, B}", 7, "Extra {x}"]


def test_simplified_forms_bind_as_5_1_binds_them(st):
    # AddMember.cs: the NotePropertySingleMemberSet takes a string or a number (its text) as the name; three
    # positional arguments are MemberType, Name and Value; a dictionary is -NotePropertyMembers
    script = """
(Add-Member -InputObject ([pscustomobject]@{}) property Any -PassThru).property
(Add-Member -InputObject ([pscustomobject]@{}) 23 Any -PassThru).23
(Add-Member -InputObject ([pscustomobject]@{}) 8 np Any -PassThru).np
(Add-Member -InputObject ([pscustomobject]@{}) 16 sp {1+1} -PassThru).sp
(Add-Member -InputObject ([pscustomobject]@{}) ([ordered]@{ b = 2; a = 1 }) -PassThru).psobject.Properties.Name
"""
    assert out(st, script) == ["Any", "Any", "Any", 2, "b", "a"]


def test_members_on_an_array_stay_with_it(st):
    script = """
$a = 1, 2, 3
Add-Member -InputObject $a -NotePropertyName Tag -NotePropertyValue first
$a.Tag
$a | Add-Member -NotePropertyName Each -NotePropertyValue 1 -ErrorAction SilentlyContinue
$a[0].Each
"""
    # piped, the array's elements get the member: 1, 2 and 3 are value types, refused by the twin
    r = ps(st, script)
    assert r.output[0] == "first"
    assert r.errors and r.errors[0].error_id.startswith("NotEmulated")


def test_duplicates_and_force(st):
    script = """
$o = [pscustomobject]@{ A = 1 }
$o | Add-Member -NotePropertyName A -NotePropertyValue 2 -ErrorVariable e -ErrorAction SilentlyContinue
$e[0].FullyQualifiedErrorId
$e[0].Exception.GetType().FullName
$e[0].Exception.Message
$o | Add-Member -MemberType ScriptProperty -Name A -Value { 5 } -Force
$o.A
"""
    assert out(st, script) == [
        "MemberAlreadyExists,Microsoft.PowerShell.Commands.AddMemberCommand", "System.InvalidOperationException",
        'Cannot add a member with the name "A" because a member with that name already exists. To overwrite the member '
        "anyway, add the Force parameter to your command.", 5]


@pytest.mark.parametrize("script, error_id", [
    ("Add-Member -InputObject a -MemberType NoteProperty -Name N -Value v -SecondValue w -PassThru", "Value2ShouldNotBeSpecified"),
    ("Add-Member -InputObject a -MemberType ScriptMethod -Name N -Value v -SecondValue w -PassThru", "Value2ShouldNotBeSpecified"),
    ("Add-Member -InputObject a -MemberType Method -Name N -PassThru", "CannotAddMemberType"),
    ("Add-Member -InputObject a -MemberType ParameterizedProperty -Name N -PassThru", "CannotAddMemberType"),
    ("Add-Member -InputObject a -MemberType ScriptProperty -Name N -Value $null -SecondValue $null -PassThru",
     "Value1AndValue2AreNotBothNull"),
    ("Add-Member -InputObject a -MemberType AliasProperty -Name N -Value Length -SecondValue NoSuchType -PassThru",
     "InvalidCastFromStringToType"),
    ("Add-Member -InputObject a -MemberType ScriptProperty -Name N -Value something -PassThru", "ConvertToFinalInvalidCastException"),
    ("Add-Member -InputObject a -MemberType MemberSet -Name N -Value notACollection -PassThru", "ConvertToFinalInvalidCastException"),
    ("Add-Member -InputObject a -MemberType CodeProperty -Name N -Value something -PassThru", "ConvertToFinalInvalidCastException"),
    ("Add-Member -InputObject a -MemberType 24 -Name N -Value 1 -PassThru", "WrongMemberCount"),
    ("Add-Member -InputObject a -MemberType AnythingElse -Name N -PassThru", "CannotConvertArgumentNoMessage"),
    ("Add-Member -InputObject a -TypeName ' ' -PassThru", "TypeNameShouldNotBeEmpty"),
])
def test_errors_of_addmember_resx(st, script, error_id):
    assert error_id in _error_ids(st, script)[0]


def test_what_the_twin_does_not_emulate_is_refused(st):
    # a CodeProperty needs a .NET MethodInfo; a value type's members live on a wrapper the twin does not keep
    assert _error_ids(st, "$m = [pscustomobject]@{}; $m | Add-Member -MemberType CodeProperty -Name N -Value $null "
                          "-SecondValue ([pscustomobject]@{})")[0].startswith("ConvertToFinalInvalidCastException")
    assert _error_ids(st, "5 | Add-Member -NotePropertyName N -NotePropertyValue 1 -PassThru")[0].startswith("NotEmulated")
    assert _error_ids(st, "$s = 'abc'; $s | Add-Member -NotePropertyName N -NotePropertyValue 1")[0].startswith("NotEmulated")


def test_typename_inserts_the_full_name_first(st):
    script = """
$a = 'string' | Add-Member -TypeName System.Object -PassThru
$a.PSTypeNames[0]
$b = [pscustomobject]@{} | Add-Member -TypeName int -PassThru
$b.PSTypeNames -join ','
"""
    assert out(st, script) == ["System.Object", "System.Int32,System.Management.Automation.PSCustomObject,System.Object"]


@pytest.mark.parametrize("script, error_id", [
    ("Add-Member -InputObject $null -NotePropertyName a -NotePropertyValue 1", "ParameterArgumentValidationErrorNullNotAllowed"),
    ("$null | Add-Member -NotePropertyName a -NotePropertyValue 1", "ParameterArgumentValidationErrorNullNotAllowed"),
    ("Add-Member -InputObject a -MemberType NoteProperty -Name '' -Value 1 -PassThru", "ParameterArgumentValidationErrorEmptyStringNotAllowed"),
    ("Add-Member -InputObject a -MemberType NoteProperty -Name $null -Value 1 -PassThru", "ParameterArgumentValidationErrorNullNotAllowed"),
    ("Add-Member -InputObject a -NotePropertyName '' -NotePropertyValue 1 -PassThru", "ParameterArgumentValidationError"),
    ("Add-Member -InputObject a -NotePropertyMembers @{} -PassThru", "ParameterArgumentValidationError"),
    ("Add-Member -InputObject a -NotePropertyMembers 5 -PassThru", "CannotConvertArgumentNoMessage"),
    ("Add-Member -InputObject a -MemberType NoteProperty, ScriptProperty -Name N -Value 1 -PassThru", "WrongMemberCount"),
])
def test_the_mandatory_parameters_refuse_null_and_empty(st, script, error_id):
    assert _error_ids(st, script)[0] == f"{error_id},Microsoft.PowerShell.Commands.AddMemberCommand"


def test_psstandardmembers_default_display_property_set(st):
    # the PSStandardMembers member set's DefaultDisplayPropertySet (about_Types.ps1xml 5.1): what a table or list shows
    script = """
$obj = [pscustomobject]@{ Name = 'a'; ID = 1; Secret = 'x'; Other = 2 }
$defaultDisplayPropertySet = New-Object System.Management.Automation.PSPropertySet('DefaultDisplayPropertySet', [string[]]('Name', 'ID'))
$PSStandardMembers = [System.Management.Automation.PSMemberInfo[]]@($defaultDisplayPropertySet)
$obj | Add-Member MemberSet PSStandardMembers $PSStandardMembers
($obj | Format-Table | Out-String).Trim()
($obj | Select-Object * | Format-List | Out-String).Trim()
"""
    assert out(st, script) == ["Name ID\r\n---- --\r\na     1",
                               "Name   : a\r\nID     : 1\r\nSecret : x\r\nOther  : 2"]


def test_a_property_set_names_its_properties_to_select_object_and_format_table(st):
    script = """
$o = [pscustomobject]@{ a = 1; b = 2; c = 3 }
$o | Add-Member -MemberType PropertySet -Name ab -Value a, b
($o | Select-Object -Property ab).psobject.Properties.Name -join ','
($o | Format-Table ab | Out-String).Trim()
"""
    assert out(st, script) == ["a,b", "a b\r\n- -\r\n1 2"]


def test_a_tostring_script_method_is_what_the_object_prints_as(st):
    # the type's own ToString is a member: without -Force MemberAlreadyExists, with it the script method shadows it
    script = """
$o = [pscustomobject]@{ Name = 'n1'; Size = 5 }
$o | Add-Member -MemberType ScriptMethod -Name ToString -Value { "$($this.Name) ($($this.Size))" } -ErrorAction SilentlyContinue -ErrorVariable e
$e[0].FullyQualifiedErrorId
$o | Add-Member -MemberType ScriptMethod -Name ToString -Value { "$($this.Name) ($($this.Size))" } -Force
"$o"
$o.ToString()
"""
    assert out(st, script) == ["MemberAlreadyExists,Microsoft.PowerShell.Commands.AddMemberCommand", "n1 (5)", "n1 (5)"]


def test_force_cannot_replace_a_type_data_member(st):
    script = """
Update-TypeData -TypeName Lab.T -MemberType NoteProperty -MemberName Kind -Value 'x'
$o = [pscustomobject]@{ PSTypeName = 'Lab.T' }
$o | Add-Member -NotePropertyName Kind -NotePropertyValue 'y' -Force -ErrorAction SilentlyContinue -ErrorVariable e
$e[0].FullyQualifiedErrorId
$e[0].Exception.Message
"""
    assert out(st, script) == [
        "CannotRemoveTypeDataMember,Microsoft.PowerShell.Commands.AddMemberCommand",
        'Cannot force the member with name "Kind" and type "NoteProperty" to be added. A member with that name and type already '
        "exists, and the existing member is not an instance extension."]
