"""`labkit twin serve` at the protocol level: pywinrm's own Protocol/Transport
against the listeners on 127.0.0.1 (real NTLM, real message encryption)."""

from __future__ import annotations

import base64
import os
import stat
import threading

import pytest
import requests
import winrm
from winrm.exceptions import InvalidCredentialsError, WinRMTransportError, WSManFaultError
from winrm.protocol import Protocol

from labkit.backends.credentials import Credentials, CredentialsMissing, Secret
from labkit.lab import Lab
from labkit.twin.serve import Outcome, OutcomeError, TwinServer
from labkit.twin.serve import server as server_mod

USER, PASSWORD = "LAB\\student", "S3cr:t pass_x0041_"
CREDS = Credentials(USER, Secret(PASSWORD))


class Recorder:
    """A stand-in executor that records what it ran."""

    def __init__(self, text: str = '{"ok": true}') -> None:
        self.calls: list[tuple[str, str]] = []
        self.text = text
        self.lock = threading.Lock()

    def __call__(self, host: str, script: str) -> Outcome:
        with self.lock:
            self.calls.append((host, script))
        if "fail" in script:
            return Outcome(ok=False, warnings=["about to fail"],
                           errors=[OutcomeError("Cannot find the thing 'x'.", "ObjectNotFound", "ThingNotFound", "x", 1)])
        return Outcome(ok=True, text=self.text, warnings=[])


@pytest.fixture
def served(tmp_path):
    rec = Recorder()
    srv = TwinServer(Lab.load(None), tmp_path / "state", credentials=CREDS, executor=rec,
                     hosts=["CLUSTERNODE-1", "CLUSTERNODE-2"])
    with srv:
        yield srv, rec


def proto(url: str, password: str = PASSWORD, **kw) -> Protocol:
    kw.setdefault("read_timeout_sec", 30)
    kw.setdefault("operation_timeout_sec", 20)
    return Protocol(url, transport="ntlm", username=USER, password=password, proxy=None, **kw)


def ps(script: str) -> str:
    return "powershell -NoProfile -NonInteractive -EncodedCommand " + base64.b64encode(script.encode("utf-16-le")).decode()


def test_listeners_lines_and_lab_file(served):
    srv, _ = served
    assert [l.split()[0] for l in srv.lines()] == ["CLUSTERNODE-1", "CLUSTERNODE-2"]
    for line in srv.lines():
        host, url = line.split()
        assert url.startswith("http://127.0.0.1:") and url.endswith("/wsman")
    lab = Lab.load(srv.lab_file)
    assert srv.lab_file.parent == srv.state_dir
    c = lab.host("CLUSTERNODE-1").connection
    assert (c.address, c.scheme, c.transport, c.port) == ("127.0.0.1", "http", "ntlm", srv.listeners["CLUSTERNODE-1"].port)
    assert lab.host("DC01").connection is None  # not served here
    assert PASSWORD not in srv.lab_file.read_text()


def test_run_ps_through_pywinrm_session(served):
    srv, rec = served
    url = srv.listeners["CLUSTERNODE-2"].url
    r = winrm.Session(url, auth=(USER, PASSWORD), transport="ntlm", proxy=None).run_ps("Get-Thing -Name 'a'")
    assert r.status_code == 0
    assert r.std_out == b'{"ok": true}\r\n'
    assert rec.calls == [("CLUSTERNODE-2", "Get-Thing -Name 'a'")]


def test_error_record_shape_and_exit_code(served):
    srv, _ = served
    r = winrm.Session(srv.listeners["CLUSTERNODE-1"].url, auth=(USER, PASSWORD), transport="ntlm", proxy=None).run_ps("fail here")
    assert r.status_code == 1
    assert r.std_out == b"WARNING: about to fail\r\n"
    # pywinrm's own CLIXML cleaner reads what the server wrote, as it reads Windows
    assert r.std_err.decode().splitlines()[:4] == ["Cannot find the thing 'x'.", "At line:1 char:1", "+ fail here", "+ ~~~~~~~~~"]
    assert "+ CategoryInfo          : ObjectNotFound: (x:String)" in r.std_err.decode()
    assert "FullyQualifiedErrorId : ThingNotFound" in r.std_err.decode()


