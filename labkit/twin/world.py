"""The world the twin emulates: the Windows lab as data.

Contract the engine relies on: ``World.from_lab(lab)``, ``World.from_doc(doc)``,
``world.to_doc()`` (JSON-ready dict), ``world.clock`` (seconds since
``LAB_EPOCH``) and ``world.advance(seconds)``.  Everything is a pydantic model,
so the whole world round-trips through JSON without loss.

What the world holds
--------------------
``hosts``  every machine of the lab (:class:`Host`): OS profile, domain
    membership, running/crashed, Windows features (``Available`` /
    ``InstallPending`` / ``Installed``), services whose state differs from the
    catalogue default, network adapters with addresses and bindings, the iSCSI
    initiator (portals, sessions), the shared disks it sees (:class:`DiskView`:
    its own disk number, offline flag and drive letters), local folders and
    files, Hyper-V host settings and virtual switches, and on the storage
    server the iSCSI Target Server (virtual disks and targets).
``disks``  the shared LUNs (:class:`Disk`), one object whatever host looks at
    it: partition style, partitions, volumes with file system, label and files.
    A partition or format done on one node is at once visible on the others.
``cluster`` the failover cluster once New-Cluster made it (:class:`Cluster`):
    nodes and their state, networks and roles, groups, resources, quorum,
    Cluster Shared Volumes.
``vms``  Hyper-V virtual machines (:class:`VM`), wherever they run.
``networks`` the lab's networks with their subnet and whether they are cut.
``faults`` armed faults that fire during the next live migration.
``history`` the world's event stream (labkit.twin.events): migrations, failovers,
    faults, restarts ... in clock order; the plots, the event logs and the
    cluster log read it.

Which adapter is which network
------------------------------
A fresh host has one adapter per lab network it is cabled to, named
``Ethernet``, ``Ethernet 2``, ``Ethernet 3``, ``Ethernet 4`` in the fixed order
**Management, Public, iSCSI, Heartbeat** (:data:`ADAPTER_ORDER`) restricted to
the networks the host has (the DC: Management, Public -> ``Ethernet``,
``Ethernet 2``; the storage server: Management, Public, iSCSI).  Their
``InterfaceDescription`` is ``Microsoft Hyper-V Network Adapter`` (``#2`` ...)
in the same order and their MAC address is the one the Vagrantfile sets,
``02-4C-4B-00-HH-NN``: HH the host's position in the lab (DC 00, storage 01,
nodes 02...) and NN the network's position in ``labkit.lab.NETWORK_NAMES``
(Public 00, iSCSI 01, Heartbeat 02, Management 03) -- so a script that finds
an adapter by its MAC (vagrant/provision/network.ps1) works on both.
Only the Management adapter has its address at the start (that is how the
host is reached); the prerequisites runbook renames the others to the network
names and gives them the lab's addresses.  The world records which network
each adapter is cabled to (``Adapter.network``) -- that never changes.

An external virtual switch takes its adapter over, as on Windows: with
``-AllowManagementOS`` the host gets a ``vEthernet (<switch>)`` adapter that
carries the addresses the physical adapter had (the physical adapter keeps
only the switch protocol bound).
"""

from __future__ import annotations

import ipaddress
import uuid
from datetime import datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from labkit.lab import NETWORK_NAMES, Lab

from labkit.twin.clock import LAB_EPOCH  # noqa: E402  (the lab clock's zero: world.clock counts seconds from here)

#: Adapter naming order (see the module docstring).
ADAPTER_ORDER = ("Management", "Public", "iSCSI", "Heartbeat")

#: The bindings every adapter starts with, all enabled: component id -> display name.
BINDINGS = {
    "ms_msclient": "Client for Microsoft Networks",
    "ms_server": "File and Printer Sharing for Microsoft Networks",
    "ms_pacer": "QoS Packet Scheduler",
    "ms_tcpip": "Internet Protocol Version 4 (TCP/IPv4)",
    "ms_tcpip6": "Internet Protocol Version 6 (TCP/IPv6)",
    "ms_lltdio": "Link-Layer Topology Discovery Mapper I/O Driver",
    "ms_rspndr": "Link-Layer Topology Discovery Responder",
    "ms_lldp": "Microsoft LLDP Protocol Driver",
    "ms_implat": "Microsoft Network Adapter Multiplexor Protocol",
    "vms_pp": "Hyper-V Extensible Virtual Switch",
}
#: Bindings off on a fresh adapter (the switch protocol, the multiplexor).
BINDINGS_OFF = {"vms_pp", "ms_implat"}

