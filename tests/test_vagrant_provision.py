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

from labkit import pslint

ROOT = Path(__file__).resolve().parents[1]
PROVISION = ROOT / "vagrant" / "provision"
SCRIPTS = sorted(PROVISION.glob("*.ps1"))


def reference() -> dict[str, set[str]]:
    """Cmdlet name (lower case) -> parameter names (lower case)."""
    return pslint.reference(PROVISION / "cmdlets.json")


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
    assert pslint.syntax_problems(pslint.parse(script.read_bytes())) == []


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_script_uses_only_documented_cmdlets_and_parameters(script: Path):
    text = script.read_bytes()
    assert pslint.commands(pslint.parse(text)), f"{script.name}: no commands found; the walker or the grammar changed"
    assert pslint.unknown_commands(text, reference()) == []


def test_walker_sees_commands_and_parameters():
    """The checks above mean something only if the walker finds these."""
    src = b"Get-NetAdapter -Name x | Where-Object { $_.A }\nRemove-NetIPAddress -IPAddress 1 -Confirm:$false\n"
    found = pslint.commands(pslint.parse(src))
    assert ("Get-NetAdapter", ["Name"], 1) in found
    assert ("Remove-NetIPAddress", ["IPAddress", "Confirm"], 2) in found
    assert pslint.syntax_problems(pslint.parse(b"if ($x) {"))


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
