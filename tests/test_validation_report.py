"""Runbook 4's validation table comes from the report Test-Cluster leaves on
the node, read there by the ``validation-report`` step: the same script on the
twin and on Windows.

* The twin's Test-Cluster returns the report file and leaves it, with the XML
  beside it, where Get-Item, Test-Path and Get-Content find it.
* The step reads the twin's report into the twin's own results.
* A report in Windows' structure (tests/support/validation-report.xml) read by
  the step over WinRM (the winrm backend against ``labkit twin serve``) gives
  the table an independent reader of that XML gives, and the same as the twin
  backend.
"""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from labkit import steps, validation_results
from labkit.backends.credentials import Credentials, Secret
from labkit.backends.twin import TwinBackend
from labkit.backends.winrm import WinRMBackend
from labkit.lab import Lab
from labkit.report import validation_frame
from labkit.twin.serve import TwinServer
from labkit.twin.session import load_world, run_script
from test_world_rules import BEFORE_VALIDATION, build

N1, N2 = "CLUSTERNODE-1", "CLUSTERNODE-2"
FIXTURE = Path(__file__).parent / "support" / "validation-report.xml"
CREDS = Credentials("LAB\\student", Secret("validation-report-test-password"))


@pytest.fixture(scope="module")
def validated_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("validation") / "state", BEFORE_VALIDATION)


@pytest.fixture
def state(validated_base: Path, tmp_path: Path) -> Path:
    shutil.copytree(validated_base, tmp_path / "state")
    return tmp_path / "state"


def ok(state: Path, script: str, args: dict | None = None) -> str:
    r = run_script(script, host=N1, state_dir=state, args=args)
    assert r.ok and not r.errors, r.error_text
    return r.text.strip()


def test_test_cluster_returns_the_report_file_it_leaves_on_the_node(state: Path) -> None:
    out = ok(state, "$r = Test-Cluster -Node CLUSTERNODE-1, CLUSTERNODE-2 -Include Inventory, Network\n"
                    "$r.GetType().FullName\n$r.FullName\n(Get-Item -LiteralPath $r.FullName).Length -eq $r.Length\n"
                    "Test-Path -LiteralPath ([IO.Path]::ChangeExtension($r.FullName, '.xml'))\n"
                    "(Get-Content -LiteralPath $r.FullName -Raw).Contains('Failover Cluster Validation Report')\n"
                    "(Get-ChildItem C:\\Windows\\Cluster\\Reports).Name").splitlines()
    kind, path, same_length, xml_there, is_report, *listing = out
    assert kind == "System.IO.FileInfo"
    # %SystemRoot%\Cluster\Reports\Validation Report <date> At <time>.htm
    assert path.startswith("C:\\Windows\\Cluster\\Reports\\Validation Report ") and path.endswith(".htm")
    assert (same_length, xml_there, is_report) == ("True", "True", "True")
    stem = path.rsplit("\\", 1)[1][:-4]
    assert sorted(listing) == [stem + ".htm", stem + ".xml"]


def test_the_step_reads_the_twins_report_into_the_twins_results(state: Path) -> None:
    path = ok(state, "(Test-Cluster -Node CLUSTERNODE-1, CLUSTERNODE-2).FullName")
    r = run_script(steps.script("validation-report"), host=N1, state_dir=state, args={"Report": path})
    assert r.ok and not r.errors, r.error_text
    import json

    data = json.loads(r.text)
    results = load_world(state).reports[-1]["results"]
    assert data["Xml"] == path[:-4] + ".xml"
    assert validation_results.tests_of(data) == [
        {"Category": x["category"], "Test": x["test"], "Result": x["status"], "Reason": x["reason"]} for x in results]
    summary = validation_results.summary(data)
    assert summary["passed"] == sum(x["status"] == "Success" for x in results) > 0
    assert summary["failed"] == 0 and summary["report"] == path


def test_no_xml_beside_the_report_is_not_measured_not_zero(state: Path) -> None:
    r = run_script(steps.script("validation-report"), host=N1, state_dir=state,
                   args={"Report": "C:\\Windows\\Cluster\\Reports\\Validation Report 2020.01.01 At 00.00.00.htm"})
    assert r.ok and not r.errors, r.error_text
    import json

    summary = validation_results.summary(json.loads(r.text))
    assert summary["tests"] == [] and (summary["passed"], summary["warnings"], summary["failed"]) == (None, None, None)


