"""Objects made from hashtables (about_Object_Creation, 5.1: "Create objects from hash tables",
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_object_creation?view=powershell-5.1),
with 5.1's ObjectCreationError texts (ExtendedTypeSystem.resx as 5.1 has it)."""

from __future__ import annotations

from support.twin_script import out

_CLASS = """
class Asset {
    [string]$Name
    [int]$Cores
}
class FromTable {
    [int]$a
    [int]$b
    FromTable([int]$x) { $this.a = $x }
    FromTable([hashtable]$h) { $this.a = 100; $this.b = $h.Count }
}
"""


def test_a_class_with_a_parameterless_constructor_gets_the_keys_as_properties(st):
    assert out(st, _CLASS + "$x = [Asset]@{ Name = 'Server30'; Cores = '4' }; $x.Name; $x.Cores; $x.Cores.GetType().Name") == [
        "Server30", 4, "Int32"]


def test_a_constructor_taking_the_hashtable_wins(st):
    assert out(st, _CLASS + "$x = [FromTable]@{ a = 10; b = 5 }; $x.a; $x.b") == [100, 2]


def test_a_key_that_names_no_property_is_object_creation_error(st):
    script = _CLASS + "try { [Asset]@{ Nope = 1 } } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }"
    assert out(st, script) == [
        "ObjectCreationError",
        'Cannot create object of type "Asset". The Nope property was not found for the Asset object. The available property '
        "is: [Name <System.String>] , [Cores <System.Int32>]"]


def test_a_value_the_property_refuses_is_object_creation_error(st):
    script = _CLASS + "try { [Asset]@{ Cores = 'many' } } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }"
    assert out(st, script) == [
        "ObjectCreationError",
        'Cannot create object of type "Asset". Cannot convert value "many" to type "System.Int32". Error: "Input string was '
        'not in a correct format."']


def test_pscustomobject_keeps_a_literal_hashtables_order_and_takes_pstypename(st):
    script = """
$x = [pscustomobject]@{ Name = 'Server30'; System = 'Server Core'; PSVersion = '4.0' }
$x.psobject.Properties.Name -join ','
$o = [pscustomobject][ordered]@{ one = 1; two = 2 }
$o.psobject.Properties.Name -join ','
$t = [PSCustomObject]@{ pstypename = 'Mytype'; v = 1 }
$t.PSTypeNames -join ','
$t.psobject.Properties.Name -join ','
"""
    assert out(st, script) == ["Name,System,PSVersion", "one,two", "Mytype,System.Management.Automation.PSCustomObject,System.Object",
                               "v"]
