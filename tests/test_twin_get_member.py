"""Get-Member on the twin, from its 5.1 page
(https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/get-member?view=powershell-5.1): the
Definition column as PSMemberInfo.ToString() writes it, -MemberType, -Name, -View."""

from __future__ import annotations

import pytest

from support.twin_script import out, ps

_OBJECT = """
$o = [pscustomobject]@{ Name = 'n'; Size = 2 }
$o | Add-Member -MemberType AliasProperty -Name Length -Value Size
$o | Add-Member -MemberType ScriptMethod -Name Grow -Value { $this.Size++ }
"""


def _rows(st, command: str) -> list[str]:
    return out(st, _OBJECT + command + " | ForEach-Object { \"$($_.Name)|$($_.MemberType)|$($_.Definition)\" }")


def test_members_sorted_by_member_type_then_name(st):
    assert _rows(st, "$o | Get-Member") == [
        "Length|AliasProperty|Length = Size", "Equals|Method|bool Equals(System.Object obj)",
        "GetHashCode|Method|int GetHashCode()", "GetType|Method|type GetType()", "ToString|Method|string ToString()",
        "Name|NoteProperty|string Name=n", "Size|NoteProperty|int Size=2", "Grow|ScriptMethod|System.Object Grow();"]


# Example 3: -View Extended lists the members Add-Member (or type data) added
@pytest.mark.parametrize("view, names", [
    ("Extended", ["Length", "Name", "Size", "Grow"]),
    ("Adapted", ["Equals", "GetHashCode", "GetType", "ToString"]),
    ("All", ["Length", "Equals", "GetHashCode", "GetType", "ToString", "Name", "Size", "Grow"]),
])
def test_view(st, view, names):
    assert [r.split("|")[0] for r in _rows(st, f"$o | Get-Member -View {view}")] == names


def test_member_type_and_name_filters(st):
    assert _rows(st, "$o | Get-Member -MemberType Properties") == [
        "Length|AliasProperty|Length = Size", "Name|NoteProperty|string Name=n", "Size|NoteProperty|int Size=2"]
    assert _rows(st, "$o | Get-Member -Name G*") == [
        "GetHashCode|Method|int GetHashCode()", "GetType|Method|type GetType()", "Grow|ScriptMethod|System.Object Grow();"]
    assert _rows(st, "$o | Get-Member -MemberType 256") == ["Grow|ScriptMethod|System.Object Grow();"]


def test_note_definitions_use_the_values_type_and_dotnet_text(st):
    script = """
$o = [pscustomobject]@{ n = $null; arr = 1, 2; t = [pscustomobject]@{ x = 1 }; d = [datetime]'2019-05-05' }
$o | Get-Member -MemberType NoteProperty | ForEach-Object Definition
"""
    assert out(st, script) == ["Object[] arr=System.Object[]", "datetime d=5/5/2019 12:00:00 AM", "object n=null",
                               "System.Management.Automation.PSCustomObject t=@{x=1}"]


def test_type_name_header_is_the_first_type_name(st):
    script = """
$Asset = New-Object -TypeName psobject
$d = [ordered]@{Name="Server30";System="Server Core";PSVersion="4.0"}
$Asset | Add-Member -NotePropertyMembers $d -TypeName Asset
($Asset | Get-Member | Select-Object -First 1).TypeName
$Asset.psobject.Properties | ForEach-Object Name
"""
    assert out(st, script) == ["Asset", "Name", "System", "PSVersion"]


def test_no_input_is_an_error(st):
    r = ps(st, "Get-Member -MemberType All")
    assert r.errors[0].error_id == "NoObjectInGetMember,Microsoft.PowerShell.Commands.GetMemberCommand"


# Example 6: piped, each unique type gets its member list (System.Int32, then System.String)
def test_values_the_twin_keeps_as_python_values(st):
    script = """
$array = @(1, 'hello', 2)
$array | Get-Member -Name CompareTo, Length | ForEach-Object { "$($_.TypeName)|$($_.Name)|$($_.MemberType)|$($_.Definition)" }
('x' | Get-Member -MemberType ParameterizedProperty).Definition
(@{} | Get-Member -Name Keys).Definition
"""
    assert out(st, script) == [
        "System.Int32|CompareTo|Method|int CompareTo(System.Object value), int CompareTo(int value), int "
        "IComparable.CompareTo(System.Object obj), int IComparable[int].CompareTo(int other)",
        "System.String|CompareTo|Method|int CompareTo(System.Object value), int CompareTo(string strB), int "
        "IComparable.CompareTo(System.Object obj), int IComparable[string].CompareTo(string other)",
        "System.String|Length|Property|int Length {get;}",
        "char Chars(int index) {get;}", "System.Collections.ICollection Keys {get;}"]


def test_a_value_type_the_catalog_lacks_is_refused(st):
    r = ps(st, "[datetime]'2020-01-01' | Get-Member")
    assert r.errors and r.errors[0].error_id.startswith("NotEmulated")


def test_a_prefix_names_the_cmdlets_own_parameter_before_common_ones(st):
    # MergedCommandParameterMetadata.GetMatchingParameter (5.1): -i is -InputObject, not -InformationAction/-Variable
    assert out(st, "$a = 1; (Get-Member -i $a -Name GetType).Name") == ["GetType"]
    r = ps(st, "Get-ChildItem -in x")     # -Include and -InformationAction/-Variable... -Include is the one own
    assert not any(e.error_id.startswith("AmbiguousParameter") for e in r.errors)
