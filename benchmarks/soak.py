"""Soak: many WinRM clients over `labkit twin serve` for a bounded time, a runaway script mixed in.
Measured and printed, not asserted (not run by CI).

    python benchmarks/soak.py [--clients 100] [--seconds 60] [--timeout 20]

Starts `labkit twin serve` as a subprocess on 127.0.0.1 only (ephemeral ports, a throwaway state
folder and a random password), then runs ``--clients`` threads for ``--seconds``: each keeps
one pywinrm shell on one of the lab's hosts (round robin) and runs small read-only scripts back to
back.  One more client starts a runaway script every time the
previous one ended (nested loops only the budget ends); the server's wall-clock budget (``LABKIT_TWIN_TIMEOUT``, set to ``--timeout``)
ends each.  Reports: commands run, failures (a client-side error, or a script that did not
answer as expected: expected 0), p50/p95/max latency of the small scripts, how many runaway
scripts the budget stopped, and the server's peak threads and resident memory (sampled from
/proc every 0.2 s), then stops the server with SIGTERM and reports how long it took.
"""

from __future__ import annotations

import argparse
import base64
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
ROOT = _HERE.parent
sys.path.insert(0, str(ROOT))

from winrm.protocol import Protocol  # noqa: E402

USER = "LAB\\soak"
SMALL = "(Get-Service -Name WinRM -ErrorAction SilentlyContinue | Measure-Object).Count; 'soak-ok'"
RUNAWAY = "foreach ($a in 1..1000000) { foreach ($b in 1..1000000) { $i++ } }"   # only the budget ends it


def ps(script: str) -> str:
    return "powershell -NoProfile -NonInteractive -EncodedCommand " + base64.b64encode(script.encode("utf-16-le")).decode()


def proc_status(pid: int) -> tuple[int, int]:
    """(threads, resident bytes) of a process, from /proc."""
    threads = rss = 0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("Threads:"):
                threads = int(line.split()[1])
            elif line.startswith("VmRSS:"):
                rss = int(line.split()[1]) * 1024
    except OSError:
        pass
    return threads, rss


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=100)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--timeout", type=float, default=20.0, help="LABKIT_TWIN_TIMEOUT for the server (s)")
    a = ap.parse_args()

    password = secrets.token_urlsafe(18)
    folder = Path(tempfile.mkdtemp(prefix="labkit-soak-"))
    env = {**os.environ, "LABKIT_WINRM_USER": USER, "LABKIT_WINRM_PASSWORD": password,
           "LABKIT_TWIN_TIMEOUT": str(a.timeout), "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen([sys.executable, "-m", "labkit.cli", "twin", "serve", "--state", str(folder / "state")],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    urls: list[str] = []
    assert server.stdout is not None
    for line in server.stdout:
        if line.startswith("lab file: "):
            break
        host, url = line.split()
        assert url.startswith("http://127.0.0.1:"), url   # loopback only
        urls.append(url)
    if not urls:
        print("twin serve did not start:", server.stderr.read() if server.stderr else "")
        return 1

    latencies: list[float] = []
    failures: list[str] = []
    runaways = {"started": 0, "stopped_by_budget": 0}
    lock = threading.Lock()
    peak = {"threads": 0, "rss": 0}
    end = time.monotonic() + a.seconds
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            t, r = proc_status(server.pid)
            peak["threads"], peak["rss"] = max(peak["threads"], t), max(peak["rss"], r)
            time.sleep(0.2)

    def client(i: int) -> None:
        url = urls[i % len(urls)]
        try:
            p = Protocol(url, transport="ntlm", username=USER, password=password, proxy=None,
                         read_timeout_sec=a.timeout + 40, operation_timeout_sec=a.timeout + 20)
            shell = p.open_shell(codepage=65001)
        except Exception as e:  # noqa: BLE001  (a failure to report, whatever it is)
            with lock:
                failures.append(f"client {i}: open_shell: {type(e).__name__}: {e}")
            return
        while time.monotonic() < end:
            started = time.monotonic()
            try:
                cid = p.run_command(shell, ps(SMALL))
                out, err, code = p.get_command_output(shell, cid)
                p.cleanup_command(shell, cid)
            except Exception as e:  # noqa: BLE001
                with lock:
                    failures.append(f"client {i}: {type(e).__name__}: {e}")
                return
            elapsed = time.monotonic() - started
            with lock:
                if code != 0 or not out.decode("utf-8", "replace").rstrip().endswith("soak-ok"):
                    failures.append(f"client {i}: exit {code}: {out[-200:]!r} {err[-200:]!r}")
                latencies.append(elapsed)
        try:
            p.close_shell(shell)
        except Exception:  # noqa: BLE001
            pass

    def runaway() -> None:
        p = Protocol(urls[0], transport="ntlm", username=USER, password=password, proxy=None,
                     read_timeout_sec=a.timeout + 60, operation_timeout_sec=a.timeout + 30)
        shell = p.open_shell()
        while time.monotonic() < end:
            with lock:
                runaways["started"] += 1
            cid = p.run_command(shell, ps(RUNAWAY))
            out, err, code = p.get_command_output(shell, cid)
            p.cleanup_command(shell, cid)
            if code == 1 and (b"ScriptTimedOut" in err or b"LoopLimit" in err):
                with lock:
                    runaways["stopped_by_budget"] += 1

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(a.clients)]
    threads.append(threading.Thread(target=runaway, daemon=True))
    wall = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=a.seconds + a.timeout + 120)
    wall = time.monotonic() - wall
    done.set()

    started = time.monotonic()
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
    stop_s = time.monotonic() - started

    lat = sorted(latencies)
    q = statistics.quantiles(lat, n=100) if len(lat) >= 2 else [float("nan")] * 99
    print(f"soak: {a.clients} clients over {len(urls)} listeners for {a.seconds:.0f} s (wall {wall:.1f} s), "
          f"script budget {a.timeout:g} s")
    print(f"  commands      {len(lat)} ({len(lat) / max(wall, 1e-9):.1f}/s)")
    print(f"  failures      {len(failures)}")
    for f in failures[:10]:
        print(f"    {f}")
    print(f"  latency       p50 {q[49] * 1000:.0f} ms   p95 {q[94] * 1000:.0f} ms   max {max(lat, default=0) * 1000:.0f} ms")
    print(f"  runaway       {runaways['started']} started, {runaways['stopped_by_budget']} stopped by the budget")
    print(f"  server peak   {peak['threads']} threads, {peak['rss'] / 2**20:.0f} MiB resident")
    print(f"  SIGTERM       stopped in {stop_s:.2f} s (exit {server.returncode})")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
