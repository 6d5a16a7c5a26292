"""Class methods as 5.1 has them: return rules checked before the script runs, output, $this, break/continue.

about_Classes_Methods (5.1): "a method with a return type must return a value ... [void] methods return nothing";
only `return` gives a method's value.  The parse errors and their texts are 5.1's (SemanticChecks and
VariableAnalysis of its source, ParserStrings.resx).
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_classes_methods?view=powershell-5.1
"""

from __future__ import annotations

import pytest

from support.twin_script import out, ps


@pytest.mark.parametrize("body", [
    "[int] F([int]$x) { if ($x) { return 1 } }",                         # if without else falls through
    "[int] F() { while ($true) { return 1 } }",                            # a while's condition can leave it
    "[int] F() { foreach ($i in 1..3) { return $i } }",
    "[int] F() { switch (1) { default { return 1 } } }",                   # a switch is a loop over its input
    "[int] F() { try { return 1 } catch [System.IO.IOException] { } }",
    "[string] F() { 'output is not a return value' }",
])
def test_not_all_code_paths_return(st, body):
    r = ps(st, "'before'\nclass A { " + body + " }")
    assert not r.ok and r.output == []
    assert r.errors[0].error_id == "MethodHasCodePathNotReturn"
    assert r.errors[0].message.endswith("Not all code path returns value within method.")


@pytest.mark.parametrize("body, call, expected", [
    ("[int] F([int]$x) { if ($x) { return 1 } else { throw 'no' } }", "[A]::new().F(1)", 1),
    ("[int] F() { for (;;) { return 5 } }", "[A]::new().F()", 5),
    ("[int] F() { do { return 6 } while ($false) }", "[A]::new().F()", 6),
    ("[int] F() { try { return 1 } catch { return 2 } }", "[A]::new().F()", 1),
    ("[int] F() { try { throw 'x' } catch { return 2 } }", "[A]::new().F()", 2),
    # VariableAnalysis decides reachability as it adds edges: the finally is reached "from before the try" only
    # after its end was linked to what follows, so nothing after `try { return } finally { }` is reachable
    ("[int] F() { try { return 7 } finally { } }", "[A]::new().F()", 7),
    ("[int] F() { try { throw 'x' } finally { }; try { } catch { } }", "try { [A]::new().F() } catch { 'threw ' + $_ }",
     "threw x"),
    ("[int] F() { if ($true) { return 3 } elseif ($false) { exit } else { return 4 } }", "[A]::new().F()", 3),
    ("static [int] F() { foreach ($i in 101..102) { break }; return $i }", "[A]::F()", 101),
    ("[int] F() { :outer foreach ($i in 1..3) { foreach ($j in 1..2) { continue outer } }; return $i }", "[A]::new().F()", 3),
    ("[int] F() { 1..3 | ForEach-Object { return }; return 2 }", "[A]::new().F()", 2),   # a script block's own return
])
def test_methods_whose_every_path_returns_run(st, body, call, expected):
    assert out(st, "class A { " + body + " }\n" + call) == [expected]


@pytest.mark.parametrize("body, error_id, text", [
    ("[void] F() { return 1 }", "VoidMethodHasReturn", "Invalid return statement within void method."),
    ("A() { return 1 }", "VoidMethodHasReturn", "Invalid return statement within void method."),
    ("[int] F() { return }", "NonVoidMethodMissingReturnValue", "Invalid return statement within non-void method."),
    ("[int] F() { while (1) { break some_label }; return 1 }", "LabelNotFound", "Label 'some_label' not found inside the method."),
    ("[int] F() { continue other; return 1 }", "LabelNotFound", "Label 'other' not found inside the method."),
    ("[void] F() { param($x) }", "ParamBlockNotAllowedInMethod", "A param block is not allowed in a class method."),
    ("[void] A() { }", "ConstructorCantHaveReturnType", "A constructor cannot specify a return type."),
    ("[void] F() { begin { } end { } }", "NamedBlockNotAllowedInMethod", "A named block is not allowed in a class method."),
])
def test_return_and_label_errors(st, body, error_id, text):
    r = ps(st, "'before'\nclass A { " + body + " }")
    assert not r.ok and r.output == []
    assert r.errors[0].error_id == error_id and r.errors[0].message.endswith(text)


