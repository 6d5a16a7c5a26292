"""The .NET members of collections on the twin, as .NET Framework 4.8 has them under Windows PowerShell 5.1.

Each expected value comes from the member's .NET Framework 4.8 page:
https://learn.microsoft.com/dotnet/api/system.array?view=netframework-4.8,
https://learn.microsoft.com/dotnet/api/system.collections.arraylist?view=netframework-4.8,
https://learn.microsoft.com/dotnet/api/system.collections.generic.list-1?view=netframework-4.8,
https://learn.microsoft.com/dotnet/api/system.collections.hashtable?view=netframework-4.8,
https://learn.microsoft.com/dotnet/api/system.collections.specialized.ordereddictionary?view=netframework-4.8,
https://learn.microsoft.com/dotnet/api/system.collections.generic.dictionary-2?view=netframework-4.8;
exceptions reach the script as 5.1's MethodInvocationException ('Exception calling "M" with "N" argument(s): "..."').
"""

from __future__ import annotations

import pytest

from support.twin_script import out, ps


def error_of(st, script: str) -> list:
    """What the script's catch block sees: message, FullyQualifiedErrorId, and the inner .NET exception's type."""
    return out(st, "try { " + script + " } catch { $_.Exception.Message; $_.FullyQualifiedErrorId; "
               "if ($_.Exception.InnerException) { $_.Exception.InnerException.GetType().FullName } }")


# -- System.Array ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("script, expected", [
    # Array.GetLength / GetLongLength / GetUpperBound / GetLowerBound of dimension 0 of a one-dimensional array
    ("@(1,2).GetLength(0)", [2]),
    ("@(1,2,3).GetLongLength(0)", [3]),
    ("@(1,2,3).GetUpperBound(0)", [2]),
    ("@(1,2,3).GetLowerBound(0)", [0]),
    ("@().GetUpperBound(0)", [-1]),
    # Length, LongLength, Rank, IsFixedSize (always true), IsReadOnly (false), IsSynchronized (false)
    ("$a = 1,2,3; $a.Length; $a.LongLength; $a.Rank", [3, 3, 1]),
    ("$a = 1,2,3; $a.IsFixedSize; $a.IsReadOnly; $a.IsSynchronized", [True, False, False]),
    # SyncRoot: "the array itself" (Array.SyncRoot remarks), not member enumeration over the elements
    ("$a = 1,2,3; $a.SyncRoot.Equals($a); $a.SyncRoot.Count", [True, 3]),
    # GetValue / SetValue(value, index)
    ("$a = 'x','y','z'; $a.GetValue(1)", ["y"]),
    ("$a = 1,2,3; $a.SetValue(9, 0); $a -join ','", ["9,2,3"]),
    # IList.IndexOf / Contains compare with Object.Equals: an Int32 is not the string '2'
    ("(1,2,3).IndexOf(2); (1,2,3).IndexOf('2'); (1,2,3).IndexOf(7)", [1, -1, -1]),
    ("(1,2).Contains(2); (1,2).Contains('1'); ('a','b').Contains('A')", [True, False, False]),
    # Clone: a shallow copy of the same type
    ("$a = [int[]](1,2); $b = $a.Clone(); $b[0] = 5; $a -join ','; $b.GetType().FullName", ["1,2", "System.Int32[]"]),
    ("$o = [pscustomobject]@{N=1}; $a = @($o); $b = $a.Clone(); $b[0].N = 2; $a[0].N", [2]),
    # CopyTo(Array, Int32): into the destination from the index
    ("$a = 1,2; $b = 0,0,0,0; $a.CopyTo($b, 1); $b -join ','", ["0,1,2,0"]),
    # IList.Clear on an array: every element back to its type's default
    ("$a = [int[]](1,2); $a.Clear(); $a -join ','", ["0,0"]),
    ("$a = 'x','y'; $a.Clear(); $a.Count; $null -eq $a[0]", [2, True]),
    # ToString: the type's full name
    ("(1,2).ToString(); ([int[]](1,2)).ToString()", ["System.Object[]", "System.Int32[]"]),
    # Equals: reference equality
    ("$a = 1,2; $a.Equals($a); $a.Equals(@(1,2))", [True, False]),
])
def test_array_members(st, script, expected) -> None:
    assert out(st, script) == expected


