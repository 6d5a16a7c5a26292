"""The chain's wall time on the twin beside its floor: papermill running
eight empty notebooks on the same kernel.  Aim: a ratio of at most 1.3.

    python benchmarks/chain.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import papermill as pm
from nbformat.v4 import new_code_cell, new_notebook

from labkit.chain import KERNEL_NAME, NOTEBOOKS, ChainOptions, _kernel_env, run_chain


def floor(work: Path) -> float:
    """Papermill over eight notebooks with an empty parameters cell."""
    os.environ.update(_kernel_env(work / "state"))
    book = new_notebook()
    book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cell = new_code_cell("x = 1")
    cell.metadata["tags"] = ["parameters"]
    book.cells.append(cell)
    path = work / "empty.ipynb"
    nbformat.write(book, path)
    started = time.perf_counter()
    for name in NOTEBOOKS:
        pm.execute_notebook(str(path), str(work / f"empty-{name}.ipynb"), parameters={"x": 2},
                            kernel_name=KERNEL_NAME, progress_bar=False)
    return time.perf_counter() - started


def chain(work: Path) -> float:
    started = time.perf_counter()
    run_chain(ChainOptions(out_dir=work / "out", state_dir=work / "state"))
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        empty = floor(work)
        full = chain(work)
    print(f"floor (papermill, 8 empty notebooks): {empty:6.1f} s")
    print(f"labkit run on the twin (8 runbooks):   {full:6.1f} s")
    print(f"ratio: {full / empty:.2f} (aim: at most 1.3)")


if __name__ == "__main__":
    sys.exit(main())
