"""HTTP listeners that put the twin behind WS-Management: one per lab host.

Start in-process::

    with TwinServer(lab, state_dir=".lab") as server:      # credentials from LABKIT_WINRM_USER/PASSWORD
        print(server.lab_file)                              # the lab with every host pointing at its listener
        server.listeners["NODE1"].counters["Command"]       # requests per listener, by WS-Man action

Each listener is a ``ThreadingHTTPServer`` on 127.0.0.1 with its own serving
thread (connections get a thread each, HTTP/1.1 keep-alive: NTLM authenticates
connections).  A request goes: NTLM or CredSSP handshake (pyspnego acceptors, 401 legs)
-> decrypt the multipart/encrypted body -> WS-Man action -> encrypt the answer.
A script runs under the logon the connection authenticated with
(:mod:`labkit.twin.logon`): NTLM is a network logon that cannot reach a
second host (the double hop); CredSSP delegates the user's credentials.
A Command runs ``powershell -EncodedCommand <base64>`` (nothing else) on the
twin host the listener stands for, in a worker thread; Receive waits for it up
to the request's OperationTimeout and answers with stdout (``WARNING: `` lines,
then the output text), stderr (CLIXML error records) and the exit code (1 when
the script ended in an error, else 0), as Windows does.

Scripts of all listeners run concurrently: the store commits each run only if
no other writer committed meanwhile (else runs it again under its write lock),
so a long or runaway script never holds up the other clients.  Each script
has the twin's wall-clock budget (:mod:`labkit.twin.limits`); a Signal
(terminate, Ctrl+C) and the server's stop end a running script at its next
statement, as a stopped pipeline ends.

Shells expire after ``shell_idle_timeout`` seconds without a request (WinRM's
Shell IdleTimeout, 2 hours by default), and a listener refuses more than
``MAX_SHELLS`` shells with WinRM's own quota fault.
"""

from __future__ import annotations

import base64
import binascii
import inspect
import logging
import os
import socket
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable

from labkit.backends.credentials import ENV_PASSWORD, ENV_USER, Credentials, CredentialsMissing, Secret
from labkit.lab import Connection, Lab
from labkit.twin import limits
from labkit.twin.serve import clixml, wsman
from labkit.twin.serve.ntlm import Acceptor, AuthFailed, CredentialFile, EncryptionError
from labkit.twin.serve.served_lab import LAB_FILE_NAME

log = logging.getLogger(__name__)

MAX_BODY = 2 * 1024 * 1024          # bytes of one request body; more is refused with 413
RECEIVE_CHUNK = 96 * 1024           # raw output bytes per Receive (pywinrm's MaxEnvelopeSize is 150 KiB, base64 adds 1/3)
MAX_SHELLS = 64                     # open shells per listener (Windows' MaxShellsPerUser is 30)
# WinRM's default Shell IdleTimeout: 7200000 ms (2 hours), "WSMan:\<ComputerName>\Shell\IdleTimeout",
# https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/new-pssessionoption?view=powershell-5.1
SHELL_IDLE_TIMEOUT = 7200.0
# The wsman:QuotaLimit fault of Create past winrm/config/winrs/MaxShellsPerUser (MS-WSMV 3.1.4.5.2.1,
# https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-wsmv/77425799-79f6-4a9a-b164-3873e742d921),
# with the code and text Windows sends (ERROR_WSMAN_QUOTA_MAX_SHELLS, seen in
# https://github.com/hashicorp/vagrant/issues/7489).
CODE_QUOTA_MAX_SHELLS = 2150859173
QUOTA_SHELLS_TEXT = ("The WS-Management service cannot process the request. This user is allowed a maximum number of "
                     "{n} concurrent shells, which has been exceeded. Close existing shells or raise the quota for this user. ")
MAX_RECEIVE_WAIT = 60.0             # seconds a Receive blocks at most, whatever OperationTimeout says
# What a 401 offers (WinRM service Auth: Negotiate and CredSSP; Basic and Kerberos are not served).
AUTH_SCHEMES = ("Negotiate", "CredSSP")
# Encrypted bodies: one part, or CredSSP's 16 KiB chunks (MS-WSMV 2.2.9.1.3)
ENCRYPTED_TYPES = ("multipart/encrypted", "multipart/x-multi-encrypted")

Executor = Callable[..., Any]   # (host, script text[, logon=transport]) -> ScriptResult-like


