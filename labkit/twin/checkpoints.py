"""Checkpoints: the twin's lab as it was at the end of each section.

A runbook that passed its checks saves the world as checkpoint N (its
section number) and marks section N done in the current world's *progress*.
A fresh world has no progress (the checkpoints stay); restoring checkpoint N
puts that world back, with sections 1..N done.  So a student who skipped
sections 1-4 restores checkpoint 4 and starts at 5; `labkit run --from 5`
does it for them.

Both tables live in the store's SQLite file (:mod:`labkit.twin.store`) and
change under the same ``BEGIN IMMEDIATE`` lock as every run.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from labkit.twin.store import Store, StoreError, stored_world


@dataclass(frozen=True)
class Checkpoint:
    section: int
    name: str
    generation: int
    lab_name: str
    at: float


def save(state_dir: str | Path, section: int, name: str) -> bool:
    """Keep the committed world as checkpoint ``section``; mark the section
    done.  Later checkpoints go: they do not follow from this world.

    A lab that has already done a later section is ahead of this one (a
    student ran section 5 again after section 8): nothing is kept then, and
    the result is False."""
    store = Store(state_dir)
    with store.locked() as conn:
        row = conn.execute("SELECT generation, lab, lab_source, world FROM state WHERE id = 1").fetchone()
        if row is None:
            raise StoreError(f"no twin state in {store.dir} to keep as checkpoint {section}")
        if conn.execute("SELECT 1 FROM progress WHERE section > ?", (section,)).fetchone():
            conn.execute("ROLLBACK")
            return False
        now = time.time()
        conn.execute("INSERT OR REPLACE INTO checkpoints (section, name, generation, lab, lab_source, world, at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)", (section, name, *row, now))
        conn.execute("DELETE FROM checkpoints WHERE section > ?", (section,))
        conn.execute("INSERT OR REPLACE INTO progress (section, name, at) VALUES (?, ?, ?)", (section, name, now))
        return True


def listing(state_dir: str | Path) -> list[Checkpoint]:
    store = Store(state_dir)
    if not store.path.is_file():
        return []
    import json

    with store.connected() as conn:
        rows = conn.execute("SELECT section, name, generation, lab, at FROM checkpoints ORDER BY section").fetchall()
    return [Checkpoint(s, n, g, json.loads(lab).get("name", "?"), at) for s, n, g, lab, at in rows]


def done_sections(state_dir: str | Path) -> list[int]:
    """The sections done in the current world (empty for a fresh or missing one)."""
    store = Store(state_dir)
    if not store.path.is_file():
        return []
    with store.connected() as conn:
        return [r[0] for r in conn.execute("SELECT section FROM progress ORDER BY section").fetchall()]


def restore(state_dir: str | Path, section: int) -> Checkpoint:
    """Put checkpoint ``section``'s world back as the current one."""
    store = Store(state_dir)
    with store.locked() as conn:
        cp = conn.execute("SELECT name, lab, lab_source, world, generation FROM checkpoints WHERE section = ?", (section,)).fetchone()
        if cp is None:
            have = [str(r[0]) for r in conn.execute("SELECT section FROM checkpoints ORDER BY section")]
            raise StoreError(
                f"no checkpoint {section} in this lab state (it has {', '.join(have) or 'none'}): "
                f"`labkit run --until {section}` builds sections 1-{section} (`labkit run --from {section + 1}` builds them and goes on)")
        name, lab, lab_source, world, _ = cp
        stored_world(world, f"checkpoint {section} of the twin state in {store.dir}",
                     f"`labkit run --until {section}` builds sections 1-{section} again")
        row = conn.execute("SELECT generation FROM state WHERE id = 1").fetchone()
        generation = (row[0] if row else 0) + 1
        conn.execute(
            "INSERT INTO state (id, generation, lab, lab_source, world, updated) VALUES (1, ?, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET generation = excluded.generation, lab = excluded.lab, "
            "lab_source = excluded.lab_source, world = excluded.world, updated = excluded.updated",
            (generation, lab, lab_source, world, time.time()))
        conn.execute("DELETE FROM progress")
        conn.execute("INSERT INTO progress (section, name, at) SELECT section, name, at FROM checkpoints WHERE section <= ?", (section,))
        # How often this student skipped ahead or went back (labkit class status shows it).
        conn.execute("INSERT INTO meta (key, value) VALUES ('checkpoint_restores', '1') "
                     "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1")
    import json

    return Checkpoint(section, name, generation, json.loads(lab).get("name", "?"), time.time())
