"""What the runbooks import: a :class:`Runbook` that shows each step's
PowerShell, runs it on the lab with progress, shows the result as a table and
glues results for the chain summary; the training-mode controls; and the
``%%powershell HOST`` cell magic (``%load_ext labkit.notebook``).
"""

from __future__ import annotations

import atexit
import json
import sys
from pathlib import Path
from typing import Any, Callable, Iterable

import pandas as pd
from IPython.display import Code, Markdown, display

from labkit import steps
from labkit.backends import make_backend
from labkit.backends.base import HostResult, RunResult
from labkit.lab import Lab

_current: "Runbook | None" = None

# scrapbook's media type for a JSON scrap (scrapbook.schemas.GLUE_PAYLOAD_FMT, version 1 payloads).
SCRAP_MIME = "application/scrapbook.scrap.json+json"


class Runbook:
    """One runbook's connection to the lab.

    ``training`` (a papermill parameter, False in ``labkit run``) shows the
    interactive controls; headless runs never wait for a click.
    """

    def __init__(self, lab_file: str | None = None, backend: str = "twin", state_dir: str = ".lab", *, training: bool = False):
        global _current
        self.lab = Lab.load(lab_file)
        self.backend_kind = backend
        self.state_dir = Path(state_dir)
        self.backend = make_backend(backend, self.lab, self.state_dir)
        # WinRM shells stay open on the hosts until their idle time-out unless closed.
        atexit.register(self.backend.close)
        self.training = training
        self.changes: list[str] = []
        _current = self

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
        """A twin stands behind the backend: the twin backend itself, or WinRM
        to `labkit twin serve` over the same state folder.  Then what no
        PowerShell cmdlet reports (the validation results as data, a live
        migration's blackout) can be read from the twin's world, and faults
        can be injected."""
        from labkit.twin.store import DB_NAME

        return self.backend_kind == "twin" or (self.state_dir / DB_NAME).is_file()

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
                bar.set_postfix_str(f"{r.host} {'ok' if r.ok else 'FAILED'}")
                bar.update(1)

            result = self.backend.run(hosts, steps.script(name), args, label=name, host_args=host_args, progress=done)
        for r in result.results.values():
            for w in r.warnings:
                print(f"WARNING ({r.host}): {w}")
            if not demo and isinstance(r.data, dict) and r.data.get("Changed"):
                self.changes.append(f"{name} on {r.host}: {r.data.get('Changes') or 'changed'}")
        display(result.frame())
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
        """Glue what this runbook changed and say so: a second run changes nothing."""
        self.glue("changes", self.changes)
        if self.changes:
            display(Markdown("**Changed:**\n" + "\n".join(f"- {c}" for c in self.changes)))
        else:
            display(Markdown("**Nothing to change:** the lab already was as this section wants it."))

    @staticmethod
    def check(condition: bool, message: str) -> None:
        """Fail the run when the section's promise does not hold."""
        if not condition:
            raise AssertionError(message)

    # -- training mode -------------------------------------------------------------
    def controls(self, actions: dict[str, Callable[[str], Any]], hosts: list[str] | None = None, label: str = "host") -> Any:
        """Buttons that run ``actions[name](chosen_host)``; shown (and returned)
        only in training mode."""
        if not self.training:
            return None
        import ipywidgets as w

        picker = w.Dropdown(options=hosts or self.nodes, description=label)
        out = w.Output()
        buttons = []
        for title, action in actions.items():
            button = w.Button(description=title)

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
        return box


    def step_controls(self, name: str, hosts: list[str], args: dict[str, Any] | None = None,
                      host_args: dict[str, dict[str, Any]] | None = None) -> Any:
        """Training mode: run step ``name`` again on the host a student picks
        (an ensure script: a second run shows that nothing changes)."""
        def run(host: str) -> None:
            self.step(name, [host], args, host_args=host_args, show_code=False)

        return self.controls({f"run {name}": run}, hosts=hosts)


class _progress:
    """A progress bar over hosts (a widget in Jupyter, text in headless runs)."""

    def __init__(self, total: int, name: str, widget: bool):
        if widget:
            from tqdm.auto import tqdm
        else:
            from tqdm import tqdm
        self.bar = tqdm(total=total, desc=name, unit="host", file=sys.stderr, leave=True)

    def __enter__(self) -> Any:
        return self.bar

    def __exit__(self, *exc: object) -> None:
        self.bar.close()


def frame(records: list[dict[str, Any]] | dict[str, Any]) -> pd.DataFrame:
    """A table from JSON records (one dict or a list of them)."""
    return pd.DataFrame(records if isinstance(records, list) else [records])


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
