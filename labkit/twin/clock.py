"""The lab clock: simulated time that is part of the world.

``world.clock`` counts seconds since :data:`LAB_EPOCH`.  Emulated actions
advance it by realistic durations (``ctx.advance``); nothing ever sleeps.
"""

from __future__ import annotations

from datetime import datetime, timedelta

#: The lab clock's zero, the one epoch of the whole twin (the world imports it):
#: Monday morning of the training week, the moment a fresh lab starts at.
LAB_EPOCH = datetime(2026, 1, 5, 9, 0, 0)

# What one statement costs on the lab clock (0: only emulated actions and Start-Sleep advance it).
STATEMENT_COST = 0.0


def lab_time(seconds: float) -> datetime:
    """The lab's wall-clock time ``seconds`` after the epoch."""
    return LAB_EPOCH + timedelta(seconds=seconds)


def lab_seconds(moment: datetime) -> float:
    return (moment - LAB_EPOCH).total_seconds()


def format_duration(seconds: float) -> str:
    """``1h 02m 03s`` style, for summaries."""
    s = int(round(seconds))
    h, rem = divmod(s, 3600)
    m, s = divmod(rem, 60)
    if h:
        return f"{h}h {m:02d}m {s:02d}s"
    if m:
        return f"{m}m {s:02d}s"
    return f"{seconds:.1f}s" if seconds < 10 else f"{s}s"
