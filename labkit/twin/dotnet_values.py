"""Values of .NET types that Python's own types do not stand for:

- :class:`TypedArray` (``[int[]]``), :class:`ArrayList`
  (``System.Collections.ArrayList``, ``.Add`` returns the new index) and
  :class:`GenericList` (``List[T]``, ``.Add`` returns nothing): Python lists,
  so the pipeline unrolls them like any array;
- :class:`OrderedHashtable` (``[ordered]@{}``: an OrderedDictionary, indexable
  by position too);
- :class:`PSChar` (``[char]``): a one-character string that converts to its
  code point;
- :class:`ComparableValue`: ``[version]``, ``[guid]``, ``[ipaddress]`` objects
  with their .NET properties and ordering.
"""

from __future__ import annotations

from typing import Any

from labkit.twin.decimal_values import DecimalValue  # [decimal]: its exact value and 5.1's arithmetic
from labkit.twin.objects import PSObject
from labkit.twin.types import PSType
from labkit.twin.values import PSHashtable, PSRuntimeError


class TypedArray(list):
    """``[T[]]``: an array whose elements were converted to T."""

    __slots__ = ("element_type",)

    def __init__(self, items: Any = (), element_type: PSType | None = None):
        super().__init__(items)
        self.element_type = element_type


class ArrayList(list):
    """System.Collections.ArrayList (also what $Error is)."""

    __slots__ = ()
    type_name = "System.Collections.ArrayList"


class GenericList(list):
    """System.Collections.Generic.List[T]."""

    __slots__ = ("element_type",)
    type_name = "System.Collections.Generic.List`1"

    def __init__(self, items: Any = (), element_type: PSType | None = None):
        super().__init__(items)
        self.element_type = element_type


class GenericHashSet(list):
    """System.Collections.Generic.HashSet[T]: the engine's (strings compared ignoring case) and a script's
    (``[HashSet[T]]::new()``, EqualityComparer<T>.Default); its methods are labkit/twin/hash_sets.py.
    ``slots``/``free``: .NET's slot array and free list, so the order after a Remove and an Add is .NET's."""

    __slots__ = ("element_type", "ignore_case", "slots", "free")
    type_name = "System.Collections.Generic.HashSet`1"

    def __init__(self, items: Any = (), element_type: PSType | None = None, ignore_case: bool = False):
        super().__init__(items)
        self.element_type, self.ignore_case = element_type, ignore_case
        self.slots: list[Any] = list(self)
        self.free: list[int] = []

    def index_by_key(self, key: Any) -> Any:
        """No indexer: PowerShell's GetIndex binder answers [0] and [-1] with the set itself (ArrayOps.GetNonIndexable)."""
        return self if key in (0, -1) and not isinstance(key, bool) else None


class OrderedHashtable(PSHashtable):
    """System.Collections.Specialized.OrderedDictionary (``[ordered]@{}``)."""

    __slots__ = ()
    type_name = "System.Collections.Specialized.OrderedDictionary"

    def copy(self) -> "OrderedHashtable":
        return OrderedHashtable(self)

    def index_by_key(self, key: Any) -> Any:
        """``$o[0]`` is the first value (OrderedDictionary's int indexer); other keys look up as in a hashtable."""
        if isinstance(key, int) and not isinstance(key, bool):
            values = list(self.values())
            if not 0 <= key < len(values):
                raise PSRuntimeError("Index was out of range. Must be non-negative and less than the size of the collection.",
                                     "NotSpecified", "ArgumentOutOfRangeException")
            return values[key]
        return self.get(key)


_FREE_ENTRY = object()


class GenericDictionary(PSHashtable):
    """System.Collections.Generic.Dictionary[K,V]: keys compare ordinally (case-sensitive),
    values convert to V, and indexing a missing key fails as .NET's indexer does."""

    __slots__ = ("key_type", "value_type", "_slots", "_free")
    type_name = "System.Collections.Generic.Dictionary`2"

    def __init__(self, items: Any = None, key_type: PSType | None = None, value_type: PSType | None = None):
        self.key_type, self.value_type = key_type, value_type
        # .NET's entries array and free list: a key added after a Remove takes the last freed entry, so it
        # enumerates where the removed key was (Dictionary<TKey,TValue>.Insert uses freeList first)
        self._slots: list[Any] = []
        self._free: list[int] = []
        super().__init__(items)

    def _place(self, key: Any) -> None:
        if not self._free:
            self._slots.append(key)
            return
        self._slots[self._free.pop()] = key
        items = [(k, dict.__getitem__(self, k)) for k in self._slots if k is not _FREE_ENTRY]
        dict.clear(self)
        for k, v in items:
            dict.__setitem__(self, k, v)

    def __delitem__(self, key: Any) -> None:
        super().__delitem__(key)
        i = next(i for i, k in enumerate(self._slots) if k is not _FREE_ENTRY and k == key)
        self._slots[i] = _FREE_ENTRY
        self._free.append(i)

    def clear(self) -> None:
        super().clear()
        self._slots, self._free = [], []

    @staticmethod
    def _norm(key: Any) -> Any:
        return key

    def _conv(self, t: PSType | None, v: Any) -> Any:
        from labkit.twin.values import convert

        return convert(v, t.convert_key) if t is not None and t.convert_key not in (None, "object") else v

    def __setitem__(self, key: Any, value: Any) -> None:
        k = self._conv(self.key_type, key)
        new = k not in self
        super().__setitem__(k, self._conv(self.value_type, value))
        if new:
            self._place(k)

    def copy(self) -> "GenericDictionary":
        return GenericDictionary(self, self.key_type, self.value_type)

    def index_by_key(self, key: Any) -> Any:
        k = self._conv(self.key_type, key)
        if k not in self:
            raise PSRuntimeError('Exception getting "Item": "The given key was not present in the dictionary."',
                                 "NotSpecified", "KeyNotFoundException")
        return self[k]


