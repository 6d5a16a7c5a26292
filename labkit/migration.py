"""Live migration, quick migration and failover: models that get the numbers right.

Section 8 of the procedure contrasts three ways a clustered VM changes node:

* **Live migration** (pre-copy): memory is copied while the VM keeps running;
  pages the guest dirties meanwhile are copied again, round after round, until
  what is left is small (or a pass cap is hit); then the VM pauses for a short
  *blackout* that copies the last dirty pages and resumes it on the other node.
* **Quick migration**: the VM is saved to the CSV, the clustered role moves,
  and the VM is restored: downtime grows with memory (minutes for 8-16 GB).
* **Unplanned failover**: the node dies, the cluster notices after the
  heartbeat threshold and the VM *boots* again on a surviving node.

This module gives two views of pre-copy that must agree with each other:

* :func:`closed_form` -- the geometric-series model of Liu et al. (HPDC 2011)
  and Clark et al. (NSDI 2005), with the writable-working-set (WWS) refinement
  for workloads whose dirty rate outruns the link;
* :func:`live_migrate` -- a page-level simulation (numpy, one loop over rounds,
  never over pages) that draws *which* pages get dirtied from the workload's
  WWS and applies Hyper-V / QEMU style stop rules.

Figures marked "[ref]" come from ``/work/shared/reference/migration.md`` (the
project's collected sources). Everything else is an explicit assumption, named
as such where it is defined.

Units
-----
Everything is in bytes, bytes per second and seconds. Link rates are decimal
(1 GbE TCP goodput = 117.5e6 B/s [ref]). Memory sizes are whatever the caller
passes: note that the reference table's "4 GB" means 4096 of the same "MB" the
link rate is expressed in (4096e6 bytes at 117.5e6 B/s); a binary 4 GiB VM at
the same link rate takes ~4.9 % longer (2**30 / 1.024e9 = 1.048576).

Modelling assumptions (read these before quoting a number)
----------------------------------------------------------
* The *dirty rate* D is a page-dirtying rate: distinct pages newly marked in
  the dirty log per second, which is what dirty logging measures and what the
  Liu/Clark formulas mean. Within a round the simulation therefore draws the
  D*T/page_size dirtied pages from the WWS *without replacement*, capped at the
  WWS size. With ``dirty_model="writes"`` D is instead a page-*write* rate:
  writes land on WWS pages independently (with replacement) and rewrites of a
  page coalesce, so fewer distinct pages are dirty than D*T/page_size (about
  WWS * (1 - exp(-k/WWS)) for k writes).
* The dirty log is cleared at the start of each round; the next round sends
  exactly the pages dirtied during this one. A page dirtied before it was sent
  in the current round is still counted (the formulas do the same); Xen's
  "skip pages dirtied in this round" refinement is not modelled.
* Transports change the *effective* rate at which memory moves:
  - ``TCP`` (Hyper-V "TCPIP", port 6600 [ref]): the link's TCP goodput.
  - ``Compression`` (Hyper-V's default [ref]): an effective-rate multiplier,
    assumed 2.0x (memory compresses about 2:1; zero pages compress better,
    random data worse -- an assumption, not a reference figure), capped by the
    CPU that compresses: assumed 300e6 B/s of memory per core on 2 cores
    (LZ-class compressors; assumption). On 1 GbE the link is the bottleneck
    (2 x 117.5e6 = 235e6 B/s); on 10 GbE the CPU cap (600e6 B/s) is, which is
    why SMB is the recommended choice on fast links. The CPU cost is reported
    as core-seconds.
  - ``SMB`` (SMB Direct / Multichannel [ref]): near line rate, i.e. the link's
    goodput with no compression and negligible host CPU (RDMA offload). The
    aggregation of several NICs by SMB Multichannel is not modelled: pass the
    aggregate bandwidth instead.
* Hyper-V always copies memory once while the VM runs, so at least one
  pre-copy pass happens even when the whole memory would fit the downtime
  target; the closed form is clamped the same way (n >= 1).
* ``resume_s`` (default 0.02 s, an assumption: device state and the gratuitous
  ARP/RARP that tells the switch where the VM now lives) is added to the
  blackout; ``setup_s`` (default 0) to the total only. The reference scenarios
  use zero for both.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DEFAULT_STORAGE_BYTES_PER_S",
    "DEFAULT_HANDOVER_S",
    "HYPERV_MAX_PASSES",
    "LINK_1GBE_BYTES_PER_S",
    "LINK_10GBE_BYTES_PER_S",
    "TRANSPORTS",
    "WORKLOADS",
    "ClosedFormResult",
    "FailoverResult",
    "LiveMigrationResult",
    "QuickMigrationResult",
    "Round",
    "Transport",
    "Workload",
    "closed_form",
    "compare_downtime",
    "failover",
    "live_migrate",
    "quick_migrate",
]

MB = 1_000_000
GiB = 2**30

# --- links --------------------------------------------------------------------
#: 1 GbE TCP goodput ~ 117.5 MB/s (D) [ref]; Hyper-V measured 119.5-122.8 MB/s peaks (M).
LINK_1GBE_BYTES_PER_S = 117.5e6
#: 10 GbE ~ 1.18 GB/s (D); the reference scenarios use 1175 MB/s [ref].
LINK_10GBE_BYTES_PER_S = 1175e6

# --- stop rules -----------------------------------------------------------------
#: Hyper-V pre-copy pass caps [ref]: WS 2008 R2 up to 10 copy passes; 2012 R2 and
#: later at most 5 passes, then the VM pauses for the final copy (which must stay
#: under the TCP time-out).
HYPERV_MAX_PASSES: dict[str, int] = {"2008 R2": 10, "2012 R2": 5, "2016": 5, "2019": 5, "2022": 5}
#: QEMU's default downtime-limit is 300 ms [ref] (SimGrid: 30 ms).
QEMU_DOWNTIME_LIMIT_S = 0.3

# --- quick migration --------------------------------------------------------------
#: Storage throughput for save/restore. The reference derives quick-migration
#: times for 100-200 MB/s of storage [ref]; we take the middle of that band.
DEFAULT_STORAGE_BYTES_PER_S = 150e6
#: Moving the clustered role between save and restore. Assumption: with the VM on
#: a CSV no disk ownership has to move, only the role (a couple of seconds). With
#: 150 MB/s this gives ~30.6 s for a 2 GiB VM, matching "about 30 s for a VM with
#: a couple of gigabytes" (M) [ref].
DEFAULT_HANDOVER_S = 2.0

# --- failover -----------------------------------------------------------------------
#: Cluster heartbeat: SameSubnetDelay 1 s x SameSubnetThreshold 10 (Windows Server
#: 2016 and later defaults; 2012 R2 used a threshold of 5). Microsoft's cluster
#: network-threshold guidance, not a figure from the reference file.
DEFAULT_HEARTBEAT_DELAY_S = 1.0
DEFAULT_HEARTBEAT_THRESHOLD = 10
#: Time for the VM to start on the surviving node and for the guest OS and its
#: services to be back. Assumption: about a minute for a Windows Server guest.
DEFAULT_GUEST_BOOT_S = 60.0

#: Resume on the destination (see module docstring; assumption).
DEFAULT_RESUME_S = 0.02


# ======================================================================================
# Workloads and transports
# ======================================================================================


@dataclass(frozen=True)
class Workload:
    """How a guest dirties memory.

    ``dirty_rate_bytes_per_s`` is the page-dirtying rate D; ``wws_bytes`` the
    writable working set the dirtied pages come from (``None``: all of memory).
    The WWS is capped at the VM's memory.
    """

    name: str
    dirty_rate_bytes_per_s: float
    wws_bytes: int | None = None
    description: str = ""

    def wws_for(self, memory_bytes: int) -> int:
        """The WWS for a VM of ``memory_bytes`` (never more than its memory)."""
        if self.wws_bytes is None:
            return memory_bytes
        return min(int(self.wws_bytes), memory_bytes)


#: Named presets. Dirty rates follow the reference scenarios [ref]: "nearly idle"
#: 0.5 MB/s, "converging" 20 MB/s, "busy" 60 MB/s. The WWS sizes and the hammer's
#: rate are assumptions: a memory benchmark rewriting a buffer can dirty pages
#: at GB/s, faster than any migration link (Clark's MMuncher, "above link" [ref]).
WORKLOADS: dict[str, Workload] = {
    "idle": Workload("idle", 0.5 * MB, 64 * 2**20, "nearly idle guest: services ticking over"),
    "web": Workload("web", 20 * MB, 512 * 2**20, "web server: sessions, caches, request buffers"),
    "database": Workload("database", 60 * MB, 2 * GiB, "OLTP database: buffer pool pages and log"),
    "hammer": Workload("hammer", 1000 * MB, None, "memory hammer: rewrites all of memory"),
}
_WORKLOAD_ALIASES = {
    "web-server": "web",
    "webserver": "web",
    "db": "database",
    "memory-hammer": "hammer",
    "mmuncher": "hammer",
}


def _workload(workload: str | Workload) -> Workload:
    if isinstance(workload, Workload):
        return workload
    key = workload.strip().lower().replace("_", "-").replace(" ", "-")
    key = _WORKLOAD_ALIASES.get(key, key)
    try:
        return WORKLOADS[key]
    except KeyError:
        raise ValueError(f"unknown workload {workload!r}; presets: {', '.join(WORKLOADS)}") from None


@dataclass(frozen=True)
class Transport:
    """A live-migration transport (``Set-VMHost -VirtualMachineMigrationPerformanceOption``).

    Effective memory rate = min(link x ``rate_multiplier``, ``cpu_cores`` x
    ``cpu_bytes_per_s_per_core``); the second term only exists when the
    transport spends CPU per byte (compression).
    """

    name: str
    rate_multiplier: float = 1.0  # memory bytes moved per byte of link goodput
    cpu_bytes_per_s_per_core: float | None = None  # None: CPU cost not modelled / offloaded
    cpu_cores: float = 0.0

    def effective_rate(self, bandwidth_bytes_per_s: float) -> float:
        rate = bandwidth_bytes_per_s * self.rate_multiplier
        if self.cpu_bytes_per_s_per_core is not None and self.cpu_cores > 0:
            rate = min(rate, self.cpu_cores * self.cpu_bytes_per_s_per_core)
        return rate

    def cpu_core_seconds(self, memory_bytes_moved: int) -> float:
        if self.cpu_bytes_per_s_per_core is None:
            return 0.0
        return memory_bytes_moved / self.cpu_bytes_per_s_per_core


TRANSPORTS: dict[str, Transport] = {
    # Plain TCP/IP: the link's goodput, no extra CPU modelled.
    "TCP": Transport("TCP"),
    # Assumptions (see module docstring): 2:1 compression, 300e6 B/s per core, 2 cores.
    "Compression": Transport("Compression", rate_multiplier=2.0, cpu_bytes_per_s_per_core=300e6, cpu_cores=2.0),
    # SMB Direct: near line rate, RDMA offload.
    "SMB": Transport("SMB"),
}
_TRANSPORT_ALIASES = {"tcp": "TCP", "tcpip": "TCP", "tcp/ip": "TCP", "compression": "Compression", "smb": "SMB"}


def _transport(transport: str | Transport) -> Transport:
    if isinstance(transport, Transport):
        return transport
    key = _TRANSPORT_ALIASES.get(transport.strip().lower())
    if key is None:
        raise ValueError(f"unknown transport {transport!r}; one of TCP (TCPIP), Compression, SMB")
    return TRANSPORTS[key]


# ======================================================================================
# Results
# ======================================================================================


def _jsonable(value: Any) -> Any:
    """Plain Python values only (no numpy scalars), so json.dumps just works."""
    if isinstance(value, _ToDict):
        return value.to_dict()
    if is_dataclass(value) and not isinstance(value, type):
        return _jsonable(asdict(value))
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


class _ToDict:
    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly values; fields marked ``metadata={"json": False}`` (page arrays) are left out."""
        return {
            f.name: _jsonable(getattr(self, f.name))
            for f in fields(self)  # type: ignore[arg-type]
            if f.metadata.get("json", True)
        }


