"""The chain: the eight runbooks executed in order with papermill.

:func:`run_chain` runs them (all, from one on, or just one), stops at the
first failure with the notebook, the cell and the error in one message, and
writes into the output folder the executed notebooks, ``summary.json`` and
``report.html``.  On the twin a fresh run starts from a fresh lab; ``--from``
and ``--only`` resume against the lab as it is.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from labkit.lab import DEFAULT_LAB_PATH, Lab
from labkit.report_renderer import ReportRenderer
from labkit.state import STATE_ENV, StateLocation, course_lab_file, course_runbooks, find_state, shown_path

NOTEBOOKS = (
    "01-prerequisites",
    "02-virtual-network",
    "03-iscsi-storage",
    "04-validate",
    "05-create-cluster",
    "06-cluster-shared-volumes",
    "07-ha-vm",
    "08-live-migration",
)

# Papermill writes parameters into the executed notebook: a credential must
# never be one (they come from LABKIT_WINRM_USER / LABKIT_WINRM_PASSWORD or the keyring).
_SECRET_NAMES = re.compile(r"pass(word)?|secret|token|credential|api_?key", re.IGNORECASE)

KERNEL_NAME = "labkit-python"


class ChainError(RuntimeError):
    """A notebook of the chain failed: names the notebook, the cell and the error."""


class ChainRefused(ChainError):
    """The chain cannot run on this lab at all; nothing was started or changed."""


def refusal(lab: Lab) -> str | None:
    """Why the runbooks cannot run on this lab's Windows Server version(s), or None."""
    from labkit.os_versions import chain_blockers

    blockers = [b for v in sorted({h.os.version for h in lab.hosts}) for b in chain_blockers(v)]
    if not blockers:
        return None
    hosts = ", ".join(h.name for h in lab.hosts if chain_blockers(h.os.version))
    return f"lab {lab.source} cannot run the runbooks ({hosts}): " + "; ".join(blockers)


@dataclass(frozen=True)
class ChainOptions:
    lab_file: str | None = None
    backend: str = "twin"
    out_dir: Path = Path("lab-run")
    state_dir: Path | None = None     # None: found as labkit.state says
    start: str | None = None          # --from
    only: str | None = None           # --only
    until: str | None = None          # --until
    params: tuple[tuple[str, Any], ...] = ()
    fresh: bool | None = None         # None: fresh on the twin unless resuming
    debug: bool = False               # labkit's own frames in the notebooks' tracebacks


# Parameters labkit run sets from its own options: -p cannot override them.
RESERVED_PARAMS = {"lab_file": "--lab", "state_dir": "--state", "backend": "--backend", "training": "(always False in labkit run)"}

# The runbooks shipped inside the package (labkit/runbooks is the checkout's runbooks/ folder).
PACKAGED_RUNBOOKS = Path(__file__).resolve().parent / "runbooks"


def runbooks_dir(state: StateLocation | None = None) -> Path:
    """Where the runbooks are: $LABKIT_RUNBOOKS, the course's runbooks/ (beside
    the lab state: the checkout, or a folder made by `labkit init`), or the
    ones inside the package."""
    state = state or find_state()
    for candidate in (os.environ.get("LABKIT_RUNBOOKS"), course_runbooks(state), PACKAGED_RUNBOOKS):
        if candidate and (Path(candidate) / f"{NOTEBOOKS[0]}.ipynb").is_file():
            return Path(candidate)
    raise FileNotFoundError(f"no runbooks in $LABKIT_RUNBOOKS, beside the lab state or inside the package ({PACKAGED_RUNBOOKS}): reinstall labkit")


def resolve(spec: str) -> int:
    """The index of the notebook named by number (``3``, ``03``) or name (``03-iscsi-storage``, ``iscsi-storage``)."""
    s = spec.strip().lower().removesuffix(".ipynb")
    if s.isdigit() and 1 <= int(s) <= len(NOTEBOOKS):
        return int(s) - 1
    for i, name in enumerate(NOTEBOOKS):
        if s in (name, name[3:]):
            return i
    raise ValueError(f"no runbook {spec!r}: give a number 1-{len(NOTEBOOKS)} or one of {', '.join(NOTEBOOKS)}")


def check_params(params: dict[str, Any], book_dir: Path | None = None) -> None:
    """Refuse credentials, the names labkit run sets itself, names no runbook
    declares (with the names that exist), and values of the wrong type."""
    for name in params:
        if _SECRET_NAMES.search(name):
            raise ValueError(
                f"parameter {name!r} looks like a credential; papermill would write it into the executed notebook. "
                "Set LABKIT_WINRM_USER and LABKIT_WINRM_PASSWORD (or the keyring, service 'labkit') instead"
            )
        if name in RESERVED_PARAMS:
            raise ValueError(f"parameter {name!r} is set by labkit run itself: use {RESERVED_PARAMS[name]} instead of -p")
    if book_dir is None or not params:
        return
    from labkit.runbook_params import check_against_runbooks

    check_against_runbooks(params, book_dir, NOTEBOOKS)


