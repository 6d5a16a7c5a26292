"""vagrant/Vagrantfile under the real `vagrant` binary.

`vagrant validate` and `vagrant status` load our Vagrantfile; `vagrant
labkit-plan` (a command the Vagrantfile defines) prints what Vagrant itself
computed for every machine, which must equal the lab file.  Debian's vagrant
package lacks the Ruby winrm gems, so the tests put the shim in
tests/support/rubylib on RUBYLIB (see DEVELOPERS.md).  Vagrant's state and home
go to tmp: nothing is written into the repository.
"""

from __future__ import annotations

import ipaddress
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from labkit.lab import DEFAULT_LAB_PATH, Lab

ROOT = Path(__file__).resolve().parents[1]
VAGRANT_DIR = ROOT / "vagrant"
RUBYLIB = ROOT / "tests" / "support" / "rubylib"
NETWORKS = ("Public", "iSCSI", "Heartbeat", "Management")

NO_VAGRANT = "the `vagrant` binary is not installed (apt-get install vagrant); CI installs it"
if shutil.which("vagrant") is None and os.environ.get("LABKIT_REQUIRE_VAGRANT") == "1":
    # .ci/run exports LABKIT_REQUIRE_VAGRANT=1: there a missing vagrant is a failure, never a quiet skip.
    @pytest.fixture(autouse=True)
    def _vagrant_required() -> None:
        pytest.fail(NO_VAGRANT + " (LABKIT_REQUIRE_VAGRANT=1 makes that a failure)")
else:
    pytestmark = pytest.mark.skipif(shutil.which("vagrant") is None, reason=NO_VAGRANT)


