"""The twin's regular expressions behave as .NET Framework's do in Windows PowerShell 5.1.

Expected answers come from Microsoft's pages:
- quick reference: https://learn.microsoft.com/dotnet/standard/base-types/regular-expression-language-quick-reference
- grouping constructs (numbering: unnamed groups first, then named ones):
  https://learn.microsoft.com/dotnet/standard/base-types/grouping-constructs-in-regular-expressions
- character classes (\\w, \\s, \\d, \\p{..}, subtraction):
  https://learn.microsoft.com/dotnet/standard/base-types/character-classes-in-regular-expressions
- anchors: https://learn.microsoft.com/dotnet/standard/base-types/anchors-in-regular-expressions
- options: https://learn.microsoft.com/dotnet/standard/base-types/regular-expression-options
- backreferences: https://learn.microsoft.com/dotnet/standard/base-types/backreference-constructs-in-regular-expressions
- about_Regular_Expressions, about_Comparison_Operators, about_Split (reference/5.1)
- Regex.Split: https://learn.microsoft.com/dotnet/api/system.text.regularexpressions.regex.split?view=netframework-4.8
The error texts are .NET Framework's RegexParser messages as 5.1 prints them ('parsing "..." - ...').
"""

from __future__ import annotations

import pytest

from support.twin_script import out, ps


def one(st, script: str):
    values = out(st, script)
    assert len(values) == 1, values
    return values[0]


# -- group numbering -------------------------------------------------------------------------------

def test_unnamed_groups_are_numbered_before_named_ones(st):
    # grouping constructs: "Captured groups are numbered first by unnamed groups, left to right, then named groups"
    assert out(st, "'ab' -match '(?<n>a)(b)' | Out-Null; $Matches[1]; $Matches['n']; $Matches.Count") == ["b", "a", 3]
    assert out(st, "'ab' -match '(?<n>a)(b)' | Out-Null; $Matches.ContainsKey(2)") == [False]


def test_group_names_and_numbers_of_a_regex(st):
    assert out(st, "[regex]::new('(?<n>a)(b)(c)').GetGroupNames()") == ["0", "1", "2", "n"]
    assert out(st, "[regex]::new('(?<n>a)(b)(c)').GetGroupNumbers()") == [0, 1, 2, 3]
    # a number as a name: (?<5>...) is group 5; named groups take the free numbers after the unnamed ones
    assert out(st, "[regex]::new('(?<5>a)(b)(?<n>c)').GetGroupNames()") == ["0", "1", "n", "5"]
    assert out(st, "[regex]::new('(?<n>a)(b)').GroupNumberFromName('n')") == [2]


def test_groups_collection_by_number_and_name(st):
    script = "$m = [regex]::Match('John Smith', '(?<first>\\w+) (\\w+)'); $m.Groups[1].Value; $m.Groups[2].Value; " \
             "$m.Groups['first'].Value; $m.Groups[2].Name; $m.Groups[1].Name; $m.Groups.Count"
    assert out(st, script) == ["Smith", "John", "John", "first", "1", 3]


def test_named_group_forms_and_backreferences(st):
    # (?'name'...) is (?<name>...); \k<name>, \k'name' and \number are backreferences
    assert one(st, "'abab' -match \"(?'x'ab)\\k'x'\"") is True
    assert one(st, "'abab' -match '(?<x>ab)\\k<x>'") is True
    assert one(st, "'aa' -match '(a)\\1'") is True
    assert one(st, "'ab' -match '(?<x>a)\\k<x>'") is False


def test_replace_and_split_use_dotnet_numbers(st):
    assert one(st, "'ab' -replace '(?<n>a)(b)', '$1-${n}'") == "b-a"
    assert out(st, "'a1b' -split '(?<n>x)?(\\d)'") == ["a", "1", "b"]


def test_explicit_capture(st):
    # n: only named groups capture
    assert out(st, "'ab' -match '(?n)(a)(?<x>b)' | Out-Null; $Matches.Count; $Matches['x']") == [2, "b"]
    assert out(st, "[regex]::new('(a)(?<x>b)', 'ExplicitCapture').GetGroupNames()") == ["0", "x"]


