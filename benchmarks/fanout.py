"""Fan-out over WinRM: a step over 16 hosts, each command taking a fixed latency,
should finish in about one latency, not sixteen.  Measured, not asserted.

    python benchmarks/fanout.py [--latency-ms 500] [--hosts 16] [--repeats 3]

Builds a lab with 16 cluster nodes (Windows Server 2012+ clusters allow 64) in
a temporary file, serves it with ``labkit twin serve``'s server in-process
(one WinRM listener per host on 127.0.0.1, real NTLM and message encryption)
with an injected per-command latency, and runs one step over the 16 nodes
through ``WinRMBackend``.  The scripts run on a stand-in executor by default,
so the numbers measure the WinRM path, not the twin; ``--twin`` runs them on
the twin instead (when ``labkit.twin.session`` exists).  Prints the cold run
(NTLM handshakes and shell creation included) and the warm runs: wall time,
latency, and their ratio (1.0 is perfect overlap; 16 would be sequential).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

# benchmarks/winrm.py would shadow pywinrm (`import winrm`) for scripts run
# from this folder: drop the folder from the path, put the repository root first.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from labkit.backends.credentials import Credentials, Secret  # noqa: E402
from labkit.backends.winrm import WinRMBackend  # noqa: E402
from labkit.lab import Lab  # noqa: E402
from labkit.twin.serve import Outcome, TwinServer  # noqa: E402

SCRIPT = "param([string]$Label)\n[pscustomobject]@{ Label = $Label; Computer = $env:COMPUTERNAME } | ConvertTo-Json -Compress"


def big_lab(nodes: int) -> dict:
    """The default lab with ``nodes`` cluster nodes."""
    data = Lab.load(None).to_dict()
    data["nodes"] = [
        {"name": f"NODE{i:02d}", "memory": "8GB", "cpus": 4,
         "addresses": {"Public": f"192.168.10.{100 + i}", "iSCSI": f"10.0.20.{100 + i}",
                       "Heartbeat": f"10.0.30.{100 + i}", "Management": f"10.0.40.{100 + i}"}}
        for i in range(1, nodes + 1)
    ]
    return data


def stand_in(host: str, script: str) -> Outcome:
    return Outcome(ok=True, text=f'{{"Label":"fanout","Computer":"{host}"}}')


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--latency-ms", type=float, default=500.0)
    ap.add_argument("--hosts", type=int, default=16)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--twin", action="store_true", help="run the script on the twin instead of a stand-in")
    a = ap.parse_args()

    import yaml

    latency = a.latency_ms / 1000
    creds = Credentials("LAB\\bench", Secret(os.urandom(12).hex()))
    with tempfile.TemporaryDirectory(prefix="labkit-fanout-") as tmp:
        lab_path = Path(tmp) / "lab16.yaml"
        lab_path.write_text(yaml.safe_dump(big_lab(a.hosts), sort_keys=False))
        lab = Lab.load(lab_path)
        nodes = lab.node_names
        executor = None if a.twin else stand_in
        with TwinServer(lab, Path(tmp) / "state", credentials=creds, executor=executor, hosts=nodes, latency=latency) as srv:
            served = Lab.load(srv.lab_file)
            with WinRMBackend(served, credentials=creds) as backend:
                t = time.perf_counter()
                r = backend.run(nodes, SCRIPT, {"Label": "fanout"}, label="fanout")
                cold = time.perf_counter() - t
                if not r.ok:
                    bad = next(x for x in r.results.values() if not x.ok)
                    print(f"the step failed on {bad.host}: {bad.errors}")
                    return 1
                warm = []
                for _ in range(a.repeats):
                    srv.reset_counters()
                    t = time.perf_counter()
                    r = backend.run(nodes, SCRIPT, {"Label": "fanout"}, label="fanout")
                    warm.append(time.perf_counter() - t)
                    assert r.ok
                requests = srv.total("http")
    best, median = min(warm), statistics.median(warm)
    print(f"fan-out over WinRM: {len(nodes)} hosts, {a.latency_ms:.0f} ms per command ({'twin' if a.twin else 'stand-in executor'})")
    print(f"  cold (NTLM + shell per host):  {cold:6.3f} s   ratio {cold / latency:5.2f} latencies")
    print(f"  warm best / median of {a.repeats}:    {best:6.3f} s / {median:6.3f} s   ratio {best / latency:5.2f} latencies")
    print(f"  sequential would be:          {len(nodes) * latency:6.3f} s   ratio {len(nodes):5.2f} latencies")
    print(f"  HTTP requests in the last warm run: {requests} ({requests / len(nodes):.1f} per host)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
