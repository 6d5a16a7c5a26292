"""Script classes that derive from script classes, from exception types and implement interfaces, as 5.1 has them.

about_Classes and about_Classes_Inheritance (5.1):
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_classes?view=powershell-5.1
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_classes_inheritance?view=powershell-5.1
Comparisons follow LanguagePrimitives.Compare/Equals of 5.1 (IComparable.CompareTo, Object.Equals).
"""

from __future__ import annotations

import pytest

from support.twin_script import out, ps

SHAPES = """
class Shape { [string]$Name = 'shape'
  Shape() { }
  Shape([string]$n) { $this.Name = $n }
  [string] Describe() { return "shape " + $this.Name }
  [double] Area() { return 0 } }
class Rect : Shape { [double]$W; [double]$H
  Rect([double]$w, [double]$h) : base('rect') { $this.W = $w; $this.H = $h }
  [double] Area() { return $this.W * $this.H }
  [string] Describe() { return "rect/" + ([Shape]$this).Describe() } }
class Square : Rect { Square([double]$s) : base($s, $s) { } }
"""


def test_base_constructor_chaining_and_overrides(st):
    script = SHAPES + """
$s = [Square]::new(3)
$s.Name; $s.Area(); $s.Describe()"""
    assert out(st, script) == ["rect", 9.0, "rect/shape rect"]


def test_virtual_dispatch_from_a_base_method(st):
    # about_Classes_Inheritance: an override is called through a base-typed reference too; only a cast at the
    # call, ([Animal]$d).Sound(), calls the base class's method
    script = """
class Animal { [string] Sound() { return '...' } [string] Speak() { return 'says ' + $this.Sound() } }
class Dog : Animal { [string] Sound() { return 'woof' } }
$d = [Dog]::new(); [Animal]$a = $d
$d.Speak(); $a.Sound(); ([Animal]$d).Sound()"""
    assert out(st, script) == ["says woof", "woof", "..."]


def test_is_as_and_base_type_across_the_hierarchy(st):
    script = SHAPES + """
$s = [Square]::new(2)
$s -is [Rect]; $s -is [Shape]; $s -is [object]; [Shape]::new() -is [Rect]
($s -as [Shape]).GetType().Name
$s.GetType().BaseType.Name; [Rect].BaseType.Name; [Shape].BaseType.FullName
[Square].Name; $s.GetType() -eq [Square]"""
    assert out(st, script) == [True, True, True, False, "Square", "Rect", "Shape", "System.Object", "Square", True]


def test_type_object_in_a_variable_reaches_statics(st):
    script = """
class Counter { static [int]$Count = 5; static [int] Twice() { return [Counter]::Count * 2 } }
$t = [Counter]; $t::Twice(); $t::new().GetType().Name"""
    assert out(st, script) == [10, "Counter"]


def test_enum_type_object_has_system_enum_as_base(st):
    assert out(st, "enum Color { Red; Green }\n[Color].BaseType.FullName; [Color].IsEnum; [Color]::Red -is [System.Enum]") == \
        ["System.Enum", True, True]


# -- .NET exception types as base (throw, catch by type) ------------------------------------------------

EXCEPTIONS = """
class ClusterError : System.Exception {
  [string]$Node
  ClusterError([string]$message, [string]$node) : base($message) { $this.Node = $node } }
class QuorumError : ClusterError { QuorumError([string]$node) : base('quorum lost', $node) { } }
"""


def test_custom_exception_caught_by_its_base_script_class(st):
    script = EXCEPTIONS + """
try { throw [QuorumError]::new('N1') }
catch [ClusterError] { $_.Exception.Message; $_.Exception.Node; $_.Exception.GetType().Name; $_.FullyQualifiedErrorId }"""
    assert out(st, script) == ["quorum lost", "N1", "QuorumError", "quorum lost"]


def test_custom_exception_caught_as_system_exception_and_its_text(st):
    script = EXCEPTIONS + """
try { throw [ClusterError]::new('disk offline', 'N2') } catch [System.InvalidOperationException] { 'wrong' } catch [System.Exception] { "$($_.Exception)" }"""
    assert out(st, script) == ["ClusterError: disk offline"]


def test_custom_exception_defaults_and_read_only_message(st):
    script = """
class Plain : System.Exception { }
$p = [Plain]::new()
$p.Message; $p.InnerException -eq $null; $p -is [System.Exception]
try { $p.Message = 'x' } catch { $_.Exception.Message }
try { [Plain]::new('m') } catch { $_.FullyQualifiedErrorId }"""
    assert out(st, script) == ["Exception of type 'Plain' was thrown.", True, True, "'Message' is a ReadOnly property.",
                               "MethodCountCouldNotFindBest"]


