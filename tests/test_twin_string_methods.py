"""System.String's instance methods on the twin, as .NET Framework 4.8 has them under Windows PowerShell 5.1.

Expected values come from the .NET Framework 4.8 pages
(https://learn.microsoft.com/dotnet/api/system.string?view=netframework-4.8 and the pages of each method)
and from .NET Framework's reference source (mscorlib/system/string.cs, the texts of mscorlib.txt:
https://github.com/microsoft/referencesource); the overload PowerShell picks follows its
LanguagePrimitives.ConversionRank (https://github.com/PowerShell/PowerShell, CoreAdapter.cs).
"""

from __future__ import annotations

import pytest

from support.twin_script import out, ps

NL = "\r\nParameter name: "


def error_of(st, script: str) -> list:
    """What the script's catch block sees: message, FullyQualifiedErrorId, exception type, inner type and message."""
    return out(st, "try { " + script + " } catch { $_.Exception.Message; $_.FullyQualifiedErrorId; "
               "$_.Exception.GetType().FullName; if ($_.Exception.InnerException) { "
               "$_.Exception.InnerException.GetType().FullName; $_.Exception.InnerException.Message } }")


# -- Split ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("script, expected", [
    # Split(char[] separator, int count): the last element keeps the rest (String.Split(Char[], Int32) remarks)
    ('"a,b,c".Split(",", 2)', ["a", "b,c"]),
    # a string where char[] is expected is its characters: "--" is two '-' separators
    ('"a--b".Split("--")', ["a", "", "b"]),
    # ... and PowerShell ranks string -> char[] above string -> string[], so the options overload still splits on chars
    ('"a--b".Split("--", [StringSplitOptions]::None)', ["a", "", "b"]),
    # Split(string[], StringSplitOptions): the string separator
    ('"a--b".Split([string[]]@("--"), [StringSplitOptions]::None)', ["a", "b"]),
    ('",a,,b,".Split(",", [StringSplitOptions]::RemoveEmptyEntries)', ["a", "b"]),
    ('",a,,b,".Split(",", 1)', [",a,,b,"]),
    # no separator: Char.IsWhiteSpace characters
    ('"a b`tc`nd".Split()', ["a", "b", "c", "d"]),
    ('"a,b;c".Split([char]",", [char]";")', ["a", "b", "c"]),
    # InternalSplitOmitEmptyEntries (.NET Framework): the separators after the last cut stay out of the remainder's start
    ('"a,,b,c".Split(",", 2, [StringSplitOptions]::RemoveEmptyEntries)', ["a", "b,c"]),
    ('"a,b,".Split(",")', ["a", "b", ""]),
])
def test_split_overloads(st, script, expected):
    assert out(st, f"$r = {script}; $r.GetType().FullName; $r.Count; $r") == ["System.String[]", len(expected), *expected]


def test_split_count_zero_and_negative(st):
    assert out(st, '"a,b".Split(",", 0).Count') == [0]
    assert error_of(st, '"a,b".Split(",", -1)') == [
        f'Exception calling "Split" with "2" argument(s): "Count cannot be less than zero.{NL}count"',
        "ArgumentOutOfRangeException", "System.Management.Automation.MethodInvocationException",
        "System.ArgumentOutOfRangeException", f"Count cannot be less than zero.{NL}count"]


@pytest.mark.parametrize("script, value", [('"a;b".Split(",", ";")', ";"), ('"a,,b".Split(",", "RemoveEmptyEntries")', "RemoveEmptyEntries")])
def test_a_string_second_argument_is_the_count(st, script, value):
    # PowerShell ranks string -> int (NumericString) above string -> char (Parse) and string -> enum (Parse), by the
    # argument's type, not its value: Split(char[], int) is chosen and the text does not convert
    assert error_of(st, script)[:3] == [
        f'Cannot convert argument "count", with value: "{value}", for "Split" to type "System.Int32": "Cannot convert value '
        f'"{value}" to type "System.Int32". Error: "Input string was not in a correct format.""',
        "MethodArgumentConversionInvalidCastArgument", "System.Management.Automation.MethodException"]


