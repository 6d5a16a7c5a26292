"""WS-Management SOAP messages of the Windows Remote Shell (MS-WSMV), the
subset pywinrm speaks: Create (shell), Command, Receive, Signal, Delete.

:func:`parse_request` turns a request envelope into a :class:`WSManRequest`;
the ``*_response`` functions and :func:`fault` build response envelopes shaped
as Windows writes them (pywinrm finds elements by local name and attribute, so
the shape matters more than the prefixes, which follow Windows anyway).
"""

from __future__ import annotations

import base64
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

NS = {
    "s": "http://www.w3.org/2003/05/soap-envelope",
    "a": "http://schemas.xmlsoap.org/ws/2004/08/addressing",
    "x": "http://schemas.xmlsoap.org/ws/2004/09/transfer",
    "w": "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd",
    "p": "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd",
    "rsp": "http://schemas.microsoft.com/wbem/wsman/1/windows/shell",
    "f": "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault",
}

SHELL_URI = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell"
CMD_RESOURCE = SHELL_URI + "/cmd"
ACTIONS = {
    "http://schemas.xmlsoap.org/ws/2004/09/transfer/Create": "Create",
    "http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete": "Delete",
    SHELL_URI + "/Command": "Command",
    SHELL_URI + "/Receive": "Receive",
    SHELL_URI + "/Signal": "Signal",
    SHELL_URI + "/Send": "Send",
}
SIGNAL_TERMINATE = SHELL_URI + "/signal/terminate"
SIGNAL_CTRL_C = SHELL_URI + "/signal/ctrl_c"
STATE_DONE = SHELL_URI + "/CommandState/Done"
STATE_RUNNING = SHELL_URI + "/CommandState/Running"
ANONYMOUS = "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous"
FAULT_ACTION = "http://schemas.dmtf.org/wbem/wsman/1/wsman/fault"

# WSManFault codes Windows uses for the cases the server reports.
CODE_TIMED_OUT = 2150858793          # Receive: no output within the operation timeout (pywinrm retries)
CODE_SHELL_NOT_FOUND = 2150858843    # unknown ShellId
CODE_INVALID_COMMAND = 2150859010    # labkit: a command line the twin does not run
CODE_BAD_REQUEST = 2150858817        # schema / envelope problems
CODE_ACTION_NOT_SUPPORTED = 2150858754
CODE_INTERNAL = 2150858752


class WSManFault(Exception):
    """A request the server answers with a SOAP fault (HTTP 500, as WinRM does)."""

    def __init__(self, reason: str, *, code: int = CODE_BAD_REQUEST, subcode: str = "w:InvalidParameter",
                 sender: bool = True, relates_to: str | None = None):
        self.reason, self.code, self.subcode, self.sender, self.relates_to = reason, code, subcode, sender, relates_to
        super().__init__(reason)


@dataclass
class WSManRequest:
    action: str
    verb: str                       # Create, Command, Receive, Signal, Delete, Send
    resource_uri: str
    message_id: str
    shell_id: str | None
    options: dict[str, str] = field(default_factory=dict)
    operation_timeout: float | None = None
    body: ET.Element | None = None


def _q(prefix: str, local: str) -> str:
    return f"{{{NS[prefix]}}}{local}"


def parse_duration(text: str | None) -> float | None:
    """Seconds of an xs:duration like ``PT20S`` or ``PT1M30.5S`` (the forms WinRM clients send)."""
    if not text:
        return None
    t = text.strip().upper()
    if not t.startswith("PT"):
        return None
    seconds, num = 0.0, ""
    for ch in t[2:]:
        if ch.isdigit() or ch == ".":
            num += ch
            continue
        if not num:
            return None
        seconds += float(num) * {"H": 3600, "M": 60, "S": 1}.get(ch, 0)
        num = ""
    return seconds


