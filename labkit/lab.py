"""The lab file: schema, validation and the default lab.

A lab file (YAML) names the domain, the hosts (domain controller, storage
server, cluster nodes), the four networks and every host's address on them,
the cluster, the iSCSI LUNs and the VMs.  Loading goes in two passes:

1. pydantic checks the structure: known keys only, right types, sizes that
   parse (``500GB``).  All structural errors are reported together.
2. :func:`_rule_issues` checks the rules a user can trip over (NetBIOS names,
   addresses inside their networks and unique, node count, uniform OS ...),
   again collecting every issue before reporting.

Either pass failing raises :class:`LabError`, whose ``issues`` each name the
field path, the value and the rule.
"""

from __future__ import annotations

import copy
import ipaddress
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Iterator, Literal

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from labkit.os_versions import version as os_version

DEFAULT_LAB_PATH = Path(__file__).parent / "data" / "default-lab.yaml"

NETWORK_NAMES = ("Public", "iSCSI", "Heartbeat", "Management")

# Node limits per OS version are in labkit.os_versions (16 on 2008 R2, 64 later).
DEFAULT_NODE_LIMIT = 64
MIN_NODES = 2

# Characters NetBIOS computer names may not contain (Microsoft, "Naming
# conventions in Active Directory for computers, domains, sites, and OUs").
NETBIOS_FORBIDDEN = set('\\/:*?"<>|,~!@#$%^&\'.(){}_ ')
NETBIOS_MAX = 15
# The same page: "As the NetBIOS computer name is the same as the DNS host
# name, the DNS host name restrictions also apply": a DNS host name holds only
# letters (A-Z), digits (0-9) and the minus sign; so a computer name does.
# https://learn.microsoft.com/en-us/troubleshoot/windows-server/active-directory/naming-conventions-for-computer-domain-site-ou
COMPUTER_NAME_RE = re.compile(r"^[A-Za-z0-9-]+$")
# NetBIOS domain names: 1-15 characters, none of \ / : * ? " < > |, no period
# in new domains, and not one of the page's reserved words.
NETBIOS_DOMAIN_FORBIDDEN = set('\\/:*?"<>|.')
RESERVED_NAMES = {
    "ANONYMOUS", "AUTHENTICATED USER", "BATCH", "BUILTIN", "CREATOR GROUP", "CREATOR GROUP SERVER", "CREATOR OWNER",
    "CREATOR OWNER SERVER", "DIALUP", "DIGEST AUTH", "INTERACTIVE", "INTERNET", "LOCAL", "LOCAL SYSTEM", "NETWORK",
    "NETWORK SERVICE", "NT AUTHORITY", "NT DOMAIN", "NTLM AUTH", "NULL", "PROXY", "REMOTE INTERACTIVE", "RESTRICTED",
    "SCHANNEL AUTH", "SELF", "SERVER", "SERVICE", "SYSTEM", "TERMINAL SERVER", "THIS ORGANIZATION", "USERS", "WORLD",
}
# DNS domain names (same page): letters, digits, '-' and '.' only; at most 255
# characters, 63 per label; labels start and end with a letter or digit (RFC 1123 2.1).
DNS_LABEL_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
DNS_NAME_MAX = 255

# What Hyper-V allows one VM, per host OS version.  2016 and later: memory
# 12 TB (generation 2; the lab's VMs are generation 2), virtual disk 64 TB
# (VHDX), https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-scalability-in-windows-server
# ("Maximums for Windows Server 2012 R2 were the same as Windows Server 2012"):
# 2012 and 2012 R2: memory 1 TB, VHDX 64 TB,
# https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2012-R2-and-2012/jj680093(v=ws.11);
# 2008 R2: memory 64 GB, VHD 2040 GB,
# https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2008-R2-and-2008/ee405267(v=ws.10).
# Minimum startup memory: 32 MB (Hyper-V refuses less).
VM_MAX_MEMORY = {"2008R2": 64 * 1024**3, "2012": 1024**4, "2012R2": 1024**4}
VM_MAX_MEMORY_DEFAULT = 12 * 1024**4
VM_MAX_DISK = {"2008R2": 2040 * 1024**3}
VM_MAX_DISK_DEFAULT = 64 * 1024**4
VM_MIN_MEMORY = 32 * 1024**2

