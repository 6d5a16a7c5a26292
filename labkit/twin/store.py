"""Durable twin state: one SQLite file in the state directory (default ``.lab/``).

Each notebook runs in its own kernel, so the world lives on disk.  The store
holds the world document (``World.to_doc()`` JSON), the lab it was made from
and a run log.  :meth:`Store.transaction` is one read-modify-write
transaction under ``BEGIN IMMEDIATE``: writers are serialized (the busy
timeout makes the others wait), a crash at any instant leaves the last
committed state (SQLite's journal), and an exception inside the block rolls
back.  A PowerShell error is *not* an exception here: the session commits
what a script changed before it failed, as a real server keeps it.

:meth:`Store.read` and :meth:`Store.commit_if` are the optimistic pair the
session runs scripts with: read the committed world without the write lock,
run, then commit under the lock only if no other writer committed meanwhile
(or the script changed nothing).  So a long script never holds the lock while
it runs, and readers never wait for writers.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from labkit.lab import Lab
from labkit.twin import store_connections
from labkit.twin.errors import TwinError
from labkit.twin.world import World

DB_NAME = "twin.sqlite"
SCHEMA_VERSION = 1
BUSY_TIMEOUT_S = 120.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS state (id INTEGER PRIMARY KEY CHECK (id = 1), generation INTEGER NOT NULL,
                                  lab TEXT NOT NULL, lab_source TEXT NOT NULL, world TEXT NOT NULL, updated REAL NOT NULL);
CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY AUTOINCREMENT, host TEXT NOT NULL, script_sha256 TEXT NOT NULL,
                                 label TEXT NOT NULL DEFAULT '', clock_start REAL NOT NULL, clock_end REAL NOT NULL,
                                 ok INTEGER NOT NULL, errors INTEGER NOT NULL DEFAULT 0, wall_seconds REAL NOT NULL,
                                 at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS checkpoints (section INTEGER PRIMARY KEY, name TEXT NOT NULL, generation INTEGER NOT NULL,
                                        lab TEXT NOT NULL, lab_source TEXT NOT NULL, world TEXT NOT NULL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS progress (section INTEGER PRIMARY KEY, name TEXT NOT NULL, at REAL NOT NULL);
"""


class StoreError(TwinError):
    """The state directory cannot be used; the message says why and what to do."""


class OlderState(StoreError):
    """A world (or lab) an older labkit saved, in a shape this one no longer reads."""


@dataclass
class Snapshot:
    """The committed state as :meth:`Store.read` found it (world still as its JSON text)."""

    generation: int
    lab: Lab
    world_json: str


@dataclass
class RunRecord:
    host: str
    script_sha256: str
    clock_start: float
    clock_end: float
    ok: bool
    errors: int = 0
    wall_seconds: float = 0.0
    label: str = ""


class Transaction:
    """The world and lab of one transaction; ``log`` adds a run record."""

    def __init__(self, world: World, lab: Lab, generation: int, created: bool):
        self.world, self.lab, self.generation, self.created = world, lab, generation, created
        self.runs: list[RunRecord] = []

    def log(self, record: RunRecord) -> None:
        self.runs.append(record)


def _lab_doc(lab: Lab) -> str:
    return json.dumps(lab.to_dict(), sort_keys=True, default=str)


def _first_problem(e: ValueError) -> str:
    """What a document that no longer fits breaks first (pydantic's errors, a LabError's issues, or the text)."""
    problems = [f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in e.errors()] if hasattr(e, "errors") \
        else [str(i) for i in getattr(e, "issues", [])] or [str(e)]
    return problems[0] + (f" and {len(problems) - 1} more" if len(problems) > 1 else "")


def stored_world(text: str, saved: str, todo: str) -> World:
    """A world document as this labkit reads it.  One that no longer fits (``saved`` by an older labkit,
    before the world's shape changed) is an OlderState error that says so, what breaks and what ``todo``."""
    try:
        return World.from_doc(json.loads(text))
    except ValueError as e:  # pydantic's ValidationError and JSONDecodeError are ValueErrors
        raise OlderState(f"{saved} was saved by an older labkit: its world no longer fits this version "
                         f"({_first_problem(e)}); {todo}") from None


