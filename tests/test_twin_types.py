""".NET types on the twin, each case against Windows PowerShell 5.1's documented result:
about_Type_Accelerators, about_Type_Operators, about_Hash_Tables ([ordered], [pscustomobject]),
about_Object_Creation, New-Object (reference/5.1), and the .NET Framework 4.8 API pages the
static members come from."""

from __future__ import annotations

import re

import pytest
from support.twin_script import ps, out


def one(state, script: str):
    o = out(state, script)
    assert len(o) == 1, o
    return o[0]


@pytest.mark.parametrize("script, expected", [
    ("[int] -eq [System.Int32]", True),
    ("[string] -eq [System.String]", True),
    ("[long] -eq [System.Int64]", True),
    ("[bool] -eq [System.Boolean]", True),
    ("[hashtable] -eq [System.Collections.Hashtable]", True),
    ("[regex] -eq [System.Text.RegularExpressions.Regex]", True),
    ("[int] -eq [long]", False),
    ("[Int32] -eq [int]", True),                      # 'System.' may be left out
    ("[Collections.ArrayList] -eq [System.Collections.ArrayList]", True),
    ("[int].FullName", "System.Int32"),
    ("[int].Name", "Int32"),
    ("[string].Name", "String"),
    ("[float].FullName", "System.Single"),            # [float] is Single in 5.1
    ("[pscustomobject].FullName", "System.Management.Automation.PSObject"),
    ("[int[]].Name", "Int32[]"),
    ("[int[]].FullName", "System.Int32[]"),
    ("[System.Collections.Generic.List[string]].Name", "List`1"),
    ("[int].IsValueType", True),
    ("[string].IsValueType", False),
    ("[int[]].IsArray", True),
    ("[System.InvalidOperationException].BaseType.FullName", "System.SystemException"),
])
def test_type_literals(st, script, expected):
    assert one(st, script) == expected


@pytest.mark.parametrize("script, expected", [
    ("'x' -is [string]", True),
    ("'x' -is 'string'", True),                       # a type name as a string
    ("'x' -is 'System.String'", True),
    ("1 -is [int]", True),
    ("1 -is [long]", False),
    ("1 -is [ValueType]", True),
    ("1 -is [object]", True),
    ("$null -is [object]", False),
    ("1.5 -is [double]", True),
    ("(1,2) -is [array]", True),
    ("(1,2) -is [object[]]", True),
    ("@{} -is [hashtable]", True),
    ("@{} -is [System.Collections.IDictionary]", True),
    ("'x' -isnot [int]", True),
    ("'5' -as [int]", 5),
    ("'x' -as [int]", None),
    ("5 -as 'string'", "5"),
    ("[datetime]::Now -is [datetime]", True),
    ("{ 1 } -is [scriptblock]", True),
])
def test_type_operators(st, script, expected):
    assert one(st, script) == expected


def test_unknown_type_name_throws_typenotfound(st):
    r = ps(st, "try { 'x' -is [NoSuchType] } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }")
    assert r.output == ["TypeNotFound", "Unable to find type [NoSuchType]."]
    r = ps(st, "try { 'x' -is 'NoSuchType' } catch { $_.FullyQualifiedErrorId }")
    assert r.output == ["RuntimeException"]
    r = ps(st, "try { [NoSuchType]::Foo } catch { $_.FullyQualifiedErrorId }")
    assert r.output == ["TypeNotFound"]


