"""System.StringComparison, and the culture-sensitive text rules the twin can answer faithfully.

The lab servers run en-US; .NET Framework 4.8 compares text in a culture through Windows' NLS
(CompareInfo -> CompareStringEx / FindNLSStringEx).  The twin does not carry NLS's sort tables,
so it answers a culture-sensitive comparison only where the result is known to be the
ordinal one, and refuses the rest as not emulated (a guess would be a silent wrong answer):

* **Equality and search** (Equals, StartsWith, EndsWith, IndexOf, LastIndexOf with
  CurrentCulture / InvariantCulture, with or without IgnoreCase): over printable ASCII, tab,
  CR, LF and the precomposed Latin-1 letters, NLS matches exactly where ordinal matching
  does (case folded for IgnoreCase).  Text with other characters (combining marks, ignorable
  characters such as the soft hyphen or NUL, letters NLS expands: "ß" = "ss", "æ" = "ae")
  is refused.
* **Order** (CompareTo, Compare): strings of ASCII letters, digits and spaces only, ordered as
  NLS orders them: the space before digits, digits before letters, letters alphabetically regardless of case, a prefix
  before the longer string, and only then case, lowercase first at the first difference
  ("a" < "A" < "b").  Anything else (punctuation, spaces: NLS's word sort weighs the
  hyphen and apostrophe specially) is refused unless the strings are identical.

Ordinal and OrdinalIgnoreCase are exact for every string (OrdinalIgnoreCase folds with
the invariant upper-case mapping, character by character).

https://learn.microsoft.com/dotnet/api/system.stringcomparison?view=netframework-4.8
https://learn.microsoft.com/dotnet/standard/base-types/best-practices-strings
"""

from __future__ import annotations

from labkit.twin.method_overloads import method_exception, not_emulated

# https://learn.microsoft.com/dotnet/api/system.stringcomparison?view=netframework-4.8 (values 0..5)
COMPARISONS = ("CurrentCulture", "CurrentCultureIgnoreCase", "InvariantCulture", "InvariantCultureIgnoreCase",
               "Ordinal", "OrdinalIgnoreCase")
CURRENT_CULTURE, ORDINAL, ORDINAL_IGNORE_CASE = 0, 4, 5

# NLS expands these to two letters, or orders them apart from their base letter
_EXPANDING = set("ßÆæÞþÐð×÷µ")
_SAFE = {chr(c) for c in range(0x20, 0x7F)} | set("\t\r\n") | {chr(c) for c in range(0xC0, 0x100) if chr(c) not in _EXPANDING}
# word sort (https://learn.microsoft.com/windows/win32/api/winnls/nf-winnls-comparestringex): the space, like the other
# symbols but hyphen and apostrophe, sorts before digits, digits before letters; among symbols the order is NLS's own
_ORDERABLE = set(" 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def check_comparison(method: str, argc: int, value: int) -> int:
    """String's methods refuse a number outside 0..5 (NotSupported_StringComparison, mscorlib.txt)."""
    if not 0 <= value <= 5:
        raise method_exception(method, argc, "System.ArgumentException",
                               "The string comparison type passed in is currently not supported.", "comparisonType")
    return value


def ignores_case(comparison: int) -> bool:
    return comparison in (1, 3, 5)


def upper_char(c: str) -> str:
    """The invariant simple upper-case mapping of one UTF-16 unit (none when Unicode maps it to two)."""
    u = c.upper()
    return u if len(u) == 1 else c


def fold(text: str) -> str:
    return "".join(upper_char(c) for c in text)


def prepare(texts: tuple[str, ...], comparison: int, what: str) -> tuple[str, ...]:
    """The texts an ordinal match should compare for ``comparison``: refused when culture rules could differ."""
    if comparison not in (ORDINAL, ORDINAL_IGNORE_CASE):
        for t in texts:
            odd = next((c for c in t if c not in _SAFE), None)
            if odd is not None:
                raise not_emulated(f"{what} with StringComparison.{COMPARISONS[comparison]} over the character "
                                   f"U+{ord(odd):04X} (culture-sensitive matching beyond ASCII and Latin-1 letters)")
    return tuple(fold(t) for t in texts) if ignores_case(comparison) else texts


def _sign(a: str, b: str) -> int:
    return (a > b) - (a < b)


def _ordinal_compare(a: str, b: str) -> int:
    """String.CompareOrdinal: the difference of the first UTF-16 units that differ, else of the lengths
    (CompareOrdinalHelper, https://github.com/microsoft/referencesource/blob/master/mscorlib/system/string.cs)."""
    for x, y in zip(a, b):
        if x != y:
            return ord(x) - ord(y)
    return len(a) - len(b)


def compare(a: str, b: str, comparison: int, what: str) -> int:
    """String.Compare(a, b, comparison): -1, 0 or 1 (CompareInfo.Compare returns these for culture comparisons)."""
    if comparison == ORDINAL:
        return _ordinal_compare(a, b)
    if comparison == ORDINAL_IGNORE_CASE:
        return _ordinal_compare(fold(a), fold(b))
    if a == b:
        return 0
    if ignores_case(comparison) and all(c in _SAFE for c in a + b) and fold(a) == fold(b):
        return 0        # equal under the equality the twin models (two paths compared ignoring case)
    for t in (a, b):
        odd = next((c for c in t if c not in _ORDERABLE), None)
        if odd is not None:
            raise not_emulated(f"{what} with StringComparison.{COMPARISONS[comparison]} of text containing {odd!r} "
                               "(culture order beyond ASCII letters, digits and the space)")
    primary = _sign(a.lower(), b.lower())
    if primary or ignores_case(comparison):
        return primary
    for x, y in zip(a, b):
        if x != y:      # same letter, other case: lowercase sorts first
            return -1 if x.islower() else 1
    return 0
