"""HTTPS: the winrm backend checks the server certificate by default, trusts a
given CA bundle, and skips the check only when told to, loudly.  Against
`labkit twin serve` listening with TLS on 127.0.0.1 (self-signed certificate)."""

from __future__ import annotations

import datetime
import ipaddress
import logging

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from labkit.backends.credentials import Credentials, Secret
from labkit.backends.winrm import InsecureTLSWarning, WinRMBackend
from labkit.lab import Lab
from labkit.twin.serve import Outcome, TwinServer

CREDS = Credentials("LAB\\student", Secret("tls-test-password"))


def _self_signed(tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "labkit twin")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


@pytest.fixture
def tls_served(tmp_path):
    cert, key = _self_signed(tmp_path)
    calls = []

    def ex(host, script):
        calls.append(host)
        return Outcome(ok=True, text='{"tls": true}')

    with TwinServer(Lab.load(None), tmp_path / "state", credentials=CREDS, executor=ex, hosts=["DC01"], tls=(cert, key)) as srv:
        yield srv, Lab.load(srv.lab_file), cert, calls


def test_lab_file_says_https(tls_served):
    srv, lab, cert, calls = tls_served
    c = lab.host("DC01").connection
    assert c.scheme == "https" and c.endpoint.startswith("https://127.0.0.1:")


def test_untrusted_certificate_refused_by_default(tls_served, monkeypatch):
    srv, lab, cert, calls = tls_served
    monkeypatch.delenv("LABKIT_WINRM_INSECURE_SKIP_TLS_VERIFY", raising=False)
    monkeypatch.delenv("LABKIT_WINRM_CA_BUNDLE", raising=False)
    with WinRMBackend(lab, credentials=CREDS, retries=0) as b:
        res = b.run_one("DC01", "'x'")
    assert not res.ok and "TLS with DC01 failed" in res.errors[0]
    assert calls == []


def test_trusted_with_a_ca_bundle(tls_served, monkeypatch):
    srv, lab, cert, calls = tls_served
    monkeypatch.setenv("LABKIT_WINRM_CA_BUNDLE", str(cert))
    with WinRMBackend(lab, credentials=CREDS) as b:
        res = b.run_one("DC01", "'x'")
        assert res.ok and res.data == {"tls": True}
        assert b.run_one("DC01", "'y'").ok
    L = srv.listeners["DC01"]
    assert L.counters["Create"] == 1 and L.counters["Command"] == 2 and L.counters.get("unencrypted", 0) == 0


def test_insecure_skip_verify_works_and_warns_each_connection(tls_served, caplog):
    srv, lab, cert, calls = tls_served
    with caplog.at_level(logging.WARNING), pytest.warns(InsecureTLSWarning):
        with WinRMBackend(lab, credentials=CREDS, insecure_skip_tls_verify=True) as b:
            assert b.run_one("DC01", "'x'").ok
    assert sum("verification is OFF" in m for m in caplog.messages) >= 2  # at construction and at connecting
    assert "tls-test-password" not in caplog.text
