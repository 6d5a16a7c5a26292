"""Windows paths as the FileSystem provider resolves them: a relative path
starts at the current location (``$PWD``; the twin's sessions start in the
user's home, C:\\Users\\Administrator, as a WinRM session does)."""

from __future__ import annotations

import ntpath

from labkit.twin.environment import env_name

HOME = "C:\\Users\\Administrator"


def absolute(path: str, cwd: str | None = None) -> str:
    """``path`` made absolute against ``cwd`` and normalised (``..``, ``.``, ``/``), drive letter upper-case."""
    p = str(path).replace("/", "\\").strip()
    if p.lower().startswith("filesystem::"):
        p = p[len("filesystem::"):]
    if p.lower().startswith("microsoft.powershell.core\\filesystem::"):
        p = p[len("microsoft.powershell.core\\filesystem::"):]
    if env_name(p) is not None or p.startswith("\\\\"):   # (env_name refuses the drives of providers the twin lacks)
        return p                                   # an Env: path or a UNC path: as given
    here = cwd or HOME
    if not (len(p) >= 2 and p[1] == ":"):
        p = ntpath.join(here, p)
    elif not p[2:].startswith("\\") and p[:1].lower() == here[:1].lower() and here[1:2] == ":":
        # "C:" and "C:x" are relative to the location on that drive (about_Locations), not to its root
        p = ntpath.join(here, p[2:])
    p = ntpath.normpath(p)
    return p[0].upper() + p[1:]


def current(ctx: object) -> str:
    """The current location of the run ``ctx`` belongs to (labkit.twin.locations; Set-Location changes it)."""
    loc = getattr(getattr(ctx, "engine", None), "session_location", None)
    return loc.current if loc is not None else HOME