# Hyper-V accepts up to 100 characters in a VM name; labkit also refuses
# characters that would need escaping in PowerShell or in a file path.
VM_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._()-]{0,99}$")

_UNITS = {"": 1, "B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3, "TB": 1024**4}
_SIZE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGT]?B)?\s*$", re.IGNORECASE)


def parse_size(value: Any) -> int:
    """Bytes from an int or a string like ``500GB`` (binary units, as PowerShell's 1GB)."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a size; write it like 500GB or 2048MB")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        m = _SIZE_RE.match(value)
        if m:
            return int(float(m.group(1)) * _UNITS[(m.group(2) or "").upper()])
    raise ValueError(f"{value!r} is not a size; write it like 500GB or 2048MB")


def format_size(n: int) -> str:
    for unit in ("TB", "GB", "MB", "KB"):
        if n >= _UNITS[unit] and n % _UNITS[unit] == 0:
            return f"{n // _UNITS[unit]}{unit}"
    return f"{n}B"


Size = Annotated[int, BeforeValidator(parse_size)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Domain(_Model):
    fqdn: str
    netbios: str


class OSProfile(_Model):
    version: Literal["2008R2", "2012", "2012R2", "2016", "2019", "2022", "2025"] = "2022"
    edition: Literal["Standard", "Datacenter", "Enterprise"] = "Datacenter"
    processor: Literal["Intel", "AMD"] = "Intel"

    @property
    def node_limit(self) -> int:
        return os_version(self.version).node_limit

    @property
    def caption(self) -> str:
        version = "2008 R2" if self.version == "2008R2" else self.version.replace("R2", " R2")
        return f"Microsoft Windows Server {version} {self.edition}"


class Network(_Model):
    cidr: str


class Connection(_Model):
    """How the winrm backend reaches a host (written by `labkit lab inventory`
    or `labkit twin serve`).  Never holds a credential."""

    address: str
    port: int = 5986
    scheme: Literal["http", "https"] = "https"
    transport: Literal["ntlm", "kerberos", "credssp"] = "ntlm"
    path: str = "/wsman"

    @property
    def endpoint(self) -> str:
        return f"{self.scheme}://{self.address}:{self.port}{self.path}"


class HostSpec(_Model):
    name: str
    addresses: dict[str, str]
    os: OSProfile | None = None
    memory: Size = 2 * 1024**3
    cpus: int = 2
    connection: Connection | None = None


class VagrantSettings(_Model):
    """Settings only the Vagrant lab reads (vagrant/Vagrantfile)."""

    # Hyper-V: the virtual switch for Vagrant's own adapter (default: "Default Switch").
    bridge: str | None = None


class ClusterSpec(_Model):
    name: str
    address: str


class Lun(_Model):
    name: str
    size: Size
    role: Literal["quorum", "csv"]


class VMSpec(_Model):
    name: str
    memory: Size
    vhd_size: Size
    # None: the newest generation the nodes' Windows Server version supports
    # (1 on 2008 R2 and 2012, 2 from 2012 R2 on: labkit.os_versions).
    generation: Literal[1, 2] | None = None
    workload: Literal["idle", "web", "database", "hammer"] = "web"


class LabFile(_Model):
    """The structure of a lab file, as written."""

    name: str = "lab"
    domain: Domain
    os: OSProfile = Field(default_factory=OSProfile)
    processor_compatibility: bool = False
    networks: dict[str, Network]
    domain_controller: HostSpec
    storage_server: HostSpec
    nodes: list[HostSpec]
    cluster: ClusterSpec
    luns: list[Lun]
    vms: list[VMSpec] = Field(default_factory=list)
    vagrant: VagrantSettings | None = None


@dataclass(frozen=True)
class LabIssue:
    path: str
    value: Any
    rule: str

    def __str__(self) -> str:
        return f"{self.path} = {self.value!r}: {self.rule}"


class LabError(ValueError):
    """A lab file that breaks the schema or a rule; ``issues`` lists every one."""

    def __init__(self, source: str, issues: list[LabIssue]):
        self.source = source
        self.issues = issues
        lines = "\n".join(f"  - {i}" for i in issues)
        super().__init__(f"lab file {source} has {len(issues)} problem(s):\n{lines}")


@dataclass(frozen=True)
class Host:
    """A host of the lab with its role and effective OS profile."""

    name: str
    role: Literal["dc", "storage", "node"]
    addresses: dict[str, ipaddress.IPv4Address]
    os: OSProfile
    memory: int
    cpus: int
    connection: Connection | None
    path: str  # where it stands in the lab file, for messages


class Lab:
    """A validated lab.  Build one with :meth:`Lab.load` or :meth:`Lab.from_dict`."""

    def __init__(self, spec: LabFile, source: str):
        self.spec = spec
        self.source = source
        self.networks = {n: ipaddress.IPv4Network(v.cidr) for n, v in spec.networks.items()}

        def host(h: HostSpec, role: Any, path: str) -> Host:
            return Host(
                name=h.name,
                role=role,
                addresses={n: ipaddress.IPv4Address(a) for n, a in h.addresses.items()},
                os=h.os or spec.os,
                memory=h.memory,
                cpus=h.cpus,
                connection=h.connection,
                path=path,
            )

        self.domain_controller = host(spec.domain_controller, "dc", "domain_controller")
        self.storage_server = host(spec.storage_server, "storage", "storage_server")
        self.nodes = [host(h, "node", f"nodes[{i}]") for i, h in enumerate(spec.nodes)]

    # -- loading -------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None) -> "Lab":
        """Load and validate a lab file; ``None`` means the default lab."""
        p = Path(path).expanduser().absolute() if path else DEFAULT_LAB_PATH
        if not p.is_file():
            raise LabError(str(p), [LabIssue("(file)", str(p), "no such file; give the path of a lab YAML file, or none for the default lab")])
        try:
            raw = p.read_bytes()
        except OSError as e:
            raise LabError(str(p), [LabIssue("(file)", str(p), f"cannot be read: {e.strerror}")]) from None
        if len(raw) > MAX_LAB_FILE_BYTES:
            raise LabError(str(p), [LabIssue("(file)", f"{len(raw)} bytes", f"a lab file is at most {MAX_LAB_FILE_BYTES} bytes")])
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise LabError(str(p), [LabIssue("(file)", str(p), f"not UTF-8 text (byte {e.start}: {raw[e.start:e.start + 1]!r}); save it as UTF-8")]) from None
        try:
            data = safe_yaml(text)
        except YAMLLimit as e:
            raise LabError(str(p), [LabIssue("(file)", str(p), str(e))]) from None
        except yaml.YAMLError as e:
            raise LabError(str(p), [LabIssue("(file)", str(p), f"not valid YAML: {e}")]) from None
        return cls.from_dict(data, source=str(p))

    @classmethod
    def from_dict(cls, data: Any, source: str = "<dict>") -> "Lab":
        if not isinstance(data, dict):
            raise LabError(source, [LabIssue("(top)", type(data).__name__, "a lab file is a mapping of keys (domain, networks, nodes, ...)")])
        try:
            spec = LabFile.model_validate(data)
            issues: list[LabIssue] = []
        except ValidationError as e:
            issues = [_issue_from_pydantic(err) for err in e.errors()]
            # Unknown keys alone do not stop the rule checks: drop them and go
            # on, so that every mistake in the file is reported at once.
            if any(err["type"] != "extra_forbidden" for err in e.errors()):
                raise LabError(source, issues) from None
            spec = LabFile.model_validate(_without(data, [err["loc"] for err in e.errors()]))
        issues += _rule_issues(spec)
        if issues:
            raise LabError(source, issues)
        return cls(spec, source)

    # -- views ---------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def hosts(self) -> list[Host]:
        return [self.domain_controller, self.storage_server, *self.nodes]

    def host(self, name: str) -> Host:
        for h in self.hosts:
            if h.name.lower() == name.lower():
                return h
        raise KeyError(f"host {name!r} is not in lab {self.source}; its hosts are {', '.join(h.name for h in self.hosts)}")

    @property
    def node_names(self) -> list[str]:
        return [n.name for n in self.nodes]

    @property
    def cluster(self) -> ClusterSpec:
        return self.spec.cluster

    @property
    def domain(self) -> Domain:
        return self.spec.domain

    @property
    def luns(self) -> list[Lun]:
        return self.spec.luns

    @property
    def quorum_lun(self) -> Lun:
        return next(l for l in self.spec.luns if l.role == "quorum")

    @property
    def csv_luns(self) -> list[Lun]:
        return [l for l in self.spec.luns if l.role == "csv"]

    @property
    def vms(self) -> list[VMSpec]:
        return self.spec.vms

    @property
    def node_os(self) -> OSProfile:
        """The nodes' OS profile (lab check holds every node to the first one's version and edition)."""
        return self.nodes[0].os

    def vm_generation(self, vm: VMSpec) -> int:
        """The VM generation to create: the lab file's, else the newest the nodes support."""
        return vm.generation or os_version(self.node_os.version).max_generation

    def to_dict(self) -> dict[str, Any]:
        return self.spec.model_dump(mode="json", exclude_none=True)

    def to_yaml(self) -> str:
        return yaml.safe_dump(self.to_dict(), sort_keys=False)

    def with_connections(self, connections: dict[str, Connection]) -> "Lab":
        """A copy of this lab whose hosts carry the given WinRM connections."""
        data = self.to_dict()
        for key in ("domain_controller", "storage_server"):
            if data[key]["name"] in connections:
                data[key]["connection"] = connections[data[key]["name"]].model_dump()
        for node in data["nodes"]:
            if node["name"] in connections:
                node["connection"] = connections[node["name"]].model_dump()
        return Lab.from_dict(data, source=self.source)


