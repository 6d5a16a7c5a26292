"""System.String's instance methods as .NET Framework 4.8 has them (the CLR under Windows PowerShell 5.1).

Every public instance method of https://learn.microsoft.com/dotnet/api/system.string?view=netframework-4.8
with the overloads 4.8 has (not .NET Core's later ones: no Split(string), no Contains(char), no
Replace with a StringComparison), chosen as PowerShell chooses (labkit/twin/method_overloads.py).
Behaviour and exception texts follow .NET Framework's reference source
(https://github.com/microsoft/referencesource/blob/master/mscorlib/system/string.cs, the native
parts as in coreclr's StringNative.cpp, the texts from mscorlib.txt).  Culture-sensitive
comparisons are answered only where they equal ordinal ones (labkit/twin/string_comparison.py).

Refused as not emulated: CopyTo (it writes into a char[] the caller holds), GetHashCode (.NET
Framework's 64-bit string hash), GetEnumerator (a CharEnumerator), and a CultureInfo argument
other than $null.  The methods of a [char] (System.Char) are here too.
"""

from __future__ import annotations

import unicodedata
from typing import Any, Callable

from labkit.twin.dotnet_values import PSChar
from labkit.twin.method_overloads import (
    Overload, char_array, invoke, method_exception, not_emulated, string_array,
)
from labkit.twin.objects import PSEnum
from labkit.twin.string_comparison import CURRENT_CULTURE, ORDINAL, check_comparison, compare, prepare
from labkit.twin.string_normalization import is_normalized, normalize
from labkit.twin.types import value_type

_AOOR = "System.ArgumentOutOfRangeException"
# mscorlib.txt (https://github.com/microsoft/referencesource/blob/master/mscorlib/mscorlib.txt)
_INDEX = "Index was out of range. Must be non-negative and less than the size of the collection."   # ArgumentOutOfRange_Index
_COUNT = "Count must be positive and count must refer to a location within the string/array/collection."  # ArgumentOutOfRange_Count
_START_NEGATIVE = "StartIndex cannot be less than zero."                      # ArgumentOutOfRange_StartIndex
_NEGATIVE_COUNT = "Count cannot be less than zero."                           # ArgumentOutOfRange_NegativeCount
_NEGATIVE_LENGTH = "Length cannot be less than zero."                         # ArgumentOutOfRange_NegativeLength
_OUT_OF_RANGE = "Specified argument was out of the range of valid values."    # Arg_ArgumentOutOfRangeException

# System.TypeCode.String = 18 (https://learn.microsoft.com/dotnet/api/system.typecode?view=netframework-4.8)
_LONGEST = 10_000_000
_TYPECODE_STRING = PSEnum("System.TypeCode", "String", 18)
_TYPECODE_CHAR = PSEnum("System.TypeCode", "Char", 4)

# Char.IsWhiteSpace (https://learn.microsoft.com/dotnet/api/system.char.iswhitespace?view=netframework-4.8):
# Zs, Zl, Zp, U+0009..U+000D, U+0085 (U+00A0 is Zs)
_WHITE_CONTROLS = set("\t\n\x0b\x0c\r\x85")


def is_white_space(c: str) -> bool:
    return c in _WHITE_CONTROLS or unicodedata.category(c) in ("Zs", "Zl", "Zp")


