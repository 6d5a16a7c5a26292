"""An escaped dollar at the start of a here-string line stays literal (about_Quoting_Rules, 5.1: "To prevent the
substitution of a variable value in a double-quoted string, use the backtick character").
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_quoting_rules?view=powershell-5.1
"""

from __future__ import annotations

from support.twin_script import out


def test_escaped_variable_at_a_here_string_line_start(st):
    # the here-string about_Classes_Inheritance prints its comparisons with
    script = '$x = 5\n@"\nA: $x\n`$x.Equals(`$y) = $($x)\n"@'
    assert out(st, script) == ["A: 5\n$x.Equals($y) = 5"]


def test_variable_alone_at_a_here_string_line_start(st):
    # tree-sitter's variable node there holds the line break: the value was lost (PowerShell's BasicParsing tests
    # build class definitions this way and run them with Invoke-Expression)
    script = '$p = "A`nB"\n$c = @"\n    {\n$p\n        x\n"@\n$c'
    assert out(st, script) == ["    {\nA\nB\n        x"]