@pytest.mark.parametrize("script, expected", [
    ("[int]::MaxValue", 2147483647),
    ("[int]::MinValue", -2147483648),
    ("[long]::MaxValue", 9223372036854775807),
    ("[byte]::MaxValue", 255),
    ("[math]::PI", 3.141592653589793),
    ("[math]::Round(2.5)", 2),                        # MidpointRounding.ToEven
    ("[math]::Round(3.5)", 4),
    ("[math]::Round(2.567, 2)", 2.57),
    ("[math]::Round(2.5, [MidpointRounding]::AwayFromZero)", 3),
    ("[math]::Round(-2.5, 'AwayFromZero')", -3),
    ("[math]::Floor(2.7)", 2),
    ("[math]::Ceiling(2.1)", 3),
    ("[math]::Max(3, 7)", 7),
    ("[math]::Min(3, 7)", 3),
    ("[math]::Pow(2, 10)", 1024),
    ("[math]::Sqrt(16)", 4),
    ("[math]::Abs(-3)", 3),
    ("[string]::Join(',', @('a','b','c'))", "a,b,c"),
    ("[string]::Join('-', 'a', 'b')", "a-b"),
    ("[string]::IsNullOrEmpty('')", True),
    ("[string]::IsNullOrEmpty($null)", True),
    ("[string]::IsNullOrEmpty(' ')", False),
    ("[string]::IsNullOrWhiteSpace(' ')", True),
    ("[string]::Format('{0}-{1}', 'a', 'b')", "a-b"),
    ("[string]::Empty", ""),
    ("[string]::Concat('a', 'b', 1)", "ab1"),
    ("[guid]::Empty.ToString()", "00000000-0000-0000-0000-000000000000"),
    ("[regex]::Escape('a.b*c')", "a\\.b\\*c"),
    ("[regex]::Replace('a1b2', '\\d', '#')", "a#b#"),
    ("[regex]::Match('abc123', '\\d+').Value", "123"),
    ("[regex]::Match('abc', '\\d').Success", False),
    ("[regex]::Matches('a1b2c3', '\\d').Count", 3),
    ("([regex]::Split('a1b2c', '\\d')) -join ','", "a,b,c"),
    ("[regex]::IsMatch('abc', 'B')", False),           # .NET regex is case-sensitive
    ("[regex]::Match('key=val', '(?<k>\\w+)=(?<v>\\w+)').Groups['v'].Value", "val"),
    ("[System.IO.Path]::Combine('C:\\a', 'b.txt')", "C:\\a\\b.txt"),
    ("[System.IO.Path]::GetFileName('C:\\a\\b.txt')", "b.txt"),
    ("[System.IO.Path]::GetExtension('C:\\a\\b.txt')", ".txt"),
    ("[System.IO.Path]::GetFileNameWithoutExtension('C:\\a\\b.txt')", "b"),
    ("[System.IO.Path]::GetDirectoryName('C:\\a\\b.txt')", "C:\\a"),
    ("[convert]::ToInt32('ff', 16)", 255),
    ("[convert]::ToInt32('11', 2)", 3),
    ("[convert]::ToString(255, 16)", "ff"),
    ("[convert]::ToString(5, 2)", "101"),
    ("[convert]::ToInt32('FFFFFFFF', 16)", -1),
    ("[int]::Parse('42')", 42),
    ("[char]::IsDigit('5')", True),
    ("[bool]::Parse('true')", True),
    ("[timespan]::FromMinutes(90).TotalHours", 1.5),
    ("[datetime]::Parse('2024-03-01').Month", 3),
    ("[datetime]::IsLeapYear(2024)", True),
    ("[datetime]::DaysInMonth(2023, 2)", 28),
])
def test_static_members(st, script, expected):
    assert one(st, script) == expected


def test_datetime_now_and_today_use_the_lab_clock(st):
    now, today = out(st, "[datetime]::Now; [datetime]::Today")
    assert today.hour == 0 and today.date() == now.date()


def test_guid_newguid(st):
    a, b, text = out(st, "$g = [guid]::NewGuid(); $g; [guid]::NewGuid(); $g.ToString()")
    assert a != b
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", text)


def test_arraylist_add_returns_the_index(st):
    script = """
$l = [System.Collections.ArrayList]::new()
$l.Add('a')
$l.Add('b')
$l.Count
$l.Remove('a')
$l -join ','
$l.GetType().FullName
$l.Insert(0, 'z')
$l[0]
"""
    assert out(st, script) == [0, 1, 2, "b", "System.Collections.ArrayList", "z"]


def test_generic_list(st):
    script = """
$l = [System.Collections.Generic.List[string]]::new()
$l.Add('x')
$l.Add(5)
$l.Count
$l[1].GetType().Name
$l.Contains('x')
$l.GetType().Name
"""
    assert out(st, script) == [2, "String", True, "List`1"]


def test_fixed_size_array_add_fails(st):
    r = ps(st, "$a = 1, 2\n$a.Add(3)")
    assert not r.ok or r.errors
    assert "Collection was of a fixed size." in r.error_text


def test_hashtable_and_ordered(st):
    script = """
$h = [hashtable]::new()
$h['a'] = 1
$h.Count
$o = [ordered]@{ z = 1; a = 2; m = 3 }
$o.Keys -join ','
$o.GetType().Name
$o[0]
$o['a']
"""
    assert out(st, script) == [1, "z,a,m", "OrderedDictionary", 1, 2]