class _Call:
    """One call: the string, the method's name as written and the argument count (for exception texts)."""

    def __init__(self, s: str, name: str, argc: int):
        self.s, self.name, self.argc = s, name, argc

    def out_of_range(self, param: str, message: str = _OUT_OF_RANGE) -> Exception:
        return method_exception(self.name, self.argc, _AOOR, message, param)

    def argument(self, message: str, param: str | None = None) -> Exception:
        return method_exception(self.name, self.argc, "System.ArgumentException", message, param)

    # -- searching ------------------------------------------------------------------
    def index_of_char(self, chars: list[str] | None, start: int, count: int) -> int:
        s = self.s
        if chars is None:
            raise method_exception(self.name, self.argc, "System.ArgumentNullException", "Value cannot be null.", "anyOf")
        if start < 0 or start > len(s):
            raise self.out_of_range("startIndex", _INDEX)
        if count < 0 or count > len(s) - start:
            raise self.out_of_range("count", _COUNT)
        wanted = set(chars)
        return next((i for i in range(start, start + count) if s[i] in wanted), -1)

    def last_index_of_char(self, chars: list[str] | None, start: int, count: int) -> int:
        s = self.s
        if chars is None:
            raise method_exception(self.name, self.argc, "System.ArgumentNullException", "Value cannot be null.", "anyOf")
        if not s:
            return -1
        if start < 0 or start >= len(s):
            raise self.out_of_range("startIndex", _INDEX)
        if count < 0 or count - 1 > start:
            raise self.out_of_range("count", _COUNT)
        wanted = set(chars)
        return next((i for i in range(start, start - count, -1) if s[i] in wanted), -1)

    def index_of(self, value: str, start: int, count: int, comparison: int) -> int:
        s = self.s
        if start < 0 or start > len(s):
            raise self.out_of_range("startIndex", _INDEX)
        if count < 0 or start > len(s) - count:
            raise self.out_of_range("count", _COUNT)
        check_comparison(self.name, self.argc, comparison)
        hay, needle = prepare((s[start:start + count], value), comparison, f"String.{self.name}")
        i = hay.find(needle)
        return -1 if i < 0 else start + i

    def index_of_checked(self, value: str, start: int, count: int) -> int:
        """IndexOf(string, int, int) checks its range before it calls the four-argument overload."""
        if start < 0 or start > len(self.s):
            raise self.out_of_range("startIndex", _INDEX)
        if count < 0 or count > len(self.s) - start:
            raise self.out_of_range("count", _COUNT)
        return self.index_of(value, start, count, CURRENT_CULTURE)

    def last_index_of(self, value: str, start: int, count: int, comparison: int) -> int:
        s = self.s
        if not s and start in (-1, 0):
            return 0 if not value else -1
        if start < 0 or start > len(s):
            raise self.out_of_range("startIndex", _INDEX)
        if start == len(s):
            start -= 1
            if count > 0:
                count -= 1
            if not value and count >= 0 and start - count + 1 >= 0:
                return start
        if count < 0 or start - count + 1 < 0:
            raise self.out_of_range("count", _COUNT)
        check_comparison(self.name, self.argc, comparison)
        if not value:
            return start
        low = start - count + 1
        hay, needle = prepare((s[low:start + 1], value), comparison, f"String.{self.name}")
        i = hay.rfind(needle)
        return -1 if i < 0 else low + i

    def last_index_of_counted(self, value: str, start: int, count: int) -> int:
        if count < 0:
            raise self.out_of_range("count", _COUNT)
        return self.last_index_of(value, start, count, CURRENT_CULTURE)

    # -- comparing ------------------------------------------------------------------
    def affix(self, value: str, comparison: int, prefix: bool) -> bool:
        check_comparison(self.name, self.argc, comparison)
        s = self.s
        if s == value or not value:
            return True
        if len(s) < len(value):
            return False
        part = s[:len(value)] if prefix else s[len(s) - len(value):]
        a, b = prepare((part, value), comparison, f"String.{self.name}")
        return a == b

    def affix_culture(self, value: str, ignore_case: bool, culture: Any, prefix: bool) -> bool:
        if culture is not None:
            raise not_emulated(f"String.{self.name} with a CultureInfo argument")
        return self.affix(value, 1 if ignore_case else 0, prefix)

    def equals_comparison(self, value: str, comparison: int) -> bool:
        check_comparison(self.name, self.argc, comparison)
        if self.s == value:
            return True
        if comparison not in (ORDINAL, ORDINAL + 1) or len(self.s) == len(value):
            a, b = prepare((self.s, value), comparison, "String.Equals")
            return a == b
        return False

    def compare_to_object(self, value: Any) -> int:
        if value is None:
            return 1
        if not isinstance(value, str) or isinstance(value, PSChar):
            raise self.argument("Object must be of type String.")          # Arg_MustBeString
        return compare(self.s, value, CURRENT_CULTURE, "String.CompareTo")

    # -- building -------------------------------------------------------------------
    def substring(self, start: int, length: int | None) -> str:
        s = self.s
        if length is None:
            length = len(s) - start
        if start < 0:
            raise self.out_of_range("startIndex", _START_NEGATIVE)
        if start > len(s):
            raise self.out_of_range("startIndex", "startIndex cannot be larger than length of string.")
        if length < 0:
            raise self.out_of_range("length", _NEGATIVE_LENGTH)
        if start > len(s) - length:
            raise self.out_of_range("length", "Index and length must refer to a location within the string.")
        return s[start:start + length]

    def remove(self, start: int, count: int | None) -> str:
        s = self.s
        if start < 0:
            raise self.out_of_range("startIndex", _START_NEGATIVE)
        if count is None:
            if start >= len(s):
                raise self.out_of_range("startIndex", "startIndex must be less than length of string.")
            return s[:start]
        if count < 0:
            raise self.out_of_range("count", _NEGATIVE_COUNT)
        if count > len(s) - start:
            raise self.out_of_range("count", "Index and count must refer to a location within the string.")
        return s[:start] + s[start + count:]

    def insert(self, start: int, value: str) -> str:
        if start < 0 or start > len(self.s):
            raise self.out_of_range("startIndex")
        return self.s[:start] + value + self.s[start:]

    def pad(self, width: int, char: str, right: bool) -> str:
        if width < 0:
            raise self.out_of_range("totalWidth", "Non-negative number required.")   # ArgumentOutOfRange_NeedNonNegNum
        if width > _LONGEST:
            raise not_emulated(f"String.{self.name} to {width} characters (the twin builds strings up to {_LONGEST})")
        return self.s.ljust(width, char) if right else self.s.rjust(width, char)

    def replace(self, old: str, new: str) -> str:
        if not old:
            raise self.argument("String cannot be of zero length.", "oldValue")    # Argument_StringZeroLength
        return self.s.replace(old, new)

    def trim(self, chars: list[str] | None, head: bool, tail: bool) -> str:
        s = self.s
        test: Callable[[str], bool] = is_white_space if not chars else set(chars).__contains__
        start, end = 0, len(s)
        if head:
            while start < end and test(s[start]):
                start += 1
        if tail:
            while end > start and test(s[end - 1]):
                end -= 1
        return s[start:end]

    def to_char_array(self, start: int, length: int) -> Any:
        s = self.s
        if start < 0 or start > len(s) or start > len(s) - length:
            raise self.out_of_range("startIndex", _INDEX)
        if length < 0:
            raise self.out_of_range("length", _INDEX)
        return char_array(s[start:start + length])

    def case(self, upper: bool, culture: Any = None, with_culture: bool = False) -> str:
        if with_culture:
            if culture is None:
                raise method_exception(self.name, self.argc, "System.ArgumentNullException", "Value cannot be null.", "culture")
            raise not_emulated(f"String.{self.name} with a CultureInfo argument")
        return change_case(self.s, upper, f"String.{self.name}")

    # -- splitting ------------------------------------------------------------------
    def split(self, separators: list[str] | None, count: int, options: int, strings: bool = False) -> Any:
        """SplitInternal / Split(String[], Int32, StringSplitOptions) of string.cs."""
        s = self.s
        if count < 0:
            raise self.out_of_range("count", _NEGATIVE_COUNT)
        if options not in (0, 1):
            raise self.argument(f"Illegal enum value: {options}.")                  # Arg_EnumIllegalVal
        omit = options == 1
        if strings and not separators:
            separators, strings = None, False
        if count == 0 or (omit and not s):
            return string_array([])
        positions: list[tuple[int, int]] = []
        if strings:
            i = 0
            while i < len(s):
                hit = next((sep for sep in separators or [] if sep and s.startswith(sep, i)), None)
                if hit is not None:
                    positions.append((i, len(hit)))
                    i += len(hit)
                else:
                    i += 1
        else:
            test: Callable[[str], bool] = is_white_space if not separators else set(separators).__contains__
            positions = [(i, 1) for i, c in enumerate(s) if test(c)]
        if not positions or count == 1:
            return string_array([s])
        return string_array(_omit_empty(s, positions, count) if omit else _keep_empty(s, positions, count))


