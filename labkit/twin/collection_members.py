"""The .NET members of collections that PowerShell 5.1 reaches on them: System.Array (``object[]``,
``[int[]]``), ArrayList, List[T], Hashtable, OrderedDictionary, Dictionary[K,V] and HashSet[T].

Every public instance member of these types in .NET Framework 4.8 (the type's own and those of the
non-generic interfaces PowerShell's DotNetAdapter adds: IList, ICollection, IDictionary ...) is here
either emulated or refused as "not emulated by the twin", so a real member never meets a false
"does not contain a method named" and never a silent $null.

- https://learn.microsoft.com/dotnet/api/system.array?view=netframework-4.8
- https://learn.microsoft.com/dotnet/api/system.collections.arraylist?view=netframework-4.8
- https://learn.microsoft.com/dotnet/api/system.collections.generic.list-1?view=netframework-4.8
- https://learn.microsoft.com/dotnet/api/system.collections.hashtable?view=netframework-4.8
- https://learn.microsoft.com/dotnet/api/system.collections.specialized.ordereddictionary?view=netframework-4.8
- https://learn.microsoft.com/dotnet/api/system.collections.generic.dictionary-2?view=netframework-4.8
- https://learn.microsoft.com/dotnet/api/system.collections.generic.hashset-1?view=netframework-4.8
"""

from __future__ import annotations

from typing import Any

from labkit.twin.dotnet_values import (
    _VOID_MARK,
    NOT_A_METHOD,
    ArrayList,
    GenericDictionary,
    GenericHashSet,
    GenericList,
    OrderedHashtable,
    TypedArray,
)
from labkit.twin import stacks_queues
from labkit.twin.method_overloads import convert_element, count_error, method_exception, not_emulated
from labkit.twin.objects import PSObject
from labkit.twin.types import value_type
from labkit.twin.values import PSHashtable, to_number

MISSING = object()

_FIXED = "Collection was of a fixed size."
_OUTSIDE = "Index was outside the bounds of the array."
_NOT_SUPPORTED = "System.NotSupportedException"
_INDEX_OUT = "System.IndexOutOfRangeException"

# -- every public instance member (lower-case), per type ------------------------------------------------

_OBJECT = {"equals", "gethashcode", "gettype", "tostring"}
_ARRAY_PROPS = {"isfixedsize", "isreadonly", "issynchronized", "length", "longlength", "rank", "syncroot", "count", "item"}
_ARRAY_METHODS = _OBJECT | {"clone", "copyto", "getenumerator", "getlength", "getlonglength", "getlowerbound", "getupperbound",
                            "getvalue", "initialize", "setvalue", "add", "clear", "contains", "indexof", "insert", "remove",
                            "removeat", "compareto", "get", "set", "address",
                            "item"}   # IList.Item as a parameterized property on an array: not checked against 5.1, refused
_ARRAYLIST_PROPS = {"capacity", "count", "isfixedsize", "isreadonly", "issynchronized", "item", "syncroot"}
_ARRAYLIST_METHODS = _OBJECT | {"add", "addrange", "binarysearch", "clear", "clone", "contains", "copyto", "getenumerator",
                                "getrange", "indexof", "insert", "insertrange", "lastindexof", "remove", "removeat",
                                "removerange", "reverse", "setrange", "sort", "toarray", "trimtosize"}
_LIST_PROPS = {"capacity", "count", "item", "isfixedsize", "isreadonly", "issynchronized", "syncroot"}
_LIST_METHODS = _OBJECT | {"add", "addrange", "asreadonly", "binarysearch", "clear", "contains", "convertall", "copyto", "exists",
                           "find", "findall", "findindex", "findlast", "findlastindex", "foreach", "getenumerator", "getrange",
                           "indexof", "insert", "insertrange", "lastindexof", "remove", "removeall", "removeat", "removerange",
                           "reverse", "sort", "toarray", "trimexcess", "trueforall"}
