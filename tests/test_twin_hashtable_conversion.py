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


def test_new_object_property_errors(st):
    # New-Object 5.1 with -Property: NewObjectStrings.resx MemberNotFound / InvalidValue; PSCustomObject has no constructor
    script = """
try { New-Object System.Version 1, 2 -Property @{ xx = 1 } } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
try { New-Object System.Version 1, 2 -Property @{ Major = 3 } } catch { $_.FullyQualifiedErrorId }
try { New-Object System.Management.Automation.PSCustomObject -Property @{ one = 1 } } catch { $_.FullyQualifiedErrorId }
(New-Object psobject -Property $null).GetType().FullName
"""
    assert out(st, script) == [
        "InvalidOperationException,Microsoft.PowerShell.Commands.NewObjectCommand",
        'The member "xx" was not found for the specified .NET object.',
        "SetValueException,Microsoft.PowerShell.Commands.NewObjectCommand",
        "CannotFindAppropriateCtor,Microsoft.PowerShell.Commands.NewObjectCommand",
        "System.Management.Automation.PSCustomObject"]


def test_a_dotnet_struct_from_a_hashtable(st):
    # about_Object_Creation 5.1, "Create non-custom objects from hash tables": the namespace-qualified name, settable properties
    script = """
$r = [System.Management.Automation.Host.Coordinates]@{ X = 10; Y = 33 }
$r.X; "$r"
try { [System.Management.Automation.Host.Coordinates]@{ blah = 10; Y = 5 } } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
try { New-Object -TypeName System.Management.Automation.Host.Coordinates -Property @{ xx = 10; y = 5 } } catch { $_.FullyQualifiedErrorId }
"""
    assert out(st, script) == [
        10, "10,33", "ObjectCreationError",
        'Cannot create object of type "System.Management.Automation.Host.Coordinates". The blah property was not found for the '
        "System.Management.Automation.Host.Coordinates object. The available property is: [X <System.Int32>] , [Y <System.Int32>]",
        "InvalidOperationException,Microsoft.PowerShell.Commands.NewObjectCommand"]
