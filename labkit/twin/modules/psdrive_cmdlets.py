"""Get-PSDrive and Get-PSProvider (Microsoft.PowerShell.Management, 5.1) for the drives a twin host has: the
providers' own drives (Alias, Cert, Env, Function, HKCU, HKLM, Variable, WSMan) and a FileSystem drive per volume
with a drive letter and a file system (C: and the shared disks' letters the host sees, as Get-Volume lists them).

Pages: https://learn.microsoft.com/powershell/module/microsoft.powershell.management/get-psdrive?view=powershell-5.1
(example 1: the drives of a session, sorted by name), .../get-psprovider?view=powershell-5.1.
"""

from __future__ import annotations

import fnmatch
from typing import Any, Iterable

from labkit.twin.locations import session_location
from labkit.twin.modules.storage import host_volumes
from labkit.twin.paths import current
from labkit.twin.providers import PROVIDERS, ROOTS, drive_info, provider_info, provider_name
from labkit.twin.registry import cmdlet
from labkit.twin.values import as_list, to_string


def _location_on(ctx: Any, name: str, root: str) -> str:
    """PSDriveInfo.CurrentLocation: the drive's location without its root (C: at C:\\Users\\x -> Users\\x)."""
    here = current(ctx)
    loc = session_location(ctx.engine) if getattr(ctx.engine, "session_location", None) is not None else None
    path = here if here.lower().startswith(name.lower() + ":") else (loc.drives.get(name.upper(), "") if loc else "")
    return path[len(root):] if root and path.lower().startswith(root.lower()) else ""


def drives(ctx: Any) -> list[Any]:
    """Every PSDriveInfo of the session, sorted by name."""
    host = ctx.world.host(ctx.host)
    out = []
    for provider, _caps, _snapin, names in PROVIDERS:
        for name in names:
            out.append(drive_info(name, provider, ROOTS[name], _location_on(ctx, name, "")))
    for vol in host_volumes(ctx.world, host):
        letter = vol.get("DriveLetter")
        if not letter or not vol.get("FileSystem"):
            continue
        size, free = int(vol.get("Size") or 0), int(vol.get("SizeRemaining") or 0)
        root = f"{letter}:\\"
        out.append(drive_info(letter, "FileSystem", root, _location_on(ctx, letter, root), used=size - free, free=free,
                              description=to_string(vol.get("FileSystemLabel") or "")))
    # a session's drives are the same objects each time (Get-PSDrive C -eq Get-PSDrive C), their values current
    known = getattr(ctx.engine, "psdrives", None)
    if known is None:
        known = ctx.engine.psdrives = {}
    kept = []
    for d in out:
        same = known.setdefault(str(d.get("Name")).lower(), d)
        for prop in ("Used", "Free", "CurrentLocation", "Description"):
            same.set(prop, d.get(prop))
        kept.append(same)
    return sorted(kept, key=lambda d: str(d.get("Name")).lower())


@cmdlet("Get-PSDrive", honours={"Name", "LiteralName", "PSProvider"})
def get_psdrive(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # Get-PSDrive 5.1: -Name (wildcards, no colon), -LiteralName, -PSProvider; a name that matches no drive is
    # DriveNotFound (SessionStateStrings.resx DriveNotFound)
    every = drives(ctx)
    if "PSProvider" in args:
        wanted = [to_string(p).split("\\")[-1].lower() for p in as_list(args["PSProvider"])]
        every = [d for d in every if any(fnmatch.fnmatchcase(d.get("Provider").get("Name").lower(), w) for w in wanted)]
    literal = "LiteralName" in args
    names = [to_string(n) for n in as_list(args.get("LiteralName" if literal else "Name"))]
    if not names:
        return every
    out: list[Any] = []
    for name in names:
        wild = not literal and any(c in name for c in "*?[")
        hits = [d for d in every if (fnmatch.fnmatchcase(d.get("Name").lower(), name.lower()) if wild
                                     else d.get("Name").lower() == name.lower())]
        if not hits and not wild:
            ctx.error(f"Cannot find drive. A drive with the name '{name}' does not exist.", "ObjectNotFound", name,
                      "GetDriveNoMatchingDrive", "System.Management.Automation.DriveNotFoundException")
        out += [d for d in hits if d not in out]
    return out


@cmdlet("Get-PSProvider", honours={"PSProvider"})
def get_psprovider(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # Get-PSProvider 5.1: every provider, or those -PSProvider names (wildcards); each with its drives
    every = drives(ctx)
    out: list[Any] = []
    patterns = [to_string(p).split("\\")[-1] for p in as_list(args.get("PSProvider"))] or ["*"]
    for pattern in patterns:
        hits = [p[0] for p in PROVIDERS if fnmatch.fnmatchcase(p[0].lower(), pattern.lower())]
        if not hits and not any(c in pattern for c in "*?["):
            # SessionStateStrings.resx ProviderNotFound
            ctx.error(f"Cannot find a provider with the name '{pattern}'.", "ObjectNotFound", pattern, "GetProvider",
                      "System.Management.Automation.ProviderNotFoundException")
            continue
        for name in hits:
            if provider_name(name) and name not in [o.get("Name") for o in out]:
                own = next(p[3] for p in PROVIDERS if p[0] == name)     # a provider's drives in the order it made them
                mine = [d for d in every if d.get("Provider").get("Name") == name]
                mine.sort(key=lambda d: own.index(d.get("Name")) if d.get("Name") in own else len(own))
                out.append(provider_info(name, mine))
    return out

