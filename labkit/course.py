"""What a trainer hands out: `labkit init DIR` (a course folder with the
runbooks, a lab file to edit and its own lab state), `labkit open`
(JupyterLab on the runbooks with the right lab state), and
`labkit twin checkpoint list|restore N`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from labkit.state import COURSE_LAB, STATE_ENV, STATE_NAME, course_runbooks, find_state, shown_path

STATE_HELP = "the lab state folder (default: $LABKIT_STATE, else .lab here or in a folder above)"


class CourseError(Exception):
    """Bad input: exit 2 with the message."""


def init_course(target: Path, force: bool = False) -> list[Path]:
    """Copy the runbooks and the built-in lab file into ``target``; make its lab state folder."""
    from labkit.chain import NOTEBOOKS, PACKAGED_RUNBOOKS
    from labkit.lab import DEFAULT_LAB_PATH

    books = target / "runbooks"
    existing = [p for p in (books / f"{n}.ipynb" for n in NOTEBOOKS) if p.exists()] + [p for p in [target / COURSE_LAB] if p.exists()]
    if existing and not force:
        raise CourseError(f"{target} already holds {', '.join(p.name for p in existing)}; "
                          "pass --force to overwrite them with labkit's originals")
    books.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted(PACKAGED_RUNBOOKS.glob("*.ipynb")):
        shutil.copyfile(source, books / source.name)
        written.append(books / source.name)
    shutil.copyfile(DEFAULT_LAB_PATH, target / COURSE_LAB)
    written.append(target / COURSE_LAB)
    (target / STATE_NAME).mkdir(exist_ok=True)
    return written


def cmd_init(a: argparse.Namespace) -> int:
    from rich.console import Console

    target = Path(a.dir)
    try:
        written = init_course(target, a.force)
    except CourseError as e:
        Console(stderr=True).print(f"[red]error:[/red] {e}", highlight=False, soft_wrap=True)
        return 2
    console = Console()
    console.print(f"course folder {a.dir}: {len(written) - 1} runbooks in {a.dir}/runbooks, the lab in {a.dir}/{COURSE_LAB}, "
                  f"lab state in {a.dir}/{STATE_NAME}", soft_wrap=True, highlight=False)
    console.print(f"next: cd {a.dir} && labkit lab check {COURSE_LAB} && labkit open", soft_wrap=True, highlight=False)
    return 0


def jupyterlab_command(root: Path, port: int | None, browser: bool) -> list[str]:
    argv = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={root}"]
    if port:
        argv.append(f"--ServerApp.port={port}")
    if not browser:
        argv.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        argv.append("--allow-root")  # containers and CI run as root; Jupyter refuses that unless told
    return argv


def cmd_open(a: argparse.Namespace) -> int:
    from rich.console import Console

    location = find_state(a.state)
    books = course_runbooks(location)
    err = Console(stderr=True)
    if books is None:
        err.print(f"[red]error:[/red] no runbooks beside the lab state {location.shown}: "
                  "`labkit init DIR` makes a course folder with them; then `cd DIR && labkit open`",
                  highlight=False, soft_wrap=True)
        return 2
    try:
        import jupyterlab  # noqa: F401
    except ImportError:
        err.print("[red]error:[/red] JupyterLab is not installed: pip install jupyterlab (labkit's install brings it)",
                  highlight=False, soft_wrap=True)
        return 2
    env = {**os.environ, STATE_ENV: str(location.path)}
    err.print(f"JupyterLab on {shown_path(books)} with {location.describe()}; Ctrl-C stops it", highlight=False, soft_wrap=True)
    argv = jupyterlab_command(books, a.port, not a.no_browser)
    os.execve(argv[0], argv, env)
    return 0  # not reached


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("init", help="make a course folder: the runbooks and a lab file to edit, with its own lab state")
    p.add_argument("dir", help="the course folder (created if missing)")
    p.add_argument("--force", action="store_true", help="overwrite runbooks and lab.yaml already there")
    p.set_defaults(func=cmd_init)
    p = sub.add_parser("open", help="start JupyterLab on the runbooks with the lab state labkit run uses")
    p.add_argument("--state", help=STATE_HELP)
    p.add_argument("--port", type=int, help="the port JupyterLab listens on (default: JupyterLab's choice)")
    p.add_argument("--no-browser", action="store_true", help="do not open a browser")
    p.set_defaults(func=cmd_open)


# -- checkpoints ------------------------------------------------------------------

def cmd_checkpoint_list(a: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from labkit.twin import checkpoints

    done = set(checkpoints.done_sections(a.state))
    table = Table(title=f"Checkpoints in {shown_path(a.state)}: the lab at the end of each section")
    for col in ("N", "section", "lab", "saved", "done in the current lab"):
        table.add_column(col)
    for c in checkpoints.listing(a.state):
        table.add_row(str(c.section), c.name, c.lab_name, time.strftime("%Y-%m-%d %H:%M", time.localtime(c.at)),
                      "yes" if c.section in done else "no")
    Console().print(table)
    if not table.row_count:
        Console().print("no checkpoints yet: `labkit run` (or a runbook that passes its checks) keeps one per section", soft_wrap=True)
    return 0


def cmd_checkpoint_restore(a: argparse.Namespace) -> int:
    from rich.console import Console

    from labkit.twin import checkpoints
    from labkit.twin.errors import TwinError

    try:
        c = checkpoints.restore(a.state, a.section)
    except TwinError as e:
        Console(stderr=True).print(f"[red]error:[/red] {e}", highlight=False, soft_wrap=True)
        return 2
    nxt = f"; continue with runbook {c.section + 1:02d}" if c.section < 8 else ""
    Console().print(f"the lab is back at the end of section {c.section} ({c.name}){nxt}", highlight=False, soft_wrap=True)
    return 0


def add_checkpoint_parser(tsub: Any) -> None:
    p = tsub.add_parser("checkpoint", help="the lab at the end of each section: list them, restore one")
    csub = p.add_subparsers(dest="checkpoint_command", required=True, metavar="COMMAND")
    q = csub.add_parser("list", help="the checkpoints kept in the lab state")
    q.add_argument("--state", help=STATE_HELP)
    q.set_defaults(func=cmd_checkpoint_list)
    q = csub.add_parser("restore", help="put the lab back as it was at the end of section N")
    q.add_argument("section", type=int, choices=range(1, 9), metavar="N", help="a section number, 1-8")
    q.add_argument("--state", help=STATE_HELP)
    q.set_defaults(func=cmd_checkpoint_restore)