def test_hashtable_to_pscustomobject_keeps_order(st):
    script = """
$p = [pscustomobject]@{ Zeta = 1; Alpha = 2; Mid = 3 }
$p.psobject.Properties.Name -join ','
$p.GetType().FullName
$h = @{ Name = 'x' }
$q = [pscustomobject]$h
$q.Name
"""
    assert out(st, script) == ["Zeta,Alpha,Mid", "System.Management.Automation.PSCustomObject", "x"]


def test_exception_types_new_and_catch_by_type(st):
    script = """
try { throw [System.InvalidOperationException]::new('x') }
catch [System.ArgumentException] { 'wrong' }
catch [System.InvalidOperationException] { "caught $($_.Exception.Message)"; $_.Exception.GetType().FullName; $_.FullyQualifiedErrorId }
try { throw [System.ArgumentNullException]::new('p') } catch [System.ArgumentException] { $_.Exception.ParamName }
$e = [System.Exception]::new('outer', [System.FormatException]::new('inner'))
$e.InnerException.Message
$e.InnerException.GetType().Name
[System.InvalidOperationException]::new().Message
"""
    assert out(st, script) == ["caught x", "System.InvalidOperationException", "x", "p", "inner", "FormatException",
                               "Operation is not valid due to the current state of the object."]


def test_catch_runtimeexception_takes_twin_errors(st):
    script = """
try { 1 / 0 } catch [System.Management.Automation.RuntimeException] { 'runtime' }
try { throw 'plain' } catch [System.Management.Automation.RuntimeException] { $_.Exception.GetType().FullName }
"""
    assert out(st, script) == ["runtime", "System.Management.Automation.RuntimeException"]


def test_new_object(st):
    script = """
$a = New-Object -TypeName System.Collections.ArrayList
$a.Add(1) | Out-Null
$a.Count
$p = New-Object -TypeName PSObject -Property @{ Name = 'n1' }
$p.Name
(New-Object System.Version 1, 2, 3).Build
(New-Object -TypeName System.Exception -ArgumentList 'boom').Message
"""
    assert out(st, script) == [1, "n1", 3, "boom"]


def test_new_object_unknown_type(st):
    r = ps(st, "New-Object -TypeName No.Such.Type")
    assert not r.ok or r.errors
    assert "Cannot find type [No.Such.Type]: verify that the assembly containing this type is loaded." in r.error_text


def test_pstypenames(st):
    script = """
$p = [pscustomobject]@{ a = 1 }
$p.PSTypeNames[0]
$p.pstypenames -contains 'System.Management.Automation.PSCustomObject'
$p.PSTypeNames.Insert(0, 'My.Type')
$p.PSTypeNames[0]
$p -is [psobject]
"""
    r = ps(st, script)
    assert r.ok, r.error_text
    assert r.output == ["System.Management.Automation.PSCustomObject", True, "My.Type", True]


@pytest.mark.parametrize("script, expected", [
    ("[int[]]('1', '2') | ForEach-Object { $_.GetType().Name }", ["Int32", "Int32"]),
    ("([int[]](1, 2)).GetType().FullName", ["System.Int32[]"]),
    ("(1, 'a').GetType().FullName", ["System.Object[]"]),
    ("'abc'.GetType().FullName", ["System.String"]),
    ("(1).GetType().Name", ["Int32"]),
    ("(2147483648).GetType().Name", ["Int64"]),
    ("(1.5).GetType().Name", ["Double"]),
    ("@{}.GetType().Name", ["Hashtable"]),
    ("[version]'1.2.3' -gt [version]'1.2.10'", [False]),
    ("([version]'10.0.20348').Major", [10]),
    ("([ipaddress]'192.168.1.10').AddressFamily", ["InterNetwork"]),
    ("[ipaddress]'10.0.0.1' -is [ipaddress]", [True]),
    ("[char]'a' -is [char]", [True]),
    ("[bool]1", [True]),
    ("[bool]0", [False]),
    ("[bool]'false'", [True]),
    ("[type]'int' -eq [int]", [True]),
])
def test_conversions_to_types(st, script, expected):
    assert out(st, script) == expected


