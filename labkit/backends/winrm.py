"""The winrm backend: labkit steps on real Windows hosts over WinRM (pywinrm).

Construct it from a lab whose hosts carry ``connection`` entries (written by
``labkit lab inventory`` or ``labkit twin serve``)::

    with WinRMBackend(Lab.load("served-lab.yaml")) as backend:
        backend.run(["NODE1", "NODE2"], script, {"Name": "vSwitch"}, label="switch")

Credentials
    ``LABKIT_WINRM_USER`` / ``LABKIT_WINRM_PASSWORD``, else the system keyring
    (service ``labkit``); see :mod:`labkit.backends.credentials`.  Never from
    the lab file or notebook parameters.  No repr, log line or exception text of
    this module holds the password.
Transports
    ``connection.transport``: ntlm (pywinrm + requests-ntlm), kerberos
    (needs ``pywinrm[kerberos]``), credssp (needs ``pywinrm[credssp]``).  Over
    ``http`` pywinrm encrypts every message with the NTLM/Kerberos/CredSSP
    session key; over ``https`` TLS does, and the server certificate is
    checked.  ``insecure_skip_tls_verify=True`` (or
    ``LABKIT_WINRM_INSECURE_SKIP_TLS_VERIFY=1``) turns the check off, with a
    warning every time a connection is opened that way.  The trusted CAs are
    certifi's unless ``ca_trust_path`` / ``LABKIT_WINRM_CA_BUNDLE`` names a
    bundle (a lab CA).  Proxies are not used unless ``proxy=`` names one.
    A run may ask for another transport (``run(..., logon="credssp")``: the
    steps that reach other nodes, labkit.steps.SECOND_HOP); it gets its own
    connection and shell beside the host's own.
Shells
    One WinRM shell per host, opened on first use and reused by every script
    (pywinrm ``Protocol``: ``open_shell`` once; ``run_command`` /
    ``get_command_output_raw`` / ``cleanup_command`` per script; ``close_shell``
    at :meth:`close`).  A script costs 3 HTTP requests on a warm shell:
    Command, Receive (more when output exceeds one envelope or runs past the
    operation timeout) and Signal.  Hosts run in parallel (a thread per host).
Command line
    Each script is ``powershell -NoProfile -NonInteractive -EncodedCommand
    <base64 of UTF-16LE>``, as pywinrm's ``run_ps`` sends it: the whole script
    (:func:`~labkit.backends.base.invocation` text, arguments as quoted
    literals) travels on the command line.  Base64 of UTF-16LE is 8/3
    characters per script character.  Through ``cmd.exe`` (pywinrm's default)
    a command line holds 8191 characters, about 3,000 script characters; this
    backend sets ``WINRS_SKIP_CMD_SHELL`` so ``CreateProcess``'s limit of 32767
    applies: about 12,200 script characters.  Longer scripts are refused
    before sending, with the numbers (labkit's steps are a few KB).
Output
    stdout: lines starting ``WARNING: `` are warnings, the rest is the output,
    whose JSON (ConvertTo-Json) becomes ``data``.  stderr: PowerShell's CLIXML
    (``#< CLIXML``) error records become one readable message each (progress
    records are dropped).  ``ok`` is exit code 0 (powershell.exe exits 1 when
    the script ended in an error), as the twin's ``ok``; error records of
    non-terminating errors are in ``errors`` either way.  Write-Host text also
    reaches stdout on Windows (labkit's steps print only their JSON).
Timeouts and retries
    ``read_timeout`` (HTTP), ``operation_timeout`` (WS-Man; a Receive that
    times out is simply repeated) and ``command_timeout`` (whole script; then
    the command is terminated and the host reports an error).  A transient
    connection failure (refused, reset, HTTP 5xx that is not a WS-Man fault)
    drops the host's connection and shell and retries the whole script up to
    ``retries`` times with exponential backoff.  That can run a script twice
    if the failure came after it started: allowed because labkit's steps are
    idempotent ensure-scripts (they check state before changing it).  Pass
    ``retries=0`` for scripts that are not.
"""

from __future__ import annotations

import base64
import logging
import os
import re
import threading
import time
import warnings
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from labkit.backends.base import Backend, HostResult, RunResult, invocation, merged_args, parse_json_output
from labkit.backends.credentials import Credentials, winrm_credentials
from labkit.lab import Connection, Lab

# pywinrm's transports labkit accepts for a run (``winrm.transport.Transport``'s auth_method).
WINRM_TRANSPORTS = ("ntlm", "kerberos", "credssp", "basic")

log = logging.getLogger(__name__)

