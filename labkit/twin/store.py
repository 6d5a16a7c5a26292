"""Durable twin state: one SQLite file in the state directory (default ``.lab/``).

Each notebook runs in its own kernel, so the world lives on disk.  The store
holds the world document (``World.to_doc()`` JSON), the lab it was made from
and a run log.  :meth:`Store.transaction` is one read-modify-write
transaction under ``BEGIN IMMEDIATE``: writers are serialized (the busy
timeout makes the others wait), a crash at any instant leaves the last
committed state (SQLite's journal), and an exception inside the block rolls
back.  A PowerShell error is *not* an exception here: the session commits
what a script changed before it failed, as a real server keeps it.
"""

from __future__ import annotations

import json
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from labkit.lab import Lab
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
            raise StoreError(f"cannot open the twin state {self.path}: {e}") from None
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.executescript(_SCHEMA)
        return conn

    @property
    def exists(self) -> bool:
        if not self.path.is_file():
            return False
        conn = self._connect()
        try:
            return conn.execute("SELECT 1 FROM state WHERE id = 1").fetchone() is not None
        finally:
            conn.close()

    # -- transactions ---------------------------------------------------------------------
    @contextmanager
    def transaction(self, lab: Lab | None = None, *, fresh: bool = False) -> Iterator[Transaction]:
        """Load (or create) the world, yield it, save and commit; roll back on an exception.

        ``lab``: the lab of a new store (default: the built-in lab).  For an
        existing store it must be the lab the store was made from (else
        :class:`StoreError`: reset the state with that lab).  ``fresh``
        replaces the world with ``World.from_lab(lab)``.
        """
        conn = self._connect()
        try:
            self._begin(conn)
            row = conn.execute("SELECT generation, lab, lab_source, world FROM state WHERE id = 1").fetchone()
            created = row is None or fresh
            if created:
                lab = lab or Lab.load(None)
                world = World.from_lab(lab)
                generation = (row[0] if row else 0) + 1
            else:
                generation, lab_json, lab_source, world_json = row
                stored = Lab.from_dict(json.loads(lab_json), source=lab_source)
                if lab is not None and _lab_doc(lab) != lab_json:
                    raise StoreError(
                        f"the twin state in {self.dir} was made from lab {stored.name!r} ({lab_source}), not from "
                        f"{lab.name!r} ({lab.source}); run `labkit twin reset --state {self.dir} --lab FILE` to start over with it")
                lab = stored
                world = World.from_doc(json.loads(world_json))
            txn = Transaction(world, lab, generation, created)
            yield txn
            doc = json.dumps(txn.world.to_doc(), separators=(",", ":"), default=_json_default)
            conn.execute(
                "INSERT INTO state (id, generation, lab, lab_source, world, updated) VALUES (1, ?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET generation = excluded.generation, lab = excluded.lab, "
                "lab_source = excluded.lab_source, world = excluded.world, updated = excluded.updated",
                (generation + (0 if created else 1), _lab_doc(txn.lab), txn.lab.source, doc, time.time()))
            if created:
                # A fresh world has done no section yet (the checkpoints stay: `labkit run --from N` restores them).
                conn.execute("DELETE FROM progress")
            for r in txn.runs:
                conn.execute(
                    "INSERT INTO runs (host, script_sha256, label, clock_start, clock_end, ok, errors, wall_seconds, at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (r.host, r.script_sha256, r.label, r.clock_start, r.clock_end, int(r.ok), r.errors, r.wall_seconds, time.time()))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            conn.close()

    @staticmethod
    def _begin(conn: sqlite3.Connection) -> None:
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) and "busy" not in str(e):
                    raise
                if time.monotonic() > deadline:
                    raise StoreError(f"the twin state is locked by another process for over {BUSY_TIMEOUT_S:.0f} s") from None
                time.sleep(0.01)

    def snapshot(self) -> tuple[World, Lab, int]:
        """A read-only copy of the committed state (world, lab, generation)."""
        conn = self._connect()
        try:
            row = conn.execute("SELECT generation, lab, lab_source, world FROM state WHERE id = 1").fetchone()
        finally:
            conn.close()
        if row is None:
            raise StoreError(f"no twin state in {self.dir} yet; run `labkit twin reset --state {self.dir}` or any step to create it")
        generation, lab_json, lab_source, world_json = row
        return World.from_doc(json.loads(world_json)), Lab.from_dict(json.loads(lab_json), source=lab_source), generation

    def runs(self, limit: int = 50) -> list[dict[str, Any]]:
        conn = self._connect()
        try:
            cur = conn.execute("SELECT id, host, script_sha256, label, clock_start, clock_end, ok, errors, wall_seconds, at "
                               "FROM runs ORDER BY id DESC LIMIT ?", (limit,))
            cols = [d[0] for d in cur.description]
            return [dict(zip(cols, r)) for r in cur.fetchall()]
        finally:
            conn.close()


def _json_default(value: Any) -> Any:
    from datetime import datetime

    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"the world document holds a {type(value).__name__} ({value!r}), which JSON cannot store; "
                    "store plain str/int/float/bool/list/dict in World docs")