MAX_LAB_FILE_BYTES = 1024 * 1024
MAX_YAML_DEPTH = 32
MAX_YAML_ALIASES = 16


class YAMLLimit(ValueError):
    """YAML that nests or aliases beyond what a lab file (or a parameter) needs."""


class _LimitedLoader(yaml.SafeLoader):
    """PyYAML's SafeLoader, refusing deep nesting and more than a few aliases (alias bombs)."""

    def __init__(self, stream: Any):
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0
        self._open: list[str] = []   # anchors of the collections being composed

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_YAML_ALIASES:
                raise YAMLLimit(f"more than {MAX_YAML_ALIASES} YAML aliases (*name), at line {event.start_mark.line + 1}; "
                                "write the values out instead")
            if event.anchor in self._open:
                raise YAMLLimit(f"the YAML alias *{event.anchor} at line {event.start_mark.line + 1} refers to a value "
                                "that contains it (a recursive value); write the values out instead")
        anchor = getattr(event, "anchor", None) if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)) else None
        self._depth += 1
        if anchor is not None:
            self._open.append(anchor)
        try:
            if self._depth > MAX_YAML_DEPTH:
                raise YAMLLimit(f"YAML nested more than {MAX_YAML_DEPTH} levels deep, at line {event.start_mark.line + 1}")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1
            if anchor is not None:
                self._open.pop()


