"""A template process that forks kernels with labkit already imported.

Importing pandas, IPython/ipykernel and the twin costs a fresh kernel about
two seconds of CPU; eight runbooks paid it eight times.  The template imports
all that once (nothing runs: no runbook code, no kernel, no thread) and forks
one kernel per request: each kernel is a new process with a fresh IPython
namespace, sharing the imported modules copy-on-write.

:class:`ForkingKernelManager` is jupyter_client's ``AsyncKernelManager``
whose ``_async_launch_kernel`` (the documented place to "launch kernel
subprocesses differently") asks the template for the kernel instead of
starting ``python -m ipykernel_launcher``: the same kernel spec arguments,
environment, working folder and connection file.

Lifetimes: the template exits when its standard input closes (``labkit
run`` ended or was killed); every kernel it forked gets
``JPY_PARENT_PID``/``--IPKernelApp.parent_handle`` set to the template, so
ipykernel's parent poller ends the kernel when the template is gone (on
Linux the kernel is killed with it at once: PR_SET_PDEATHSIG).

    python -m labkit.kernel_template MODULE...   # the template (started by TemplateProcess)
"""

from __future__ import annotations

import asyncio
import functools
import gc
import importlib
import json
import os
import select
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Callable

# Pure, run-independent work done once in the template: the twin's cmdlet
# signatures and the parse of every shipped step script (both cached by the twin).
# ipykernel.debugger (debugpy) is what every kernel imported as it started (IPythonKernel's
# debugger_class), after the fork: imported here once (a kernel's IPKernelApp.initialize took
# 0.09-0.10 s of CPU, 0.03 s with it preloaded).
PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.debugger", "labkit.notebook", "labkit.twin.session")


class _InAKernel:
    """What ``get_ipython()`` answers in a Jupyter kernel, as far as a module's
    import looks: pandas sets ``display.max_columns`` to 20 in a kernel and to
    0 (fit the terminal) elsewhere (pandas.core.config_init.is_terminal)."""

    kernel = None


def _preload(modules: list[str]) -> None:
    # The modules are imported as they would be in the kernel: there a cell's
    # import finds IPython's get_ipython() among the builtins.
    import builtins

    builtins.get_ipython = lambda: _InAKernel  # type: ignore[attr-defined]
    try:
        for name in modules:
            try:
                importlib.import_module(name)
            except Exception:   # the notebook's own import then fails in its cell, with the usual message
                pass
    finally:
        del builtins.get_ipython  # type: ignore[attr-defined]


def _twin_cache_work() -> list[Callable[[], object]]:
    """The twin's caches, filled a piece at a time: its cmdlet signatures, then the parse of
    each shipped step script."""
    from labkit import steps
    from labkit.twin.parser import parse
    from labkit.twin.signatures import signatures

    from labkit import display_warmup

    return [signatures, *(functools.partial(lambda name: parse(steps.script(name)), name) for name in steps.names()),
            display_warmup.code_highlighting]


# What a module's import does first, in pieces the template imports one at a time while it is
# idle, so that a kernel asked for meanwhile waits for one piece at most, not for the whole
# import (matplotlib.pyplot takes a second or more: kernel 3 waited for it while runbook 2 ran).
# Importing a piece early only moves that part of the import earlier; a piece an installed
# matplotlib lacks is skipped (the module's own import follows).
IMPORT_PIECES = {
    "matplotlib.pyplot": ("matplotlib", "matplotlib.colors", "matplotlib.backend_bases", "matplotlib.image",
                          "matplotlib.axes", "matplotlib.projections", "matplotlib.figure", "matplotlib.pyplot"),
}

# What the template does once a module is imported, while idle (labkit.display_warmup): the first use's
# caches, which the kernels forked after it find filled.
WARM_UPS = {"matplotlib.pyplot": "figures"}


def _warm_up(name: str) -> None:
    from labkit import display_warmup

    getattr(display_warmup, name)()