def test_exception_subclass_with_inner_exception(st):
    script = """
class Wrapped : System.InvalidOperationException { Wrapped([string]$m, [Exception]$inner) : base($m, $inner) { } }
$w = [Wrapped]::new('outer', [System.Exception]::new('inner'))
$w.InnerException.Message; $w -is [System.SystemException]
try { throw $w } catch [System.InvalidOperationException] { $_.Exception.Message }"""
    assert out(st, script) == ["inner", True, "outer"]


def test_other_dotnet_base_classes_are_refused(st):
    r = ps(st, "class MyList : System.Collections.ArrayList { }\n'ran'")
    assert not r.ok and r.output == []
    assert "class MyList deriving from the .NET type [System.Collections.ArrayList] is not emulated by the twin" in r.error_text


# -- interfaces ---------------------------------------------------------------------------------------

VERSION = """
class Ver : System.IComparable {
  [int]$Major; [int]$Minor
  Ver([string]$s) { $p = $s.Split('.'); $this.Major = $p[0]; $this.Minor = $p[1] }
  [int] CompareTo([object]$other) {
    $o = [Ver]$other
    if ($this.Major -ne $o.Major) { return $this.Major - $o.Major }
    return $this.Minor - $o.Minor }
  [bool] Equals([object]$other) { $o = [Ver]$other; return $this.Major -eq $o.Major -and $this.Minor -eq $o.Minor }
  [string] ToString() { return "$($this.Major).$($this.Minor)" } }
"""


def test_icomparable_drives_comparison_operators(st):
    # the right operand converts to the left's type first ('2.0' -> [Ver]), then CompareTo
    script = VERSION + "$a = [Ver]'1.10'; $b = [Ver]'1.9'\n$a -gt $b; $a -lt '2.0'; $b -ge $a; $a -eq '1.10'; $a -ne $b"
    assert out(st, script) == [True, True, False, True, True]


def test_icomparable_drives_sort_object(st):
    script = VERSION + """
(([Ver[]]('2.1', '1.10', '1.9')) | Sort-Object) -join ' '
(([Ver[]]('2.1', '1.10', '1.9')) | Sort-Object -Descending) -join ' '"""
    assert out(st, script) == ["1.9 1.10 2.1", "2.1 1.10 1.9"]


def test_objects_without_icomparable_do_not_compare(st):
    script = """
class Plain { [int]$v }
$p = [Plain]::new(); $q = [Plain]::new()
$p -eq $p; $p -eq $q
try { $p -lt $q } catch { $_.Exception.Message }"""
    assert out(st, script) == [True, False, 'Cannot compare "Plain" because it is not IComparable.']


def test_equals_of_iequatable_is_not_object_equals(st):
    # IEquatable[T].Equals(T) is an overload; -eq calls Object.Equals(object), which the class does not override
    script = """
class Id : System.IEquatable[Id] { [int]$n; Id([int]$n) { $this.n = $n } [bool] Equals([Id]$o) { return $this.n -eq $o.n } }
$a = [Id]::new(1); $b = [Id]::new(1)
$a -eq $b; $a.Equals($b); $a -is [System.IEquatable[Id]]"""
    assert out(st, script) == [False, True, True]


def test_idisposable_is_a_type_the_object_has(st):
    script = "class Res : System.IDisposable { [bool]$Closed; [void] Dispose() { $this.Closed = $true } }\n" \
             "$r = [Res]::new(); $r -is [System.IDisposable]; $r.Dispose(); $r.Closed"
    assert out(st, script) == [True, True]


@pytest.mark.parametrize("script, error_id, text", [
    ("class C : NoSuchBase { }", "TypeNotFound", "Unable to find type [NoSuchBase]."),
    ("class C : string { }", "SealedBaseClass", "Cannot inherit from sealed class 'String'."),
    ("class A { }\nclass B { }\nclass C : A, B { }", "InterfaceNameExpected", "'B': Interface name expected."),
    ("class C : System.IComparable { }", "TypeCreationError",
     "Method 'CompareTo' in type 'C' from assembly '\u29f9powershell, Version=0.0.0.0, Culture=neutral, "
     "PublicKeyToken=null' does not have an implementation."),
    ("class C : System.IComparable { [void] CompareTo([object]$o) { } }", "TypeCreationError", "does not have an implementation"),
    ("class A { A([int]$a) { } }\nclass B : A { }", "BaseClassNoDefaultCtor",
     "Base class 'A' does not contain a parameterless constructor."),
])
def test_bases_5_1_refuses_before_running(st, script, error_id, text):
    r = ps(st, "'before'\n" + script)
    assert not r.ok and r.output == []              # a parse error: nothing of the script runs
    assert r.errors[0].error_id == error_id and text in r.errors[0].message