class PSChar(str):
    """System.Char: one UTF-16 code unit."""

    __slots__ = ()
    type_name = "System.Char"


class Int64Value(int):
    """A number a cast made an Int64 (``[long]5``): it keeps its type for -is and GetType();
    arithmetic on it gives plain numbers again."""

    __slots__ = ()
    type_name = "System.Int64"


class UInt64Value(int):
    __slots__ = ()
    type_name = "System.UInt64"


class UInt32Value(int):
    __slots__ = ()
    type_name = "System.UInt32"


class Int16Value(int):
    __slots__ = ()
    type_name = "System.Int16"


class UInt16Value(int):
    __slots__ = ()
    type_name = "System.UInt16"


class ByteValue(int):
    __slots__ = ()
    type_name = "System.Byte"


class SByteValue(int):
    __slots__ = ()
    type_name = "System.SByte"


class SingleValue(float):
    __slots__ = ()
    type_name = "System.Single"




NUMBER_TYPES: dict[str, type] = {
    "System.Int64": Int64Value, "System.UInt64": UInt64Value, "System.UInt32": UInt32Value, "System.Int16": Int16Value,
    "System.UInt16": UInt16Value, "System.Byte": ByteValue, "System.SByte": SByteValue, "System.Single": SingleValue,
    "System.Decimal": DecimalValue,
}


class ComparableValue(PSObject):
    """A .NET value object that orders by ``key`` (Version, IPAddress, Guid)."""

    __slots__ = ("key",)

    def __init__(self, type_name: str, props: dict[str, Any], text: str, key: tuple[Any, ...]):
        super().__init__(type_name, props, tostring=text)
        self.key = key

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ComparableValue) and self.type_name == other.type_name and self.key == other.key

    def __hash__(self) -> int:
        return hash((self.type_name, self.key))


def make_version(text: str) -> ComparableValue:
    """``[version]'1.2.3'`` (System.Version: 2 to 4 parts; missing Build/Revision are -1)."""
    parts = text.strip().split(".")
    if not 2 <= len(parts) <= 4 or not all(p.strip().isdigit() for p in parts):
        raise PSRuntimeError(
            f'Cannot convert value "{text}" to type "System.Version". Error: "Version string portion was too short or too long."'
            if not 2 <= len(parts) <= 4 else
            f'Cannot convert value "{text}" to type "System.Version". Error: "Input string was not in a correct format."',
            "InvalidArgument", "InvalidCastParseTargetInvocation")
    nums = [int(p) for p in parts] + [-1] * (4 - len(parts))
    props = {"Major": nums[0], "Minor": nums[1], "Build": nums[2], "Revision": nums[3],
             "MajorRevision": -1 if nums[3] < 0 else nums[3] >> 16, "MinorRevision": -1 if nums[3] < 0 else nums[3] & 0xFFFF}
    return ComparableValue("System.Version", props, ".".join(parts), tuple(nums))


def make_ipaddress(text: str) -> ComparableValue:
    """``[ipaddress]'10.0.0.1'`` (IPv4 and IPv6, as System.Net.IPAddress.Parse reads them)."""
    import ipaddress

    try:
        ip = ipaddress.ip_address(text.strip())
    except ValueError:
        raise PSRuntimeError(f'Cannot convert value "{text}" to type "System.Net.IPAddress". Error: "An invalid IP address was specified."',
                             "InvalidArgument", "InvalidCastParseTargetInvocation") from None
    family = "InterNetwork" if ip.version == 4 else "InterNetworkV6"
    props: dict[str, Any] = {"AddressFamily": family, "IPAddressToString": str(ip), "IsIPv6LinkLocal": ip.version == 6 and ip.is_link_local,
                             "IsIPv4MappedToIPv6": False}
    if ip.version == 4:
        props["Address"] = int.from_bytes(ip.packed, "little")
    return ComparableValue("System.Net.IPAddress", props, str(ip), (ip.version, int(ip)))