# -- character classes -----------------------------------------------------------------------------

@pytest.mark.parametrize("pattern, text, expected", [
    (r"^[\w-.]+$", "a-b.c", True),           # a '-' after a shorthand is literal
    (r"^[a-]+$", "a-a", True),               # a '-' last is literal
    (r"^[a-z-[aeiou]]+$", "bcd", True),      # class subtraction
    (r"^[a-z-[aeiou]]+$", "bad", False),
    (r"^[0-9-[2-4]]+$", "1589", True),
    (r"^\p{L}+$", "héllo", True),
    (r"^\p{IsGreek}+$", "αβγ", True),        # a named block
    (r"\P{L}", "abc", False),
    (r"^\d+$", "٣4", True),                  # \d is \p{Nd}: Arabic-Indic digits too
    (r"^\w+$", "é_", True),
    (r"\w", "²", False),                     # \w is [\p{L}\p{Mn}\p{Nd}\p{Pc}]: not No
    (r"^\s$", "\u00a0", True),               # \s includes \p{Z}
    (r"^[^\W\d]+$", "ab", True),
    (r"^[^\W\d]+$", "a1", False),
    (r"a{,2}", "a{,2}", True),               # {,n} is no quantifier in .NET: literal text
    (r"a{,2}", "aa", False),
])
def test_character_classes(st, pattern, text, expected):
    assert one(st, f"'{text}' -cmatch '{pattern}'") is expected


def test_ignorecase_tests_the_lowercased_character(st):
    # with IgnoreCase .NET Framework compares lowercase: \p{Lu} meets no letter that has a lowercase form
    assert one(st, "'ABC' -cmatch '^\\p{Lu}+$'") is True
    assert one(st, "'ABC' -match '\\p{Lu}'") is False
    assert one(st, "'ABC' -match '^[a-z]+$'") is True


# -- anchors ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("pattern, text, expected", [
    (r"^ab$", "ab`n", True),        # $ before a final newline
    (r"ab\Z", "ab`n", True),
    (r"ab\z", "ab`n", False),
    (r"\Aab", "xab", False),
])
def test_anchors(st, pattern, text, expected):
    assert one(st, f"\"{text}\" -match '{pattern}'") is expected


def test_g_anchor_continues_where_the_last_match_ended(st):
    assert out(st, "[regex]::Matches('aab', '\\Ga') | ForEach-Object { $_.Index }") == [0, 1]


# -- options ---------------------------------------------------------------------------------------

def test_inline_options(st):
    assert one(st, "'AB' -cmatch '(?i)a(?-i)B'") is True
    assert one(st, "'Ab' -cmatch '(?i)a(?-i)B'") is False
    assert one(st, "'Ab' -cmatch '(?i:a)b'") is True
    assert one(st, "'a b' -cmatch '(?x) a \\  b # comment'") is True
    assert one(st, "\"a`nb\" -match '(?s)a.b'") is True
    assert one(st, "\"a`nb\" -match 'a.b'") is False
    assert one(st, "\"x`nab\" -match '(?m)^ab'") is True


def test_regex_options_values(st):
    assert out(st, "[regex]::IsMatch('A', 'a'); [regex]::IsMatch('A', 'a', 'IgnoreCase')") == [False, True]
    assert one(st, "[regex]::Match(\"x`nab\", '^AB$', 'IgnoreCase, Multiline').Value") == "ab"
    assert one(st, "[regex]::new('a b', 'IgnorePatternWhitespace').IsMatch('ab')") is True
    assert one(st, "[regex]::new('a.b', 'Singleline').IsMatch(\"a`nb\")") is True


@pytest.mark.parametrize("script", [
    "[regex]::new('a', 'RightToLeft')",
    "'ab' -match '(?<o>a)(?<n-o>b)'",             # balancing group
])
def test_not_emulated_is_refused(st, script):
    r = ps(st, script)
    assert not r.ok or r.errors
    assert "not emulated by the twin" in r.error_text


