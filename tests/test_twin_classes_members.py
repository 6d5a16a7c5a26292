"""Properties, statics and hidden members of script classes as 5.1 has them.

about_Classes / about_Classes_Properties and about_Hidden (5.1):
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_classes_properties?view=powershell-5.1
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_hidden?view=powershell-5.1
Assignment errors follow 5.1's PSSetMemberBinder (a failed conversion or validation in the setter is
SetValueInvocationException, ExceptionWhenSetting).
"""

from __future__ import annotations

import pytest

from support.twin_script import out, ps

CAR = """
class Car {
   [string] $Color
   [string] $ModelYear
   [int] $Distance
   [int] Drive ([int]$Miles) { $this.Distance += $Miles; $this.Rides++; return $this.Distance }
   hidden [int] $Rides = 0
   hidden [void] Polish() { }
   static [int] Made() { return 1 }
}
$TestCar = [Car]::new()
"""


def test_get_member_leaves_out_hidden_and_static_members(st):
    # the listing about_Hidden shows for the Car class
    rows = out(st, CAR + "$TestCar | Get-Member | ForEach-Object { '{0}|{1}|{2}' -f $_.Name, $_.MemberType, $_.Definition }")
    assert rows == ["Drive|Method|int Drive(int Miles)", "Equals|Method|bool Equals(System.Object obj)",
                    "GetHashCode|Method|int GetHashCode()", "GetType|Method|type GetType()",
                    "ToString|Method|string ToString()", "Color|Property|string Color {get;set;}",
                    "Distance|Property|int Distance {get;set;}", "ModelYear|Property|string ModelYear {get;set;}"]


def test_get_member_force_is_refused_not_ignored(st):
    r = ps(st, CAR + "$TestCar | Get-Member -Force")
    assert r.output == [] and "-Force is not emulated" in r.error_text


def test_hidden_members_are_still_public(st):
    # about_Hidden: "The hidden keyword has no effect on how you can view or make changes to members of a class"
    assert out(st, CAR + "$TestCar.Drive(5); $TestCar.Drive(2); $TestCar.Rides; $TestCar.Rides = 10; $TestCar.Rides") == [5, 7, 2, 10]


def test_hidden_properties_are_left_out_of_listings_but_not_json(st):
    # ConvertTo-Json reads a .NET object's public properties by reflection (its 5.1 source), hidden ones too
    script = CAR + """
($TestCar | Select-Object * | ForEach-Object { $_.PSObject.Properties.Name }) -join ','
$TestCar.PSObject.Properties.Name -join ','
$TestCar | ConvertTo-Json -Compress"""
    assert out(st, script) == ["Color,ModelYear,Distance", "Color,ModelYear,Distance",
                               '{"Color":null,"ModelYear":null,"Distance":0,"Rides":0}']


def test_typed_property_converts_on_assignment(st):
    script = "class P { [int]$n; [string]$s }\n$p = [P]::new(); $p.n = '12'; $p.s = 5\n$p.n.GetType().Name; $p.s.GetType().Name"
    assert out(st, script) == ["Int32", "String"]


@pytest.mark.parametrize("assignment, message", [
    ("$p.n = 'abc'", 'Exception setting "n": "Cannot convert value "abc" to type "System.Int32". Error: '
                     '"Input string was not in a correct format.""'),
    ("[P]::Last = 'bla'", 'Exception setting "Last": "Cannot convert the "bla" value of type "System.String" to type "P"."'),
    ("$p.r = 9", 'Exception setting "r": "The 9 argument is greater than the maximum allowed range of 5. Supply an argument '
                 'that is less than or equal to 5 and then try the command again."'),
    ("$p.t = 'c'", 'Exception setting "t": "The argument "c" does not belong to the set "a,b" specified by the ValidateSet '
                   'attribute. Supply an argument that is in the set and then try the command again."'),
    ("$p.e = ''", 'Exception setting "e": "The argument is null or empty. Provide an argument that is not null or empty, and '
                  'then try the command again."'),
])
def test_assignments_the_setter_refuses(st, assignment, message):
    script = """
class P { [int]$n; static [P]$Last
  [ValidateRange(1, 5)][int]$r = 1
  [ValidateSet('a', 'b')][string]$t = 'a'
  [ValidateNotNullOrEmpty()][string]$e = 'x' }
$p = [P]::new()
try { """ + assignment + " } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }"
    assert out(st, script) == ["ExceptionWhenSetting", message]
    # about_Classes_Properties shows the record: "NotSpecified: (:) [], SetValueInvocationException"
    r = ps(st, script.replace("try { ", "").replace(" } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }", ""))
    assert "NotSpecified: (:) [], SetValueInvocationException" in r.error_text