_HASHSET_PROPS = {"comparer", "count", "isreadonly"}
_HASHSET_METHODS = _OBJECT | {"add", "clear", "contains", "copyto", "exceptwith", "getenumerator", "getobjectdata", "intersectwith",
                              "ispropersubsetof", "ispropersupersetof", "issubsetof", "issupersetof", "ondeserialization",
                              "overlaps", "remove", "removewhere", "setequals", "symmetricexceptwith", "trimexcess",
                              "trygetvalue", "unionwith"}
_HASHTABLE_PROPS = {"count", "isfixedsize", "isreadonly", "issynchronized", "item", "keys", "syncroot", "values"}
_HASHTABLE_METHODS = _OBJECT | {"add", "clear", "clone", "contains", "containskey", "containsvalue", "copyto", "getenumerator",
                                "getobjectdata", "ondeserialization", "remove"}
_ORDERED_PROPS = {"count", "isreadonly", "item", "keys", "values", "isfixedsize", "issynchronized", "syncroot"}
_ORDERED_METHODS = _OBJECT | {"add", "asreadonly", "clear", "contains", "copyto", "getenumerator", "getobjectdata", "insert",
                              "ondeserialization", "remove", "removeat"}
_DICT_PROPS = {"comparer", "count", "item", "keys", "values", "isfixedsize", "isreadonly", "issynchronized", "syncroot"}
_DICT_METHODS = _OBJECT | {"add", "clear", "containskey", "containsvalue", "contains", "copyto", "getenumerator",
                           "getobjectdata", "ondeserialization", "remove", "trygetvalue"}


class KeyValueCollection(list):
    """A dictionary's Keys or Values (Hashtable+KeyCollection, Dictionary`2+KeyCollection ...): a collection without
    an indexer, so ``$h.Keys[0]`` is the whole collection and ``[1]`` nothing, as PowerShell's GetIndex binder
    answers a type it cannot index (ArrayOps.GetNonIndexable); ``@($h.Keys)[0]`` is the first key."""

    __slots__ = ("type_name", "source")

    def __init__(self, items: Any, type_name: str, source: PSHashtable | None = None):
        super().__init__(items)
        self.type_name = type_name
        self.source = source      # the dictionary whose keys or values these are (enumeration.py watches it)

    def index_by_key(self, key: Any) -> Any:
        return self if key in (0, -1) and not isinstance(key, bool) else None


def _collection_type(obj: PSHashtable, low: str) -> str:
    part = "KeyCollection" if low == "keys" else "ValueCollection"
    if isinstance(obj, OrderedHashtable):
        return "System.Collections.Specialized.OrderedDictionary+OrderedDictionaryKeyValueCollection"
    if isinstance(obj, GenericDictionary) or _is_dictionary(obj):
        return f"System.Collections.Generic.Dictionary`2+{part}"
    return f"System.Collections.Hashtable+{part}"


_KEYS_PROPS = {"count", "issynchronized", "syncroot"}
# Hashtable+KeyCollection is an ICollection (no Contains); how 5.1 answers .Contains on it is not checked: refused
_KEYS_METHODS = _OBJECT | {"copyto", "getenumerator", "contains"}


def _members(obj: Any) -> tuple[set[str], set[str]] | None:
    if isinstance(obj, KeyValueCollection):
        return _KEYS_PROPS, _KEYS_METHODS
    if isinstance(obj, (stacks_queues.Stack, stacks_queues.Queue)):
        return stacks_queues.members(obj)
    if isinstance(obj, ArrayList):
        return _ARRAYLIST_PROPS, _ARRAYLIST_METHODS
    if isinstance(obj, GenericList):
        return _LIST_PROPS, _LIST_METHODS
    if isinstance(obj, GenericHashSet):
        return _HASHSET_PROPS, _HASHSET_METHODS
    if type(obj) in (list, TypedArray):
        return _ARRAY_PROPS, _ARRAY_METHODS
    if isinstance(obj, OrderedHashtable):
        return _ORDERED_PROPS, _ORDERED_METHODS
    if _is_dictionary(obj):
        return _DICT_PROPS, _DICT_METHODS
    if type(obj) is PSHashtable:
        return _HASHTABLE_PROPS, _HASHTABLE_METHODS
    return None