def _keep_empty(s: str, positions: list[tuple[int, int]], count: int) -> list[str]:
    """InternalSplitKeepEmptyEntries: at most count - 1 cuts, the rest of the string last."""
    out, curr = [], 0
    for at, length in positions[:count - 1]:
        if curr >= len(s):
            break
        out.append(s[curr:at])
        curr = at + length
    out.append(s[curr:] if curr < len(s) else "")
    return out


def _omit_empty(s: str, positions: list[tuple[int, int]], count: int) -> list[str]:
    """InternalSplitOmitEmptyEntries: .NET Framework keeps the separators that follow the last cut
    in the remainder ("a,,b,c".Split(',', 2, RemoveEmptyEntries) is "a", "b,c")."""
    out: list[str] = []
    curr = 0
    for i, (at, length) in enumerate(positions):
        if curr >= len(s):
            break
        if at - curr > 0:
            out.append(s[curr:at])
        curr = at + length
        if len(out) == count - 1:
            j = i
            while j < len(positions) - 1 and curr == positions[j + 1][0]:
                j += 1
                curr += positions[j][1]
            break
    if curr < len(s):
        out.append(s[curr:])
    return out


# ToUpper / ToLower (en-US, and the invariant culture): the simple case mapping of each UTF-16 unit.
# Modelled for Latin-1 and Latin Extended-A (U+0000..U+017F) but the letters whose mapping differs between
# cultures or Unicode versions (dotted/dotless i, long s, micro sign); other text is refused.
_CASE_REFUSED = set("\u0130\u0131\u017f\u00b5")


