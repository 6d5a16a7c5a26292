"""report.html rendered beside the chain: a background process renders each
executed notebook to HTML while the next runbook runs, and writes
report.html while the last kernel shuts down, so that nbconvert (about
half a second a notebook, and its import) leaves the chain's critical path.

:class:`ReportRenderer` starts ``python -m labkit.report_renderer``.  The
process imports nbconvert and what report.html needs, then reads requests
from its standard input, one JSON line each:

- ``{"notebook": PATH}``: render the executed notebook PATH beside it
  (:func:`labkit.report.notebook_html`);
- ``{"ahead": PATH, "like": EXECUTED}``: render the runbook PATH that runs now, not yet executed
  (its code highlighted as in EXECUTED, a notebook the chain ran before), and drop the HTML
  (:func:`labkit.report.prepare_html`): its executed form, rendered after the chain's last
  runbook ends, then finds its code's sanitized HTML computed;
- ``{"report": OUT_DIR, "lab": LAB, "lab_source": SOURCE}``: write
  OUT_DIR/report.html from OUT_DIR/summary.json (:func:`labkit.report.chain_report`,
  reusing the HTML already rendered), then answer ``done`` on its standard output.

It ends when its standard input closes: ``labkit run`` finished, failed, was
interrupted or was killed.  Ctrl-C does not reach it (a process group of its
own; SIGINT ignored): ``labkit run`` handles it and closes the pipe.  If the renderer is gone or fails, ``labkit run`` writes
the report itself, as it always did: what the user gets is the same.

    python -m labkit.report_renderer    # the renderer (started by ReportRenderer)
"""

from __future__ import annotations

import gc
import json
import os
import select
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from labkit.lab import Lab


def main() -> None:
    from labkit.import_costs import skip_iri_syntax_checker

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    skip_iri_syntax_checker()
    from labkit import report

    _warm_up(report._html_exporter())   # while the first runbooks run
    import labkit.tables  # noqa: F401  (pandas: report.html's tables)

    # The modules and the exporter live until the renderer ends: frozen, the full garbage
    # collections a notebook's rendering sets off skip them (gc.freeze,
    # https://docs.python.org/3/library/gc.html#gc.freeze).
    gc.collect()
    gc.freeze()

    rendered: dict[str, Path | None] = {}
    for line in iter(_request, b""):
        request = json.loads(line)
        if "notebook" in request:
            path = Path(request["notebook"])
            rendered[path.stem] = report.notebook_html(path)
        elif "ahead" in request:
            # Only while nothing else waits (a renderer behind, on a busy machine, or a runbook that ended
            # already): then it would only put off what labkit run waits for.
            if not select.select([0], [], [], 0)[0]:
                report.prepare_html(Path(request["ahead"]), Path(request["like"]))
        elif "report" in request:
            out_dir = Path(request["report"])
            summary = json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))
            lab = Lab.from_dict(request["lab"], source=request["lab_source"])
            report.chain_report(summary, lab, out_dir, rendered_already=rendered)
            sys.stdout.write("done\n")
            sys.stdout.flush()
    # Standard input closed.  Exit at once: the interpreter's orderly shutdown of
    # nbconvert and pandas takes most of a second, which labkit run would wait for.
    sys.stderr.flush()
    os._exit(0)


def _request() -> bytes:
    """The next request line from standard input (b"" once it is closed), read unbuffered: a
    request not yet read stays where select() sees it."""
    line = bytearray()
    while (byte := os.read(0, 1)) and byte != b"\n":
        line += byte
    return bytes(line) + byte


def _warm_up(exporter: Any) -> None:
    """Render a small notebook of the runbooks' kinds of cells, unwritten: nbconvert
    loads its templates, markdown renderer, sanitizer and PowerShell highlighting on
    first use (about a second), which the first real notebook then does not wait for."""
    import warnings

    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    code = new_code_cell("rb.step('x', [])", outputs=[
        new_output("stream", name="stdout", text="ok\n"),
        new_output("display_data", data={"text/markdown": "`x.ps1`", "text/plain": "x"}),
        new_output("display_data", data={"text/html": "<table><tr><td>x</td></tr></table>", "text/plain": "x"}),
        new_output("display_data", data={"text/plain": "Get-Item x", "text/html": "<pre>Get-Item x</pre>"}),
        new_output("error", ename="CheckFailed", evalue="x", traceback=["x"]),
    ])
    book = new_notebook(cells=[new_markdown_cell("# x\n\n*x* `x`"), code],
                        metadata={"language_info": {"name": "python", "pygments_lexer": "ipython3"}})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        exporter.from_notebook_node(book)


class ReportRenderer:
    """The background renderer of one ``labkit run``."""

    def __init__(self) -> None:
        # Its errors are not the user's to read: when it fails, labkit run renders the report itself.
        # A process group of its own: a terminal's Ctrl-C is labkit run's, which then closes its input.
        self.proc = subprocess.Popen([sys.executable, "-m", "labkit.report_renderer"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, process_group=0)
        self._report_asked = False

    def _send(self, request: dict[str, Any]) -> bool:
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
            return True
        except (OSError, ValueError):   # the renderer is gone (a broken or closed pipe)
            return False

    def render(self, notebook: Path) -> None:
        """Render the executed ``notebook`` to HTML beside it, in the background."""
        self._send({"notebook": str(notebook)})

    def ahead(self, runbook: Path, executed_before: Path) -> None:
        """Prepare, in the background, the HTML of ``runbook``, which runs now (its code's part;
        ``executed_before``: a notebook the chain executed, whose kernel language it takes)."""
        self._send({"ahead": str(runbook), "like": str(executed_before)})

    def ask_report(self, out_dir: Path, lab: Lab) -> None:
        """Write ``out_dir``/report.html (from its summary.json) in the background; :meth:`close` waits for it."""
        self._report_asked = self._send({"report": str(out_dir), "lab": lab.to_dict(), "lab_source": str(lab.source)})

    def close(self, timeout: float = 120.0) -> bool:
        """End the renderer; whether it wrote the report asked for (False if none was asked)."""
        written = False
        try:
            if self._report_asked:
                assert self.proc.stdout is not None
                ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
                written = bool(ready) and self.proc.stdout.readline().strip() == "done"
        finally:
            try:
                assert self.proc.stdin is not None
                self.proc.stdin.close()
            except OSError:
                pass
            try:
                self.proc.wait(timeout=5.0)
            except subprocess.TimeoutExpired:   # still rendering a notebook nobody waits for
                self.proc.kill()
                self.proc.wait()
            if self.proc.stdout is not None:
                self.proc.stdout.close()
        return written


if __name__ == "__main__":
    main()