@dataclass
class OutcomeError:
    """An error record, shaped like the twin's (for stand-in executors and server-side failures)."""

    message: str
    category: str = "NotSpecified"
    error_id: str = "RuntimeException"
    target: Any = None
    script_line: int | None = None
    terminating: bool = True


@dataclass
class Outcome:
    """A ScriptResult-like value: what an executor returns."""

    ok: bool = True
    text: str = ""
    output: list[Any] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[Any] = field(default_factory=list)


def server_credentials(environ: dict[str, str] | None = None) -> Credentials:
    """The credentials ``labkit twin serve`` accepts: from the environment only."""
    env = os.environ if environ is None else environ
    user, password = env.get(ENV_USER), env.get(ENV_PASSWORD)
    if not user or not password:
        raise CredentialsMissing(
            f"labkit twin serve needs the credentials it accepts in {ENV_USER} and {ENV_PASSWORD} "
            "(the same variables the winrm backend reads); set both"
        )
    return Credentials(user, Secret(password))


def twin_executor(lab: Lab | None, state_dir: str | Path) -> Executor:
    """Run scripts on the twin, against ``state_dir`` (the one the twin backend uses)."""

    def execute(host: str, script: str, logon: str = "ntlm") -> Any:
        from labkit.twin.session import run_script

        return run_script(script, host=host, state_dir=state_dir, lab=lab, logon=logon)

    return execute


# -- the command line -----------------------------------------------------------

_PS_NAMES = {"powershell", "powershell.exe"}
_SWITCHES = {"-noprofile", "-noninteractive", "-nologo"}


def _is_encoded_flag(tok: str) -> bool:
    t = tok.lower()
    return t in ("-e", "-ec") or (len(t) >= 4 and "-encodedcommand".startswith(t))


def script_of(command_line: str) -> str:
    """The script of ``powershell [-NoProfile] [-NonInteractive] [-ExecutionPolicy Bypass] -EncodedCommand B64``."""
    tokens = command_line.split()
    refuse = (f"labkit twin serve runs only 'powershell -EncodedCommand <base64 UTF-16LE script>' "
              f"(optionally with -NoProfile, -NonInteractive, -ExecutionPolicy Bypass); it refused {command_line[:80]!r}")
    if not tokens:
        raise wsman.WSManFault("the command line is empty; " + refuse, code=wsman.CODE_INVALID_COMMAND)
    exe = tokens[0].strip('"').replace("/", "\\").rsplit("\\", 1)[-1].lower()
    if exe not in _PS_NAMES:
        raise wsman.WSManFault(f"{tokens[0]!r} is not run by the twin: " + refuse, code=wsman.CODE_INVALID_COMMAND)
    encoded = None
    i = 1
    while i < len(tokens):
        tok = tokens[i].lower()
        if tok in _SWITCHES:
            i += 1
        elif tok in ("-executionpolicy", "-ep", "-exec"):
            if i + 1 >= len(tokens) or tokens[i + 1].lower() not in ("bypass", "unrestricted", "remotesigned"):
                raise wsman.WSManFault("-ExecutionPolicy needs a value (Bypass): " + refuse, code=wsman.CODE_INVALID_COMMAND)
            i += 2
        elif _is_encoded_flag(tok):
            if i + 1 >= len(tokens) or encoded is not None:
                raise wsman.WSManFault("-EncodedCommand needs exactly one base64 value: " + refuse, code=wsman.CODE_INVALID_COMMAND)
            encoded = tokens[i + 1]
            i += 2
        else:
            raise wsman.WSManFault(f"option {tokens[i]!r} is not accepted: " + refuse, code=wsman.CODE_INVALID_COMMAND)
    if encoded is None:
        raise wsman.WSManFault("no -EncodedCommand: " + refuse, code=wsman.CODE_INVALID_COMMAND)
    try:
        raw = base64.b64decode(encoded, validate=True)
        if len(raw) % 2:
            raise ValueError("odd length")
        return raw.decode("utf-16-le")
    except (binascii.Error, ValueError):
        raise wsman.WSManFault("the -EncodedCommand value is not base64 of UTF-16LE text", code=wsman.CODE_INVALID_COMMAND) from None


def _encode(text: str, codepage: int) -> bytes:
    if codepage == 65001:
        return text.encode("utf-8")
    try:
        return text.encode(f"cp{codepage}", errors="replace")
    except LookupError:
        return text.encode("utf-8")


