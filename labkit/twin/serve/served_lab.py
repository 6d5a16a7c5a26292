"""The lab file `labkit twin serve` writes into its state folder (every host pointing at its
listener), and whether a lab in use reaches its hosts through that serve."""

from __future__ import annotations

from pathlib import Path

from labkit.lab import Lab, LabError

LAB_FILE_NAME = "winrm-lab.yaml"


def served_by_twin(lab: Lab, state_dir: str | Path) -> bool:
    """Whether every host ``lab`` connects to is a listener of the `labkit twin serve` over
    ``state_dir``: then the twin of that folder answers the winrm backend.  A twin state in the
    folder alone does not say so (real hosts may be reached from a folder a twin once used)."""
    from labkit.twin.store import DB_NAME

    folder = Path(state_dir)
    if not (folder / LAB_FILE_NAME).is_file() or not (folder / DB_NAME).is_file():
        return False
    try:
        served = Lab.load(folder / LAB_FILE_NAME)
    except (LabError, OSError):
        return False
    listeners = {h.name.lower(): h.connection.endpoint for h in served.hosts if h.connection is not None}
    used = {h.name.lower(): h.connection.endpoint for h in lab.hosts if h.connection is not None}
    return bool(used) and all(listeners.get(name) == endpoint for name, endpoint in used.items())