def change_case(text: str, upper: bool, what: str) -> str:
    odd = next((c for c in text if ord(c) > 0x17F or c in _CASE_REFUSED), None)
    if odd is not None:
        raise not_emulated(f"{what} of the character U+{ord(odd):04X} (case mapping beyond Latin-1 and Latin Extended-A)")
    out = []
    for c in text:
        m = c.upper() if upper else c.lower()
        out.append(m if len(m) == 1 else c)
    return "".join(out)


def _refuse(what: str) -> Callable[..., Any]:
    def impl(*_: Any) -> Any:
        raise not_emulated(what)
    return impl


def _build_table() -> dict[str, list[Overload]]:
    """Each overload's implementation takes the call (the string, the name as written, the argument count) first."""
    O = Overload
    cc = CURRENT_CULTURE
    index_of = [
        O((("char", "value"),), lambda c, v: c.index_of_char([v], 0, len(c.s))),
        O((("char", "value"), ("int", "startIndex")), lambda c, v, i: c.index_of_char([v], i, len(c.s) - i)),
        O((("char", "value"), ("int", "startIndex"), ("int", "count")), lambda c, v, i, k: c.index_of_char([v], i, k)),
        O((("string", "value"),), lambda c, v: c.index_of(v, 0, len(c.s), cc)),
        O((("string", "value"), ("int", "startIndex")), lambda c, v, i: c.index_of(v, i, len(c.s) - i, cc)),
        O((("string", "value"), ("int", "startIndex"), ("int", "count")), _Call.index_of_checked),
        O((("string", "value"), ("comparison", "comparisonType")), lambda c, v, t: c.index_of(v, 0, len(c.s), t)),
        O((("string", "value"), ("int", "startIndex"), ("comparison", "comparisonType")),
          lambda c, v, i, t: c.index_of(v, i, len(c.s) - i, t)),
        O((("string", "value"), ("int", "startIndex"), ("int", "count"), ("comparison", "comparisonType")), _Call.index_of),
    ]
    last_index_of = [
        O((("char", "value"),), lambda c, v: c.last_index_of_char([v], len(c.s) - 1, len(c.s))),
        O((("char", "value"), ("int", "startIndex")), lambda c, v, i: c.last_index_of_char([v], i, i + 1)),
        O((("char", "value"), ("int", "startIndex"), ("int", "count")), lambda c, v, i, k: c.last_index_of_char([v], i, k)),
        O((("string", "value"),), lambda c, v: c.last_index_of(v, len(c.s) - 1, len(c.s), cc)),
        O((("string", "value"), ("int", "startIndex")), lambda c, v, i: c.last_index_of(v, i, i + 1, cc)),
        O((("string", "value"), ("int", "startIndex"), ("int", "count")), _Call.last_index_of_counted),
        O((("string", "value"), ("comparison", "comparisonType")), lambda c, v, t: c.last_index_of(v, len(c.s) - 1, len(c.s), t)),
        O((("string", "value"), ("int", "startIndex"), ("comparison", "comparisonType")),
          lambda c, v, i, t: c.last_index_of(v, i, i + 1, t)),
        O((("string", "value"), ("int", "startIndex"), ("int", "count"), ("comparison", "comparisonType")), _Call.last_index_of),
    ]
    big = 2**31 - 1
    return {
        "clone": [O((), lambda c: c.s)],
        "compareto": [O((("object", "value"),), _Call.compare_to_object),
                      O((("string", "strB"),), lambda c, v: compare(c.s, v, cc, "String.CompareTo"))],
        "contains": [O((("string", "value"),), lambda c, v: v in c.s)],
        "copyto": [O((("int", "sourceIndex"), ("chars", "destination"), ("int", "destinationIndex"), ("int", "count")),
                     _refuse("String.CopyTo (it writes into a char[] the caller holds)"))],
        "endswith": [O((("string", "value"),), lambda c, v: c.affix(v, cc, False)),
                     O((("string", "value"), ("comparison", "comparisonType")), lambda c, v, t: c.affix(v, t, False)),
                     O((("string", "value"), ("bool", "ignoreCase"), ("culture", "culture")),
                       lambda c, v, ic, cu: c.affix_culture(v, ic, cu, False))],
        "startswith": [O((("string", "value"),), lambda c, v: c.affix(v, cc, True)),
                       O((("string", "value"), ("comparison", "comparisonType")), lambda c, v, t: c.affix(v, t, True)),
                       O((("string", "value"), ("bool", "ignoreCase"), ("culture", "culture")),
                         lambda c, v, ic, cu: c.affix_culture(v, ic, cu, True))],
        "equals": [O((("object", "obj"),), lambda c, v: isinstance(v, str) and not isinstance(v, PSChar) and v == c.s),
                   O((("string", "value"),), lambda c, v: v == c.s),
                   O((("string", "value"), ("comparison", "comparisonType")), _Call.equals_comparison)],
        "getenumerator": [O((), _refuse("String.GetEnumerator (a CharEnumerator)"))],
        "gethashcode": [O((), _refuse("String.GetHashCode (.NET Framework's string hash)"))],
        "gettype": [O((), lambda c: value_type(c.s))],
        "gettypecode": [O((), lambda c: _TYPECODE_STRING)],
        "indexof": index_of,
        "indexofany": [O((("chars", "anyOf"),), lambda c, a: c.index_of_char(a, 0, len(c.s))),
                       O((("chars", "anyOf"), ("int", "startIndex")), lambda c, a, i: c.index_of_char(a, i, len(c.s) - i)),
                       O((("chars", "anyOf"), ("int", "startIndex"), ("int", "count")), _Call.index_of_char)],
        "insert": [O((("int", "startIndex"), ("string", "value")), _Call.insert)],
        "isnormalized": [O((), lambda c: is_normalized(c.s, 1)), O((("form", "normalizationForm"),), lambda c, f: is_normalized(c.s, f))],
        "lastindexof": last_index_of,
        "lastindexofany": [O((("chars", "anyOf"),), lambda c, a: c.last_index_of_char(a, len(c.s) - 1, len(c.s))),
                           O((("chars", "anyOf"), ("int", "startIndex")), lambda c, a, i: c.last_index_of_char(a, i, i + 1)),
                           O((("chars", "anyOf"), ("int", "startIndex"), ("int", "count")), _Call.last_index_of_char)],
        "normalize": [O((), lambda c: normalize(c.s, 1)), O((("form", "normalizationForm"),), lambda c, f: normalize(c.s, f))],
        "padleft": [O((("int", "totalWidth"),), lambda c, w: c.pad(w, " ", False)),
                    O((("int", "totalWidth"), ("char", "paddingChar")), lambda c, w, ch: c.pad(w, ch, False))],
        "padright": [O((("int", "totalWidth"),), lambda c, w: c.pad(w, " ", True)),
                     O((("int", "totalWidth"), ("char", "paddingChar")), lambda c, w, ch: c.pad(w, ch, True))],
        "remove": [O((("int", "startIndex"),), lambda c, i: c.remove(i, None)),
                   O((("int", "startIndex"), ("int", "count")), _Call.remove)],
        "replace": [O((("char", "oldChar"), ("char", "newChar")), lambda c, a, b: c.s.replace(a, b)),
                    O((("string", "oldValue"), ("string", "newValue")), _Call.replace)],
        "split": [O((("chars", "separator"),), lambda c, sep: c.split(sep, big, 0), variadic=True),
                  O((("chars", "separator"), ("int", "count")), lambda c, sep, k: c.split(sep, k, 0)),
                  O((("chars", "separator"), ("options", "options")), lambda c, sep, o: c.split(sep, big, o)),
                  O((("chars", "separator"), ("int", "count"), ("options", "options")), _Call.split),
                  O((("strings", "separator"), ("options", "options")), lambda c, sep, o: c.split(sep, big, o, True)),
                  O((("strings", "separator"), ("int", "count"), ("options", "options")),
                    lambda c, sep, k, o: c.split(sep, k, o, True))],
        "substring": [O((("int", "startIndex"),), lambda c, i: c.substring(i, None)),
                      O((("int", "startIndex"), ("int", "length")), _Call.substring)],
        "tochararray": [O((), lambda c: char_array(c.s)), O((("int", "startIndex"), ("int", "length")), _Call.to_char_array)],
        "tolower": [O((), lambda c: c.case(False)), O((("culture", "culture"),), lambda c, cu: c.case(False, cu, True))],
        "tolowerinvariant": [O((), lambda c: c.case(False))],
        "toupper": [O((), lambda c: c.case(True)), O((("culture", "culture"),), lambda c, cu: c.case(True, cu, True))],
        "toupperinvariant": [O((), lambda c: c.case(True))],
        "tostring": [O((), lambda c: c.s), O((("provider", "provider"),), lambda c, _p: c.s)],
        "trim": [O((("chars", "trimChars"),), lambda c, ch: c.trim(ch, True, True), variadic=True)],
        "trimstart": [O((("chars", "trimChars"),), lambda c, ch: c.trim(ch, True, False), variadic=True)],
        "trimend": [O((("chars", "trimChars"),), lambda c, ch: c.trim(ch, False, True), variadic=True)],
        # the accessors of Length and of the Chars indexer, which PowerShell lets a script call
        "get_length": [O((), lambda c: len(c.s))],
        "get_chars": [O((("int", "index"),), _get_chars)],
        # the Chars indexer called as PowerShell calls a parameterized property: "abc".Chars(1)
        "chars": [O((("int", "index"),), _chars_property)],
    }