def test_interfaces_the_twin_does_not_honour_are_refused(st):
    r = ps(st, "class Bag : System.Collections.IEnumerable { [System.Collections.IEnumerator] GetEnumerator() { return $null } }")
    assert not r.ok
    assert "class Bag implementing the interface [System.Collections.IEnumerable] is not emulated by the twin" in r.error_text


def test_get_interface_of_a_script_class(st):
    # Type.GetInterface(name): by full or simple name, $null when the type does not implement it
    script = """
class Cmp : System.IComparable { [int] CompareTo([object]$o) { return 0 } }
[Cmp].GetInterface('System.IComparable').FullName; [Cmp].GetInterface('IComparable').Name
$null -eq [Cmp].GetInterface('System.IDisposable')"""
    assert out(st, script) == ["System.IComparable", "IComparable", True]


def test_methods_reach_instances_in_a_collection(st):
    # member enumeration (about_Member-Access_Enumeration): the method is called on each instance
    script = "class N { [int]$v; N([int]$v) { $this.v = $v } [int] Twice() { return 2 * $this.v } }\n" \
             "@([N]::new(1), [N]::new(2)).Twice() -join ','"
    assert out(st, script) == ["2,4"]


TEMPERATURE = """
enum TemperatureScale { Celsius = 0; Fahrenheit = 1; Kelvin = 2 }
class Temperature : System.IFormattable, System.IEquatable[Object], System.IComparable {
    [float] $Degrees
    [TemperatureScale] $Scale
    Temperature() { }
    Temperature([float] $Degrees, [TemperatureScale] $Scale) { $this.Degrees = $Degrees; $this.Scale = $Scale }
    [float] ToKelvin() {
        switch ($this.Scale) { Celsius { return $this.Degrees + 273.15 } Fahrenheit { return ($this.Degrees + 459.67) * 5 / 9 } }
        return $this.Degrees }
    [string] ToString([string]$Format, [System.IFormatProvider]$FormatProvider) {
        if ([string]::IsNullOrEmpty($Format)) { $Format = 'K' }
        if ($Format -eq 'K') { return $this.ToKelvin().ToString('F2') + ' K' }
        if ($Format -eq 'P') { return "provider [$($FormatProvider.Name)]" }
        throw [System.FormatException]::new("Unknown format: '$Format'") }
    [string] ToString() { return 'plain ToString' }
    [bool] Equals([Object]$Other) { $o = $Other -as [Temperature]; return $null -ne $o -and $this.ToKelvin() -eq $o.ToKelvin() }
    [int] CompareTo([Object]$Other) { return [math]::Sign($this.ToKelvin() - ([Temperature]$Other).ToKelvin()) }
}
"""


def test_iformattable_drives_string_conversion_and_format_operator(st):
    # about_Classes_Inheritance ("Implementing IFormattable"): a string conversion calls ToString($null, provider) (the
    # invariant culture, whose Name is ""), -f with a format calls ToString(format, current culture)
    script = TEMPERATURE + """
$t = [Temperature]::new(0, 'Celsius')
"is $t"; [string]$t; '{0:K}|{0:P}' -f $t; $t.ToString()"""
    assert out(st, script) == ["is 273.15 K", "273.15 K", "273.15 K|provider [en-US]", "plain ToString"]


def test_temperature_example_equality_and_order(st):
    script = TEMPERATURE + """
$c = [Temperature]::new(0, 'Celsius'); $f = [Temperature]::new(32, 'Fahrenheit'); $k = [Temperature]::new(0, 'Kelvin')
$c.Equals($f); $c -eq $f; $c -ne $k; $c -gt $k; $c -le $f
(@($c, $k, $f) | Sort-Object | ForEach-Object { $_.Scale }) -join ',' """
    assert out(st, script) == [True, True, True, True, True, "Kelvin,Celsius,Fahrenheit"]


def test_iformattable_needs_its_tostring_signature(st):
    r = ps(st, "class T : System.IFormattable { [string] ToString([string]$f) { return '' } }")
    assert r.errors[0].error_id == "TypeCreationError" and "Method 'ToString'" in r.errors[0].message


def test_an_inherited_method_implements_the_interface(st):
    # .NET maps an interface method to a public method the class inherits: no TypeCreationError
    script = "class A { [int] CompareTo([object]$o) { return 0 } }\nclass B : A, System.IComparable { }\n" \
             "[B]::new() -is [System.IComparable]; [B]::new() -le [B]::new()"
    assert out(st, script) == [True, True]