def render(result: Any, script: str) -> tuple[str, str, int]:
    """stdout text, stderr text and exit code of a ScriptResult, as powershell.exe gives them."""
    # powershell.exe writes Write-Host and warnings to stdout through its host;
    # their order relative to the output is not kept by the twin's result.
    lines = [str(h) for h in getattr(result, "host_output", []) or []]
    lines += [f"WARNING: {w}" for w in getattr(result, "warnings", []) or []]
    text = getattr(result, "text", "") or ""
    if text:
        lines.append(text.rstrip("\r\n"))
    out = "\n".join(lines).replace("\r\n", "\n").replace("\n", "\r\n")
    if out:
        out += "\r\n"
    errors = list(getattr(result, "errors", []) or [])
    err = clixml.render(errors, script)
    return out, err, 0 if getattr(result, "ok", not errors) else 1


# -- shells and commands ------------------------------------------------------------

@dataclass
class _Command:
    id: str
    future: Future
    cancel: threading.Event = field(default_factory=threading.Event)
    stdout: bytes = b""
    stderr: bytes = b""
    exit_code: int | None = None
    out_pos: int = 0
    err_pos: int = 0


@dataclass
class _Shell:
    id: str
    codepage: int
    commands: dict[str, _Command] = field(default_factory=dict)
    last_used: float = field(default_factory=time.monotonic)

    def busy(self) -> bool:
        return any(not c.future.done() for c in self.commands.values())


