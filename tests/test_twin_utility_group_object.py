"""Group-Object as Windows PowerShell 5.1 groups (its 5.1 page; the rules of GroupObjectCommand as PowerShell's
repository imported it from 5.1).

https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/group-object?view=powershell-5.1
"""

from __future__ import annotations

from support.twin_script import ps, out


# Example 4 ("Normal", "", "High", "BelowNormal"): groups come in the order of their first member, not sorted.
def test_groups_in_order_of_first_appearance(st):
    assert out(st, "('b', 'a', 'b', 'c' | Group-Object | ForEach-Object { '{0}:{1}' -f $_.Name, $_.Count }) -join ','") == [
        "b:2,a:1,c:1"]


def test_null_input_objects_are_not_grouped(st):
    assert out(st, "@(1, $null, 1 | Group-Object).Count; (1, $null, 1 | Group-Object).Count") == [1, 2]


# -AsString: "converts the hash table keys to strings"; without -AsHashTable 5.1 refuses it.
def test_as_string_needs_as_hashtable(st):
    r = ps(st, "1, 2 | Group-Object -AsString")
    assert r.output == [] and r.errors[0].message == (
        "The command cannot be run because the AsString parameter requires that you specify the AsHashtable parameter.")


def test_as_hashtable_with_two_properties_needs_as_string(st):
    r = ps(st, "[pscustomobject]@{ a = 1; b = 2 } | Group-Object a, b -AsHashTable")
    assert "requires adding the AsString parameter" in r.errors[0].message
    assert out(st, "$h = [pscustomobject]@{ a = 1; b = 2 } | Group-Object a, b -AsHashTable -AsString; $h.Keys") == ["1, 2"]


# Example 6: the table's values are the groups, reachable with dot notation; keys are case-insensitive.
def test_as_hashtable_groups(st):
    assert out(st, "$h = 'a', 'A', 'b' | Group-Object -AsHashTable; $h.a.Count; $h['B'].Count") == [2, 1]


# A group's name joins the property values with ', ', leaving $null out and writing a collection as {x, y}.
def test_group_names(st):
    assert out(st, "([pscustomobject]@{ a = $null; b = 'x' } | Group-Object a, b).Name; "
                   "([pscustomobject]@{ a = 1, 2 } | Group-Object a).Name") == ["x", "{1, 2}"]