@pytest.mark.parametrize("script, method, argc, message, inner", [
    # arrays are fixed size: IList.Add/Insert/Remove/RemoveAt throw NotSupportedException
    ("(1,2).Add(3)", "Add", 1, "Collection was of a fixed size.", "System.NotSupportedException"),
    ("(1,2).Insert(0, 3)", "Insert", 2, "Collection was of a fixed size.", "System.NotSupportedException"),
    ("(1,2).Remove(1)", "Remove", 1, "Collection was of a fixed size.", "System.NotSupportedException"),
    ("(1,2).RemoveAt(0)", "RemoveAt", 1, "Collection was of a fixed size.", "System.NotSupportedException"),
    # GetLength of a dimension the array lacks; GetValue/SetValue outside it
    ("(1,2).GetLength(1)", "GetLength", 1, "Index was outside the bounds of the array.", "System.IndexOutOfRangeException"),
    ("(1,2).GetValue(2)", "GetValue", 1, "Index was outside the bounds of the array.", "System.IndexOutOfRangeException"),
    ("(1,2).SetValue(0, -1)", "SetValue", 2, "Index was outside the bounds of the array.", "System.IndexOutOfRangeException"),
    # CopyTo into a destination too short (Array.CopyTo: ArgumentException)
    ("$b = 0,0; (1,2).CopyTo($b, 1)", "CopyTo", 2,
     "Destination array was not long enough. Check destIndex and length, and the array's lower bounds.", "System.ArgumentException"),
])
def test_array_exceptions(st, script, method, argc, message, inner) -> None:
    assert error_of(st, script) == [f'Exception calling "{method}" with "{argc}" argument(s): "{message}"',
                                    inner.rsplit(".", 1)[-1], inner]


def test_array_member_the_twin_lacks_is_refused_not_missing(st) -> None:
    # GetHashCode is a real member of System.Array (from Object): refused, never "does not contain a method"
    r = ps(st, "@(1,2).GetHashCode()")
    assert not r.ok or r.errors
    assert "not emulated by the twin" in r.error_text and "does not contain" not in r.error_text


def test_method_the_array_lacks_runs_on_each_element(st) -> None:
    # member-access enumeration (about_Methods): a method System.Array does not have is called on the elements
    assert out(st, "(' a ', ' b').Trim()") == ["a", "b"]


# -- ArrayList / List[T] -----------------------------------------------------------------------------------

@pytest.mark.parametrize("script, expected", [
    # ArrayList.Add returns the index the value was added at (PowerShell writes it)
    ("$l = [System.Collections.ArrayList]::new(); $l.Add('a'); $l.Add('b')", [0, 1]),
    ("$l = [System.Collections.ArrayList](1,2,3,4,5); $l.RemoveRange(1, 2); $l -join ','", ["1,4,5"]),
    ("$l = [System.Collections.ArrayList](1,2,3); $l.Insert(1, 9); $l.RemoveAt(0); $l -join ','", ["9,2,3"]),
    ("$l = [System.Collections.ArrayList](3,1,2); $l.Sort(); $l -join ','; $l.Reverse(); $l -join ','", ["1,2,3", "3,2,1"]),
    ("$l = [System.Collections.ArrayList](1,2,3,2); $l.IndexOf(2); $l.LastIndexOf(2); $l.IndexOf('2')", [1, 3, -1]),
    # ArrayList.Remove uses Object.Equals: the string '1' is not the Int32 1
    ("$l = [System.Collections.ArrayList](1,2); $l.Remove('1'); $l.Remove(1); $l -join ','", ["2"]),
    ("$l = [System.Collections.ArrayList](1,2,3); $l.GetRange(1, 2) -join ','", ["2,3"]),
    ("$l = [System.Collections.ArrayList](1,2); $l.ToArray().GetType().FullName", ["System.Object[]"]),
    ("$l = [System.Collections.ArrayList](1,2); $l.IsFixedSize; $l.IsReadOnly; $l.ToString()",
     [False, False, "System.Collections.ArrayList"]),
    # List[T]: an added item is converted to T; Contains/Remove convert their argument to T first
    ("$l = [System.Collections.Generic.List[int]]::new(); $l.Add('5'); $l[0].GetType().Name; $l.Contains('5')", ["Int32", True]),
    ("$l = [System.Collections.Generic.List[int]](1,2); $l.Remove(2); $l.Remove(7); $l.Count", [True, False, 1]),
    ("$l = [System.Collections.Generic.List[int]](1,2); $l.ToArray().GetType().FullName", ["System.Int32[]"]),
    ("[System.Collections.Generic.List[int]]::new().ToString()", ["System.Collections.Generic.List`1[System.Int32]"]),
])
def test_growable_lists(st, script, expected) -> None:
    assert out(st, script) == expected


