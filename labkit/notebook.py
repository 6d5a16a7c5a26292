"""What the runbooks import: a :class:`Runbook` that shows each step's
PowerShell, runs it on the lab with progress, shows the result as a table and
glues results for the chain summary; the training-mode controls; and the
``%%powershell HOST`` cell magic (``%load_ext labkit.notebook``).
"""

from __future__ import annotations

import atexit
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable, Iterable

import pandas as pd
from IPython.display import Code, Markdown, display

from labkit import steps
from labkit.backends import make_backend
from labkit.backends.base import HostResult, RunResult
from labkit.lab import DEFAULT_LAB_PATH, Lab
from labkit.state import STATE_ENV, StateLocation, course_lab_file, find_state, shown_path
from labkit.tables import StudentTable, table

_current: "Runbook | None" = None

# scrapbook's media type for a JSON scrap (scrapbook.schemas.GLUE_PAYLOAD_FMT, version 1 payloads).
SCRAP_MIME = "application/scrapbook.scrap.json+json"


class Runbook:
    """One runbook's connection to the lab.

    ``training`` (a papermill parameter, False in ``labkit run``) shows the
    interactive controls; headless runs never wait for a click.
    """

    def __init__(self, lab_file: str | None = None, backend: str = "twin", state_dir: str | None = None, *,
                 training: bool = False, section: int | None = None):
        global _current
        self.location = find_state(state_dir)
        self.state_dir = self.location.path
        # Everything this kernel starts (`!labkit exec ...`, %%powershell) uses the same lab state.
        os.environ[STATE_ENV] = str(self.state_dir)
        self.lab = _lab_for(lab_file, backend, self.location)
        self.backend_kind = backend
        self.section = section
        self.backend = make_backend(backend, self.lab, self.state_dir)
        # WinRM shells stay open on the hosts until their idle time-out unless closed.
        atexit.register(self.backend.close)
        self.training = training
        self.changes: list[str] = []
        _current = self
        _quiet_tracebacks()
        self._introduce()

    def _introduce(self) -> None:
        """The first output of every runbook: which lab, which backend, which state, and what is missing."""
        source = "the built-in lab" if Path(self.lab.source) == DEFAULT_LAB_PATH else f"lab file `{shown_path(self.lab.source)}`"
        lines = [f"**Lab** `{self.lab.name}` ({source}), **backend** {self.backend_kind}, "
                 f"**nodes** {', '.join(self.nodes)}  ",
                 f"**Lab state** `{self.location.shown}` ({self.location.how})"]
        missing = self.missing_sections()
        if missing:
            before = self.section - 1 if self.section else 0
            listed = ", ".join(str(m) for m in missing)
            lines.append(
                f"\n> **This lab lacks section{'s' if len(missing) > 1 else ''} {listed}**, which this runbook builds on. "
                f"To get there: `labkit twin checkpoint restore {before}` (if `labkit twin checkpoint list` shows it), "
                f"or `labkit run --until {before}` to build sections 1-{before} on this lab state; "
                f"then run this runbook again from the top.")
        display(Markdown("\n".join(lines)))

    def missing_sections(self) -> list[int]:
        """Earlier sections this (twin) lab has not done; [] on real hosts, where labkit cannot tell."""
        if not self.section or self.backend_kind != "twin":
            return []
        from labkit.twin.checkpoints import done_sections

        done = set(done_sections(self.state_dir))
        return [s for s in range(1, self.section) if s not in done]

    # -- the lab ---------------------------------------------------------------
    @property
    def nodes(self) -> list[str]:
        return self.lab.node_names

    @property
    def first_node(self) -> str:
        return self.lab.node_names[0]

    @property
    def storage_server(self) -> str:
        return self.lab.storage_server.name

    @property
    def on_twin(self) -> bool:
        """A twin stands behind the backend in use: the twin backend itself, or WinRM
        to `labkit twin serve` over the same state folder (the lab's hosts are its
        listeners; a twin state left in the folder does not make real hosts a twin).
        Then what Windows does not record (a live migration's pre-copy rounds, its
        blackout to the millisecond, a quick migration's downtime) can be read from
        the twin's world, and faults can be injected."""
        from labkit.twin.serve.served_lab import served_by_twin

        return self.backend_kind == "twin" or served_by_twin(self.lab, self.state_dir)

    def world(self) -> Any:
        """The twin's world, read-only."""
        if not self.on_twin:
            raise RuntimeError(f"no twin behind this lab (backend {self.backend_kind}, state folder {self.state_dir})")
        from labkit.twin.session import load_world

        return load_world(self.state_dir)

    # -- steps -----------------------------------------------------------------
    def show_powershell(self, name: str) -> None:
        display(Markdown(f"`labkit/steps/{name}.ps1`"))
        display(Code(steps.script(name), language="powershell"))

    def step(
        self,
        name: str,
        hosts: Iterable[str],
        args: dict[str, Any] | None = None,
        *,
        host_args: dict[str, dict[str, Any]] | None = None,
        show_code: bool = True,
        check: bool = True,
        demo: bool = False,
    ) -> RunResult:
        """Show step ``name``'s PowerShell, run it on ``hosts``, show the result
        table; raise if any host failed (unless ``check=False``).  A ``demo``
        step (a migration shown and undone) is not counted as a change."""
        hosts = list(hosts)
        if show_code:
            self.show_powershell(name)
        with _progress(len(hosts), name, self.training) as bar:
            def done(r: HostResult) -> None:
                if bar is not None:
                    bar.set_postfix_str(f"{r.host} {'ok' if r.ok else 'FAILED'}")
                    bar.update(1)

            # A step that reaches the other nodes logs on with CredSSP (the double hop: labkit/steps/__init__.py).
            result = self.backend.run(hosts, steps.script(name), args, label=name, host_args=host_args, progress=done,
                                      logon=steps.logon(name))
        for r in result.results.values():
            restarted = isinstance(r.data, dict) and "restarted" in str(r.data.get("Changes") or "")
            for w in r.warnings:
                if restarted and _RESTART_WARNING in w:
                    continue  # Install-WindowsFeature's advice, already followed by the step's restart
                print(f"WARNING ({r.host}): {w}")
            if not demo and isinstance(r.data, dict) and r.data.get("Changed"):
                self.changes.append(f"{name} on {r.host}: {r.data.get('Changes') or 'changed'}")
        display(result_table(result))
        if check:
            result.raise_for_errors()
        return result

    def data(self, result: RunResult, host: str | None = None) -> Any:
        """The JSON one host printed (the first host by default)."""
        host = host or next(iter(result.results))
        return result.results[host].data

    # -- pictures ----------------------------------------------------------------
    def figure(self, name: str, fig: Any) -> None:
        """Show a matplotlib figure as a PNG tagged ``name``; the chain's
        report.html takes the same picture from the executed notebook."""
        from IPython.display import Image

        from labkit.report import FIGURE_KEY, figure_png

        display(Image(data=figure_png(fig), format="png"), metadata={FIGURE_KEY: name})

    # -- results -----------------------------------------------------------------
    def glue(self, name: str, value: Any) -> None:
        """Record a result for the chain summary, as scrapbook's ``glue(name,
        value, encoder="json")`` does; the chain reads it with scrapbook.

        Written here rather than by calling scrapbook because importing
        scrapbook in every runbook's kernel costs about a second (it pulls in
        papermill and pyarrow); tests/test_notebook.py checks that
        ``scrapbook.read_notebook`` reads these scraps back."""
        payload = {"name": name, "data": json.loads(json.dumps(value, default=str)), "encoder": "json", "version": 1}
        display({SCRAP_MIME: payload}, metadata={"scrapbook": {"name": name, "data": True, "display": False}}, raw=True)

    def finish(self) -> None:
        """Glue what this runbook changed and say so: a second run changes nothing.
        On the twin, keep the lab as checkpoint N (this section passed its checks)."""
        self.glue("changes", self.changes)
        if self.changes:
            display(Markdown("**Changed:**\n" + "\n".join(f"- {c}" for c in self.changes)))
        else:
            display(Markdown("**Nothing to change:** the lab already was as this section wants it."))
        if self.section and self.backend_kind == "twin":
            from labkit.chain import NOTEBOOKS
            from labkit.twin import checkpoints

            checkpoints.save(self.state_dir, self.section, NOTEBOOKS[self.section - 1])

    @staticmethod
    def check(condition: bool, message: str) -> None:
        """Fail the run when the section's promise does not hold."""
        if not condition:
            raise CheckFailed(message)

    # -- training mode -------------------------------------------------------------
    def controls(self, actions: dict[str, Callable[[str], Any]], hosts: list[str] | None = None, label: str = "host") -> Any:
        """Buttons that run ``actions[name](chosen_host)``; shown (and returned)
        only in training mode."""
        if not self.training:
            return None
        import ipywidgets as w

        picker = w.Dropdown(options=hosts or self.nodes, description=label, style={"description_width": "initial"},
                            layout=w.Layout(width="auto"))
        out = w.Output()
        buttons = []
        for title, action in actions.items():
            button = w.Button(description=title, layout=w.Layout(width="auto"))

            def clicked(_: Any, action: Callable[[str], Any] = action) -> None:
                with out:
                    out.clear_output()
                    try:
                        result = action(picker.value)
                        if result is not None:
                            display(result)
                    except Exception as e:  # shown to the student, not raised into the widget loop
                        print(f"error: {e}", file=sys.stderr)

            button.on_click(clicked)
            buttons.append(button)
        box = w.VBox([w.HBox([picker, *buttons]), out])
        display(box)
        return Shown(box)


    def step_controls(self, name: str, hosts: list[str], args: dict[str, Any] | None = None,
                      host_args: dict[str, dict[str, Any]] | None = None) -> Any:
        """Training mode: run step ``name`` again on the host a student picks
        (an ensure script: a second run shows that nothing changes)."""
        def run(host: str) -> None:
            self.step(name, [host], args, host_args=host_args, show_code=False)

        return self.controls({f"run {name}": run}, hosts=hosts)


