"""The Vagrant lab's known defects (issue 14), each pinned against what the
real `vagrant` computes from vagrant/Vagrantfile (`vagrant labkit-plan`, with
the Ruby winrm shim, see DEVELOPERS.md) or against the provisioning scripts
as tree-sitter-pwsh parses them.  The Python side (`labkit lab up`) is in
test_vagrant_up.py.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from labkit import pslint
from labkit import vagrant as lv
from labkit.lab import DEFAULT_LAB_PATH, Lab

ROOT = Path(__file__).resolve().parents[1]
VAGRANT_DIR = ROOT / "vagrant"
PROVISION = VAGRANT_DIR / "provision"
RUBYLIB = ROOT / "tests" / "support" / "rubylib"
LAB = Lab.load()

needs_vagrant = pytest.mark.skipif(shutil.which("vagrant") is None,
                                   reason="the `vagrant` binary is not installed (apt-get install vagrant); CI installs it")


def _plan(tmp: Path, lab_file: Path | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VAGRANT_", "LABKIT_"))}
    env.update(VAGRANT_HOME=str(tmp / "home"), VAGRANT_DOTFILE_PATH=str(tmp / "dot"), VAGRANT_CHECKPOINT_DISABLE="1",
               VAGRANT_NO_COLOR="1", RUBYLIB=os.pathsep.join(filter(None, [str(RUBYLIB), os.environ.get("RUBYLIB")])))
    if lab_file:
        env["LABKIT_LAB"] = str(lab_file)
    proc = subprocess.run(["vagrant", "labkit-plan"], cwd=VAGRANT_DIR, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return {m["name"]: m for m in json.loads(proc.stdout)["machines"]}


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> dict:
    return _plan(tmp_path_factory.mktemp("plan"))


def _reference() -> dict[str, set[str]]:
    return pslint.reference(PROVISION / "cmdlets.json")


# 1. DC promotion breaks the negotiate transport: Basic over HTTP, lab only.
@needs_vagrant
def test_1_vagrants_winrm_is_basic_over_http_and_the_readme_says_lab_only(plan):
    for m in plan.values():
        assert (m["winrm"]["transport"], m["winrm"]["basic_auth_only"]) == ("plaintext", True), m["name"]
    readme = " ".join((VAGRANT_DIR / "README.md").read_text(encoding="utf-8").split())
    assert "hashicorp/vagrant#13505" in readme and "lab-only" in readme


# 2. Hyper-V's switch question, and the lab adapters after every start.
@needs_vagrant
def test_2_hyperv_switch_is_chosen_and_adapters_reconnected_on_every_start(plan, tmp_path):
    for m in plan.values():
        assert m["hyperv_switches"] == ["Default Switch"]
        assert {t["command"] for t in m["after_triggers"]} == {"up", "reload"}
        script = m["hyperv_script"]
        assert pslint.syntax_problems(pslint.parse(script)) == []
        assert pslint.unknown_commands(script, _reference()) == []
        used = {c for c, _, _ in pslint.commands(pslint.parse(script))}
        assert {"Add-VMNetworkAdapter", "Connect-VMNetworkAdapter", "Set-VMNetworkAdapter"} <= used
    data = yaml.safe_load(DEFAULT_LAB_PATH.read_text(encoding="utf-8"))
    data["vagrant"] = {"bridge": "Lab Uplink"}
    lab_file = tmp_path / "bridged.yaml"
    lab_file.write_text(yaml.safe_dump(data), encoding="utf-8")
    Lab.load(lab_file)   # labkit accepts the key too
    assert {tuple(m["hyperv_switches"]) for m in _plan(tmp_path, lab_file).values()} == {("Lab Uplink",)}


# 3, 4, 5: see test_vagrant_up.py (provider detection, resumable provisioning, DC first).
def test_5_nodes_wait_for_a_working_domain_long_enough_for_nested_boots():
    text = (PROVISION / "join-domain.ps1").read_text(encoding="utf-8")
    calls = pslint.commands(pslint.parse(text))
    resolve = [p for c, p, _ in calls if c == "Resolve-DnsName"]
    assert resolve and "Type" in resolve[0] and "_ldap._tcp.dc._msdcs.$DomainName" in text
    assert any(c == "Test-NetConnection" and "Port" in p for c, p, _ in calls) and "-Port 389" in text
    assert "AddMinutes(45)" in text
    assert text.index("Test-NetConnection") < text.index("Add-Computer -DomainName")


# 6. VirtualBox's NAT adapter stays out of DNS and out of the cluster.
def test_6_the_provider_adapter_stays_out_of_dns_and_the_cluster(tmp_path):
    text = (PROVISION / "network.ps1").read_text(encoding="utf-8")
    assert any(c == "Set-DnsClient" and "RegisterThisConnectionsAddress" in p for c, p, _ in pslint.commands(pslint.parse(text)))
    # The shipped new-cluster step, on the twin, with VirtualBox's NAT address on the first node.
    from labkit import steps
    from labkit.backends.twin import TwinBackend
    from labkit.twin.session import run_script

    backend = TwinBackend(LAB, tmp_path / "state")
    plans = {n.name: {"Networks": steps.network_plan(LAB, n)} for n in LAB.nodes}
    backend.run(LAB.node_names, steps.script("configure-network"), host_args=plans).raise_for_errors()
    backend.run(LAB.node_names, steps.script("install-features"), {"Restart": True}).raise_for_errors()
    nat = run_script("New-NetIPAddress -InterfaceAlias Management -IPAddress 10.0.2.15 -PrefixLength 24 | Out-Null",
                     host=LAB.node_names[0], state_dir=tmp_path / "state")
    assert nat.ok, nat.error_text
    args = {"Name": LAB.cluster.name, "StaticAddress": LAB.cluster.address, "Nodes": LAB.node_names,
            "LabNetworks": [str(n) for n in LAB.networks.values()]}
    r = backend.run([LAB.node_names[0]], steps.script("new-cluster"), args, logon=steps.logon("new-cluster")).raise_for_errors()
    assert r[LAB.node_names[0]].data["IgnoredNetwork"] == "10.0.2.0/24"


# 7. max_tries, not the nonexistent retry_limit; a reboot wait long enough for a DC.
@needs_vagrant
def test_7_winrm_settings_exist_and_the_reboot_wait_is_long(plan):
    for m in plan.values():
        assert m["winrm"]["unknown_settings"] == [], f"Vagrant ignores these WinRM settings: {m['winrm']['unknown_settings']}"
        assert m["winrm"]["max_tries"] >= 30
        assert m["reboot_retry_duration"] >= 1800


# 9. AMD hosts: configuration version 10.0 for nested virtualization.
@needs_vagrant
def test_9_amd_hyperv_vms_get_configuration_version_10(plan):
    script = next(iter(plan.values()))["hyperv_script"]
    assert "AuthenticAMD" in script and "Update-VMVersion" in script and "[version]'10.0'" in script


def test_9_preflight_checks_the_cpu_vendor_for_nested_hyperv_on_amd(tmp_path):
    def windows(vendor: str, build: int) -> lv.HostProbe:
        probe = lv.HostProbe(which=lambda n: f"C:/bin/{n}" if n == "vagrant" else None, root=tmp_path, system="Windows")
        probe.cpu_vendor = lambda: vendor          # type: ignore[method-assign]
        probe.windows_build = lambda: build        # type: ignore[method-assign]
        return probe

    amd_old = lv.preflight(None, "hyperv", windows("AuthenticAMD", 19045))
    assert [m.what for m in amd_old] == ["nested virtualization on AMD"]
    assert "22000" in amd_old[0].fix and "10.0" in amd_old[0].fix
    assert lv.preflight(None, "hyperv", windows("AuthenticAMD", 22631)) == []
    assert lv.preflight(None, "hyperv", windows("GenuineIntel", 19045)) == []


# 10. VirtualBox nested Hyper-V: said plainly.
def test_10_virtualbox_is_marked_experimental():
    readme = " ".join((VAGRANT_DIR / "README.md").read_text(encoding="utf-8").split())
    assert "VirtualBox is experimental" in readme


# The CredSSP server role on the nodes, nothing broader.
@needs_vagrant
def test_nodes_get_the_credssp_server_role_only(plan):
    for m in plan.values():
        names = [p["name"] for p in m["provisioners"]]
        assert ("credssp" in names) == (m["name"] in LAB.node_names), m["name"]
    text = (PROVISION / "credssp.ps1").read_text(encoding="utf-8")
    roles = [p for c, p, _ in pslint.commands(pslint.parse(text)) if c == "Enable-WSManCredSSP"]
    assert roles and "-Role Server" in text and "-Role Client" not in text and "DelegateComputer" not in text
