"""Which lab state a command or a notebook uses: one rule for `labkit run`,
`labkit exec`, `labkit twin`, `%%powershell` and every runbook, wherever it
starts (a shell in the checkout, a Jupyter kernel in ``runbooks/``, a course
folder made by `labkit init`).

1. a folder given explicitly (``--state DIR``, the runbooks' ``state_dir``);
2. else ``$LABKIT_STATE``;
3. else a ``.lab`` folder in the current folder or the nearest folder above
   it, the way git finds its repository;
4. else a new ``.lab`` in the *course folder*: the nearest folder (current or
   above) that holds the runbooks (``runbooks/01-prerequisites.ipynb``), so a
   kernel started in ``runbooks/`` and a shell started beside it make the same
   one; failing that, in the current folder.

The course folder (the state folder's parent) may also hold ``lab.yaml``, the
lab a trainer edited (`labkit init` writes it): it is the default lab there.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

STATE_ENV = "LABKIT_STATE"
STATE_NAME = ".lab"
COURSE_LAB = "lab.yaml"
FIRST_RUNBOOK = "01-prerequisites.ipynb"


@dataclass(frozen=True)
class StateLocation:
    path: Path      # absolute
    how: str        # why this folder, for the user (no absolute path)

    @property
    def course_dir(self) -> Path:
        return self.path.parent

    @property
    def shown(self) -> str:
        return shown_path(self.path)

    def describe(self) -> str:
        return f"lab state {self.shown} ({self.how})"


def shown_path(path: Path | str) -> str:
    """A path as users see it in notebooks and reports: relative to the
    current folder when inside it, else its last two parts (never the
    absolute path of the user's machine)."""
    p = Path(path).absolute()
    rel = os.path.relpath(p, Path.cwd())
    if not rel.startswith(os.path.join(os.pardir, os.pardir, os.pardir)) and not os.path.isabs(rel):
        return rel                     # here, below, or at most two folders up: ../.lab
    return str(Path(p.parent.name) / p.name) if p.parent.name else p.name


def _ancestors(start: Path) -> list[Path]:
    start = start.absolute()
    return [start, *start.parents]


def find_state(explicit: str | Path | None = None, start: Path | None = None) -> StateLocation:
    """The lab state folder by the rules above (it may not exist yet)."""
    if explicit is not None and str(explicit) != "":
        return StateLocation(Path(explicit).absolute(), "given")
    env = os.environ.get(STATE_ENV)
    if env:
        return StateLocation(Path(env).absolute(), f"from ${STATE_ENV}")
    here = (start or Path.cwd()).absolute()
    for folder in _ancestors(here):
        if (folder / STATE_NAME).is_dir():
            how = "found in this folder" if folder == here else "found walking up from this folder"
            return StateLocation(folder / STATE_NAME, how)
    for folder in _ancestors(here):
        if (folder / "runbooks" / FIRST_RUNBOOK).is_file():
            return StateLocation(folder / STATE_NAME, "new, beside the runbooks folder")
    return StateLocation(here / STATE_NAME, "new, in this folder")


def course_lab_file(state: StateLocation) -> Path | None:
    """The course's own lab file (``lab.yaml`` beside the state folder), if any."""
    candidate = state.course_dir / COURSE_LAB
    return candidate if candidate.is_file() else None


def course_runbooks(state: StateLocation) -> Path | None:
    """The course's own runbooks (``runbooks/`` beside the state folder), if any."""
    candidate = state.course_dir / "runbooks"
    return candidate if (candidate / FIRST_RUNBOOK).is_file() else None
