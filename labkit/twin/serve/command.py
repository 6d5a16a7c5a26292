"""`labkit twin serve`: the command-line side of the served twin.

    LABKIT_WINRM_USER=LAB\\student LABKIT_WINRM_PASSWORD=... labkit twin serve [--state .lab] [--lab FILE]

prints one ``HOST http://127.0.0.1:PORT/wsman`` line per listener, then
``lab file: PATH`` (a lab whose hosts point at the listeners, for
``labkit run --backend winrm --lab PATH``), and serves until interrupted
(Ctrl-C or SIGTERM).  Without the credentials in the environment it refuses
to start (exit 2).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
from typing import Any


def add_parser(tsub: Any) -> None:
    p = tsub.add_parser("serve", help="serve the twin over WinRM (one WS-Management listener per host on 127.0.0.1)",
                        description="Serve the twin over WinRM: one WS-Management listener (NTLM or CredSSP, message encryption) per lab host "
                        "on 127.0.0.1, plus a lab file pointing at them for `labkit run --backend winrm --lab PATH`. "
                        "Accepts the credentials in LABKIT_WINRM_USER / LABKIT_WINRM_PASSWORD. A script runs under the logon "
                        "its connection authenticated with: NTLM cannot reach a second host (the double hop), CredSSP can.")
    p.add_argument("--state", default=None, help="the lab state folder, the one the twin backend uses (default: $LABKIT_STATE, else .lab here or above)")
    p.add_argument("--lab", help="lab YAML file (default: the lab the state was made from, else the built-in lab)")
    p.add_argument("--base-port", type=int, help="first port; hosts get consecutive ports (default: ephemeral ports)")
    p.add_argument("--hosts", help="comma-separated hosts to serve (default: all hosts of the lab)")
    p.add_argument("--latency-ms", type=float, default=0.0, help="add this latency to every command (benchmarks)")
    p.add_argument("--tls-cert", help="PEM certificate: listen with HTTPS (with --tls-key)")
    p.add_argument("--tls-key", help="PEM private key of --tls-cert")
    p.set_defaults(func=run)


class _Usage(Exception):
    pass


def _state_lab(state: str):
    """The lab the twin state in ``state`` was made from (as ``labkit twin reset`` keeps it), or None."""
    try:
        from labkit.twin.store import Store

        store = Store(state)
        if store.path.is_file() and store.exists:
            return store.snapshot()[1]
    except Exception:
        return None
    return None


def run(a: argparse.Namespace) -> int:
    """Exit 2 with a message on bad input (this module may run under `python -m labkit.cli`,
    where labkit.cli's UsageError is another class, so it reports its own)."""
    try:
        return _serve(a)
    except _Usage as e:
        sys.stderr.write(f"error: {e}\n")
        return 2


def _serve(a: argparse.Namespace) -> int:
    from labkit.backends.credentials import CredentialsMissing
    from labkit.lab import Lab, LabError
    from labkit.twin.serve.ntlm import CredentialError
    from labkit.twin.serve.server import TwinServer, server_credentials

    try:
        creds = server_credentials()
    except CredentialsMissing as e:
        raise _Usage(str(e)) from None
    try:
        lab = Lab.load(a.lab) if a.lab else (_state_lab(a.state) or Lab.load(None))
    except LabError as e:
        raise _Usage(str(e)) from None
    if a.base_port is not None and not 1024 <= a.base_port <= 65535 - len(lab.hosts):
        raise _Usage(f"--base-port {a.base_port} is out of range; give 1024-{65535 - len(lab.hosts)}")
    hosts = [h.strip() for h in a.hosts.split(",") if h.strip()] if a.hosts else None
    try:
        for h in hosts or []:
            lab.host(h)
    except KeyError as e:
        raise _Usage(str(e.args[0])) from None
    if a.latency_ms < 0:
        raise _Usage("--latency-ms cannot be negative")
    if bool(a.tls_cert) != bool(a.tls_key):
        raise _Usage("--tls-cert and --tls-key go together")
    try:
        server = TwinServer(lab, a.state, credentials=creds, hosts=hosts, base_port=a.base_port,
                            latency=a.latency_ms / 1000, tls=(a.tls_cert, a.tls_key) if a.tls_cert else None)
        server.start()
    except CredentialError as e:
        raise _Usage(str(e)) from None
    except OSError as e:
        raise _Usage(f"cannot listen: {e.strerror or e}") from None
    stop = threading.Event()
    stopped_at = time.monotonic()
    previous = {s: signal.signal(s, lambda *_: stop.set()) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        for line in server.lines():
            sys.stdout.write(line + "\n")
        sys.stdout.write(f"lab file: {server.lab_file}\n")
        sys.stdout.flush()
        while not stop.wait(0.1):
            pass
        stopped_at = time.monotonic()
    finally:
        for s, h in previous.items():
            signal.signal(s, h)
        commands = server.total("Command")
        server.stop()
    sys.stderr.write(f"served {commands} command(s); stopped\n")
    sys.stderr.flush()
    _exit_soon(stopped_at + 0.7)
    return 0


def _exit_soon(deadline: float) -> None:
    """Stopping ended the running scripts at their next statement (they commit what they changed);
    one that is not done by ``deadline`` (stuck inside one long operation, or still committing)
    would keep Python's exit waiting for its worker thread: exit without it, as SIGTERM asks.
    The store is atomic: an unfinished commit leaves the last committed state."""
    for t in threading.enumerate():
        if t is not threading.current_thread() and not t.daemon:
            t.join(max(0.0, deadline - time.monotonic()))
    # Everything that matters is done (listeners closed, the NTLM user file removed, scripts stopped
    # or abandoned to the store's atomicity); the interpreter's own teardown can take seconds on a
    # loaded machine, and SIGTERM asks for an exit now.
    sys.stderr.flush()
    sys.stdout.flush()
    os._exit(0)
