"""ConvertFrom-StringData as the Windows PowerShell 5.1 reference page describes it
(reference/5.1/Microsoft.PowerShell.Utility/ConvertFrom-StringData.md)."""

from __future__ import annotations

import pytest

from support.twin_script import ps


# Examples 2, 3 and 7: one pair a line, "#" comments ignored, "Top = Red `n Bottom = Blue", backslash escapes
# by Regex.Unescape ("\\" keeps a backslash).
def test_pairs_comments_and_escapes(tmp_path):
    r = ps(tmp_path, r"""
        $h = ConvertFrom-StringData -StringData "Top = Red `n  # a comment`n Bottom = Blue\tX"
        $h.GetType().FullName; $h.Count; $h.top; $h.Bottom
        (ConvertFrom-StringData 'Message=Look in C:\\Windows').Message
        ('a=1', 'b=2' | ConvertFrom-StringData).Count
    """)
    assert r.ok and not r.errors, r.error_text
    # two piped strings are two hashtables
    assert r.output == ["System.Collections.Hashtable", 2, "Red", "Blue\tX", r"Look in C:\Windows", 2]


@pytest.mark.parametrize("data, message", [
    ("novalue", "Data line 'novalue' is not in 'name=value' format. "),
    ("a=1`nA=2", "Data item 'A' in line 'A=2' is already defined. "),
    (r"a=C:\Windows", r'parsing "C:\Windows" - Unrecognized escape sequence \W.'),
])
def test_bad_lines_are_errors(tmp_path, data, message):
    r = ps(tmp_path, f'ConvertFrom-StringData "{data}"')
    assert r.output == [] and r.errors[0].message == message