class _progress:
    """A progress bar over hosts: a widget in training mode; nothing in headless
    runs (a text bar on stderr would stay in the saved notebook)."""

    def __init__(self, total: int, name: str, widget: bool):
        self.bar = None
        if widget:
            from tqdm.auto import tqdm

            self.bar = tqdm(total=total, desc=name, unit="host", leave=False)

    def __enter__(self) -> Any:
        return self.bar

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


class Shown:
    """Controls already displayed: keeping them as a cell's last value shows them no second time."""

    def __init__(self, widget: Any):
        self.widget = widget

    def _ipython_display_(self) -> None:
        pass


class CheckFailed(AssertionError):
    """A section's promise does not hold (Runbook.check)."""


# Install-WindowsFeature's warning when a feature needs a restart.
_RESTART_WARNING = "You must restart this server"


def result_table(result: RunResult) -> StudentTable:
    """One row per host: the JSON object's top-level fields, ok, time, errors."""
    rows = []
    for r in result.results.values():
        row: dict[str, Any] = {"host": r.host}
        if isinstance(r.data, dict):
            row.update({k: v for k, v in r.data.items() if not isinstance(v, (list, dict))})
        row.update({"ok": r.ok, "seconds": r.seconds})
        if r.errors:
            row["errors"] = "; ".join(r.errors)
        rows.append(row)
    return table(rows)