def is_collection_object(obj: Any) -> bool:
    """A collection other than an array whose members the table above lists: a method it lacks runs on its
    elements (member-access enumeration over any IEnumerable, about_Methods)."""
    return isinstance(obj, (KeyValueCollection, ArrayList, GenericList, GenericHashSet, stacks_queues.Stack, stacks_queues.Queue))


def is_member_method(obj: Any, name: str) -> bool:
    m = _members(obj)
    return m is not None and name.lower() in m[1]


def _type_name(obj: Any) -> str:
    t = value_type(obj)
    elem = getattr(obj, "element_type", None)
    if isinstance(obj, (GenericList, GenericHashSet, stacks_queues.GenericStack, stacks_queues.GenericQueue)) and elem is not None:
        return f"{t.full_name}[{elem.full_name}]"
    if isinstance(obj, GenericDictionary) and obj.key_type is not None and obj.value_type is not None:
        return f"{t.full_name}[{obj.key_type.full_name},{obj.value_type.full_name}]"
    return t.full_name


def refuse_member(obj: Any, name: str, what: str = "method") -> Any:
    """A real member of the collection's .NET type that the twin does not emulate."""
    raise not_emulated(f"The {what} '{name}' of [{_type_name(obj)}]")


# -- properties ----------------------------------------------------------------------------------------

def collection_property(obj: Any, name: str) -> Any:
    """``$coll.Name`` for a documented property of the collection's type, MISSING when it has none of that name."""
    m = _members(obj)
    low = name.lower()
    if m is None or low not in m[0]:
        return MISSING
    if low in ("count", "length", "longlength"):
        return len(obj)
    if low == "rank":
        return 1
    if low == "isfixedsize":
        return type(obj) in (list, TypedArray)
    if low == "isreadonly" or low == "issynchronized":
        return False
    if low == "syncroot" and type(obj) in (list, TypedArray):
        return obj          # Array.SyncRoot is the array itself
    if low in ("keys", "values") and isinstance(obj, PSHashtable):
        return KeyValueCollection(obj.keys() if low == "keys" else obj.values(), _collection_type(obj, low), obj)
    return refuse_member(obj, name, "property")


# -- .NET equality (Object.Equals: IList.Contains / IndexOf / Remove compare so) -------------------------

def net_equals(a: Any, b: Any) -> bool:
    """Object.Equals as the boxed values compare: same type and value (1 is not 1L, nor '1'); strings
    ordinally; reference types by identity."""
    if a is None or b is None:
        return a is b
    if isinstance(a, (list, dict)) or isinstance(b, (list, dict)):
        return a is b
    if value_type(a).full_name != value_type(b).full_name:
        return False
    if isinstance(a, PSObject) and not hasattr(a, "key"):
        return a is b
    return bool(a == b)


def _range(obj: list, name: str, argc: int, args: list[Any]) -> tuple[int, int]:
    """The (index, count) arguments of GetRange/Reverse/RemoveRange, checked as ArrayList and List<T> check them."""
    i, n = _index(name, argc, args[0]), _index(name, argc, args[1])
    if i < 0 or n < 0:
        raise method_exception(name, argc, "System.ArgumentOutOfRangeException", "Non-negative number required.",
                               "index" if i < 0 else "count")
    if len(obj) - i < n:
        raise method_exception(name, argc, "System.ArgumentException", "Offset and length were out of bounds for the array or "
                               "count is greater than the number of elements from index to the end of the source collection.")
    return i, n


def _index(name: str, argc: int, v: Any, param: str = "index") -> int:
    try:
        return int(to_number(v))
    except Exception:
        raise not_emulated(f"{name} with an index of type [{value_type(v).full_name}]") from None


# -- System.Array ------------------------------------------------------------------------------------------