ENV_INSECURE = "LABKIT_WINRM_INSECURE_SKIP_TLS_VERIFY"
ENV_CA_BUNDLE = "LABKIT_WINRM_CA_BUNDLE"
CMD_EXE_LIMIT = 8191          # cmd.exe command line, characters
CREATE_PROCESS_LIMIT = 32767  # CreateProcess lpCommandLine, characters
COMMAND_PREFIX = "powershell -NoProfile -NonInteractive -EncodedCommand "
CODEPAGE_UTF8 = 65001
SHELL_NOT_FOUND = 2150858843
# The boot time a host reports (Win32_OperatingSystem.LastBootUpTime, round-trip format).
BOOT_TIME_SCRIPT = "(Get-CimInstance -ClassName Win32_OperatingSystem).LastBootUpTime.ToString('o')"


class InsecureTLSWarning(UserWarning):
    """A WinRM connection whose server certificate is not checked."""


class WinRMScriptError(RuntimeError):
    """A host-level failure (connection, authentication, protocol); its text never holds a secret."""


class _Transient(Exception):
    pass


class _CommandTimeout(Exception):
    pass


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


# -- output parsing --------------------------------------------------------------

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def decode_clixml_text(text: str) -> str:
    """Undo the ``_xHHHH_`` escapes of PowerShell's serializer."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def parse_clixml_errors(stderr: str) -> list[str]:
    """Readable messages of the error records in PowerShell's CLIXML stderr (progress records dropped).

    Each record is the normal-view text: message lines, then ``At line:N
    char:M`` / ``+ ...`` lines, then a blank line.  The message is what comes
    before the position lines.  Text that is not CLIXML gives its non-blank lines.
    """
    text = stderr.replace("\r\n", "\n")
    if not text.lstrip().startswith("#< CLIXML"):
        return [line.strip() for line in text.split("\n") if line.strip()]
    xml = text.lstrip()[len("#< CLIXML"):].strip()
    lines: list[str] = []
    # Several CLIXML documents can follow each other (one per flush).
    for doc in re.split(r"\n?#< CLIXML\n?", xml):
        doc = doc.strip()
        if not doc:
            continue
        try:
            root = ET.fromstring(doc)
        except ET.ParseError:
            return [line.strip() for line in doc.split("\n") if line.strip()]
        for el in root:
            if el.tag.rsplit("}", 1)[-1] == "S" and el.get("S") == "Error":
                piece = decode_clixml_text(el.text or "").replace("\r\n", "\n")
                lines.extend(piece[:-1].split("\n") if piece.endswith("\n") else piece.split("\n"))
    records: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            records[-1].append(line.rstrip())
        elif records[-1]:
            records.append([])
    messages = []
    for rec in records:
        if not rec:
            continue
        msg: list[str] = []
        for line in rec:
            s = line.lstrip()
            if re.match(r"^At (line:\d+|.+:\d+) char:\d+", s) or s.startswith("+ "):
                break
            msg.append(line)
        messages.append("\n".join(msg or rec).strip())
    return messages


def split_stdout(stdout: str) -> tuple[str, list[str]]:
    """(output text, warnings) of powershell.exe's stdout."""
    out, warns = [], []
    for line in stdout.replace("\r\n", "\n").split("\n"):
        if line.startswith("WARNING: "):
            warns.append(line[len("WARNING: "):])
        else:
            out.append(line)
    return "\n".join(out).strip("\n"), warns


def encoded_command(text: str) -> str:
    return COMMAND_PREFIX + base64.b64encode(text.encode("utf-16-le")).decode("ascii")


# -- the backend ---------------------------------------------------------------------

@dataclass
class _HostConn:
    endpoint: str
    protocol: Any
    shell_id: str | None = None