@dataclass(frozen=True)
class Round(_ToDict):
    """One copy round. ``phase`` is "pre-copy" (VM running) or "stop-and-copy" (the blackout).

    ``bytes_sent`` is memory copied (pages x page size); ``wire_bytes`` what
    crossed the link after compression. ``dirty_pages_left`` are the pages
    dirtied during this round, i.e. what the next round has to send.
    """

    index: int
    pages_sent: int
    bytes_sent: int
    dirty_pages_left: int
    seconds: float
    phase: Literal["pre-copy", "stop-and-copy"] = "pre-copy"
    wire_bytes: int = 0


@dataclass(frozen=True)
class LiveMigrationResult(_ToDict):
    """Outcome of :func:`live_migrate`.

    ``rounds`` lists the pre-copy passes and, last, the stop-and-copy round, so
    ``sum(r.seconds) + setup_s + resume_s == total_s`` and
    ``sum(r.wire_bytes) == bytes_on_wire``. ``passes`` counts pre-copy rounds
    only (what the reference's "rounds" and Hyper-V's pass cap count).
    ``converged`` is True when the dirty set got under the threshold before the
    pass cap; otherwise ``reason`` says why (the migration still completes, with
    a longer blackout: Hyper-V pauses the VM for the final copy).
    """

    rounds: list[Round]
    total_s: float
    blackout_s: float
    bytes_on_wire: int
    converged: bool
    reason: str | None
    passes: int = 0
    memory_bytes: int = 0
    page_size: int = 4096
    bytes_sent: int = 0  # memory bytes copied, before compression
    workload: str = ""
    dirty_rate_bytes_per_s: float = 0.0
    wws_bytes: int = 0
    transport: str = ""
    bandwidth_bytes_per_s: float = 0.0
    effective_rate_bytes_per_s: float = 0.0
    threshold_bytes: int = 0
    max_passes: int = 0
    downtime_target_s: float = 0.0
    setup_s: float = 0.0
    resume_s: float = 0.0
    cpu_core_s: float = 0.0
    #: With ``trace=True``: per pre-copy round, the sorted page indices dirtied
    #: during it (what the next round sends). Not part of to_dict().
    dirty_sets: list[np.ndarray] | None = field(default=None, repr=False, compare=False, metadata={"json": False})

    @property
    def blackout_pages(self) -> int:
        return self.rounds[-1].pages_sent


