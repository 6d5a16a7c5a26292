"""`labkit twin serve` authentication: NTLM and CredSSP accepted (over HTTP with
message encryption and over HTTPS), the run gets the logon the client
authenticated with (CredSSP delegates: the second hop works; NTLM does not),
and nothing runs without valid authentication: no credentials, Basic, a wrong
password over NTLM or CredSSP, a SOAP body sent before authenticating on the
TLS listener.

Real clients: pywinrm's Protocol (requests-ntlm, requests-credssp) and raw
``requests`` for what pywinrm would never send.
"""

from __future__ import annotations

import base64
import uuid

import pytest
import requests
import winrm
from winrm.exceptions import InvalidCredentialsError, WinRMTransportError

from labkit.backends.credentials import Credentials, Secret
from labkit.backends.winrm import WinRMBackend
from labkit.lab import Lab
from labkit.twin.serve import Outcome, TwinServer
from test_winrm_tls import _self_signed

USER, PASSWORD = "LAB\\student", "CredSSP-and-NTLM pass"
CREDS = Credentials(USER, Secret(PASSWORD))
HOST = "CLUSTERNODE-1"


class Logons:
    """A stand-in executor that records the logon of each run."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def __call__(self, host: str, script: str, logon: str = "?") -> Outcome:
        self.calls.append((host, logon))
        return Outcome(ok=True, text=f'{{"logon": "{logon}"}}')


@pytest.fixture(params=["http", "https"])
def served(request, tmp_path):
    tls = _self_signed(tmp_path) if request.param == "https" else None
    rec = Logons()
    with TwinServer(Lab.load(None), tmp_path / "state", credentials=CREDS, executor=rec, hosts=[HOST], tls=tls) as srv:
        yield srv, rec, request.param


def _session(url: str, transport: str, password: str = PASSWORD) -> winrm.Session:
    return winrm.Session(url, auth=(USER, password), transport=transport, proxy=None,
                         server_cert_validation="ignore", read_timeout_sec=30, operation_timeout_sec=20)


@pytest.mark.parametrize("transport", ["ntlm", "credssp"])
def test_each_transport_runs_with_its_logon(served, transport):
    srv, rec, scheme = served
    r = _session(srv.listeners[HOST].url, transport).run_ps("'x'")
    assert r.status_code == 0, r.std_err
    assert r.std_out.decode().strip() == f'{{"logon": "{transport}"}}'
    assert rec.calls == [(HOST, transport)]
    L = srv.listeners[HOST]
    assert L.counters.get("unencrypted", 0) == 0 and L.counters.get("auth_failed", 0) == 0


@pytest.mark.parametrize("transport", ["ntlm", "credssp"])
def test_a_wrong_password_runs_nothing(served, transport):
    srv, rec, _ = served
    with pytest.raises(Exception) as e:
        _session(srv.listeners[HOST].url, transport, password="not the password").run_ps("'x'")
    assert type(e.value).__name__ in ("InvalidCredentialsError", "NTStatusException", "AuthenticationException")
    assert rec.calls == []
    assert srv.listeners[HOST].counters["Command"] == 0 and srv.listeners[HOST].counters["Create"] == 0


def _command_envelope() -> bytes:
    """A WS-Man Create (shell) request as pywinrm builds it: what must never be handled unauthenticated."""
    from winrm.protocol import Protocol

    p = Protocol("http://127.0.0.1/wsman", username="x", password="y", transport="ntlm")
    req = {"env:Envelope": p._get_soap_header(resource_uri="http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd",
                                              action="http://schemas.xmlsoap.org/ws/2004/09/transfer/Create")}
    header = req["env:Envelope"]["env:Header"]
    header["w:OptionSet"] = {"w:Option": [{"@Name": "WINRS_NOPROFILE", "#text": "TRUE"}]}
    shell = req["env:Envelope"].setdefault("env:Body", {}).setdefault("rsp:Shell", {})
    shell["rsp:InputStreams"] = "stdin"
    shell["rsp:OutputStreams"] = "stdout stderr"
    import xmltodict

    return xmltodict.unparse(req).encode("utf-8")


@pytest.mark.parametrize("auth", [
    None,                                                                   # no credentials at all
    "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode(),    # Basic with the right password: not served
    "Basic " + base64.b64encode(f"{USER}:wrong".encode()).decode(),
    "Negotiate " + base64.b64encode(b"NTLMSSP\x00\x03\x00\x00\x00" + b"\x00" * 64).decode(),   # an Authenticate out of nowhere
    "Kerberos " + base64.b64encode(b"\x60\x00").decode(),
])
def test_https_refuses_a_soap_body_before_authentication(tmp_path, auth):
    """Over TLS, WinRM takes plain SOAP, but only on an authenticated connection:
    every request without a completed NTLM/CredSSP handshake is a 401 and runs nothing."""
    cert, key = _self_signed(tmp_path)
    rec = Logons()
    with TwinServer(Lab.load(None), tmp_path / "state", credentials=CREDS, executor=rec, hosts=[HOST], tls=(cert, key)) as srv:
        L = srv.listeners[HOST]
        headers = {"Content-Type": "application/soap+xml;charset=UTF-8"}
        if auth:
            headers["Authorization"] = auth
        with requests.Session() as s:
            r = s.post(L.url, data=_command_envelope(), headers=headers, verify=False, timeout=10)
        assert r.status_code == 401
        offered = r.headers.get("WWW-Authenticate", "")
        assert "Negotiate" in offered and "CredSSP" in offered and "Basic" not in offered
        assert b"Envelope" not in r.content
        assert L.counters["Create"] == 0 and L.open_shells == 0 and rec.calls == []


def test_https_basic_through_pywinrm_is_refused(tmp_path):
    cert, key = _self_signed(tmp_path)
    rec = Logons()
    with TwinServer(Lab.load(None), tmp_path / "state", credentials=CREDS, executor=rec, hosts=[HOST], tls=(cert, key)) as srv:
        with pytest.raises((InvalidCredentialsError, WinRMTransportError)):
            _session(srv.listeners[HOST].url, "basic").run_ps("'x'")
        assert rec.calls == [] and srv.listeners[HOST].counters["Create"] == 0


def test_credssp_delegation_must_be_the_authenticated_user(tmp_path):
    """The delegated password is compared with the accepted credentials: a
    client that authenticated but delegates someone else's is refused."""
    from labkit.twin.serve.ntlm import Acceptor, _same_user

    assert _same_user("LAB\\student", "student@lab.local") and _same_user("student", "LAB\\Student")
    assert not _same_user("LAB\\student", "OTHER\\student") and not _same_user("LAB\\a", "LAB\\b")
    assert Acceptor(("LAB\\student", "x")).mechanism == "ntlm"