def _kernel_env(state_dir: Path) -> dict[str, str]:
    """A kernelspec that runs this very Python, so the notebooks see this labkit."""
    root = state_dir.resolve() / "jupyter"
    spec = root / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(json.dumps({
        # The kernel's own log (a warning about TCP on loopback, a KeyboardInterrupt
        # at shutdown) would interleave with the chain's progress; cell errors
        # still arrive through the protocol and stop the chain.
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}", "--IPKernelApp.log_level=CRITICAL"],
        "display_name": "labkit (Python)",
        "language": "python",
    }))
    return {"JUPYTER_PATH": os.pathsep.join(filter(None, [str(root), os.environ.get("JUPYTER_PATH")]))}


def _failure_message(name: str, error: BaseException) -> str:
    """The notebook, the cell as Jupyter numbers it (``In [4]``) and the error."""
    cell = getattr(error, "exec_count", None)
    cell_index = getattr(error, "cell_index", None)
    ename = getattr(error, "ename", type(error).__name__)
    evalue = getattr(error, "evalue", str(error))
    if cell is not None:
        where = f"In [{cell}]"
    elif cell_index is not None:
        where = f"cell {cell_index + 1}"
    else:
        where = "a cell"
    return f"{name}.ipynb failed at {where}: {ename}: {evalue}"


def _scraps(path: Path) -> dict[str, Any]:
    from labkit.scraps import read_scraps

    try:
        return read_scraps(path)
    except Exception:
        return {}