class WinRMBackend(Backend):
    """Runs scripts on the lab's hosts over WinRM; one reused shell per host, hosts in parallel."""

    name = "winrm"

    def __init__(
        self,
        lab: Lab,
        *,
        credentials: Credentials | None = None,
        insecure_skip_tls_verify: bool | None = None,
        ca_trust_path: str | None = None,
        read_timeout: int = 30,
        operation_timeout: int = 20,
        command_timeout: float | None = 3600.0,
        retries: int = 2,
        retry_backoff: float = 0.5,
        max_parallel: int = 32,
        skip_cmd_shell: bool = True,
        message_encryption: str = "auto",
        proxy: str | None = None,
        protocol_factory: Callable[..., Any] | None = None,
    ):
        if operation_timeout >= read_timeout:
            raise ValueError(f"read_timeout ({read_timeout} s) must exceed operation_timeout ({operation_timeout} s)")
        self.lab = lab
        self._credentials = credentials if credentials is not None else winrm_credentials()
        if insecure_skip_tls_verify is None:
            insecure_skip_tls_verify = _truthy(os.environ.get(ENV_INSECURE))
        self.insecure_skip_tls_verify = bool(insecure_skip_tls_verify)
        self.ca_trust_path = ca_trust_path or os.environ.get(ENV_CA_BUNDLE) or None
        self.read_timeout = int(read_timeout)
        self.operation_timeout = int(operation_timeout)
        self.command_timeout = command_timeout
        self.retries = max(0, int(retries))
        self.retry_backoff = retry_backoff
        self.max_parallel = max(1, int(max_parallel))
        self.skip_cmd_shell = skip_cmd_shell
        self.message_encryption = message_encryption
        self.proxy = proxy
        self._factory = protocol_factory
        self._conns: dict[tuple[str, str], _HostConn] = {}   # (host, transport): a CredSSP step gets its own shell
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()
        if self.insecure_skip_tls_verify:
            self._warn_insecure("backend created")

    def __repr__(self) -> str:
        return (f"WinRMBackend(lab={self.lab.source!r}, user={self._credentials.username!r}, "
                f"hosts={len(self.lab.hosts)}, open_shells={sum(1 for c in self._conns.values() if c.shell_id)}, "
                f"insecure_skip_tls_verify={self.insecure_skip_tls_verify})")

    __str__ = __repr__

    @property
    def command_limit(self) -> int:
        return CREATE_PROCESS_LIMIT if self.skip_cmd_shell else CMD_EXE_LIMIT

    def _warn_insecure(self, why: str) -> None:
        msg = (f"WinRM TLS certificate verification is OFF ({why}; insecure_skip_tls_verify / {ENV_INSECURE}): "
               "anyone on the path can impersonate the hosts and read the credentials")
        log.warning(msg)
        warnings.warn(msg, InsecureTLSWarning, stacklevel=3)

    # -- connections -------------------------------------------------------------
    def _lock(self, host: str) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(host, threading.Lock())

    def _connection(self, host: str) -> Connection:
        h = self.lab.host(host)
        if h.connection is None:
            raise WinRMScriptError(f"host {h.name} has no connection in lab file {self.lab.source}; "
                                   "add one (labkit lab inventory, or labkit twin serve for the twin)")
        return h.connection

    def transport_of(self, host: str, logon: str | None = None) -> str:
        """The WinRM transport a run on ``host`` uses: ``logon`` when given, else the host's connection's."""
        return logon or self._connection(host).transport

    def _protocol(self, conn: Connection, transport: str | None = None) -> Any:
        if self._factory is not None:
            factory = self._factory
        else:
            from winrm.protocol import Protocol as factory
        https = conn.scheme == "https"
        if https and self.insecure_skip_tls_verify:
            self._warn_insecure(f"connecting to {conn.endpoint}")
        return factory(
            conn.endpoint,
            transport=transport or conn.transport,
            username=self._credentials.username,
            password=self._credentials.password.reveal(),
            server_cert_validation="ignore" if self.insecure_skip_tls_verify else "validate",
            ca_trust_path=self.ca_trust_path,  # None: the certifi bundle (requests' default); never proxy/CA env magic
            read_timeout_sec=self.read_timeout,
            operation_timeout_sec=self.operation_timeout,
            message_encryption=self.message_encryption,
            proxy=self.proxy,
        )

    def _open(self, host: str, transport: str) -> _HostConn:
        hc = self._conns.get((host, transport))
        if hc is None:
            conn = self._connection(host)
            hc = _HostConn(conn.endpoint, self._protocol(conn, transport))
            self._conns[(host, transport)] = hc
        if hc.shell_id is None:
            hc.shell_id = hc.protocol.open_shell(codepage=CODEPAGE_UTF8, noprofile=True)
            log.debug("winrm: opened a shell on %s (%s)", host, hc.endpoint)
        return hc

    def _drop(self, host: str, transport: str | None = None) -> None:
        """Forget ``host``'s connection for ``transport`` (every transport when None)."""
        for key in [k for k in self._conns if k[0] == host and transport in (None, k[1])]:
            hc = self._conns.pop(key)
            try:
                hc.protocol.transport.close_session()
            except Exception:
                pass

    def close(self) -> None:
        """Close every host's shell and HTTP session."""
        for key in list(self._conns):
            hc = self._conns.pop(key)
            host = key[0]
            if hc.shell_id:
                try:
                    hc.protocol.close_shell(hc.shell_id)
                except Exception as e:
                    log.debug("winrm: closing the shell on %s failed: %s", host, self._safe(e))
            try:
                hc.protocol.transport.close_session()
            except Exception:
                pass

    # -- running -------------------------------------------------------------------
    def run(
        self,
        hosts: Iterable[str],
        script: str,
        args: dict[str, Any] | None = None,
        *,
        label: str = "script",
        host_args: dict[str, dict[str, Any]] | None = None,
        progress: Callable[[HostResult], None] | None = None,
        logon: str | None = None,
    ) -> RunResult:
        hosts = list(hosts)
        if logon is not None and logon not in WINRM_TRANSPORTS:
            raise ValueError(f"logon {logon!r} cannot be used over WinRM; use one of {', '.join(WINRM_TRANSPORTS)}")
        texts = {h: invocation(script, merged_args(args, host_args, h)) for h in hosts}
        results: dict[str, HostResult] = {}
        if len(hosts) <= 1:
            for h in hosts:
                results[h] = self._run_host(h, texts[h], label, logon)
                if progress:
                    progress(results[h])
            return RunResult(label, results)
        with ThreadPoolExecutor(max_workers=min(self.max_parallel, len(hosts)), thread_name_prefix="winrm") as pool:
            futures = {pool.submit(self._run_host, h, texts[h], label, logon): h for h in hosts}
            for f in as_completed(futures):   # progress from the caller's thread, as each host finishes
                results[futures[f]] = f.result()
                if progress:
                    progress(results[futures[f]])
        return RunResult(label, {h: results[h] for h in hosts})

    def wait_until_reachable(self, hosts: Iterable[str], timeout_s: float = 900, poll_s: float = 5.0,
                             previous_boot: dict[str, str] | None = None) -> None:
        """After a restart: drop the hosts' shells, then poll until each answers again.

        With ``previous_boot`` (each host's LastBootUpTime before the restart,
        as install-features reports it) a host is back only when its boot
        time differs: an answer from before it went down does not count."""
        pending = list(hosts)
        previous = previous_boot or {}
        for h in pending:
            with self._lock(h):
                self._drop(h)
        deadline = time.monotonic() + timeout_s
        last: dict[str, str] = {}
        while pending:
            r = self.run(pending, BOOT_TIME_SCRIPT, label="reachable?")
            still = []
            for h, res in r.results.items():
                boot = (res.output or "").strip()
                if not res.ok or (h in previous and boot in ("", previous[h])):
                    still.append(h)
                    last[h] = res.errors[0] if res.errors else f"still the boot of {boot or '?'}: not restarted yet"
            pending = still
            if not pending:
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"{', '.join(pending)} did not answer over WinRM within {timeout_s:g} s"
                                   f"{' with a new boot time' if previous else ''}: "
                                   + "; ".join(f"{h}: {last.get(h, 'no answer')}" for h in pending))
            time.sleep(poll_s)

    def _safe(self, e: BaseException) -> str:
        """An exception's text with the password masked (belt and braces: none of ours carry it)."""
        text = f"{type(e).__name__}: {e}" if str(e) else type(e).__name__
        secret = self._credentials.password.reveal()
        if len(secret) >= 4:  # shorter ones would mangle ordinary words
            text = text.replace(secret, "********")
        return text

    def _run_host(self, host: str, text: str, label: str, logon: str | None = None) -> HostResult:
        started = time.perf_counter()

        def failed(message: str) -> HostResult:
            return HostResult(host=host, ok=False, errors=[message], seconds=time.perf_counter() - started)

        try:
            transport = self.transport_of(host, logon)
        except WinRMScriptError as e:
            return failed(str(e))
        command = encoded_command(text)
        if len(command) > self.command_limit:
            return failed(f"{label} is too long for one WinRM command line: {len(text)} script characters encode to "
                          f"{len(command)}, the limit is {self.command_limit} (about {(self.command_limit - len(COMMAND_PREFIX)) * 3 // 8} "
                          "script characters); split the step")
        with self._lock(host):
            attempt = 0
            while True:
                try:
                    out, err, code = self._attempt(host, command, transport)
                    break
                except WinRMScriptError as e:
                    return failed(str(e))
                except _CommandTimeout:
                    return failed(f"{label} did not finish on {host} within {self.command_timeout:g} s; it was terminated")
                except _Transient as e:
                    self._drop(host, transport)
                    if attempt >= self.retries:
                        return failed(f"WinRM connection to {host} failed after {attempt + 1} attempt(s): {e}")
                    delay = self.retry_backoff * (2 ** attempt)
                    log.info("winrm: %s on %s: transient failure (%s); retrying in %.1f s", label, host, e, delay)
                    time.sleep(delay)
                    attempt += 1
        stdout = out.decode("utf-8", errors="replace")
        stderr = err.decode("utf-8", errors="replace")
        output, warns = split_stdout(stdout)
        errors = parse_clixml_errors(stderr) if stderr.strip() else []
        if code != 0 and not errors:
            errors = [f"powershell exited with code {code}"]
        seconds = time.perf_counter() - started
        log.debug("winrm: %s on %s: exit %s in %.3f s", label, host, code, seconds)
        # ok as on the twin: the script did not end in an error (exit code 0);
        # non-terminating error records are still reported in ``errors``.
        return HostResult(host=host, ok=code == 0, data=parse_json_output(output), output=output,
                          warnings=warns, errors=errors, seconds=seconds)

    def _attempt(self, host: str, command: str, transport: str) -> tuple[bytes, bytes, int]:
        """One try of a script on ``host``: classify every failure as transient, final, or timeout."""
        import requests
        from winrm.exceptions import InvalidCredentialsError, WinRMError, WinRMTransportError, WSManFaultError

        try:
            hc = self._open(host, transport)
            cid = hc.protocol.run_command(hc.shell_id, command, skip_cmd_shell=self.skip_cmd_shell)
            try:
                return self._receive(hc, cid)
            finally:
                try:
                    hc.protocol.cleanup_command(hc.shell_id, cid)
                except Exception as e:
                    log.debug("winrm: cleanup on %s failed: %s", host, self._safe(e))
        except (WinRMScriptError, _CommandTimeout):
            raise
        except InvalidCredentialsError:
            self._drop(host, transport)
            raise WinRMScriptError(f"{host} rejected the WinRM credentials of user {self._credentials.username!r} "
                                   f"over {transport} (HTTP 401)") from None
        except WSManFaultError as e:
            if e.wsman_fault_code == SHELL_NOT_FOUND:   # the shell expired server-side: a new one, once more
                raise _Transient(f"the shell on {host} is gone ({e.reason})") from None
            raise WinRMScriptError(f"{host} refused the command: {e.reason}") from None
        except WinRMTransportError as e:
            if e.code >= 500:
                raise _Transient(f"HTTP {e.code} from {host}") from None
            raise WinRMScriptError(f"{host} answered HTTP {e.code}") from None
        except requests.exceptions.SSLError as e:
            raise WinRMScriptError(f"TLS with {host} failed (certificate not trusted? set ca_trust_path / {ENV_CA_BUNDLE}): "
                                   f"{self._safe(e)}") from None
        except (requests.exceptions.ConnectionError, requests.exceptions.ConnectTimeout) as e:
            raise _Transient(self._safe(e)) from None
        except requests.exceptions.ReadTimeout:
            self._drop(host, transport)
            raise WinRMScriptError(f"{host} did not answer within the read timeout ({self.read_timeout} s)") from None
        except Exception as e:
            if type(e).__module__.startswith("requests_credssp"):
                # AuthenticationException / NTStatusException: the CredSSP exchange was refused
                self._drop(host, transport)
                raise WinRMScriptError(f"{host} rejected the WinRM credentials of user {self._credentials.username!r} "
                                       f"over credssp ({type(e).__name__}; is CredSSP enabled there: "
                                       "Enable-WSManCredSSP -Role Server?)") from None
            if not isinstance(e, WinRMError):
                raise
            if "not installed" in str(e):
                extra = {"kerberos": "pywinrm[kerberos] (pykerberos and a Kerberos setup)", "credssp": "pywinrm[credssp] (requests-credssp)"}
                raise WinRMScriptError(f"transport {transport} for {host} needs {extra.get(transport, 'its library')}; "
                                       "install it, or use transport: ntlm") from None
            raise WinRMScriptError(f"WinRM error with {host}: {self._safe(e)}") from None

    def _receive(self, hc: _HostConn, cid: str) -> tuple[bytes, bytes, int]:
        from winrm.exceptions import WinRMOperationTimeoutError

        deadline = time.monotonic() + self.command_timeout if self.command_timeout else None
        out, err = [], []
        while True:
            try:
                o, e, code, done = hc.protocol.get_command_output_raw(hc.shell_id, cid)
            except WinRMOperationTimeoutError:  # still running: ask again
                o, e, code, done = b"", b"", -1, False
            out.append(o)
            err.append(e)
            if done:
                return b"".join(out), b"".join(err), code
            if deadline is not None and time.monotonic() > deadline:
                raise _CommandTimeout()


def from_lab_file(path: str, **options: Any) -> WinRMBackend:
    """A winrm backend for the lab file at ``path`` (for ``labkit run --backend winrm --lab PATH``)."""
    return WinRMBackend(Lab.load(path), **options)
