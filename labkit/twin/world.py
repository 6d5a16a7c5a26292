"""The world the twin emulates (skeleton; the twin-world work fills it).

Contract the engine relies on: ``World.from_lab(lab)``, ``World.from_doc(doc)``,
``world.to_doc()`` (JSON-ready dict), ``world.clock`` (seconds since
``LAB_EPOCH``) and ``world.advance(seconds)``.
"""

from __future__ import annotations

from typing import Any

from labkit.lab import Lab


class World:
    def __init__(self, doc: dict[str, Any]):
        self.doc = doc

    @classmethod
    def from_lab(cls, lab: Lab) -> "World":
        return cls({"clock": 0.0, "hosts": {h.name: {"role": h.role} for h in lab.hosts}})

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> "World":
        return cls(doc)

    def to_doc(self) -> dict[str, Any]:
        return self.doc

    @property
    def clock(self) -> float:
        return float(self.doc["clock"])

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError(f"the lab clock cannot go back ({seconds} s)")
        self.doc["clock"] = self.clock + seconds