# -- patterns .NET refuses -------------------------------------------------------------------------

@pytest.mark.parametrize("pattern, message", [
    ("[", "Unterminated [] set."),
    ("(", "Not enough )'s."),
    (")", "Too many )'s."),
    ("a**", "Nested quantifier *."),
    ("a++", "Nested quantifier +."),       # no possessive quantifiers in .NET
    ("*a", "Quantifier {x,y} following nothing."),
    (r"\q", r"Unrecognized escape sequence \q."),
    (r"\_", r"Unrecognized escape sequence \_."),
    ("a{3,2}", "Illegal {x,y} with x > y."),
    ("[z-a]", "[x-y] range in reverse order."),
    (r"[a-\w]", r"Cannot include class \w in character range."),
    (r"\p{Foo}", "Unknown property 'Foo'."),
    (r"\1", "Reference to undefined group number 1."),
    (r"\k<x>", "Reference to undefined group name x."),
    ("(?<a-b>x)", "Reference to undefined group name b."),
    (r"\x4", "Insufficient hexadecimal digits."),
    ("a\\", "Illegal \\ at end of pattern."),
    ("(?z)", "Unrecognized grouping construct."),
])
def test_match_reports_dotnet_parse_errors(st, pattern, message):
    r = ps(st, f"'x' -match '{pattern}'")
    assert f'parsing "{pattern}" - {message}' in r.error_text
    assert "System.ArgumentException" in r.error_text


def test_replace_and_switch_report_an_invalid_pattern(st):
    # -replace and switch -regex wrap the ArgumentException (ParserStrings.InvalidRegularExpression)
    assert "The regular expression pattern [ is not valid." in ps(st, "'x' -replace '[', 'y'").error_text
    assert "The regular expression pattern ( is not valid." in ps(st, "switch -regex ('x') { '(' { 1 } }").error_text


def test_method_reports_the_exception(st):
    r = ps(st, "[regex]::Match('x', '[')")
    assert 'Exception calling "Match" with "2" argument(s): "parsing "[" - Unterminated [] set."' in r.error_text


# -- the .NET objects ------------------------------------------------------------------------------

def test_match_objects(st):
    script = "[regex]::Matches('a1b22', '\\d+') | ForEach-Object { '{0}:{1}:{2}:{3}' -f $_.Index, $_.Length, $_.Value, $_.Success }"
    assert out(st, script) == ["1:1:1:True", "3:2:22:True"]
    assert one(st, "[regex]::Match('abc', 'x').Success") is False


def test_group_captures(st):
    # a quantified group keeps each repetition in Captures; its Value is the last one
    script = "$g = [regex]::Match('abc', '(\\w)+').Groups[1]; $g.Value; $g.Captures.Count; ($g.Captures | ForEach-Object Value) -join ','"
    assert out(st, script) == ["c", 3, "a,b,c"]


def test_split_with_captures_and_options(st):
    assert out(st, "'a1b2' -split '\\d', 0, 'RegexMatch'") == ["a", "b", ""]
    assert out(st, "'a1b2c' -split '(\\d)'") == ["a", "1", "b", "2", "c"]
    assert out(st, "'a1b2c3d' -split '\\d', 2") == ["a", "b2c3d"]
    assert out(st, "'aXbxc' -csplit 'x'") == ["aXb", "c"]
    assert out(st, "'a.b' -split '.', 0, 'SimpleMatch'") == ["a", "b"]
    assert out(st, "[regex]::Split('a1b2c', '(\\d)')") == ["a", "1", "b", "2", "c"]


def test_matches_variable_lists_names_then_numbers_from_the_highest(st):
    # about_Regular_Expressions shows $Matches as 2, 1, 0 and the named keys before 0
    assert out(st, "'abc' -match '(a)(b)' | Out-Null; $Matches.Keys") == [2, 1, 0]
    assert out(st, "'was CONTOSO\\jsmith' -match 'was (?<domain>.+)\\\\(?<user>.+)' | Out-Null; $Matches.Keys") == \
        ["domain", "user", 0]


