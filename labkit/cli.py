"""The `labkit` command.

Each command group has its own ``_add_*`` function that declares its
sub-commands; handlers import what they need lazily so that `labkit --help`
stays quick.  Exit codes: 0 done, 1 the work failed, 2 bad input.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path
from typing import Any, Callable

if __name__ == "__main__":   # python -m labkit.cli ...: the labkit command (labkit.launch), before the imports below
    from labkit.launch import main as _launch

    sys.exit(_launch())

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from labkit.lab import Lab, LabError, format_size

# Outside a terminal (pipes, CI logs) rich would wrap tables at 80 columns.
console = Console(width=None if sys.stdout.isatty() else 120)
err_console = Console(stderr=True)


class UsageError(Exception):
    """Bad input on the command line: exit 2 with the message."""


# -- lab ----------------------------------------------------------------------

def lab_tables(lab: Lab) -> list[Table]:
    """The lab as tables: hosts and addresses, cluster and storage, VMs."""
    nets = list(lab.networks)
    networks = Table(title=f"Lab {lab.name}: networks")
    for col in ("network", "subnet"):
        networks.add_column(col)
    for n, cidr in lab.networks.items():
        networks.add_row(n, str(cidr))
    hosts = Table(title=f"Hosts of domain {lab.domain.fqdn}")
    for col in ["host", "role", "OS", *nets]:
        hosts.add_column(col, no_wrap=True)
    for h in lab.hosts:
        hosts.add_row(h.name, h.role, f"{h.os.version} {h.os.edition[:4]} {h.os.processor}",
                      *(str(h.addresses.get(n, "")) for n in nets))
    cluster = Table(title=f"Cluster {lab.cluster.name} at {lab.cluster.address}")
    for col in ("LUN", "role", "size"):
        cluster.add_column(col)
    for lun in lab.luns:
        cluster.add_row(lun.name, lun.role, format_size(lun.size))
    vms = Table(title="Highly available VMs")
    for col in ("VM", "memory", "VHD", "workload"):
        vms.add_column(col)
    for vm in lab.vms:
        vms.add_row(vm.name, format_size(vm.memory), format_size(vm.vhd_size), vm.workload)
    return [networks, hosts, cluster, vms]


def _load_lab(path: str | None) -> Lab:
    try:
        return Lab.load(path)
    except LabError as e:
        raise UsageError(str(e)) from None


def cmd_lab_check(a: argparse.Namespace) -> int:
    lab = _load_lab(a.file)
    summary = Table(title=f"{lab.source}: valid")
    summary.add_column("what")
    summary.add_column("value")
    summary.add_row("domain", lab.domain.fqdn)
    summary.add_row("cluster", f"{lab.cluster.name} ({lab.cluster.address})")
    summary.add_row("nodes", ", ".join(lab.node_names))
    summary.add_row("OS", ", ".join(sorted({f'{n.os.version} {n.os.edition} {n.os.processor}' for n in lab.nodes})))
    summary.add_row("domain controller", lab.domain_controller.name)
    summary.add_row("storage server", lab.storage_server.name)
    summary.add_row("networks", ", ".join(f"{n} {c}" for n, c in lab.networks.items()))
    summary.add_row("LUNs", ", ".join(f"{l.name} {format_size(l.size)} ({l.role})" for l in lab.luns))
    summary.add_row("VMs", ", ".join(f"{v.name} {format_size(v.memory)} gen {lab.vm_generation(v)}" for v in lab.vms) or "none")
    console.print(summary)
    console.print(version_table(lab))
    return 0


def version_table(lab: Lab) -> Table:
    """What works and what does not on the nodes' Windows Server version."""
    from labkit.os_versions import capabilities, version

    v = version(lab.node_os.version)
    table = Table(title=f"On {v.name}")
    table.add_column("what")
    table.add_column("on this version")
    for what, how in capabilities(v.key):
        table.add_row(what, how)
    return table


def cmd_lab_show(a: argparse.Namespace) -> int:
    lab = _load_lab(a.file)
    for t in lab_tables(lab):
        console.print(t)
    return 0


# -- lab up/status/down/inventory (the real lab through Vagrant) ----------------

class _VagrantFailed(Exception):
    """Printed already; the command exits 1."""