@dataclass(frozen=True)
class ClosedFormResult(_ToDict):
    """Outcome of :func:`closed_form`.

    ``passes`` is n: rounds 0..n-1 run while the VM runs, round n (``round_bytes[n]``)
    is the stop-and-copy. ``ratio`` is lambda = D / R.
    """

    passes: int
    round_bytes: list[float]
    round_seconds: list[float]
    bytes_sent: float
    total_s: float
    blackout_s: float
    converged: bool
    reason: str | None
    ratio: float
    threshold_bytes: float
    wws_bytes: float


@dataclass(frozen=True)
class QuickMigrationResult(_ToDict):
    """Save to the CSV, move the role, restore: the VM is down for all of it."""

    memory_bytes: int
    storage_bytes_per_s: float
    save_s: float
    handover_s: float
    restore_s: float
    downtime_s: float
    total_s: float


@dataclass(frozen=True)
class FailoverResult(_ToDict):
    """Node failure: detection, then a cold boot on a surviving node (memory state is lost)."""

    memory_bytes: int
    detection_s: float
    boot_s: float
    downtime_s: float
    state_lost: bool = True


# ======================================================================================
# Closed-form pre-copy model
# ======================================================================================


def closed_form(
    memory_bytes: float,
    dirty_rate_bytes_per_s: float,
    bandwidth_bytes_per_s: float,
    *,
    max_rounds: int,
    threshold_bytes: float,
    wws_bytes: float | None = None,
    setup_s: float = 0.0,
    resume_s: float = 0.0,
) -> ClosedFormResult:
    """The pre-copy model of Liu et al. (HPDC 2011) / Clark et al. (NSDI 2005) [ref].

    With M memory, D dirty rate, R effective rate and lambda = D/R:

    * round i sends V_i = M * lambda**i in T_i = V_i / R;
    * n = min(n_max, ceil(ln(V_thd / M) / ln lambda)) pre-copy rounds (at least 1);
    * data sent = M (1 - lambda**(n+1)) / (1 - lambda);
    * total = (M/R) (1 - lambda**(n+1)) / (1 - lambda) + setup + resume;
    * blackout = (M/R) lambda**n + resume.

    When ``wws_bytes`` is given, or when D >= R (the series would grow), the
    refinement V_i = min(D * T_{i-1}, WWS) is used instead, with WWS capped at
    M (a VM cannot dirty more memory than it has): the dirty set then stops
    shrinking at the WWS and the blackout is about min(M, WWS)/R after the
    round cap [ref]. For lambda < 1 and no WWS both forms give the same numbers.
    """
    m = float(memory_bytes)
    d = float(dirty_rate_bytes_per_s)
    r = float(bandwidth_bytes_per_s)
    if m <= 0 or r <= 0 or d < 0:
        raise ValueError("memory and bandwidth must be positive, dirty rate non-negative")
    if max_rounds < 1:
        raise ValueError("max_rounds must be at least 1")
    lam = d / r
    thd = float(threshold_bytes)
    wws = m if wws_bytes is None else min(float(wws_bytes), m)

    if wws_bytes is None and lam < 1.0:
        # The geometric series, exactly as in the reference.
        if lam == 0.0 or thd >= m:
            n = 1  # nothing (or everything) dirty: one pass, then stop
        else:
            # Small epsilon so that e.g. 2.0000000001 from rounding is not ceil()ed to 3.
            n_needed = math.ceil(math.log(thd / m) / math.log(lam) - 1e-9) if thd > 0 else max_rounds
            n = max(1, min(max_rounds, n_needed))
        volumes = [m * lam**i for i in range(n + 1)]
        sent = m * (1.0 - lam ** (n + 1)) / (1.0 - lam)
    else:
        # WWS refinement: V_i = min(D * T_{i-1}, WWS), T_{i-1} = V_{i-1} / R.
        volumes = [m]
        for _ in range(max_rounds):
            volumes.append(min(d * volumes[-1] / r, wws))
            if volumes[-1] <= thd:
                break
        n = len(volumes) - 1
        sent = math.fsum(volumes)

    seconds = [v / r for v in volumes]
    converged = volumes[-1] <= thd
    reason = None
    if not converged:
        reason = _reason(d, r, n, volumes[-1], thd, wws)
    return ClosedFormResult(
        passes=n,
        round_bytes=volumes,
        round_seconds=seconds,
        bytes_sent=sent,
        total_s=sent / r + setup_s + resume_s,
        blackout_s=volumes[-1] / r + resume_s,
        converged=converged,
        reason=reason,
        ratio=lam,
        threshold_bytes=thd,
        wws_bytes=wws,
    )