def test_arraylist_sort_of_two_types_fails(st) -> None:
    # Comparer.Default cannot compare an Int32 with a String: Sort throws InvalidOperationException
    assert error_of(st, "$l = [System.Collections.ArrayList](2,'a'); $l.Sort()") == [
        'Exception calling "Sort" with "0" argument(s): "Failed to compare two elements in the array."',
        "InvalidOperationException", "System.InvalidOperationException"]


def test_list_argument_that_does_not_convert(st) -> None:
    r = error_of(st, "$l = [System.Collections.Generic.List[int]](1,2); $l.IndexOf('x')")
    assert r[0].startswith('Cannot convert argument "item", with value: "x", for "IndexOf" to type "System.Int32": ')
    assert r[1] == "MethodArgumentConversionInvalidCastArgument"


def test_arraylist_capacity_is_refused(st) -> None:
    r = ps(st, "$l = [System.Collections.ArrayList]::new(); $l.Capacity")
    assert "not emulated by the twin" in r.error_text


# -- Hashtable / OrderedDictionary / Dictionary[K,V] ----------------------------------------------------------

@pytest.mark.parametrize("script, expected", [
    ("$h = @{a = 1}; $h.ContainsKey('A'); $h.ContainsValue(1); $h.ContainsValue('1')", [True, True, False]),
    ("$h = @{a = 1; b = 2}; $h.Remove('A'); $h.Count", [1]),
    ("$h = @{a = 1}; $h.IsFixedSize; $h.IsReadOnly; $h.IsSynchronized", [False, False, False]),
    # a key wins over the property of the same name (PowerShell's dictionary adapter)
    ("$h = @{Count = 'k'}; $h.Count", ["k"]),
    ("$h = @{a = 1}; $c = $h.Clone(); $c.b = 2; $h.Count; $c.Count", [1, 2]),
    # OrderedDictionary.Insert(index, key, value) and RemoveAt(index)
    ("$o = [ordered]@{a = 1; b = 2}; $o.Insert(0, 'z', 0); $o.Keys -join ','; $o.RemoveAt(1); $o.Keys -join ','",
     ["z,a,b", "z,b"]),
    ("$o = [ordered]@{a = 1; b = 2}; $o[1]; $o.Values -join ','", [2, "1,2"]),
    # Dictionary.TryGetValue(key, out value) through [ref]; the value type's default when missing
    ("$d = [System.Collections.Generic.Dictionary[string,int]]::new(); $d['a'] = 1; $v = 5;"
     " $d.TryGetValue('a', [ref]$v); $v; $d.TryGetValue('b', [ref]$v); $v", [True, 1, False, 0]),
    # Dictionary.Remove returns whether the key was there
    ("$d = [System.Collections.Generic.Dictionary[string,int]]::new(); $d['a'] = 1; $d.Remove('a'); $d.Remove('a')",
     [True, False]),
    # the default comparer of Dictionary[string,...] is ordinal: 'A' is another key
    ("$d = [System.Collections.Generic.Dictionary[string,int]]::new(); $d['a'] = 1; $d.ContainsKey('A')", [False]),
])
def test_dictionaries(st, script, expected) -> None:
    assert out(st, script) == expected