# -- searching ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("script, expected", [
    ('"abcabc".IndexOf("c", 3)', 5),                      # the search starts at startIndex
    ('"abcabc".IndexOf("c", 3, 2)', -1),                  # ... and looks at count characters
    ('"abcabc".IndexOf([char]"c", 3)', 5),
    ('"abcabc".IndexOf("B", [StringComparison]::OrdinalIgnoreCase)', 1),
    ('"abcabc".IndexOf("B", 2, 4)', -1),
    ('"abcabc".IndexOf("B", 2, [StringComparison]::CurrentCultureIgnoreCase)', 4),
    ('"abc".IndexOf("")', 0),                             # String.Empty: startIndex
    ('"abc".IndexOf("", 2)', 2),
    ('"abcabc".LastIndexOf("c")', 5),
    ('"abcabc".LastIndexOf("c", 4)', 2),                  # backwards from startIndex
    ('"abcabc".LastIndexOf([char]"a", 2, 2)', -1),
    ('"abc".LastIndexOf("")', 2),                         # .NET Framework: the last index position
    ('"aXbx".LastIndexOf("x", [StringComparison]::OrdinalIgnoreCase)', 3),
    ('"abcabc".IndexOfAny("cb")', 1),
    ('"abcabc".IndexOfAny([char[]]"c", 3)', 5),
    ('"abcabc".LastIndexOfAny([char[]]@("a", "b"))', 4),
    ('"abcabc".LastIndexOfAny("a", 2)', 0),
    ('"abc".IndexOf(98)', 1),                             # a number for char or string: PowerShell takes IndexOf(char)
])
def test_index_of(st, script, expected):
    assert out(st, script) == [expected]


def test_index_errors_name_the_parameter(st):
    index = "Index was out of range. Must be non-negative and less than the size of the collection."
    count = "Count must be positive and count must refer to a location within the string/array/collection."
    assert error_of(st, '"abc".IndexOf("a", 4)')[:2] == [
        f'Exception calling "IndexOf" with "2" argument(s): "{index}{NL}startIndex"', "ArgumentOutOfRangeException"]
    assert error_of(st, '"abc".IndexOf([char]"a", 1, 3)')[0] == f'Exception calling "IndexOf" with "3" argument(s): "{count}{NL}count"'
    assert error_of(st, '"abc".LastIndexOf([char]"a", 3)')[0] == \
        f'Exception calling "LastIndexOf" with "2" argument(s): "{index}{NL}startIndex"'
    # [StringComparison]9 never reaches IndexOf: the cast refuses a number that names no member
    # (LanguagePrimitives' ThrowForUndefinedEnum)
    assert error_of(st, '"abc".IndexOf("a", [StringComparison]9)')[0].startswith(
        'Cannot convert value "9" to type "System.StringComparison" due to enumeration values that are not valid.')