@pytest.fixture
def venv(tmp_path: Path) -> dict[str, str]:
    """Environment for Vagrant: home and machine state in tmp, the winrm shim on RUBYLIB."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VAGRANT_", "LABKIT_"))}
    env.update(
        VAGRANT_HOME=str(tmp_path / "vagrant-home"),
        VAGRANT_DOTFILE_PATH=str(tmp_path / "dot-vagrant"),
        VAGRANT_CHECKPOINT_DISABLE="1",
        VAGRANT_NO_COLOR="1",
        RUBYLIB=os.pathsep.join(filter(None, [str(RUBYLIB), os.environ.get("RUBYLIB")])),
    )
    return env


def vagrant(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run(["vagrant", *args], cwd=VAGRANT_DIR, env=env, capture_output=True, text=True, timeout=600)
    if check and proc.returncode != 0:
        pytest.fail(f"vagrant {' '.join(args)} exited {proc.returncode}\nstdout:\n{proc.stdout[-3000:]}\nstderr:\n{proc.stderr[-3000:]}")
    return proc


def plan(env: dict[str, str]) -> dict:
    return json.loads(vagrant(env, "labkit-plan").stdout)


def machine_readable(out: str) -> list[list[str]]:
    return [line.split(",", 3) for line in out.splitlines() if line.count(",") >= 3]


def test_repository_stays_clean_of_vagrant_state(venv):
    vagrant(venv, "validate")
    assert not (VAGRANT_DIR / ".vagrant").exists()


def test_validate_passes(venv):
    out = vagrant(venv, "validate").stdout
    assert "validated successfully" in out


def test_status_lists_every_machine(venv):
    proc = vagrant(venv, "status", "--machine-readable", check=False)
    rows = machine_readable(proc.stdout)
    errors = [r for r in rows if r[2] == "error-exit"]
    if errors and "ProviderNotUsable" in errors[0][3]:
        pytest.skip("`vagrant status` needs a usable default provider; Debian's vagrant-libvirt package gives one "
                    f"(apt-get install vagrant-libvirt): {errors[0][3][:200]}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    states = {r[1]: r[3] for r in rows if r[2] == "state"}
    assert list(states) == [h.name for h in Lab.load().hosts]
    assert set(states.values()) == {"not_created"}


def test_labkit_lab_status_drives_vagrant_status(venv, monkeypatch, capsys):
    from labkit import cli

    probe = vagrant(venv, "status", "--machine-readable", check=False)
    if "ProviderNotUsable" in probe.stdout:
        pytest.skip("`vagrant status` needs a usable default provider (apt-get install vagrant-libvirt)")
    for key in [k for k in os.environ if k.startswith(("VAGRANT_", "LABKIT_"))]:
        monkeypatch.delenv(key)
    for key, value in venv.items():
        monkeypatch.setenv(key, value)
    assert cli.main(["lab", "status"]) == 0
    out = capsys.readouterr().out
    for host in Lab.load().hosts:
        assert host.name in out
    assert "not_created" in out


def _check_plan_matches_lab(got: dict, lab: Lab) -> None:
    machines = got["machines"]
    assert [m["name"] for m in machines] == [h.name for h in lab.hosts]
    for m, host in zip(machines, lab.hosts):
        assert m["hostname"] == host.name
        assert m["communicator"] == "winrm" and m["guest"] == "windows"
        expected = [
            {"network": net, "ip": str(host.addresses[net]), "netmask": str(lab.networks[net].netmask)}
            for net in NETWORKS if net in host.addresses
        ]
        assert [{k: n[k] for k in ("network", "ip", "netmask")} for n in m["networks"]] == expected
        for n in m["networks"]:
            assert n["virtualbox__intnet"] == n["libvirt__network_name"] == f"labkit-{n['network']}"
        macs = [n["mac"] for n in m["networks"]]
        assert len(set(macs)) == len(macs)
        mb = host.memory // 1024**2
        hv, lv, vb = (m["providers"][p] for p in ("hyperv", "libvirt", "virtualbox"))
        # Nested virtualization for every provider a user may have.
        assert hv["enable_virtualization_extensions"] is True and hv["maxmemory"] is None
        assert (hv["memory"], hv["cpus"]) == (mb, host.cpus)
        assert ["modifyvm", "id", "--nested-hw-virt", "on"] in [c[1] for c in vb["customizations"]]
        assert ["modifyvm", "id", "--memory", str(mb)] in [c[1] for c in vb["customizations"]]
        assert ["modifyvm", "id", "--cpus", host.cpus] in [c[1] for c in vb["customizations"]]
        if lv is not None:  # the vagrant-libvirt plugin is installed
            assert lv["nested"] is True and lv["cpu_mode"] == "host-passthrough"
            assert (lv["memory"], lv["cpus"]) == (mb, host.cpus)
        provisioners = {p["name"]: p for p in m["provisioners"]}
        expected_names = {"dc": ["network", "forest", "dns"], "storage": ["network", "join", "iscsi-target"],
                          "node": ["network", "join", "credssp"]}[host.role]
        assert [p["name"] for p in m["provisioners"]] == expected_names
        for p in m["provisioners"]:
            assert Path(VAGRANT_DIR / p["path"]).is_file()
            assert p["type"] == "shell"
        adapters = provisioners["network"]["args"][1]
        for n in m["networks"]:
            assert f"{n['network']}={n['mac']}={n['ip']}/{lab.networks[n['network']].prefixlen}" in adapters.split(";")
        for name in ("forest", "join"):
            if name in provisioners:
                p = provisioners[name]
                assert p["reboot"] is True and p["sensitive"] is True
                assert p["env"] == ["LABKIT_ADMIN_PASSWORD_B64"]
                assert p["args"][p["args"].index("-DomainName") + 1] == lab.domain.fqdn
                assert p["args"][p["args"].index("-NetbiosName") + 1] == lab.domain.netbios
        if "join" in provisioners:
            dns = str(lab.domain_controller.addresses["Public"])
            assert provisioners["join"]["args"][-1] == dns
            assert provisioners["network"]["args"][-2:] == ["-DnsServers", dns]


def test_plan_equals_the_default_lab(venv):
    got = plan(venv)
    assert Path(got["lab"]) == DEFAULT_LAB_PATH.resolve()
    lab = Lab.load()
    _check_plan_matches_lab(got, lab)
    for m in got["machines"]:
        assert m["boxes"] == {"virtualbox": "gusztavvargadr/windows-server-2022-standard",
                              "hyperv": "gusztavvargadr/windows-server-2022-standard",
                              "libvirt": "peru/windows-server-2022-standard-x64-eval"}


def test_changing_the_lab_file_changes_what_vagrant_builds(venv, tmp_path):
    data = yaml.safe_load(DEFAULT_LAB_PATH.read_text(encoding="utf-8"))
    data["os"]["version"] = "2019"
    data["nodes"][0]["name"] = "HV-A"
    data["nodes"][1]["addresses"]["Heartbeat"] = "10.0.30.99"
    data["networks"]["iSCSI"]["cidr"] = "10.9.0.0/16"
    for host in [data["storage_server"], *data["nodes"]]:
        host["addresses"]["iSCSI"] = host["addresses"]["iSCSI"].replace("10.0.20.", "10.9.0.")
    data["nodes"].append({"name": "HV-C", "memory": "6GB", "cpus": 3, "addresses": {
        "Public": "192.168.10.33", "iSCSI": "10.9.0.33", "Heartbeat": "10.0.30.33", "Management": "10.0.40.33"}})
    lab_file = tmp_path / "changed-lab.yaml"
    lab_file.write_text(yaml.safe_dump(data), encoding="utf-8")
    lab = Lab.load(lab_file)  # still a valid lab

    env = dict(venv, LABKIT_LAB=str(lab_file))
    got = plan(env)
    _check_plan_matches_lab(got, lab)
    names = [m["name"] for m in got["machines"]]
    assert names == ["DC01", "STORAGE01", "HV-A", "CLUSTERNODE-2", "HV-C"]
    assert {m["box"] for m in got["machines"]} == {"gusztavvargadr/windows-server-2019-standard"}
    assert {m["boxes"]["libvirt"] for m in got["machines"]} == {"peru/windows-server-2019-standard-x64-eval"}
    node2 = next(m for m in got["machines"] if m["name"] == "CLUSTERNODE-2")
    assert {"network": "Heartbeat", "ip": "10.0.30.99"}.items() <= next(n for n in node2["networks"] if n["network"] == "Heartbeat").items()
    assert all(n["netmask"] == str(ipaddress.ip_network("10.9.0.0/16").netmask)
               for m in got["machines"] for n in m["networks"] if n["network"] == "iSCSI")

    status = machine_readable(vagrant(env, "status", "--machine-readable", check=False).stdout)
    if not any(r[2] == "error-exit" for r in status):
        assert [r[1] for r in status if r[2] == "state"] == names


def test_a_version_without_a_public_box_needs_labkit_box(venv, tmp_path):
    data = yaml.safe_load(DEFAULT_LAB_PATH.read_text(encoding="utf-8"))
    data["os"]["version"] = "2016"
    lab_file = tmp_path / "lab-2016.yaml"
    lab_file.write_text(yaml.safe_dump(data), encoding="utf-8")
    env = dict(venv, LABKIT_LAB=str(lab_file))
    proc = vagrant(env, "validate", check=False)
    assert proc.returncode != 0
    assert "Windows Server 2016" in proc.stderr and "LABKIT_BOX" in proc.stderr
    got = plan(dict(env, LABKIT_BOX="example/windows-server-2016"))
    assert {b for m in got["machines"] for b in m["boxes"].values()} == {"example/windows-server-2016"}


def test_provisioning_refuses_without_the_domain_password(venv):
    proc = vagrant(venv, "provision", check=False)
    assert proc.returncode != 0
    assert "LABKIT_WINRM_PASSWORD" in proc.stderr
    # Only provisioning needs it.
    vagrant(venv, "validate")


def test_the_password_reaches_the_guest_encoded_and_never_in_the_plan(venv):
    secret = "Pa$$w0rd 'quoted' `tick`"
    got = json.dumps(plan(dict(venv, LABKIT_WINRM_PASSWORD=secret)))
    assert secret not in got and "Pa$$w0rd" not in got


def test_without_the_shim_debian_vagrant_cannot_load_winrm(venv):
    """Why the shim exists; skipped where the real winrm gem is installed."""
    ruby = shutil.which("ruby")
    if ruby is None or subprocess.run([ruby, "-e", "require 'winrm'"], capture_output=True).returncode == 0:
        pytest.skip("the Ruby winrm gem is installed here: Vagrant needs no shim")
    env = {k: v for k, v in venv.items() if k != "RUBYLIB"}
    proc = vagrant(env, "validate", check=False)
    assert proc.returncode != 0 and "cannot load such file -- winrm" in proc.stderr