def test_escape_and_regex_cast(st):
    assert one(st, "[regex]::Escape('a.b c*')") == "a\\.b\\ c\\*"
    assert one(st, "'a.b' -match [regex]::Escape('a.b')") is True
    # a [regex] object keeps its own options: case-sensitive unless built with IgnoreCase
    assert one(st, "'ABC' -match [regex]'b'") is False


# -- Select-String (reference/5.1 Microsoft.PowerShell.Utility/Select-String.md) ------------------

def test_select_string_match_info(st):
    script = "'abc','xyz','xbz' | Select-String 'B' | ForEach-Object { '{0}|{1}|{2}|{3}|{4}|{5}' -f $_.LineNumber, $_.Line, " \
             "$_.Pattern, $_.Matches[0].Index, $_.IgnoreCase, $_.Path }"
    assert out(st, script) == ["1|abc|B|1|True|InputStream", "3|xbz|B|1|True|InputStream"]
    assert one(st, "$r = 'abc' | Select-String 'b'; \"$r\"") == "abc"


def test_select_string_switches(st):
    assert out(st, "'a1b2' | Select-String '\\d' -AllMatches | ForEach-Object { $_.Matches.Value }") == ["1", "2"]
    assert out(st, "'a1b2' | Select-String '\\d' | ForEach-Object { $_.Matches.Value }") == ["1"]
    assert out(st, "'ABC', 'abc' | Select-String 'b' -CaseSensitive | ForEach-Object Line") == ["abc"]
    assert out(st, "'a', 'b' | Select-String 'a' -NotMatch | ForEach-Object Line") == ["b"]
    # -SimpleMatch: the pattern is plain text, and Matches stays empty
    assert out(st, "'a.c', 'abc' | Select-String '.' -SimpleMatch | ForEach-Object { $_.Line; $_.Matches.Count }") == ["a.c", 0]
    # -Quiet: $true when found, $null when not
    assert out(st, "'a', 'b' | Select-String 'b' -Quiet") == [True]
    assert out(st, "'a' | Select-String 'z' -Quiet") == []


def test_select_string_context(st):
    script = "'1','2','3','4','5' | Select-String '3' -Context 1,2 | ForEach-Object { $_.Context.PreContext -join ','; " \
             "$_.Context.PostContext -join ','; $_.ToString() }"
    assert out(st, script) == ["2", "4,5", "  2\r\n> 3\r\n  4\r\n  5"]
    # overlapping context lines are displayed once; the MatchInfo keeps them all
    script = "'1','2','3','4' | Select-String '2|3' -Context 1 | ForEach-Object { $_.Context.PostContext -join ','; " \
             "$_.Context.DisplayPostContext -join ','; $_.Context.DisplayPreContext -join ',' }"
    assert out(st, script) == ["3", "", "1", "4", "4", ""]


def test_select_string_searches_files(st):
    setup = "Set-Content -Path C:\\Windows\\Temp\\a.log -Value 'one','Two error','three','error four'; " \
            "Set-Content -Path C:\\Windows\\Temp\\b.log -Value 'nothing'; "
    # a file's MatchInfo: Path, Filename, the line number in that file; ToString() is 'path:number:line'
    script = setup + "Select-String -Path C:\\Windows\\Temp\\*.log -Pattern 'ERROR' | ForEach-Object { $_.Filename; $_.LineNumber; \"$_\" }"
    assert out(st, script) == ["a.log", 2, "C:\\Windows\\Temp\\a.log:2:Two error", "a.log", 4, "C:\\Windows\\Temp\\a.log:4:error four"]
    # -List: the first match of each file; -Quiet with files: False when no file matches
    assert out(st, setup + "(Select-String -Path C:\\Windows\\Temp\\a.log -Pattern 'error' -List).LineNumber") == [2]
    assert out(st, setup + "Select-String -Path C:\\Windows\\Temp\\b.log -Pattern 'error' -Quiet") == [False]
    # FileInfo objects from the pipeline are searched as files
    assert out(st, setup + "Get-Item C:\\Windows\\Temp\\b.log | Select-String 'nothing' | ForEach-Object Filename") == ["b.log"]
    r = ps(st, "Select-String -Path C:\\Windows\\Temp\\none.log -Pattern 'x'")
    assert "Cannot find path 'C:\\Windows\\Temp\\none.log' because it does not exist." in r.error_text