# -- comparing ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("script, expected", [
    ('"abc".StartsWith("AB", [StringComparison]::OrdinalIgnoreCase)', True),
    ('"abc".StartsWith("AB")', False),
    ('"abc".StartsWith("AB", 5)', True),                  # an int for StringComparison
    ('"abc".StartsWith("AB", "Ordinal")', False),
    ('"ÅB".Equals("åb", [StringComparison]::CurrentCultureIgnoreCase)', True),
    ('"abc".StartsWith("AB", $true, $null)', True),       # (string, bool ignoreCase, CultureInfo culture): null = current
    ('"abc".StartsWith("")', True),
    ('"abc".StartsWith($null)', True),                    # $null for a string parameter is String.Empty in 5.1
    ('"file.TXT".EndsWith(".txt", [StringComparison]::CurrentCultureIgnoreCase)', True),
    ('"file.TXT".EndsWith(".txt")', False),
    ('"abc".Equals("ABC", [StringComparison]::InvariantCultureIgnoreCase)', True),
    ('"abc".Equals("ABC")', False),
    ('"1".Equals(1)', False),                             # Equals(object): not a string
    ('"abc".Equals($null)', False),                       # Equals(object) is the better overload for $null
    ('"abc".Contains("bc")', True),
    ('"abc".Contains("BC")', False),                      # Contains is ordinal
    ('"a".CompareTo("b")', -1),
    ('"a".CompareTo("A")', -1),                           # en-US: lowercase first among equal letters
    ('"B".CompareTo("a")', 1),                            # ... but letters before case
    ('"a10".CompareTo("a9")', -1),
    ('"ab".CompareTo("abc")', -1),
    ('"Node 2".CompareTo("Node1")', -1),                  # word sort: the space before digits and letters
    ('"String".CompareTo($())', 1),                       # CompareTo(object null) is 1
])
def test_comparisons(st, script, expected):
    assert out(st, script) == [expected]


def test_compare_to_another_type_and_an_invalid_comparison(st):
    assert error_of(st, '"a".CompareTo(5)')[:2] == [
        'Exception calling "CompareTo" with "1" argument(s): "Object must be of type String."', "ArgumentException"]
    assert error_of(st, '"a".StartsWith("a", "Bogus")')[0] == (
        'Cannot convert argument "comparisonType", with value: "Bogus", for "StartsWith" to type "System.StringComparison": '
        '"Cannot convert value "Bogus" to type "System.StringComparison". Error: "Unable to match the identifier name Bogus '
        'to a valid enumerator name. Specify one of the following enumerator names and try again:\n'
        'CurrentCulture, CurrentCultureIgnoreCase, InvariantCulture, InvariantCultureIgnoreCase, Ordinal, OrdinalIgnoreCase""')


def test_string_comparison_is_an_enum(st):
    assert out(st, "[StringComparison]::OrdinalIgnoreCase; [int][System.StringComparison]::Ordinal; "
                   "[StringComparison]'InvariantCulture' -eq 2; [StringComparison].IsEnum; "
                   "[StringSplitOptions]::RemoveEmptyEntries.value__")[1:] == [4, True, True, 1]


@pytest.mark.parametrize("script", [
    '"Straße".StartsWith("Stras")',              # NLS expands ß to ss: not the ordinal answer
    '"a-b".CompareTo("ab")',                     # word sort weighs the hyphen specially
    '"co" + [char]0xAD + "op" -eq "" -or ("co" + [char]0xAD + "op").IndexOf("coop") -ge 0',   # an ignorable soft hyphen
    '("e" + [char]0x301).Equals([string][char]0xE9, [StringComparison]::CurrentCulture)',   # NLS: canonically equal
    '([string][char]0x1C5).ToUpper()',            # beyond Latin Extended-A
])
def test_culture_rules_the_twin_does_not_carry_are_refused(st, script):
    r = ps(st, script)
    assert r.errors and "not emulated by the twin" in r.errors[0].message, r.output


