"""Validation results as the ``validation-report`` step reads them from the
report Test-Cluster left on the node, the same on the twin and on Windows.

The step prints ``{"Report": <html path>, "Xml": <xml path or null>, "Tests":
[{"Category", "Test", "Result", "Reason"}]}``.  :func:`summary` turns that into
what runbook 4 shows and glues: the tests, and the count of each result.
Without the XML (``Xml`` null) the counts are None, which the chain report
prints as "not measured on real hosts", never zeros.

A result counts as it reads: ``Success``, ``Warning`` or ``Failed`` (compared
without case), the results the validation report shows for each test; any
other word (``Not Applicable``, ``Canceled``) is shown in the table and counted
under neither.  Microsoft documents no word list for the XML report; these
are the words the HTML report shows (and the twin writes:
labkit.twin.validation).  The report's location: "%SystemRoot%\\Cluster\\Reports\\
Validation Report date and time" (https://learn.microsoft.com/sql/sql-server/failover-clusters/windows/failover-cluster-troubleshooting).
"""

from __future__ import annotations

import re
from typing import Any

RESULTS = ("Success", "Warning", "Failed")


def tests_of(data: dict[str, Any]) -> list[dict[str, str]]:
    """The step's tests, each with Category, Test, Result and Reason (strings)."""
    tests = data.get("Tests") or []
    if isinstance(tests, dict):          # ConvertTo-Json of a one-element array inside an object stays a list; be lenient anyway
        tests = [tests]
    return [{k: str(t.get(k) or "") for k in ("Category", "Test", "Result", "Reason")} for t in tests]


def read(data: dict[str, Any]) -> bool:
    """Whether the step found the XML report (else the table is not measured)."""
    return bool(data.get("Xml"))


def counts(tests: list[dict[str, str]]) -> dict[str, int]:
    return {r: sum(1 for t in tests if t["Result"].strip().lower() == r.lower()) for r in RESULTS}


def failed(tests: list[dict[str, str]]) -> list[str]:
    """One line per failed test: category / test: reason."""
    return [f"{t['Category']} / {t['Test']}: {t['Reason']}" for t in tests if t["Result"].strip().lower() == "failed"]


#: Test-Cluster's overall verdict, which it writes as a warning after the per-test warnings, e.g.
#: "WARNING: Test Result: ClusterConditionallyApproved Testing has completed successfully. ..." (its output as
#: quoted in "Testing a Failover Cluster with Powershell", http://www.youdidwhatwithtsql.com/testing-failover-cluster-powershell/1377/;
#: labkit.twin.validation writes the same texts).  It is there whether or not the XML report could be read.
_VERDICT = re.compile(r"Test Result:\s*(\w+)")
NOT_APPROVED = "ClusterNotApproved"


def verdict(warnings: list[str]) -> str | None:
    """The word after "Test Result:" in Test-Cluster's warnings (ClusterApproved, ClusterConditionallyApproved,
    ClusterNotApproved), or None when it wrote none."""
    for w in warnings:
        m = _VERDICT.search(w)
        if m:
            return m.group(1)
    return None


def summary(data: dict[str, Any], test_result: str | None = None) -> dict[str, Any]:
    """What the runbook glues as ``validation``: counts (None when the report could not be read), report path,
    Test-Cluster's verdict when it wrote one (it writes none when every test passed), tests."""
    tests = tests_of(data)
    n = counts(tests) if read(data) else dict.fromkeys(RESULTS)
    out = {"passed": n["Success"], "warnings": n["Warning"], "failed": n["Failed"], "report": data.get("Report"), "tests": tests}
    if test_result:
        out["verdict"] = test_result
    return out