def parse_request(data: bytes) -> WSManRequest:
    """The WS-Management request in ``data``; raises :class:`WSManFault` on anything malformed."""
    # No DTDs at all: no entity expansion tricks, and WS-Man never uses them.
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
        raise WSManFault("the request carries a DTD; WS-Management envelopes have none")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        raise WSManFault(f"the request is not well-formed XML ({e})") from None
    if root.tag != _q("s", "Envelope"):
        raise WSManFault("the request is not a SOAP 1.2 envelope")
    header = root.find("s:Header", NS)
    if header is None:
        raise WSManFault("the SOAP envelope has no Header")
    action_el = header.find("a:Action", NS)
    action = (action_el.text or "").strip() if action_el is not None else ""
    msg_el = header.find("a:MessageID", NS)
    message_id = (msg_el.text or "").strip() if msg_el is not None else ""
    if not action:
        raise WSManFault("the SOAP header has no wsa:Action", relates_to=message_id or None)
    verb = ACTIONS.get(action)
    if verb is None:
        raise WSManFault(f"action {action!r} is not supported by labkit twin serve (it serves the Windows Remote Shell)",
                         code=CODE_ACTION_NOT_SUPPORTED, subcode="a:ActionNotSupported", relates_to=message_id or None)
    res_el = header.find("w:ResourceURI", NS)
    resource_uri = (res_el.text or "").strip() if res_el is not None else ""
    if resource_uri != CMD_RESOURCE:
        raise WSManFault(f"resource {resource_uri or '(none)'!r} is not served; labkit twin serve serves {CMD_RESOURCE}",
                         subcode="w:DestinationUnreachable", relates_to=message_id or None)
    shell_id = None
    for sel in header.findall("w:SelectorSet/w:Selector", NS):
        if sel.get("Name") == "ShellId":
            shell_id = (sel.text or "").strip()
    options = {o.get("Name", ""): (o.text or "").strip() for o in header.findall("w:OptionSet/w:Option", NS)}
    timeout_el = header.find("w:OperationTimeout", NS)
    return WSManRequest(
        action=action, verb=verb, resource_uri=resource_uri, message_id=message_id, shell_id=shell_id,
        options=options, operation_timeout=parse_duration(timeout_el.text if timeout_el is not None else None),
        body=root.find("s:Body", NS),
    )


# -- responses ---------------------------------------------------------------

_ENVELOPE_OPEN = (
    '<s:Envelope xml:lang="en-US"'
    + "".join(f' xmlns:{p}="{u}"' for p, u in NS.items() if p != "f")
    + ">"
)


def envelope(action: str, relates_to: str, body: str) -> bytes:
    header = (
        f"<s:Header><a:Action>{escape(action)}</a:Action>"
        f"<a:MessageID>uuid:{str(uuid.uuid4()).upper()}</a:MessageID>"
        f"<a:To>{ANONYMOUS}</a:To>"
        f"<a:RelatesTo>{escape(relates_to)}</a:RelatesTo></s:Header>"
    )
    return (_ENVELOPE_OPEN + header + f"<s:Body>{body}</s:Body></s:Envelope>").encode("utf-8")


def create_response(req: WSManRequest, shell_id: str, address: str) -> bytes:
    body = (
        f"<x:ResourceCreated><a:Address>{escape(address)}</a:Address><a:ReferenceParameters>"
        f"<w:ResourceURI>{CMD_RESOURCE}</w:ResourceURI>"
        f'<w:SelectorSet><w:Selector Name="ShellId">{shell_id}</w:Selector></w:SelectorSet>'
        f"</a:ReferenceParameters></x:ResourceCreated>"
        f"<rsp:Shell><rsp:ShellId>{shell_id}</rsp:ShellId><rsp:ResourceUri>{CMD_RESOURCE}</rsp:ResourceUri>"
        f"<rsp:State>Connected</rsp:State><rsp:InputStreams>stdin</rsp:InputStreams>"
        f"<rsp:OutputStreams>stdout stderr</rsp:OutputStreams></rsp:Shell>"
    )
    return envelope(req.action + "Response", req.message_id, body)