# -- building strings ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("script, expected", [
    ('"abc".Substring(1)', "bc"),
    ('"abc".Substring(1, 1)', "b"),
    ('"abc".Substring(3)', ""),
    ('"abc".Remove(1)', "a"),
    ('"abc".Remove(0, 2)', "c"),
    ('"abc".Insert(3, "d")', "abcd"),
    ('"7".PadLeft(3, "0")', "007"),
    ('"7".PadRight(3)', "7  "),
    ('"abc".PadLeft(2)', "abc"),
    ('"abcb".Replace("b", "x")', "axcx"),
    ('"abcb".Replace([char]"b", [char]"y")', "aycy"),
    ('"abc".Replace("b", $null)', "ac"),
    ('"  x y " + [char]0xA0', "  x y \u00a0"),
    ('("  x y " + [char]0xA0).Trim()', "x y"),           # U+00A0 is white space (Char.IsWhiteSpace)
    ('$c = [string][char]0x1C; ($c + "a").Trim().Length', 2),   # U+001C is not (Python's isspace says it is)
    ('"xxaxx".Trim("x")', "a"),
    ('"xyaxy".TrimStart("xy")', "axy"),
    ('"xyaxy".TrimEnd([char]"y", [char]"x")', "xya"),
    ('"aBc".ToUpper()', "ABC"),
    ('"ÀÉ".ToLowerInvariant()', "àé"),
    ('"straße".ToUpper()', "STRAßE"),                    # ß has no one-character upper case
    ('"abc".ToCharArray(1, 2) -join "|"', "b|c"),
    ('"abc".ToCharArray().GetType().FullName', "System.Char[]"),
    ('"abc".Clone()', "abc"),
    ('"abc".ToString()', "abc"),
    ('"abc".get_Chars(1)', "b"),
    ('"abc".Chars(2)', "c"),
    ('"abc".get_Length()', 3),
    ('"abc".GetTypeCode()', "String"),
    ('[int]"abc".GetTypeCode()', 18),
    ('("e" + [char]0x301).Normalize().Length', 1),
    ('([string][char]0xE9).Normalize([Text.NormalizationForm]::FormD).Length', 2),
    ('([string][char]0xE9).Normalize("FormKD").Length', 2),
    ('("e" + [char]0x301).IsNormalized()', False),
    ('"abc".IsNormalized([Text.NormalizationForm]::FormD)', True),
])
def test_building(st, script, expected):
    assert [str(x) if not isinstance(x, int) else x for x in out(st, script)] == [expected]


@pytest.mark.parametrize("script, message", [
    ('"abc".Substring(-1)', f"StartIndex cannot be less than zero.{NL}startIndex"),
    ('"abc".Substring(4)', f"startIndex cannot be larger than length of string.{NL}startIndex"),
    ('"abc".Substring(1, -1)', f"Length cannot be less than zero.{NL}length"),
    ('"abc".Substring(1, 3)', f"Index and length must refer to a location within the string.{NL}length"),
    ('"abc".Remove(3)', f"startIndex must be less than length of string.{NL}startIndex"),
    ('"abc".Remove(1, 3)', f"Index and count must refer to a location within the string.{NL}count"),
    ('"abc".Insert(4, "x")', f"Specified argument was out of the range of valid values.{NL}startIndex"),
    ('"abc".PadLeft(-1)', f"Non-negative number required.{NL}totalWidth"),
    ('"abc".ToCharArray(2, 2)', f"Index was out of range. Must be non-negative and less than the size of the collection.{NL}startIndex"),
])
def test_argument_out_of_range_texts(st, script, message):
    method = script.split(".")[1].split("(")[0]
    argc = script.count(",") + 1
    assert error_of(st, script) == [
        f'Exception calling "{method}" with "{argc}" argument(s): "{message}"', "ArgumentOutOfRangeException",
        "System.Management.Automation.MethodInvocationException", "System.ArgumentOutOfRangeException", message]


def test_other_exceptions(st):
    assert error_of(st, '"abc".Replace("", "x")') == [
        f'Exception calling "Replace" with "2" argument(s): "String cannot be of zero length.{NL}oldValue"', "ArgumentException",
        "System.Management.Automation.MethodInvocationException", "System.ArgumentException",
        f"String cannot be of zero length.{NL}oldValue"]
    assert error_of(st, '"abc".get_Chars(3)')[:2] == [
        'Exception calling "get_Chars" with "1" argument(s): "Index was outside the bounds of the array."', "IndexOutOfRangeException"]
    assert error_of(st, '"abc".ToUpper($null)')[:2] == [
        f'Exception calling "ToUpper" with "1" argument(s): "Value cannot be null.{NL}culture"', "ArgumentNullException"]
    # the inner exception is what a typed catch matches, with its ParamName
    assert out(st, 'try { "abc".Substring(9) } catch [System.ArgumentOutOfRangeException] { $_.Exception.InnerException.ParamName }') \
        == ["startIndex"]