def test_select_string_include_exclude_encoding(st):
    setup = "Set-Content -Path C:\\Windows\\Temp\\a.log -Value 'error'; Set-Content -Path C:\\Windows\\Temp\\b.txt -Value 'error'; "
    assert out(st, setup + "Select-String -Path C:\\Windows\\Temp\\* -Pattern error -Include *.log | ForEach-Object Filename") == ["a.log"]
    assert out(st, setup + "Select-String -Path C:\\Windows\\Temp\\* -Pattern error -Exclude *.log | ForEach-Object Filename") == ["b.txt"]
    assert out(st, setup + "Select-String -Path C:\\Windows\\Temp\\a.log -Pattern error -Encoding UTF8 | ForEach-Object Line") == ["error"]
    # -Encoding takes the page's accepted values only
    assert "Encoding" in ps(st, "'x' | Select-String 'x' -Encoding Bogus").error_text


def test_match_methods(st):
    # Match.NextMatch() goes on where the match ended; Result() applies a replacement pattern to it
    script = "$m = [regex]::Match('a1b22c', '\\d+'); $m.Value; $m = $m.NextMatch(); $m.Value; $m.NextMatch().Success; $m.Result('<$0>')"
    assert out(st, script) == ["1", "22", False, "<22>"]


@pytest.mark.parametrize("pattern, expected", [
    ("(?(x)a|b)", True),            # (?(expression)yes|no): x does not follow, so b
    ("[[:alpha:]]", False),         # .NET skips [:name:] and keeps the '['
    ("(?<n>a)|(?<n>b)", True),      # one name, one group
    ("a{,}", False),                # no quantifier: the text a{,}
    ("(?-i)A", False),
    ("\\ca", False),              # control-A
    ("[\\b]", False),             # backspace in a class
    ("(?<2>a)\\2", False),        # a numbered group and its backreference
    ("^\\p{IsBasicLatin}+$", True),
])
def test_odd_patterns_dotnet_accepts(st, pattern, expected):
    assert one(st, f"'ab' -match '{pattern}'") is expected


def test_script_block_as_match_evaluator(st):
    # 5.1 converts a script block to the MatchEvaluator delegate: it gets the Match, its output is the text
    assert one(st, "[regex]::Replace('a1b22', '\\d+', { param($m) [int]$m.Value * 2 })") == "a2b44"
    assert one(st, "[regex]::Replace('abc', 'B', { $args[0].Value.ToUpper() }, 'IgnoreCase')") == "aBc"
    assert one(st, "([regex]'\\d').Replace('a1b2', { param($m) \"<$($m.Index)>\" })") == "a<1>b<3>"


def test_regex_options_property(st):
    # Regex.Options is the RegexOptions flags value: 'IgnoreCase, Multiline', 'None'
    script = "$r = [regex]::new('a', 'Multiline, IgnoreCase'); \"$($r.Options)\"; [regex]::new('b', $r.Options).IsMatch('B'); " \
             "\"$(([regex]'x').Options)\""
    assert out(st, script) == ["IgnoreCase, Multiline", True, "None"]


def test_unescape(st):
    # Regex.Unescape turns each escape a pattern knows into its character
    assert one(st, "[regex]::Unescape('a\\.b\\tc\\x41\\u0042\\\\')") == "a.b\tcAB\\"
    assert 'Unrecognized escape sequence \\q.' in ps(st, "[regex]::Unescape('\\q')").error_text


def test_select_string_invalid_pattern(st):
    # MatchStringStrings.InvalidRegex around .NET's text
    r = ps(st, "'abc' | Select-String '['")
    assert 'The string [ is not a valid regular expression: parsing "[" - Unterminated [] set.' in r.error_text
    assert "InvalidRegex,Microsoft.PowerShell.Commands.SelectStringCommand" in r.error_text


