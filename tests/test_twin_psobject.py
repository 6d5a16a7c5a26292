"""The PSObject layer: ``$x.psobject`` (Properties, Members, Methods, TypeNames, BaseObject, Copy()), PSMemberInfo
objects made with New-Object, and ``[psobject]::AsPSObject`` (about_Intrinsic_Members 5.1,
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_intrinsic_members?view=powershell-5.1;
https://learn.microsoft.com/dotnet/api/system.management.automation.psobject)."""

from __future__ import annotations

from support.twin_script import out, ps


def test_properties_are_live_member_infos_in_the_order_added(st):
    script = """
$o = [pscustomobject]@{ b = 2; a = 'x' }
$o | Add-Member -MemberType ScriptProperty -Name c -Value { $this.b * 10 }
$o.psobject.Properties | ForEach-Object { "$($_.Name)|$($_.MemberType)|$($_.TypeNameOfValue)|$($_.Value)|$($_.IsSettable)|$_" }
$o.psobject.Properties['b'].Value = 5
$o.b
$o.c
"""
    assert out(st, script) == ["b|NoteProperty|System.Int32|2|True|int b=2", "a|NoteProperty|System.String|x|True|string a=x",
                               "c|ScriptProperty|System.Object|20|False|System.Object c {get= $this.b * 10 ;}", 5, 50]


def test_get_member_example_7_settable_properties(st):
    # Get-Member 5.1, example 7: $File.psobject.Properties | Where-Object IsSettable
    script = """
$o = [pscustomobject]@{ Name = 'n' }
$o | Add-Member -MemberType ScriptProperty -Name Upper -Value { $this.Name.ToUpper() }
($o.psobject.Properties | Where-Object IsSettable | Select-Object -ExpandProperty Name) -join ','
"""
    assert out(st, script) == ["Name"]


def test_add_remove_and_match_through_the_collection(st):
    script = """
$o = [pscustomobject]@{ x = 1 }
$n = New-Object System.Management.Automation.PSNoteProperty 'added', 7
"$n"
$o.psobject.Properties.Add($n)
$o.added
$o.psobject.Properties.Remove('x')
($o.psobject.Properties | ForEach-Object Name) -join ','
$o.psobject.Properties.Match('a*').Name
$o.psobject.Members.Add((New-Object System.Management.Automation.PSScriptMethod 'Twice', { $this.added * 2 }))
$o.Twice()
"""
    assert out(st, script) == ["int added=7", 7, "added", "added", 14]


def test_methods_members_and_typenames(st):
    script = """
$o = [pscustomobject]@{ x = 1 }
($o.psobject.Methods | ForEach-Object Name) -join ','
$o.psobject.TypeNames.Insert(0, 'Lab.Thing')
$o.pstypenames[0]
$o.psobject.TypeNames.Count
$o.psobject.BaseObject -eq $o
$o.psobject.ImmediateBaseObject -eq $o
"""
    assert out(st, script) == ["Equals,GetHashCode,GetType,ToString", "Lab.Thing", 3, True, True]


def test_copy_is_a_new_object_with_the_same_members(st):
    script = """
$o = [pscustomobject]@{ x = 1 }
$o | Add-Member -MemberType ScriptProperty -Name y -Value { $this.x + 1 }
$c = $o.psobject.Copy()
$c.x = 10
"$($o.x) $($o.y) $($c.x) $($c.y)"
$c -eq $o
"""
    assert out(st, script) == ["1 2 10 11", False]


def test_as_psobject_and_a_string_members(st):
    script = """
$s = [psobject]::AsPSObject('abc')
$s.Length
'abc'.psobject.Properties['Length'].Value
try { [psobject]::AsPSObject($null) } catch { $_.Exception.Message }
"""
    assert out(st, script) == [3, 3, 'Exception calling "AsPSObject" with "1" argument(s): "Value cannot be null.\r\nParameter name: obj"']


def test_the_net_members_the_twin_does_not_list_are_refused(st):
    r = ps(st, "(Get-Date).psobject.Properties | Measure-Object")
    assert r.errors and "not emulated" in r.errors[0].message


def test_datetime_type_data_members(st):
    # 5.1's types.ps1xml: System.DateTime's DateTime script property (long date and time, after Get-Date's DisplayHint)
    script = """
(Get-Date '2024-08-07 10:34:43').DateTime
(Get-Date '2024-08-07 10:34:43' -DisplayHint Date).DateTime
(Get-Date).DisplayHint
([datetime]'2024-01-01').DisplayHint -eq $null
"""
    assert out(st, script) == ["Wednesday, August 7, 2024 10:34:43 AM", "Wednesday, August 7, 2024", "DateTime", True]


def test_select_object_star_on_values(st):
    assert out(st, "'abc' | Select-Object * | ConvertTo-Json -Compress; 5 | Select-Object * | ConvertTo-Json -Compress") == [
        '{"Length":3}', "{}"]
    r = ps(st, "Get-Date | Select-Object *")       # DateTime's Kind is not kept by the twin: refused, not answered "*"
    assert r.errors and "not emulated" in r.errors[0].message


def test_get_dates_extended_members_go_into_json(st):
    # Windows PowerShell's ConvertTo-Json writes an object's extended members beside its value: Get-Date's DisplayHint
    # note and DateTime script property (PowerShell issue #5797; PowerShell 7.2 stopped it, PR #15665); a [datetime]
    # without the note stays a date
    script = """
[ordered]@{ d1 = [datetime]'2018-01-05 09:25:37'; d2 = Get-Date '2018-01-05 09:25:37' } | ConvertTo-Json -Compress
"""
    assert out(st, script) == ['{"d1":"\\/Date(1515144337000)\\/","d2":{"value":"\\/Date(1515144337000)\\/","DisplayHint":2,'
                               '"DateTime":"Friday, January 5, 2018 9:25:37 AM"}}']