def _reason(d: float, r: float, passes: int, left: float, thd: float, wws: float) -> str:
    if d >= r:
        return (
            f"dirty rate {d / MB:.1f} MB/s outruns the effective link {r / MB:.1f} MB/s: "
            f"the dirty set stalls at the writable working set ({min(wws, left) / MB:.0f} MB); "
            f"after {passes} passes the VM pauses for a {left / r:.2f} s final copy"
        )
    return (
        f"pass cap {passes} reached with {left / MB:.1f} MB still dirty "
        f"(threshold {thd / MB:.1f} MB): the final copy takes {left / r:.2f} s"
    )


# ======================================================================================
# Page-level pre-copy simulation
# ======================================================================================


def _sample_distinct(rng: np.random.Generator, population: int, k: int) -> np.ndarray:
    """k distinct indices drawn uniformly from range(population), sorted, without a Python loop.

    ``Generator.choice(replace=False)`` shuffles the whole population unless k is
    tiny, which costs ~0.3 s for 4 Mi pages. Instead, for dense draws, mark each
    index with probability k/population and then add or remove the few surplus
    indices (a sparse, cheap draw). Every step treats all indices alike, and the
    result always has exactly k elements, so every k-subset is equally likely.
    """
    if k <= 0:
        return np.empty(0, dtype=np.int64)
    if k >= population:
        return np.arange(population, dtype=np.int64)
    if k * 50 <= population:
        # numpy uses a hash-set (Floyd) draw here: O(k).
        return np.sort(rng.choice(population, size=k, replace=False))
    mask = rng.random(population, dtype=np.float32) < (k / population)
    have = int(np.count_nonzero(mask))
    if have < k:
        pool = np.flatnonzero(~mask)
        mask[pool[rng.choice(pool.size, size=k - have, replace=False)]] = True
    elif have > k:
        pool = np.flatnonzero(mask)
        mask[pool[rng.choice(pool.size, size=have - k, replace=False)]] = False
    return np.flatnonzero(mask)


