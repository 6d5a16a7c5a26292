"""labkit.vagrant without VMs: preflight checks, `vagrant winrm-config`
parsing, the inventory lab file, and the CLI's refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from labkit import cli
from labkit import vagrant as lv
from labkit.lab import Lab

# What `vagrant winrm-config` prints, per Vagrant's template
# (templates/commands/winrm_config/config.erb): one block per machine; the
# RDP lines appear when the machine forwards RDP.  VirtualBox forwards WinRM to
# a local port; libvirt and Hyper-V give the guest's own address.
WINRM_CONFIG = """\
Host DC01
  HostName 127.0.0.1
  User vagrant
  Password vagrant
  Port 55985
  RDPHostName 127.0.0.1
  RDPPort 53389
  RDPUser vagrant
  RDPPassword vagrant
Host STORAGE01
  HostName 127.0.0.1
  User vagrant
  Password vagrant
  Port 2200
Host CLUSTERNODE-1
  HostName 192.168.121.57
  User vagrant
  Password vagrant
  Port 5985
Host CLUSTERNODE-2
  HostName "192.168.121.58"
  User vagrant
  Password vagrant
  Port 5985
"""


def blocks() -> dict[str, str]:
    out, name = {}, None
    for line in WINRM_CONFIG.splitlines(keepends=True):
        if line.startswith("Host "):
            name = line.split()[1]
            out[name] = ""
        out[name] += line
    return out


def test_parse_winrm_config():
    parsed = lv.parse_winrm_config(WINRM_CONFIG)
    assert list(parsed) == ["DC01", "STORAGE01", "CLUSTERNODE-1", "CLUSTERNODE-2"]
    assert parsed["DC01"] == {"HostName": "127.0.0.1", "User": "vagrant", "Password": "vagrant", "Port": "55985",
                              "RDPHostName": "127.0.0.1", "RDPPort": "53389", "RDPUser": "vagrant", "RDPPassword": "vagrant"}
    assert parsed["CLUSTERNODE-2"]["HostName"] == "192.168.121.58"


def test_connections_from_winrm_config():
    conns = lv.connections_from_winrm_config(WINRM_CONFIG, ["DC01", "clusternode-1"])
    assert conns["DC01"].endpoint == "http://127.0.0.1:55985/wsman"
    assert conns["clusternode-1"].endpoint == "http://192.168.121.57:5985/wsman"
    assert conns["DC01"].transport == "ntlm"


def test_connections_name_the_machines_vagrant_did_not_report():
    with pytest.raises(lv.VagrantError, match="CLUSTERNODE-9"):
        lv.connections_from_winrm_config(WINRM_CONFIG, ["DC01", "CLUSTERNODE-9"])


def test_inventory_writes_a_lab_file_for_the_winrm_backend(tmp_path: Path):
    lab = Lab.load()
    out = tmp_path / "vagrant-lab.yaml"
    asked = []

    def config_text(name: str) -> str:
        asked.append(name)
        return blocks()[name]

    result = lv.inventory(lab, out, config_text=config_text)
    assert asked == [h.name for h in lab.hosts]
    written = Lab.load(out)
    assert {h.name: h.connection.endpoint for h in written.hosts} == {
        "DC01": "http://127.0.0.1:55985/wsman",
        "STORAGE01": "http://127.0.0.1:2200/wsman",
        "CLUSTERNODE-1": "http://192.168.121.57:5985/wsman",
        "CLUSTERNODE-2": "http://192.168.121.58:5985/wsman",
    }
    assert [h.connection for h in result.hosts] == [h.connection for h in written.hosts]
    # Everything else is the lab as it was; no credential is written.
    assert written.domain == lab.domain and written.networks == lab.networks and written.node_names == lab.node_names
    text = out.read_text(encoding="utf-8")
    assert "Password" not in text and "vagrant" not in text.split("\n", 2)[2]
    assert not list(tmp_path.glob("*.tmp"))


# -- preflight ------------------------------------------------------------------

def fake_host(tmp_path: Path, *, kvm: bool = True, nested: str | None = "Y", module: str = "kvm_intel",
              tools: tuple[str, ...] = ("vagrant", "virsh"), plugins: tuple[str, ...] = ("vagrant-libvirt",),
              mem_gib: int = 64, cpu_flags: str = "fpu vmx sse2", system: str = "Linux") -> lv.HostProbe:
    root = tmp_path / "host"
    (root / "proc").mkdir(parents=True, exist_ok=True)
    (root / "proc" / "meminfo").write_text(f"MemTotal:       {mem_gib * 1024 * 1024} kB\n")
    (root / "proc" / "cpuinfo").write_text(f"processor\t: 0\nflags\t\t: {cpu_flags}\n")
    if kvm:
        (root / "dev").mkdir(exist_ok=True)
        (root / "dev" / "kvm").write_text("")
    if nested is not None:
        params = root / "sys" / "module" / module / "parameters"
        params.mkdir(parents=True, exist_ok=True)
        (params / "nested").write_text(nested + "\n")
    return lv.HostProbe(which=lambda name: f"/usr/bin/{name}" if name in tools else None, root=root,
                        system=system, plugins=lambda: list(plugins))


def test_preflight_passes_on_a_ready_kvm_host(tmp_path):
    assert lv.preflight(Lab.load(), "libvirt", fake_host(tmp_path)) == []
    assert lv.preflight(Lab.load(), None, fake_host(tmp_path, nested="1", module="kvm_amd")) == []


def test_preflight_names_vagrant(tmp_path):
    missing = lv.preflight(None, "libvirt", fake_host(tmp_path, tools=("virsh",)))
    assert [m.what for m in missing] == ["Vagrant"]
    assert "apt-get install vagrant" in missing[0].fix


def test_preflight_names_nested_virtualization(tmp_path):
    missing = lv.preflight(None, "libvirt", fake_host(tmp_path, nested="N"))
    assert [m.what for m in missing] == ["KVM nested virtualization"]
    assert "options kvm_intel nested=1" in missing[0].fix
    missing = lv.preflight(None, "libvirt", fake_host(tmp_path / "b", nested=None))
    assert "modprobe kvm_intel nested=1" in missing[0].fix


def test_preflight_names_kvm_libvirt_and_the_plugin(tmp_path):
    missing = lv.preflight(None, "libvirt", fake_host(tmp_path, kvm=False, tools=("vagrant",), plugins=()))
    assert [m.what for m in missing] == ["libvirt (virsh)", "vagrant-libvirt plugin", "/dev/kvm"]


def test_preflight_for_virtualbox_and_hyperv(tmp_path):
    host = fake_host(tmp_path, cpu_flags="fpu sse2")
    assert [m.what for m in lv.preflight(None, "virtualbox", host)] == ["VirtualBox (VBoxManage)", "CPU virtualization"]
    assert [m.what for m in lv.preflight(None, "hyperv", host)] == ["Hyper-V provider"]
    assert lv.preflight(None, "hyperv", fake_host(tmp_path / "w", system="Windows")) == []
    assert lv.preflight(None, "virtualbox", fake_host(tmp_path / "v", tools=("vagrant", "VBoxManage"))) == []


def test_preflight_without_any_provider_lists_each_providers_gaps(tmp_path):
    missing = lv.preflight(None, None, fake_host(tmp_path, kvm=False, tools=("vagrant",), plugins=()))
    whats = [m.what for m in missing]
    assert whats[0] == "a Vagrant provider with nested virtualization"
    assert "[libvirt] /dev/kvm" in whats and "[virtualbox] VirtualBox (VBoxManage)" in whats
    assert "[hyperv] Hyper-V provider" in whats


def test_preflight_checks_memory_against_the_lab(tmp_path):
    missing = lv.preflight(Lab.load(), "libvirt", fake_host(tmp_path, mem_gib=8))
    assert [m.what for m in missing] == ["memory"]
    assert "need 22 GiB" in missing[0].fix


def test_preflight_on_this_machine_says_what_to_install(capsys):
    """The real host: `labkit lab up` refuses and names each missing piece, or the host is ready."""
    missing = lv.preflight(Lab.load())
    if not missing:
        pytest.skip("this host is ready for the Vagrant lab")
    assert cli.main(["lab", "up"]) == 1
    err = capsys.readouterr().err
    assert "preflight" in err
    for m in missing:
        assert m.what in err
    assert cli.main(["lab", "up", "--check"]) == 1


def test_up_refuses_without_the_domain_password(tmp_path):
    with pytest.raises(lv.VagrantError, match="LABKIT_WINRM_PASSWORD"):
        lv.up(Lab.load(), provider="libvirt", probe=fake_host(tmp_path), env={"PATH": "/usr/bin"})


def test_up_refuses_an_unknown_provider_in_preflight(tmp_path):
    with pytest.raises(lv.PreflightFailed, match="provider 'vmware'"):
        lv.up(Lab.load(), provider="vmware", probe=fake_host(tmp_path), env={})


def test_vagrant_env_points_at_the_lab_file(tmp_path):
    lab_file = tmp_path / "my-lab.yaml"
    env = lv.vagrant_env(Path("relative") / lab_file.name, base={"PATH": "/bin", "LABKIT_LAB": "old"})
    assert Path(env["LABKIT_LAB"]).is_absolute() and env["LABKIT_LAB"].endswith("my-lab.yaml")
    assert "LABKIT_LAB" not in lv.vagrant_env(None, base={"LABKIT_LAB": "old"})


def test_cli_usage_errors():
    with pytest.raises(SystemExit) as e:
        cli.main(["lab", "inventory"])  # --out is required
    assert e.value.code == 2
    with pytest.raises(SystemExit) as e:
        cli.main(["lab", "up", "--provider", "vmware"])
    assert e.value.code == 2
    assert cli.main(["lab", "status", "/nonexistent/lab.yaml"]) == 2


def test_machine_without_a_vagrantfile_says_where_to_point(tmp_path):
    with pytest.raises(lv.VagrantError, match="no Vagrantfile"):
        lv.machine(vagrant_dir=tmp_path, env={"PATH": "/usr/bin:/bin"})
