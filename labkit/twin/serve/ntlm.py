"""NTLM and CredSSP for the served twin: pyspnego as the acceptor, and
WinRM's HTTP message encryption (MS-WSMV 2.2.9.1.1 for NTLM, 2.2.9.1.3 for
CredSSP, as pywinrm's ``encryption.py`` does it on the client side).

CredSSP (MS-CSSP) runs a TLS channel inside the HTTP ``Authorization``
headers (``CredSSP <base64>``), authenticates the user inside it with
SPNEGO/NTLM (the same credential store), then receives the user's password
itself: the *delegated* credentials that let a script reach a second host.
The listener checks they are the accepted user's, and the run gets the
``credssp`` logon (:mod:`labkit.twin.logon`); over NTLM it gets ``ntlm``.

NTLM authenticates a *connection*: a client sends Negotiate, gets a
Challenge in a 401, sends Authenticate on the same connection, and from then
on every request on that connection is an encrypted multipart body sealed
with the session key.  :class:`Acceptor` holds that per-connection state.

pyspnego's NTLM acceptor reads the accepted credential from the file named by
the ``NTLM_USER_FILE`` environment variable.  :class:`CredentialFile` writes
it (smbpasswd form: the password itself is never written, only its NT hash;
the LM hash field is zeros, as smbpasswd allows, since NTLMv2 never uses it)
with mode 0600 in a private directory (in ``/dev/shm`` where there is one, so
the hash stays in memory), points the variable at it, and removes both on
close, at interpreter exit and on SIGTERM/SIGHUP (:mod:`labkit.twin.serve.secrets`).
A server killed outright (SIGKILL) cannot clean up: the next one removes the
folders of servers whose process is gone (:func:`secrets.remove_stale`).
"""

from __future__ import annotations

import base64
import os
import struct
import threading

import spnego
from spnego._ntlm_raw.crypto import ntowfv1
from spnego.exceptions import SpnegoError

from labkit.twin.serve import secrets

PROTOCOL = b"application/HTTP-SPNEGO-session-encrypted"
CREDSSP_PROTOCOL = b"application/HTTP-CredSSP-session-encrypted"
BOUNDARY = b"--Encrypted Boundary"
CONTENT_TYPE = 'multipart/encrypted;protocol="application/HTTP-SPNEGO-session-encrypted";boundary="Encrypted Boundary"'
CREDSSP_CONTENT_TYPE = 'multipart/encrypted;protocol="application/HTTP-CredSSP-session-encrypted";boundary="Encrypted Boundary"'

_env_lock = threading.Lock()
NO_LM_HASH = "0" * 32   # smbpasswd's LM field left empty (pyspnego's own example does so)


class AuthFailed(Exception):
    """The client's NTLM token was refused (wrong user or password, or a bad token)."""


class EncryptionError(Exception):
    """An encrypted body that does not decrypt or does not match its stated length."""


class CredentialError(ValueError):
    """A user name the NTLM credential store cannot hold; the message says which character."""