def _get_chars(c: _Call, i: int) -> PSChar:
    if 0 <= i < len(c.s):
        return PSChar(c.s[i])
    raise method_exception(c.name, c.argc, "System.IndexOutOfRangeException", "Index was outside the bounds of the array.")


def _chars_property(c: _Call, i: int) -> PSChar:
    if 0 <= i < len(c.s):
        return PSChar(c.s[i])
    raise not_emulated("The Chars property with an index outside the string (its GetValueInvocationException)")


_TABLE = _build_table()


NOT_A_STRING_METHOD = object()


def call_string_method(s: str, name: str, args: list[Any]) -> Any:
    """``s.Name(args)`` for a System.String; NOT_A_STRING_METHOD when String has no such method."""
    overloads = _TABLE.get(name.lower())
    if overloads is None:
        return NOT_A_STRING_METHOD
    return invoke("System.String", name, overloads, args, _Call(str(s), name, len(args)))


def call_char_method(ch: PSChar, name: str, args: list[Any]) -> Any:
    """``[char]``'s instance methods (https://learn.microsoft.com/dotnet/api/system.char?view=netframework-4.8);
    NOT_A_STRING_METHOD when Char has no such method."""
    O = Overload

    def compare_object(v: Any) -> int:
        if v is None:
            return 1
        if not isinstance(v, PSChar):
            raise method_exception(name, len(args), "System.ArgumentException", "Object must be of type Char.")  # Arg_MustBeChar
        return ord(ch) - ord(v)

    table: dict[str, list[Overload]] = {
        # Char.CompareTo returns the difference of the two UTF-16 units (reference source char.cs)
        "compareto": [O((("char", "value"),), lambda v: ord(ch) - ord(v)), O((("object", "value"),), compare_object)],
        "equals": [O((("char", "obj"),), lambda v: v == ch),
                   O((("object", "obj"),), lambda v: isinstance(v, PSChar) and v == ch)],
        "gethashcode": [O((), _refuse("Char.GetHashCode"))],
        "gettype": [O((), lambda: value_type(ch))],
        "gettypecode": [O((), lambda: _TYPECODE_CHAR)],
        "tostring": [O((), lambda: str(ch)), O((("provider", "provider"),), lambda _p: str(ch))],
    }
    overloads = table.get(name.lower())
    if overloads is None:
        return NOT_A_STRING_METHOD
    return invoke("System.Char", name, overloads, args)


__all__ = ["call_string_method", "call_char_method", "NOT_A_STRING_METHOD", "is_white_space", "change_case"]
