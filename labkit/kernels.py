"""Kernels started ahead: while one runbook runs, the next runbook's kernel
starts, with what the runbooks import already imported, so that kernel
start-up and imports leave the chain's critical path.

:class:`KernelPool` keeps one kernel ahead; its kernels are forked by a
template process that imported ipykernel, pandas, the twin and the labkit
modules the notebooks import, once (labkit/kernel_template.py).  The
papermill engine :data:`ENGINE_NAME` (papermill's own extension point,
``papermill_engines.register``) hands the kernel to papermill's notebook
client in place of a cold one.  Every runbook still runs in a fresh kernel of
its own: a kernel serves one notebook and is shut down after it, and no code
runs in a kernel before the notebook's first cell (its execution counts start
at 1, its namespace holds only what IPython puts there).

No kernel outlives ``labkit run``: :meth:`KernelPool.close` shuts down the
kernel ahead (cancelling its start if it is still starting), waits for the
used ones to stop and ends the template; if
``labkit run`` is killed, the template sees its standard input close and
exits, and the kernels it forked end with it (labkit.kernel_template).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import os
import threading
import time
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager

from labkit.kernel_template import TemplateProcess
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines
from papermill.utils import merge_kwargs, remove_args

ENGINE_NAME = "labkit-ahead"

log = logging.getLogger(__name__)

# A kernel ahead that dies before it answers is started again, on new ports: jupyter_client
# picks free ports and writes them into the connection file, and the kernel binds them later,
# so another process binding one meanwhile ends the kernel ("Address already in use"; seen
# with several chains running at once).  No notebook has run in it: nothing is lost.
START_ATTEMPTS = 3

def notebook_imports(notebook: Path) -> set[str]:
    """The labkit modules ``notebook``'s cells import (and matplotlib's pyplot
    where it draws: labkit.report imports it on first use, when a figure is drawn)."""
    import ast

    import nbformat

    modules: set[str] = set()
    draws = False
    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        source = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules.add(node.module)
                draws = draws or (node.module == "labkit.report" and any(a.name.endswith("_figure") for a in node.names))
    found = {m for m in modules if m.split(".")[0] == "labkit"}
    if draws:
        found.add("matplotlib.pyplot")
    return found


class KernelPool:
    """A kernel of ``kernel_name`` for each of ``notebooks``, each started
    while the one before it serves its notebook."""

    def __init__(self, kernel_name: str, *, cwd: Path, notebooks: list[Path], start_timeout: float = 120.0,
                 template: TemplateProcess | None = None) -> None:
        from labkit.kernel_template import PRELOAD, forking_manager_class

        self.kernel_name = kernel_name
        self.cwd = str(Path(cwd).resolve())
        self.start_timeout = start_timeout
        self._template: TemplateProcess | None = template
        self._manager_classes: list[type[AsyncKernelManager]] = [AsyncKernelManager] * len(notebooks)
        if hasattr(os, "fork"):   # POSIX; elsewhere kernels start as papermill starts them, one ahead
            if self._template is None:
                self._template = TemplateProcess(PRELOAD, cwd=self.cwd, env=dict(os.environ))
            needs = [sorted(notebook_imports(n) - set(PRELOAD)) for n in notebooks]
            self._manager_classes = [forking_manager_class(self._template, need, (needs[i + 1:] or [[]])[0],
                                                           list(dict.fromkeys(m for later in needs[i + 2:] for m in later)))
                                     for i, need in enumerate(needs)]
        self.waits: list[float] = []          # seconds each notebook waited for its kernel (benchmarks/chain.py)
        self._remaining = len(notebooks)
        self._closed = False
        self._stopping: list[concurrent.futures.Future[None]] = []
        # Kernel managers live on one event loop of their own (a jupyter_client
        # manager belongs to the loop it was started on).
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="labkit-kernels", daemon=True)
        self._thread.start()
        self._next: concurrent.futures.Future[AsyncKernelManager] | None = None
        self._starting: asyncio.Task[AsyncKernelManager] | None = None   # the start in progress (on the loop)
        self._start_next()

    def _start_next(self) -> None:
        self._next = None
        if self._remaining > 0 and not self._closed:
            manager_class = self._manager_classes[-self._remaining]
            self._remaining -= 1
            self._next = asyncio.run_coroutine_threadsafe(self._start(manager_class), self._loop)

    async def _start(self, manager_class: type[AsyncKernelManager]) -> AsyncKernelManager:
        self._starting = asyncio.current_task()
        for attempt in range(1, START_ATTEMPTS + 1):
            km = manager_class(kernel_name=self.kernel_name)
            try:
                await km.start_kernel(cwd=self.cwd, env=dict(os.environ))
                # Ready means it answers (ipykernel set up its shell): that too happens ahead.
                kc = km.client()
                try:
                    kc.start_channels(hb=False)
                    await kc.wait_for_ready(timeout=self.start_timeout)
                finally:
                    kc.stop_channels()
            except Exception:
                died = km.has_kernel and not await km.is_alive()
                await _stop(km, now=True)
                if died and attempt < START_ATTEMPTS:
                    log.info("a kernel died as it started (attempt %d); starting another", attempt)
                    continue
                raise
            except BaseException:   # cancelled by close(): stop what was started
                await _stop(km, now=True)
                raise
            return km
        raise AssertionError("unreachable")

    def take(self) -> AsyncKernelManager:
        """The kernel ahead (waiting for it if need be); the next one starts."""
        if self._next is None:
            raise RuntimeError("no kernel left in the pool")
        started = time.perf_counter()
        km = self._next.result()
        self.waits.append(time.perf_counter() - started)
        self._start_next()
        return km

    def retire(self, km: AsyncKernelManager) -> None:
        """Shut down a kernel that served its notebook, gracefully (its atexit
        handlers run, as when papermill shuts down its own kernel), in the
        background; :meth:`close` waits for it."""
        self._stopping.append(asyncio.run_coroutine_threadsafe(_stop(km, now=False), self._loop))

    def close(self) -> None:
        """Shut down the kernel ahead (cancelling its start if it is still starting: Ctrl-C early in
        ``labkit run`` waited for the template's imports and the kernel's start, under load for minutes)
        and wait until every kernel has stopped."""
        if self._closed:
            return
        self._closed = True
        pending, self._next = self._next, None
        cancelled = pending is not None and not pending.done()
        if pending is not None:
            self._stopping.append(asyncio.run_coroutine_threadsafe(
                self._cancel_start(pending) if cancelled else _discard(pending), self._loop))
        for f in self._stopping:
            try:
                f.result()
            except Exception as e:  # a kernel that would not stop is logged, the others still stop
                log.warning("a kernel did not shut down cleanly: %s", e)
        if self._template is not None:
            # A start cancelled while the template still imports (or forks) would wait for it: the
            # template is ended at once instead (every kernel it forked has stopped by now, and one
            # it forks as it is killed dies with it: labkit.kernel_template).
            self._template.close(now=cancelled)
        # A cancelled start's fork waits for the template's answer in a worker thread: it has it now.
        asyncio.run_coroutine_threadsafe(self._loop.shutdown_default_executor(), self._loop).result()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()

    async def _cancel_start(self, pending: concurrent.futures.Future[AsyncKernelManager]) -> None:
        """Cancel the start in progress; wait until it has stopped what it started (or, if it
        finished meanwhile, stop the kernel it started)."""
        task = self._starting
        if task is not None and not task.done():
            task.cancel()
        try:
            await _discard(pending)
        except BaseException:   # cancelled: it stopped its kernel itself
            pass


async def _discard(pending: concurrent.futures.Future[AsyncKernelManager]) -> None:
    """Stop a kernel that is still starting or waits unused."""
    try:
        km = await asyncio.wrap_future(pending)
    except Exception:
        return  # it failed to start and was stopped then
    await _stop(km, now=True)


async def _stop(km: AsyncKernelManager, *, now: bool) -> None:
    # As nbclient's NotebookClient._async_cleanup_kernel does for its own kernels.
    try:
        if await km.is_alive():
            await km.shutdown_kernel(now=now)
    except RuntimeError as e:
        if "No kernel is running!" not in str(e):
            raise
    finally:
        await km.cleanup_resources()


_pool: KernelPool | None = None
last_waits: list[float] = []   # the last pool's waits, for benchmarks/chain.py


def start_ahead(kernel_name: str, *, cwd: Path, notebooks: list[Path], template: TemplateProcess | None = None) -> KernelPool:
    """Start the pool that :data:`ENGINE_NAME` takes its kernels from, one kernel for each of ``notebooks``,
    forked by ``template`` (started earlier by :func:`labkit.kernel_template.start_template`; the pool ends it)."""
    global _pool
    try:
        _pool = KernelPool(kernel_name, cwd=cwd, notebooks=notebooks, template=template)
    except BaseException:
        if template is not None:
            template.close(now=True)
        raise
    return _pool


def stop_ahead() -> None:
    global _pool, last_waits
    pool, _pool = _pool, None
    if pool is not None:
        pool.close()
        last_waits = pool.waits


# Papermill writes the whole output notebook (validated, as JSON) when each
# cell starts and when it completes: a third of `labkit run`'s own CPU.  On
# the pool's kernels, while cells run, it is written at most this often; it
# is still written when the notebook starts, when a cell fails and when the
# notebook ends (and papermill writes the final notebook after that).
SAVE_EVERY_S = 5.0


class _FewerSaves(NotebookExecutionManager):
    """Papermill's execution manager, writing the notebook at most every
    :data:`SAVE_EVERY_S` seconds between the start, a failure and the end."""

    _always = True

    def save(self, **kwargs: Any) -> None:
        if self._always or (self.now() - self.last_save_time).total_seconds() >= SAVE_EVERY_S:
            super().save(**kwargs)

    def notebook_start(self, **kwargs: Any) -> None:
        super().notebook_start(**kwargs)
        self._always = False

    def cell_exception(self, cell: Any, cell_index: int | None = None, **kwargs: Any) -> None:
        self._always = True
        super().cell_exception(cell, cell_index, **kwargs)

    def notebook_complete(self, **kwargs: Any) -> None:
        self._always = True
        super().notebook_complete(**kwargs)


class AheadEngine(NBClientEngine):
    """Papermill's nbclient engine, on a kernel of the pool (if one is
    started for this kernel name; otherwise exactly papermill's engine)."""

    @classmethod
    def execute_notebook(cls, nb: Any, kernel_name: str, output_path: str | None = None, progress_bar: bool = True,
                         log_output: bool = False, autosave_cell_every: int = 30, **kwargs: Any) -> Any:
        if _pool is None or _pool.kernel_name != kernel_name:
            return super().execute_notebook(nb, kernel_name, output_path=output_path, progress_bar=progress_bar,
                                            log_output=log_output, autosave_cell_every=autosave_cell_every, **kwargs)
        # papermill's Engine.execute_notebook, with the manager that writes less often.
        nb_man = _FewerSaves(nb, output_path=output_path, progress_bar=progress_bar, log_output=log_output,
                             autosave_cell_every=autosave_cell_every)
        nb_man.notebook_start()
        try:
            cls.execute_managed_notebook(nb_man, kernel_name, log_output=log_output, **kwargs)
        finally:
            nb_man.cleanup_pbar()
            nb_man.notebook_complete()
        return nb_man.nb

    @classmethod
    def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, log_output: bool = False,
                                 stdout_file: Any = None, stderr_file: Any = None, start_timeout: int = 60,
                                 execution_timeout: int | None = None, **kwargs: Any) -> Any:
        pool = _pool
        if pool is None or pool.kernel_name != kernel_name:
            return super().execute_managed_notebook(
                nb_man, kernel_name, log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file,
                start_timeout=start_timeout, execution_timeout=execution_timeout, **kwargs)
        # The arguments as NBClientEngine.execute_managed_notebook builds them.
        kwargs = remove_args(["input_path"], **kwargs)
        safe_kwargs = remove_args(["timeout", "startup_timeout"], **kwargs)
        final_kwargs = merge_kwargs(
            safe_kwargs,
            timeout=execution_timeout if execution_timeout else kwargs.get("timeout"),
            startup_timeout=start_timeout,
            kernel_name=kernel_name,
            log=logging.getLogger("papermill"),
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
        )
        km = pool.take()
        client = PapermillNotebookClient(nb_man, km=km, **final_kwargs)
        try:
            return client.execute()
        finally:
            if client.kc is not None:
                client.kc.stop_channels()
            pool.retire(km)


papermill_engines.register(ENGINE_NAME, AheadEngine)
