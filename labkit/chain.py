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

from labkit.lab import Lab

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
    state_dir: Path = Path(".lab")
    start: str | None = None          # --from
    only: str | None = None           # --only
    params: tuple[tuple[str, Any], ...] = ()
    fresh: bool | None = None         # None: fresh on the twin unless resuming


def runbooks_dir() -> Path:
    """Where the runbooks are: $LABKIT_RUNBOOKS, ./runbooks, or beside the package."""
    for candidate in (os.environ.get("LABKIT_RUNBOOKS"), "runbooks", Path(__file__).resolve().parents[1] / "runbooks"):
        if candidate and (Path(candidate) / f"{NOTEBOOKS[0]}.ipynb").is_file():
            return Path(candidate)
    raise FileNotFoundError("cannot find the runbooks folder: run labkit from the labkit checkout or set LABKIT_RUNBOOKS")


def resolve(spec: str) -> int:
    """The index of the notebook named by number (``3``, ``03``) or name (``03-iscsi-storage``, ``iscsi-storage``)."""
    s = spec.strip().lower().removesuffix(".ipynb")
    if s.isdigit() and 1 <= int(s) <= len(NOTEBOOKS):
        return int(s) - 1
    for i, name in enumerate(NOTEBOOKS):
        if s in (name, name[3:]):
            return i
    raise ValueError(f"no runbook {spec!r}: give a number 1-{len(NOTEBOOKS)} or one of {', '.join(NOTEBOOKS)}")


def check_params(params: dict[str, Any]) -> None:
    for name in params:
        if _SECRET_NAMES.search(name):
            raise ValueError(
                f"parameter {name!r} looks like a credential; papermill would write it into the executed notebook. "
                "Set LABKIT_WINRM_USER and LABKIT_WINRM_PASSWORD (or the keyring, service 'labkit') instead"
            )


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
    cell = getattr(error, "exec_count", None)
    cell_index = getattr(error, "cell_index", None)
    ename = getattr(error, "ename", type(error).__name__)
    evalue = getattr(error, "evalue", str(error))
    where = f"cell {cell_index + 1}" if cell_index is not None else "a cell"
    if cell is not None:
        where += f" (execution {cell})"
    return f"{name}.ipynb failed at {where}: {ename}: {evalue}"


def _scraps(path: Path) -> dict[str, Any]:
    import scrapbook as sb

    try:
        return {k: s.data for k, s in sb.read_notebook(str(path)).scraps.items()}
    except Exception:
        return {}


def run_chain(opts: ChainOptions) -> dict[str, Any]:
    """Run the chain; return the summary (also written to ``out_dir/summary.json``)."""
    import papermill as pm
    from tqdm import tqdm

    params = dict(opts.params)
    check_params(params)
    lab = Lab.load(opts.lab_file)
    why = refusal(lab)
    if why:
        raise ChainRefused(why)
    book_dir = runbooks_dir()
    first = resolve(opts.start) if opts.start else 0
    selected = [resolve(opts.only)] if opts.only else list(range(first, len(NOTEBOOKS)))
    resuming = bool(opts.start or opts.only)
    fresh = (opts.backend == "twin" and not resuming) if opts.fresh is None else opts.fresh
    out_dir = opts.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    state_dir = opts.state_dir
    if fresh and opts.backend == "twin":
        from labkit.twin.session import reset

        reset(state_dir, lab)

    env = _kernel_env(state_dir)
    saved_env = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    summary: dict[str, Any] = {
        "backend": opts.backend, "lab": lab.source, "ok": True, "notebooks": [], "results": {},
    }
    try:
        bar = tqdm(total=len(selected), desc="labkit run", unit="notebook", file=sys.stderr)
        for i, name in enumerate(NOTEBOOKS):
            output = out_dir / f"{name}.ipynb"
            if i not in selected:
                entry = {"name": name, "status": "skipped", "seconds": 0.0}
                if resuming and output.is_file():
                    entry["status"] = "earlier run"
                    summary["results"].update(_results(_scraps(output)))
                summary["notebooks"].append(entry)
                continue
            if not summary["ok"]:
                summary["notebooks"].append({"name": name, "status": "not run", "seconds": 0.0})
                continue
            bar.set_postfix_str(name)
            declared = pm.inspect_notebook(str(book_dir / f"{name}.ipynb"))
            given = {"lab_file": lab.source, "backend": opts.backend, "state_dir": str(state_dir.resolve()), "training": False, **params}
            parameters = {k: v for k, v in given.items() if k in declared}
            started = time.perf_counter()
            try:
                pm.execute_notebook(
                    str(book_dir / f"{name}.ipynb"), str(output), parameters=parameters,
                    kernel_name=KERNEL_NAME, cwd=str(book_dir), progress_bar=False, log_output=False,
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
        bar.close()
    finally:
        for k, v in saved_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    (out_dir / "summary.json").write_text(json.dumps(summary, indent=2, default=str))
    from labkit.report import chain_report

    chain_report(summary, lab, out_dir)
    if not summary["ok"]:
        raise ChainError(summary["error"])
    return summary


RESULT_KEYS = ("validation", "cluster", "csv", "vm", "live_migration", "quick_migration", "failover",
               "downtime_comparison")


def _results(scraps: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in scraps.items() if k in RESULT_KEYS}