def test_winrm_backend_step_logon_over_serve(tmp_path):
    """The winrm backend opens a CredSSP connection for a step that asks for it,
    beside the host's own NTLM one; the twin gets the logon of each."""
    rec = Logons()
    with TwinServer(Lab.load(None), tmp_path / "state", credentials=CREDS, executor=rec, hosts=[HOST]) as srv:
        lab = Lab.load(srv.lab_file)
        assert lab.host(HOST).connection.transport == "ntlm"
        with WinRMBackend(lab, credentials=CREDS, retries=0) as b:
            assert b.run_one(HOST, "'a'").data == {"logon": "ntlm"}
            assert b.run_one(HOST, "'b'", logon="credssp").data == {"logon": "credssp"}
            assert b.run_one(HOST, "'c'").data == {"logon": "ntlm"}
            with pytest.raises(ValueError, match="cannot be used over WinRM"):
                b.run_one(HOST, "'d'", logon="console")
        assert srv.listeners[HOST].counters["Create"] == 2   # one shell per transport, reused


def test_winrm_backend_reports_a_refused_credssp_logon(tmp_path):
    rec = Logons()
    with TwinServer(Lab.load(None), tmp_path / "state", credentials=CREDS, executor=rec, hosts=[HOST]) as srv:
        lab = Lab.load(srv.lab_file)
        wrong = Credentials(USER, Secret("wrong " + uuid.uuid4().hex))
        with WinRMBackend(lab, credentials=wrong, retries=0) as b:
            r = b.run_one(HOST, "'x'", logon="credssp")
    assert not r.ok and "rejected the WinRM credentials" in r.errors[0] and "credssp" in r.errors[0]
    assert "wrong" not in r.errors[0]
    assert rec.calls == []


def test_a_credssp_message_over_16_kib_arrives_in_chunks(tmp_path):
    """pywinrm splits CredSSP-encrypted messages over 16 KiB into
    multipart/x-multi-encrypted chunks (MS-WSMV 2.2.9.1.3); the listener joins them."""
    seen: list[str] = []

    def ex(host: str, script: str, logon: str = "?") -> Outcome:
        seen.append(script)
        return Outcome(ok=True, text=f'{{"length": {len(script)}, "logon": "{logon}"}}')

    with TwinServer(Lab.load(None), tmp_path / "state", credentials=CREDS, executor=ex, hosts=[HOST]) as srv:
        with WinRMBackend(Lab.load(srv.lab_file), credentials=CREDS, retries=0) as b:
            script = "# " + "x" * 9000 + "\n'done'"
            r = b.run_one(HOST, script, logon="credssp")
        assert srv.listeners[HOST].counters.get("bad_encryption", 0) == 0
    assert r.ok, r.errors
    assert r.data["logon"] == "credssp" and script in seen[0]
