"""The migration model's defaults, pinned against ../shared/reference/migration.md (issue 20: a
10% change to the 1 GbE goodput or to the stop-and-copy threshold under Compression moved the
chain's blackout unnoticed).  Figures from the reference: "1 GbE TCP goodput ≈ 117.5 MB/s (D)",
"QEMU: default downtime-limit 300 ms", V_thd = R × downtime target, "Hyper-V transports: ...
Compression (default on)", and its D rows with R = 117.5 MB/s, "GB" = 1024 MB."""

from __future__ import annotations

import pytest

from labkit import migration
from labkit.migration import MB, Workload, live_migrate
from labkit.twin.world import VMHostSettings

GB = 1024 * MB   # the reference's D rows: a "GB" of memory is 1024 MB
IDLE = Workload("nearly idle", 0.5 * MB)
CONVERGING = Workload("converging", 20 * MB)


def test_one_gbe_goodput_is_the_references_117_5_mb_per_s():
    assert migration.LINK_1GBE_BYTES_PER_S == 117.5e6
    # The default link of live_migrate: the first full copy of 4 GB over plain TCP takes M / R.
    r = live_migrate(4 * GB, workload=IDLE, transport="TCP", resume_s=0.0)
    assert r.rounds[0].seconds == pytest.approx(4 * GB / 117.5e6, rel=1e-9)
    # the reference's "nearly idle" row: 35.0 s total, 0.15 s blackout (±5%)
    assert r.total_s == pytest.approx(35.0, rel=0.05)
    assert r.threshold_bytes == int(0.3 * 117.5e6)


def test_converging_row_over_tcp():
    r = live_migrate(4 * GB, workload=CONVERGING, transport="TCP", resume_s=0.0)
    assert r.total_s == pytest.approx(42.0, rel=0.05) and r.blackout_s == pytest.approx(0.17, rel=0.05)
    assert r.converged and len(r.rounds) in (3, 4)   # the row: 3 rounds (the stop-and-copy one on top)


def test_compression_threshold_and_rate_on_one_gbe():
    # Compression (Hyper-V's default) moves memory at twice the link's goodput here (the link, not
    # the CPU, binds on 1 GbE), so the stop-and-copy threshold is 300 ms of that rate.
    compression = migration.TRANSPORTS["Compression"]
    rate = compression.effective_rate(117.5e6)
    assert rate == pytest.approx(235e6)
    r = live_migrate(4 * GB, workload=CONVERGING, resume_s=0.0)   # defaults: 1 GbE, Compression
    assert r.transport == "Compression"
    assert r.threshold_bytes == int(0.3 * 235e6) == 70_500_000
    assert r.rounds[0].seconds == pytest.approx(4 * GB / 235e6, rel=1e-9)
    # Closed form (Liu et al. in the reference): λ = D/R, rounds until M·λⁿ ≤ V_thd, blackout (M/R)·λⁿ.
    lam = 20 * MB / 235e6
    n = 0
    while 4 * GB * lam ** n > 70_500_000:
        n += 1
    assert r.blackout_s == pytest.approx((4 * GB / 235e6) * lam ** n, rel=0.05)
    assert r.total_s == pytest.approx((4 * GB / 235e6) * (1 - lam ** (n + 1)) / (1 - lam), rel=0.05)


def test_the_twins_hosts_default_to_compression():
    assert VMHostSettings().migration_performance == "Compression"
    assert migration.QEMU_DOWNTIME_LIMIT_S == 0.3
