"""The trainer's view of a class: `labkit class status PATH...`.

Each PATH is a student's lab state folder (the ``--state`` of their runs, the
folder holding ``twin.sqlite``), or a folder that holds one as ``.lab`` (a
course folder), or a home that holds course folders (``~/course/.lab``), as
on The Littlest JupyterHub, where a trainer points it at ``/home/jupyter-*``.

It reads each lab without touching it: it reads a private copy of the twin's
SQLite file (and its WAL), so nothing in the student's folder is created,
changed or locked.
For each student it tells the sections done (the twin's progress: a section
is done when its runbook's checks passed), the checkpoints restored (a
student who skipped ahead), the exercises passed and under way, and the last
failure (a twin run that ended in errors, and the chain's own error when
``lab-run/summary.json`` sits beside the lab).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SECTIONS = 8
DB_NAME = "twin.sqlite"
STATE_NAME = ".lab"


@dataclass
class StudentLab:
    student: str                      # the folder the trainer named, as shown
    state: Path | None                # the lab state folder found, or None
    lab: str = ""
    sections: list[int] = field(default_factory=list)
    checkpoints: list[int] = field(default_factory=list)
    restores: int = 0
    exercises_passed: list[str] = field(default_factory=list)
    exercise_active: str = ""
    last_failure: str = ""
    last_activity: float = 0.0
    problem: str = ""                 # why nothing could be read

    @property
    def done(self) -> int:
        return len(self.sections)


def find_state(path: Path) -> Path | None:
    """The lab state folder ``path`` is, or holds as ``.lab``, or holds one level down (a home with course folders)."""
    if (path / DB_NAME).is_file():
        return path
    if (path / STATE_NAME / DB_NAME).is_file():
        return path / STATE_NAME
    found = [p.parent for p in path.glob(f"*/{STATE_NAME}/{DB_NAME}")]
    if not found:
        return None
    return max(found, key=lambda p: (p / DB_NAME).stat().st_mtime)


def _connect_read_only(db: Path, scratch: Path) -> sqlite3.Connection:
    """A connection to a private copy of the student's database (and its WAL).

    Even ``mode=ro`` makes SQLite create the ``-shm``/``-wal`` files beside a
    WAL database; a copy leaves the student's folder exactly as it was and
    still sees every committed run (SQLite replays the copied WAL)."""
    for suffix in ("", "-wal"):
        source = db.with_name(db.name + suffix)
        if source.is_file():
            shutil.copyfile(source, scratch / (DB_NAME + suffix))
    conn = sqlite3.connect(scratch / DB_NAME, timeout=5.0)
    conn.execute("PRAGMA query_only = ON")
    return conn


def _rows(conn: sqlite3.Connection, sql: str) -> list[tuple[Any, ...]]:
    try:
        return conn.execute(sql).fetchall()
    except sqlite3.OperationalError:   # a table an older labkit did not make
        return []


def read_student(path: Path) -> StudentLab:
    name = path.name if path.name not in (STATE_NAME, "") else path.resolve().parent.name
    state = find_state(path)
    if state is None:
        return StudentLab(name, None, problem="no lab state here (no twin.sqlite, .lab or */.lab)")
    s = StudentLab(name, state)
    with tempfile.TemporaryDirectory(prefix="labkit-class-") as scratch:
        _read_db(s, state, Path(scratch))
    _read_files(s, state)
    return s


def _read_db(s: StudentLab, state: Path, scratch: Path) -> None:
    try:
        conn = _connect_read_only(state / DB_NAME, scratch)
    except (sqlite3.Error, OSError) as e:
        s.problem = f"cannot read {DB_NAME}: {e}"
        return
    try:
        row = _rows(conn, "SELECT lab, updated FROM state WHERE id = 1")
        if row:
            s.lab = json.loads(row[0][0]).get("name", "")
            s.last_activity = row[0][1]
        s.sections = [r[0] for r in _rows(conn, "SELECT section FROM progress ORDER BY section")]
        s.checkpoints = [r[0] for r in _rows(conn, "SELECT section FROM checkpoints ORDER BY section")]
        meta = dict(_rows(conn, "SELECT key, value FROM meta"))
        s.restores = int(meta.get("checkpoint_restores", 0) or 0)
        failed = _rows(conn, "SELECT host, label, at FROM runs WHERE ok = 0 OR errors > 0 ORDER BY id DESC LIMIT 1")
        if failed:
            host, label, at = failed[0]
            s.last_failure = f"{label or 'a script'} on {host} ({_ago(at)})"
    except sqlite3.DatabaseError as e:
        s.problem = f"cannot read {DB_NAME}: {e}"
    finally:
        conn.close()


def _read_files(s: StudentLab, state: Path) -> None:
    exercises = state / "exercises.json"
    if exercises.is_file():
        try:
            s.exercises_passed = list(json.loads(exercises.read_text(encoding="utf-8")).get("passed", []))
        except (ValueError, OSError):
            pass
    active = state / "exercise.json"
    if active.is_file():
        try:
            s.exercise_active = json.loads(active.read_text(encoding="utf-8")).get("name", "")
        except (ValueError, OSError):
            pass
    summary = state.parent / "lab-run" / "summary.json"
    if summary.is_file():
        try:
            doc = json.loads(summary.read_text(encoding="utf-8"))
        except (ValueError, OSError):
            doc = {}
        if doc.get("error") and summary.stat().st_mtime >= (s.last_activity or 0) - 60:
            s.last_failure = str(doc["error"])


def _ago(at: float) -> str:
    seconds = max(0.0, time.time() - at)
    if seconds < 90:
        return f"{seconds:.0f} s ago"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} min ago"
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(at))


def read_class(paths: list[Path]) -> list[StudentLab]:
    """One entry per student; a PATH that holds several state folders counts once (its newest lab)."""
    return [read_student(p) for p in paths]


def _ranges(numbers: list[int]) -> str:
    """1, 2, 3, 5 -> "1-3, 5"."""
    parts: list[str] = []
    for n in sorted(numbers):
        if parts and "-" not in parts[-1].split(", ")[-1] and int(parts[-1]) == n - 1:
            parts[-1] = f"{parts[-1]}-{n}"
        elif parts and "-" in parts[-1] and int(parts[-1].split("-")[1]) == n - 1:
            parts[-1] = f"{parts[-1].split('-')[0]}-{n}"
        else:
            parts.append(str(n))
    return ", ".join(parts)


def rows(students: list[StudentLab]) -> list[dict[str, str]]:
    """The class as table rows (no machine paths: students by their folder's name)."""
    return [{
        "student": s.student,
        "lab": s.lab or "-",
        "sections done": f"{s.done}/{SECTIONS}" + (f" ({_ranges(s.sections)})" if s.sections else ""),
        "checkpoints restored": str(s.restores),
        "exercises passed": ", ".join(s.exercises_passed) or "-",
        "exercise under way": s.exercise_active or "-",
        "last failure": s.problem or s.last_failure or "-",
    } for s in students]


def picture_png(students: list[StudentLab]) -> bytes:
    """Sections done per student as a PNG (a grid: one row per student, one column per section)."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap

    grid = [[1 if n in s.sections else 0 for n in range(1, SECTIONS + 1)] for s in students]
    height = max(1.6, 0.42 * len(students) + 1.1)
    fig, ax = plt.subplots(figsize=(8, height))
    ax.imshow(grid or [[0] * SECTIONS], cmap=ListedColormap(["#e8e8e8", "#3a923a"]), vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(SECTIONS), [str(n) for n in range(1, SECTIONS + 1)])
    ax.set_yticks(range(len(students)), [s.student for s in students])
    ax.set_xlabel("section done (green)")
    for i, s in enumerate(students):
        note = f"{len(s.exercises_passed)} exercise(s)" if s.exercises_passed else ""
        if s.problem:
            note = "no lab read"
        elif s.last_failure:
            note = (note + "  " if note else "") + "last run failed"
        if note:
            ax.text(SECTIONS - 0.4, i, note, va="center", ha="left", fontsize=8)
    ax.set_xlim(-0.5, SECTIONS + 1.6)
    ax.set_title("Class progress")
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    plt.close(fig)
    return buffer.getvalue()


def picture(students: list[StudentLab], path: Path) -> Path:
    """The class's progress picture, written to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(picture_png(students))
    return path


# -- the command -------------------------------------------------------------------------------------

def cmd_class_status(a: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    paths = [Path(p) for p in a.paths]
    missing = [str(p) for p in paths if not p.is_dir()]
    if missing:
        Console(stderr=True).print(f"[red]error:[/red] not a folder: {', '.join(missing)}; give each student's lab "
                                   "state folder, course folder or home", soft_wrap=True, highlight=False)
        return 2
    students = read_class(paths)
    table = Table(title=f"Class status: {len(students)} student(s)")
    data = rows(students)
    for col in data[0] if data else ["student"]:
        table.add_column(col, overflow="fold")
    for r in data:
        table.add_row(*r.values())
    console = Console()
    console.print(table)
    if a.picture:
        picture(students, Path(a.picture))
        console.print(f"picture: {a.picture}", highlight=False, soft_wrap=True)
    if a.json:
        Path(a.json).write_text(json.dumps(data, indent=2), encoding="utf-8")
    return 0


def add_parser(sub: Any) -> None:
    p = sub.add_parser("class", help="a trainer's view of a class: labkit class status PATH...")
    csub = p.add_subparsers(dest="class_command", required=True, metavar="COMMAND")
    q = csub.add_parser(
        "status", help="each student's sections, checkpoints, exercises and last failure (reads, never changes, their labs)",
        description="PATH: a student's lab state folder (--state of their runs), a folder holding one as .lab, "
                    "or a home holding course folders (on The Littlest JupyterHub: /home/jupyter-*).",
    )
    q.add_argument("paths", nargs="+", metavar="PATH")
    q.add_argument("--picture", metavar="PNG", help="also draw the class's progress into this PNG file")
    q.add_argument("--json", metavar="FILE", help="also write the table as JSON")
    q.set_defaults(func=cmd_class_status)