class Listener:
    """The WS-Management endpoint of one twin host."""

    def __init__(self, server: "TwinServer", host: str, port: int = 0):
        self.server = server
        self.host = host
        self.counters: Counter[str] = Counter()
        self._count_lock = threading.Lock()
        self._shells: dict[str, _Shell] = {}
        self._lock = threading.RLock()
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix=f"twin-{host}")
        self._connections: set[socket.socket] = set()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), _Handler, bind_and_activate=False)
        self.httpd.allow_reuse_address = True
        self.httpd.daemon_threads = True
        self.httpd.server_bind()
        self.httpd.server_activate()
        if server.tls_context is not None:
            self.httpd.socket = server.tls_context.wrap_socket(self.httpd.socket, server_side=True)
        self.httpd.listener = self  # type: ignore[attr-defined]
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    @property
    def scheme(self) -> str:
        return "https" if self.server.tls_context is not None else "http"

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}/wsman"

    @property
    def requests(self) -> int:
        """HTTP requests received (authentication legs included)."""
        return self.counters["http"]

    @property
    def open_shells(self) -> int:
        return len(self._shells)

    def count(self, key: str) -> None:
        with self._count_lock:
            self.counters[key] += 1

    def reset_counters(self) -> None:
        with self._count_lock:
            self.counters.clear()

    def start(self) -> None:
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.1},
                                        name=f"wsman-{self.host}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        with self._lock:
            conns = list(self._connections)
        for s in conns:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._pool.shutdown(wait=False, cancel_futures=True)
        if self._thread:
            self._thread.join(timeout=5)

    # -- WS-Man ----------------------------------------------------------------
    def handle(self, message: bytes, logon: str = "ntlm") -> tuple[int, bytes]:
        """(HTTP status, SOAP envelope) for one decrypted request; a Command runs under ``logon``."""
        try:
            req = wsman.parse_request(message)
        except wsman.WSManFault as f:
            self.count("fault")
            return 500, wsman.fault(f, self.host)
        self.count(req.verb)
        try:
            if req.verb == "Command":
                return 200, self._command(req, logon)
            return 200, getattr(self, f"_{req.verb.lower()}")(req)
        except wsman.WSManFault as f:
            f.relates_to = f.relates_to or req.message_id
            self.count("fault")
            return 500, wsman.fault(f, self.host)
        except Exception as e:  # a bug here must not kill the connection or the server
            log.exception("%s: internal error in %s", self.host, req.verb)
            self.count("fault")
            return 500, wsman.fault(wsman.WSManFault(f"internal error of labkit twin serve: {type(e).__name__}",
                                                     code=wsman.CODE_INTERNAL, subcode="w:InternalError", sender=False,
                                                     relates_to=req.message_id), self.host)

    def expire_idle_shells(self) -> int:
        """Delete the shells idle for longer than the server's shell_idle_timeout; how many went."""
        limit = time.monotonic() - self.server.shell_idle_timeout
        with self._lock:
            idle = [sid for sid, sh in self._shells.items() if sh.last_used < limit and not sh.busy()]
            for sid in idle:
                for cmd in self._shells.pop(sid).commands.values():
                    cmd.cancel.set()
        if idle:
            self.count("expired")
        return len(idle)

    def _shell(self, req: wsman.WSManRequest) -> _Shell:
        self.expire_idle_shells()
        shell = self._shells.get(req.shell_id or "")
        if shell is not None:
            shell.last_used = time.monotonic()
        if shell is None:
            raise wsman.WSManFault(
                f"The request for the Windows Remote Shell with ShellId {req.shell_id or '(none)'} failed because the shell "
                "was not found on the server. Possible causes are: the specified ShellId is incorrect or the shell no "
                "longer exists on the server. Provide the correct ShellId or create a new shell and retry the operation.",
                code=wsman.CODE_SHELL_NOT_FOUND, subcode="w:InvalidSelectors")
        return shell

    def _create(self, req: wsman.WSManRequest) -> bytes:
        try:
            codepage = int(req.options.get("WINRS_CODEPAGE", "437") or 437)
        except ValueError:
            raise wsman.WSManFault("WINRS_CODEPAGE is not a number") from None
        self.expire_idle_shells()
        with self._lock:
            if len(self._shells) >= MAX_SHELLS:
                raise wsman.WSManFault(QUOTA_SHELLS_TEXT.format(n=MAX_SHELLS), code=CODE_QUOTA_MAX_SHELLS,
                                       subcode="w:QuotaLimit", sender=False)
            shell = _Shell(str(uuid.uuid4()).upper(), codepage)
            self._shells[shell.id] = shell
        return wsman.create_response(req, shell.id, self.url)

    def _delete(self, req: wsman.WSManRequest) -> bytes:
        with self._lock:
            shell = self._shell(req)
            del self._shells[shell.id]
        return wsman.delete_response(req)

    def _command(self, req: wsman.WSManRequest, logon: str = "ntlm") -> bytes:
        shell = self._shell(req)
        script = script_of(wsman.command_line(req))
        cid = str(uuid.uuid4()).upper()
        cancel = threading.Event()
        cmd = _Command(cid, self._pool.submit(self._execute, script, shell.codepage, logon, cancel), cancel)
        with self._lock:
            shell.commands[cid] = cmd
        return wsman.command_response(req, cid)

    def _execute(self, script: str, codepage: int, logon: str = "ntlm",
                 cancel: threading.Event | None = None) -> tuple[bytes, bytes, int]:
        if self.server.latency > 0:
            time.sleep(self.server.latency)
        try:
            with limits.cancelled_by(cancel, self.server.stopping):
                result = self.server.execute(self.host, script, logon)
            out, err, code = render(result, script)
        except Exception as e:  # the twin failing is an error record, never a dead server
            log.debug("twin failed on %s: %s", self.host, type(e).__name__)
            out, err, code = "", clixml.render([OutcomeError(f"{type(e).__name__}: {e}")], script), 1
        self.count("executed")
        return _encode(out, codepage), _encode(err, codepage), code

    def _receive(self, req: wsman.WSManRequest) -> bytes:
        shell = self._shell(req)
        cid = wsman.receive_command_id(req)
        cmd = shell.commands.get(cid)
        if cmd is None:
            raise wsman.WSManFault(f"command {cid} is not known in shell {shell.id}", subcode="w:InvalidParameter")
        if cmd.exit_code is None:
            wait = min(req.operation_timeout or 20.0, MAX_RECEIVE_WAIT)
            try:
                cmd.stdout, cmd.stderr, code = cmd.future.result(timeout=wait)
            except FutureTimeout:
                raise wsman.WSManFault("The WS-Management service cannot complete the operation within the time specified in OperationTimeout.",
                                       code=wsman.CODE_TIMED_OUT, subcode="w:TimedOut", sender=False) from None
            cmd.exit_code = code
        out = cmd.stdout[cmd.out_pos : cmd.out_pos + RECEIVE_CHUNK]
        err = cmd.stderr[cmd.err_pos : cmd.err_pos + max(0, RECEIVE_CHUNK - len(out))]
        cmd.out_pos += len(out)
        cmd.err_pos += len(err)
        done = cmd.out_pos >= len(cmd.stdout) and cmd.err_pos >= len(cmd.stderr)
        return wsman.receive_response(req, cid, out, err, cmd.exit_code if done else None)

    def _signal(self, req: wsman.WSManRequest) -> bytes:
        shell = self._shell(req)
        cid, code = wsman.signal_command(req)
        if code in (wsman.SIGNAL_TERMINATE, wsman.SIGNAL_CTRL_C):
            with self._lock:
                cmd = shell.commands.pop(cid, None)
            if cmd is not None:
                cmd.cancel.set()     # a running script stops at its next statement
                cmd.future.cancel()
        return wsman.signal_response(req)

    def _send(self, req: wsman.WSManRequest) -> bytes:
        raise wsman.WSManFault("stdin (Send) is not used by labkit; scripts travel in -EncodedCommand",
                               code=wsman.CODE_ACTION_NOT_SUPPORTED, subcode="a:ActionNotSupported")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "Microsoft-HTTPAPI/2.0"
    sys_version = ""
    timeout = 600  # idle keep-alive connections are dropped after this

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes; without NODELAY the
        # client's delayed ACK adds ~40 ms to every answer.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.acceptor = Acceptor(self.listener.server.accepted)
        with self.listener._lock:
            self.listener._connections.add(self.connection)

    def finish(self) -> None:
        with self.listener._lock:
            self.listener._connections.discard(self.connection)
        super().finish()

    @property
    def listener(self) -> Listener:
        return self.server.listener  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: Any) -> None:  # request lines only; never headers
        log.debug("%s %s", self.listener.host, format % args)

    def _reply(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None, close: bool = False,
               challenge: bool = False) -> None:
        self.send_response(status)
        if challenge:   # one header per scheme, as Windows offers them
            for scheme in AUTH_SCHEMES:
                self.send_header("WWW-Authenticate", scheme)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:
        self.listener.count("http")
        self._reply(405, b"WS-Management accepts POST only\n", {"Allow": "POST", "Content-Type": "text/plain"})

    def do_POST(self) -> None:
        L = self.listener
        L.count("http")
        if self.headers.get("Transfer-Encoding"):
            self._reply(411, b"send a Content-Length\n", {"Content-Type": "text/plain"}, close=True)
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
            if length < 0:
                raise ValueError
        except ValueError:
            self._reply(400, b"bad Content-Length\n", {"Content-Type": "text/plain"}, close=True)
            return
        if length > L.server.max_body:
            L.count("too_large")
            self._reply(413, f"request body over {L.server.max_body} bytes\n".encode(), {"Content-Type": "text/plain"}, close=True)
            return
        body = self.rfile.read(length) if length else b""
        if self.path.split("?", 1)[0].rstrip("/").lower() != "/wsman":
            self._reply(404, b"the endpoint is /wsman\n", {"Content-Type": "text/plain"})
            return

        auth = self.headers.get("Authorization")
        if auth:
            L.count("auth")
            try:
                challenge = self.acceptor.step(auth)
            except AuthFailed as e:
                L.count("auth_failed")
                log.info("%s: authentication refused (%s)", L.host, e)
                self._reply(401, b"", close=True, challenge=True)
                return
            if challenge:
                self._reply(401, b"", {"WWW-Authenticate": challenge})
                return
        if not self.acceptor.complete:
            self._reply(401, b"", challenge=True)
            return
        if not body:
            self._reply(200)
            return
        ctype = self.headers.get("Content-Type", "")
        if L.server.tls_context is not None and not ctype.lower().startswith(ENCRYPTED_TYPES):
            # HTTPS: TLS protects the messages; WinRM takes plain SOAP here.
            status, answer = L.handle(body, self.acceptor.mechanism)
            self._reply(status, answer, {"Content-Type": "application/soap+xml;charset=UTF-8"})
            return
        if not ctype.lower().startswith(ENCRYPTED_TYPES):
            L.count("unencrypted")
            self._reply(400, b"unencrypted WS-Management traffic over HTTP is refused (as with AllowUnencrypted=false); "
                             b"use NTLM message encryption\n", {"Content-Type": "text/plain"})
            return
        try:
            message = self.acceptor.decrypt(ctype, body)
        except EncryptionError as e:
            L.count("bad_encryption")
            self._reply(400, f"{e}\n".encode(), {"Content-Type": "text/plain"}, close=True)
            return
        status, answer = L.handle(message, self.acceptor.mechanism)
        self._reply(status, self.acceptor.encrypt(answer), {"Content-Type": self.acceptor.content_type})


