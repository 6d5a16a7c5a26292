"""The current location of a session and its location stacks (about_Locations, Set-Location, Push-Location,
Pop-Location, Get-Location; Windows PowerShell 5.1).

A session starts where the twin's sessions have always started, the user's home (``labkit.twin.paths.HOME``,
C:\\Users\\Administrator). A real WinRM session of Windows PowerShell 5.1 starts in the user's Documents folder;
the twin's hosts have no Documents folder, so the twin keeps the home folder its relative paths resolve against.

Every FileSystem drive remembers its own location ("When you move between PowerShell drives, PowerShell retains
your location in each drive", Get-Location 5.1); ``$PWD`` is the PathInfo of the current location
(about_Automatic_Variables). The stacks hold PathInfo paths, the unnamed default stack first named "default"
(Push-Location 5.1, Notes: https://learn.microsoft.com/powershell/module/microsoft.powershell.management/push-location?view=powershell-5.1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from labkit.twin.objects import PSObject
from labkit.twin.paths import HOME
from labkit.twin.providers import drive_info, provider_info

DEFAULT_STACK = "default"


@dataclass
class SessionLocation:
    current: str = HOME
    drives: dict[str, str] = field(default_factory=dict)           # drive name (upper) -> its location
    stacks: dict[str, tuple[str, list[str]]] = field(default_factory=dict)   # lower name -> (name, paths, top last)
    default_stack: str = DEFAULT_STACK


def session_location(engine: Any) -> SessionLocation:
    """The location state of the run ``engine`` is (made on first use)."""
    loc = getattr(engine, "session_location", None)
    if loc is None:
        loc = SessionLocation()
        engine.session_location = loc
    return loc


def drive_of(path: str) -> str:
    """The drive name of a location: C for C:\\x, Env for Env:\\ (empty for a UNC path)."""
    return path.split(":", 1)[0] if ":" in path and not path.startswith("\\\\") else ""


def path_info(path: str) -> PSObject:
    """A System.Management.Automation.PathInfo: "$p" and .Path give the path, .ProviderPath the provider's own."""
    drive = drive_of(path)
    provider = "FileSystem" if len(drive) == 1 else {"env": "Environment", "alias": "Alias"}.get(drive.lower(), "FileSystem")
    provider_path = path if provider == "FileSystem" else path.split(":", 1)[1].lstrip("\\")
    return PSObject("System.Management.Automation.PathInfo", {
        "Drive": drive_info(drive, provider, drive + ":\\" if provider == "FileSystem" else "") if drive else None,
        "Provider": provider_info(provider), "ProviderPath": provider_path, "Path": path},
        display=["Path"], tostring=path)


def set_current(engine: Any, path: str) -> PSObject:
    """Make ``path`` (absolute, existing) the current location; $PWD follows. Returns its PathInfo."""
    loc = session_location(engine)
    loc.current = path
    drive = drive_of(path)
    if drive:
        loc.drives[drive.upper()] = path
    info = path_info(path)
    engine.global_scope.vars["pwd"] = info
    drives = getattr(engine, "psdrives", None)      # the PSDriveInfo objects Get-PSDrive gave (modules/psdrive_cmdlets)
    if drives and drive.lower() in drives:
        root = drive + ":\\"
        drives[drive.lower()].set("CurrentLocation", path[len(root):] if path.lower().startswith(root.lower()) else "")
    return info


def stack(loc: SessionLocation, name: str | None, create: bool = False) -> list[str] | None:
    """The paths of stack ``name`` (the default stack when None), or None when there is no such stack."""
    key = (name or loc.default_stack).lower()
    hit = loc.stacks.get(key)
    if hit is None:
        if not create and key != DEFAULT_STACK:
            return None
        hit = (name or loc.default_stack, [])
        loc.stacks[key] = hit
    return hit[1]