GB = 1024**3


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- hosts ----------------------------------------------------------------------

class IPAddr(_Model):
    ip: str
    prefix: int


class Adapter(_Model):
    name: str
    description: str
    if_index: int
    mac: str
    network: str                      # the lab network it is cabled to
    addresses: list[IPAddr] = Field(default_factory=list)
    gateway: str | None = None
    dns_servers: list[str] = Field(default_factory=list)
    bindings: dict[str, bool] = Field(default_factory=dict)
    virtual: bool = False             # a host vNIC of a virtual switch
    switch: str | None = None         # the external switch bound to it (physical) or it belongs to (vNIC)
    dns_suffix: str = ""              # connection-specific DNS suffix (Set-DnsClient)
    register_dns: bool = True         # RegisterThisConnectionsAddress
    use_suffix: bool = False          # UseSuffixWhenRegistering


class Service(_Model):
    status: Literal["Running", "Stopped"]
    start_type: Literal["Automatic", "Manual", "Disabled"]


class Portal(_Model):
    address: str
    port: int = 3260
    initiator_address: str | None = None


class Session(_Model):
    id: str
    target_iqn: str
    portal: str
    initiator_address: str | None = None
    persistent: bool = False


class DiskView(_Model):
    """A shared disk as one host sees it."""

    disk_id: str
    number: int
    offline: bool = True              # SAN policy "Offline Shared": shared disks arrive offline
    read_only: bool = False
    letters: dict[str, str] = Field(default_factory=dict)   # partition number -> drive letter


class VMHostSettings(_Model):
    virtual_machine_path: str = r"C:\ProgramData\Microsoft\Windows\Hyper-V"
    virtual_hard_disk_path: str = r"C:\Users\Public\Documents\Hyper-V\Virtual Hard Disks"
    migration_enabled: bool = False
    migration_performance: Literal["TCPIP", "Compression", "SMB"] = "Compression"
    migration_authentication: Literal["CredSSP", "Kerberos"] = "CredSSP"
    maximum_migrations: int = 2
    maximum_storage_migrations: int = 2
    use_any_network: bool = True
    migration_networks: list[str] = Field(default_factory=list)   # subnets (CIDR), in priority order


class Switch(_Model):
    name: str
    id: str
    switch_type: Literal["External", "Internal", "Private"]
    adapter: str | None = None        # physical adapter name (external)
    allow_management_os: bool = False


class VirtualDisk(_Model):
    """An iSCSI Target Server virtual disk (a .vhdx on the storage server) backing a LUN."""

    path: str
    size: int
    disk_id: str
    description: str = ""


class LunMapping(_Model):
    path: str
    lun: int


class Target(_Model):
    name: str
    iqn: str
    initiator_ids: list[str] = Field(default_factory=list)
    luns: list[LunMapping] = Field(default_factory=list)
    enabled: bool = True
    description: str = ""


class TargetServer(_Model):
    virtual_disks: list[VirtualDisk] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)


class Host(_Model):
    name: str
    role: Literal["dc", "storage", "node"]
    index: int                        # position in the lab (1-based)
    os_version: str
    edition: str
    processor: str                    # manufacturer family: Intel / AMD
    processor_model: str = ""         # the part (labkit.twin.processors.PARTS); "" is the maker's default part
    memory: int
    cpus: int
    domain: str | None = None         # FQDN of the domain it is joined to
    running: bool = True
    boots: int = 1
    last_boot: float = 0.0
    features: dict[str, str] = Field(default_factory=dict)          # name -> Installed / InstallPending
    services: dict[str, Service] = Field(default_factory=dict)       # differences from the catalogue
    adapters: list[Adapter] = Field(default_factory=list)
    initiator_iqn: str = ""
    portals: list[Portal] = Field(default_factory=list)
    sessions: list[Session] = Field(default_factory=list)
    disks: list[DiskView] = Field(default_factory=list)
    files: list[str] = Field(default_factory=list)                   # local files and folders (absolute paths)
    texts: dict[str, str] = Field(default_factory=dict)              # content of local text files, by lower-case path
    times: dict[str, list[float]] = Field(default_factory=dict)      # [created, written] by lower-case path (labkit.twin.file_times)
    text_sizes: dict[str, list[int]] = Field(default_factory=dict)   # [characters, bytes] as written (labkit.twin.file_encodings)
    vmhost: VMHostSettings = Field(default_factory=VMHostSettings)
    switches: list[Switch] = Field(default_factory=list)
    target_server: TargetServer = Field(default_factory=TargetServer)

    @property
    def fqdn(self) -> str:
        return f"{self.name}.{self.domain}" if self.domain else self.name

    def feature(self, name: str) -> str:
        """``Installed``, ``InstallPending`` or ``Available``."""
        for k, v in self.features.items():
            if k.lower() == name.lower():
                return v
        return "Available"

    def installed(self, name: str) -> bool:
        return self.feature(name) == "Installed"

    def adapter(self, name: str) -> Adapter | None:
        return next((a for a in self.adapters if a.name.lower() == name.lower()), None)

    def address_on(self, cidr: str) -> tuple[Adapter, str] | None:
        """The adapter and IPv4 address this host has inside ``cidr``."""
        net = ipaddress.IPv4Network(cidr)
        for a in self.adapters:
            for ip in a.addresses:
                if ipaddress.IPv4Address(ip.ip) in net:
                    return a, ip.ip
        return None

    def view(self, disk_id: str) -> DiskView | None:
        return next((v for v in self.disks if v.disk_id == disk_id), None)

    def view_by_number(self, number: int) -> DiskView | None:
        return next((v for v in self.disks if v.number == number), None)


