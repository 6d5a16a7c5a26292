"""``[xml]`` and PowerShell's XML adapter on the twin.

The expectations follow the adapter's rules (XmlNodeAdapter in PowerShell's
src/System.Management.Automation/engine/CoreAdapter.cs, unchanged since 5.1):
attributes and child nodes are properties by local name, case-insensitive;
several children of one name are an array; an element without attributes whose
only child is text reads as that text; a CDATA section is not text, so its
element stays a node and the text is under '#cdata-section'; whitespace is
ignored; ``"$node"`` is the node's local name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from labkit.twin.session import run_script

DOC = """<?xml version="1.0" encoding="utf-8"?>
<Report Version="2">
  <Channel id="c1" Type="Summary">
    <ChannelName><![CDATA[Inventory]]></ChannelName>
  </Channel>
  <Channel id="t1">
    <Title><Value><![CDATA[List BIOS Information]]></Value></Title>
    <Message Level="Warn"><![CDATA[first]]></Message>
    <Message><![CDATA[second]]></Message>
  </Channel>
  <Plain>just text</Plain>
  <Empty />
  <Mixed kind="a">words</Mixed>
</Report>"""


def ps(tmp_path: Path, script: str, **args: object) -> list[str]:
    r = run_script(script, host="CLUSTERNODE-1", state_dir=tmp_path / "s", args=dict(args) or None)
    assert r.ok and not r.errors, r.error_text
    return [line for line in r.text.splitlines() if line.strip()]


def one(tmp_path: Path, expr: str) -> list[str]:
    return ps(tmp_path, "param($t)\n$x = [xml]$t\n" + expr, t=DOC)


@pytest.mark.parametrize("expr,expected", [
    ("$x.Report.Version", ["2"]),                                                  # an attribute is a property
    ("$x.report.CHANNEL.Count", ["2"]),                                            # names are case-insensitive; two children: an array
    ("$x.Report.Channel[0].ChannelName.'#cdata-section'", ["Inventory"]),           # CDATA: its element stays a node
    ("$x.Report.Channel[1].Title.Value.'#cdata-section'", ["List BIOS Information"]),
    ("$x.Report.Channel[1].Message.Level", ["Warn"]),                               # member enumeration over the two messages
    ("$x.Report.Channel[1].Message | ForEach-Object { $_.'#cdata-section' }", ["first", "second"]),
    ("$x.Report.Plain", ["just text"]),                                             # only text, no attributes: the text
    ("$x.Report.Plain.GetType().FullName", ["System.String"]),
    ("$x.Report.Empty -eq ''", ["True"]),                                           # no children: its (empty) inner text
    ("$x.Report.Mixed.'#text'; $x.Report.Mixed.kind", ["words", "a"]),              # attributes keep the node: the text is '#text'
    ('"$($x.Report.Channel[0])"', ["Channel"]),                                     # ToString: the local name
    ('"$x"', ["#document"]),
    ("$x.xml", ['version="1.0" encoding="utf-8"']),                                 # the declaration
    ("$x.GetType().FullName; $x.Report.GetType().FullName", ["System.Xml.XmlDocument", "System.Xml.XmlElement"]),
    ("$x.Report.Channel[1].GetAttribute('id')", ["t1"]),
    ("$x.DocumentElement.LocalName; $x.Report.Plain -is [string]", ["Report", "True"]),
    ("$x.Report.Channel[0].InnerText", ["Inventory"]),
    ("$x.Report.NoSuchChild -eq $null", ["True"]),                                  # no such property: $null, as for any object
])
def test_the_xml_adapter(tmp_path: Path, expr: str, expected: list[str]) -> None:
    assert one(tmp_path, expr) == expected


def test_lines_of_get_content_make_one_document(tmp_path: Path) -> None:
    # [xml](Get-Content file) without -Raw: the lines, joined
    assert ps(tmp_path, "$x = [xml]@('<a>', '  <b>1</b>', '  <b>2</b>', '</a>')\n$x.a.b -join ','") == ["1,2"]


def test_a_file_read_back_parses(tmp_path: Path) -> None:
    out = ps(tmp_path, "param($t)\nSet-Content -LiteralPath C:\\r.xml -Value $t\n"
                       "$x = [xml](Get-Content -LiteralPath C:\\r.xml -Raw)\n$x.Report.Channel[0].id", t=DOC)
    assert out == ["c1"]


def test_malformed_xml_is_a_conversion_error(tmp_path: Path) -> None:
    r = run_script("$x = [xml]'<a><b></a>'", host="CLUSTERNODE-1", state_dir=tmp_path / "s")
    assert not r.ok or r.errors
    assert r.errors[0].message.startswith('Cannot convert value "<a><b></a>" to type "System.Xml.XmlDocument". Error: "')
    assert "Line 1, position" in r.errors[0].message


@pytest.mark.parametrize("expr,what", [
    ("$x.Report.OuterXml", "OuterXml"),
    ("$x.SelectNodes('//Channel')", "SelectNodes()"),
    ("$x.Report.OuterXml = 'x'", "Setting"),
])
def test_what_the_twin_does_not_model_is_refused(tmp_path: Path, expr: str, what: str) -> None:
    r = run_script("param($t)\n$x = [xml]$t\n" + expr, host="CLUSTERNODE-1", state_dir=tmp_path / "s", args={"t": DOC})
    assert r.errors and "not emulated by the twin" in r.errors[0].message and what in r.errors[0].message


@pytest.mark.parametrize("rval,shown", [
    ("@{testprop = 1}", "System.Collections.Hashtable"), ("$null", ""), ("1", "1"), ("'teststring'", "teststring"),
    ("@('teststring1', 'teststring2')", "teststring1 teststring2"), ("@(1, 2)", "1 2"),
])
def test_setting_a_text_node_property_stores_its_string(tmp_path: Path, rval: str, shown: str) -> None:
    # PowerShell's own test (test/powershell/engine/ETS/Adapter.Tests.ps1, "Can set XML node property to
    # non-string object"): the value is converted to a string.
    assert ps(tmp_path, f"[xml]$x = '<root><data/></root>'\n$x.root.data = {rval}\n'[' + $x.root.data + ']'") == [f"[{shown}]"]


def test_a_set_shows_through_every_view_of_the_document(tmp_path: Path) -> None:
    out = ps(tmp_path, "[xml]$x = '<root a=\"1\"><data>old</data></root>'\n$r = $x.root\n$x.DocumentElement.data = 'new'\n"
                       "$r.data\n$x.root.a = 2\n$x.root.a\n$x.root.data.GetType().Name")
    assert out == ["new", "2", "String"]


def test_what_cannot_take_a_string_is_refused_as_windows_refuses_it(tmp_path: Path) -> None:
    r = run_script("[xml]$x = '<root><c k=\"1\">t</c><d/><d/></root>'\n$x.root.c = 'v'", host="CLUSTERNODE-1", state_dir=tmp_path / "s")
    assert r.errors[0].message == 'Cannot set "c" because only strings can be used as values to set XmlNode properties.'
    r = run_script("[xml]$x = '<root><d/><d/></root>'\n$x.root.d = 'v'", host="CLUSTERNODE-1", state_dir=tmp_path / "s")
    assert r.errors[0].message == 'Cannot set "d" because only strings can be used as values to set XmlNode properties.'
