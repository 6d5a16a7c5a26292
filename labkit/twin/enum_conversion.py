"""A value converted to a script's enum (``[Color]'green'``, ``[Color]1``, a typed property or parameter), as 5.1 does.

5.1's LanguagePrimitives (its source, commit 60b3b304f2 of the PowerShell mirror, engine/LanguagePrimitives.cs):

- a string: ConvertStringToEnum: .NET's Enum.Parse, case-sensitive then not (a number, or names joined with commas,
  their values OR-ed, for any enum), then EnumMinimumDisambiguation (a unique prefix of a name: ``[Color]'gr'``),
  then ThrowForUndefinedEnum ("EnumParseUndefined");
- an integer: ConvertIntegerToEnum, then ThrowForUndefinedEnum ("UndefinedIntegerToEnum").

ThrowForUndefinedEnum (EnumSingleTypeConverter.IsDefinedEnum): an enum with a negative value takes any number;
a negative number is undefined; a [Flags()] enum takes any combination of its values' bits; another enum only its
values.  Texts: ExtendedTypeSystem.resx and EnumExpressionEvaluatorStrings.resx of 5.1.
"""

from __future__ import annotations

from typing import Any

from labkit.twin.values import PSRuntimeError, to_string

# ExtendedTypeSystem.InvalidCastExceptionEnumerationNoValue; names joined with en-US's list separator
_UNDEFINED = ('Cannot convert value "{0}" to type "{1}" due to enumeration values that are not valid. Specify one of the '
              'following enumeration values and try again. The possible enumeration values are "{2}".')
# EnumExpressionEvaluatorStrings.NoEnumNameMatch / MultipleEnumNameMatch, inside InvalidCastExceptionWithInnerException
_NO_MATCH = "Unable to match the identifier name {0} to a valid enumerator name. Specify one of the following enumerator names and try again:\n{1}"
_MANY = ("The identifier name {0} cannot be processed because it is either too similar or identical to the following "
         "enumerator names: {1}. Use a more specific identifier name.")


def is_defined(ut: Any, n: int) -> bool:
    values = [m.value for m in ut.members]
    if any(v < 0 for v in values):
        return True
    if n < 0:
        return False
    if ut.flags:
        every = 0
        for v in values:
            every |= v
        return (n | every) ^ every == 0
    return n in values


def check_defined(ut: Any, n: int, shown: Any, error_id: str) -> None:
    if not is_defined(ut, n):
        names = ",".join(m.name for m in ut.members)
        raise PSRuntimeError(_UNDEFINED.format(to_string(shown), ut.name, names), "InvalidArgument", error_id)


def _enum_parse(ut: Any, text: str, ignore_case: bool) -> int | None:
    """.NET Framework's Enum.Parse(type, text, ignoreCase): the value, or None where it throws ArgumentException."""
    s = text.strip()
    if not s:
        return None
    if s[0].isdigit() or s[0] in "+-":
        try:
            return int(s)
        except ValueError:
            return None
    total = 0
    for part in s.split(","):
        name = part.strip()
        m = next((m for m in ut.members if (m.name.lower() == name.lower() if ignore_case else m.name == name)), None)
        if m is None:
            return None
        total |= m.value
    return total


def _disambiguate(ut: Any, text: str) -> int:
    """EnumMinimumDisambiguation.EnumDisambiguate: the one name ``text`` begins (or an exact one among several)."""
    low = text.lower()
    found = [m for m in ut.members if m.name.lower().startswith(low)]
    if len(found) == 1:
        return found[0].value
    exact = next((m for m in found if m.name.lower() == low), None)
    if exact is not None:
        return exact.value
    if not found:
        inner = _NO_MATCH.format(text, ", ".join(m.name for m in ut.members))
    else:
        inner = _MANY.format(text, ", ".join(m.name for m in found))
    raise PSRuntimeError(f'Cannot convert value "{text}" to type "{ut.name}". Error: "{inner}"', "InvalidArgument",
                         "SubstringDisambiguationEnumParseThrewAnException")


def from_string(ut: Any, text: str) -> int:
    n = _enum_parse(ut, text, False)
    if n is None:
        n = _enum_parse(ut, text, True)
    if n is None:
        n = _disambiguate(ut, text)
    check_defined(ut, n, text, "EnumParseUndefined")
    return n


def from_integer(ut: Any, n: int, shown: Any) -> int:
    check_defined(ut, n, shown, "UndefinedIntegerToEnum")
    return n
