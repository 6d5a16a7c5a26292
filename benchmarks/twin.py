"""How fast the twin runs a typical step script (measured, not asserted).

The script below has the shape of a labkit step: a param() block, pipelines
with Where-Object / Select-Object / Sort-Object, a hashtable, a
[pscustomobject] and ConvertTo-Json at the end; it uses core cmdlets only.

    python benchmarks/twin.py [--runs N]
"""

from __future__ import annotations

import argparse
import tempfile
import time

from labkit.twin.interpreter import Interpreter
from labkit.twin.parser import _parse_cached, parse
from labkit.twin.session import reset, run_script
from labkit.twin.store import Store

STEP = r"""
param(
    [Parameter(Mandatory)][string]$VMName,
    [string[]]$Nodes = @('CLUSTERNODE-1', 'CLUSTERNODE-2'),
    [uint64]$MemoryBytes = 2GB,
    [switch]$Force
)
$ErrorActionPreference = 'Stop'
$inventory = foreach ($n in $Nodes) {
    [pscustomobject]@{ Node = $n; State = 'Up'; FreeMemory = 6GB; Paused = $false }
}
$candidates = $inventory | Where-Object { $_.State -eq 'Up' -and -not $_.Paused } |
    Sort-Object -Property FreeMemory -Descending
$target = $candidates | Select-Object -First 1
if (-not $target) {
    throw "No node can host $VMName"
}
$plan = @{
    VM       = $VMName
    Target   = $target.Node
    MemoryGB = [math]::Round($MemoryBytes / 1GB, 1)
    Force    = [bool]$Force
}
$checks = @()
foreach ($c in 'Memory', 'Network', 'Storage') {
    $checks += [pscustomobject]@{ Check = $c; Passed = $true; Detail = "$c ok on $($target.Node)" }
}
$failed = @($checks | Where-Object Passed -eq $false)
$summary = $checks | Group-Object Passed | Select-Object Name, Count
$total = ($inventory | Measure-Object -Property FreeMemory -Sum).Sum
$names = ($inventory.Node | ForEach-Object { $_.ToLower() }) -join ','
if ($failed.Count -gt 0) {
    Write-Warning "$($failed.Count) check(s) failed"
}
Start-Sleep -Milliseconds 250
[pscustomobject]@{
    VM         = $plan.VM
    Target     = $plan.Target
    MemoryGB   = $plan.MemoryGB
    FreeTotalGB = $total / 1GB
    Nodes      = $names
    Checks     = $checks
    Summary    = $summary
    Ok         = ($failed.Count -eq 0)
} | ConvertTo-Json -Depth 3
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=200)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as state:
        reset(state)
        _parse_cached.cache_clear()
        t = time.perf_counter()
        tree = parse(STEP)
        parse_ms = (time.perf_counter() - t) * 1000

        # engine only (no store): statements per second
        world, lab, _ = Store(state).snapshot()
        statements = 0
        t = time.perf_counter()
        for _ in range(a.runs):
            eng = Interpreter(world, "CLUSTERNODE-1", lab, STEP)
            _, ok = eng.run(tree, {"VMName": "HA-VM01"})
            assert ok, eng.errors
            statements += eng.statements
        engine_s = time.perf_counter() - t

        # the whole run_script: store transaction + engine
        t = time.perf_counter()
        n_full = max(a.runs // 4, 10)
        for _ in range(n_full):
            r = run_script(STEP, host="CLUSTERNODE-1", args={"VMName": "HA-VM01"}, state_dir=state)
            assert r.ok, r.error_text
        full_s = time.perf_counter() - t

    print(f"step script: {len(STEP.strip().splitlines())} lines, {statements // a.runs} statements executed per run")
    print(f"first parse (tree-sitter + compile): {parse_ms:.2f} ms; later parses hit the LRU cache")
    print(f"engine: {statements / engine_s:,.0f} statements/s, {engine_s / a.runs * 1000:.2f} ms per run ({a.runs} runs)")
    print(f"run_script incl. SQLite transaction: {full_s / n_full * 1000:.2f} ms per run ({n_full} runs)")


if __name__ == "__main__":
    main()