def frame(records: list[dict[str, Any]] | dict[str, Any] | pd.DataFrame, title: str | None = None) -> StudentTable:
    """A table from JSON records (a list of dicts, or one dict shown as field/value rows)."""
    return table(records, title)


def _lab_for(lab_file: str | None, backend: str, location: StateLocation) -> Lab:
    """The runbook's lab: the file given (or $LABKIT_LAB, set by `labkit run --lab`); else the lab the
    twin's state was made from; else the course's lab.yaml; else the built-in lab."""
    given = lab_file or os.environ.get(LAB_ENV)
    if given:
        return Lab.load(given)
    if backend == "twin":
        from labkit.twin.store import Store

        made = Store(location.path).read()   # the lab only: a world an older labkit saved is refused by the first step
        if made is not None:
            return made.lab
    return Lab.load(course_lab_file(location))


LAB_ENV = "LABKIT_LAB"
DEBUG_ENV = "LABKIT_DEBUG"


def _quiet_tracebacks() -> None:
    """A failed step or check, or an error of the twin (a state an older labkit saved, a construct it
    refuses), shows its message, not labkit's frames
    (``labkit run --debug`` or LABKIT_DEBUG=1 shows them)."""
    if os.environ.get(DEBUG_ENV):
        return
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return
    from labkit.backends.base import StepFailed
    from labkit.twin.errors import TwinError

    def handler(shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: int | None = None) -> list[str]:
        stb = [f"{etype.__name__}: {value}"]
        shell._showtraceback(etype, value, stb)
        return stb

    shell.set_custom_exc((StepFailed, CheckFailed, TwinError), handler)


def powershell(line: str, cell: str) -> None:
    """``%%powershell HOST``: run the cell's PowerShell on HOST of the current lab."""
    if _current is None:
        raise RuntimeError("create a Runbook first (the runbook's first cell does) so the magic knows the lab")
    host = line.strip() or _current.first_node
    r = _current.backend.run_one(host, cell, label="%%powershell")
    if r.output:
        print(r.output.rstrip("\n"))
    for w in r.warnings:
        print(f"WARNING: {w}")
    for e in r.errors:
        print(e, file=sys.stderr)


def load_ipython_extension(ipython: Any) -> None:
    ipython.register_magic_function(powershell, magic_kind="cell", magic_name="powershell")