def _default_of(obj: list) -> Any:
    elem = getattr(obj, "element_type", None)
    if elem is None or elem.convert_key in (None, "object", "string"):
        return None
    if elem.full_name == "System.Boolean":
        return False
    if elem.full_name in ("System.Int32", "System.Int64", "System.Int16", "System.Byte", "System.UInt32", "System.UInt64",
                          "System.UInt16", "System.SByte"):
        return 0
    if elem.full_name in ("System.Double", "System.Single"):
        return 0.0
    raise not_emulated(f"Clear() of a [{elem.full_name}[]]")


def array_method(obj: list, name: str, args: list[Any]) -> Any:
    """System.Array's instance methods (and IList's, which PowerShell adds); NOT_A_METHOD for others."""
    low, argc = name.lower(), len(args)
    if low in ("add", "insert", "remove", "removeat"):
        need = {"add": 1, "insert": 2, "remove": 1, "removeat": 1}[low]
        if argc != need:
            raise count_error(name, argc)
        raise method_exception(name, argc, _NOT_SUPPORTED, _FIXED)
    if low in ("getlength", "getlonglength", "getupperbound", "getlowerbound"):
        if argc != 1:
            raise count_error(name, argc)
        if _index(name, argc, args[0]) != 0:
            raise method_exception(name, argc, _INDEX_OUT, _OUTSIDE)
        return {"getlength": len(obj), "getlonglength": len(obj), "getupperbound": len(obj) - 1, "getlowerbound": 0}[low]
    if low in ("getvalue", "get"):
        if argc != 1:
            if argc == 0:
                raise count_error(name, argc)
            raise not_emulated(f"{name}() with {argc} indices (a multidimensional array)")
        if isinstance(args[0], list):
            raise not_emulated(f"{name}() with an array of indices")
        i = _index(name, argc, args[0])
        if not 0 <= i < len(obj):
            raise method_exception(name, argc, _INDEX_OUT, _OUTSIDE)
        return obj[i]
    if low in ("setvalue", "set"):
        if argc != 2:
            if argc < 2:
                raise count_error(name, argc)
            raise not_emulated(f"{name}() with {argc - 1} indices (a multidimensional array)")
        value, where = (args[1], args[0]) if low == "set" else (args[0], args[1])
        i = _index(name, argc, where)
        if not 0 <= i < len(obj):
            raise method_exception(name, argc, _INDEX_OUT, _OUTSIDE)
        elem = getattr(obj, "element_type", None)
        if elem is not None and elem.convert_key not in (None, "object"):
            if value is None:
                value = _default_of(obj)
            elif value_type(value).full_name != elem.full_name:
                raise not_emulated(f"{name}() of a [{value_type(value).full_name}] into a [{elem.full_name}[]]")
        obj[i] = value
        return _VOID_MARK
    if low == "clear":
        if argc:
            raise count_error(name, argc)
        d = _default_of(obj)
        for i in range(len(obj)):
            obj[i] = d
        return _VOID_MARK
    if low in ("contains", "indexof"):
        if argc != 1:
            raise count_error(name, argc)
        for i, x in enumerate(obj):
            if net_equals(x, args[0]):
                return True if low == "contains" else i
        return False if low == "contains" else -1
    if low == "copyto":
        if argc != 2:
            raise count_error(name, argc)
        target = args[0]
        if target is None:
            raise method_exception(name, argc, "System.ArgumentNullException", "Value cannot be null.", "dest")
        if type(target) not in (list, TypedArray):
            raise not_emulated(f"CopyTo() into a [{value_type(target).full_name}]")
        start = _index(name, argc, args[1])
        if start < 0:
            raise method_exception(name, argc, "System.ArgumentOutOfRangeException",
                                   "Number must be either non-negative and less than or equal to Int32.MaxValue or -1.", "dstIndex")
        if start + len(obj) > len(target):
            raise method_exception(name, argc, "System.ArgumentException", "Destination array was not long enough. Check destIndex "
                                   "and length, and the array's lower bounds.")
        target[start:start + len(obj)] = list(obj)
        return _VOID_MARK
    if low == "initialize":
        if argc:
            raise count_error(name, argc)
        return _VOID_MARK       # only arrays of value types with a parameterless constructor change; the twin has none
    if low == "equals" and argc == 1:
        return obj is args[0]   # Object.Equals: reference equality
    if low == "tostring" and not argc:
        return _type_name(obj)
    return NOT_A_METHOD