def test_argument_count_and_conversion_errors(st):
    assert error_of(st, '"abc".Substring()')[:2] == [
        'Cannot find an overload for "Substring" and the argument count: "0".', "MethodCountCouldNotFindBest"]
    assert error_of(st, '"abc".PadLeft(1, "x", 2)')[0] == 'Cannot find an overload for "PadLeft" and the argument count: "3".'
    assert error_of(st, '"abc".PadLeft()')[0] == 'Cannot find an overload for "PadLeft" and the argument count: "0".'
    # StringComparison takes no $null (a value type): no overload of Equals fits
    assert error_of(st, '"abc".Equals("abc", $null)')[0] == 'Cannot find an overload for "Equals" and the argument count: "2".'
    assert error_of(st, '"abc".PadLeft(5, "ab")')[:2] == [
        'Cannot convert argument "paddingChar", with value: "ab", for "PadLeft" to type "System.Char": "Cannot convert value '
        '"ab" to type "System.Char". Error: "String must be exactly one character long.""', "MethodArgumentConversionInvalidCastArgument"]
    assert error_of(st, '"abc".Foo()')[:2] == ["Method invocation failed because [System.String] does not contain a method named 'Foo'.",
                                               "MethodNotFound"]


@pytest.mark.parametrize("script", [
    '"abc".GetHashCode()', '"abc".GetEnumerator()', '$a = [char[]]"xyz"; "abc".CopyTo(0, $a, 0, 1)',
    '"abc".ToUpper([cultureinfo]"tr-TR")', '"abc".StartsWith("a", $true, [cultureinfo]"en-US")',
])
def test_refused_as_not_emulated(st, script):
    r = ps(st, script)
    assert r.output == [] and r.errors and "not emulated by the twin" in r.errors[0].message


def test_char_methods(st):
    # Char.CompareTo returns the difference of the two UTF-16 units (reference source char.cs)
    assert out(st, '$c = [char]"a"; $c.CompareTo([char]"c"); $c.Equals([char]"a"); $c.Equals("a"); $c.ToString(); '
                   '$c.GetTypeCode()')[:4] == [-2, True, False, "a"]
    r = ps(st, '([char]"a").ToUpper()')
    assert r.errors[0].message == "Method invocation failed because [System.Char] does not contain a method named 'ToUpper'."


# -- [string]:: static methods ------------------------------------------------------------------------------

@pytest.mark.parametrize("script, expected", [
    ('[string]::Join(",", 1, 2)', "1,2"),                          # Join(String, params Object[])
    ('[string]::Join(",", @("a", "b"))', "a,b"),
    ('[string]::Join(",", [string[]]@("a", "b", "c"), 1, 2)', "b,c"),  # Join(String, String[], Int32 startIndex, Int32 count)
    ('[string]::Concat("a", @(1, 2))', "aSystem.Object[]"),         # the array's own ToString(), not PowerShell's "1 2"
    ('[string]::Concat(@(1, 2, 3))', "123"),
    ('[string]::Concat("a", $null, "b")', "ab"),
    ('[string]::Compare("a", "B")', -1),                            # culture order: letters before case
    ('[string]::Compare("a", "A")', -1),
    ('[string]::Compare("a", "A", $true)', 0),
    (r'[string]::Compare("C:\Perf\X", "c:\perf\x", $true)', 0),   # equal ignoring case: no order to know
    ('[string]::Compare("B", "a", [StringComparison]::Ordinal)', -31),   # Ordinal: the UTF-16 difference ('B' - 'a')
    ('[string]::Compare("abc", "ab", [StringComparison]::Ordinal)', 1),  # ... or the length difference
    ('[string]::Compare("xaBc", 1, "yabd", 1, 2, [StringComparison]::OrdinalIgnoreCase)', 0),
    ('[string]::CompareOrdinal("abc", "abd")', -1),
    ('[string]::IsNullOrEmpty($null)', True),
    ('[string]::IsNullOrWhiteSpace(" `t")', True),
    ('[string]::IsNullOrWhiteSpace([string][char]0x1C)', False),    # not Char.IsWhiteSpace
    ('[string]::Equals("a", "A", "OrdinalIgnoreCase")', True),
    ('[string]::Equals("a", "A")', False),
    ('[string]::Equals($null, $null)', True),                       # Object.Equals(null, null)
])
def test_string_statics(st, script, expected):
    assert out(st, script) == [expected]


