"""The real lab through Vagrant: preflight checks, lifecycle and inventory.

``vagrant/Vagrantfile`` reads the same lab file as labkit (``LABKIT_LAB``),
so names and addresses cannot drift.  This module drives it with
python-vagrant (``vagrant.Vagrant(root=..., env=...)``):

- :func:`preflight` lists what the host lacks (Vagrant, a provider, nested
  virtualization, memory), each with what to install or switch on;
- :func:`up`, :func:`status`, :func:`down` run the Vagrant commands;
- :func:`inventory` asks Vagrant how to reach each machine over WinRM
  (``vagrant winrm-config``) and writes a lab file whose hosts carry those
  connections, for ``labkit run --backend winrm --lab FILE``.

Nothing here holds a password: Vagrant's provisioning reads
``LABKIT_WINRM_PASSWORD`` from the environment.
"""

from __future__ import annotations

import contextlib
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from labkit.lab import Connection, Lab

PROVIDERS = ("libvirt", "virtualbox", "hyperv")
PASSWORD_ENV = "LABKIT_WINRM_PASSWORD"
# Windows builds from which Hyper-V runs nested virtualization on AMD processors.
AMD_NESTED_BUILD = 22000
# Host memory left for the host itself on top of the VMs.
HOST_RESERVE = 2 * 1024**3