def test_select_string_context_validation(st):
    # -Context is [ValidateCount(1, 2)] [ValidateRange(0, int.MaxValue)] (the 5.1 page: one or two numbers)
    assert "requires at least 1 value(s) and no more than 2 value(s) - 3 value(s) were provided." in \
        ps(st, "'a' | Select-String a -Context 1,2,3").error_text
    assert "The -1 argument is less than the minimum allowed range of 0." in ps(st, "'a' | Select-String a -Context -1").error_text


def test_switch_regex_with_a_regex_object(st):
    # a [regex] condition whose IgnoreCase agrees with the switch keeps its own options (here Multiline)
    script = "switch -regex (\"x`nab\") { ([regex]::new('^AB$', 'IgnoreCase, Multiline')) { 'hit' } default { 'miss' } }"
    assert out(st, script) == ["hit"]
    # otherwise its pattern is compiled with the switch's rule: case-insensitive here
    assert out(st, "switch -regex ('AB') { ([regex]'ab') { 'hit' } default { 'miss' } }") == ["hit"]


def test_ecmascript_option(st):
    # "ECMAScript vs. canonical matching behavior": ASCII classes, a backreference to a group that did not
    # take part matches empty, a backslash and digits names the longest group number that exists; other options refused
    assert out(st, "[regex]::Match('h\u00e9llo', '\\w+', 'ECMAScript').Value; [regex]::Match('h\u00e9llo', '\\w+').Value") == \
        ["h", "h\u00e9llo"]
    assert out(st, "[regex]::IsMatch('b', '(a)?b\\1', 'ECMAScript'); [regex]::IsMatch('b', '(a)?b\\1')") == [True, False]
    assert one(st, "[regex]::Match('aa2', '(a)\\12', 'ECMAScript').Value") == "aa2"
    assert one(st, "[regex]::IsMatch('A', 'a', 'ECMAScript, IgnoreCase')") is True
    r = ps(st, "[regex]::new('a', 'ECMAScript, Singleline')")
    assert "Specified argument was out of the range of valid values." in r.error_text


def test_regex_instance_methods_with_count_and_start(st):
    # Regex.Replace(input, replacement, count[, startat]), Split(input, count), Match(input, startat)
    assert one(st, "([regex]'\\d').Replace('a1b2c3', '#', 2)") == "a#b#c3"
    assert one(st, "([regex]'\\d').Replace('a1b2c3', '#', -1, 3)") == "a1b#c#"
    assert out(st, "([regex]'\\d').Split('a1b2c3', 2)") == ["a", "b2c3"]
    assert one(st, "([regex]'\\d').Match('a1b2', 2).Index") == 3
    assert one(st, "([regex]'\\d').Replace('a1b2', '#', 0)") == "a1b2"


def test_notmatch_that_is_false_sets_matches(st):
    # about_Comparison_Operators (5.1): "-match result is True, or the -notmatch result is False, they overwrite $Matches"
    assert out(st, "'abc' -notmatch '(b)'; $Matches[1]") == [False, "b"]
    assert out(st, "'abc' -match '(a)' | Out-Null; 'abc' -notmatch 'x'; $Matches[1]") == [True, "a"]


# -- the examples of about_Regular_Expressions and about_Comments (reference/5.1) ---------------------

