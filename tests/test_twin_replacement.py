""".NET replacement patterns, as -replace and [regex]::Replace read them (one routine serves both):
the substitutions of https://learn.microsoft.com/dotnet/standard/base-types/substitutions-in-regular-expressions,
and about_Comparison_Operators' "Regular expressions substitutions" (reference/5.1).

The expected values are the examples of those pages, or follow from their rules: a $number or ${name}
that names no group of the pattern stays literal text, and so does any other $."""

from __future__ import annotations

import pytest

from support.twin_script import out

# Each case once through -creplace (case-sensitive, as .NET's Regex.Replace is) and once through
# [regex]::Replace: the same pattern, replacement and input give the same text.
CASES = [
    # $number: all the digits after the $ make the number
    ("abc", "(b)", "[$1]", "a[b]c"),
    ("one two", r"\b(\w+)(\s)(\w+)\b", "$3$2$1", "two one"),
    ("abc", "(b)", "$10", "a$10c"),                    # no group 10: literal, not group 1 and a 0
    ("abc", "(b)", "${1}0", "ab0c"),                   # ${number} ends the number
    ("abc", "(b)", "$2", "a$2c"),                      # no group 2
    ("abc", "(b)", "$0", "abc"),                       # group 0 is the match
    # ${name}
    ("one two", r"\b(?<word1>\w+)(\s)(?<word2>\w+)\b", "${word2} ${word1}", "two one"),
    ("abc", "(?<x>b)", "${y}", "a${y}c"),              # no group y: literal
    ("abc", "(?<x>b)", "$x", "a$xc"),                  # a name needs the braces
    # .NET numbers the unnamed groups first, then the named ones
    ("ab", "(?<n>a)(b)", "$1$2", "ba"),
    # $$
    ("103 USD", r"\b(\d+)\s?USD", "$$$1", "$103"),
    ("5.72", "(.+)", "$$1", "$1"),
    ("5.72", "(.+)", "$ $1", "$ 5.72"),
    # $&
    ("$1.30", r"(\$*(\d*(\.+\d+)?){1})", "**$&", "**$1.30**"),   # the pattern matches the empty end too
    # $` and $': the text before and after the match, from the original input
    ("AABBCC", "B+", "$`", "AAAACC"),
    ("AABBCC", "B+", "$'", "AACCCC"),
    ("aa1bb2cc3dd4ee5", r"\d+", "$`", "aaaabbaa1bbccaa1bb2ccddaa1bb2cc3ddeeaa1bb2cc3dd4ee"),
    ("aa1bb2cc3dd4ee5", r"\d+", "$'", "aabb2cc3dd4ee5bbcc3dd4ee5ccdd4ee5ddee5ee"),
    # $+: the group .NET numbers last; the match itself when the pattern has none
    ("AABBCCDD", "B+(C+)", "$+", "AACCDD"),
    ("The the dog jumped over the fence fence.", r"\b(\w+)\s\1\b", "$+", "The the dog jumped over the fence."),
    ("abc", "b", "[$+]", "a[b]c"),
    ("ab", "(?<n>a)(b)", "$+", "a"),                   # the named group is the last one
    # $_: the whole input
    ("ABC123DEF456", r"\d+", "$_", "ABCABC123DEF456DEFABC123DEF456"),
    ("abc", "b", "[$_]", "a[abc]c"),
    # any other $ is text
    ("abc", "b", "$", "a$c"),
    ("abc", "b", "$x$", "a$x$c"),
    ("abc", "b", "${", "a${c"),
]


def quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.mark.parametrize("text, pattern, replacement, expected", CASES)
def test_creplace(st, text: str, pattern: str, replacement: str, expected: str) -> None:
    assert out(st, f"{quoted(text)} -creplace {quoted(pattern)}, {quoted(replacement)}") == [expected]


@pytest.mark.parametrize("text, pattern, replacement, expected", CASES)
def test_regex_replace(st, text: str, pattern: str, replacement: str, expected: str) -> None:
    assert out(st, f"[regex]::Replace({quoted(text)}, {quoted(pattern)}, {quoted(replacement)})") == [expected]


@pytest.mark.parametrize("script, expected", [
    ("'abc' -replace 'b', '[$_]'", ["a[abc]c"]),
    ("'ABC' -replace 'b', '[$&]'", ["A[B]C"]),
    # about_Comparison_Operators (5.1): a named-group swap (its class [\w-.] written [\w.]), and $$ before a group
    (r"'Contoso.local\John.Doe' -replace '^(?<DomainName>[\w.]+)\\(?<Username>[\w.]+)$', '${Username}@${DomainName}'",
     ["John.Doe@Contoso.local"]),
    ("'5.72' -replace '(.+)', '$$$1'", ["$5.72"]),
    # about_Regular_Expressions (5.1), "Substitutions in Regular Expressions"
    (r"'John D. Smith' -replace '(\w+) (\w+)\. (\w+)', '$1.$2.$3@contoso.com'", ["John.D.Smith@contoso.com"]),
    (r"'CONTOSO\Administrator' -replace '\w+\\(?<user>\w+)', 'FABRIKAM\${user}'", ["FABRIKAM\\Administrator"]),
    ("'Gobble' -replace 'Gobble', '$& $&'", ["Gobble Gobble"]),
    (r'"Hello World" -replace "(\w+) \w+", "`$1 Universe"', ["Hello Universe"]),
    (r'"5.72" -replace "(.+)", "`$`$`$1"', ["$5.72"]),
    # each item of a collection, each with its own $_ and $`
    ("'a1', 'b22' -replace '\\d', '<$_|$`>'", ["a<a1|a>", "b<b22|b><b22|b2>"]),
    ("([regex]'B+').Replace('AABBCC', '[$`]')", ["AA[AA]CC"]),
])
def test_replace_operator_and_regex_object(st, script: str, expected: list) -> None:
    assert out(st, script) == expected