def _die_with(parent: int) -> None:
    """Have the kernel killed when the template that forked it ends, at once (Linux's
    PR_SET_PDEATHSIG, https://man7.org/linux/man-pages/man2/prctl.2.html): a kernel
    forked just as ``labkit run`` kills the template (Ctrl-C while it starts) has no
    one left who knows its pid.  Elsewhere ipykernel's parent poller ends it (within
    a second)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    PR_SET_PDEATHSIG = 1
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:   # the template ended before the call
        os._exit(1)


def _kernel(request: dict[str, Any], reply_fd: int, template: int) -> None:
    """In the forked child: become the kernel ``python -m ipykernel_launcher`` would be."""
    code = 1
    try:
        os.close(reply_fd)
        _die_with(template)
        os.setsid()   # as jupyter_client's launcher does (start_new_session): interrupts reach its group only
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        os.environ["JPY_PARENT_PID"] = str(os.getppid())
        sys.argv = [request["argv"][0], *request["argv"][1:], f"--IPKernelApp.parent_handle={os.getppid()}"]
        from ipykernel import kernelapp

        kernelapp.launch_new_instance()
        code = 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 0
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _reap(signum: int, frame: Any) -> None:
    """Wait for exited kernels (so that their CPU time counts as the template's children's)."""
    try:
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass
    except ChildProcessError:
        pass


def main() -> None:
    # As ipykernel_launcher does: the kernel's IPython puts the working folder back on sys.path.
    if sys.path and (sys.path[0] == "" or Path(sys.path[0]) == Path.cwd()):
        del sys.path[0]
    reply_fd = int(os.environ.pop("LABKIT_TEMPLATE_REPLY_FD"))
    # ipykernel reads JPY_PARENT_PID when its classes are defined: the template is the kernels' parent.
    os.environ["JPY_PARENT_PID"] = str(os.getpid())
    # matplotlib reads MPLBACKEND when imported; a kernel sets it so before any cell runs
    # (ipykernel.kernelapp.IPKernelApp.init_gui_pylab), so a preloaded matplotlib starts as in the kernel.
    if not os.environ.get("MPLBACKEND"):
        os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    # debugpy (imported with ipykernel.debugger) prints a warning about frozen modules to the template's
    # standard error, the terminal of labkit run, unless this is set (papermill's CLI sets it too,
    # papermill/cli.py).  The kernels' own environment is the request's.
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    # Ctrl-C is labkit run's to handle; EOF ends the template.  Ignored before the imports too:
    # a Ctrl-C in labkit run's first seconds printed the template's KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The first kernel waits for these imports: without the two or three full collections they set off
    # (0.03-0.14 s here).  Imports make little garbage; what they make lives on (gc.freeze below).
    gc.disable()
    try:
        _preload(sys.argv[1:])
    finally:
        gc.enable()
    signal.signal(signal.SIGCHLD, _reap)
    # Work for the idle template, done between requests, in small pieces: the twin's caches
    # (once the first kernel is forked), then what later kernels' notebooks import (once
    # the second is: its notebook waits for the first's).  Each piece: (kernels forked
    # before it may start, the work).
    idle: list[tuple[int, Callable[[], object]]] = [(1, work) for work in _twin_cache_work()]
    queued: set[str] = set()
    forked = 0
    with os.fdopen(reply_fd, "w") as reply:
        reply.write("ready\n")
        reply.flush()
        while True:
            # labkit run sends one request and waits for its answer: a request not yet
            # read is one select sees on standard input.
            while idle and forked >= idle[0][0] and not select.select([sys.stdin], [], [], 0)[0]:
                try:
                    idle.pop(0)[1]()
                except Exception:   # a cache not filled is filled by the kernel that needs it
                    pass
            line = sys.stdin.readline()
            if not line:
                break
            request = json.loads(line)
            # What this kernel's notebook imports beyond the common modules (if
            # not imported yet) ...
            _preload(request.get("modules", []))
            template = os.getpid()
            # What the template imported is the kernel's for good: frozen, a kernel's full garbage
            # collections skip it (one took 0.4 s of runbook 08) and leave its pages shared, as
            # https://docs.python.org/3/library/gc.html#gc.freeze advises before a fork().
            gc.freeze()
            pid = os.fork()
            if pid == 0:
                _kernel(request, reply_fd, template)
            gc.unfreeze()
            forked += 1
            reply.write(f"{pid}\n")
            reply.flush()
            # ... and, once it is forked, what the next kernel's notebook imports: done
            # while the notebook before this kernel's runs, before the next request;
            # what the ones after it import is done while the template is idle.
            _preload(request.get("next", []))
            for later in request.get("later", []):
                for piece in IMPORT_PIECES.get(later, (later,)):
                    if piece not in queued and piece not in sys.modules:
                        queued.add(piece)
                        idle.append((2, functools.partial(_preload, [piece])))
            for module in (*request.get("modules", []), *request.get("next", []), *request.get("later", [])):
                if module in WARM_UPS and f"warm {module}" not in queued:
                    queued.add(f"warm {module}")
                    idle.append((2, functools.partial(_warm_up, WARM_UPS[module])))
    # Standard input closed: no kernel is left to fork.  Exit at once: the
    # interpreter's orderly shutdown of everything imported (pandas, IPython,
    # the twin) took most of a second, on the chain's critical path at its end.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


class TemplateProcess:
    """The template, started from this Python with ``modules`` imported."""

    def __init__(self, modules: tuple[str, ...] = PRELOAD, *, cwd: str, env: dict[str, str]) -> None:
        read, write = os.pipe()
        self._lock = threading.Lock()
        # A process group of its own: a terminal's Ctrl-C is labkit run's to handle (even while
        # this Python starts, before it can ignore SIGINT); labkit run then closes its input.
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "labkit.kernel_template", *modules], stdin=subprocess.PIPE, text=True,
            cwd=cwd, env={**env, "LABKIT_TEMPLATE_REPLY_FD": str(write)}, pass_fds=(write,), process_group=0)
        os.close(write)
        self._reply = os.fdopen(read, "r")
        self._ready = False

    def fork(self, argv: list[str], env: dict[str, str], cwd: str, modules: list[str] | None = None,
             next_modules: list[str] | None = None, later_modules: list[str] | None = None) -> int:
        """A new kernel process (its pid): ``argv`` as given to ``python -m ipykernel_launcher``;
        ``modules`` are imported into the template first (its notebook imports them),
        ``next_modules`` (the next kernel's) after it is forked, ``later_modules``
        (the kernels' after that) whenever the template is idle."""
        with self._lock:
            if not self._ready:
                if self._reply.readline().strip() != "ready":
                    raise RuntimeError(f"the kernel template exited (code {self.proc.wait()}) before it was ready")
                self._ready = True
            assert self.proc.stdin is not None
            self.proc.stdin.write(json.dumps({"argv": argv, "env": env, "cwd": cwd, "modules": modules or [], "next": next_modules or [],
                                              "later": later_modules or []}) + "\n")
            self.proc.stdin.flush()
            answer = self._reply.readline().strip()
            if not answer.isdigit():
                raise RuntimeError(f"the kernel template exited (code {self.proc.wait()}) instead of starting a kernel")
            return int(answer)

    def close(self, *, now: bool = False) -> None:
        """End the template: it exits when its standard input closes (after the import or the
        preload it is busy with); ``now``: killed at once (nothing of it is waited for)."""
        if now:
            self.proc.kill()
        if self.proc.stdin is not None:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._reply.close()


_early: TemplateProcess | None = None   # started by start_early, not yet taken by start_template


def start_template(*, cwd: Path, env: dict[str, str]) -> TemplateProcess | None:
    """The kernels' template, started now (its imports take seconds) for the pool
    :func:`labkit.kernels.start_ahead` starts later; None where there is no fork.

    A template :func:`start_early` started for this process (the `labkit run` command, before it
    parsed its command line: labkit/launch.py) is handed over instead, if it still runs.  Its
    working folder and environment are those of that moment: neither reaches a kernel (each
    kernel goes to the folder and takes the environment its request gives), and no module the
    template imports reads labkit's variables (JUPYTER_PATH, LABKIT_STATE ...) as it is imported."""
    global _early
    early, _early = _early, None
    if early is not None:
        if early.proc.poll() is None:
            return early
        early.close(now=True)
    if not hasattr(os, "fork"):
        return None
    return TemplateProcess(PRELOAD, cwd=str(Path(cwd).resolve()), env=env)


def start_early(*, cwd: Path, env: dict[str, str]) -> None:
    """Start the template now, for the :func:`start_template` call this process makes later."""
    global _early
    if _early is None and hasattr(os, "fork"):
        _early = TemplateProcess(PRELOAD, cwd=str(Path(cwd).resolve()), env=env)


def discard_early() -> None:
    """End the template :func:`start_early` started if nothing took it (at once: it forked nothing)."""
    global _early
    early, _early = _early, None
    if early is not None:
        early.close(now=True)


class _Forked:
    """The ``subprocess.Popen`` face LocalProvisioner needs, for a kernel the template forked."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        import psutil

        self.pid = pid
        self.returncode: int | None = None
        try:
            self._proc: Any = psutil.Process(pid)
        except psutil.NoSuchProcess:
            self._proc, self.returncode = None, 0

    def poll(self) -> int | None:
        import psutil

        if self.returncode is None:
            try:
                if self._proc.status() == psutil.STATUS_ZOMBIE:
                    self.returncode = 0
            except psutil.NoSuchProcess:
                self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        import psutil

        if self.returncode is None:
            try:
                self._proc.wait(timeout)
            except psutil.NoSuchProcess:
                pass
            self.returncode = 0
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            try:
                os.kill(self.pid, signum)
            except ProcessLookupError:
                pass

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def _kill_late_kernel(forking: "asyncio.Future[int]") -> None:
    """A kernel forked for a start that was cancelled meanwhile: killed (the template reaps it)."""
    if forking.cancelled() or forking.exception() is not None:   # (the template was ended first)
        return
    try:
        os.kill(forking.result(), signal.SIGKILL)
    except ProcessLookupError:
        pass


def forking_manager_class(template: TemplateProcess, modules: list[str] | None = None,
                          next_modules: list[str] | None = None, later_modules: list[str] | None = None) -> type:
    """A kernel manager class whose kernels ``template`` forks, after importing ``modules``
    (``next_modules`` after forking, ``later_modules`` when idle: see :meth:`TemplateProcess.fork`)."""
    from jupyter_client.manager import AsyncKernelManager

    class ForkingKernelManager(AsyncKernelManager):
        """An AsyncKernelManager whose kernels the template forks."""

        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
            provisioner = self.provisioner
            assert provisioner is not None
            # kernel_cmd is the kernel spec's argv: python -m ipykernel_launcher -f FILE ...
            if kernel_cmd[:3] != [sys.executable, "-m", "ipykernel_launcher"]:
                return await super()._async_launch_kernel(kernel_cmd, **kw)
            env = {k: str(v) for k, v in (kw.get("env") or os.environ).items()}
            cwd = str(kw.get("cwd") or Path.cwd())
            # The template answers once its imports are done: waited for in a worker thread, so that
            # the event loop stays free and the start can be cancelled (labkit.kernels.KernelPool.close).
            forking = asyncio.get_running_loop().run_in_executor(None, functools.partial(
                template.fork, ["ipykernel_launcher", *kernel_cmd[3:]], env, cwd, modules, next_modules, later_modules))
            try:
                pid = await asyncio.shield(forking)
            except asyncio.CancelledError:
                forking.add_done_callback(_kill_late_kernel)
                raise
            provisioner.process = _Forked(pid)   # type: ignore[attr-defined]
            provisioner.pid, provisioner.pgid = pid, pid   # type: ignore[attr-defined]
            provisioner.cwd = cwd   # type: ignore[attr-defined]
            self._reconcile_connection_info(provisioner.connection_info)

    return ForkingKernelManager


if __name__ == "__main__":
    main()