def run_chain(opts: ChainOptions) -> dict[str, Any]:
    """Run the chain; return the summary (also written to ``out_dir/summary.json``)."""
    params = dict(opts.params)
    location = find_state(opts.state_dir)
    state_dir = location.path
    book_dir = runbooks_dir(location)
    check_params(params, book_dir)
    lab_file = opts.lab_file or (str(course_lab_file(location)) if course_lab_file(location) else None)
    lab = Lab.load(lab_file)
    why = refusal(lab)
    if why:
        raise ChainRefused(why)
    first = resolve(opts.start) if opts.start else 0
    last = resolve(opts.until) if opts.until else len(NOTEBOOKS) - 1
    selected = [resolve(opts.only)] if opts.only else list(range(first, last + 1))
    resuming = bool(opts.start or opts.only)
    fresh = (opts.backend == "twin" and not resuming) if opts.fresh is None else opts.fresh
    # Every path the user gave is the user's: resolve it against the folder labkit was started in,
    # before papermill runs the notebooks in runbooks/ (the lab file's source is absolute already).
    out_dir = opts.out_dir.expanduser().absolute()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = out_dir / f".labkit-write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as e:
        raise ChainError(f"cannot write the output folder {out_dir} ({e.strerror}); pass --out DIR with a writable folder") from None
    env = _kernel_env(state_dir)
    # The kernels find the lab state (and the lab, when given) here, so nothing
    # of the user's machine is written into the notebooks' parameters.
    env[STATE_ENV] = str(state_dir)
    if opts.lab_file:
        env["LABKIT_LAB"] = str(Path(opts.lab_file).resolve())
    if opts.debug:
        env["LABKIT_DEBUG"] = "1"
    from labkit.kernel_template import start_template

    # The kernels' template imports for seconds: it starts now, while the lab state is made.
    template = start_template(cwd=book_dir, env={**os.environ, **env})
    resumed_how = ""
    try:
        if fresh and opts.backend == "twin":
            from labkit.twin.reset import reset  # not the interpreter: the kernels import it

            reset(state_dir, lab)
        elif opts.start and opts.backend == "twin" and first > 0:
            resumed_how = _catch_up(state_dir, lab, first)
            if resumed_how.startswith("built"):
                selected = list(range(0, last + 1))
        # papermill (nbformat, jsonschema: a second) is imported while the template imports.
        import papermill as pm
        from tqdm import tqdm

        from labkit import kernels  # the next runbook's kernel starts while one runs
    except BaseException:
        if template is not None:
            template.close(now=True)   # it forked nothing yet: not waited for (Ctrl-C while it imports)
        raise
    saved_env = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    kernels.start_ahead(KERNEL_NAME, cwd=book_dir, notebooks=[book_dir / f"{NOTEBOOKS[i]}.ipynb" for i in selected],
                        template=template)
    summary: dict[str, Any] = {
        "backend": opts.backend, "lab": lab.name, "lab_file": "built-in" if Path(lab.source) == DEFAULT_LAB_PATH else shown_path(lab.source), "state": location.shown,
        "ok": True, "notebooks": [], "results": {},
    }
    if resumed_how:
        summary["resumed"] = resumed_how
    # Each executed notebook's HTML is rendered in the background while the next runs (labkit.report_renderer).
    renderer: ReportRenderer | None = None
    report_written = False
    try:
        bar = tqdm(total=len(selected), desc="labkit run", unit="notebook", file=sys.stderr)
        for i, name in enumerate(NOTEBOOKS):
            output = out_dir / f"{name}.ipynb"
            if i not in selected:
                entry = {"name": name, "status": "skipped", "seconds": 0.0}
                if resuming and output.is_file():
                    entry["status"] = "earlier run"
                    earlier = _results(_scraps(output))
                    summary["results"].update(earlier)
                    summary.setdefault("results_from_earlier_runs", []).extend(earlier)
                summary["notebooks"].append(entry)
                continue
            if not summary["ok"]:
                summary["notebooks"].append({"name": name, "status": "not run", "seconds": 0.0})
                continue
            bar.set_postfix_str(name)
            if renderer is not None and i == selected[-1]:
                # The last runbook's HTML is on the way out of labkit run: what it can be made of beforehand is.
                renderer.ahead(book_dir / f"{name}.ipynb", out_dir / f"{NOTEBOOKS[selected[-2]]}.ipynb")
            declared = pm.inspect_notebook(str(book_dir / f"{name}.ipynb"))
            given = {"backend": opts.backend, "training": False, **params}
            parameters = {k: v for k, v in given.items() if k in declared}
            started = time.perf_counter()
            try:
                pm.execute_notebook(
                    str(book_dir / f"{name}.ipynb"), str(output), parameters=parameters,
                    kernel_name=KERNEL_NAME, cwd=str(book_dir), progress_bar=False, log_output=False,
                    engine_name=kernels.ENGINE_NAME,
                )
                status, error = "ok", None
            except Exception as e:  # papermill's PapermillExecutionError, or a kernel that died
                status, error = "failed", _failure_message(name, e)
            seconds = time.perf_counter() - started
            scraps = _scraps(output)
            entry = {"name": name, "status": status, "seconds": round(seconds, 2), "changed": len(scraps.get("changes") or [])}
            summary["notebooks"].append(entry)
            summary["results"].update(_results(scraps))
            bar.update(1)
            if error:
                summary["ok"] = False
                summary["error"] = error
            elif renderer is None and i != selected[-1]:
                renderer = ReportRenderer()
            if renderer is not None:
                renderer.render(output)
        bar.close()
        (out_dir / "summary.json").write_text(json.dumps(summary, indent=2, default=str))
        if renderer is not None:
            renderer.ask_report(out_dir, lab)   # written while the last kernel shuts down
    finally:
        kernels.stop_ahead()
        if renderer is not None:
            report_written = renderer.close()
        for k, v in saved_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    if not report_written:
        from labkit.report import chain_report

        chain_report(summary, lab, out_dir)
    if not summary["ok"]:
        raise ChainError(summary["error"])
    return summary


def _catch_up(state_dir: Path, lab: Lab, first: int) -> str:
    """Before `--from N` on the twin: a lab that has done sections 1..N-1 stays
    as it is; else checkpoint N-1 is restored; else the chain builds them."""
    from labkit.twin import checkpoints

    done = set(checkpoints.done_sections(state_dir))
    if all(s in done for s in range(1, first + 1)):
        return ""
    wanted = first  # the section before N, numbered from 1
    have = {c.section: c for c in checkpoints.listing(state_dir)}
    why = f"no checkpoint {wanted}"
    if wanted in have and have[wanted].lab_name == lab.name:
        from labkit.twin.store import OlderState

        try:
            checkpoints.restore(state_dir, wanted)
            return f"restored checkpoint {wanted} (end of {NOTEBOOKS[wanted - 1]})"
        except OlderState:
            why = f"checkpoint {wanted} was saved by an older labkit"
    from labkit.twin.reset import reset  # not the interpreter: the kernels import it

    reset(state_dir, lab)
    return f"built sections 1-{wanted} first ({why})"


RESULT_KEYS = ("validation", "cluster", "csv", "vm", "live_migration", "quick_migration", "failover",
               "downtime_comparison")


def _results(scraps: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in scraps.items() if k in RESULT_KEYS}
