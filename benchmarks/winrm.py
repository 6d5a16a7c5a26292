"""What WinRM costs: HTTP requests per command, and wall time over WinRM beside
direct twin calls.  Measured, not asserted.

    python benchmarks/winrm.py [--commands 30] [--no-chain]

1. Requests per command.  The winrm backend keeps one shell per host, so a
   script on a warm shell is Command + Receive + Signal = 3 HTTP requests
   (pywinrm's run_command / get_command_output / cleanup_command; Receive
   repeats only if the script outlives the operation timeout or its output
   exceeds one envelope).  The first script on a host also pays the NTLM
   handshake (3 requests: anonymous, Negotiate, Authenticate, the last one
   carrying no body as pywinrm sets up encryption) and the shell's Create (1).
   Skipping the Signal would leave the command to the server's cleanup, so 3
   is the minimum a well-behaved client can do.
2. Per-command time over WinRM (encrypt, HTTP, decrypt, parse) beside calling
   the same stand-in executor directly.
3. A chain-like sequence (the steps that need no per-host arguments, over all
   hosts of the default lab) on the twin directly (TwinBackend) and over
   WinRM (WinRMBackend -> twin serve -> the same twin), each on a fresh lab.
   Needs ``labkit.twin.session``; skipped with a message otherwise.
4. The full chain (``labkit.chain.run_chain``) with backend twin and with
   backend winrm against the served twin, wall times and whether the
   ``results`` of summary.json agree.  Needs ``labkit.chain``, the runbooks and
   the twin; skipped with a message otherwise, or with ``--no-chain``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

# This file is named winrm.py: drop its folder from the path so `import winrm`
# finds pywinrm, then put the repository root first (run without installing).
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from labkit.backends.credentials import Credentials, Secret  # noqa: E402
from labkit.backends.winrm import WinRMBackend  # noqa: E402
from labkit.lab import Lab  # noqa: E402
from labkit.twin.serve import Outcome, TwinServer  # noqa: E402

SCRIPT = "param([string]$Name)\n[pscustomobject]@{ Name = $Name } | ConvertTo-Json -Compress"


def stand_in(host: str, script: str) -> Outcome:
    return Outcome(ok=True, text='{"Name":"x"}')


def have(module: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def requests_per_command(creds: Credentials, n: int, tmp: Path) -> None:
    lab = Lab.load(None)
    with TwinServer(lab, tmp / "state-rpc", credentials=creds, executor=stand_in, hosts=["CLUSTERNODE-1"]) as srv:
        L = srv.listeners["CLUSTERNODE-1"]
        with WinRMBackend(Lab.load(srv.lab_file), credentials=creds) as b:
            b.run_one("CLUSTERNODE-1", SCRIPT)
            cold = dict(L.counters)
            L.reset_counters()
            t = time.perf_counter()
            for _ in range(n):
                b.run_one("CLUSTERNODE-1", SCRIPT, {"Name": "x"})
            over_winrm = (time.perf_counter() - t) / n
            warm = dict(L.counters)
    t = time.perf_counter()
    for _ in range(n):
        stand_in("CLUSTERNODE-1", SCRIPT)
    direct = (time.perf_counter() - t) / n
    actions = ("Create", "Command", "Receive", "Signal", "Delete")
    print("1. HTTP requests per command (one host)")
    print(f"   first command (cold): {cold['http']} requests: {cold.get('auth', 0)} with NTLM tokens, "
          + ", ".join(f"{k} {cold.get(k, 0)}" for k in actions if cold.get(k)))
    print(f"   warm shell, {n} commands: {warm['http'] / n:.2f} requests per command ("
          + ", ".join(f"{k} {warm.get(k, 0) / n:.2f}" for k in actions if warm.get(k)) + ")")
    print("2. time per command")
    print(f"   over WinRM (stand-in executor): {over_winrm * 1000:7.2f} ms")
    print(f"   direct executor call:           {direct * 1000:7.3f} ms")


def sequence_steps() -> list[tuple[str, str]]:
    """(name, script) of the steps that need no per-host arguments."""
    from labkit import steps

    order = ["check-prerequisites", "install-features", "ensure-vmswitch", "ensure-iscsi-initiator",
             "cluster-networks", "add-csv", "cluster-state"]
    out = []
    for name in sorted(steps.names(), key=lambda n: order.index(n) if n in order else len(order)):
        text = steps.script(name)
        block = re.search(r"param\((.*?)\n\)", text, re.S)
        if block is None or "Mandatory" not in block.group(1):
            out.append((name, text))
    return out


def chain_like(creds: Credentials, tmp: Path) -> None:
    print("3. chain-like sequence: twin directly vs over WinRM")
    if not have("labkit.twin.session"):
        print("   skipped: labkit.twin.session (the twin engine) is not there yet")
        return
    from labkit.backends.twin import TwinBackend
    from labkit.twin.session import reset

    lab = Lab.load(None)
    seq = sequence_steps()
    hosts = lab.node_names
    timings = {}
    oks = {}
    direct_state = tmp / "state-direct"
    reset(direct_state, lab)
    with TwinBackend(lab, direct_state) as b:
        t = time.perf_counter()
        oks["twin"] = [b.run(hosts, s, label=n).ok for n, s in seq]
        timings["twin"] = time.perf_counter() - t
    served_state = tmp / "state-served"
    reset(served_state, lab)
    with TwinServer(lab, served_state, credentials=creds) as srv:
        with WinRMBackend(Lab.load(srv.lab_file), credentials=creds) as b:
            t = time.perf_counter()
            oks["winrm"] = [b.run(hosts, s, label=n).ok for n, s in seq]
            timings["winrm"] = time.perf_counter() - t
        reqs = srv.total("http")
    print(f"   {len(seq)} steps x {len(hosts)} hosts ({', '.join(n for n, _ in seq)})")
    for k in ("twin", "winrm"):
        print(f"   {k:5s}: {timings[k]:7.3f} s, {sum(oks[k])}/{len(seq)} steps ok")
    print(f"   over WinRM: {timings['winrm'] - timings['twin']:+.3f} s for {reqs} HTTP requests "
          f"({(timings['winrm'] - timings['twin']) / max(1, len(seq)) * 1000:.1f} ms per step)")
    if oks["twin"] != oks["winrm"]:
        print("   NOTE: the two runs disagree on which steps succeeded")


def full_chain(creds: Credentials, tmp: Path) -> None:
    print("4. the chain (labkit run): twin vs winrm against twin serve")
    if not (have("labkit.chain") and have("labkit.twin.session")):
        print("   skipped: needs labkit.chain and labkit.twin.session")
        return
    from labkit.chain import ChainError, ChainOptions, run_chain
    from labkit.twin.session import reset

    lab = Lab.load(None)
    summaries, timings = {}, {}
    try:
        t = time.perf_counter()
        summaries["twin"] = run_chain(ChainOptions(backend="twin", out_dir=tmp / "run-twin", state_dir=tmp / "chain-twin"))
        timings["twin"] = time.perf_counter() - t
        state = tmp / "chain-winrm"
        reset(state, lab)
        saved = {k: os.environ.get(k) for k in ("LABKIT_WINRM_USER", "LABKIT_WINRM_PASSWORD")}
        os.environ["LABKIT_WINRM_USER"], os.environ["LABKIT_WINRM_PASSWORD"] = creds.username, creds.password.reveal()
        try:
            with TwinServer(lab, state, credentials=creds) as srv:
                t = time.perf_counter()
                summaries["winrm"] = run_chain(ChainOptions(lab_file=str(srv.lab_file), backend="winrm",
                                                            out_dir=tmp / "run-winrm", state_dir=state, fresh=False))
                timings["winrm"] = time.perf_counter() - t
                reqs = srv.total("http")
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
    except (ChainError, FileNotFoundError, Exception) as e:  # report, do not crash the benchmark
        print(f"   could not complete: {type(e).__name__}: {str(e)[:300]}")
        return
    same = json.dumps(summaries["twin"]["results"], sort_keys=True, default=str) == \
        json.dumps(summaries["winrm"]["results"], sort_keys=True, default=str)
    print(f"   twin : {timings['twin']:7.2f} s")
    print(f"   winrm: {timings['winrm']:7.2f} s ({reqs} HTTP requests)")
    print(f"   summary.json results identical: {same}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--commands", type=int, default=30)
    ap.add_argument("--no-chain", action="store_true", help="skip the full chain comparison (4)")
    a = ap.parse_args()
    creds = Credentials("LAB\\bench", Secret(os.urandom(12).hex()))
    with tempfile.TemporaryDirectory(prefix="labkit-winrm-bench-") as tmp:
        requests_per_command(creds, a.commands, Path(tmp))
        chain_like(creds, Path(tmp))
        if a.no_chain:
            print("4. the chain: skipped (--no-chain)")
        else:
            full_chain(creds, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