def test_labels_outside_methods_are_not_checked(st):
    assert out(st, "function f { foreach ($i in 1) { break nowhere } }\n'ran'") == ["ran"]


def test_only_return_gives_the_value_and_void_writes_nothing(st):
    script = """
class A { [int] N() { 'dropped'; Write-Output 'dropped too'; return 7 }
          [void] V() { 'dropped' } }
$a = [A]::new(); $a.N(); $a.V(); @($a.V()).Count"""
    assert out(st, script) == [7, 0]


def test_return_value_converts_to_the_return_type(st):
    script = "class A { [int] N() { return '42' } [string] S() { return 5 } }\n$a = [A]::new(); $a.N().GetType().Name; $a.S().GetType().Name"
    assert out(st, script) == ["Int32", "String"]


def test_code_path_error_is_placed_at_the_method_name(st):
    r = ps(st, "class C {[int] f(){} }")
    assert r.errors[0].error_id == "MethodHasCodePathNotReturn" and (r.errors[0].script_line, r.errors[0].column) == (1, 16)


TEMPERATURE = """
enum TemperatureScale { Celsius = 0; Fahrenheit = 1; Kelvin = 2 }
class Temperature {
    [float] $Degrees
    [TemperatureScale] $Scale
    Temperature() { }
    Temperature([float] $Degrees) { $this.Degrees = $Degrees }
    Temperature([TemperatureScale] $Scale) { $this.Scale = $Scale }
    Temperature([float] $Degrees, [TemperatureScale] $Scale) { $this.Degrees = $Degrees; $this.Scale = $Scale }
    [string] Describe([int] $i) { return "int $i" }
    [string] Describe([string] $s) { return "string $s" }
    [string] Describe([Temperature] $t) { return "temperature $($t.Scale)" }
}
"""


def test_constructor_overloads_are_chosen_by_argument_type(st):
    # about_Classes_Inheritance's Temperature example: [Temperature]::new([TemperatureScale]::Fahrenheit) sets the scale
    script = TEMPERATURE + """
$f = [Temperature]::new([TemperatureScale]::Fahrenheit); "$($f.Degrees) $($f.Scale)"
$d = [Temperature]::new(5); "$($d.Degrees) $($d.Scale)"
$k = [Temperature]::new(0, 'Kelvin'); "$($k.Degrees) $($k.Scale)" """
    assert out(st, script) == ["0 Fahrenheit", "5 Celsius", "0 Kelvin"]


def test_method_overloads_are_chosen_by_argument_type(st):
    script = TEMPERATURE + """
$t = [Temperature]::new([TemperatureScale]::Kelvin)
$t.Describe(1); $t.Describe('x'); $t.Describe($t)"""
    assert out(st, script) == ["int 1", "string x", "temperature Kelvin"]


def test_base_constructor_call_resolved_by_argument_type(st):
    script = """
class A { [int]$i; [string]$s; A([int]$a) { $this.i = $a } A([string]$a) { $this.s = $a } }
class B : A { B($a) : base($a) { } }
$b1 = [B]::new('foo'); $b2 = [B]::new(1001)
$b1.s; $b2.i; $null -eq $b1.i -or $b1.i -eq 0"""
    assert out(st, script) == ["foo", 1001, True]


@pytest.mark.parametrize("members, name", [
    ("[string] M([int]$x) { return 'a' } [string] M([System.Int32]$y) { return 'b' }", "M"),
    ("[string] M([int]$x) { return 'a' } static [string] M([int]$y) { return 'b' }", "M"),
    ("[int]$P; [string]$p", "p"),
])
def test_a_member_defined_twice(st, members, name):
    r = ps(st, "'before'\nclass A { " + members + " }")
    assert r.output == [] and r.errors[0].error_id == "MemberAlreadyDefined"
    assert r.errors[0].message.endswith(f"The member '{name}' is already defined.")


