"""ConvertTo-Html as Windows PowerShell 5.1 writes it (its 5.1 page; the lines of ConvertToHtmlCommand as
PowerShell's repository imported it from 5.1).

https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/convertto-html?view=powershell-5.1
"""

from __future__ import annotations

from support.twin_script import ps, out

OBJ = "$o = [pscustomobject]@{ Name = 'n1'; Size = 5; Tags = 'a', 'b' }; "
PAGE_HEAD = ['<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"  "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">',
             '<html xmlns="http://www.w3.org/1999/xhtml">', "<head>"]


def test_page_with_a_table(st):
    lines = out(st, OBJ + "$o | ConvertTo-Html")
    assert lines == PAGE_HEAD + ["<title>HTML TABLE</title>", "</head><body>", "<table>",
                                 "<colgroup><col/><col/><col/></colgroup>", "<tr><th>Name</th><th>Size</th><th>Tags</th></tr>",
                                 "<tr><td>n1</td><td>5</td><td>System.Object[]</td></tr>", "</table>", "</body></html>"]


def test_fragment_is_the_table_alone(st):
    assert out(st, OBJ + "$o, $o | ConvertTo-Html -Fragment -Property Name") == [
        "<table>", "<colgroup><col/></colgroup>", "<tr><th>Name</th></tr>", "<tr><td>n1</td></tr>", "<tr><td>n1</td></tr>",
        "</table>"]


# -As List: name/value rows, a horizontal rule between objects.
def test_list_view(st):
    assert out(st, OBJ + "$o, $o | ConvertTo-Html -Fragment -As List -Property Name, Size") == [
        "<table>", "<tr><td>Name:</td><td>n1</td></tr>", "<tr><td>Size:</td><td>5</td></tr>", "<tr><td><hr></td></tr>",
        "<tr><td>Name:</td><td>n1</td></tr>", "<tr><td>Size:</td><td>5</td></tr>", "</table>"]


# -Title, -CssUri, -Body, -PreContent, -PostContent (Example 5 and the parameter descriptions).
def test_page_parameters(st):
    lines = out(st, OBJ + "$o | ConvertTo-Html -Property Name -Title 'Report' -CssUri 'page.css' -Body 'Intro' "
                          "-PreContent '<h1>Nodes</h1>' -PostContent 'end'")
    assert lines == PAGE_HEAD + ["<title>Report</title>", '<link rel="stylesheet" type="text/css" href="page.css" />',
                                 "</head><body>", "Intro", "<h1>Nodes</h1>", "<table>", "<colgroup><col/></colgroup>",
                                 "<tr><th>Name</th></tr>", "<tr><td>n1</td></tr>", "</table>", "end", "</body></html>"]
    assert out(st, OBJ + "($o | ConvertTo-Html -Head '<title>T</title>', '<style></style>')[3..4]") == ["<title>T</title>", "<style></style>"]


# Values are HTML-encoded; calculated properties take Expression, Label, Width and Alignment.
def test_encoding_and_calculated_properties(st):
    lines = out(st, "[pscustomobject]@{ V = '<a & \"b\">' } | ConvertTo-Html -Fragment -Property V, "
                    "@{ Label = 'Twice'; Expression = { $_.V.Length * 2 }; Width = '20'; Alignment = 'right' }")
    assert lines[1:4] == ['<colgroup><col/><col width = "20" align = "right"/></colgroup>', "<tr><th>V</th><th>Twice</th></tr>",
                          "<tr><td>&lt;a &amp; &quot;b&quot;&gt;</td><td>18</td></tr>"]


# 5.1 knows no Name key in a ConvertTo-Html property (PowerShell 6 added it).
def test_name_key_is_not_valid_in_5_1(st):
    r = ps(st, "[pscustomobject]@{ V = 1 } | ConvertTo-Html -Property @{ Name = 'x'; Expression = { 1 } }")
    assert r.errors[0].message == "The Name key is not valid."


# Wildcards: "*" over an object with several properties names each; a pattern that names one keeps its text.
def test_property_patterns(st):
    assert out(st, "([pscustomobject]@{ Alpha = 1; Beta = 2; Apex = 3 } | ConvertTo-Html -Fragment -Property A*)[2]") == [
        "<tr><th>Alpha</th><th>Apex</th></tr>"]
    assert out(st, "('hello' | ConvertTo-Html -Fragment)[2..3]") == ["<tr><th>*</th></tr>", "<tr><td>5</td></tr>"]


def test_5_1_has_no_meta_charset_transitional(st):
    for p in ("-Charset utf-8", "-Transitional", "-Meta @{a='b'}"):
        assert "A parameter cannot be found" in ps(st, f"1 | ConvertTo-Html {p}").error_text