def _vagrant_call(call: Callable[[], Any]) -> Any:
    from labkit.vagrant import PreflightFailed, VagrantError

    try:
        return call()
    except PreflightFailed as e:
        err_console.print(f"[red]preflight:[/red] {escape(str(e))}", soft_wrap=True)
    except VagrantError as e:
        err_console.print(f"[red]vagrant:[/red] {escape(str(e))}", soft_wrap=True)
    raise _VagrantFailed


def _exits_1_on_vagrant_failure(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def run(a: argparse.Namespace) -> int:
        try:
            return handler(a)
        except _VagrantFailed:
            return 1
    return run


def cmd_lab_up(a: argparse.Namespace) -> int:
    from labkit import vagrant as lv

    lab = _load_lab(a.file)
    if a.check:
        missing = lv.preflight(lab, a.provider)
        for m in missing:
            err_console.print(f"missing: {escape(str(m))}", soft_wrap=True)
        console.print("preflight: ready" if not missing else f"preflight: {len(missing)} thing(s) missing")
        return 1 if missing else 0
    _vagrant_call(lambda: lv.up(lab, a.file, provider=a.provider, vagrant_dir=a.vagrant_dir,
                                report=lambda line: console.print(escape(line), soft_wrap=True)))
    console.print(f"lab {lab.name} is up; next: labkit lab inventory --out <file>")
    return 0


def cmd_lab_status(a: argparse.Namespace) -> int:
    from labkit import vagrant as lv

    _load_lab(a.file)
    rows = _vagrant_call(lambda: lv.status(a.file, a.vagrant_dir))
    table = Table(title="Vagrant machines of the lab")
    for col in ("machine", "state", "provider"):
        table.add_column(col)
    for r in rows:
        table.add_row(r.name, r.state, r.provider or "")
    console.print(table)
    return 0


def cmd_lab_down(a: argparse.Namespace) -> int:
    from labkit import vagrant as lv

    _load_lab(a.file)
    _vagrant_call(lambda: lv.down(a.file, a.vagrant_dir, destroy=a.destroy))
    console.print("lab destroyed" if a.destroy else "lab halted (labkit lab up starts it again)")
    return 0


def cmd_lab_inventory(a: argparse.Namespace) -> int:
    from labkit import vagrant as lv

    lab = _load_lab(a.file)
    result = _vagrant_call(lambda: lv.inventory(lab, a.out, a.file, a.vagrant_dir))
    for h in result.hosts:
        console.print(f"{h.name}: {h.connection.endpoint if h.connection else '?'}")
    console.print(f"wrote {a.out}; run: labkit run --backend winrm --lab {a.out}", soft_wrap=True)
    return 0


def _add_lab_vagrant(lsub: Any) -> None:
    def common(p: Any) -> None:
        p.add_argument("file", nargs="?", help="lab YAML file (default: the built-in lab)")
        p.add_argument("--vagrant-dir", help="folder with labkit's Vagrantfile (default: LABKIT_VAGRANT_DIR or vagrant/ of this checkout)")

    p = lsub.add_parser("up", help="build the real lab with Vagrant (checks the host first)")
    common(p)
    p.add_argument("--provider", choices=("libvirt", "virtualbox", "hyperv"), help="Vagrant provider (default: Vagrant's choice)")
    p.add_argument("--check", action="store_true", help="only run the preflight checks and list what is missing")
    p.set_defaults(func=_exits_1_on_vagrant_failure(cmd_lab_up))
    p = lsub.add_parser("status", help="state of the lab's Vagrant machines")
    common(p)
    p.set_defaults(func=_exits_1_on_vagrant_failure(cmd_lab_status))
    p = lsub.add_parser("down", help="halt the lab's Vagrant machines (--destroy deletes them)")
    common(p)
    p.add_argument("--destroy", action="store_true", help="delete the VMs instead of halting them")
    p.set_defaults(func=_exits_1_on_vagrant_failure(cmd_lab_down))
    p = lsub.add_parser("inventory", help="write a lab file with the WinRM connections Vagrant reports")
    common(p)
    p.add_argument("--out", required=True, help="lab file to write, for labkit run --backend winrm --lab FILE")
    p.set_defaults(func=_exits_1_on_vagrant_failure(cmd_lab_inventory))


def _add_lab(sub: Any) -> None:
    lab = sub.add_parser("lab", help="check, show and (with Vagrant) build the lab")
    lsub = lab.add_subparsers(dest="lab_command", required=True, metavar="COMMAND")
    p = lsub.add_parser("check", help="validate a lab file (default: the built-in lab)")
    p.add_argument("file", nargs="?", help="lab YAML file")
    p.set_defaults(func=cmd_lab_check)
    p = lsub.add_parser("show", help="print a lab as tables")
    p.add_argument("file", nargs="?", help="lab YAML file")
    p.set_defaults(func=cmd_lab_show)
    _add_lab_vagrant(lsub)


# -- run ----------------------------------------------------------------------

def _param_value(name: str, value: str) -> Any:
    """A ``-p NAME VALUE`` value, read as YAML (as papermill's -y does)."""
    import yaml

    from labkit.lab import YAMLLimit, safe_yaml

    try:
        return safe_yaml(value)
    except (yaml.YAMLError, YAMLLimit) as e:
        first = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise UsageError(f"-p {name} {value!r}: the value is read as YAML and is not valid YAML ({first}); "
                         "quote it, e.g. -p NAME \"'text'\"") from None


def cmd_run(a: argparse.Namespace) -> int:
    import yaml

    from labkit.import_costs import skip_iri_syntax_checker

    skip_iri_syntax_checker()   # before papermill imports jsonschema
    from labkit.chain import ChainError, ChainOptions, check_params, refusal, resolve, run_chain, runbooks_dir
    from labkit.lab import YAMLLimit, safe_yaml
    from labkit.state import find_state

    params: dict[str, Any] = {}
    if a.param_file:
        try:
            loaded = safe_yaml(Path(a.param_file).read_text(encoding="utf-8"))
        except OSError as e:
            raise UsageError(f"cannot read parameters file {a.param_file}: {e.strerror}") from None
        except (yaml.YAMLError, YAMLLimit, UnicodeDecodeError) as e:
            raise UsageError(f"parameters file {a.param_file} is not valid YAML: {e}") from None
        if loaded is not None and not isinstance(loaded, dict):
            raise UsageError(f"parameters file {a.param_file} must be a mapping of NAME: VALUE, not a {type(loaded).__name__}")
        params.update(loaded or {})
    params.update({name: _param_value(name, value) for name, value in (a.param or [])})
    try:
        location = find_state(a.state)
        check_params(params, runbooks_dir(location))
        for spec in filter(None, (a.start, a.only, a.until)):
            resolve(spec)
    except ValueError as e:
        raise UsageError(str(e)) from None
    from labkit.state import course_lab_file

    lab = _load_lab(a.lab or (str(course_lab_file(location)) if course_lab_file(location) else None))
    why = refusal(lab)
    if why:
        raise UsageError(why)
    if a.backend == "winrm":
        _check_winrm_ready(lab)
    if a.second_hop_logon:
        # The runbooks' kernels inherit the environment: labkit.steps.logon reads it.
        from labkit.steps import ENV_SECOND_HOP_LOGON

        os.environ[ENV_SECOND_HOP_LOGON] = a.second_hop_logon
    opts = ChainOptions(
        lab_file=lab.source if a.lab else None, backend=a.backend, out_dir=Path(a.out), state_dir=location.path,
        start=a.start, only=a.only, until=a.until, params=tuple(params.items()),
        fresh=False if a.keep_state else None, debug=a.debug,
    )
    try:
        summary = run_chain(opts)
    except ChainError as e:
        err_console.print(f"[red]chain stopped:[/red] {escape(str(e))}", soft_wrap=True)
        err_console.print(f"executed notebooks, summary.json and report.html are in {a.out}/", soft_wrap=True)
        return 1
    if summary.get("resumed"):
        console.print(f"--from {a.start}: {summary['resumed']}", soft_wrap=True)
    table = Table(title=f"labkit run on the {a.backend}: {'OK' if summary['ok'] else 'FAILED'}")
    for col in ("notebook", "status", "seconds", "changes"):
        table.add_column(col)
    for n in summary["notebooks"]:
        table.add_row(n["name"], n["status"], f"{n['seconds']:.1f}", str(n.get("changed", "")))
    console.print(table)
    console.print(f"lab state: {summary['state']}   summary: {Path(a.out) / 'summary.json'}   report: {Path(a.out) / 'report.html'}", soft_wrap=True)
    return 0


def _check_winrm_ready(lab: Lab) -> None:
    """Before any notebook runs: every host has a WinRM endpoint and credentials exist."""
    from labkit.backends.credentials import CredentialsMissing, winrm_credentials

    missing = [h.name for h in lab.hosts if h.connection is None]
    if missing:
        raise UsageError(
            f"lab file {lab.source} gives no WinRM connection for {', '.join(missing)}; "
            "use the lab file that `labkit lab inventory` (Vagrant) or `labkit twin serve` writes, "
            "or add a connection: (address, port, scheme, transport) to each host"
        )
    try:
        winrm_credentials()
    except CredentialsMissing as e:
        raise UsageError(str(e)) from None


def _add_run(sub: Any) -> None:
    from labkit.backends import KINDS

    p = sub.add_parser(
        "run", help="run the eight runbooks in order (default: the whole chain on the twin)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Run the runbooks headless with papermill, in order, and write the executed notebooks, "
                    "summary.json and report.html.",
        epilog="""examples:
  labkit run                              the whole chain on a fresh twin
  labkit run --from 5                     sections 5-8; restores checkpoint 4 first, or builds 1-4
  labkit run --until 4                    sections 1-4 (a class that starts at section 5 tomorrow)
  labkit run --only 8 -p transport TCPIP  section 8 again, with a parameter of its own
  labkit run -f params.yaml               parameters from a YAML file (NAME: VALUE), as papermill -f
  labkit run --backend winrm --lab lab.yaml   real Windows hosts (credentials from the environment)

The lab state is --state, else $LABKIT_STATE, else the .lab folder here or above (as git finds its repo).""")
    p.add_argument("--lab", help="lab YAML file (default: lab.yaml of the course folder, else the built-in lab)")
    p.add_argument("--backend", choices=KINDS, default="twin", help="twin (no Windows needed) or winrm (real hosts)")
    p.add_argument("--out", default="lab-run", help="folder for executed notebooks, summary.json, report.html (default: lab-run)")
    p.add_argument("--state", help=STATE_HELP)
    p.add_argument("--from", dest="start", metavar="N|NAME", help="start at this runbook; on the twin, a lab without the earlier sections gets them first (checkpoint or build)")
    p.add_argument("--until", metavar="N|NAME", help="stop after this runbook")
    p.add_argument("--only", metavar="N|NAME", help="run just this runbook against the lab as it is")
    p.add_argument("--keep-state", action="store_true", help="on the twin, run against the existing lab instead of a fresh one")
    p.add_argument("-p", "--param", nargs=2, action="append", metavar=("NAME", "VALUE"),
                   help="a runbook parameter (VALUE read as YAML; passed to the runbooks that declare it); never a credential")
    p.add_argument("-f", "--parameters-file", dest="param_file", metavar="FILE", help="runbook parameters from a YAML file; -p wins")
    p.add_argument("--debug", action="store_true", help="show labkit's own frames in the notebooks' tracebacks")
    p.add_argument("--second-hop-logon", choices=("credssp", "ntlm", "kerberos", "basic"),
                   help="WinRM transport of the steps that reach other nodes (Test-Cluster, New-Cluster); default credssp. "
                        "ntlm shows the double hop failing as on Windows")
    p.set_defaults(func=cmd_run)


# -- twin and exec --------------------------------------------------------------

STATE_HELP = "the lab state folder (default: $LABKIT_STATE, else .lab here or in a folder above)"

# Sub-commands of `labkit twin`: each adds its parser to the group's subparsers
# (reset and show here; serve and fault append theirs).
TWIN_SUBCOMMANDS: list[Callable[[Any], None]] = []


def cmd_exec(a: argparse.Namespace) -> int:
    from labkit.twin.errors import TwinError
    from labkit.twin.logon import double_hop_hint, logon_for
    from labkit.twin.session import format_error, run_script

    if a.command_text is None and a.file is None:
        raise UsageError("give a script: -c 'SCRIPT' or a .ps1 file")
    if a.command_text is not None and a.file is not None:
        raise UsageError("give either -c 'SCRIPT' or a .ps1 file, not both")
    if a.file is not None:
        try:
            script = read_script(Path(a.file))
        except OSError as e:
            raise UsageError(f"cannot read {a.file}: {e.strerror}") from None
    else:
        script = a.command_text
    lab = _load_lab(a.lab) if a.lab else None
    from labkit.twin.limits import SettingError

    try:
        logon = a.logon or _default_logon(lab, a.state, a.host)
        result = run_script(script, host=a.host, state_dir=a.state, lab=lab, label=a.file or "-c", logon=logon)
    except (TwinError, SettingError) as e:
        raise UsageError(str(e)) from None
    for line in result.host_output:
        sys.stdout.write(line + "\n")
    if result.text:
        sys.stdout.write(result.text if result.text.endswith("\n") else result.text + "\n")
    sys.stdout.flush()
    for w in result.warnings:
        sys.stderr.write(f"WARNING: {w}\n")
    for v in result.verbose:
        sys.stderr.write(f"VERBOSE: {v}\n")
    for d in result.debug:
        sys.stderr.write(f"DEBUG: {d}\n")
    for e in result.errors:
        sys.stderr.write(format_error(e) + "\n")
    hint = next((h for e in result.errors if (h := double_hop_hint(e.message))), None)
    if hint and not a.logon:
        sys.stderr.write(f"labkit: this ran as {logon_for(logon)} (the lab file's transport for {a.host}; --logon changes it). {hint}\n")
    return 0 if result.ok and not result.errors else 1


def _default_logon(lab: Lab | None, state: str, host: str) -> str:
    """What the real run would use on ``host``: the WinRM transport the lab file gives it."""
    from labkit.backends.twin import winrm_transport
    from labkit.twin.store import Store

    if lab is None:
        store = Store(state)
        lab = store.snapshot()[1] if store.path.is_file() and store.exists else Lab.load(None)
    return winrm_transport(lab, host)


def read_script(path: Path) -> str:
    """A .ps1 file's text, decoded as Windows PowerShell 5.1 reads it: by its byte order mark
    (UTF-8, UTF-16 LE/BE, UTF-32 LE: what 5.1's ``>`` and ``Out-File`` write is UTF-16 LE),
    else as UTF-8, else as the ANSI code page (Windows-1252)
    (https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_character_encoding?view=powershell-5.1)."""
    raw = path.read_bytes()
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\xef\xbb\xbf", "utf-8-sig"),
                       (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(codec.replace("-sig", ""))
            except UnicodeDecodeError as e:
                raise UsageError(f"{path} starts with a {codec} byte order mark but is not {codec} text "
                                 f"(byte {e.start + len(bom)}); save it again") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _add_exec(sub: Any) -> None:
    from labkit.twin.logon import LOGON_CHOICES

    p = sub.add_parser("exec", help="run PowerShell on one host of the twin (the same text a Windows host runs)")
    p.add_argument("host", help="a host of the lab, e.g. CLUSTERNODE-1")
    p.add_argument("file", nargs="?", help="a .ps1 script file")
    p.add_argument("-c", "--command", dest="command_text", metavar="SCRIPT", help="the script text")
    p.add_argument("--state", help=STATE_HELP)
    p.add_argument("--lab", help="lab YAML file for a new state folder (default: the built-in lab)")
    p.add_argument("--logon", choices=LOGON_CHOICES,
                   help="how the session logs on to the host: console, or WinRM with a transport; without delegation "
                        "(anything but console and credssp) reaching another host fails as on Windows, the double hop "
                        "(default: the WinRM transport the lab file gives the host, as the real run uses; ntlm without one)")
    p.set_defaults(func=cmd_exec)


def cmd_twin_reset(a: argparse.Namespace) -> int:
    from labkit.twin.session import reset

    from labkit.twin.errors import TwinError

    lab = _load_lab(a.lab) if a.lab else None
    try:
        world = reset(a.state, lab)
    except TwinError as e:
        raise UsageError(str(e)) from None
    console.print(f"twin state in {a.state} reset: a fresh world at lab clock {world.clock:.0f} s")
    return 0


def twin_tables(state: str) -> list[Table]:
    """The twin's state as tables: summary, hosts, the world document's parts, recent runs."""
    from labkit.twin.clock import format_duration, lab_time
    from labkit.twin.store import Store

    store = Store(state)
    world, lab, generation = store.snapshot()
    summary = Table(title=f"Twin state in {state}")
    summary.add_column("what")
    summary.add_column("value")
    summary.add_row("lab", f"{lab.name} ({lab.source})")
    summary.add_row("lab clock", f"{lab_time(world.clock):%Y-%m-%d %H:%M:%S} (+{format_duration(world.clock)})")
    summary.add_row("generation", str(generation))
    hosts = Table(title="Hosts")
    for col in ("host", "role", "OS", "running", "features installed", "switches"):
        hosts.add_column(col)
    for h in world.hosts:
        installed = ", ".join(sorted(f for f in ("Hyper-V", "Failover-Clustering", "FS-iSCSITarget-Server") if h.installed(f)))
        hosts.add_row(h.name, h.role, f"{h.os_version} {h.edition}", "yes" if h.running else "CRASHED",
                      installed, ", ".join(sw.name for sw in h.switches))
    tables = [summary, hosts]
    c = world.cluster
    if c is not None:
        cluster = Table(title=f"Cluster {c.name} at {c.address}")
        for col in ("node / group", "state", "owner"):
            cluster.add_column(col)
        for n in c.nodes:
            cluster.add_row(n.name, n.state, "")
        for g in c.groups:
            cluster.add_row(g.name, g.state, g.owner)
        tables.append(cluster)
    if world.vms:
        vms = Table(title="Virtual machines")
        for col in ("VM", "host", "state", "memory", "last move"):
            vms.add_column(col)
        for vm in world.vms:
            move = vm.last_migration or {}
            shown = f"{move.get('type', '')} {move.get('from', '')} -> {move.get('to', '')}" if move else ""
            vms.add_row(vm.name, vm.host, vm.state, format_size(vm.memory_startup), shown)
        tables.append(vms)
    runs = Table(title="Recent runs")
    for col in ("#", "host", "label", "lab time", "ok", "errors", "ms"):
        runs.add_column(col)
    for r in reversed(store.runs(10)):
        runs.add_row(str(r["id"]), r["host"], r["label"], f"{r['clock_start']:.0f}-{r['clock_end']:.0f} s",
                     "yes" if r["ok"] else "NO", str(r["errors"]), f"{r['wall_seconds'] * 1000:.1f}")
    return [*tables, runs]


def cmd_twin_show(a: argparse.Namespace) -> int:
    from labkit.twin.errors import TwinError

    try:
        tables = twin_tables(a.state)
    except TwinError as e:
        raise UsageError(str(e)) from None
    for t in tables:
        console.print(t)
    return 0


def _add_twin_reset_show(tsub: Any) -> None:
    p = tsub.add_parser("reset", help="start the twin over: a fresh world made from the lab")
    p.add_argument("--state", help=STATE_HELP)
    p.add_argument("--lab", help="lab YAML file (default: the lab the state was made from, else the built-in lab)")
    p.set_defaults(func=cmd_twin_reset)
    p = tsub.add_parser("show", help="print the twin's state as tables")
    p.add_argument("--state", help=STATE_HELP)
    p.set_defaults(func=cmd_twin_show)


TWIN_SUBCOMMANDS.append(_add_twin_reset_show)


def _add_twin_serve(tsub: Any) -> None:
    from labkit.twin.serve.command import add_parser

    add_parser(tsub)


TWIN_SUBCOMMANDS.append(_add_twin_serve)


def _add_twin_fault(tsub: Any) -> None:
    from labkit.twin.faults import add_parser

    add_parser(tsub)


TWIN_SUBCOMMANDS.append(_add_twin_fault)


def _add_twin(sub: Any) -> None:
    twin = sub.add_parser("twin", help="the twin: reset it, show its state (and more sub-commands)")
    tsub = twin.add_subparsers(dest="twin_command", required=True, metavar="COMMAND")
    for add in TWIN_SUBCOMMANDS:
        add(tsub)


# -- main ---------------------------------------------------------------------

def _add_course(sub: Any) -> None:
    from labkit.course import add_parsers

    add_parsers(sub)


def _add_twin_checkpoint(tsub: Any) -> None:
    from labkit.course import add_checkpoint_parser

    add_checkpoint_parser(tsub)


TWIN_SUBCOMMANDS.append(_add_twin_checkpoint)

# -- exercises -------------------------------------------------------------------

def cmd_exercise(a: argparse.Namespace) -> int:
    from labkit import exercises as ex

    state = Path(a.state)
    try:
        if a.exercise_command == "list":
            table = Table(title="Break-and-fix exercises (labkit exercise start NAME)")
            for col in ("name", "what breaks", "starts after section"):
                table.add_column(col)
            for e in ex.EXERCISES.values():
                table.add_row(e.name, e.title, str(e.section))
            console.print(table)
            return 0
        if a.exercise_command == "start":
            e = ex.start(state, a.name)
            host, script = e.symptom
            one_line = "; ".join(line.strip() for line in script.splitlines() if line.strip())   # pastes into a shell as is
            console.print(f"[b]{escape(e.title)}[/b]\n{escape(e.story)}\n\nSee it for yourself:\n"
                          f"  labkit exec {host} -c {escape(shlex.quote(one_line))}\n\n"
                          "Fix it with PowerShell (labkit exec HOST -c ...), then: labkit exercise check "
                          "(stuck? labkit exercise hint)", soft_wrap=True, highlight=False)
            return 0
        if a.exercise_command == "check":
            e, problems = ex.check(state)
            if problems:
                console.print(f"[red]not yet[/red] ({e.name}):", highlight=False)
                for p in problems:
                    console.print(f"  - {escape(p)}", soft_wrap=True, highlight=False)
                return 1
            console.print(f"[green]fixed[/green]: {escape(e.title)}. Well done.", highlight=False)
            return 0
        if a.exercise_command == "hint":
            e, n, text = ex.hint(state)
            console.print(f"hint {n}/{len(e.hints)}: {escape(text)}", soft_wrap=True, highlight=False)
            return 0
        e = ex.reset(state)
        console.print(f"{e.name}: back to its starting state", highlight=False)
        return 0
    except ex.ExerciseError as e:
        raise UsageError(str(e)) from None


def _add_exercise(sub: Any) -> None:
    p = sub.add_parser("exercise", help="break-and-fix exercises on the twin: list, start NAME, check, hint, reset")
    esub = p.add_subparsers(dest="exercise_command", required=True, metavar="COMMAND")
    for name, text in (("list", "the exercises"), ("start", "put the lab in the exercise's starting state"),
                       ("check", "is the real fix in place? (exit 0 yes, 1 not yet)"), ("hint", "the next hint"),
                       ("reset", "back to the exercise's starting state")):
        q = esub.add_parser(name, help=text)
        if name == "start":
            q.add_argument("name", help="an exercise name (labkit exercise list)")
        q.add_argument("--state", help=STATE_HELP)
        q.set_defaults(func=cmd_exercise)


def _add_class(sub: Any) -> None:
    from labkit.classroom import add_parser

    add_parser(sub)


ADDERS: list[Callable[[Any], None]] = [_add_lab, _add_run, _add_exec, _add_twin, _add_course, _add_exercise, _add_class]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="labkit",
        description="Build, run and rehearse a Hyper-V failover cluster with CSV and live migration: "
        "on the twin (default, no Windows needed) or on real Windows over WinRM.",
    )
    from labkit import __version__

    p.add_argument("--version", action="version", version=f"labkit {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in ADDERS:
        add(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args, extra = p.parse_known_args(argv)
    # `labkit exec HOST --state S file.ps1`: the file after an option (argparse's subparsers leave it over).
    if extra and getattr(args, "command", None) == "exec" and getattr(args, "file", "") is None and len(extra) == 1 \
            and not extra[0].startswith("-"):
        args.file, extra = extra[0], []
    if extra:
        p.error(f"unrecognized arguments: {' '.join(extra)}")
    if hasattr(args, "state") and args.state is None:
        from labkit.state import find_state

        # One lab state for every command (labkit.state): --state, $LABKIT_STATE, or .lab here or above.
        args.state = str(find_state().path)
    try:
        return int(args.func(args) or 0)
    except UsageError as e:
        err_console.print(f"[red]error:[/red] {escape(str(e))}", highlight=False, soft_wrap=True)
        return 2
    except KeyboardInterrupt:
        err_console.print("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