class CredentialFile:
    """The NTLM credential store for the acceptor; a context manager."""

    def __init__(self, username: str, password: str):
        for ch, name in ((":", "':'"), ("\n", "a line break"), ("\r", "a carriage return")):
            if ch in username:
                raise CredentialError(f"the WinRM user name {username!r} contains {name}, which no Windows account name "
                                      "holds (and the NTLM user file cannot store); set LABKIT_WINRM_USER to DOMAIN\\user or user")
        secrets.remove_stale()
        self._dir = secrets.private_dir()
        self.path = self._dir / "ntlm-users"
        nt = base64.b16encode(ntowfv1(password)).decode()
        line = f"{username}:1000:{NO_LM_HASH}:{nt}:[U]:LCT-00000000\n"
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(line)
        with _env_lock:
            self._previous = os.environ.get("NTLM_USER_FILE")
            os.environ["NTLM_USER_FILE"] = str(self.path)
        self._closed = False
        secrets.remove_on_exit(self._dir)

    def __repr__(self) -> str:
        return f"CredentialFile({str(self.path)!r})"

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        with _env_lock:
            if os.environ.get("NTLM_USER_FILE") == str(self.path):
                if self._previous is None:
                    os.environ.pop("NTLM_USER_FILE", None)
                else:
                    os.environ["NTLM_USER_FILE"] = self._previous
        secrets.remove(self._dir)

    def __enter__(self) -> "CredentialFile":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _same_user(a: str, b: str) -> bool:
    """``DOMAIN\\user``, ``user@domain`` and ``user`` name the same account when the user parts match
    (and the domains, where both give one)."""
    def parts(name: str) -> tuple[str, str]:
        if "\\" in name:
            d, u = name.split("\\", 1)
        elif "@" in name:
            u, d = name.split("@", 1)
            d = d.split(".")[0]
        else:
            d, u = "", name
        return d.lower(), u.lower()

    (da, ua), (db, ub) = parts(a), parts(b)
    return ua == ub and (not da or not db or da == db)


