"""`labkit twin serve` under runaway scripts and hostile clients: a runaway command does not hold
up other clients, SIGTERM stops the server at once, shells expire and are capped with WinRM's
fault, malformed NTLM is a 401, and the NTLM user file never outlives the server."""

from __future__ import annotations

import base64
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from winrm.exceptions import WSManFaultError
from winrm.protocol import Protocol

from labkit.backends.credentials import Credentials, Secret
from labkit.lab import Lab
from labkit.twin.serve import Outcome, TwinServer
from labkit.twin.serve import secrets
from labkit.twin.serve import server as server_mod
from labkit.twin.serve.ntlm import NO_LM_HASH, CredentialFile

ROOT = Path(__file__).resolve().parents[1]
USER, PASSWORD = "LAB\\student", "Runaway-P@ss1"
CREDS = Credentials(USER, Secret(PASSWORD))
RUNAWAY = "foreach ($a in 1..1000000) { foreach ($b in 1..1000000) { $i++ } }"   # only the budget ends it


def proto(url: str, **kw) -> Protocol:
    kw.setdefault("read_timeout_sec", 30)
    kw.setdefault("operation_timeout_sec", 20)
    return Protocol(url, transport="ntlm", username=USER, password=PASSWORD, proxy=None, **kw)


def ps(script: str) -> str:
    return "powershell -NoProfile -NonInteractive -EncodedCommand " + base64.b64encode(script.encode("utf-16-le")).decode()


def run(p: Protocol, script: str) -> tuple[bytes, bytes, int]:
    shell = p.open_shell(codepage=65001)
    try:
        cid = p.run_command(shell, ps(script))
        out = p.get_command_output(shell, cid)
        p.cleanup_command(shell, cid)
        return out
    finally:
        p.close_shell(shell)


def test_a_runaway_command_does_not_hold_up_a_second_client(tmp_path, monkeypatch):
    monkeypatch.setenv("LABKIT_TWIN_TIMEOUT", "60")
    with TwinServer(Lab.load(None), tmp_path, credentials=CREDS, hosts=["CLUSTERNODE-1", "CLUSTERNODE-2"]) as srv:
        runaway = proto(srv.listeners["CLUSTERNODE-1"].url)
        shell = runaway.open_shell()
        cid = runaway.run_command(shell, ps("Start-Sleep -Seconds 5; " + RUNAWAY))
        time.sleep(1.0)                   # it is running now
        started = time.monotonic()
        # A second client, on the other host and on the same one, is served meanwhile.
        out, err, code = run(proto(srv.listeners["CLUSTERNODE-2"].url), "(Get-ClusterNode -ErrorAction SilentlyContinue | Measure-Object).Count; 'served'")
        assert code == 0 and out.decode().split()[-1] == "served", (out, err)
        out, _, code = run(proto(srv.listeners["CLUSTERNODE-1"].url), "'also served'")
        assert (out, code) == (b"also served\r\n", 0)
        assert time.monotonic() - started < 30
        # The runaway is still going; Ctrl+C (a Signal) stops it at its next statement.
        assert srv.listeners["CLUSTERNODE-1"].counters["executed"] == 1
        runaway.cleanup_command(shell, cid)
        deadline = time.monotonic() + 10
        while srv.listeners["CLUSTERNODE-1"].counters["executed"] < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert srv.listeners["CLUSTERNODE-1"].counters["executed"] == 2, "the signalled script did not stop"
        runaway.close_shell(shell)
    # What the runaway changed before it was stopped stays: its Start-Sleep moved the lab clock.
    from labkit.twin.session import load_world

    assert load_world(tmp_path).clock >= 5