def safe_yaml(text: str) -> Any:
    """``yaml.safe_load`` with the limits above (:class:`YAMLLimit` beyond them)."""
    return yaml.load(text, Loader=_LimitedLoader)  # noqa: S506  (a SafeLoader subclass)


def _without(data: Any, locations: list[tuple[Any, ...]]) -> Any:
    """A deep copy of ``data`` without the keys at ``locations``."""
    clean = copy.deepcopy(data)
    for loc in locations:
        parent = clean
        for part in loc[:-1]:
            parent = parent[part]
        del parent[loc[-1]]
    return clean


def _issue_from_pydantic(err: dict[str, Any]) -> LabIssue:
    path = ""
    for part in err["loc"]:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    if err["type"] == "extra_forbidden":
        rule = "unknown key; remove it or check its spelling against the default lab (labkit lab show)"
    elif err["type"] == "missing":
        rule = "required key is missing"
        return LabIssue(path, None, rule)
    else:
        rule = err["msg"].removeprefix("Value error, ")
    return LabIssue(path, err.get("input"), rule)


def netbios_problem(name: str) -> str | None:
    """Why ``name`` is not a valid NetBIOS computer name, or None."""
    if not name:
        return "a NetBIOS name cannot be empty"
    if len(name) > NETBIOS_MAX:
        return f"NetBIOS names are at most {NETBIOS_MAX} characters (this one has {len(name)}); shorten it"
    bad = sorted(set(name) & NETBIOS_FORBIDDEN)
    if bad or not name.isascii() or not name.isprintable():
        shown = " ".join(bad) if bad else "non-ASCII or control characters"
        return f"NetBIOS names cannot contain {shown}; use letters, digits and hyphens"
    if not COMPUTER_NAME_RE.match(name):
        shown = " ".join(sorted({c for c in name if not (c.isalnum() or c == "-")}))
        return (f"a computer name is also its DNS host name, which holds only letters, digits and hyphens "
                f"(not {shown}); use letters, digits and hyphens")
    if name.isdigit():
        return "a NetBIOS name cannot be all digits; add a letter"
    return None