# -- shared disks ------------------------------------------------------------------

class Volume(_Model):
    filesystem: Literal["NTFS", "ReFS", "CSVFS", "FAT", "FAT32", "exFAT"] = "NTFS"
    label: str = ""
    guid: str
    files: list[str] = Field(default_factory=list)    # paths relative to the volume root
    texts: dict[str, str] = Field(default_factory=dict)   # content of text files, by lower-case relative path
    times: dict[str, list[float]] = Field(default_factory=dict)   # [created, written] (labkit.twin.file_times)
    text_sizes: dict[str, list[int]] = Field(default_factory=dict)   # [characters, bytes] as written (labkit.twin.file_encodings)


class Partition(_Model):
    number: int
    offset: int
    size: int
    gpt_type: str = "{ebd0a0a2-b9e5-4433-87c0-68b6b72699c7}"
    volume: Volume | None = None


class Disk(_Model):
    """A shared LUN (one object, whatever host sees it)."""

    id: str
    size: int
    serial: str
    unique_id: str
    friendly_name: str = "MSFT Virtual HD"
    partition_style: Literal["RAW", "MBR", "GPT"] = "RAW"
    guid: str | None = None
    signature: int | None = None
    partitions: list[Partition] = Field(default_factory=list)
    source: str = ""                  # the virtual disk path on the storage server


# -- cluster ------------------------------------------------------------------------

class ClusterNode(_Model):
    name: str
    id: int
    state: Literal["Up", "Down", "Paused", "Joining"] = "Up"
    drain_status: Literal["NotInitiated", "InProgress", "Completed", "Failed"] = "NotInitiated"
    common: dict[str, Any] = Field(default_factory=dict)   # common properties an admin set ($node.NodeWeight = 0)


class ClusterNet(_Model):
    name: str
    network: str                      # the lab network behind it
    cidr: str
    role: Literal["None", "Cluster", "ClientAccess", "ClusterAndClient"]
    metric: int
    auto_metric: bool = True          # False once an admin set Metric
    description: str = ""


class Group(_Model):
    name: str
    group_type: Literal["Cluster", "AvailableStorage", "VirtualMachine"]
    owner: str
    state: Literal["Online", "Offline", "Failed", "PartialOnline", "Pending"] = "Online"
    common: dict[str, Any] = Field(default_factory=dict)   # common properties an admin set ($group.Priority = 3000)


class Resource(_Model):
    name: str
    resource_type: str                # "Physical Disk", "IP Address", "Network Name", "Virtual Machine", ...
    group: str | None                 # None: a Cluster Shared Volume (no group)
    state: Literal["Online", "Offline", "Failed", "Pending"] = "Online"
    disk_id: str | None = None
    vm: str | None = None
    csv_owner: str | None = None      # CSV coordinator node
    csv_volume: int | None = None     # N of C:\ClusterStorage\VolumeN
    common: dict[str, Any] = Field(default_factory=dict)   # common properties an admin set ($resource.RestartDelay = 600)


class Quorum(_Model):
    type: Literal["NodeMajority", "NodeAndDiskMajority", "DiskOnly"] = "NodeMajority"
    resource: str | None = None


