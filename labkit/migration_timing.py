"""A live migration's timing as runbook 8 shows and glues it, from two sources:

* the source host's Hyper-V event log, read by the ``live-migration-timing``
  step the same way on the twin and on Windows: start (event 20413), end
  (20415) and the blackout Windows logs in 20415, to a tenth of a second;
* on the twin only, the twin's own model of the migration (``VM.last_migration``:
  pre-copy rounds, the blackout to the millisecond, whether it converged).

:func:`live_result` keeps the twin's richer figures where the twin has them and
Windows' figures otherwise; a figure neither gives is None, which the chain
report prints as "not measured on real hosts".  :func:`timing_rows` is the
table a student reads, saying where each figure comes from and what Windows
does not log.
"""

from __future__ import annotations

from typing import Any

#: What the table says for a figure Windows does not write to its event logs.
NOT_LOGGED = "not logged by Windows"


def live_result(vm: str, source: str, target: str, timing: dict[str, Any] | None,
                model: dict[str, Any] | None) -> dict[str, Any]:
    """The ``live_migration`` result: Windows' logged figures, refined by the twin's model when there is one."""
    logged = timing if timing and timing.get("Found") else {}
    blackout_logged = logged.get("BlackoutSeconds")
    total = model["total_s"] if model else logged.get("TotalSeconds")
    if model:
        blackout_ms: float | None = round(model["blackout_s"] * 1000, 1)
    elif blackout_logged is not None:
        blackout_ms = round(float(blackout_logged) * 1000, 1)
    else:
        blackout_ms = None
    return {
        "vm": vm, "from": source, "to": target,
        "started": logged.get("Started"), "completed": logged.get("Completed"),
        "blackout_ms": blackout_ms,
        "blackout_logged_s": blackout_logged,
        "total_s": round(float(total), 2) if total is not None else None,
        "rounds": len(model["rounds"]) if model else None,
        "rounds_detail": model,
    }


def timing_rows(result: dict[str, Any], on_twin: bool) -> list[dict[str, Any]]:
    """The live migration's figures, one row each, with where each comes from."""
    event = "Hyper-V-VMMS-Admin event"
    rows = [
        {"figure": "started", "value": result["started"] or "no event found", "source": f"{event} 20413"},
        {"figure": "completed", "value": result["completed"] or "no event found", "source": f"{event} 20415"},
        {"figure": "total", "value": f"{result['total_s']:.1f} s" if result["total_s"] is not None else "no event found",
         "source": "the twin's model" if on_twin else "20415 minus 20413"},
        {"figure": "blackout (as Windows logs it)",
         "value": f"{result['blackout_logged_s']:.1f} s" if result["blackout_logged_s"] is not None else "no event found",
         "source": f"{event} 20415 (tenths of a second)"},
    ]
    if on_twin:
        rows.append({"figure": "blackout (the twin's model)", "value": f"{result['blackout_ms']:.0f} ms", "source": "the twin's model"})
        rows.append({"figure": "pre-copy rounds", "value": result["rounds"], "source": "the twin's model"})
    else:
        rows.append({"figure": "pre-copy rounds", "value": NOT_LOGGED, "source": "Windows writes no per-round figures to this log"})
    return rows
