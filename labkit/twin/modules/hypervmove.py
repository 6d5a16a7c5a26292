"""Move-VM (Hyper-V): live migration of a virtual machine that is *not*
clustered, between hosts that accept migrations (Enable-VMMigration), over
the networks their VMHost settings allow.  A clustered VM is moved by the
cluster (Move-ClusterVirtualMachineRole), and Move-VM refuses it.  Moving
storage (-IncludeStorage, -DestinationStoragePath ...) is not emulated.
"""

from __future__ import annotations

import ipaddress
from typing import Any, Iterable

from labkit import migration
from labkit.twin.errors import CmdletError
from labkit.twin.events import emit
from labkit.twin.modules.hyperv import _target_host, files_reachable, free_memory, select_vms, vm_object
from labkit.twin.processors import migration_blocker
from labkit.twin.registry import cmdlet
from labkit.twin.values import to_string
from labkit.twin.world import VM, Host, World

LINK_BYTES_PER_S = migration.LINK_1GBE_BYTES_PER_S
GET_OUT = "Microsoft.HyperV.PowerShell.Commands.MoveVM"


def _network(world: World, source: Host, target: Host) -> tuple[str, str] | None:
    """(subnet, lab network) a host-to-host live migration uses: the source's migration networks, or any shared one."""
    s = source.vmhost
    subnets = list(s.migration_networks) if not s.use_any_network and s.migration_networks else [n.cidr for n in world.networks.values()]
    for cidr in subnets:
        name = world.network_of(str(ipaddress.IPv4Network(cidr).network_address))
        if name and source.address_on(cidr) and target.address_on(cidr) and world.link_up(source, name) and world.link_up(target, name):
            return cidr, name
    return None


def _fail(vm: VM, source: Host, why: str) -> CmdletError:
    return CmdletError(f"Virtual machine migration operation for '{vm.name}' failed at migration source '{source.name}'. {why}",
                       "InvalidOperation", f"OperationFailed,{GET_OUT}", vm.name)


@cmdlet("Move-VM", honours={"Name", "VM", "DestinationHost", "ComputerName", "Passthru", "Confirm"})
def move_vm(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/hyper-v/move-vm?view=windowsserver2022-ps
    world = ctx.world
    source = _target_host(ctx, args, "Move-VM")
    dest_name = to_string(args.get("DestinationHost") or "")
    target = world.find_host(dest_name)
    out = []
    for vm in select_vms(ctx, source, args, input):
        c = world.cluster
        if c is not None and c.group(vm.name) is not None:
            raise _fail(vm, source, f"'{vm.name}' is a clustered virtual machine (a role of cluster {c.name}): the cluster moves it. "
                                    f"Use Move-ClusterVirtualMachineRole -Name '{vm.name}' -Node <node>.")
        if target is None or not target.running:
            raise _fail(vm, source, f"Failed to establish a connection with host '{dest_name}': the host is not in the lab or not running.")
        if target is source:
            raise _fail(vm, source, f"The destination host '{target.name}' is the host the virtual machine runs on.")
        if not target.installed("Hyper-V"):
            raise _fail(vm, source, f"Hyper-V is not installed on the destination host '{target.name}'.")
        for h in (source, target):
            if not h.vmhost.migration_enabled:
                raise _fail(vm, source, f"The Virtual Machine Management Service on host '{h.name}' is not configured to send or receive "
                                        "live migrations (Enable-VMMigration).")
        missing = files_reachable(world, target, vm)
        if missing:
            raise _fail(vm, source, f"The file '{missing}' of virtual machine '{vm.name}' is not reachable from '{target.name}'; moving "
                                    "storage with the virtual machine (-IncludeStorage) is not emulated by the labkit twin.")
        if vm.switch and not any(s.name.lower() == vm.switch.lower() for s in target.switches):
            raise _fail(vm, source, f"Could not find Ethernet switch '{vm.switch}' on '{target.name}'.")
        blocker = migration_blocker(vm, source, target) if vm.state != "Off" else None
        if blocker:
            raise _fail(vm, source, blocker)
        started = world.clock
        if vm.state == "Running":
            if free_memory(world, target) < vm.memory_startup:
                raise _fail(vm, source, f"Not enough memory on '{target.name}' to run the virtual machine '{vm.name}'.")
            net = _network(world, source, target)
            if net is None:
                raise _fail(vm, source, f"No network that the migration settings of '{source.name}' allow connects it to '{target.name}'.")
            result = migration.live_migrate(vm.memory_startup, workload=vm.workload, bandwidth_bytes_per_s=LINK_BYTES_PER_S,
                                            transport=source.vmhost.migration_performance, seed=len(world.history))
            ctx.advance(result.total_s)
            entry = {"vm": vm.name, "from": source.name, "to": target.name, "ok": True, "network": net[1], "subnet": net[0],
                     "started": round(started, 3), "total_s": result.total_s, "blackout_s": result.blackout_s,
                     "downtime_s": result.blackout_s, "transport": source.vmhost.migration_performance, "memory_bytes": vm.memory_startup}
        else:
            ctx.advance(migration.DEFAULT_HANDOVER_S)
            entry = {"vm": vm.name, "from": source.name, "to": target.name, "ok": True, "started": round(started, 3),
                     "total_s": migration.DEFAULT_HANDOVER_S, "blackout_s": 0.0, "downtime_s": 0.0, "memory_bytes": vm.memory_startup}
        vm.host = target.name
        vm.last_migration = {"type": "live" if vm.state == "Running" else "move", **entry}
        emit(world, "migration", **entry, migration_type="live" if vm.state == "Running" else "move", clustered=False)
        if args.get("Passthru"):
            out.append(vm_object(world, vm))
    return out
