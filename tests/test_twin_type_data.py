"""Update-TypeData's dynamic type data, Get-TypeData and Remove-TypeData on the twin, from their 5.1 pages
(https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/update-typedata?view=powershell-5.1) and
UpdateDataStrings.resx's texts."""

from __future__ import annotations

import pytest

from support.twin_script import out, ps


# Example 3: a script property every DateTime gets
def test_page_example_3_quarter_of_a_date(st):
    script = """
$typeDataParams = @{
    TypeName   = 'System.DateTime'
    MemberType = 'ScriptProperty'
    MemberName = 'Quarter'
    Value      = {
        switch ($this.Month) {
            { $_ -in @(1, 2, 3) } { return 'Q1' }
            { $_ -in @(4, 5, 6) } { return 'Q2' }
            { $_ -in @(7, 8, 9) } { return 'Q3' }
            default               { return 'Q4' }
        }
    }
}
Update-TypeData @typeDataParams
([datetime]'2024-08-07').Quarter
([datetime]'2024-02-01').Quarter
"""
    assert out(st, script) == ["Q3", "Q1"]


def test_members_reach_every_object_of_the_type_name(st):
    script = """
Update-TypeData -TypeName System.String -MemberType AliasProperty -MemberName TestAlias -Value Length
'string'.TestAlias
Update-TypeData -TypeName System.String -MemberType ScriptMethod -MemberName Shout -Value { $this.ToUpper() + '!' }
'hi'.Shout()
$a = [pscustomobject]@{ PSTypeName = 'Lab.Server'; Name = 's1'; Cores = 4 }
$b = [pscustomobject]@{ PSTypeName = 'Lab.Server'; Name = 's2'; Cores = 8 }
Update-TypeData -TypeName Lab.Server -MemberType ScriptProperty -MemberName Threads -Value { $this.Cores * 2 }
$a.Threads; $b.Threads
($a | Get-Member -MemberType ScriptProperty).Definition
($b | Select-Object Name, Threads | ConvertTo-Csv -NoTypeInformation) -join '|'
"""
    assert out(st, script) == [6, "HI!", 8, 16, "System.Object Threads {get= $this.Cores * 2 ;}",
                               '"Name","Threads"|"s2","16"']


def test_force_replaces_a_member_else_it_is_already_present(st):
    script = """
Update-TypeData -TypeName System.String -MemberType NoteProperty -MemberName TestNote -Value 2
'x'.TestNote
Update-TypeData -TypeName System.String -MemberType NoteProperty -MemberName TestNote -Value 3 -ErrorVariable e -ErrorAction SilentlyContinue
$e[0].FullyQualifiedErrorId
$e[0].Exception.Message
'x'.TestNote
Update-TypeData -TypeName System.String -MemberType NoteProperty -MemberName TestNote -Value 'test' -Force
'x'.TestNote
"""
    assert out(st, script) == [2, "TypesDynamicUpdateException,Microsoft.PowerShell.Commands.UpdateTypeDataCommand",
                               'Error in TypeData "System.String": The member TestNote is already present.', 2, "test"]


@pytest.mark.parametrize("script, error_id", [
    ("Update-TypeData -MemberType AliasProperty -MemberName TestAlias -Value $null -TypeName System.String", "ValueShouldBeSpecified"),
    ("Update-TypeData -MemberType NoteProperty -Value 'Error' -TypeName System.String", "MemberNameShouldBeSpecified"),
    ("Update-TypeData -MemberType NoteProperty -MemberName TestNote -TypeName System.String", "ValueShouldBeSpecified"),
    ("Update-TypeData -TypeName System.String", "TypeDataEmpty"),
    ("Update-TypeData -MemberType NoteProperty -MemberName N -Value 1 -SecondValue 2 -TypeName System.String",
     "SecondValueShouldNotBeSpecified"),
    ("Update-TypeData -MemberType PropertySet -MemberName N -Value a -TypeName System.String", "CannotUpdateMemberType"),
])
def test_errors_of_updatedatastrings(st, script, error_id):
    r = ps(st, script)
    assert r.errors and r.errors[0].error_id == f"{error_id},Microsoft.PowerShell.Commands.UpdateTypeDataCommand"


def test_get_and_remove_type_data_of_the_session(st):
    script = """
Update-TypeData -TypeName Lab.Disk -MemberType NoteProperty -MemberName Kind -Value 'CSV'
$t = Get-TypeData -TypeName Lab.Disk
$t.TypeName
$t.Members.Keys
$t.Members['Kind'].Value
Remove-TypeData -TypeName Lab.Disk
([pscustomobject]@{ PSTypeName = 'Lab.Disk' }).Kind -eq $null
"""
    assert out(st, script) == ["Lab.Disk", "Kind", "CSV", True]


