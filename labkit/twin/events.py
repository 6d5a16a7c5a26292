"""The world's event stream: what happened in the lab, in clock order.

One stream, ``world.history`` (persisted with the world by the store): each
event is a JSON-ready dict ``{"time": <lab clock s>, "kind": <kind>, ...fields}``.
Modules *append* to it with :func:`emit` and *react* to it with :func:`on`::

    # servermanager.py                       # iscsi.py
    emit(world, "restart", host=h.name)      @on("restart")
                                             def _reconnect(world, event): ...

so a module that must react to another's change subscribes to the event
instead of importing the other module (which made the import circle among
failoverclusters, hyperv, servermanager, iscsi and system).  Handlers run at
once, in the order their modules were imported (labkit.twin.modules imports
``core`` first, then the others alphabetically), inside the same world
transaction.

The same stream feeds what a Windows admin reads afterwards: the event logs
(``Get-WinEvent``, ``Get-EventLog``: labkit.twin.modules.diagnostics) and the
cluster log (``Get-ClusterLog``), and the migration plots.

Kinds and their fields (besides ``time`` and ``kind``):

=================  ==============================================================
``restart``        host, seconds: a host restarted (Restart-Computer, -Restart)
``crash``          host: a host lost power (fault)
``heal``           host: a crashed host booted again (fault healed)
``cut``            network (during, vm): a network was cut
``partition``      node, survivor: a node lost every cluster network
``node-down``      node, cluster: the cluster removed a node from membership
``node-stopped``   node: Stop-ClusterNode
``node-started``   node: Start-ClusterNode
``new-cluster``    cluster, nodes, address
``migration``      vm, from, to, ok, started, total_s, blackout_s, migration_type ...
``failover``       vm, from, to, ok, downtime_s ...
``evacuate``       node, reason, moved
``move-group``     group, to (from)
``quorum-lost``    node
``vm-state``       vm, host, state: Start-VM / Stop-VM changed a VM (the cluster syncs its role)
``vm-started``     vm, host: a VM started on a host (Start-VM, a role coming online, a failover)
``lun-mapped``     target, path, lun: the iSCSI target server mapped a LUN
``resource-state`` resource, group, state: Start-/Stop-ClusterResource
``group-state``    group, node, state: Start-/Stop-ClusterGroup
=================  ==============================================================
"""

from __future__ import annotations

from typing import Any, Callable

Event = dict[str, Any]
Handler = Callable[[Any, Event], None]

_HANDLERS: dict[str, list[Handler]] = {}


def on(kind: str) -> Callable[[Handler], Handler]:
    """Subscribe the decorated ``handler(world, event)`` to events of ``kind``."""

    def register(handler: Handler) -> Handler:
        _HANDLERS.setdefault(kind, []).append(handler)
        return handler

    return register


def emit(world: Any, kind: str, **fields: Any) -> Event:
    """Append an event to the world's stream and let the subscribers react."""
    event = world.record(kind, **fields)
    for handler in _HANDLERS.get(kind, ()):
        handler(world, event)
    return event


def since(world: Any, clock: float) -> list[Event]:
    """The events from lab time ``clock`` on."""
    return [e for e in world.history if e.get("time", 0.0) >= clock]