def test_string_static_errors(st):
    assert error_of(st, '[string]::Join(",", [string[]]@("a"), 1, 1)')[:2] == [
        f'Exception calling "Join" with "4" argument(s): "Index and count must refer to a location within the buffer.{NL}startIndex"',
        "ArgumentOutOfRangeException"]
    # an int converts to bool and to StringComparison alike (ConversionRank.Language): ambiguous, as in 5.1
    assert error_of(st, '[string]::Compare("a", "b", 7)')[:2] == [
        'Multiple ambiguous overloads found for "Compare" and the argument count: "3".', "MethodCountCouldNotFindBest"]
    # the cast refuses 7 before Compare sees it (LanguagePrimitives' ThrowForUndefinedEnum)
    assert error_of(st, '[string]::Compare("a", "b", [StringComparison]7)')[0].startswith(
        'Cannot convert value "7" to type "System.StringComparison" due to enumeration values that are not valid.')
    for script in ('[string]::Compare("a-b", "ab")', '[string]::IsInterned("a")', '[string]::Join(",", @($null, "a"))'):
        r = ps(st, script)
        assert r.errors and "not emulated by the twin" in r.errors[0].message, script


def test_a_string_method_on_an_array_runs_on_each_element(st):
    # about_Methods (5.1), "Member-access enumeration": a method the collection lacks runs on each item
    assert out(st, '@(" a ", "b ").Trim(); ("x,y", "z").Split(",").Count; " p, q".Split(",").Trim()') == ["a", "b", 3, "p", "q"]


def test_string_format(st):
    # String.Format(String, Object[]) given the array itself; "{{" is a literal brace
    assert out(st, '[string]::Format("{0}-{1}", @(1, 2)); [string]::Format("{{{0}}}", 1); [string]::Format("{0,4}|", "ab")') \
        == ["1-2", "{1}", "  ab|"]
    # $null first is the IFormatProvider overload (NullToRef ranks above ToString for the format string)
    assert out(st, '[string]::Format($null, "<{0}>", 7)') == ["<7>"]
    assert error_of(st, '[string]::Format("{1}", 1)')[:2] == [
        'Exception calling "Format" with "2" argument(s): "Index (zero based) must be greater than or equal to zero and less '
        'than the size of the argument list."', "FormatException"]
    assert error_of(st, '[string]::Format("a { b", 1)')[0] == \
        'Exception calling "Format" with "2" argument(s): "Input string was not in a correct format."'


def test_string_constructors(st):
    # String(Char, Int32), String(Char[]), String(Char[], Int32, Int32)
    assert out(st, '[string]::new("A", 3); [string]::new([char[]]"abc"); [string]::new([char[]]"abcd", 1, 2); '
                   '(New-Object string ("-", 2))') == ["AAA", "abc", "bc", "--"]
    assert error_of(st, '[string]::new([char]"x", -1)')[:2] == [
        f'Exception calling ".ctor" with "2" argument(s): "\'count\' must be non-negative.{NL}count"', "ArgumentOutOfRangeException"]
    assert error_of(st, '[string]::new(1, 2, 3, 4)')[0] == 'Cannot find an overload for "new" and the argument count: "4".'