# -- ArrayList / List[T] beyond dotnet_values.list_method ----------------------------------------------------

def growable_method(obj: list, name: str, args: list[Any]) -> Any:
    """The ArrayList / List[T] members that list_method does not answer; NOT_A_METHOD for others."""
    low, argc = name.lower(), len(args)
    if low in ("contains", "indexof", "remove") and argc == 1:
        # ArrayList compares with Object.Equals; List[T] first converts the argument to T (PowerShell's binder),
        # then EqualityComparer<T>.Default
        item = _to_element(obj, name, "item", args[0])
        for i, x in enumerate(obj):
            if net_equals(x, item):
                if low == "remove":
                    del obj[i]
                    return True if isinstance(obj, GenericList) else _VOID_MARK
                return True if low == "contains" else i
        return {"contains": False, "indexof": -1}.get(low, False if isinstance(obj, GenericList) else _VOID_MARK)
    if low == "sort" and argc == 0:
        # Comparer.Default: elements of one type compare; two types fail inside Sort
        # (InvalidOperationException around "Object must be of type X.")
        kinds = {value_type(x).full_name for x in obj if x is not None}
        if len(kinds) > 1:
            raise method_exception(name, argc, "System.InvalidOperationException", "Failed to compare two elements in the array.")
        return NOT_A_METHOD
    if low in ("getrange", "reverse") and argc == 2:
        i, n = _range(obj, name, argc, args)
        if low == "reverse":
            obj[i:i + n] = obj[i:i + n][::-1]
            return _VOID_MARK
        # ArrayList.GetRange: an ArrayList over the range; List<T>.GetRange: a List<T> (a copy)
        return GenericList(obj[i:i + n], obj.element_type) if isinstance(obj, GenericList) else ArrayList(obj[i:i + n])
    if low == "insertrange":
        if argc != 2:
            raise count_error(name, argc)
        i = _index(name, argc, args[0])
        if args[1] is None:
            raise method_exception(name, argc, "System.ArgumentNullException", "Value cannot be null.", "c" if isinstance(obj, ArrayList)
                                   else "collection")
        if not 0 <= i <= len(obj):
            raise method_exception(name, argc, "System.ArgumentOutOfRangeException", "Index was out of range. Must be non-negative "
                                   "and less than the size of the collection.", "index")
        items = args[1] if isinstance(args[1], list) else [args[1]]
        obj[i:i] = [_to_element(obj, name, "collection", v) for v in items]
        return _VOID_MARK
    if low == "indexof" and argc in (2, 3):
        item = _to_element(obj, name, "item", args[0])
        start = _index(name, argc, args[1])
        if not 0 <= start <= len(obj):
            raise method_exception(name, argc, "System.ArgumentOutOfRangeException", "Index was out of range. Must be non-negative "
                                   "and less than the size of the collection.", "startIndex")
        count = _index(name, argc, args[2]) if argc == 3 else len(obj) - start
        if count < 0 or start + count > len(obj):
            raise method_exception(name, argc, "System.ArgumentOutOfRangeException", "Count must be positive and count must refer "
                                   "to a location within the string/array/collection.", "count")
        return next((j for j in range(start, start + count) if net_equals(obj[j], item)), -1)
    if low == "removerange":
        if argc != 2:
            raise count_error(name, argc)
        i, n = _range(obj, name, argc, args)
        del obj[i:i + n]
        return _VOID_MARK
    if low == "lastindexof" and argc == 1:
        for i in range(len(obj) - 1, -1, -1):
            if net_equals(obj[i], args[0]):
                return i
        return -1
    if low == "toarray" and argc == 0:
        elem = getattr(obj, "element_type", None)
        return TypedArray(obj, elem) if isinstance(obj, GenericList) and elem is not None else list(obj)
    if low == "tostring" and argc == 0:
        return _type_name(obj)
    if low == "equals" and argc == 1:
        return obj is args[0]
    if low == "trimtosize" and argc == 0 and isinstance(obj, ArrayList):
        return _VOID_MARK       # only Capacity changes, which the twin refuses to answer
    return NOT_A_METHOD