def test_a_type_name_without_type_data(st):
    # a name no types.ps1xml can hold: Get-TypeData finds nothing, Remove-TypeData reports TypeNotFound
    r = ps(st, "@(Get-TypeData Lab.NoSuchType).Count; Remove-TypeData -TypeName Lab.NoSuchType")
    assert r.output == [0]
    assert r.errors[0].error_id == "TypesDynamicRemoveException,Microsoft.PowerShell.Commands.RemoveTypeDataCommand"
    assert r.errors[0].message.startswith('Error in TypeData "Lab.NoSuchType": The type "Lab.NoSuchType" was not found.')


def test_the_type_data_windows_ships_is_refused_not_answered_empty(st):
    r = ps(st, "Get-TypeData System.DateTime")
    assert r.errors and r.errors[0].error_id.startswith("NotEmulated")
    r = ps(st, "Update-TypeData -TypeName System.DateTime -DefaultDisplayPropertySet DayOfYear")
    assert r.errors and "not emulated" in r.errors[0].message
    r = ps(st, "Update-TypeData -TypeName Lab.Node -DefaultKeyPropertySet Name")
    assert r.errors and "not emulated" in r.errors[0].message


# Example 4, on a type the script names: the default display of its objects
def test_default_display_property_set(st):
    script = """
$a = [pscustomobject]@{ PSTypeName = 'Lab.Node'; Name = 'n1'; State = 'Up'; Id = 1; Secret = 's' }
Update-TypeData -TypeName Lab.Node -DefaultDisplayPropertySet Name, State
($a | Format-Table | Out-String).Trim()
($a | Format-List | Out-String).Trim()
(Get-TypeData Lab.Node).DefaultDisplayPropertySet.ReferencedProperties
"""
    assert out(st, script) == ["Name State\r\n---- -----\r\nn1   Up", "Name  : n1\r\nState : Up", "Name", "State"]


def test_a_type_script_property_with_a_setter(st):
    script = """
Update-TypeData -TypeName Lab.X -MemberType ScriptProperty -MemberName Up -Value { $this.v.ToUpper() } -SecondValue { $this.v = $args[0] }
$o = [pscustomobject]@{ PSTypeName = 'Lab.X'; v = 'a' }
$o.Up
$o.Up = 'zz'
$o.v; $o.Up
"""
    assert out(st, script) == ["A", "zz", "ZZ"]


_TYPES_FILE = """
New-Item -ItemType Directory C:\\td -Force | Out-Null
Set-Content C:\\td\\a.types.ps1xml -Value @"
<Types xmlns:foo="bar">
  <Type>
    <Name>Lab.Box</Name>
    <Members>
      <AliasProperty><Name>Size</Name><ReferencedMemberName>Length</ReferencedMemberName></AliasProperty>
      <ScriptProperty><Name>Twice</Name><GetScriptBlock>`$this.Length * 2</GetScriptBlock></ScriptProperty>
      <NoteProperty><Name>Kind</Name><Value>box</Value></NoteProperty>
      <MemberSet><Name>PSStandardMembers</Name><Members><PropertySet><Name>DefaultDisplayPropertySet</Name>
        <ReferencedProperties><Name>Length</Name><Name>Twice</Name></ReferencedProperties></PropertySet></Members></MemberSet>
    </Members>
  </Type>
</Types>
"@
"""


# about_Types.ps1xml (5.1): a types file's members and default display set, loaded with -AppendPath, gone with -Path
def test_a_types_ps1xml_file(st):
    script = _TYPES_FILE + """
Update-TypeData -AppendPath C:\\td\\a.types.ps1xml
$b = [pscustomobject]@{ PSTypeName = 'Lab.Box'; Length = 3; Other = 1 }
$b.Size; $b.Twice; $b.Kind
($b | Format-List | Out-String).Trim()
Remove-TypeData -Path C:\\td\\a.types.ps1xml
$b.Kind -eq $null
"""
    assert out(st, script) == [3, 6, "box", "Length : 3\r\nTwice  : 6", True]


@pytest.mark.parametrize("script, error_id", [
    ("Set-Content C:\\bad.types.ps1xml '<Types><Type><Name>X</Name><MembersTypo/></Type></Types>'; "
     "Update-TypeData -PrependPath C:\\bad.types.ps1xml", "TypesXmlUpdateException,Microsoft.PowerShell.Commands.UpdateTypeDataCommand"),
    ("Set-Content C:\\notxml 'x'; Update-TypeData -PrependPath C:\\notxml", "WrongExtension,Microsoft.PowerShell.Commands.UpdateTypeDataCommand"),
    ("Set-Content C:\\n.types.ps1xml '<Types/>'; Remove-TypeData -Path C:\\n.types.ps1xml",
     "TypeFileNotExistsInCurrentSession,Microsoft.PowerShell.Commands.RemoveTypeDataCommand"),
])
def test_type_file_errors(st, script, error_id):
    r = ps(st, script)
    assert r.errors and r.errors[0].error_id == error_id