class Store:
    def __init__(self, state_dir: str | Path = ".lab"):
        self.dir = Path(state_dir)
        self.path = self.dir / DB_NAME

    # -- connection ---------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"cannot create the twin state directory {self.dir}: {e}; pass --state DIR with a writable directory") from None
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as e:
            raise self._error(e) from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            # Turning a new file to WAL takes the exclusive lock without calling the busy handler,
            # so a second process opening the same new state at once gets SQLITE_BUSY: wait here.
            _waiting_out_locks(lambda: conn.execute("PRAGMA journal_mode = WAL"))
            # In WAL mode NORMAL keeps the database consistent after any crash, and a commit survives
            # an application crash (SIGKILL: tests/test_twin_store.py); only a power loss or an OS
            # crash may roll back the last commits.  FULL fsynced the WAL on every commit.
            # https://www.sqlite.org/pragma.html#pragma_synchronous  https://www.sqlite.org/wal.html
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.executescript(_SCHEMA)
        except sqlite3.Error as e:
            conn.close()
            raise self._error(e) from None
        return conn

    def _error(self, e: sqlite3.Error) -> StoreError:
        """A StoreError that says what is wrong with the state and what to do."""
        text = str(e)
        if isinstance(e, sqlite3.DatabaseError) and ("not a database" in text or "malformed" in text or "corrupt" in text):
            return StoreError(f"the twin state {self.path} is damaged ({text}); run `labkit twin reset --state {self.dir}` "
                              "to start over (the damaged file is kept beside it)")
        if "readonly" in text or "read-only" in text or "unable to open" in text or "disk I/O" in text:
            return StoreError(f"cannot write the twin state {self.path} ({text}); make {self.dir} writable or pass "
                              "--state DIR with a writable directory")
        return StoreError(f"cannot use the twin state {self.path}: {text}")

    def set_aside(self) -> Path | None:
        """Move a damaged state file (and its journal) aside; the path it went to, or None."""
        if not self.path.exists():
            return None
        store_connections.forget(self.path)
        aside = self.path.with_name(f"{DB_NAME}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            os.replace(self.path, aside)
            for suffix in ("-wal", "-shm"):
                extra = self.path.with_name(DB_NAME + suffix)
                if extra.exists():
                    os.replace(extra, aside.with_name(aside.name + suffix))
        except OSError as e:
            raise StoreError(f"cannot move the damaged twin state {self.path} aside: {e}") from None
        return aside

    def healthy(self) -> bool:
        """Whether the state file opens as a twin state (True when there is none yet)."""
        if not self.path.is_file():
            return True
        try:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, isolation_level=None)
            try:
                ok = conn.execute("PRAGMA quick_check").fetchone()
                conn.execute("SELECT count(*) FROM state").fetchone()
            finally:
                conn.close()
        except sqlite3.DatabaseError as e:
            return "not a database" not in str(e) and "malformed" not in str(e) and "no such table" not in str(e)
        return bool(ok) and ok[0] == "ok"

    @property
    def exists(self) -> bool:
        if not self.path.is_file():
            return False
        with self.connected() as conn:
            return conn.execute("SELECT 1 FROM state WHERE id = 1").fetchone() is not None

    def _missing(self) -> StoreError:
        return StoreError(f"no twin state in {self.dir} yet; run `labkit twin reset --state {self.dir}` or any step to create it")

    # -- transactions ---------------------------------------------------------------------
    @contextmanager
    def transaction(self, lab: Lab | None = None, *, fresh: bool = False) -> Iterator[Transaction]:
        """Load (or create) the world, yield it, save and commit; roll back on an exception.

        ``lab``: the lab of a new store (default: the built-in lab).  For an
        existing store it must be the lab the store was made from (else
        :class:`StoreError`: reset the state with that lab).  ``fresh``
        replaces the world with ``World.from_lab(lab)``.
        """
        with self.locked() as conn:
            row = conn.execute("SELECT generation, lab, lab_source, world FROM state WHERE id = 1").fetchone()
            created = row is None or fresh
            if created:
                lab = lab or Lab.load(None)
                world = World.from_lab(lab)
                generation = (row[0] if row else 0) + 1
            else:
                generation, lab_json, lab_source, world_text = row
                lab = self._stored_lab(lab_json, lab_source, lab)
                world = self.world_of(world_text)
            txn = Transaction(world, lab, generation, created)
            yield txn
            doc = world_json(txn.world)
            self._write(conn, generation + (0 if created else 1), txn.lab, doc, txn.runs)
            if created:
                # A fresh world has done no section yet (the checkpoints stay: `labkit run --from N` restores them).
                conn.execute("DELETE FROM progress")

    @contextmanager
    def locked(self) -> Iterator[sqlite3.Connection]:
        """A connection in a transaction under ``BEGIN IMMEDIATE`` (the write lock): committed when the
        block ends (unless it rolled back itself), rolled back when it raises; SQLite's errors as StoreError."""
        with self.connected() as conn:
            try:
                self._begin(conn)
                yield conn
                if conn.in_transaction:
                    conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    @contextmanager
    def connected(self) -> Iterator[sqlite3.Connection]:
        """A connection to the state (reads need no lock: WAL); SQLite's errors as StoreError.
        The main thread's connection stays open for its next block (:mod:`labkit.twin.store_connections`:
        a kernel runs many scripts); other threads' are closed when the block ends."""
        kept = store_connections.take(self.path)
        if kept is not None:
            conn, ident = kept
        else:
            ident = store_connections.identity(self.path)   # before connecting: a file made meanwhile is not kept
            conn = self._connect()
        clean = False
        try:
            yield conn
            clean = True
        except sqlite3.Error as e:
            raise self._error(e) from None
        finally:
            store_connections.release(self.path, conn, ident, clean=clean)

    @staticmethod
    def _write(conn: sqlite3.Connection, generation: int, lab: Lab, doc: str | None, runs: list[RunRecord]) -> None:
        if doc is not None:
            conn.execute(
                "INSERT INTO state (id, generation, lab, lab_source, world, updated) VALUES (1, ?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET generation = excluded.generation, lab = excluded.lab, "
                "lab_source = excluded.lab_source, world = excluded.world, updated = excluded.updated",
                (generation, _lab_doc(lab), lab.source, doc, time.time()))
        for r in runs:
            conn.execute(
                "INSERT INTO runs (host, script_sha256, label, clock_start, clock_end, ok, errors, wall_seconds, at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (r.host, r.script_sha256, r.label, r.clock_start, r.clock_end, int(r.ok), r.errors, r.wall_seconds, time.time()))

    def read(self, lab: Lab | None = None) -> Snapshot | None:
        """The committed state, read without the write lock; None when there is none yet.

        ``lab`` as for :meth:`transaction` (a different lab raises StoreError)."""
        if not self.path.is_file():
            return None
        with self.connected() as conn:
            row = conn.execute("SELECT generation, lab, lab_source, world FROM state WHERE id = 1").fetchone()
        if row is None:
            return None
        generation, lab_json, lab_source, world_text = row
        return Snapshot(generation, self._stored_lab(lab_json, lab_source, lab), world_text)

    def _stored_lab(self, lab_json: str, lab_source: str, lab: Lab | None) -> Lab:
        """The lab the state was made from; a StoreError when it is not ``lab`` (if given) or no longer reads."""
        try:
            stored = Lab.from_dict(json.loads(lab_json), source=lab_source)
        except ValueError as e:  # LabError, JSONDecodeError
            raise OlderState(
                f"the twin state in {self.dir} was saved by an older labkit: the lab it was made from ({lab_source}) no longer "
                f"reads ({_first_problem(e)}); run `labkit twin reset --state {self.dir} --lab FILE` to start over") from None
        if lab is not None and _lab_doc(lab) != _lab_doc(stored):   # both as this labkit reads them
            raise StoreError(
                f"the twin state in {self.dir} was made from lab {stored.name!r} ({lab_source}), not from "
                f"{lab.name!r} ({lab.source}); run `labkit twin reset --state {self.dir} --lab FILE` to start over with it")
        return stored

    def world_of(self, world_text: str) -> World:
        """The committed world document (a :class:`Snapshot`'s ``world_json``) as a World."""
        return stored_world(world_text, f"the twin state in {self.dir}",
                            f"run `labkit twin reset --state {self.dir}` to start over with a fresh world")

    def commit_if(self, base: Snapshot, world: World, runs: list[RunRecord]) -> bool:
        """Commit ``world`` (read from ``base``) and ``runs``; False, committing nothing, when another
        writer committed since ``base`` and ``world`` differs from it (the caller runs again under the lock)."""
        doc = world_json(world)
        changed = doc != base.world_json
        with self.locked() as conn:
            row = conn.execute("SELECT generation FROM state WHERE id = 1").fetchone()
            if changed and (row is None or row[0] != base.generation):
                conn.execute("ROLLBACK")
                return False
            self._write(conn, base.generation + 1, base.lab, doc if changed else None, runs)
            return True

    @staticmethod
    def _begin(conn: sqlite3.Connection) -> None:
        _waiting_out_locks(lambda: conn.execute("BEGIN IMMEDIATE"))

    def snapshot(self) -> tuple[World, Lab, int]:
        """A read-only copy of the committed state (world, lab, generation)."""
        snap = self.read()
        if snap is None:
            raise self._missing()
        return self.world_of(snap.world_json), snap.lab, snap.generation

    def runs(self, limit: int = 50) -> list[dict[str, Any]]:
        if not self.path.is_file():
            raise self._missing()
        with self.connected() as conn:
            cur = conn.execute("SELECT id, host, script_sha256, label, clock_start, clock_end, ok, errors, wall_seconds, at "
                               "FROM runs ORDER BY id DESC LIMIT ?", (limit,))
            cols = [d[0] for d in cur.description]
            return [dict(zip(cols, r)) for r in cur.fetchall()]


def _waiting_out_locks(statement: Callable[[], object]) -> None:
    """Run ``statement``, again while SQLite says the database is locked or busy (the cases where it
    does not call the busy handler itself), for at most BUSY_TIMEOUT_S."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            statement()
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) and "busy" not in str(e):
                raise
            if time.monotonic() > deadline:
                raise StoreError(f"the twin state is locked by another process for over {BUSY_TIMEOUT_S:.0f} s") from None
            time.sleep(0.01)


def world_json(world: World) -> str:
    """The world document as the store keeps it."""
    return json.dumps(world.to_doc(), separators=(",", ":"), default=_json_default)


def _json_default(value: Any) -> Any:
    from datetime import datetime

    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"the world document holds a {type(value).__name__} ({value!r}), which JSON cannot store; "
                    "store plain str/int/float/bool/list/dict in World docs")