def test_initializer_error_is_placed_at_the_property(st):
    # PowerShell's Scripting.Classes.Exceptions tests: "Exception from initializer" keeps the conversion's own ID
    script = "class Q {\n  [int]$a = 'zz'\n}\ntry { [Q]::new() } catch { $_.FullyQualifiedErrorId; $_.InvocationInfo.ScriptLineNumber }"
    assert out(st, script) == ["InvalidCastFromStringToInteger", 2]


def test_statics_through_the_type_a_variable_or_an_instance(st):
    script = """
class A { static [int]$Count; [void] Bump() { $this::Count++ } static [string] Who() { return 'A' } }
$a = [A]::new(); $a.Bump(); $a.Bump()
[A]::Count; $a::Count; $a::Who()
$t = [A]; $t::Count = 10; [A]::Count"""
    assert out(st, script) == [2, 2, "A", 10]


def test_static_initialiser_and_static_constructor_run_once_before_first_use(st):
    # about_Classes_Constructors: a static constructor runs once, when the class is first used
    script = """
class Registry { static [System.Collections.ArrayList]$Items = [System.Collections.ArrayList]::new()
  static [int]$Built
  static Registry() { [Registry]::Built++ }
  static [void] Add([string]$x) { [void][Registry]::Items.Add($x) } }
[Registry]::Add('a'); [Registry]::Add('b')
[Registry]::Items -join ','; [Registry]::Built"""
    assert out(st, script) == ["a,b", 1]


def test_conversion_to_a_class_uses_a_matching_one_argument_constructor(st):
    script = """
class P { [int]$n; P() { } P([int]$n) { $this.n = $n } }
([P]12).n
try { [P]'12' } catch { $_.Exception.Message }
class O { }
$null -eq ([O]::new() -as [P])"""
    assert out(st, script) == [12, 'Cannot convert the "12" value of type "System.String" to type "P".', True]


def test_to_string_override_in_output_and_expansion(st):
    script = "class T { [string] ToString() { return 'tee' } }\n$t = [T]::new()\n\"x $t\"; @($t, $t) -join '+'; '{0}' -f $t"
    assert out(st, script) == ["x tee", "tee+tee", "tee"]
    assert ps(st, "class T { [string] ToString() { return 'tee' } }\n[T]::new()").text.strip() == "tee"


def test_value_type_properties_start_at_their_default(st):
    # about_Classes_Properties: a property without a default value is $null for a reference type and the value
    # type's default otherwise ([int] 0, [bool] $false, [datetime] its minimum, [guid] the empty Guid ...)
    script = """
class D { [datetime]$When; [timespan]$Span; [decimal]$Money; [byte]$Small; [bool]$Flag; [guid]$Id
          [int[]]$Many; [string]$Text; [System.ConsoleColor]$Color; $Anything }
$x = [D]::new()
$x.When.Year; $x.When.Ticks; $x.Span.Ticks; $x.Money.GetType().Name; $x.Small.GetType().Name; $x.Flag; "$($x.Id)"
$null -eq $x.Many; $null -eq $x.Text; "$($x.Color)"; $null -eq $x.Anything"""
    assert out(st, script) == [1, 0, 0, "Decimal", "Byte", False, "00000000-0000-0000-0000-000000000000",
                               True, True, "Black", True]


def test_no_default_constructor_when_the_class_defines_one(st):
    # about_Classes_Constructors: "The automatic default constructor is only defined for a class when the class
    # doesn't define any constructors"; the error is a MethodException
    r = ps(st, "class B { B([int]$x) { } }\n[B]::new()")
    assert r.errors[0].error_id == "MethodCountCouldNotFindBest"
    assert "NotSpecified: (:) [], MethodException" in r.error_text
    assert 'Cannot find an overload for "new" and the argument count: "0".' in r.error_text