def test_static_and_instance_constructors_may_share_a_signature(st):
    assert out(st, "class A { static [int]$n; static A() { [A]::n = 1 } A() { } }\n[A]::new() -is [A]; [A]::n") == [True, 1]


@pytest.mark.parametrize("body", [
    "[int] F() { return $x }",                                                     # an outer variable, unqualified
    "[int] GetId() { return $PID }",                                               # PowerShell issue #5721
    "[string] F([string]$in) { switch ($in) { 'a' { $out = 1 } default { $out = 2 } }; return $out }",  # issue #21472
    "[void] F() { $a = ''; try { $b = 1 } finally { }; Write-Output $a $b }",      # issue #8175
    "[int] F([bool]$c) { if ($c) { $y = 1 }; return $y }",
    "[string] F() { return $ErrorActionPreference }",
])
def test_reading_a_variable_not_assigned_on_every_path(st, body):
    r = ps(st, "'before'\nclass A { " + body + " }")
    assert r.output == [] and r.errors[0].error_id == "VariableNotLocal"
    assert r.errors[0].message.endswith("Variable is not assigned in the method.")


def test_variables_a_method_may_read(st):
    script = """
$outer = 'outer'
class A {
  [string] F([int]$n) {
    $local = $n * 2
    foreach ($i in 1..2) { $last = $i }
    $first, [int]$second = 'f', '2'
    try { $v = Get-Item C:\nosuch -ErrorAction Stop } catch { $v = 'none' }
    if ('abc' -match 'b') { $m = $Matches[0] } else { $m = '' }
    return "$local $i $m $($script:outer) $($this.GetType().Name) $($null -eq $PWD) $true $first $second $v"
  }
}
[A]::new().F(4)"""
    assert out(st, script) == ["8 2 b outer A False True f 2 none"]


@pytest.mark.parametrize("expression, what", [
    ("[C]::new", "the method [C]::new as a value"),
    ("[C]::S", "the method [C]::S as a value"),
    ("[C]::new().M", "the method C.M as a value"),
])
def test_a_method_read_without_calling_it_is_refused(st, expression, what):
    # 5.1 gives a PSMethod that prints its OverloadDefinitions; the twin does not model it, so it says so
    r = ps(st, "class C { [string] M([int]$a) { return '' } static [int] S() { return 1 } }\n" + expression)
    assert not r.ok and f"{what} (without calling it) is not emulated by the twin" in r.error_text


def test_constructor_order_and_the_caller_s_preferences(st):
    # about_Classes_Constructors' BaseExample/DerivedExample: static constructors once, base before derived, and the
    # caller's $VerbosePreference reaches Write-Verbose inside the methods
    script = """
class BaseExample {
    static [void] Message([type]$Type, [string]$What) { Write-Verbose "[$($Type.Name)] $What" }
    static BaseExample() { [BaseExample]::Message([BaseExample], 'static constructor') }
    BaseExample() { [BaseExample]::Message([BaseExample], 'default constructor') }
    BaseExample($Value) { [BaseExample]::Message([BaseExample], "param constructor ($Value)") }
}
class DerivedExample : BaseExample {
    static DerivedExample() { [BaseExample]::Message([DerivedExample], 'static constructor') }
    DerivedExample() { [BaseExample]::Message([DerivedExample], 'default constructor') }
    DerivedExample([int]$Number) : base($Number) { [BaseExample]::Message([DerivedExample], "param constructor ($Number)") }
}
$VerbosePreference = 'Continue'
$c = [DerivedExample]::new(); $c = [DerivedExample]::new(); $c = [DerivedExample]::new(1)"""
    assert ps(st, script).verbose == [
        "[BaseExample] static constructor", "[DerivedExample] static constructor",
        "[BaseExample] default constructor", "[DerivedExample] default constructor",
        "[BaseExample] default constructor", "[DerivedExample] default constructor",
        "[BaseExample] param constructor (1)", "[DerivedExample] param constructor (1)"]