def independent_reading(text: str) -> list[dict[str, str]]:
    """The fixture read by Python's ElementTree, following the structure, not the step."""
    root = ET.fromstring(text)
    channels = root.findall("./Channel/Channel")
    cats = {c.get("id"): c.findtext("ChannelName") for c in channels if c.get("Type") == "Summary"}
    return [{"Category": cats[c.findtext("SummaryChannel/Value")], "Test": c.findtext("Title/Value") or "",
             "Result": c.findtext("Result/Value") or "", "Reason": " ".join(m.text or "" for m in c.findall("Message"))}
            for c in channels if c.get("Type") != "Summary" and c.find("SummaryChannel") is not None]


def test_a_report_in_windows_structure_gives_the_same_table_over_winrm(state: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    report = "C:\\Windows\\Cluster\\Reports\\Validation Report 2024.05.06 At 07.08.09.htm"
    ok(state, "param($Path, $Text)\nNew-Item -ItemType Directory -Path C:\\Windows\\Cluster\\Reports -Force | Out-Null\n"
              "Set-Content -LiteralPath ([IO.Path]::ChangeExtension($Path, '.xml')) -Value $Text", {"Path": report, "Text": text})
    lab = Lab.load(None)
    with TwinServer(lab, state, credentials=CREDS) as srv:
        with WinRMBackend(Lab.load(srv.lab_file), credentials=CREDS) as winrm, TwinBackend(lab, state) as twin:
            served = winrm.run([N1], steps.script("validation-report"), {"Report": report}, label="validation-report")[N1]
            direct = twin.run([N1], steps.script("validation-report"), {"Report": report}, label="validation-report")[N1]
    assert served.ok and direct.ok, (served, direct)
    expected = independent_reading(text)
    assert [t["Result"] for t in expected] == ["Warning", "Success", "Failed", "Not Applicable"]
    assert validation_results.tests_of(served.data) == expected == validation_results.tests_of(direct.data)
    table = validation_frame(validation_results.tests_of(served.data))
    assert list(table.columns) == ["Category", "Test", "Result", "Reason"]
    assert table.iloc[2].tolist() == ["System Configuration", "Validate Active Directory Configuration", "Failed",
                                      "NODE-2 is not a member of domain lab.example & must join it <first>."]
    summary = validation_results.summary(served.data)
    assert (summary["passed"], summary["warnings"], summary["failed"]) == (1, 1, 1)
    assert validation_results.failed(summary["tests"]) == [
        "System Configuration / Validate Active Directory Configuration: NODE-2 is not a member of domain lab.example & must join it <first>."]


def test_test_clusters_verdict_is_read_from_its_warnings(state: Path) -> None:
    # Windows' text as admins quote it (http://www.youdidwhatwithtsql.com/testing-failover-cluster-powershell/1377/)
    assert validation_results.verdict([
        "Network - Validate IP Configuration: The test reported some warnings..",
        "Test Result: ClusterConditionallyApproved Testing has completed successfully. The configuration appears to be "
        "suitable for clustering."]) == "ClusterConditionallyApproved"
    assert validation_results.verdict(["something else"]) is None
    # A server without the Failover Clustering feature fails validation: the twin says so the same way.
    r = run_script("$null = Test-Cluster -Node CLUSTERNODE-1, STORAGE01", host=N1, state_dir=state)
    assert r.ok, r.error_text
    assert validation_results.verdict(r.warnings) == validation_results.NOT_APPROVED


def test_the_verdict_is_glued_only_when_test_cluster_wrote_one() -> None:
    data = {"Report": "r.htm", "Xml": "r.xml", "Tests": [{"Category": "c", "Test": "t", "Result": "Success", "Reason": ""}]}
    assert "verdict" not in validation_results.summary(data)          # never "not measured" for a clean validation
    assert validation_results.summary(data, "ClusterNotApproved")["verdict"] == "ClusterNotApproved"