def _sample_writes(rng: np.random.Generator, population: int, writes: int) -> np.ndarray:
    """Distinct indices touched by ``writes`` independent uniform writes (rewrites coalesce)."""
    if writes <= 0:
        return np.empty(0, dtype=np.int64)
    touched = np.zeros(population, dtype=bool)
    if writes <= 8 * population:
        touched[rng.integers(0, population, size=writes)] = True  # dedup by the bitmap
    else:
        # So many writes that drawing them one by one is wasteful: each page is
        # untouched with probability (1 - 1/W)**k (< e**-8); draw that per page.
        p_touched = -math.expm1(writes * math.log1p(-1.0 / population))
        touched = rng.random(population) < p_touched
    return np.flatnonzero(touched)


def live_migrate(
    memory_bytes: int,
    *,
    workload: str | Workload = "web",
    bandwidth_bytes_per_s: float = LINK_1GBE_BYTES_PER_S,
    transport: str | Transport = "Compression",
    max_passes: int = HYPERV_MAX_PASSES["2012 R2"],
    downtime_target_s: float = QEMU_DOWNTIME_LIMIT_S,
    page_size: int = 4096,
    seed: int = 0,
    setup_s: float = 0.0,
    resume_s: float = DEFAULT_RESUME_S,
    dirty_model: Literal["distinct", "writes"] = "distinct",
    trace: bool = False,
) -> LiveMigrationResult:
    """Simulate a pre-copy live migration page by page.

    Round 0 sends every page while the VM runs. During a round of T seconds the
    guest dirties k = D*T/page_size pages (rounded to the nearest page, capped at
    the WWS), drawn from the WWS pages (see ``dirty_model``); the next round
    sends that dirty set. Rounds go on until the dirty set is at most the
    threshold (``downtime_target_s`` x effective rate, QEMU's rule [ref]) or
    ``max_passes`` pre-copy rounds have run (Hyper-V's rule: 5 on 2012 R2+, 10
    on 2008 R2 [ref]). Then the VM pauses: the stop-and-copy round sends what is
    left, and the VM resumes (``resume_s``).

    Deterministic for a given ``seed``. ``trace=True`` keeps the dirty page
    sets (``result.dirty_sets``), e.g. to draw the dirty bitmap.
    """
    wl = _workload(workload)
    tr = _transport(transport)
    if memory_bytes <= 0 or page_size <= 0:
        raise ValueError("memory_bytes and page_size must be positive")
    if bandwidth_bytes_per_s <= 0:
        raise ValueError("bandwidth_bytes_per_s must be positive")
    if max_passes < 1:
        raise ValueError("max_passes must be at least 1")
    if wl.dirty_rate_bytes_per_s < 0:
        raise ValueError("dirty rate must be non-negative")
    if dirty_model not in ("distinct", "writes"):
        raise ValueError("dirty_model is 'distinct' or 'writes'")

    rng = np.random.default_rng(seed)
    rate = tr.effective_rate(bandwidth_bytes_per_s)
    n_pages = -(-memory_bytes // page_size)  # a partial last page is still a page
    wws_bytes = wl.wws_for(memory_bytes)
    n_wws = max(0, min(n_pages, wws_bytes // page_size))
    # Which pages make up the WWS: a uniformly random set of page frames (the
    # guest's heaps and buffers are scattered over physical memory).
    wws_pages = _sample_distinct(rng, n_pages, n_wws)
    threshold_bytes = int(downtime_target_s * rate)
    threshold_pages = threshold_bytes // page_size
    pages_per_s = wl.dirty_rate_bytes_per_s / page_size

    rounds: list[Round] = []
    dirty_sets: list[np.ndarray] | None = [] if trace else None
    to_send = n_pages  # round 0: every page
    dirty: np.ndarray = np.empty(0, dtype=np.int64)
    for index in range(max_passes):
        seconds = to_send * page_size / rate
        # Pages dirtied while this round was on the wire (the dirty log was
        # cleared when the round started).
        k = int(np.rint(pages_per_s * seconds))
        if dirty_model == "distinct":
            # k distinct pages: the whole WWS once k reaches it.
            dirty = wws_pages if k >= n_wws else wws_pages[_sample_distinct(rng, n_wws, k)]
        else:
            dirty = wws_pages[_sample_writes(rng, n_wws, k)] if n_wws else dirty[:0]
        if dirty_sets is not None:
            dirty_sets.append(dirty)
        rounds.append(_round(index, to_send, dirty.size, seconds, page_size, tr, "pre-copy"))
        to_send = int(dirty.size)
        if to_send <= threshold_pages:
            break

    # Stop-and-copy: the VM is paused, nothing gets dirtied any more.
    left = to_send
    passes = len(rounds)
    converged = left <= threshold_pages
    final_s = left * page_size / rate
    rounds.append(_round(passes, left, 0, final_s, page_size, tr, "stop-and-copy"))

    reason = None
    if not converged:
        reason = _reason(wl.dirty_rate_bytes_per_s, rate, passes, left * page_size, threshold_bytes, n_wws * page_size)
    bytes_sent = sum(r.bytes_sent for r in rounds)
    return LiveMigrationResult(
        rounds=rounds,
        total_s=setup_s + math.fsum(r.seconds for r in rounds) + resume_s,
        blackout_s=final_s + resume_s,
        bytes_on_wire=sum(r.wire_bytes for r in rounds),
        converged=converged,
        reason=reason,
        passes=passes,
        memory_bytes=int(memory_bytes),
        page_size=int(page_size),
        bytes_sent=bytes_sent,
        workload=wl.name,
        dirty_rate_bytes_per_s=float(wl.dirty_rate_bytes_per_s),
        wws_bytes=int(n_wws * page_size),
        transport=tr.name,
        bandwidth_bytes_per_s=float(bandwidth_bytes_per_s),
        effective_rate_bytes_per_s=float(rate),
        threshold_bytes=threshold_bytes,
        max_passes=int(max_passes),
        downtime_target_s=float(downtime_target_s),
        setup_s=float(setup_s),
        resume_s=float(resume_s),
        cpu_core_s=tr.cpu_core_seconds(bytes_sent),
        dirty_sets=dirty_sets,
    )


def _round(
    index: int, pages: int, dirty_left: int, seconds: float, page_size: int, tr: Transport, phase: Any
) -> Round:
    memory = int(pages) * page_size
    return Round(
        index=int(index),
        pages_sent=int(pages),
        bytes_sent=memory,
        dirty_pages_left=int(dirty_left),
        seconds=float(seconds),
        phase=phase,
        # What crosses the link: compression shrinks memory by the multiplier.
        wire_bytes=int(round(memory / tr.rate_multiplier)),
    )


# ======================================================================================
# Quick migration and failover
# ======================================================================================


def quick_migrate(
    memory_bytes: int,
    *,
    storage_bytes_per_s: float = DEFAULT_STORAGE_BYTES_PER_S,
    handover_s: float = DEFAULT_HANDOVER_S,
) -> QuickMigrationResult:
    """Quick migration: save memory to the CSV, move the role, restore from the CSV.

    The VM is down from the start of the save to the end of the restore, so
    downtime = M/S + handover + M/S. At 100-200 MB/s of storage that is
    0.25 GB ~ 2.6-5 s, 2 GB ~ 20-41 s, 8 GB ~ 82-164 s, 16 GB ~ 164-328 s plus
    the handover (D) [ref]: seconds for small VMs, minutes for 8-16 GB, and the
    clients' connections are lost.
    """
    if memory_bytes <= 0 or storage_bytes_per_s <= 0 or handover_s < 0:
        raise ValueError("memory and storage throughput must be positive, handover non-negative")
    save_s = memory_bytes / storage_bytes_per_s
    restore_s = memory_bytes / storage_bytes_per_s
    downtime = save_s + handover_s + restore_s
    return QuickMigrationResult(
        memory_bytes=int(memory_bytes),
        storage_bytes_per_s=float(storage_bytes_per_s),
        save_s=float(save_s),
        handover_s=float(handover_s),
        restore_s=float(restore_s),
        downtime_s=float(downtime),
        total_s=float(downtime),
    )


def failover(
    memory_bytes: int,
    *,
    heartbeat_delay_s: float = DEFAULT_HEARTBEAT_DELAY_S,
    heartbeat_threshold: int = DEFAULT_HEARTBEAT_THRESHOLD,
    boot_s: float = DEFAULT_GUEST_BOOT_S,
) -> FailoverResult:
    """Unplanned failover: the node dies and the VM restarts on a survivor.

    downtime = detection (SameSubnetDelay x SameSubnetThreshold: 1 s x 10 = 10 s
    by default) + guest boot. Memory is not copied anywhere -- it is lost with
    the node -- so downtime does not grow with ``memory_bytes`` (kept for the
    record and for a uniform call shape with the other models).
    """
    if memory_bytes <= 0 or heartbeat_delay_s <= 0 or heartbeat_threshold < 1 or boot_s < 0:
        raise ValueError("memory, heartbeat delay and threshold must be positive, boot time non-negative")
    detection = heartbeat_delay_s * heartbeat_threshold
    return FailoverResult(
        memory_bytes=int(memory_bytes),
        detection_s=float(detection),
        boot_s=float(boot_s),
        downtime_s=float(detection + boot_s),
    )


# ======================================================================================
# Comparison table for the runbook
# ======================================================================================


def compare_downtime(
    memory_sizes: list[int],
    *,
    workload: str | Workload = "web",
    bandwidth_bytes_per_s: float = LINK_1GBE_BYTES_PER_S,
    transport: str | Transport = "Compression",
    max_passes: int = HYPERV_MAX_PASSES["2012 R2"],
    downtime_target_s: float = QEMU_DOWNTIME_LIMIT_S,
    storage_bytes_per_s: float = DEFAULT_STORAGE_BYTES_PER_S,
    handover_s: float = DEFAULT_HANDOVER_S,
    seed: int = 0,
) -> pd.DataFrame:
    """Live-migration blackout and total time against quick-migration downtime, per memory size.

    Columns: memory_gb (GiB, memory_bytes / 2**30), live_blackout_s,
    live_total_s, quick_downtime_s; one row per entry of ``memory_sizes``.
    """
    rows = []
    for memory in memory_sizes:
        live = live_migrate(
            int(memory),
            workload=workload,
            bandwidth_bytes_per_s=bandwidth_bytes_per_s,
            transport=transport,
            max_passes=max_passes,
            downtime_target_s=downtime_target_s,
            seed=seed,
        )
        quick = quick_migrate(int(memory), storage_bytes_per_s=storage_bytes_per_s, handover_s=handover_s)
        rows.append(
            {
                "memory_gb": int(memory) / GiB,
                "live_blackout_s": live.blackout_s,
                "live_total_s": live.total_s,
                "quick_downtime_s": quick.downtime_s,
            }
        )
    import pandas as pd  # only this table needs it; the twin imports this module for every run

    return pd.DataFrame(rows, columns=["memory_gb", "live_blackout_s", "live_total_s", "quick_downtime_s"])
