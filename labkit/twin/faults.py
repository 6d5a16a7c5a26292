"""Fault injection on the twin: crash a node, cut a network, heal them.

Each function is one atomic transaction on the state directory
(:func:`labkit.twin.session.transaction`), so nothing is half-applied.

* :func:`crash` -- the host stops dead.  If it is a cluster node, the cluster
  notices after the heartbeat threshold and restarts its VMs on a surviving
  node (downtime from :func:`labkit.migration.failover`), and moves its other
  groups and CSV ownership; the lab clock advances by that downtime.
* :func:`cut` -- a lab network stops carrying traffic (its adapters show
  ``Disconnected``).  A node left without any cluster network to the others
  loses the partition (the node that owns the core group keeps the witness)
  and its VMs fail over.  With ``during_migration=True`` the cut is *armed*:
  it fires in the middle of the next live migration; if that migration runs
  over the cut network it fails and the VM keeps running on the source.
* :func:`heal` -- a crashed host boots again and rejoins the cluster; a cut
  network comes back; with no target, everything is healed and armed faults
  are disarmed.

The ``labkit twin fault`` command (:func:`add_parser`) calls these.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from labkit.twin.events import emit
from labkit.twin.modules.failoverclusters import CORE_GROUP
from labkit.twin.world import Fault, World


def _session() -> Any:
    from labkit.twin import session

    return session


def _fail_host(world: World, name: str, kind: str, **fields: Any) -> list[dict[str, Any]]:
    """Emit ``kind`` (crash, partition): the cluster reacts by failing the node
    over (labkit.twin.modules.failoverclusters); returns the failovers it made."""
    host = world.host(name)
    mark = len(world.history)
    emit(world, kind, **fields)
    events = [e for e in world.history[mark:] if e.get("kind") == "failover"]
    c = world.cluster
    for vm in world.vms:
        if vm.host.lower() == host.name.lower() and vm.state != "Off" and not (c and c.group(vm.name)):
            vm.state, vm.started_at = "Off", None
    return events


def crash(state_dir: str | Path, node: str, *, lab: Any = None) -> list[dict[str, Any]]:
    """Crash ``node``; returns the failovers the cluster made (one dict per VM)."""
    with _session().transaction(state_dir, lab) as world:
        host = world.host(node)
        if not host.running:
            return []
        host.running = False
        events = _fail_host(world, host.name, "crash", host=host.name)
        world.advance(max((e["downtime_s"] for e in events), default=0.0))
        return events


def _partition(world: World) -> list[dict[str, Any]]:
    """After a cut: nodes that reach no other node over a cluster network drop out."""
    c = world.cluster
    if c is None:
        return []
    up = [n for n in c.nodes if n.state != "Down" and world.host(n.name).running]
    if len(up) < 2:
        return []
    core = c.group(CORE_GROUP)
    keeper = core.owner if core else up[0].name
    nets = [n for n in c.networks if n.role != "None"]
    events: list[dict[str, Any]] = []
    for n in up:
        if n.name.lower() == keeper.lower():
            continue
        me = world.host(n.name)
        other = world.host(keeper)
        if not any(world.link_up(me, net.network) and world.link_up(other, net.network)
                   and me.address_on(net.cidr) and other.address_on(net.cidr) for net in nets):
            events += _fail_host(world, n.name, "partition", node=n.name, survivor=keeper)
    return events


def cut(state_dir: str | Path, network: str, *, during_migration: bool = False, lab: Any = None) -> list[dict[str, Any]]:
    """Cut ``network`` now, or arm the cut for the next live migration."""
    with _session().transaction(state_dir, lab) as world:
        name = _network_name(world, network)
        if during_migration:
            world.faults.append(Fault(kind="cut", target=name, when="migration"))
            world.record("armed", fault="cut", network=name, when="migration")
            return []
        world.networks[name].cut = True
        world.record("cut", network=name)
        events = _partition(world)
        world.advance(max((e["downtime_s"] for e in events), default=0.0))
        return events


def _network_name(world: World, network: str) -> str:
    for n in world.networks:
        if n.lower() == network.lower():
            return n
    raise KeyError(f"no network {network!r} in the lab; its networks are {', '.join(world.networks)}")


def _boot(world: World, name: str) -> None:
    host = world.host(name)
    if host.running:
        return
    host.running = True
    host.boots += 1
    world.advance(90.0)
    host.last_boot = world.clock
    c = world.cluster
    if c is not None and c.node(host.name) is not None:
        c.node(host.name).state = "Up"
    emit(world, "heal", host=host.name)     # the iSCSI initiator reconnects its persistent sessions


def heal(state_dir: str | Path, target: str | None = None, *, lab: Any = None) -> None:
    """Boot a crashed host, restore a cut network, or (no target) both for everything."""
    with _session().transaction(state_dir, lab) as world:
        if target is None:
            world.faults = []
            for n, state in world.networks.items():
                if state.cut:
                    state.cut = False
                    world.record("heal", network=n)
            for h in world.hosts:
                _boot(world, h.name)
            _rejoin(world)
            return
        if any(n.lower() == target.lower() for n in world.networks):
            name = _network_name(world, target)
            world.networks[name].cut = False
            world.faults = [f for f in world.faults if f.target != name]
            world.record("heal", network=name)
            _rejoin(world)
            return
        _boot(world, target)


def _rejoin(world: World) -> None:
    """Nodes that dropped out of a partition come back once their host runs and a network joins them."""
    c = world.cluster
    if c is None:
        return
    for n in c.nodes:
        if n.state == "Down" and world.host(n.name).running:
            n.state = "Up"


# -- the command line -------------------------------------------------------------------

def _cmd(a: argparse.Namespace) -> int:
    from rich.console import Console

    console = Console()
    try:
        if a.fault_command == "crash":
            events = crash(a.state, a.node)
            console.print(f"{a.node} crashed" + "".join(f"; {e['vm']} restarted on {e['to']} after {e['downtime_s']:.0f} s" for e in events))
        elif a.fault_command == "cut":
            events = cut(a.state, a.network, during_migration=a.during_migration)
            console.print(f"network {a.network} " + ("will be cut during the next live migration" if a.during_migration else "cut")
                          + "".join(f"; {e['vm']} restarted on {e['to']}" for e in events))
        else:
            heal(a.state, a.target)
            console.print(f"healed {a.target or 'everything'}")
    except KeyError as e:
        Console(stderr=True).print(f"[red]error:[/red] {e.args[0]}")
        return 2
    return 0


def add_parser(tsub: Any) -> None:
    """``labkit twin fault crash|cut|heal``."""
    p = tsub.add_parser("fault", help="inject faults into the twin: crash a node, cut a network, heal them")
    fsub = p.add_subparsers(dest="fault_command", required=True, metavar="FAULT")
    c = fsub.add_parser("crash", help="crash a host: its clustered VMs restart on a surviving node")
    c.add_argument("node", help="a host of the lab, e.g. CLUSTERNODE-1")
    c = fsub.add_parser("cut", help="cut a lab network (now, or during the next live migration)")
    c.add_argument("network", help="Public, iSCSI, Heartbeat or Management")
    c.add_argument("--during-migration", action="store_true", help="arm the cut: it fires in the middle of the next live migration")
    c = fsub.add_parser("heal", help="boot a crashed host or restore a cut network (no argument: everything)")
    c.add_argument("target", nargs="?", help="a host or a network")
    for sp in fsub.choices.values():
        sp.add_argument("--state", default=None, help="the lab state folder (default: $LABKIT_STATE, else .lab here or in a folder above)")
        sp.set_defaults(func=_cmd)