def netbios_domain_problem(name: str) -> str | None:
    """Why ``name`` is not a valid NetBIOS domain name for a new domain, or None."""
    if not name:
        return "a NetBIOS domain name cannot be empty"
    if len(name) > NETBIOS_MAX:
        return f"NetBIOS domain names are at most {NETBIOS_MAX} characters (this one has {len(name)}); shorten it"
    bad = sorted(set(name) & NETBIOS_DOMAIN_FORBIDDEN)
    if bad or not name.isascii() or not name.isprintable():
        shown = " ".join(bad) if bad else "non-ASCII or control characters"
        return f"NetBIOS domain names cannot contain {shown} (no period in a new domain); use letters, digits and hyphens"
    if name.upper() in RESERVED_NAMES:
        return f"{name.upper()} is a reserved word Windows refuses as a domain name; pick another"
    return None


def dns_domain_problem(name: str) -> str | None:
    """Why ``name`` is not a valid DNS domain name (FQDN) for a new forest, or None."""
    if not name:
        return "the domain's FQDN cannot be empty"
    if len(name) > DNS_NAME_MAX:
        return f"DNS names are at most {DNS_NAME_MAX} characters (this one has {len(name)})"
    labels = name.rstrip(".").split(".")
    if len(labels) < 2:
        return "a single-label DNS domain name is not supported for a new forest; write it like lab.local"
    for label in labels:
        if len(label) > 63:
            return f"the label {label[:20]!r}... has {len(label)} characters; DNS labels hold at most 63"
        if not DNS_LABEL_RE.match(label):
            return (f"the label {label!r} is not a DNS label: letters, digits and hyphens only, starting and ending "
                    "with a letter or digit")
    if labels[-1].isdigit():
        return "the top-level label cannot be all digits"
    return None