@pytest.mark.parametrize("script, method, argc, message, inner", [
    ("$d = [System.Collections.Generic.Dictionary[string,int]]::new(); $d.Add('a', 1); $d.Add('a', 2)", "Add", 2,
     "An item with the same key has already been added.", "System.ArgumentException"),
    ("$o = [ordered]@{a = 1}; $o.RemoveAt(3)", "RemoveAt", 1,
     "Specified argument was out of the range of valid values.\r\nParameter name: index", "System.ArgumentOutOfRangeException"),
])
def test_dictionary_exceptions(st, script, method, argc, message, inner) -> None:
    assert error_of(st, script) == [f'Exception calling "{method}" with "{argc}" argument(s): "{message}"',
                                    inner.rsplit(".", 1)[-1], inner]


@pytest.mark.parametrize("script", [
    "@{a = 1}.SyncRoot",
    "@{a = 1}.CopyTo(@(0), 0)",
    "$d = [System.Collections.Generic.Dictionary[string,int]]::new(); $d.Comparer",
])
def test_dictionary_members_the_twin_lacks_are_refused(st, script) -> None:
    r = ps(st, script)
    assert "not emulated by the twin" in r.error_text and "does not contain" not in r.error_text


# -- [array]:: statics ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("script, expected", [
    # Array.Sort(Array): in place, Comparer.Default
    ("$a = 3,1,2; [array]::Sort($a); $a -join ','", ["1,2,3"]),
    ("$a = 'b','c','a'; [array]::Sort($a); $a -join ','", ["a,b,c"]),
    # Array.IndexOf(Array, Object[, Int32[, Int32]]) / LastIndexOf: Object.Equals
    ("$a = 1,2,3,2; [array]::IndexOf($a, 2); [array]::IndexOf($a, '2'); [array]::IndexOf($a, 2, 2); [array]::LastIndexOf($a, 2)",
     [1, -1, 3, 3]),
    ("[array]::IndexOf((1,2,3,2), 2, 2, 1)", [-1]),
    # Array.Reverse(Array) and Reverse(Array, index, length)
    ("$a = 1,2,3; [array]::Reverse($a); $a -join ','", ["3,2,1"]),
    ("$a = 1,2,3,4; [array]::Reverse($a, 1, 2); $a -join ','", ["1,3,2,4"]),
    # Array.Resize<T>(ref T[], Int32): a new array of the same type, padded with T's default
    ("$a = [int[]](1,2); [array]::Resize([ref]$a, 4); $a -join ','; $a.GetType().FullName", ["1,2,0,0", "System.Int32[]"]),
    ("$a = 1,2,3; [array]::Resize([ref]$a, 1); $a.Count", [1]),
    # Array.Clear(Array, index, length): the type's default
    ("$a = [int[]](1,2,3,4); [array]::Clear($a, 1, 2); $a -join ','", ["1,0,0,4"]),
    # Array.Copy(src, dst, length) / Copy(src, srcIndex, dst, dstIndex, length)
    ("$s = 1,2,3; $d = 0,0,0,0,0; [array]::Copy($s, 0, $d, 2, 3); $d -join ','", ["0,0,1,2,3"]),
    ("$s = 1,2,3; $d = 0,0; [array]::Copy($s, $d, 2); $d -join ','", ["1,2"]),
])
def test_array_statics(st, script, expected) -> None:
    assert out(st, script) == expected