# -- dictionaries --------------------------------------------------------------------------------------------

def dictionary_method(obj: PSHashtable, name: str, args: list[Any]) -> Any:
    """Dictionary[K,V] and OrderedDictionary members where they differ from Hashtable's; NOT_A_METHOD otherwise."""
    low, argc = name.lower(), len(args)
    if low in ("contains", "containskey", "containsvalue", "remove", "equals") and argc != 1:
        raise count_error(name, argc)
    if low in ("contains", "containskey", "remove", "add", "item") and args and isinstance(args[0], (list, dict)) \
            and not isinstance(obj, GenericDictionary):
        # a key that is an array or a hashtable (compared by reference in .NET): the twin stores none
        if low in ("contains", "containskey"):
            return False
        raise not_emulated(f"{name}() with a key that is an array or a hashtable")
    if _is_dictionary(obj):
        if low == "trygetvalue":
            if argc != 2:
                raise count_error(name, argc)
            from labkit.twin.references import PSReference
            ref = args[1]
            if not isinstance(ref, PSReference):
                # an out parameter needs [ref] (5.1: MethodArgumentConversionInvalidCastArgument is not what it says; refuse)
                raise not_emulated("TryGetValue() without a [ref] variable for its out parameter")
            key = _key(obj, args[0])
            found = key in obj
            ref.set("Value", obj[key] if found else _value_default(obj))
            return found
        if low == "remove" and argc == 1:
            key = _key(obj, args[0])
            if key in obj:
                del obj[key]
                return True
            return False
        if low == "add":
            if argc != 2:
                raise count_error(name, argc)
            if args[0] is None:
                raise method_exception(name, argc, "System.ArgumentNullException", "Value cannot be null.", "key")
            if _key(obj, args[0]) in obj:
                raise method_exception(name, argc, "System.ArgumentException", "An item with the same key has already been added.")
            obj[args[0]] = args[1]
            return _VOID_MARK
        if low == "containsvalue" and argc == 1:
            return any(net_equals(v, args[0]) for v in obj.values())
        if low == "contains":
            return refuse_member(obj, name)     # ICollection<KeyValuePair>.Contains takes a KeyValuePair
    if isinstance(obj, OrderedHashtable):
        if low == "insert":
            if argc != 3:
                raise count_error(name, argc)
            i = _index(name, argc, args[0])
            if not 0 <= i <= len(obj):
                raise method_exception(name, argc, "System.ArgumentOutOfRangeException", "Specified argument was out of the range "
                                       "of valid values.", "index")
            if args[1] in obj:
                raise method_exception(name, argc, "System.ArgumentException", "Item has already been added. Key in dictionary: "
                                       f"'{args[1]}'  Key being added: '{args[1]}'")
            items = list(obj.items())
            items.insert(i, (args[1], args[2]))
            obj.clear()
            for k, v in items:
                obj[k] = v
            return _VOID_MARK
        if low == "removeat":
            if argc != 1:
                raise count_error(name, argc)
            i = _index(name, argc, args[0])
            keys = list(obj.keys())
            if not 0 <= i < len(keys):
                raise method_exception(name, argc, "System.ArgumentOutOfRangeException", "Specified argument was out of the range "
                                       "of valid values.", "index")
            obj.pop(keys[i])
            return _VOID_MARK
    if low == "containsvalue" and argc == 1:
        return any(net_equals(v, args[0]) for v in obj.values())
    if low == "remove" and argc != 1:
        raise count_error(name, argc)
    if low == "equals" and argc == 1:
        return obj is args[0]
    if low == "tostring" and argc == 0:
        return _type_name(obj)
    return NOT_A_METHOD


def _to_element(obj: list, method: str, param: str, v: Any) -> Any:
    """An argument for a List[T]'s T parameter, converted as PowerShell's method binder converts it."""
    return convert_element(obj.element_type, method, param, v) if isinstance(obj, GenericList) else v