class TwinServer:
    """Listeners for every host of a lab (or ``hosts``), and the lab file that points at them."""

    def __init__(self, lab: Lab | None = None, state_dir: str | Path = ".lab", *,
                 credentials: Credentials | None = None, executor: Executor | None = None,
                 hosts: list[str] | None = None, base_port: int | None = None, latency: float = 0.0,
                 max_body: int = MAX_BODY, lab_file: str | Path | None = None,
                 tls: tuple[str | Path, str | Path] | None = None, shell_idle_timeout: float = SHELL_IDLE_TIMEOUT):
        self.lab = lab if lab is not None else Lab.load(None)
        self.state_dir = Path(state_dir)
        self._credentials = credentials
        self.executor: Executor = executor or twin_executor(self.lab, self.state_dir)
        self.host_names = [self.lab.host(h).name for h in hosts] if hosts else [h.name for h in self.lab.hosts]
        self.base_port = base_port
        self.latency = latency
        self.max_body = max_body
        self.lab_file = Path(lab_file) if lab_file else self.state_dir / LAB_FILE_NAME
        self.shell_idle_timeout = shell_idle_timeout
        self.stopping = threading.Event()   # set by stop(): running scripts end at their next statement
        self.tls_context = None
        if tls is not None:  # (certificate file, key file), PEM: listeners speak HTTPS
            import ssl

            self.tls_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self.tls_context.load_cert_chain(str(tls[0]), str(tls[1]))
        self.listeners: dict[str, Listener] = {}
        self._cred_file: CredentialFile | None = None
        self._started_credentials: Credentials | None = None
        try:
            self._executor_takes_logon = "logon" in inspect.signature(self.executor).parameters
        except (TypeError, ValueError):
            self._executor_takes_logon = False

    def __repr__(self) -> str:
        return f"TwinServer(hosts={len(self.host_names)}, state_dir={str(self.state_dir)!r}, listening={bool(self.listeners)})"

    @property
    def accepted(self) -> tuple[str, str] | None:
        """(user, password) that delegated CredSSP credentials must match (None before start)."""
        c = self._started_credentials
        return (c.username, c.password.reveal()) if c is not None else None

    def execute(self, host: str, script: str, logon: str) -> Any:
        """Run ``script`` through the executor, with the logon when it takes one (stand-ins may not)."""
        if self._executor_takes_logon:
            return self.executor(host, script, logon=logon)
        return self.executor(host, script)

    def start(self) -> "TwinServer":
        self.stopping.clear()
        creds = self._credentials or server_credentials()
        self._started_credentials = creds
        self._cred_file = CredentialFile(creds.username, creds.password.reveal())
        try:
            for i, name in enumerate(self.host_names):
                port = self.base_port + i if self.base_port else 0
                self.listeners[name] = Listener(self, name, port)
            for L in self.listeners.values():
                L.start()
            self._write_lab_file()
        except BaseException:
            self.stop()
            raise
        return self

    def _write_lab_file(self) -> None:
        conns = {name: Connection(address="127.0.0.1", port=L.port, scheme=L.scheme, transport="ntlm")
                 for name, L in self.listeners.items()}
        text = self.lab.with_connections(conns).to_yaml()
        self.lab_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.lab_file.with_name(self.lab_file.name + f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, self.lab_file)

    def stop(self) -> None:
        self.stopping.set()
        # All listeners at once: each waits up to a poll interval for its serving loop.
        stoppers = [threading.Thread(target=L.stop, daemon=True) for L in self.listeners.values()]
        for t in stoppers:
            t.start()
        for t in stoppers:
            t.join(timeout=10)
        self.listeners.clear()
        if self._cred_file is not None:
            self._cred_file.close()
            self._cred_file = None

    def __enter__(self) -> "TwinServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def lines(self) -> list[str]:
        """What ``labkit twin serve`` prints: one ``HOST URL`` line per listener."""
        return [f"{name} {L.url}" for name, L in self.listeners.items()]

    def counters(self) -> dict[str, Counter[str]]:
        return {name: Counter(L.counters) for name, L in self.listeners.items()}

    def total(self, key: str = "http") -> int:
        return sum(L.counters[key] for L in self.listeners.values())

    def reset_counters(self) -> None:
        for L in self.listeners.values():
            L.reset_counters()