class Acceptor:
    """One connection's authentication state (NTLM or CredSSP): handshake, then wrap/unwrap of bodies.

    ``expected`` (user, password) is what delegated CredSSP credentials must be."""

    def __init__(self, expected: tuple[str, str] | None = None) -> None:
        self._ctx = None
        self.scheme = "Negotiate"
        self.mechanism = "ntlm"            # "ntlm" or "credssp": the logon the connection's runs get
        self._expected = expected

    @property
    def complete(self) -> bool:
        return self._ctx is not None and self._ctx.complete

    @property
    def client(self) -> str | None:
        return self._ctx.client_principal if self.complete else None

    def step(self, header_value: str) -> str | None:
        """Process an ``Authorization`` header; the ``WWW-Authenticate`` value to send back, or None when done."""
        scheme, _, b64 = header_value.strip().partition(" ")
        if scheme.lower() not in ("negotiate", "ntlm", "credssp"):
            raise AuthFailed(f"authorization scheme {scheme!r} is not accepted; use NTLM (Negotiate) or CredSSP")
        try:
            token = base64.b64decode(b64.strip(), validate=True)
        except ValueError:
            raise AuthFailed("the authorization token is not base64") from None
        if scheme.lower() == "credssp":
            return self._step_credssp(token)
        if not token.startswith(b"NTLMSSP\x00"):
            raise AuthFailed("only NTLM tokens are accepted (no Kerberos on the twin)")
        msg_type = struct.unpack("<I", token[8:12])[0] if len(token) >= 12 else 0
        if msg_type == 1:  # Negotiate: a fresh handshake on this connection
            self._ctx = spnego.server(protocol="ntlm")
            self.scheme = scheme
            self.mechanism = "ntlm"
        elif self._ctx is None or self._ctx.complete:
            raise AuthFailed("NTLM Authenticate without a Negotiate on this connection")
        try:
            out = self._ctx.step(token)
        except SpnegoError:
            self._ctx = None
            raise AuthFailed("the credentials were rejected") from None
        except Exception:  # a malformed token makes pyspnego's parser raise struct.error, ValueError, IndexError ...
            self._ctx = None
            raise AuthFailed("the NTLM token is malformed") from None
        if out:
            return f"{self.scheme} {base64.b64encode(out).decode('ascii')}"
        return None

    def _step_credssp(self, token: bytes) -> str | None:
        if self._ctx is None or self._ctx.complete or self.mechanism != "credssp":
            # a fresh CredSSP handshake (its first token is the inner TLS ClientHello);
            # pyspnego makes the acceptor's self-signed TLS certificate
            self._ctx = spnego.server(protocol="credssp")
            self.mechanism = "credssp"
            self.scheme = "CredSSP"
        try:
            out = self._ctx.step(token)
        except Exception:  # SpnegoError, or an ssl error of the inner TLS on a garbage token
            self._ctx = None
            raise AuthFailed("the CredSSP exchange failed (wrong user or password, or a bad token)") from None
        if self._ctx.complete:
            cred = self._ctx.get_extra_info("client_credential")
            user = f"{cred.domain_name}\\{cred.username}" if getattr(cred, "domain_name", "") else getattr(cred, "username", "")
            if self._expected is not None and (
                    not _same_user(user, self._expected[0]) or getattr(cred, "password", None) != self._expected[1]):
                self._ctx = None
                raise AuthFailed("the delegated CredSSP credentials are not the authenticated user's")
        if out:
            return f"CredSSP {base64.b64encode(out).decode('ascii')}"
        return None

    @property
    def content_type(self) -> str:
        """The Content-Type of this connection's encrypted bodies."""
        return CREDSSP_CONTENT_TYPE if self.mechanism == "credssp" else CONTENT_TYPE

    # -- message encryption (mirror of winrm/encryption.py) -------------------
    def decrypt(self, content_type: str, body: bytes) -> bytes:
        protocol = CREDSSP_PROTOCOL if self.mechanism == "credssp" else PROTOCOL
        if protocol.decode() not in content_type:
            raise EncryptionError(f"unexpected content type {content_type!r}")
        if not self.complete:
            raise EncryptionError("an encrypted body before authentication")
        parts = [p for p in body.split(BOUNDARY + b"\r\n") if p]
        message = b""
        if len(parts) < 2 or len(parts) % 2:
            raise EncryptionError("the multipart/encrypted body does not have header and payload parts")
        for i in range(0, len(parts), 2):
            header, payload = parts[i].strip(), parts[i + 1]
            try:
                expected = int(header.split(b"Length=")[1].split(b"\r")[0])
            except (IndexError, ValueError):
                raise EncryptionError("the encrypted part has no OriginalContent length") from None
            if payload.endswith(BOUNDARY + b"--\r\n"):
                payload = payload[: -len(BOUNDARY + b"--\r\n")]
            data = payload.replace(b"\tContent-Type: application/octet-stream\r\n", b"", 1)
            if len(data) < 4:
                raise EncryptionError("the encrypted part is truncated")
            if self.mechanism == "credssp":   # <trailer length, 4 bytes> then TLS records (MS-WSMV 2.2.9.1.3)
                try:
                    plain = self._ctx.unwrap(data[4:]).data
                except Exception:
                    raise EncryptionError("the encrypted body does not decrypt in the CredSSP TLS channel") from None
                if len(plain) != expected:
                    raise EncryptionError("the decrypted length does not match OriginalContent")
                message += plain
                continue
            sig_len = struct.unpack("<i", data[:4])[0]
            if sig_len != 16 or len(data) < 4 + sig_len:
                raise EncryptionError("the encrypted part has a bad signature length")
            signature, sealed = data[4 : 4 + sig_len], data[4 + sig_len :]
            try:
                plain = self._ctx.unwrap(signature + sealed).data
            except Exception:  # SpnegoError (bad signature) or anything the RC4/HMAC code raises on garbage
                raise EncryptionError("the encrypted body does not verify (wrong key or tampered)") from None
            if len(plain) != expected:
                raise EncryptionError("the decrypted length does not match OriginalContent")
            message += plain
        return message

    def encrypt(self, message: bytes) -> bytes:
        if self.mechanism == "credssp":
            w = self._ctx.wrap_winrm(message)
            signature, sealed, protocol = w.header, w.data, CREDSSP_PROTOCOL
        else:
            wrapped = self._ctx.wrap(message, encrypt=True).data
            signature, sealed, protocol = wrapped[:16], wrapped[16:], PROTOCOL
        return (
            BOUNDARY + b"\r\n"
            b"\tContent-Type: " + protocol + b"\r\n"
            b"\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=" + str(len(message)).encode() + b"\r\n"
            + BOUNDARY + b"\r\n"
            b"\tContent-Type: application/octet-stream\r\n"
            + struct.pack("<i", len(signature)) + signature + sealed
            + BOUNDARY + b"--\r\n"
        )
