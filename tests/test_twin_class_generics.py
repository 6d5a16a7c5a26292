"""A script's classes and enums inside composite types: arrays and generic collections of them.

about_Classes (5.1): a class is a .NET type, so [C[]] and [System.Collections.Generic.List[C]] name it
like any other type argument.
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_classes?view=powershell-5.1
"""

from __future__ import annotations

from support.twin_script import out


def test_method_returning_a_list_of_its_own_class(st):
    script = """
class Node { [System.Collections.Generic.List[Node]] Children() { return [Node]::new() } }
$c = [Node]::new().Children()
$c -is [System.Collections.Generic.List[Node]]
$c.GetType().Name
$c.Count
$c[0].GetType().Name"""
    assert out(st, script) == [True, "List`1", 1, "Node"]


def test_method_returning_an_array_of_its_own_class(st):
    script = "class Leaf { [Leaf[]] Many() { return [Leaf]::new() } }\n[Leaf]::new().Many().GetType().Name"
    assert out(st, script) == ["Leaf[]"]


def test_list_of_a_class_built_and_filled(st):
    script = """
class Item { [string] $Name }
$l = [System.Collections.Generic.List[Item]]::new()
$l.Add([Item]@{ Name = 'a' })
$l.Add([Item]@{ Name = 'b' })
$l.Count; ($l | ForEach-Object Name) -join ','
[System.Collections.Generic.List[Item]] -eq [System.Collections.Generic.List[Item]]"""
    assert out(st, script) == [2, "a,b", True]


def test_array_of_a_script_enum(st):
    assert out(st, "enum Color { Red; Green }\n$a = [Color[]]@('Red', 'green')\n$a.GetType().Name; $a[1]") == \
        ["Color[]", "Green"]


def test_assigning_a_static_property_a_class_lacks(st):
    # PowerShell's Scripting.Classes.Exceptions tests: [C]::bar = 42 fails with PropertyAssignmentException
    script = "class Holder { static Set() { [Holder]::bar = 42 } }\ntry { [Holder]::Set() } catch { $_.FullyQualifiedErrorId }"
    assert out(st, script) == ["PropertyAssignmentException"]