def _rule_issues(spec: LabFile) -> Iterator[LabIssue]:
    # networks: the four of the procedure, each a valid IPv4 CIDR, not overlapping
    networks: dict[str, ipaddress.IPv4Network] = {}
    for name in NETWORK_NAMES:
        if name not in spec.networks:
            yield LabIssue(f"networks.{name}", None, f"the lab needs the {name} network (the procedure uses {', '.join(NETWORK_NAMES)})")
    for name, net in spec.networks.items():
        if name not in NETWORK_NAMES:
            yield LabIssue(f"networks.{name}", net.cidr, f"unknown network; the networks are {', '.join(NETWORK_NAMES)}")
            continue
        try:
            networks[name] = ipaddress.IPv4Network(net.cidr)
        except ValueError as e:
            yield LabIssue(f"networks.{name}.cidr", net.cidr, f"not an IPv4 network in CIDR form like 10.0.20.0/24 ({e})")
    names = list(networks)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if networks[a].overlaps(networks[b]):
                yield LabIssue(f"networks.{b}.cidr", str(networks[b]), f"overlaps network {a} ({networks[a]}); each network needs its own subnet")

    # the domain: a DNS FQDN and a NetBIOS name Windows accepts for a new forest
    problem = dns_domain_problem(spec.domain.fqdn)
    if problem:
        yield LabIssue("domain.fqdn", spec.domain.fqdn, problem)
    problem = netbios_domain_problem(spec.domain.netbios)
    if problem:
        yield LabIssue("domain.netbios", spec.domain.netbios, problem)

    # names: NetBIOS for hosts and the cluster; unique across the lab
    hosts = [("domain_controller", spec.domain_controller), ("storage_server", spec.storage_server)]
    hosts += [(f"nodes[{i}]", n) for i, n in enumerate(spec.nodes)]
    seen: dict[str, str] = {}
    for path, name in [(p, h.name) for p, h in hosts] + [("cluster", spec.cluster.name)]:
        problem = netbios_problem(name)
        if problem and path == "cluster" and len(name) > NETBIOS_MAX:
            # Windows itself makes such a cluster (a DNS name of up to 63 characters) but cuts its computer
            # object's name to 15, and tools that look the cluster up by that name then miss it
            # (dsccommunity/FailoverClusterDsc#259); the lab keeps the two names one.
            problem = (f"labkit keeps cluster names at most {NETBIOS_MAX} characters, a NetBIOS name (this one has {len(name)}): "
                       f"Windows would cut the cluster's computer object name to its first {NETBIOS_MAX}; shorten it")
        if problem:
            yield LabIssue(f"{path}.name", name, problem)
        if name.upper() in seen:
            yield LabIssue(f"{path}.name", name, f"name already used by {seen[name.upper()]}; names must be unique")
        else:
            seen[name.upper()] = path

    # addresses: parse, inside their network, unique
    used: dict[ipaddress.IPv4Address, str] = {}
    for path, h in hosts:
        for net_name, text in h.addresses.items():
            where = f"{path}.addresses.{net_name}"
            if net_name not in NETWORK_NAMES:
                yield LabIssue(where, text, f"unknown network; the networks are {', '.join(NETWORK_NAMES)}")
                continue
            try:
                addr = ipaddress.IPv4Address(text)
            except ValueError:
                yield LabIssue(where, text, "not an IPv4 address like 10.0.20.31")
                continue
            net = networks.get(net_name)
            if net is not None and (addr not in net or addr in (net.network_address, net.broadcast_address)):
                yield LabIssue(where, text, f"not a host address of the {net_name} network {net}; pick one inside it")
            if addr in used:
                yield LabIssue(where, text, f"address already used by {used[addr]}; addresses must be unique")
            else:
                used[addr] = where
    for i, n in enumerate(spec.nodes):
        for net_name in NETWORK_NAMES:
            if net_name not in n.addresses:
                yield LabIssue(f"nodes[{i}].addresses.{net_name}", None, f"cluster nodes need an address on every network; add one on {net_name}")
    if "iSCSI" not in spec.storage_server.addresses:
        yield LabIssue("storage_server.addresses.iSCSI", None, "the storage server serves its LUNs on the iSCSI network; add an address on it")

    # the cluster address: on Public, no collision
    try:
        caddr = ipaddress.IPv4Address(spec.cluster.address)
    except ValueError:
        yield LabIssue("cluster.address", spec.cluster.address, "not an IPv4 address like 192.168.10.50")
    else:
        public = networks.get("Public")
        if public is not None and (caddr not in public or caddr in (public.network_address, public.broadcast_address)):
            yield LabIssue("cluster.address", spec.cluster.address, f"the cluster address must be a host address of the Public network {public}")
        if caddr in used:
            yield LabIssue("cluster.address", spec.cluster.address, f"collides with {used[caddr]}; pick a free Public address")

    # node count and OS uniformity
    limit = min((h.os or spec.os).node_limit for h in spec.nodes) if spec.nodes else DEFAULT_NODE_LIMIT
    if len(spec.nodes) < MIN_NODES:
        yield LabIssue("nodes", len(spec.nodes), f"a failover cluster needs at least {MIN_NODES} nodes")
    elif len(spec.nodes) > limit:
        version = next((h.os or spec.os).version for h in spec.nodes if (h.os or spec.os).node_limit == limit)
        yield LabIssue("nodes", len(spec.nodes), f"Windows Server {version} clusters hold at most {limit} nodes; remove {len(spec.nodes) - limit}")
    if spec.nodes:
        first = spec.nodes[0].os or spec.os
        for i, n in enumerate(spec.nodes[1:], start=1):
            os_ = n.os or spec.os
            if os_.version != first.version:
                yield LabIssue(f"nodes[{i}].os.version", os_.version, f"all nodes need the same Windows Server version (nodes[0] runs {first.version})")
            if os_.edition != first.edition:
                yield LabIssue(f"nodes[{i}].os.edition", os_.edition, f"all nodes need the same edition (nodes[0] runs {first.edition})")
            if os_.processor != first.processor:
                # Running VMs move only between hosts of one processor manufacturer, processor compatibility or not:
                # https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/manage/processor-compatibility-mode-hyper-v
                yield LabIssue(
                    f"nodes[{i}].os.processor", os_.processor,
                    f"nodes[0] has an {first.processor} processor; live migration between Intel and AMD hosts is not possible, "
                    f"even with processor_compatibility: give every node the same processor manufacturer",
                )

    # LUNs and VMs: positive sizes, unique names, exactly one quorum LUN, a CSV LUN
    for kind, items in (("luns", spec.luns), ("vms", spec.vms)):
        names_seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.name.lower() in names_seen:
                yield LabIssue(f"{kind}[{i}].name", item.name, f"name already used by {kind}[{names_seen[item.name.lower()]}]; names must be unique")
            else:
                names_seen[item.name.lower()] = i
    for i, lun in enumerate(spec.luns):
        if lun.size <= 0:
            yield LabIssue(f"luns[{i}].size", lun.size, "a LUN size must be positive, like 1GB")
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", lun.name):
            yield LabIssue(f"luns[{i}].name", lun.name, "LUN names use letters, digits, '.', '_' and '-' (at most 64)")
    quorums = [l for l in spec.luns if l.role == "quorum"]
    if len(quorums) != 1:
        yield LabIssue("luns", [l.name for l in quorums], "the lab needs exactly one LUN with role quorum (the disk witness)")
    if not any(l.role == "csv" for l in spec.luns):
        yield LabIssue("luns", [l.name for l in spec.luns], "the lab needs at least one LUN with role csv")
    for i, vm in enumerate(spec.vms):
        if not VM_NAME_RE.match(vm.name):
            yield LabIssue(
                f"vms[{i}].name", vm.name,
                "VM names use letters, digits, spaces and . _ ( ) - (no quotes, $ or backticks), start with a letter or digit, at most 100 characters",
            )
        for field in ("memory", "vhd_size"):
            if getattr(vm, field) <= 0:
                yield LabIssue(f"vms[{i}].{field}", getattr(vm, field), "must be positive, like 2GB")
        node_version = os_version((spec.nodes[0].os or spec.os).version) if spec.nodes else None
        if vm.generation == 2 and node_version is not None and 2 not in node_version.vm_generations:
            yield LabIssue(
                f"vms[{i}].generation", vm.generation,
                f"generation 2 VMs need Windows Server 2012 R2 or later hosts (the nodes run {node_version.name}); use generation 1 or drop the key",
            )
        if vm.memory > 0 and vm.memory % (2 * 1024**2):
            yield LabIssue(f"vms[{i}].memory", vm.memory, "Hyper-V memory is a multiple of 2MB")
        versions = sorted({(n.os or spec.os).version for n in spec.nodes} or {spec.os.version})
        max_memory = min(VM_MAX_MEMORY.get(v, VM_MAX_MEMORY_DEFAULT) for v in versions)
        max_disk = min(VM_MAX_DISK.get(v, VM_MAX_DISK_DEFAULT) for v in versions)
        if 0 < vm.memory < VM_MIN_MEMORY:
            yield LabIssue(f"vms[{i}].memory", format_size(vm.memory), f"Hyper-V gives a VM at least {format_size(VM_MIN_MEMORY)}")
        if vm.memory > max_memory:
            yield LabIssue(f"vms[{i}].memory", format_size(vm.memory),
                           f"Hyper-V on Windows Server {'/'.join(versions)} gives one VM at most {format_size(max_memory)} of memory")
        if vm.vhd_size > max_disk:
            yield LabIssue(f"vms[{i}].vhd_size", format_size(vm.vhd_size),
                           f"a virtual hard disk on Windows Server {'/'.join(versions)} holds at most {format_size(max_disk)}")