_BOUND_PARAMETERS = "System.Management.Automation.PSBoundParametersDictionary"


def _is_dictionary(obj: Any) -> bool:
    """Dictionary[K,V], and $PSBoundParameters (a Dictionary<string, object> comparing keys ignoring case)."""
    return isinstance(obj, GenericDictionary) or getattr(obj, "type_name", None) == _BOUND_PARAMETERS


def _key(obj: PSHashtable, key: Any) -> Any:
    return obj._conv(obj.key_type, key) if isinstance(obj, GenericDictionary) else key


def _value_default(obj: PSHashtable) -> Any:
    t = getattr(obj, "value_type", None)
    if t is None or t.convert_key in (None, "object", "string"):
        return None
    if t.full_name == "System.Boolean":
        return False
    if t.full_name in ("System.Double", "System.Single"):
        return 0.0
    if t.full_name.startswith(("System.Int", "System.UInt", "System.Byte", "System.SByte")):
        return 0
    raise not_emulated(f"TryGetValue() of a missing key for a [{t.full_name}] value")


def _key_collection_method(obj: KeyValueCollection, name: str, args: list[Any]) -> Any:
    low, argc = name.lower(), len(args)
    if low == "tostring" and not argc:
        return obj.type_name
    if low == "equals" and argc == 1:
        return obj is args[0]
    if low == "contains" and argc == 1 and obj.type_name.startswith("System.Collections.Generic.Dictionary"):
        return any(net_equals(x, args[0]) for x in obj)      # ICollection<TKey>.Contains: EqualityComparer<T>.Default
    return NOT_A_METHOD


def _item(obj: Any, args: list[Any]) -> Any:
    """``$list.Item(i)`` / ``$dict.Item(key)``: the indexer called as PowerShell calls a parameterized property."""
    from labkit.twin.values import PSRuntimeError

    if len(args) != 1:
        raise count_error("Item", len(args))
    if isinstance(obj, PSHashtable) and isinstance(args[0], (list, dict)) and not isinstance(obj, GenericDictionary):
        raise not_emulated("Item() with a key that is an array or a hashtable")
    if isinstance(obj, PSHashtable):
        return obj.index_by_key(args[0]) if hasattr(obj, "index_by_key") else obj.get(args[0])
    i = _index("Item", 1, args[0])
    if not 0 <= i < len(obj):
        err = PSRuntimeError('Exception getting "Item": "Index was out of range. Must be non-negative and less than the size of '
                             'the collection.\r\nParameter name: index"', "NotSpecified", "ArgumentOutOfRangeException")
        err.exception_type = "System.Management.Automation.GetValueInvocationException"  # type: ignore[attr-defined]
        err.inner_exception = "System.ArgumentOutOfRangeException"  # type: ignore[attr-defined]
        raise err
    return obj[i]


def collection_method(obj: Any, name: str, args: list[Any]) -> Any:
    """The members above for the collection ``obj`` is; NOT_A_METHOD for the others (list_method and
    members.call_method answer them, and what no one answers is refused by :func:`refuse_member`)."""
    if name.lower() == "equals" and len(args) != 1:
        raise count_error(name, len(args))
    if name.lower() == "item" and (isinstance(obj, (ArrayList, GenericList)) or type(obj) is PSHashtable
                                   or isinstance(obj, (OrderedHashtable, GenericDictionary))):
        return _item(obj, args)
    if isinstance(obj, KeyValueCollection):
        return _key_collection_method(obj, name, args)
    if type(obj) in (list, TypedArray):
        return array_method(obj, name, args)
    if isinstance(obj, (ArrayList, GenericList)):
        return growable_method(obj, name, args)
    if isinstance(obj, (stacks_queues.Stack, stacks_queues.Queue)):
        return stacks_queues.call(obj, name, args)
    if isinstance(obj, GenericHashSet):
        from labkit.twin import hash_sets
        return hash_sets.call(obj, name, args)
    if isinstance(obj, PSHashtable):
        return dictionary_method(obj, name, args)
    return NOT_A_METHOD
