"""A fresh world in a lab state: :func:`reset`, re-exported by
:mod:`labkit.twin.session`.

It needs the store and the world model only, not the interpreter and the
emulated cmdlets, so ``labkit run`` makes a fresh lab without importing them
(about a second): its kernels import the twin, each in its own process.
"""

from __future__ import annotations

from pathlib import Path

from labkit.lab import Lab
from labkit.twin.store import Store
from labkit.twin.world import World


def reset(state_dir: str | Path = ".lab", lab: Lab | None = None) -> World:
    """A fresh world from ``lab`` (default: the lab the store has, else the built-in lab)."""
    store = Store(state_dir)
    if not store.healthy():
        store.set_aside()  # a damaged state file: keep it beside, start over
    if lab is None:
        # the lab the state was made from (its world, maybe saved by an older labkit, is not read)
        snap = store.read()
        lab = snap.lab if snap is not None else None
    with store.transaction(lab, fresh=True) as txn:
        world = txn.world
    return world