@pytest.mark.parametrize("script, method, argc, message, inner", [
    ("$a = 2,'a'; [array]::Sort($a)", "Sort", 1, "Failed to compare two elements in the array.", "System.InvalidOperationException"),
    ("[array]::IndexOf((1,2), 1, 5)", "IndexOf", 3,
     "Index was out of range. Must be non-negative and less than the size of the collection.\r\nParameter name: startIndex",
     "System.ArgumentOutOfRangeException"),
    ("$a = 1,2; [array]::Resize([ref]$a, -1)", "Resize", 2, "Non-negative number required.\r\nParameter name: newSize",
     "System.ArgumentOutOfRangeException"),
    ("$a = 1,2; [array]::Reverse($a, 1, 5)", "Reverse", 3, "Offset and length were out of bounds for the array or count is "
     "greater than the number of elements from index to the end of the source collection.", "System.ArgumentException"),
    ("$s = 1,2,3; $d = 0,0; [array]::Copy($s, $d, 3)", "Copy", 3,
     "Destination array was not long enough. Check destIndex and length, and the array's lower bounds.", "System.ArgumentException"),
    ("[array]::Sort($null)", "Sort", 1, "Value cannot be null.\r\nParameter name: array", "System.ArgumentNullException"),
])
def test_array_static_exceptions(st, script, method, argc, message, inner) -> None:
    assert error_of(st, script) == [f'Exception calling "{method}" with "{argc}" argument(s): "{message}"',
                                    inner.rsplit(".", 1)[-1], inner]


@pytest.mark.parametrize("script", [
    "[array]::Exists((1,2), { $true })",
    "$a = 3,1; $b = 'x','y'; [array]::Sort($a, $b)",
    "$l = [System.Collections.ArrayList](3,1); [array]::Sort($l)",
])
def test_array_statics_the_twin_lacks_are_refused(st, script) -> None:
    r = ps(st, script)
    assert "not emulated by the twin" in r.error_text


# -- Stack / Queue --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("script, expected", [
    # Stack[T]: Push converts to T, enumeration and ToArray go from the top (Stack<T>.GetEnumerator remarks)
    ("$s = [System.Collections.Generic.Stack[int]]::new(); $s.Push(1); $s.Push('2'); $s.Count; $s -join ','; $s.Peek();"
     " $s.Pop(); $s.Count", [2, "2,1", 2, 2, 1]),
    ("$s = [System.Collections.Generic.Stack[int]]::new(); $s.Push(1); $s.Push(2); $s.ToArray() -join ','; $s.ToArray().GetType().FullName",
     ["2,1", "System.Int32[]"]),
    # Stack(ICollection): the items pushed in order, so the last is on top
    ("$s = [System.Collections.Stack]::new(@(1,2,3)); $s -join ','; $s.Contains(2); $s.Contains('2')", ["3,2,1", True, False]),
    # Queue[T]: first in, first out
    ("$q = [System.Collections.Generic.Queue[string]]::new(); $q.Enqueue(5); $q.Enqueue('b'); $q.Peek().GetType().Name;"
     " $q.Dequeue(); $q -join ','", ["String", "5", "b"]),
    ("$q = New-Object System.Collections.Queue; $q.Enqueue(1); $q.Clear(); $q.Count; $q.IsSynchronized", [0, False]),
    # no indexer: [0] and [-1] are the collection itself (PowerShell's GetIndex binder), another index nothing
    ("$s = [System.Collections.Stack]::new(); $s.Push('a'); $s.Push('b'); $s[0].Count; $null -eq $s[1]", [2, True]),
    # Generics.Tests.ps1 (PowerShell's own): the type name under 'using namespace', with the System assembly
    ("using namespace System.Collections.Generic\n$x = [stack[int]]::new(); $x.Push(42); $x.Push(40); $x.Count;"
     " $x.GetType().FullName", [2, "System.Collections.Generic.Stack`1[[System.Int32, mscorlib, Version=4.0.0.0, Culture=neutral, "
                                   "PublicKeyToken=b77a5c561934e089]]"]),
])
def test_stacks_and_queues(st, script, expected) -> None:
    assert out(st, script) == expected


@pytest.mark.parametrize("script, method, message", [
    ("$s = [System.Collections.Generic.Stack[int]]::new(); $s.Pop()", "Pop", "Stack empty."),
    ("$s = [System.Collections.Stack]::new(); $s.Peek()", "Peek", "Stack empty."),
    ("$q = [System.Collections.Generic.Queue[int]]::new(); $q.Dequeue()", "Dequeue", "Queue empty."),
])
def test_empty_stack_and_queue(st, script, method, message) -> None:
    assert error_of(st, script) == [f'Exception calling "{method}" with "0" argument(s): "{message}"',
                                    "InvalidOperationException", "System.InvalidOperationException"]