def _serve(tmp_path: Path, user: str = USER, **env_extra: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABKIT_WINRM_")}
    env.update(LABKIT_WINRM_USER=user, LABKIT_WINRM_PASSWORD=PASSWORD, PYTHONPATH=str(ROOT), **env_extra)
    return subprocess.Popen([sys.executable, "-m", "labkit.cli", "twin", "serve", "--state", str(tmp_path / "state"),
                             "--hosts", "CLUSTERNODE-1"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _lines(proc: subprocess.Popen) -> list[str]:
    lines = []
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.append(line.rstrip("\n"))
        if line.startswith("lab file: "):
            return lines
    raise AssertionError(f"twin serve printed no lab file: {lines} {proc.stderr.read() if proc.stderr else ''}")


def test_sigterm_stops_the_server_within_a_second_even_with_a_runaway_script(tmp_path):
    proc = _serve(tmp_path)
    try:
        url = _lines(proc)[0].split()[1]
        p = proto(url)
        shell = p.open_shell()
        p.run_command(shell, ps(RUNAWAY))
        time.sleep(1.0)
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        elapsed = time.monotonic() - started
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0
    assert elapsed < 1.0, f"twin serve took {elapsed:.2f} s to stop"
    assert not [d for d in secrets.base_dir().glob(f"{secrets.PREFIX}{proc.pid}-*")], "the NTLM user file outlived the server"


def test_user_name_with_a_colon_is_refused_clearly(tmp_path):
    proc = _serve(tmp_path, user="LAB\\bad:name")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert "contains ':'" in err and "Traceback" not in err


def test_idle_shells_expire(tmp_path):
    with TwinServer(Lab.load(None), tmp_path, credentials=CREDS, executor=lambda h, s: Outcome(text="ok"),
                    hosts=["DC01"], shell_idle_timeout=1.0) as srv:
        L = srv.listeners["DC01"]
        p = proto(L.url)
        idle = p.open_shell()
        busy = p.open_shell()
        for _ in range(4):               # the used shell stays, the idle one goes
            time.sleep(0.4)
            cid = p.run_command(busy, ps("x"))
            p.get_command_output(busy, cid)
        assert L.open_shells == 1 and L.counters["expired"] >= 1
        with pytest.raises(WSManFaultError) as e:
            p.run_command(idle, ps("x"))
        assert e.value.wsman_fault_code == 2150858843
    assert server_mod.SHELL_IDLE_TIMEOUT == 7200.0   # Windows' default IdleTimeout, 2 hours


def test_the_shell_past_the_quota_gets_winrms_fault(tmp_path):
    with TwinServer(Lab.load(None), tmp_path, credentials=CREDS, executor=lambda h, s: Outcome(text="ok"), hosts=["DC01"]) as srv:
        L = srv.listeners["DC01"]
        p = proto(L.url)
        shells = [p.open_shell() for _ in range(server_mod.MAX_SHELLS)]
        with pytest.raises(WSManFaultError) as e:
            p.open_shell()
        assert e.value.wsman_fault_code == 2150859173
        assert e.value.wsman_fault_subcode == "w:QuotaLimit" if hasattr(e.value, "wsman_fault_subcode") else True
        assert e.value.reason.startswith(
            f"The WS-Management service cannot process the request. This user is allowed a maximum number of "
            f"{server_mod.MAX_SHELLS} concurrent shells, which has been exceeded. Close existing shells or raise the quota for this user.")
        p.close_shell(shells[0])
        p.close_shell(p.open_shell())    # room again


@pytest.mark.parametrize("token", [
    b"NTLMSSP\x00\x01\x00\x00\x00",                                   # Negotiate cut short
    b"NTLMSSP\x00\x01\x00\x00\x00" + b"\xff" * 40,                   # Negotiate with garbage fields
    b"NTLMSSP\x00\x03\x00\x00\x00" + b"\x00" * 8,                    # Authenticate without a handshake
    b"NTLMSSP\x00\x07\x00\x00\x00",                                   # no such message type
    b"NTLMSSP\x00",                                                    # no type at all
])
def test_malformed_ntlm_tokens_get_401(tmp_path, token):
    with TwinServer(Lab.load(None), tmp_path, credentials=CREDS, executor=lambda h, s: Outcome(text="ok"), hosts=["DC01"]) as srv:
        url = srv.listeners["DC01"].url
        r = requests.post(url, data=b"", proxies={"http": "", "https": ""},
                          headers={"Authorization": "Negotiate " + base64.b64encode(token).decode(), "Content-Length": "0"})
        assert r.status_code == 401
        # and the listener still serves a proper client
        assert run(proto(url), "x")[2] == 0


def test_ntlm_user_file_holds_no_lm_hash_and_lives_in_a_private_pid_folder():
    with CredentialFile(USER, PASSWORD) as cf:
        fields = cf.path.read_text().strip().split(":")
        assert fields[0] == USER and fields[2] == NO_LM_HASH == "0" * 32 and len(fields[3]) == 32
        folder = cf.path.parent
        assert folder.parent == secrets.base_dir() and folder.name.startswith(f"{secrets.PREFIX}{os.getpid()}-")
        assert oct(folder.stat().st_mode & 0o777) == "0o700" and oct(cf.path.stat().st_mode & 0o777) == "0o600"
        assert PASSWORD not in cf.path.read_text()
    assert not folder.exists()


HOLDER = r"""
import sys, time
from labkit.twin.serve.ntlm import CredentialFile
cf = CredentialFile("LAB\\x", "pw")
print(cf.path.parent, flush=True)
time.sleep(60)
"""


def _default_signals() -> None:
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)


def _holder() -> tuple[subprocess.Popen, Path]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # The signals at their default, whatever this test runner inherited (under nohup SIGHUP is
    # ignored, and an ignored signal stays ignored in the child: the server rightly keeps it so).
    proc = subprocess.Popen([sys.executable, "-c", HOLDER], stdout=subprocess.PIPE, text=True, env=env,
                            preexec_fn=_default_signals)
    assert proc.stdout is not None
    folder = Path(proc.stdout.readline().strip())
    assert folder.is_dir()
    return proc, folder


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_ntlm_folder_removed_when_the_process_is_terminated(sig):
    proc, folder = _holder()
    proc.send_signal(sig)
    proc.wait(timeout=30)
    assert proc.returncode == -sig, "the process still dies of the signal"
    assert not folder.exists()


def test_ntlm_folder_of_a_killed_server_is_removed_by_the_next_one():
    proc, folder = _holder()
    proc.kill()
    proc.wait(timeout=30)
    assert folder.exists(), "SIGKILL cannot be seen: the folder stays"
    with CredentialFile(USER, PASSWORD):
        assert not folder.exists(), "the next server removed the dead server's folder"
