"""Which shared disks an iSCSI session reaches: its target's LUN mappings on the target server, followed to the
virtual disks behind them.  Both directions of the iSCSI/Storage association use it: `Get-Disk | Get-IscsiSession`
(modules/iscsi.py) and `Get-IscsiSession | Get-Disk` (modules/storage.py)."""

from __future__ import annotations

from labkit.twin.world import Session, World


def session_disk_ids(world: World, s: Session) -> list[str]:
    """The world disk ids of the LUNs the session's target maps (none when the target is gone)."""
    for server in world.hosts:
        for t in server.target_server.targets:
            if t.iqn.lower() == s.target_iqn.lower():
                paths = {m.path.lower() for m in t.luns}
                return [v.disk_id for v in server.target_server.virtual_disks if v.path.lower() in paths]
    return []
