"""The winrm backend through pywinrm's real client code against `labkit twin
serve` on 127.0.0.1: shell reuse, parallel hosts, error parsing, retries,
timeouts, and no secret in any repr, log or exception text."""

from __future__ import annotations

import logging
import socket
import threading
import time
import warnings

import pytest

from labkit.backends.base import Backend, invocation
from labkit.backends.credentials import Credentials, Secret
from labkit.backends.winrm import InsecureTLSWarning, WinRMBackend, encoded_command
from labkit.lab import Connection, Lab
from labkit.twin.serve import Outcome, OutcomeError, TwinServer

USER, PASSWORD = "student", "Tr0ub4dor&3-correct-horse"
CREDS = Credentials(USER, Secret(PASSWORD))


class Scripted:
    """Stand-in executor: answers by what the script says."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []
        self.lock = threading.Lock()
        self.times: list[float] = []

    def __call__(self, host: str, script: str) -> Outcome:
        with self.lock:
            self.calls.append((host, script))
            self.times.append(time.perf_counter())
        if "Write-Error" in script:
            return Outcome(ok=False, text="", warnings=["Disk 2 is offline"], errors=[
                OutcomeError("Get-Disk : No MSFT_Disk objects found with property 'Number' equal to '9'.",
                             "ObjectNotFound", "MSFT_Disk", 9, 3),
                OutcomeError("second\nline two", "InvalidOperation", "X", None, 4)])
        if "NonTerminating" in script:
            return Outcome(ok=True, text="done", errors=[OutcomeError("a non-terminating error", terminating=False)])
        return Outcome(ok=True, text=f'{{"host": "{host}", "n": {len(self.calls)}}}', warnings=["be careful"])


@pytest.fixture
def served(tmp_path):
    ex = Scripted()
    with TwinServer(Lab.load(None), tmp_path / "state", credentials=CREDS, executor=ex) as srv:
        yield srv, ex, Lab.load(srv.lab_file)


SCRIPT = "param([string]$Name)\nGet-Thing -Name $Name | ConvertTo-Json"


def test_is_a_backend_and_runs_the_invocation_text(served):
    srv, ex, lab = served
    with WinRMBackend(lab, credentials=CREDS) as b:
        assert isinstance(b, Backend) and b.name == "winrm"
        r = b.run(["CLUSTERNODE-1"], SCRIPT, {"Name": "it's a 'test'"}, label="thing")
    res = r["CLUSTERNODE-1"]
    assert res.ok and res.data == {"host": "CLUSTERNODE-1", "n": 1}
    assert res.warnings == ["be careful"] and res.errors == []
    assert res.output == '{"host": "CLUSTERNODE-1", "n": 1}'
    assert ex.calls == [("CLUSTERNODE-1", invocation(SCRIPT, {"Name": "it's a 'test'"}))]
    assert r.script == "thing"


def test_one_shell_per_host_reused_and_closed(served):
    srv, ex, lab = served
    hosts = ["CLUSTERNODE-1", "CLUSTERNODE-2"]
    b = WinRMBackend(lab, credentials=CREDS)
    for _ in range(3):
        assert b.run(hosts, SCRIPT, {"Name": "x"}).ok
    for h in hosts:
        L = srv.listeners[h]
        assert L.counters["Create"] == 1 and L.counters["Command"] == 3 and L.open_shells == 1
    srv.reset_counters()
    b.run(hosts, SCRIPT, {"Name": "x"})
    assert {h: srv.listeners[h].requests for h in hosts} == {h: 3 for h in hosts}  # Command, Receive, Signal
    b.close()
    assert all(srv.listeners[h].open_shells == 0 for h in hosts)
    assert srv.listeners["DC01"].counters["Create"] == 0


def test_hosts_run_in_parallel(tmp_path):
    ex = Scripted()
    lab0 = Lab.load(None)
    with TwinServer(lab0, tmp_path, credentials=CREDS, executor=ex, latency=0.6) as srv:
        lab = Lab.load(srv.lab_file)
        hosts = [h.name for h in lab.hosts]
        with WinRMBackend(lab, credentials=CREDS) as b:
            b.run(hosts, "warm-up")  # shells and NTLM out of the way
            t = time.perf_counter()
            r = b.run(hosts, SCRIPT, {"Name": "x"})
            wall = time.perf_counter() - t
    assert r.ok and len(r.results) == 4
    assert wall < 0.6 * 2, f"4 hosts with 0.6 s each took {wall:.2f} s: not parallel"


def test_errors_from_clixml_warnings_and_exit_code(served):
    srv, ex, lab = served
    with WinRMBackend(lab, credentials=CREDS) as b:
        r = b.run(["CLUSTERNODE-2"], "Get-Disk -Number 9\nWrite-Error 'x'", label="disk")
        res = r["CLUSTERNODE-2"]
        assert not res.ok and res.data is None
        assert res.errors == ["Get-Disk : No MSFT_Disk objects found with property 'Number' equal to '9'.", "second\nline two"]
        assert res.warnings == ["Disk 2 is offline"]
        assert not r.ok
        with pytest.raises(Exception, match="CLUSTERNODE-2: Get-Disk : No MSFT_Disk"):
            r.raise_for_errors()
        # a non-terminating error: exit code 0, ok as on the twin, and the error is still reported
        res = b.run_one("CLUSTERNODE-2", "NonTerminating")
        assert res.errors == ["a non-terminating error"] and res.output == "done" and res.ok


def test_shell_lost_on_the_server_is_reopened(served):
    srv, ex, lab = served
    with WinRMBackend(lab, credentials=CREDS, retry_backoff=0.01) as b:
        assert b.run_one("DC01", "a").ok
        srv.listeners["DC01"]._shells.clear()   # as if WinRM restarted / the shell idled out
        res = b.run_one("DC01", "b")
        assert res.ok, res.errors
        assert srv.listeners["DC01"].counters["Create"] == 2


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _lab_at(port: int) -> Lab:
    lab = Lab.load(None)
    return lab.with_connections({"DC01": Connection(address="127.0.0.1", port=port, scheme="http", transport="ntlm")})


def test_connection_refused_retried_then_reported(caplog):
    port = _free_port()
    with WinRMBackend(_lab_at(port), credentials=CREDS, retries=2, retry_backoff=0.01) as b:
        with caplog.at_level(logging.INFO, logger="labkit"):
            res = b.run_one("DC01", "x")
    assert not res.ok and "failed after 3 attempt(s)" in res.errors[0]
    assert sum("retrying" in m for m in caplog.messages) == 2


def test_transient_failure_then_success(tmp_path):
    port = _free_port()
    ex = Scripted()
    srv = TwinServer(Lab.load(None), tmp_path, credentials=CREDS, executor=ex, hosts=["DC01"], base_port=port)
    starter = threading.Timer(0.3, srv.start)
    starter.start()
    try:
        with WinRMBackend(_lab_at(port), credentials=CREDS, retries=4, retry_backoff=0.2) as b:
            res = b.run_one("DC01", "x")
        assert res.ok, res.errors
        assert len(ex.calls) == 1
    finally:
        starter.join()
        srv.stop()


def test_command_timeout_terminates(tmp_path):
    ex = Scripted()
    with TwinServer(Lab.load(None), tmp_path, credentials=CREDS, executor=ex, hosts=["DC01"], latency=2.5) as srv:
        with WinRMBackend(Lab.load(srv.lab_file), credentials=CREDS, read_timeout=5, operation_timeout=1,
                          command_timeout=0.5) as b:
            res = b.run_one("DC01", "slow", label="slow step")
        assert not res.ok and "did not finish on DC01 within 0.5 s" in res.errors[0]
        assert srv.listeners["DC01"].counters["Signal"] == 1


def test_host_without_connection(served):
    srv, ex, lab = served
    lab2 = Lab.load(None)
    with WinRMBackend(lab2, credentials=CREDS) as b:
        res = b.run_one("DC01", "x")
    assert not res.ok and "has no connection" in res.errors[0]


def test_script_too_long_for_the_command_line_is_refused_before_sending(served):
    srv, ex, lab = served
    with WinRMBackend(lab, credentials=CREDS) as b:
        ok = b.run_one("DC01", "x" * 12_000)
        assert ok.ok
        res = b.run_one("DC01", "x" * 12_400)
    assert not res.ok and "too long for one WinRM command line" in res.errors[0] and "32767" in res.errors[0]
    assert len(ex.calls) == 1
    assert len(encoded_command("x" * 12_000)) <= 32767 < len(encoded_command("x" * 12_400))


def test_wrong_password_is_a_clear_error_without_the_secret(served, caplog):
    srv, ex, lab = served
    wrong = Credentials(USER, Secret("WrongHorse-Battery-9"))
    with caplog.at_level(logging.DEBUG):
        with WinRMBackend(lab, credentials=wrong, retries=3) as b:
            r = b.run(["DC01", "STORAGE01"], SCRIPT, {"Name": "x"})
    for res in r.results.values():
        assert not res.ok and "rejected the WinRM credentials" in res.errors[0]
    assert ex.calls == []
    assert srv.total("auth_failed") == 2  # no retry on 401
    text = caplog.text + repr(r) + str(r.results)
    assert "WrongHorse-Battery-9" not in text


def test_no_secret_in_repr_logs_or_exceptions(served, caplog):
    srv, ex, lab = served
    with caplog.at_level(logging.DEBUG):  # pywinrm, requests, urllib3, requests_ntlm, spnego, labkit
        logging.getLogger("urllib3").setLevel(logging.DEBUG)
        b = WinRMBackend(lab, credentials=CREDS)
        r = b.run([h.name for h in lab.hosts], SCRIPT, {"Name": "x"})
        refused = WinRMBackend(_lab_at(_free_port()), credentials=CREDS, retries=0).run_one("DC01", "x")
        b.close()
    assert r.ok
    assert "POST /wsman" in caplog.text  # urllib3 did log at DEBUG
    exposed = [repr(b), str(b), repr(CREDS), str(CREDS), repr(CREDS.password), caplog.text,
               repr(r), str(r.results), " ".join(refused.errors), repr(srv), srv.lab_file.read_text()]
    for text in exposed:
        assert PASSWORD not in text
    assert "student" in repr(b)


def test_credentials_from_environment(served, monkeypatch):
    srv, ex, lab = served
    monkeypatch.setenv("LABKIT_WINRM_USER", USER)
    monkeypatch.setenv("LABKIT_WINRM_PASSWORD", PASSWORD)
    with WinRMBackend(lab) as b:
        assert b.run_one("DC01", "x").ok


def test_tls_verification_on_by_default_and_off_loudly(monkeypatch, caplog):
    seen: list[dict] = []

    class FakeProtocol:
        def __init__(self, endpoint, **kw):
            seen.append({"endpoint": endpoint, **kw})

    lab = Lab.load(None).with_connections({"DC01": Connection(address="dc01.lab.example", port=5986)})
    monkeypatch.delenv("LABKIT_WINRM_INSECURE_SKIP_TLS_VERIFY", raising=False)
    b = WinRMBackend(lab, credentials=CREDS, protocol_factory=FakeProtocol)
    b._protocol(lab.host("DC01").connection)
    assert seen[-1]["server_cert_validation"] == "validate"
    assert seen[-1]["endpoint"] == "https://dc01.lab.example:5986/wsman" and seen[-1]["transport"] == "ntlm"
    assert seen[-1]["proxy"] is None

    monkeypatch.setenv("LABKIT_WINRM_INSECURE_SKIP_TLS_VERIFY", "1")
    with caplog.at_level(logging.WARNING), pytest.warns(InsecureTLSWarning) as w:
        b = WinRMBackend(lab, credentials=CREDS, protocol_factory=FakeProtocol)
        b._protocol(lab.host("DC01").connection)
        b._protocol(lab.host("DC01").connection)
    assert seen[-1]["server_cert_validation"] == "ignore"
    assert len(w) == 3 and sum("verification is OFF" in m for m in caplog.messages) == 3
    assert b.insecure_skip_tls_verify and "insecure_skip_tls_verify=True" in repr(b)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert not WinRMBackend(lab, credentials=CREDS, insecure_skip_tls_verify=False).insecure_skip_tls_verify


def test_transports_passed_through(monkeypatch):
    seen: list[dict] = []

    class FakeProtocol:
        def __init__(self, endpoint, **kw):
            seen.append(kw)

    conns = {"DC01": Connection(address="a", transport="kerberos"), "STORAGE01": Connection(address="b", transport="credssp")}
    lab = Lab.load(None).with_connections(conns)
    b = WinRMBackend(lab, credentials=CREDS, protocol_factory=FakeProtocol)
    for h in ("DC01", "STORAGE01"):
        b._protocol(lab.host(h).connection)
    assert [s["transport"] for s in seen] == ["kerberos", "credssp"]


def test_missing_transport_library_is_a_clear_host_error():
    lab = Lab.load(None).with_connections({"DC01": Connection(address="127.0.0.1", port=_free_port(), scheme="http",
                                                               transport="credssp")})
    with WinRMBackend(lab, credentials=CREDS, retries=0) as b:
        res = b.run_one("DC01", "x")
    assert not res.ok and res.errors and PASSWORD not in res.errors[0]


def test_timeouts_validated():
    with pytest.raises(ValueError, match="must exceed"):
        WinRMBackend(Lab.load(None), credentials=CREDS, read_timeout=10, operation_timeout=10)


def test_host_args_and_progress(served):
    srv, ex, lab = served
    seen = []
    with WinRMBackend(lab, credentials=CREDS) as b:
        r = b.run(["CLUSTERNODE-1", "CLUSTERNODE-2"], SCRIPT, {"Name": "shared"}, label="net",
                  host_args={"CLUSTERNODE-2": {"Name": "own", "Extra": [1, 2]}}, progress=lambda res: seen.append(res.host))
    assert r.ok and sorted(seen) == ["CLUSTERNODE-1", "CLUSTERNODE-2"]
    assert list(r.results) == ["CLUSTERNODE-1", "CLUSTERNODE-2"]
    scripts = dict(ex.calls)
    assert scripts["CLUSTERNODE-1"] == invocation(SCRIPT, {"Name": "shared"})
    assert scripts["CLUSTERNODE-2"] == invocation(SCRIPT, {"Name": "own", "Extra": [1, 2]})


def test_wait_until_reachable(tmp_path):
    port = _free_port()
    srv = TwinServer(Lab.load(None), tmp_path, credentials=CREDS, executor=Scripted(), hosts=["DC01"], base_port=port)
    starter = threading.Timer(0.4, srv.start)
    starter.start()
    try:
        with WinRMBackend(_lab_at(port), credentials=CREDS, retries=0) as b:
            b.wait_until_reachable(["DC01"], timeout_s=10, poll_s=0.1)
            assert b.run_one("DC01", "x").ok
            with pytest.raises(TimeoutError, match="DC02|did not answer"):
                WinRMBackend(_lab_at(_free_port()), credentials=CREDS, retries=0).wait_until_reachable(["DC01"], timeout_s=0.2, poll_s=0.1)
    finally:
        starter.join()
        srv.stop()