def default_vagrant_dir() -> Path:
    """The folder with the Vagrantfile: LABKIT_VAGRANT_DIR, else vagrant/ of this checkout."""
    env = os.environ.get("LABKIT_VAGRANT_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[1] / "vagrant"


class VagrantError(RuntimeError):
    """Vagrant cannot do what was asked; the message says why and what to do."""


@dataclass(frozen=True)
class Missing:
    """Something the host lacks for the real lab, and how to get it."""

    what: str
    fix: str

    def __str__(self) -> str:
        return f"{self.what}: {self.fix}"


class PreflightFailed(VagrantError):
    def __init__(self, missing: list[Missing]):
        self.missing = missing
        lines = "\n".join(f"  - {m}" for m in missing)
        super().__init__(f"the host cannot run the Vagrant lab yet; {len(missing)} thing(s) missing:\n{lines}")


# -- preflight ----------------------------------------------------------------

@dataclass
class HostProbe:
    """How preflight looks at the host; tests replace the parts."""

    which: Callable[[str], str | None] = shutil.which
    root: Path = Path("/")
    system: str = platform.system()
    plugins: Callable[[], list[str]] | None = None

    def read(self, path: str) -> str | None:
        try:
            return (self.root / path.lstrip("/")).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None

    def exists(self, path: str) -> bool:
        return (self.root / path.lstrip("/")).exists()

    def vagrant_plugins(self) -> list[str]:
        if self.plugins is not None:
            return self.plugins()
        exe = self.which("vagrant")
        if not exe:
            return []
        try:
            out = subprocess.run([exe, "plugin", "list", "--machine-readable"], capture_output=True,
                                 text=True, timeout=120, check=False).stdout
        except (OSError, subprocess.TimeoutExpired):
            return []
        return [line.split(",", 3)[3].strip() for line in out.splitlines() if line.count(",") >= 3 and line.split(",")[2] == "plugin-name"]

    def cpu_vendor(self) -> str:
        """``GenuineIntel``, ``AuthenticAMD`` or "" (Linux: /proc/cpuinfo; Windows: the processor string)."""
        m = re.search(r"^vendor_id\s*:\s*(\S+)", self.read("/proc/cpuinfo") or "", re.MULTILINE)
        if m:
            return m.group(1)
        text = platform.processor() if self.system == "Windows" else ""
        return next((v for v in ("AuthenticAMD", "GenuineIntel") if v in text), "")

    def windows_build(self) -> int:
        """The Windows build number (22000 is Windows 11 / Server 2022's generation), 0 elsewhere."""
        try:
            return int(platform.version().split(".")[-1]) if self.system == "Windows" else 0
        except ValueError:
            return 0

    def memory_bytes(self) -> int | None:
        text = self.read("/proc/meminfo")
        m = re.search(r"^MemTotal:\s+(\d+)\s+kB", text or "", re.MULTILINE)
        return int(m.group(1)) * 1024 if m else None


def _kvm_nested(probe: HostProbe) -> tuple[bool, str]:
    """Whether KVM nested virtualization is on, and which module says so."""
    for module in ("kvm_intel", "kvm_amd"):
        value = probe.read(f"/sys/module/{module}/parameters/nested")
        if value is not None:
            return value.strip() in ("Y", "y", "1"), module
    return False, ""


def _cpu_virtualization(probe: HostProbe) -> str | None:
    """'vmx' (Intel VT-x), 'svm' (AMD-V), or None if /proc/cpuinfo shows neither."""
    flags = set()
    for line in (probe.read("/proc/cpuinfo") or "").splitlines():
        if line.startswith("flags"):
            flags.update(line.split(":", 1)[1].split())
    return "vmx" if "vmx" in flags else "svm" if "svm" in flags else None


def usable_providers(probe: HostProbe) -> dict[str, list[Missing]]:
    """For each provider, what it lacks on this host (an empty list: usable)."""
    report: dict[str, list[Missing]] = {}
    lib: list[Missing] = []
    if probe.system != "Linux":
        lib.append(Missing("libvirt provider", "libvirt/KVM needs a Linux host"))
    else:
        if not probe.which("virsh"):
            lib.append(Missing("libvirt (virsh)", "install libvirt and QEMU/KVM, e.g. `apt-get install libvirt-daemon-system qemu-kvm libvirt-clients`"))
        if "vagrant-libvirt" not in probe.vagrant_plugins():
            lib.append(Missing("vagrant-libvirt plugin", "`apt-get install vagrant-libvirt` or `vagrant plugin install vagrant-libvirt`"))
        if not probe.exists("/dev/kvm"):
            lib.append(Missing("/dev/kvm", "switch on Intel VT-x / AMD-V in the firmware and load kvm_intel or kvm_amd (`modprobe kvm_intel`)"))
        else:
            nested, module = _kvm_nested(probe)
            if not module:
                lib.append(Missing("KVM nested virtualization",
                                   "neither kvm_intel nor kvm_amd is loaded (no /sys/module/kvm_*/parameters/nested): "
                                   "`modprobe kvm_intel nested=1` (Intel) or `modprobe kvm_amd nested=1` (AMD)"))
            elif not nested:
                lib.append(Missing("KVM nested virtualization",
                                   f"/sys/module/{module}/parameters/nested is not Y/1: `echo 'options {module} nested=1' > /etc/modprobe.d/kvm-nested.conf`, "
                                   f"then `modprobe -r {module} && modprobe {module}` with no VM running, or reboot"))
    report["libvirt"] = lib

    vbox: list[Missing] = []
    if not probe.which("VBoxManage"):
        vbox.append(Missing("VirtualBox (VBoxManage)", "install VirtualBox 6.0 or later (nested VT-x/AMD-V needs 6.0+ on AMD, 6.1+ on Intel)"))
    if probe.system == "Linux" and _cpu_virtualization(probe) is None:
        vbox.append(Missing("CPU virtualization", "the CPU flags show neither vmx nor svm: switch on Intel VT-x / AMD-V in the firmware"))
    report["virtualbox"] = vbox

    hv: list[Missing] = []
    if probe.system != "Windows":
        hv.append(Missing("Hyper-V provider", "Hyper-V needs a Windows host (Windows 10/11 Pro or Windows Server) with the Hyper-V role"))
    elif probe.cpu_vendor() == "AuthenticAMD" and probe.windows_build() < AMD_NESTED_BUILD:
        # "Run Hyper-V in a Virtual Machine with Nested Virtualization": on AMD, Windows 11 or
        # Windows Server 2022 as the host and VM configuration version 10.0 or later
        # (https://learn.microsoft.com/en-us/virtualization/hyper-v-on-windows/user-guide/nested-virtualization)
        hv.append(Missing("nested virtualization on AMD",
                          f"this host runs Windows build {probe.windows_build()}; nested Hyper-V on AMD needs Windows 11 or "
                          f"Windows Server 2022 (build {AMD_NESTED_BUILD} or later) and VMs of configuration version 10.0 "
                          "(the Vagrantfile's Hyper-V trigger updates the VMs to it)"))
    report["hyperv"] = hv
    return report


def preflight(lab: Lab | None = None, provider: str | None = None, probe: HostProbe | None = None) -> list[Missing]:
    """What the host lacks for the real lab; an empty list means go.

    With ``provider`` only that provider is checked; without, one usable
    provider is enough (and all their gaps are listed if none is).
    """
    probe = probe or HostProbe()
    missing: list[Missing] = []
    if not probe.which("vagrant"):
        missing.append(Missing("Vagrant", "install Vagrant 2.3 or later (`apt-get install vagrant` on Debian/Ubuntu, or https://developer.hashicorp.com/vagrant/install)"))
    if provider is not None and provider not in PROVIDERS:
        missing.append(Missing(f"provider {provider!r}", f"choose one of {', '.join(PROVIDERS)}"))
    else:
        report = usable_providers(probe)
        if provider is not None:
            missing += report[provider]
        elif not any(not gaps for gaps in report.values()):
            missing.append(Missing("a Vagrant provider with nested virtualization",
                                   "none is usable; get one of libvirt/KVM, VirtualBox or Hyper-V ready (details below)"))
            for name, gaps in report.items():
                missing += [Missing(f"[{name}] {g.what}", g.fix) for g in gaps]
    if lab is not None:
        need = sum(h.memory for h in lab.hosts) + HOST_RESERVE
        have = probe.memory_bytes()
        if have is not None and have < need:
            missing.append(Missing("memory", f"the lab's VMs need {need / 1024**3:.0f} GiB with the host's own share, this host has {have / 1024**3:.1f} GiB; "
                                             "use a bigger host or lower memory: in a copy of the lab file"))
    return missing


# -- lifecycle ----------------------------------------------------------------

def vagrant_env(lab_path: str | Path | None, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for Vagrant: LABKIT_LAB points at the lab file (absolute)."""
    env = dict(os.environ if base is None else base)
    if lab_path:
        env["LABKIT_LAB"] = str(Path(lab_path).resolve())
    else:
        env.pop("LABKIT_LAB", None)
    return env


def machine(lab_path: str | Path | None = None, vagrant_dir: str | Path | None = None,
            env: dict[str, str] | None = None, quiet: bool = True):
    """A python-vagrant ``Vagrant`` for the lab's Vagrantfile.

    Vagrant's stderr is kept (``labkit_stderr``) so failures can say why.
    """
    import vagrant  # python-vagrant

    root = Path(vagrant_dir) if vagrant_dir else default_vagrant_dir()
    if not (root / "Vagrantfile").is_file():
        raise VagrantError(f"no Vagrantfile in {root}; pass --vagrant-dir or set LABKIT_VAGRANT_DIR to the vagrant/ folder of labkit")
    env = env if env is not None else vagrant_env(lab_path)
    if not shutil.which("vagrant", path=env.get("PATH")):
        raise VagrantError("Vagrant is not installed: `apt-get install vagrant` on Debian/Ubuntu, or https://developer.hashicorp.com/vagrant/install")
    v = vagrant.Vagrant(root=str(root), env=env, quiet_stdout=quiet, quiet_stderr=True)
    v.labkit_stderr = ""

    @contextlib.contextmanager
    def stderr():
        with tempfile.TemporaryFile(mode="w+b") as f:
            try:
                yield f
            finally:
                f.seek(0)
                v.labkit_stderr = f.read().decode("utf-8", "replace")
                if not quiet:
                    sys.stderr.write(v.labkit_stderr)

    v.err_cm = stderr
    return v


def _why(stderr: str) -> str:
    if "cannot load such file -- winrm" in stderr:
        return ("this Vagrant lacks the Ruby winrm gems (Debian's vagrant package does): install HashiCorp's Vagrant "
                "from https://developer.hashicorp.com/vagrant/install (tests put the shim tests/support/rubylib on RUBYLIB)")
    lines = [l for l in stderr.strip().splitlines() if l.strip() and not l.lstrip().startswith("from ")]
    return "\n".join(lines[-12:]) if lines else "Vagrant printed no error; run the command in the vagrant/ folder"


@dataclass(frozen=True)
class MachineStatus:
    name: str
    state: str
    provider: str | None


def _run(v, what: str, call: Callable[[], object]) -> object:
    try:
        return call()
    except subprocess.CalledProcessError as e:
        raise VagrantError(f"`vagrant {what}` failed (exit {e.returncode}): {_why(getattr(v, 'labkit_stderr', ''))}") from None


def status(lab_path: str | Path | None = None, vagrant_dir: str | Path | None = None,
           env: dict[str, str] | None = None) -> list[MachineStatus]:
    v = machine(lab_path, vagrant_dir, env)
    result = _run(v, "status", v.status)
    return [MachineStatus(s.name, s.state, s.provider) for s in result]  # type: ignore[union-attr]


# The provider blocks of vagrant/Vagrantfile, in their order.  Vagrant's
# choice without --provider or VAGRANT_DEFAULT_PROVIDER is the first of them
# that is usable ("Default Provider", https://developer.hashicorp.com/vagrant/docs/providers/basic_usage):
# on a Windows host with Hyper-V that is hyperv.
VAGRANTFILE_PROVIDERS = ("hyperv", "libvirt", "virtualbox")


def resolve_provider(provider: str | None, env: dict[str, str], probe: HostProbe | None = None) -> str | None:
    """The provider Vagrant will use for new machines, as Vagrant picks it."""
    if provider:
        return provider
    if env.get("VAGRANT_DEFAULT_PROVIDER"):
        return env["VAGRANT_DEFAULT_PROVIDER"]
    report = usable_providers(probe or HostProbe())
    return next((p for p in VAGRANTFILE_PROVIDERS if not report[p]), None)


def _dotfile_dir(v, env: dict[str, str]) -> Path:
    return Path(env.get("VAGRANT_DOTFILE_PATH") or Path(v.root) / ".vagrant")


def _machine_id(v, env: dict[str, str], name: str, provider: str) -> str:
    """Vagrant's id of the machine (its data folder's ``id`` file), "" when it has none."""
    try:
        return (_dotfile_dir(v, env) / "machines" / name / provider / "id").read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def _provisioned_marker(v, env: dict[str, str], name: str) -> Path:
    return _dotfile_dir(v, env) / "labkit" / f"{name}.provisioned"


def provisioned(v, env: dict[str, str], name: str, provider: str) -> bool:
    """Whether labkit saw ``name``'s provisioning finish, on this very machine.

    Vagrant writes its own provision sentinel when provisioning *starts*, so a
    failed build looks provisioned to ``vagrant up`` (libvirt, VirtualBox);
    labkit writes this marker, with the machine's id, only after
    ``vagrant provision`` succeeded.  A machine destroyed and made again has
    another id, hence is provisioned again."""
    try:
        marker = _provisioned_marker(v, env, name).read_text(encoding="utf-8").strip()
    except OSError:
        return False
    return marker == f"{provider}:{_machine_id(v, env, name, provider)}"


def up(lab: Lab, lab_path: str | Path | None = None, provider: str | None = None,
       vagrant_dir: str | Path | None = None, probe: HostProbe | None = None,
       env: dict[str, str] | None = None, quiet: bool = False,
       report: Callable[[str], None] | None = None) -> list[str]:
    """Preflight, then bring every machine of the lab up and provisioned; what was done, per machine.

    Machine by machine in the lab's order, the domain controller first (the
    others join its domain): ``vagrant up NAME --no-provision`` unless it
    runs already (an up lab is not restarted), so that Hyper-V's adapters
    exist before provisioning; then ``vagrant provision NAME`` unless labkit
    saw it finish before (:func:`provisioned`).  Any failure raises
    :class:`VagrantError` naming the machine: the lab is never reported up
    while a machine's provisioning failed, and the next run provisions it again.
    """
    missing = preflight(lab, provider, probe)
    if missing:
        raise PreflightFailed(missing)
    env = env if env is not None else vagrant_env(lab_path)
    if not env.get(PASSWORD_ENV):
        raise VagrantError(f"set {PASSWORD_ENV}: provisioning makes it the password of {lab.domain.netbios}\\Administrator "
                           "and joins the machines with it (it must meet the Windows complexity rules)")
    v = machine(lab_path, vagrant_dir, env, quiet=quiet)
    chosen = resolve_provider(provider, env, probe)
    states = {s.name: s for s in _run(v, "status", v.status)}  # type: ignore[union-attr]
    say = report or (lambda line: None)
    done: list[str] = []
    for host in lab.hosts:
        name = host.name
        st = states.get(name)
        created = st is not None and st.state not in ("not_created", "not created")
        prov = (st.provider if created and st.provider else None) or chosen
        if st is None or st.state != "running":
            _run(v, f"up {name} --no-provision", lambda: v.up(vm_name=name, provider=prov, provision=False))
            done.append(f"{name}: started")
            say(f"{name}: up ({prov or 'Vagrant default provider'})")
        if prov and provisioned(v, env, name, prov):
            say(f"{name}: provisioned before")
            continue
        marker = _provisioned_marker(v, env, name)
        marker.unlink(missing_ok=True)
        _run(v, f"provision {name}", lambda: v.provision(vm_name=name))
        if not prov:  # no provider known before: read the one Vagrant used
            prov = next((s.provider for s in _run(v, "status", lambda: v.status(vm_name=name)) if s.provider), "")  # type: ignore[union-attr]
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(f"{prov}:{_machine_id(v, env, name, prov or '')}\n", encoding="utf-8")
        done.append(f"{name}: provisioned")
        say(f"{name}: provisioned")
    return done


def down(lab_path: str | Path | None = None, vagrant_dir: str | Path | None = None,
         destroy: bool = False, env: dict[str, str] | None = None) -> None:
    v = machine(lab_path, vagrant_dir, env, quiet=False)
    if destroy:
        _run(v, "destroy --force", v.destroy)
    else:
        _run(v, "halt", v.halt)


# -- inventory ----------------------------------------------------------------

def parse_winrm_config(text: str) -> dict[str, dict[str, str]]:
    """``vagrant winrm-config`` output (``Host NAME`` blocks of ``Key Value``
    lines, as ssh-config) as {host: {key: value}}."""
    hosts: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, _, value = line.partition(" ")
        value = value.strip().strip('"')
        if key == "Host":
            current = hosts.setdefault(value, {})
        elif current is not None:
            current[key] = value
    return hosts


def connections_from_winrm_config(text: str, names: Iterable[str]) -> dict[str, Connection]:
    """A WinRM connection per lab host from ``vagrant winrm-config`` output.

    Vagrant talks plain HTTP WinRM (port 5985 in the guest, often forwarded to
    a local port); the winrm backend then uses NTLM with message encryption.
    """
    config = {k.lower(): v for k, v in parse_winrm_config(text).items()}
    result: dict[str, Connection] = {}
    absent = []
    for name in names:
        entry = config.get(name.lower())
        if not entry or "HostName" not in entry or "Port" not in entry:
            absent.append(name)
            continue
        result[name] = Connection(address=entry["HostName"], port=int(entry["Port"]), scheme="http", transport="ntlm")
    if absent:
        raise VagrantError(f"Vagrant gave no WinRM address for {', '.join(absent)}; are they running (labkit lab status)?")
    return result


def winrm_config(name: str, lab_path: str | Path | None = None, vagrant_dir: str | Path | None = None,
                 env: dict[str, str] | None = None) -> str:
    """The text of ``vagrant winrm-config NAME`` (python-vagrant has no call for it)."""
    v = machine(lab_path, vagrant_dir, env)
    try:
        return subprocess.run(["vagrant", "winrm-config", name], cwd=v.root, env=v.env, capture_output=True,
                              text=True, check=True, timeout=300).stdout
    except subprocess.CalledProcessError as e:
        raise VagrantError(f"`vagrant winrm-config {name}` failed: {(e.stderr or e.stdout).strip()[-400:]}") from None


def inventory(lab: Lab, out: str | Path, lab_path: str | Path | None = None,
              vagrant_dir: str | Path | None = None, env: dict[str, str] | None = None,
              config_text: Callable[[str], str] | None = None) -> Lab:
    """Write ``out``: the lab with each host's WinRM connection as Vagrant reports it."""
    get = config_text or (lambda name: winrm_config(name, lab_path, vagrant_dir, env))
    text = "\n".join(get(h.name) for h in lab.hosts)
    result = lab.with_connections(connections_from_winrm_config(text, [h.name for h in lab.hosts]))
    out = Path(out)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text("# Written by `labkit lab inventory` from what Vagrant reports; no passwords here\n"
                   f"# (the winrm backend reads {PASSWORD_ENV}).\n" + result.to_yaml(), encoding="utf-8")
    os.replace(tmp, out)
    return result