def make_guid(text: str) -> ComparableValue:
    import uuid

    try:
        g = uuid.UUID(text.strip().strip("{}()"))
    except ValueError:
        raise PSRuntimeError(
            f'Cannot convert value "{text}" to type "System.Guid". Error: "Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)."',
            "InvalidArgument", "InvalidCastParseTargetInvocation") from None
    return ComparableValue("System.Guid", {"Guid": str(g)}, str(g), (str(g),))


NOT_A_METHOD = object()


def list_method(obj: list, name: str, args: list[Any]) -> Any:
    """Methods of ArrayList / List[T] (and the read-only ones of arrays); NOT_A_METHOD otherwise.
    https://learn.microsoft.com/dotnet/api/system.collections.arraylist?view=netframework-4.8"""
    from labkit.twin.values import convert, equals, to_number

    low = name.lower()
    growable = isinstance(obj, (ArrayList, GenericList))
    elem = getattr(obj, "element_type", None)

    def conv(v: Any) -> Any:
        if isinstance(obj, GenericList) and elem is not None and elem.convert_key not in (None, "object"):
            from labkit.twin.numeric_conversions import CODES, to_number_type
            code = CODES.get(elem.full_name.lower())
            number = to_number_type(v, code) if code is not None else None
            return number if number is not None else convert(v, elem.convert_key)   # List[long] holds Int64s
        return v

    if growable:
        if low == "add":
            _args(name, args, 1)
            obj.append(conv(args[0]))
            return len(obj) - 1 if isinstance(obj, ArrayList) else _VOID_MARK
        if low == "addrange":
            _args(name, args, 1)
            obj.extend(conv(v) for v in (args[0] if isinstance(args[0], list) else [args[0]]))
            return _VOID_MARK
        if low == "insert":
            _args(name, args, 2)
            i = int(to_number(args[0]))
            if not 0 <= i <= len(obj):
                raise _out_of_range(name, 2, "index")
            obj.insert(i, conv(args[1]))
            return _VOID_MARK
        if low == "remove":
            _args(name, args, 1)
            for i, x in enumerate(obj):
                if equals(x, args[0], True) if isinstance(x, str) else equals(x, args[0]):
                    del obj[i]
                    return True if isinstance(obj, GenericList) else _VOID_MARK
            return False if isinstance(obj, GenericList) else _VOID_MARK
        if low == "removeat":
            _args(name, args, 1)
            i = int(to_number(args[0]))
            if not 0 <= i < len(obj):
                raise _out_of_range(name, 1, "index")
            del obj[i]
            return _VOID_MARK
        if low == "clear":
            obj.clear()
            return _VOID_MARK
        if low == "reverse":
            obj.reverse()
            return _VOID_MARK
        if low == "sort":
            from labkit.twin.values import compare
            import functools
            obj.sort(key=functools.cmp_to_key(lambda a, b: compare(a, b, True)))
            return _VOID_MARK
    if low == "contains" and isinstance(obj, GenericHashSet):
        # the engine's sets compare names with StringComparer.OrdinalIgnoreCase
        _args(name, args, 1)
        return any(equals(x, args[0]) for x in obj)
    if low == "contains":
        _args(name, args, 1)
        return any(equals(x, args[0], True) if isinstance(x, str) else equals(x, args[0]) for x in obj)
    if low == "indexof":
        for i, x in enumerate(obj):
            if equals(x, args[0], True) if isinstance(x, str) else equals(x, args[0]):
                return i
        return -1
    if low == "toarray":
        return list(obj)
    if low == "getrange" and len(args) == 2:
        i, n = int(to_number(args[0])), int(to_number(args[1]))
        return type(obj)(obj[i:i + n]) if isinstance(obj, ArrayList) else list(obj[i:i + n])
    return NOT_A_METHOD


class _VoidMark:
    pass


_VOID_MARK = _VoidMark()


def _args(name: str, args: list[Any], n: int) -> None:
    if len(args) != n:
        raise PSRuntimeError(f'Cannot find an overload for "{name}" and the argument count: "{len(args)}".',
                             "NotSpecified", "MethodCountCouldNotFindBest")


def _out_of_range(name: str, n: int, param: str) -> PSRuntimeError:
    return PSRuntimeError(f'Exception calling "{name}" with "{n}" argument(s): "Index was out of range. Must be non-negative and '
                          f'less than the size of the collection.\r\nParameter name: {param}"', "NotSpecified", "ArgumentOutOfRangeException")