@pytest.mark.parametrize("script, expected", [
    ("'book' -match 'oo'", [True]),
    ("'big' -match 'b[iou]g'", [True]),
    ("42 -match '[0-9][0-9]'", [True]),
    ("'Server-01' -match 'Server-\\d\\d'", [True]),
    ("'a1\\ ' -match '....'", [True]),
    ("' - ' -match '\\s- '", [True]),
    ("'SERVER01' -match '[A-Z]+-?\\d\\d'", [True]),
    ("'111-222-3333' -match '\\d{3}-\\d{3}-\\d{4}'", [True]),
    ("'fishing' -match '^fish$'", [False]),
    ("'3.141' -match '3\\.\\d{2,}'", [True]),
    ("[regex]::Escape('3.\\d{2,}')", ["3\\.\\\\d\\{2,}"]),
    ("'John D. Smith' -replace '(\\w+) (\\w+)\\. (\\w+)', '$1.$2.$3@contoso.com'", ["John.D.Smith@contoso.com"]),
    ("'CONTOSO\\Administrator' -replace '\\w+\\\\(?<user>\\w+)', 'FABRIKAM\\${user}'", ["FABRIKAM\\Administrator"]),
    ("'Gobble' -replace 'Gobble', '$& $&'", ["Gobble Gobble"]),
    ("'5.72' -replace '(.+)', '$$$1'", ["$5.72"]),
    ("'book' -match '(?# This is an inline comment)oo'", [True]),
    ("'book' -match '(?x)oo# This is an end-of-line comment'", [True]),
    ("'book' -split 'oo # This is an end-of-line comment', 0, 'IgnorePatternWhitespace'", ["b", "k"]),
])
def test_about_pages_examples(st, script, expected):
    assert out(st, script) == expected


PLANETS = "'Mercury,Venus,Earth,Mars,Jupiter,Saturn,Uranus,Neptune'"


@pytest.mark.parametrize("script, expected", [
    (PLANETS + " -split 'er'", ["M", "cury,Venus,Earth,Mars,Jupit", ",Saturn,Uranus,Neptune"]),
    (PLANETS + " -csplit 'N'", ["Mercury,Venus,Earth,Mars,Jupiter,Saturn,Uranus,", "eptune"]),
    (PLANETS + " -split '[et]'", ["M", "rcury,V", "nus,", "ar", "h,Mars,Jupi", "", "r,Sa", "urn,Uranus,N", "p", "un", ""]),
    (PLANETS + " -split '[er]', 6", ["M", "", "cu", "y,V", "nus,", "arth,Mars,Jupiter,Saturn,Uranus,Neptune"]),
    ("'a,b,c,d', 'e,f,g,h' -split ',', 3", ["a", "b", "c,d", "e", "f", "g,h"]),
    ("\"1The first line.`n2The second line.`n3The third of three lines.\" -split '^\\d', 0, 'Multiline'",
     ["", "The first line.\n", "The second line.\n", "The third of three lines."]),
    ("'This.is.a.test' -split '\\.'", ["This", "is", "a", "test"]),
    ("'This.is.a.test' -split '.', 0, 'SimpleMatch'", ["This", "is", "a", "test"]),
])
def test_about_split_examples(st, script, expected):
    # about_Split (reference/5.1), "Examples"
    assert out(st, script) == expected


def test_regex_options_enum(st):
    # [System.Text.RegularExpressions.RegexOptions] members and casts are RegexOptions values
    prefix = "[System.Text.RegularExpressions.RegexOptions]"
    assert one(st, f"[regex]::new('a', {prefix}::IgnoreCase).IsMatch('A')") is True
    assert one(st, f"\"$({prefix}'IgnoreCase,Multiline')\"") == "IgnoreCase, Multiline"
    assert one(st, f"[regex]::Match(\"x`nAB\", '^ab$', {prefix}'IgnoreCase, Multiline').Value") == "AB"


def test_group_properties(st):
    # System.Text.RegularExpressions.Group (.NET Framework 4.8): Success, Name, Captures, Index, Length, Value
    script = "[regex]::Match('ab', '(?<x>b)').Groups['x'] | ForEach-Object { $_.PSObject.Properties.Name }"
    assert out(st, script) == ["Success", "Name", "Captures", "Index", "Length", "Value"]


def test_groups_indexer(st):
    # GroupCollection[int] is by group number, [string] by name (case-sensitive); a group the pattern lacks
    # is the empty group: Success False, Value ''
    script = "$m = [regex]::Match('abc', '(?<5>a)(b)(?<n>c)'); $m.Groups[5].Value; $m.Groups[2].Value; $m.Groups['n'].Value; " \
             "$m.Groups['N'].Success; $m.Groups[9].Success; $m.Groups[9].Value"
    assert out(st, script) == ["a", "c", "c", False, False, ""]