class Cluster(_Model):
    name: str
    address: str
    domain: str
    id: str
    created: float
    nodes: list[ClusterNode] = Field(default_factory=list)
    networks: list[ClusterNet] = Field(default_factory=list)
    groups: list[Group] = Field(default_factory=list)
    resources: list[Resource] = Field(default_factory=list)
    quorum: Quorum = Field(default_factory=Quorum)
    shared_volumes_enabled: bool = True   # 2008 R2: off until an admin enables CSV (labkit.twin.cluster_properties)
    common: dict[str, Any] = Field(default_factory=dict)   # common properties an admin set ((Get-Cluster).CrossSubnetDelay = 1500)

    def node(self, name: str) -> ClusterNode | None:
        return next((n for n in self.nodes if n.name.lower() == name.lower()), None)

    def group(self, name: str) -> Group | None:
        return next((g for g in self.groups if g.name.lower() == name.lower()), None)

    def resource(self, name: str) -> Resource | None:
        return next((r for r in self.resources if r.name.lower() == name.lower()), None)

    def disk_resource(self, disk_id: str) -> Resource | None:
        return next((r for r in self.resources if r.disk_id == disk_id), None)

    def csvs(self) -> list[Resource]:
        return sorted((r for r in self.resources if r.csv_volume is not None), key=lambda r: r.csv_volume or 0)

    def owner_of(self, resource: Resource) -> str | None:
        if resource.csv_volume is not None:
            return resource.csv_owner
        g = self.group(resource.group or "")
        return g.owner if g else None

    def up_nodes(self) -> list[str]:
        return [n.name for n in self.nodes if n.state in ("Up", "Paused")]


# -- Hyper-V ------------------------------------------------------------------------

class VM(_Model):
    name: str
    id: str
    host: str
    state: Literal["Off", "Running", "Saved", "Paused", "Starting", "Stopping", "Saving"] = "Off"
    generation: int = 1
    memory_startup: int
    processor_count: int = 1
    path: str                         # configuration location (folder that holds "Virtual Machines")
    vhds: list[str] = Field(default_factory=list)
    switch: str | None = None
    processor_compatibility: bool = False
    workload: str = "web"
    started_at: float | None = None
    last_migration: dict[str, Any] | None = None


# -- the world ----------------------------------------------------------------------

class NetworkState(_Model):
    cidr: str
    cut: bool = False


class Fault(_Model):
    """An armed fault: fires during the next live migration."""

    kind: Literal["cut"]
    target: str                       # the network
    when: Literal["migration"] = "migration"


