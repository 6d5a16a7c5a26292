"""The Vagrant provisioning scripts: they parse, and every command and
parameter they use exists in Microsoft's reference.

The reference is the union of the twin's labkit/twin/signatures.json and
vagrant/provision/cmdlets.json (the AD DS, DNS server, local-account and
domain-join cmdlets only the provisioning uses), each entry citing its
learn.microsoft.com page.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tree_sitter
import tree_sitter_pwsh

ROOT = Path(__file__).resolve().parents[1]
PROVISION = ROOT / "vagrant" / "provision"
SCRIPTS = sorted(PROVISION.glob("*.ps1"))
PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_pwsh.language()))


def reference() -> dict[str, set[str]]:
    """Cmdlet name (lower case) -> parameter names (lower case)."""
    twin = json.loads((ROOT / "labkit" / "twin" / "signatures.json").read_text(encoding="utf-8"))
    ours = json.loads((PROVISION / "cmdlets.json").read_text(encoding="utf-8"))
    common = {p.lower() for p in twin.get("common_parameters", {})}
    ref: dict[str, set[str]] = {}
    for name, sig in twin["cmdlets"].items():
        ref.setdefault(name.lower(), set(common)).update(p.lower() for p in sig["parameters"])
    for name, sig in ours["cmdlets"].items():
        ref.setdefault(name.lower(), set(common)).update(p.lower() for p in sig["parameters"])
    return ref


def problems(node: tree_sitter.Node) -> list[str]:
    found = []
    if node.type == "ERROR" or node.is_missing:
        kind = "missing" if node.is_missing else "unparsable"
        found.append(f"{kind} {node.type!r} at line {node.start_point[0] + 1}: {node.text[:60]!r}")
    for child in node.children:
        found += problems(child)
    return found


def commands(node: tree_sitter.Node) -> list[tuple[str, list[str], int]]:
    """(command name, its -Parameter names, line) for every command in the tree."""
    found = []
    if node.type == "command":
        name = next((c for c in node.children if c.type in ("command_name", "command_name_expr")), None)
        if name is not None:
            params = []
            for elements in (c for c in node.children if c.type == "command_elements"):
                params += [e.text.decode().lstrip("-").rstrip(":") for e in elements.children if e.type == "command_parameter"]
            found.append((name.text.decode(), params, node.start_point[0] + 1))
    for child in node.children:
        found += commands(child)
    return found


def test_there_are_provisioning_scripts():
    names = {p.name for p in SCRIPTS}
    assert {"network.ps1", "forest.ps1", "dns.ps1", "join-domain.ps1", "iscsi-target.ps1"} <= names


def test_every_reference_entry_cites_learn_microsoft_com():
    ours = json.loads((PROVISION / "cmdlets.json").read_text(encoding="utf-8"))
    for name, sig in ours["cmdlets"].items():
        assert sig["source"].startswith("https://learn.microsoft.com/"), name
        assert sig["parameters"], name


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_script_parses_without_errors(script: Path):
    tree = PARSER.parse(script.read_bytes())
    assert problems(tree.root_node) == []


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_script_uses_only_documented_cmdlets_and_parameters(script: Path):
    ref = reference()
    found = commands(PARSER.parse(script.read_bytes()).root_node)
    assert found, f"{script.name}: no commands found; the walker or the grammar changed"
    unknown = []
    for name, params, line in found:
        if name.lower() not in ref:
            unknown.append(f"line {line}: {name} is in neither reference file")
            continue
        for p in params:
            if p.lower() not in ref[name.lower()]:
                unknown.append(f"line {line}: {name} has no parameter -{p}")
    assert unknown == []


def test_walker_sees_commands_and_parameters():
    """The checks above mean something only if the walker finds these."""
    src = b"Get-NetAdapter -Name x | Where-Object { $_.A }\nRemove-NetIPAddress -IPAddress 1 -Confirm:$false\n"
    found = commands(PARSER.parse(src).root_node)
    assert ("Get-NetAdapter", ["Name"], 1) in found
    assert ("Remove-NetIPAddress", ["IPAddress", "Confirm"], 2) in found
    assert problems(PARSER.parse(b"if ($x) {").root_node)


def test_a_misspelt_parameter_would_be_caught():
    ref = reference()
    assert "domainnetbiosname" in ref["install-addsforest"]
    assert "netbiosname" not in ref["install-addsforest"]


def test_no_password_literal_in_scripts_or_vagrantfile():
    """Passwords come from LABKIT_WINRM_PASSWORD; the only literal one is the box default."""
    vagrantfile = (ROOT / "vagrant" / "Vagrantfile").read_text(encoding="utf-8")
    assert [l.strip() for l in vagrantfile.splitlines() if "password" in l.lower() and "=" in l and '"vagrant"' in l] == [
        'config.winrm.password = "vagrant"'
    ]
    for script in SCRIPTS:
        text = script.read_text(encoding="utf-8")
        assert "AsPlainText" not in text or "LABKIT_ADMIN_PASSWORD_B64" in text, script.name