def test_shell_reused_and_three_requests_per_command(served):
    srv, rec = served
    L = srv.listeners["CLUSTERNODE-1"]
    p = proto(L.url)
    shell = p.open_shell(codepage=65001)
    before = L.requests
    for i in range(3):
        cid = p.run_command(shell, ps(f"Step {i}"), skip_cmd_shell=True)
        out, err, code = p.get_command_output(shell, cid)
        p.cleanup_command(shell, cid)
        assert (out, code) == (b'{"ok": true}\r\n', 0)
    assert L.requests - before == 9
    assert L.counters["Create"] == 1 and L.counters["Command"] == 3 and L.counters["Signal"] == 3
    p.close_shell(shell)
    assert L.open_shells == 0


def test_command_line_variants_accepted(served):
    srv, rec = served
    p = proto(srv.listeners["CLUSTERNODE-1"].url)
    shell = p.open_shell()
    enc = base64.b64encode("x".encode("utf-16-le")).decode()
    for cmd in (f"powershell -encodedcommand {enc}", f"powershell.exe -NoProfile -ExecutionPolicy Bypass -enc {enc}",
                f"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe -NonInteractive -EncodedCommand {enc}"):
        cid = p.run_command(shell, cmd)
        assert p.get_command_output(shell, cid)[2] == 0
    assert len(rec.calls) == 3


@pytest.mark.parametrize("command", ["ipconfig /all", "cmd /c dir", "powershell -Command Get-Date",
                                     "powershell -EncodedCommand !!notbase64!!", "powershell -NoProfile"])
def test_other_commands_refused_with_a_fault(served, command):
    srv, rec = served
    p = proto(srv.listeners["CLUSTERNODE-1"].url)
    shell = p.open_shell()
    with pytest.raises(WSManFaultError) as e:
        p.run_command(shell, command)
    assert "labkit twin serve runs only 'powershell -EncodedCommand" in e.value.reason or "base64" in e.value.reason
    assert rec.calls == []
    # and the server goes on serving on the same connection
    cid = p.run_command(shell, ps("fine"))
    assert p.get_command_output(shell, cid)[2] == 0


def test_wrong_password_refused_with_401_and_nothing_runs(served):
    srv, rec = served
    L = srv.listeners["CLUSTERNODE-1"]
    p = proto(L.url, password="not-the-password")
    with pytest.raises(InvalidCredentialsError):
        p.open_shell()
    assert L.counters["auth_failed"] == 1
    assert rec.calls == [] and L.counters["Create"] == 0 and L.open_shells == 0
    # an unauthenticated POST is answered 401 offering Negotiate and CredSSP (one header each)
    r = requests.post(L.url, data=b"<x/>", proxies={"http": "", "https": ""})
    assert r.status_code == 401 and r.headers["WWW-Authenticate"] == "Negotiate, CredSSP"


def test_wrong_user_refused(served):
    srv, rec = served
    p = Protocol(srv.listeners["CLUSTERNODE-1"].url, transport="ntlm", username="LAB\\other", password=PASSWORD, proxy=None)
    with pytest.raises(InvalidCredentialsError):
        p.open_shell()
    assert rec.calls == []


def test_unknown_shell_is_a_fault(served):
    srv, _ = served
    p = proto(srv.listeners["CLUSTERNODE-1"].url)
    p.open_shell()
    with pytest.raises(WSManFaultError) as e:
        p.run_command("0B0B0B0B-0000-0000-0000-000000000000", ps("x"))
    assert e.value.wsman_fault_code == 2150858843 and "shell was not found" in e.value.reason


def test_malformed_soap_is_a_fault_and_server_keeps_serving(served):
    srv, rec = served
    L = srv.listeners["CLUSTERNODE-1"]
    p = proto(L.url)
    shell = p.open_shell()
    for bad in (b"<not xml", b"<a/>", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
                b'<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Header/></s:Envelope>'):
        with pytest.raises(WSManFaultError):
            p.send_message(bad)
    assert L.counters["fault"] == 4
    cid = p.run_command(shell, ps("still here"))
    out, err, code = p.get_command_output(shell, cid)
    assert (out, code) == (b'{"ok": true}\r\n', 0)
    assert b'S="Error"' not in err  # only the progress record, as Windows writes on first module use


