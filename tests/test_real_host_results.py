"""On real hosts a figure Windows did not give (no XML validation report beside
the HTML one, no migration events found, a quick migration's downtime) is
absent: the chain's report says "not measured on real hosts", never None, a
zero or a twin figure.  (What Windows does give: tests/test_validation_report.py,
tests/test_live_migration_timing.py.)"""

from __future__ import annotations

from labkit.lab import Lab
from labkit.report import NOT_MEASURED, chain_report


def test_report_says_not_measured_for_absent_figures(tmp_path):
    summary = {
        "ok": True, "backend": "winrm", "lab": "vagrant-lab.yaml",
        "notebooks": [{"name": "04-validate", "status": "ok", "seconds": 1.0, "changed": 0}],
        "results": {
            "validation": {"passed": None, "warnings": None, "failed": None, "report": "C:\\Windows\\Cluster\\Reports\\v.htm", "tests": []},
            "live_migration": {"vm": "HA-VM01", "from": "CLUSTERNODE-1", "to": "CLUSTERNODE-2", "blackout_ms": None, "total_s": None},
            "quick_migration": {"vm": "HA-VM01", "downtime_s": None},
        },
    }
    html = chain_report(summary, Lab.load(None), tmp_path).read_text(encoding="utf-8")
    assert html.count(NOT_MEASURED) == 6
    assert ">None<" not in html and "CLUSTERNODE-2" in html