def test_generic_dictionary_type_names_its_arguments(st) -> None:
    # Type.FullName of a constructed generic type lists its type arguments, each assembly-qualified (Stack`1: System.dll)
    assert out(st, "using namespace System.Collections.Generic\n"
               "[dictionary[string, stack[double]]]::new().GetType().FullName") == [
        "System.Collections.Generic.Dictionary`2[[System.String, mscorlib, Version=4.0.0.0, Culture=neutral, "
        "PublicKeyToken=b77a5c561934e089],[System.Collections.Generic.Stack`1[[System.Double, mscorlib, Version=4.0.0.0, "
        "Culture=neutral, PublicKeyToken=b77a5c561934e089]], System, Version=4.0.0.0, Culture=neutral, "
        "PublicKeyToken=b77a5c561934e089]]"]


# -- HashSet[T] and the order of Dictionary[K,V] -----------------------------------------------------------

@pytest.mark.parametrize("script, expected", [
    # Add returns whether the item was added; EqualityComparer<string>.Default is ordinal: 'A' is another item
    ("$h = [System.Collections.Generic.HashSet[string]]::new(); $h.Add('a'); $h.Add('A'); $h.Add('a'); $h.Count",
     [True, True, False, 2]),
    ("$h = [System.Collections.Generic.HashSet[int]]::new(); $h.Add('5'); $h.Contains(5); $h.Remove(5); $h.Remove(5)",
     [True, True, True, False]),
    # the set operations (HashSet<T>.UnionWith ... pages)
    ("$h = [System.Collections.Generic.HashSet[int]]::new(@(1,2,3)); $h.UnionWith(@(3,4)); $h -join ','; "
     "$h.IntersectWith(@(2,4,5)); $h -join ','; $h.ExceptWith(@(2)); $h -join ','", ["1,2,3,4", "2,4", "4"]),
    ("$h = [System.Collections.Generic.HashSet[int]]::new(@(1,3)); $h.IsSubsetOf(@(1,2,3)); $h.IsProperSubsetOf(@(1,3));"
     " $h.IsSupersetOf(@(3)); $h.IsProperSupersetOf(@(1,3)); $h.Overlaps(@(3,7)); $h.SetEquals(@(3,1,1))",
     [True, False, True, False, True, True]),
    # an item added after a Remove takes the freed slot: it enumerates where the removed one was
    ("$h = [System.Collections.Generic.HashSet[int]]::new(@(1,2,3)); $h.Remove(2); $h.Add(9); $h -join ','", [True, True, "1,9,3"]),
    # the engine's sets compare parameter names ignoring case
    ("[System.Management.Automation.PSCmdlet]::CommonParameters.Contains('verbose')", [True]),
    # Dictionary<TKey,TValue>: the same free-list reuse (a, b, c; remove b; add d: a, d, c)
    ("$d = [System.Collections.Generic.Dictionary[string,int]]::new(); $d['a'] = 1; $d['b'] = 2; $d['c'] = 3;"
     " [void]$d.Remove('b'); $d['d'] = 4; $d.Keys -join ','", ["a,d,c"]),
])
def test_hash_sets_and_dictionary_order(st, script, expected) -> None:
    assert out(st, script) == expected


def test_hash_set_member_the_twin_lacks_is_refused(st) -> None:
    r = ps(st, "$h = [System.Collections.Generic.HashSet[int]]::new(); $h.RemoveWhere({ $true })")
    assert "not emulated by the twin" in r.error_text