@pytest.mark.parametrize("script, expected", [
    ("[ConsoleColor]'red'", "Red"),
    ("[ConsoleColor]3", "DarkCyan"),
    ("[int][ConsoleColor]::Yellow", 14),
    ("[bool]@([ConsoleColor]::Black)", False),       # PowerShell's Conversions.Tests: enum 0 in an array is false
    ("[bool]@([ConsoleColor]::Yellow)", True),
    ("([System.Management.Automation.ActionPreference]'Stop').ToString()", "Stop"),
    ("[DayOfWeek]::Monday -eq 'monday'", True),
    ("([Collections.Generic.List[int]]@('4', '5')) -join ';'", "4;5"),
    ("([Collections.Generic.List[int]]@(1, 2)).GetType().GetGenericArguments()[0].Name", "Int32"),
    ("'int]whatever' -as [type]", None),
])
def test_enums_and_generic_casts(st, script, expected):
    value = one(st, script)
    assert (str(value) if value is not None and not isinstance(value, (bool, int)) else value) == expected


def test_enum_cast_failure_names_the_members(st):
    r = ps(st, "[DayOfWeek]'Funday'")
    assert r.errors[0].message == ('Cannot convert value "Funday" to type "System.DayOfWeek". Error: "Unable to match the identifier '
                                   'name Funday to a valid enumerator name. Specify one of the following enumerator names and try '
                                   'again:\nSunday, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday"')


def test_pscustomobject_conversions_from_powershells_tests(st):
    # HashtableToPSCustomObjectConversion.Tests.ps1 cases that hold in 5.1
    script = """
$x = [pscustomobject][ordered]@{ one = 1; two = 2 }
$x.psobject.Properties.Name -join ','
$obj = [PSCustomObject]@{ pstypename = 'Mytype'; a = 1 }
$obj.PSTypeNames[0]
$obj.psobject.Properties.Name -join ','
$o2 = [PSCustomObject]@{ pstypename = 'System.Object' }
$o2.PSTypeNames.Count
(New-Object psobject -Property $null) -is [psobject]
([pscustomobject][hashtable]@{ one = 1 }) -is [psobject]
"$obj"
"""
    assert out(st, script) == ["one,two", "Mytype", "a", 3, True, True, "@{a=1}"]
    r = ps(st, "[hashtable][pscustomobject]@{ one = 1 }")
    assert r.errors and "to type \"System.Collections.Hashtable\"" in r.errors[0].message


@pytest.mark.parametrize("script, expected", [
    ("([timespan]'01:30:00').TotalMinutes", 90),
    ("([timespan]'1.02:03:04.5').TotalSeconds", 93784.5),
    ("([timespan]'2').TotalHours", 48),                  # TimeSpan.Parse: a lone number is days
    ("([timespan]'-00:00:10').TotalSeconds", -10),
    ("[timespan]::new(1, 2, 3).TotalSeconds", 3723),
    ("([timespan]600000000).TotalMinutes", 1),           # a number is ticks
])
def test_timespan_conversions(st, script, expected):
    assert one(st, script) == expected


@pytest.mark.parametrize("script, expected", [
    ("([long]5).GetType().Name", "Int64"),
    ("[long]5 -is [long]", True),
    ("[long]5 -is [int]", False),
    ("([byte]5).GetType().Name", "Byte"),
    ("([uint64]7).GetType().FullName", "System.UInt64"),
    ("([float]1.5).GetType().Name", "Single"),
    ("([decimal]1.5).GetType().Name", "Decimal"),
    ("[uint64]7 -eq 7", True),
])
def test_casts_keep_the_number_type(st, script, expected):
    assert one(st, script) == expected


def test_generic_dictionary(st):
    script = """
$d = [System.Collections.Generic.Dictionary[string,int]]::new()
$d.Add('a', '1')
$d['B'] = 2
$d.ContainsKey('A')
$d.ContainsKey('a')
$d['a'] + 1
$d.GetType().Name
try { $d['zz'] } catch { $_.Exception.Message }
"""
    assert out(st, script) == [False, True, 2, "Dictionary`2",
                               'Exception getting "Item": "The given key was not present in the dictionary."']


def test_hashtable_clear(st):
    assert out(st, "$h = @{a = 1; b = 2}\n$h.Clear()\n$h.Count\n$h['A'] = 2\n$h.Keys") == [0, "A"]
