"""The `labkit` command's entry point: for `labkit run`, the kernels' template
(labkit/kernel_template.py) starts first, before the command line is parsed and
before the CLI, the lab file and the lab state are loaded, so that its imports
(seconds: the first runbook waits for them) run beside all that.

The template started here is the one :func:`labkit.chain.run_chain` then uses
(:func:`labkit.kernel_template.start_template` hands it over).  When the
command ends without a chain taking it (a usage error, a refused lab, another
command), it is ended at once; if `labkit` is killed, the template sees its
standard input close and exits, as always.

    labkit ...               # [project.scripts]: labkit.launch:main
    python -m labkit.cli ... # the same (labkit/cli.py hands over to this before its imports)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def start_template_for(argv: list[str]) -> None:
    """Start the kernels' template now if ``argv`` is a `labkit run` command line (not its help)."""
    if argv[:1] != ["run"] or any(a in ("-h", "--help") for a in argv):
        return
    from labkit import kernel_template

    # A folder of no Python modules: the template puts its working folder on no import path, but the
    # kernels each go to the runbooks' folder (the request's) anyway.
    runbooks = Path(__file__).resolve().parent / "runbooks"
    kernel_template.start_early(cwd=runbooks if runbooks.is_dir() else Path(os.sep), env=dict(os.environ))


def discard_template() -> None:
    """End the template started for this command if no chain took it."""
    if "labkit.kernel_template" in sys.modules:
        from labkit import kernel_template

        kernel_template.discard_early()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    start_template_for(args)
    try:
        from labkit.cli import main as cli_main

        return cli_main(args)
    except KeyboardInterrupt:   # Ctrl-C while the CLI still loads (labkit.cli.main says the same later on)
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        discard_template()