@pytest.mark.parametrize("script, expected", [
    ("$l = [System.Collections.ArrayList](1,2,3,4); $r = $l.GetRange(1, 2); $r -join ','; $r.GetType().Name", ["2,3", "ArrayList"]),
    ("$l = [System.Collections.Generic.List[int]](1,2,3); $l.GetRange(0, 2).GetType().Name", ["List`1"]),
    ("$l = [System.Collections.ArrayList](1,2,3,4); $l.Reverse(1, 2); $l -join ','", ["1,3,2,4"]),
    ("$l = [System.Collections.ArrayList](1,4); $l.InsertRange(1, @(2,3)); $l -join ','", ["1,2,3,4"]),
    ("$l = [System.Collections.Generic.List[int]](1,4); $l.InsertRange(1, @('2','3')); $l[1].GetType().Name", ["Int32"]),
    ("$l = [System.Collections.ArrayList](1,2,1,2); $l.IndexOf(1, 1); $l.IndexOf(2, 0, 1)", [2, -1]),
])
def test_ranges_of_growable_lists(st, script, expected) -> None:
    assert out(st, script) == expected


def test_get_range_past_the_end_fails(st) -> None:
    # ArrayList.GetRange: "index and count do not denote a valid range" (ArgumentException), not a shorter list
    assert error_of(st, "$l = [System.Collections.ArrayList](1,2,3); $l.GetRange(2, 5)") == [
        'Exception calling "GetRange" with "2" argument(s): "Offset and length were out of bounds for the array or count is '
        'greater than the number of elements from index to the end of the source collection."',
        "ArgumentException", "System.ArgumentException"]


@pytest.mark.parametrize("script, expected", [
    # Keys/Values are collections without an indexer: [0] is the whole collection, [1] nothing (GetNonIndexable);
    # @(...)[0] is the first key
    ("$h = [ordered]@{a = 1; b = 2}; $h.Keys[0] -join ','; $null -eq $h.Keys[1]; @($h.Keys)[0]", ["a,b", True, "a"]),
    ("@{a = 1}.Keys.GetType().FullName", ["System.Collections.Hashtable+KeyCollection"]),
    # Dictionary`2+KeyCollection has ICollection<TKey>.Contains (ordinal for string keys)
    ("$d = [System.Collections.Generic.Dictionary[string,int]]::new(); $d['x'] = 1; $d.Keys.Contains('x'); $d.Keys.Contains('X')",
     [True, False]),
    # a method the collection lacks runs on its elements (member-access enumeration)
    ("$h = [ordered]@{a = 1; b = 2}; $h.Keys.ToUpper() -join ','", ["A,B"]),
    ("$l = [System.Collections.ArrayList](' a', ' b'); $l.Trim() -join ','", ["a,b"]),
])
def test_keys_and_values(st, script, expected) -> None:
    assert out(st, script) == expected


@pytest.mark.parametrize("script, expected", [
    # the Item parameterized property called with method syntax (ArrayList.Item / Hashtable.Item pages)
    ("$l = [System.Collections.ArrayList](5,6); $l.Item(1)", [6]),
    ("$h = @{a = 1}; $h.Item('A')", [1]),
    ("$o = [ordered]@{a = 1; b = 2}; $o.Item(1); $o.Item('a')", [2, 1]),
])
def test_item_called_as_a_method(st, script, expected) -> None:
    assert out(st, script) == expected


def test_item_outside_an_arraylist(st) -> None:
    assert error_of(st, "$l = [System.Collections.ArrayList](5,6); $l.Item(3)") == [
        'Exception getting "Item": "Index was out of range. Must be non-negative and less than the size of the collection.'
        '\r\nParameter name: index"', "ArgumentOutOfRangeException", "System.ArgumentOutOfRangeException"]


@pytest.mark.parametrize("script", [
    "$a = 1,2; $a.Equals()",
    "@{a = 1}.Contains()",
    "$h = [ordered]@{a = 1}; $h.Remove(@())",
    "$h = @{a = 1}; $h.Item(@(1,2))",
])
def test_odd_arguments_are_powershell_errors(st, script) -> None:
    # never a Python error: a count no overload takes, or a key the twin cannot store, refused
    r = ps(st, script)
    assert r.errors and ("Cannot find an overload" in r.error_text or "not emulated by the twin" in r.error_text)


def test_array_key_is_never_contained(st) -> None:
    assert out(st, "@{a = 1}.ContainsKey(@(1))") == [False]
