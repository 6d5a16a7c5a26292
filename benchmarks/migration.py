"""How fast is the page-level live-migration simulation? Measured, not asserted.

    python benchmarks/migration.py

Simulates a 16 GiB VM (4 Mi pages of 4 KiB) on the default network (1 GbE,
Compression) for each workload preset, plus the worst case for the sampler: a
dirty rate spread uniformly over all of memory with a pass cap of 30. Prints
the best wall time of a few repeats, memory pages per second (VM pages / time)
and pages sent per second (all rounds / time). Aim: below 0.5 s per VM.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

# Run from a checkout without installing: put the repository root on the path.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from labkit.migration import LINK_1GBE_BYTES_PER_S, Workload, live_migrate  # noqa: E402

MEMORY = 16 * 2**30
PAGE = 4096
REPEATS = 5

CASES: list[tuple[str, dict]] = [
    ("web (default)", {"workload": "web"}),
    ("idle", {"workload": "idle"}),
    ("database", {"workload": "database"}),
    ("hammer (non-convergent)", {"workload": "hammer"}),
    (
        "uniform 60 MB/s over all memory, TCP, 30 passes",
        {"workload": Workload("uniform", 60e6), "transport": "TCP", "max_passes": 30},
    ),
]


def main() -> None:
    n_pages = MEMORY // PAGE
    print(f"16 GiB VM, {n_pages:,} pages of {PAGE} B, link {LINK_1GBE_BYTES_PER_S / 1e6:.1f} MB/s, best of {REPEATS}")
    print(f"{'case':50} {'seconds':>8} {'passes':>6} {'VM pages/s':>14} {'pages sent/s':>14}")
    for name, kwargs in CASES:
        best = float("inf")
        result = None
        for _ in range(REPEATS):
            start = time.perf_counter()
            result = live_migrate(MEMORY, page_size=PAGE, **kwargs)
            best = min(best, time.perf_counter() - start)
        assert result is not None
        sent = sum(r.pages_sent for r in result.rounds)
        print(f"{name:50} {best:8.3f} {result.passes:6d} {n_pages / best:14,.0f} {sent / best:14,.0f}")


if __name__ == "__main__":
    main()