def test_new_object_makes_script_class_instances(st):
    # New-Object resolves the script's types too (PowerShell's BasicParsing "Scoped Types" and TypeTable lookups tests)
    script = """
class Point { [int]$x; [int]$y; Point() { } Point($x, $y) { $this.x = $x; $this.y = $y } }
(New-Object Point).x
$p = New-Object Point -ArgumentList 3, 4; "$($p.x),$($p.y)"
(New-Object -TypeName Point -Property @{ x = 7 }).x
try { New-Object Point -ArgumentList 1, 2, 3 } catch { $_.FullyQualifiedErrorId }"""
    assert out(st, script) == [0, "3,4", 7, "ConstructorInvokedThrowException,Microsoft.PowerShell.Commands.NewObjectCommand"]


def test_datetime_default_prints_with_a_four_digit_year(st):
    # about_Classes_Properties' output: "StartDate : 1/1/0001 12:00:00 AM" (en-US "G": M/d/yyyy h:mm:ss tt)
    script = "class P { [datetime]$StartDate }\n$p = [P]::new()\n$p.StartDate.ToString(); \"$($p.StartDate)\"; $p.StartDate.ToString('s')"
    assert out(st, script) == ["1/1/0001 12:00:00 AM", "01/01/0001 00:00:00", "0001-01-01T00:00:00"]
    assert "StartDate : 1/1/0001 12:00:00 AM" in ps(st, "class P { [datetime]$StartDate; [int]$N }\n[P]::new() | Format-List").text


def test_a_failing_static_initializer_is_a_type_initialization_exception_every_time(st):
    script = """
class S { static [int]$a = 'zz' }
try { $null = [S]::a } catch { $_.Exception.GetType().FullName; $_.Exception.Message; $_.Exception.InnerException.Message }
try { [S]::new() } catch { $_.Exception.GetType().Name }
class T { static [int]$n; static T() { throw 'boom' } }
try { [T]::n } catch [System.TypeInitializationException] { $_.Exception.InnerException.Message }"""
    assert out(st, script) == ["System.TypeInitializationException", "The type initializer for 'S' threw an exception.",
                               'Cannot convert value "zz" to type "System.Int32". Error: "Input string was not in a correct format."',
                               "TypeInitializationException", "boom"]


def test_validate_script_on_a_class_property_is_5_1_parse_error(st):
    # a class member's attribute takes constants only (PowerShell's BasicParsing negative cases: offset 25 of
    # 'class C{ [ValidateScript({})]$p; }'); it was silently ignored
    r = ps(st, "class C{ [ValidateScript({})]$p; }")
    assert r.errors[0].error_id == "ParameterAttributeArgumentNeedsToBeConstant"
    assert (r.errors[0].script_line, r.errors[0].column) == (1, 26)
    assert r.errors[0].message.endswith("Attribute argument must be a constant.")


def test_several_validation_attributes_on_one_property(st):
    # about_Classes_Properties: "Validation attributes" can be stacked; each is checked on assignment, in order
    script = """
class C {
  [ValidateSet('a', 'b')]
  [ValidateNotNullOrEmpty()]
  [string]$s = 'a'
  [ValidateRange(0, 10)] [ValidateRange(2, 3)] [int]$n = 2
}
$c = [C]::new(); $c.s; $c.n
try { $c.n = 5 } catch { $_.Exception.Message }
$c.n = 3; $c.n"""
    assert out(st, script) == ["a", 2, 'Exception setting "n": "The 5 argument is greater than the maximum allowed range of 3. '
                                        'Supply an argument that is less than or equal to 3 and then try the command again."', 3]


def test_keywords_before_an_attribute_and_static_validation(st):
    # `hidden [ValidateSet(...)] [string]$s` and `static [ValidateRange(...)] [int]$n` (about_Classes_Properties);
    # a static property's validation holds on assignment too ([A]::b = ... fails with ExceptionWhenSetting)
    script = """
class C {
  hidden [ValidateSet('a', 'b')] [string]$s = 'a'
  static [ValidateRange(1, 3)] [int]$n = 2
}
$c = [C]::new(); $c.s
try { $c.s = 'x' } catch { $_.FullyQualifiedErrorId }
try { [C]::n = 7 } catch { $_.FullyQualifiedErrorId }
[C]::n = 3; [C]::n
@($c | Get-Member -MemberType Properties).Count"""
    assert out(st, script) == ["a", "ExceptionWhenSetting", "ExceptionWhenSetting", 3, 0]
