"""`labkit lab up` drives Vagrant machine by machine: the domain controller
first, each machine created without provisioning (Hyper-V's adapters come
from a trigger after `up`), then provisioned; a running lab is not started
again, a machine whose provisioning finished is not provisioned again, one
whose provisioning failed is, and a failed build is never reported up.

Vagrant is replaced only at the process boundary: a fake `vagrant` executable
on PATH (python-vagrant runs it as it runs the real one) that keeps machine
states in a JSON file, writes machine ids where Vagrant does, logs every call
and fails `provision NAME` on demand.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import textwrap
from pathlib import Path

import pytest

from labkit import cli
from labkit import vagrant as lv
from labkit.lab import Lab

LAB = Lab.load()
NAMES = [h.name for h in LAB.hosts]

FAKE = textwrap.dedent('''\
    #!{python}
    import json, os, sys, time, uuid
    from pathlib import Path
    state_file = Path(os.environ["FAKE_VAGRANT_STATE"])
    state = json.loads(state_file.read_text()) if state_file.exists() else {{}}
    args = sys.argv[1:]
    with open(os.environ["FAKE_VAGRANT_LOG"], "a") as log:
        log.write(json.dumps(args) + "\\n")
    dot = Path(os.environ["VAGRANT_DOTFILE_PATH"])
    names = {names}
    cmd, rest = args[0], [a for a in args[1:] if not a.startswith("-")]
    provider = next((a.split("=", 1)[1] for a in args if a.startswith("--provider=")), None)
    if provider is None and "--provider" in args:
        provider = args[args.index("--provider") + 1]
        rest = [a for a in rest if a != provider]
    if cmd == "status":
        now = int(time.time())
        for n in rest or names:
            m = state.get(n, {{}})
            print(f"{{now}},{{n}},provider-name,{{m.get('provider', 'libvirt')}}")
            print(f"{{now}},{{n}},state,{{m.get('state', 'not_created')}}")
    elif cmd == "up":
        for n in rest or names:
            m = state.setdefault(n, {{}})
            if m.get("state", "not_created") == "not_created":
                m["provider"] = provider or os.environ.get("FAKE_DEFAULT_PROVIDER", "libvirt")
                d = dot / "machines" / n / m["provider"]
                d.mkdir(parents=True, exist_ok=True)
                (d / "id").write_text(uuid.uuid4().hex)
            m["state"] = "running"
            if "--no-provision" not in args:
                m["provisions"] = m.get("provisions", 0) + 1
    elif cmd == "provision":
        for n in rest or names:
            if n in os.environ.get("FAKE_FAIL_PROVISION", "").split(","):
                state_file.write_text(json.dumps(state))
                sys.stderr.write(f"The following WinRM command responded with a non-zero exit status.\\nAdd-Computer failed on {{n}}\\n")
                sys.exit(1)
            state[n]["provisions"] = state[n].get("provisions", 0) + 1
    elif cmd == "destroy":
        for n in rest or names:
            m = state.pop(n, {{}})
            d = dot / "machines" / n / m.get("provider", "libvirt")
            if (d / "id").exists():
                (d / "id").unlink()
    else:
        sys.exit(f"fake vagrant: {{cmd}} not faked")
    state_file.write_text(json.dumps(state))
''')


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    exe = bin_dir / "vagrant"
    exe.write_text(FAKE.format(python=sys.executable, names=NAMES))
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    env = {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "VAGRANT_DOTFILE_PATH": str(tmp_path / "dot"),
        "FAKE_VAGRANT_STATE": str(tmp_path / "state.json"),
        "FAKE_VAGRANT_LOG": str(tmp_path / "calls.log"),
        lv.PASSWORD_ENV: "Lab-Passw0rd!",
    }

    class Fake:
        def __init__(self):
            self.env = env

        def calls(self) -> list[list[str]]:
            log = Path(env["FAKE_VAGRANT_LOG"])
            return [json.loads(l) for l in log.read_text().splitlines()] if log.exists() else []

        def state(self) -> dict:
            return json.loads(Path(env["FAKE_VAGRANT_STATE"]).read_text())

        def forget_calls(self) -> None:
            Path(env["FAKE_VAGRANT_LOG"]).unlink(missing_ok=True)

    return Fake()


def _ready_kvm(tmp_path: Path) -> lv.HostProbe:
    root = tmp_path / "root"
    (root / "dev").mkdir(parents=True, exist_ok=True)
    (root / "dev" / "kvm").write_text("")
    (root / "sys/module/kvm_intel/parameters").mkdir(parents=True, exist_ok=True)
    (root / "sys/module/kvm_intel/parameters/nested").write_text("Y\n")
    (root / "proc").mkdir(exist_ok=True)
    (root / "proc/meminfo").write_text(f"MemTotal: {64 * 1024 * 1024} kB\n")
    (root / "proc/cpuinfo").write_text("vendor_id\t: GenuineIntel\nflags\t\t: fpu vmx\n")
    return lv.HostProbe(which=lambda name: f"/usr/bin/{name}" if name in ("vagrant", "virsh") else None,
                        root=root, system="Linux", plugins=lambda: ["vagrant-libvirt"])


def _commands(calls: list[list[str]]) -> list[str]:
    return [" ".join(c) for c in calls if c[0] != "status"]


def test_first_up_goes_machine_by_machine_dc_first_provisioning_separately(fake, tmp_path):
    done = lv.up(LAB, probe=_ready_kvm(tmp_path), env=fake.env, vagrant_dir=Path(__file__).parents[1] / "vagrant")
    cmds = _commands(fake.calls())
    expected = []
    for n in NAMES:
        expected += [f"up {n} --no-provision --provider=libvirt", f"provision {n}"]
    assert cmds == expected
    assert NAMES[0] == LAB.domain_controller.name
    assert done == [x for n in NAMES for x in (f"{n}: started", f"{n}: provisioned")]
    assert all(m["state"] == "running" and m["provisions"] == 1 for m in fake.state().values())


def test_up_on_an_up_lab_restarts_and_provisions_nothing(fake, tmp_path):
    vdir = Path(__file__).parents[1] / "vagrant"
    lv.up(LAB, probe=_ready_kvm(tmp_path), env=fake.env, vagrant_dir=vdir)
    fake.forget_calls()
    assert lv.up(LAB, probe=_ready_kvm(tmp_path), env=fake.env, vagrant_dir=vdir) == []
    assert _commands(fake.calls()) == []
    assert all(m["provisions"] == 1 for m in fake.state().values())


def test_a_failed_provisioning_stops_names_the_machine_and_is_redone(fake, tmp_path):
    vdir = Path(__file__).parents[1] / "vagrant"
    node = LAB.node_names[0]
    with pytest.raises(lv.VagrantError, match=f"(?s)provision {node}.*Add-Computer failed on {node}"):
        lv.up(LAB, probe=_ready_kvm(tmp_path), env=dict(fake.env, FAKE_FAIL_PROVISION=node), vagrant_dir=vdir)
    later = NAMES[NAMES.index(node) + 1:]
    assert all(n not in fake.state() for n in later), "nothing after the failed machine was started"
    fake.forget_calls()
    lv.up(LAB, probe=_ready_kvm(tmp_path), env=fake.env, vagrant_dir=vdir)
    cmds = _commands(fake.calls())
    # the failed node is provisioned again (Vagrant's sentinel would have skipped it), the finished ones are not
    assert cmds[0] == f"provision {node}"
    assert not any(c.startswith(f"provision {n}") for c in cmds for n in NAMES[:NAMES.index(node)])
    assert fake.state()[node]["provisions"] == 1


def test_a_machine_made_again_is_provisioned_again(fake, tmp_path):
    vdir = Path(__file__).parents[1] / "vagrant"
    lv.up(LAB, probe=_ready_kvm(tmp_path), env=fake.env, vagrant_dir=vdir)
    node = LAB.node_names[1]
    v = lv.machine(vagrant_dir=vdir, env=fake.env)
    v.destroy(vm_name=node)
    fake.forget_calls()
    lv.up(LAB, probe=_ready_kvm(tmp_path), env=fake.env, vagrant_dir=vdir)
    assert _commands(fake.calls()) == [f"up {node} --no-provision --provider=libvirt", f"provision {node}"]


def test_the_cli_never_says_up_when_provisioning_failed(fake, tmp_path, monkeypatch, capsys):
    for k, v in fake.env.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setenv("FAKE_FAIL_PROVISION", LAB.domain_controller.name)
    monkeypatch.setattr(lv, "preflight", lambda *a, **k: [])
    monkeypatch.setattr(lv, "resolve_provider", lambda provider, env, probe=None: "libvirt")
    assert cli.main(["lab", "up"]) == 1
    out, err = capsys.readouterr()
    assert "is up" not in out
    assert f"provision {LAB.domain_controller.name}" in " ".join(err.split())


@pytest.mark.parametrize("system,usable,env,expected", [
    ("Windows", {}, {}, "hyperv"),                                          # Vagrant's first usable provider block: hyperv
    ("Linux", {}, {}, "libvirt"),
    ("Linux", {"virsh": False}, {}, "virtualbox"),
    ("Windows", {}, {"VAGRANT_DEFAULT_PROVIDER": "virtualbox"}, "virtualbox"),
])
def test_the_provider_is_chosen_as_vagrant_chooses_it(tmp_path, system, usable, env, expected):
    probe = _ready_kvm(tmp_path)
    tools = {"vagrant", "virsh", "VBoxManage"} - {k for k, ok in usable.items() if not ok}
    probe.which = lambda name: f"/usr/bin/{name}" if name in tools else None
    probe.system = system
    assert lv.resolve_provider(None, env, probe) == expected
    assert lv.resolve_provider("libvirt", env, probe) == "libvirt"


def test_hyperv_on_windows_runs_the_trigger_before_provisioning(fake, tmp_path, monkeypatch):
    """Provisioning needs the adapters the Hyper-V trigger adds after `up`: the
    provider Vagrant picks on Windows is detected, and provisioning always
    follows a separate `up --no-provision`."""
    probe = _ready_kvm(tmp_path)
    probe.system = "Windows"
    probe.which = lambda name: f"/usr/bin/{name}" if name == "vagrant" else None
    monkeypatch.setattr(lv, "preflight", lambda *a, **k: [])
    lv.up(LAB, probe=probe, env=fake.env, vagrant_dir=Path(__file__).parents[1] / "vagrant")
    cmds = _commands(fake.calls())
    assert cmds[:2] == [f"up {NAMES[0]} --no-provision --provider=hyperv", f"provision {NAMES[0]}"]
    assert {m["provider"] for m in fake.state().values()} == {"hyperv"}
