"""The twin state's SQLite connection kept open between scripts.

A kernel runs a runbook's steps one after the other, each one read and one
commit of the store (:mod:`labkit.twin.store`).  Opening the state file for
each (connect, the PRAGMAs, the schema script) and closing it (the last
connection to a WAL database checkpoints it and deletes the WAL) was most of
a step's time.  So the main thread keeps its connection to each state file
open between :meth:`Store.connected` blocks, and hands it out again only
while it is still a connection to the file at that path:

- the file is still the one it opened (same device and inode: the open
  connection keeps the inode from being reused, so a state folder deleted or
  a damaged file set aside and made anew is a different file);
- in the process that opened it (a connection is not carried across fork:
  https://www.sqlite.org/howtocorrupt.html#_carrying_an_open_database_connection_across_a_fork_);
- not in use already (a nested block gets a connection of its own, as before);
- with no transaction left open (else it is closed);
- one of the last :data:`KEEP_AT_MOST` state files used (the older ones are closed).

Other threads (``labkit twin serve``'s request threads) open and close a
connection per block, as before.  Kept connections are closed at exit, so an
orderly exit still checkpoints the WAL into the database file.
"""

from __future__ import annotations

import atexit
import os
import sqlite3
import threading
from pathlib import Path

Identity = tuple[int, int]

# A kernel or a command uses one lab state; a process that goes through many (the test suite)
# keeps only the last few open (each holds three files: the database, its WAL and shared memory).
KEEP_AT_MOST = 4

# Per state file (its absolute path): the connection, the file it opened, the process that opened it.
_kept: dict[str, tuple[sqlite3.Connection, Identity, int]] = {}


def identity(path: Path) -> Identity | None:
    """The file at ``path`` now (device, inode); None when there is none."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _keeps() -> bool:
    return threading.current_thread() is threading.main_thread()


def take(path: Path) -> tuple[sqlite3.Connection, Identity] | None:
    """The kept connection to the state file at ``path`` (no longer kept until :func:`release`), or None."""
    if not _keeps():
        return None
    entry = _kept.pop(os.path.abspath(path), None)
    if entry is None:
        return None
    conn, ident, pid = entry
    if pid != os.getpid():
        return None   # opened before a fork: the parent's, not to be used (nor closed) here
    if identity(path) != ident:
        _close(conn)
        return None
    return conn, ident


def release(path: Path, conn: sqlite3.Connection, ident: Identity | None, *, clean: bool) -> None:
    """A block using ``conn`` ended (``clean``: without an exception): keep it for the next
    block, or close it.  ``ident``: the file at ``path`` before ``conn`` opened it."""
    key = os.path.abspath(path)
    if clean and ident is not None and _keeps() and key not in _kept and not conn.in_transaction:
        while len(_kept) >= KEEP_AT_MOST:
            forget(Path(next(iter(_kept))))
        _kept[key] = (conn, ident, os.getpid())
    else:
        _close(conn)


def forget(path: Path) -> None:
    """Close the kept connection to ``path`` (before the file is moved away)."""
    entry = _kept.pop(os.path.abspath(path), None)
    if entry is not None and entry[2] == os.getpid():
        _close(entry[0])


def _close(conn: sqlite3.Connection) -> None:
    try:
        conn.close()
    except sqlite3.Error:
        pass


@atexit.register
def _close_all() -> None:
    for key in list(_kept):
        forget(Path(key))