def command_response(req: WSManRequest, command_id: str) -> bytes:
    body = f"<rsp:CommandResponse><rsp:CommandId>{command_id}</rsp:CommandId></rsp:CommandResponse>"
    return envelope(req.action + "Response", req.message_id, body)


def receive_response(req: WSManRequest, command_id: str, stdout: bytes, stderr: bytes,
                     exit_code: int | None) -> bytes:
    """One Receive answer; ``exit_code`` None means the command is still running (more output follows)."""
    cid = quoteattr(command_id)
    parts = ["<rsp:ReceiveResponse>"]
    for name, chunk in (("stdout", stdout), ("stderr", stderr)):
        if chunk:
            parts.append(f'<rsp:Stream Name="{name}" CommandId={cid}>{base64.b64encode(chunk).decode("ascii")}</rsp:Stream>')
    if exit_code is None:
        parts.append(f"<rsp:CommandState CommandId={cid} State=\"{STATE_RUNNING}\"/>")
    else:
        parts.append(f'<rsp:Stream Name="stdout" CommandId={cid} End="true"></rsp:Stream>')
        parts.append(f'<rsp:Stream Name="stderr" CommandId={cid} End="true"></rsp:Stream>')
        parts.append(f"<rsp:CommandState CommandId={cid} State=\"{STATE_DONE}\"><rsp:ExitCode>{int(exit_code)}</rsp:ExitCode></rsp:CommandState>")
    parts.append("</rsp:ReceiveResponse>")
    return envelope(req.action + "Response", req.message_id, "".join(parts))


def signal_response(req: WSManRequest) -> bytes:
    return envelope(req.action + "Response", req.message_id, "<rsp:SignalResponse/>")


def delete_response(req: WSManRequest) -> bytes:
    return envelope(req.action + "Response", req.message_id, "")


def fault(f: WSManFault, machine: str = "localhost") -> bytes:
    code = "s:Sender" if f.sender else "s:Receiver"
    body = (
        f"<s:Fault><s:Code><s:Value>{code}</s:Value><s:Subcode><s:Value>{escape(f.subcode)}</s:Value></s:Subcode></s:Code>"
        f'<s:Reason><s:Text xml:lang="en-US">{escape(f.reason)}</s:Text></s:Reason>'
        f'<s:Detail><f:WSManFault xmlns:f="{NS["f"]}" Code="{f.code}" Machine={quoteattr(machine)}>'
        f"<f:Message>{escape(f.reason)}</f:Message></f:WSManFault></s:Detail></s:Fault>"
    )
    return envelope(FAULT_ACTION, f.relates_to or "uuid:00000000-0000-0000-0000-000000000000", body)


# -- request bodies ----------------------------------------------------------

def command_line(req: WSManRequest) -> str:
    """The command line of a Command request: rsp:Command and its rsp:Arguments."""
    cl = req.body.find("rsp:CommandLine", NS) if req.body is not None else None
    if cl is None:
        raise WSManFault("the Command request has no rsp:CommandLine", relates_to=req.message_id)
    cmd = cl.find("rsp:Command", NS)
    parts = [(cmd.text or "").strip()] if cmd is not None else []
    parts += [(a.text or "").strip() for a in cl.findall("rsp:Arguments", NS)]
    return " ".join(p for p in parts if p)


def receive_command_id(req: WSManRequest) -> str:
    stream = req.body.find("rsp:Receive/rsp:DesiredStream", NS) if req.body is not None else None
    if stream is None or not stream.get("CommandId"):
        raise WSManFault("the Receive request names no CommandId in rsp:DesiredStream", relates_to=req.message_id)
    return stream.get("CommandId", "")


def signal_command(req: WSManRequest) -> tuple[str, str]:
    sig = req.body.find("rsp:Signal", NS) if req.body is not None else None
    if sig is None or not sig.get("CommandId"):
        raise WSManFault("the Signal request names no CommandId", relates_to=req.message_id)
    code = sig.find("rsp:Code", NS)
    return sig.get("CommandId", ""), (code.text or "").strip() if code is not None else ""