class World(_Model):
    clock: float = 0.0
    lab_name: str = "lab"
    domain: str
    netbios: str
    processor_compatibility_lab: bool = False
    networks: dict[str, NetworkState]
    hosts: list[Host]
    disks: list[Disk] = Field(default_factory=list)
    cluster: Cluster | None = None
    vms: list[VM] = Field(default_factory=list)
    faults: list[Fault] = Field(default_factory=list)
    history: list[dict[str, Any]] = Field(default_factory=list)
    reports: list[dict[str, Any]] = Field(default_factory=list)     # Test-Cluster results (labkit.twin.validation)
    serial: int = 0                   # counter for deterministic ids

    # -- the contract ------------------------------------------------------------
    @classmethod
    def from_lab(cls, lab: Lab) -> "World":
        hosts = []
        for index, h in enumerate(lab.hosts, start=1):
            hosts.append(_new_host(lab, h, index))
        return cls(
            lab_name=lab.name,
            domain=lab.domain.fqdn,
            netbios=lab.domain.netbios,
            processor_compatibility_lab=lab.spec.processor_compatibility,
            networks={n: NetworkState(cidr=str(c)) for n, c in lab.networks.items()},
            hosts=hosts,
        )

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> "World":
        return cls.model_validate(doc)

    def to_doc(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError(f"the lab clock cannot go back ({seconds} s)")
        self.clock = float(self.clock) + float(seconds)

    # -- lookups -------------------------------------------------------------------
    def now(self) -> datetime:
        return LAB_EPOCH + timedelta(seconds=self.clock)

    def host(self, name: str) -> Host:
        key = name.split(".")[0].lower()
        for h in self.hosts:
            if h.name.lower() == key:
                return h
        raise KeyError(f"no host {name!r} in the lab; its hosts are {', '.join(h.name for h in self.hosts)}")

    def find_host(self, name: str) -> Host | None:
        try:
            return self.host(name)
        except KeyError:
            return None

    def host_by_address(self, address: str) -> Host | None:
        for h in self.hosts:
            for a in h.adapters:
                if any(ip.ip == address for ip in a.addresses):
                    return h
        return None

    @property
    def storage_server(self) -> Host:
        return next(h for h in self.hosts if h.role == "storage")

    @property
    def nodes(self) -> list[Host]:
        return [h for h in self.hosts if h.role == "node"]

    def network_of(self, address: str) -> str | None:
        ip = ipaddress.IPv4Address(address)
        for name, n in self.networks.items():
            if ip in ipaddress.IPv4Network(n.cidr):
                return name
        return None

    def disk(self, disk_id: str) -> Disk:
        return next(d for d in self.disks if d.id == disk_id)

    def vm(self, name: str) -> VM | None:
        return next((v for v in self.vms if v.name.lower() == name.lower()), None)

    def next_id(self, prefix: str = "") -> str:
        """A deterministic GUID (the same lab always gets the same ids)."""
        self.serial += 1
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"labkit:{self.lab_name}:{prefix}:{self.serial}"))

    def record(self, kind: str, **fields: Any) -> dict[str, Any]:
        entry = {"time": round(self.clock, 3), "kind": kind, **fields}
        self.history.append(entry)
        return entry

    # -- reachability ------------------------------------------------------------------
    def link_up(self, host: Host, network: str) -> bool:
        """Whether ``host`` can talk on ``network`` (running, cabled, network not cut)."""
        state = self.networks.get(network)
        if not host.running or state is None or state.cut:
            return False
        return any(a.network == network and not a.virtual for a in host.adapters)

    def reachable(self, source: Host, address: str) -> bool:
        """Whether ``source`` reaches ``address`` over a configured, uncut network."""
        target = self.host_by_address(address)
        network = self.network_of(address)
        if target is None or network is None or not target.running:
            return False
        if not self.link_up(source, network) or not self.link_up(target, network):
            return False
        return source.address_on(self.networks[network].cidr) is not None


def _mac(host_index: int, network: str) -> str:
    """The MAC the Vagrantfile gives the adapter (02-4C-4B = "LK", host, network)."""
    return f"02-4C-4B-00-{host_index - 1:02X}-{NETWORK_NAMES.index(network):02X}"


def _new_host(lab: Lab, h: Any, index: int) -> Host:
    fqdn = lab.domain.fqdn
    adapters = []
    ordered = [n for n in ADAPTER_ORDER if n in h.addresses]
    for i, net in enumerate(ordered, start=1):
        cidr = lab.networks[net]
        addresses = [IPAddr(ip=str(h.addresses[net]), prefix=cidr.prefixlen)] if net == "Management" else []
        adapters.append(Adapter(
            name="Ethernet" if i == 1 else f"Ethernet {i}",
            description="Microsoft Hyper-V Network Adapter" if i == 1 else f"Microsoft Hyper-V Network Adapter #{i}",
            if_index=10 + i,
            mac=_mac(index, net),
            network=net,
            addresses=addresses,
            dns_servers=[str(lab.domain_controller.addresses.get("Management", ""))] if net == "Management" and h.role != "dc" else [],
            bindings={b: b not in BINDINGS_OFF for b in BINDINGS},
        ))
    features: dict[str, str] = {}
    if h.role == "dc":
        features = {"AD-Domain-Services": "Installed", "DNS": "Installed", "RSAT-AD-Tools": "Installed"}
    vmhost = VMHostSettings()
    if h.os.version == "2008R2":    # 2008 R2 live migration copies memory over plain TCP/IP only
        vmhost = VMHostSettings(migration_performance="TCPIP")
    return Host(
        vmhost=vmhost,
        name=h.name,
        role=h.role,
        index=index,
        os_version=h.os.version,
        edition=h.os.edition,
        processor=h.os.processor,
        memory=h.memory,
        cpus=h.cpus,
        domain=fqdn,
        features=features,
        adapters=adapters,
        initiator_iqn=f"iqn.1991-05.com.microsoft:{h.name.lower()}.{fqdn.lower()}",
        files=[r"C:\Windows", r"C:\Users", r"C:\Program Files", r"C:\ProgramData",
               r"C:\Users\Administrator", r"C:\Windows\System32", r"C:\Windows\Temp"],
    )


assert set(ADAPTER_ORDER) == set(NETWORK_NAMES)