def test_oversized_body_refused_and_server_keeps_serving(tmp_path):
    rec = Recorder()
    with TwinServer(Lab.load(None), tmp_path, credentials=CREDS, executor=rec, hosts=["DC01"], max_body=64 * 1024) as srv:
        L = srv.listeners["DC01"]
        p = proto(L.url)
        shell = p.open_shell()
        with pytest.raises(WinRMTransportError) as e:
            p.run_command(shell, ps("x" * 40_000))
        assert e.value.code == 413 and rec.calls == []
        # unauthenticated too, and before reading the body
        r = requests.post(L.url, data=b"x" * (64 * 1024 + 1), proxies={"http": "", "https": ""})
        assert r.status_code == 413
        p2 = proto(L.url)
        s2 = p2.open_shell()
        cid = p2.run_command(s2, ps("small"))
        assert p2.get_command_output(s2, cid)[2] == 0
    assert server_mod.MAX_BODY == 2 * 1024 * 1024


def test_unencrypted_soap_refused(served):
    srv, rec = served
    p = proto(srv.listeners["CLUSTERNODE-1"].url, message_encryption="never")
    with pytest.raises(WinRMTransportError) as e:
        p.open_shell()
    assert e.value.code == 400 and rec.calls == []


def test_large_output_comes_in_several_receives(tmp_path):
    big = "[" + ",".join(f'"{i:06d}-{"é" * 20}"' for i in range(20_000)) + "]"
    rec = Recorder(text=big)
    with TwinServer(Lab.load(None), tmp_path, credentials=CREDS, executor=rec, hosts=["DC01"]) as srv:
        L = srv.listeners["DC01"]
        p = proto(L.url)
        shell = p.open_shell(codepage=65001)
        cid = p.run_command(shell, ps("big"))
        out, err, code = p.get_command_output(shell, cid)
        assert out.decode("utf-8") == big + "\r\n" and code == 0
        assert L.counters["Receive"] >= 5


def test_receive_times_out_and_is_repeated_while_the_script_runs(tmp_path):
    rec = Recorder()
    with TwinServer(Lab.load(None), tmp_path, credentials=CREDS, executor=rec, hosts=["DC01"], latency=1.6) as srv:
        L = srv.listeners["DC01"]
        p = proto(L.url, read_timeout_sec=5, operation_timeout_sec=1)
        shell = p.open_shell()
        cid = p.run_command(shell, ps("slow"))
        assert p.get_command_output(shell, cid)[2] == 0
        assert L.counters["Receive"] == 2 and L.counters["fault"] == 1


def test_credential_file_private_and_removed(tmp_path):
    srv = TwinServer(Lab.load(None), tmp_path, credentials=CREDS, executor=Recorder(), hosts=["DC01"]).start()
    try:
        path = os.environ["NTLM_USER_FILE"]
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode) == 0o700
        with open(path) as f:
            assert PASSWORD not in f.read()  # hashes only
    finally:
        srv.stop()
    assert not os.path.exists(path) and not os.path.exists(os.path.dirname(path))
    assert "NTLM_USER_FILE" not in os.environ or os.environ["NTLM_USER_FILE"] != path


def test_refuses_to_start_without_credentials(tmp_path, monkeypatch):
    monkeypatch.delenv("LABKIT_WINRM_USER", raising=False)
    monkeypatch.delenv("LABKIT_WINRM_PASSWORD", raising=False)
    with pytest.raises(CredentialsMissing, match="LABKIT_WINRM_USER"):
        TwinServer(Lab.load(None), tmp_path, executor=Recorder()).start()


def test_request_counters_reset(served):
    srv, _ = served
    winrm.Session(srv.listeners["CLUSTERNODE-1"].url, auth=(USER, PASSWORD), transport="ntlm", proxy=None).run_ps("a")
    assert srv.total("Command") == 1 and srv.total() > 0
    srv.reset_counters()
    assert srv.total() == 0


def test_tampered_encrypted_body_refused(served):
    srv, rec = served
    L = srv.listeners["CLUSTERNODE-1"]
    p = proto(L.url)
    shell = p.open_shell()
    t = p.transport
    session = t.build_session()
    req = t.encryption.prepare_encrypted_request(session, t.endpoint, ps("x").encode())
    body = bytearray(req.body)
    body[-40] ^= 0xFF  # inside the sealed payload
    req.body = bytes(body)
    r = session.send(req)
    assert r.status_code == 400 and L.counters["bad_encryption"] == 1
    assert rec.calls == []
    p2 = proto(L.url)                    # the server still serves (a new connection)
    s2 = p2.open_shell()
    cid = p2.run_command(s2, ps("ok"))
    assert p2.get_command_output(s2, cid)[2] == 0
