"""Where `twin serve` keeps its NTLM user file, and how it never outlives the server.

The folder is private (0700), named for the server's process id, and lives in
``/dev/shm`` when the machine has one (memory, never a disk) or else in the
temporary folder.  It is removed when the server stops, at interpreter exit
(:mod:`atexit`), and on SIGTERM and SIGHUP (the previous handler, if any, runs
after).  SIGKILL cannot be seen by any process: the next server removes the
folders whose process is gone (:func:`remove_stale`).
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import tempfile
import threading
from pathlib import Path
from types import FrameType
from typing import Any

PREFIX = "labkit-ntlm-"
_lock = threading.Lock()
_live: set[Path] = set()
_installed = False


def base_dir() -> Path:
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK | os.X_OK):
        return shm
    return Path(tempfile.gettempdir())


def private_dir() -> Path:
    """A new 0700 folder ``labkit-ntlm-<pid>-XXXX``."""
    d = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=base_dir()))
    os.chmod(d, 0o700)
    return d


def remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
    with _lock:
        _live.discard(path)


def remove_on_exit(path: Path) -> None:
    """Remove ``path`` at interpreter exit and on SIGTERM/SIGHUP, if nothing removed it before."""
    global _installed
    with _lock:
        _live.add(path)
        if _installed:
            return
        _installed = True
    atexit.register(_remove_all)
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGHUP):
            previous = signal.getsignal(sig)
            if previous in (signal.SIG_DFL, None):
                signal.signal(sig, _on_signal)


def _remove_all() -> None:
    with _lock:
        paths = list(_live)
        _live.clear()
    for p in paths:
        shutil.rmtree(p, ignore_errors=True)


def _on_signal(signum: int, frame: FrameType | None) -> Any:
    _remove_all()
    # Then die of the signal as before (the default action), so the exit status tells it.
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def remove_stale() -> list[Path]:
    """Remove the credential folders (of this user) whose server process is gone; the ones removed."""
    removed = []
    roots = {base_dir(), Path(tempfile.gettempdir())}
    for root in roots:
        try:
            entries = list(root.glob(PREFIX + "*"))
        except OSError:
            continue
        for d in entries:
            pid_text = d.name[len(PREFIX):].split("-", 1)[0]
            try:
                if not d.is_dir() or d.stat().st_uid != os.getuid():
                    continue
            except OSError:
                continue
            if not pid_text.isdigit() or _alive(int(pid_text)):
                continue  # a live server's, or not named for a process: left alone
            shutil.rmtree(d, ignore_errors=True)
            removed.append(d)
    return removed
