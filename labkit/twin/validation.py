"""Cluster validation on the twin: Test-Cluster's tests, their results and the
HTML report.

Test-Cluster (``labkit.twin.modules.failoverclusters``) runs :func:`run`
over the nodes, returns the report *file* as Windows does (a FileInfo-shaped
object: FullName, Name, Length ...) and keeps the per-test results in the
world (``world.reports``, the last few runs).  Python reads them back with
:func:`last_report` (``state_dir``) -- that is how a runbook shows the table on
the twin -- and :func:`frame` turns one into a DataFrame.  When the engine's
context exposes ``state_dir`` the HTML is also written to
``<state_dir>/reports/<report name>`` (:func:`write_html` does it on demand).
On the node itself Test-Cluster leaves the HTML report at the path it returns
and the XML beside it (:func:`report_files`, :func:`render_xml`), where
Get-Content and the ``validation-report`` step read them as on Windows.

Each test reports ``Success``, ``Warning``, ``Failed`` or ``Not Applicable``
with a reason.  What fails, as on real servers: a node without the Failover
Clustering feature (Validate Required Services) or without Hyper-V running
(Validate Hyper-V Role Installed), nodes of different Windows Server
version or edition, nodes outside the domain, shared disks that not every
node sees; a single network path between nodes is a Warning ("single point of
failure"), no path at all a failure.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from labkit.twin.modules.system import os_caption
from labkit.twin.objects import PSObject
from labkit.twin.store import Store
from labkit.twin.world import Host, World

CATEGORIES = ("Inventory", "Network", "Storage", "System Configuration", "Hyper-V Configuration")
REPORT_FOLDER = r"C:\Windows\Cluster\Reports"
KEEP_REPORTS = 5


# Windows' test names are "List ..." (inventory and listing tests) or "Validate ..." (checks): Test-Cluster's page,
# Example 7, -Include "List System Drivers","List Unsigned Drivers"
# (https://learn.microsoft.com/en-us/powershell/module/failoverclusters/test-cluster?view=windowsserver2022-ps).
# Its categories beyond the twin's five: "Storage Spaces Direct" (Test-Cluster -Include "Storage Spaces Direct",
# https://learn.microsoft.com/en-us/windows-server/storage/storage-spaces/deploy-storage-spaces-direct) and
# "Cluster Configuration" (on a cluster already created, since 2008 R2:
# https://techcommunity.microsoft.com/blog/failoverclustering/new-validation-tests-in-2008-r2-failover-clustering/371199).
WINDOWS_ONLY_CATEGORIES = ("Cluster Configuration", "Storage Spaces Direct")


def is_windows_test_name(name: str) -> bool:
    """Whether a -Include/-Ignore value the twin does not know has the form of a test or category Windows runs."""
    text = name.strip()
    return text.lower() in (c.lower() for c in WINDOWS_ONLY_CATEGORIES) or \
        bool(re.match(r"(List|Validate) \w", text, re.IGNORECASE))


def category_of(name: str) -> str | None:
    """The category a -Include/-Ignore value names (a category or one test)."""
    for c in CATEGORIES:
        if c.lower() == name.lower():
            return c
    for c, tests in TESTS.items():
        if any(t.lower() == name.lower() for t in tests):
            return c
    return None


def _result(category: str, test: str, status: str, reason: str) -> dict[str, str]:
    return {"category": category, "test": test, "status": status, "reason": reason}


def _pairs(hosts: list[Host]) -> list[tuple[Host, Host]]:
    return [(a, b) for i, a in enumerate(hosts) for b in hosts[i + 1:]]


# -- the tests ----------------------------------------------------------------------------

def _inventory(world: World, hosts: list[Host]) -> list[dict[str, str]]:
    c = "Inventory"
    return [
        _result(c, "List BIOS Information", "Success", "Listed the BIOS of every node."),
        _result(c, "List Operating System Information", "Success", "; ".join(f"{h.name}: {os_caption(h)}" for h in hosts)),
        _result(c, "List Software Updates", "Success", "Listed the updates of every node."),
        _result(c, "List System Information", "Success", "; ".join(f"{h.name}: {h.cpus} processors, {h.memory // 2**30} GB" for h in hosts)),
    ]


def network_paths(world: World, a: Host, b: Host) -> list[str]:
    """Lab networks over which ``a`` and ``b`` reach each other."""
    out = []
    for name, n in world.networks.items():
        if a.address_on(n.cidr) and b.address_on(n.cidr) and world.link_up(a, name) and world.link_up(b, name):
            out.append(name)
    return out


def _network(world: World, hosts: list[Host]) -> list[dict[str, str]]:
    c = "Network"
    out = [_result(c, "List Network Binding Order", "Success", "Listed the adapters of every node.")]
    # IP configuration: duplicates and adapters without addresses
    problems, warnings = [], []
    seen: dict[str, str] = {}
    for h in hosts:
        for a in h.adapters:
            for ip in a.addresses:
                if ip.ip in seen and seen[ip.ip] != h.name:
                    problems.append(f"address {ip.ip} is used by both {seen[ip.ip]} and {h.name}")
                seen[ip.ip] = h.name
            if not a.addresses and not a.switch and not a.virtual and a.network:
                warnings.append(f"adapter '{a.name}' of {h.name} (cabled to {a.network}) has no IPv4 address")
    status = "Failed" if problems else ("Warning" if warnings else "Success")
    out.append(_result(c, "Validate IP Configuration", status, "; ".join(problems + warnings) or "Every adapter has a unique IPv4 address."))
    # communication: paths between every pair of nodes
    fails, single, detail = [], [], []
    for a, b in _pairs(hosts):
        paths = network_paths(world, a, b)
        detail.append(f"{a.name}-{b.name}: {', '.join(paths) or 'none'}")
        if not paths:
            fails.append(f"{a.name} and {b.name} cannot reach each other on any network")
        elif len(paths) == 1:
            single.append(f"{a.name} and {b.name} are connected by one network only ({paths[0]}): a single point of failure for cluster communication")
    status = "Failed" if fails else ("Warning" if single else "Success")
    out.append(_result(c, "Validate Network Communication", status, "; ".join(fails + single) or "Nodes reach each other on " + "; ".join(detail) + "."))
    cluster_nets = {n for a, b in _pairs(hosts) for n in network_paths(world, a, b)}
    status = "Failed" if fails else ("Warning" if len(cluster_nets) < 2 else "Success")
    out.append(_result(c, "Validate Cluster Network Configuration", status,
                       "Networks usable by the cluster: " + (", ".join(sorted(cluster_nets)) or "none") +
                       ("" if len(cluster_nets) >= 2 else " -- add a second network so that no single network failure isolates a node.")))
    out.append(_result(c, "Validate Windows Firewall Configuration", "Success", "The Failover Clusters firewall rules are enabled on every node."))
    return out


def _storage(world: World, hosts: list[Host]) -> list[dict[str, str]]:
    c = "Storage"
    out = []
    shared = [d for d in world.disks if any(h.view(d.id) for h in hosts)]
    in_use = {r.disk_id for r in (world.cluster.resources if world.cluster else []) if r.disk_id and (r.csv_volume is not None or (r.group not in ("Available Storage", None)))}
    if not shared:
        out.append(_result(c, "List Potential Cluster Disks", "Warning",
                           "No disks were found on which to perform cluster validation tests. Connect the nodes to the shared storage (iSCSI) first."))
        return out
    missing = []
    for d in shared:
        absent = [h.name for h in hosts if h.view(d.id) is None]
        if absent:
            seen = [h.name for h in hosts if h.view(d.id) is not None]
            missing.append(f"disk {d.source or d.id} ({d.size // 2**30} GB) is seen by {', '.join(seen)} but not by {', '.join(absent)}")
    listing = "; ".join(f"{d.source or d.id} {d.size // 2**30} GB {d.partition_style}" for d in shared)
    out.append(_result(c, "List All Disks", "Success", listing))
    out.append(_result(c, "List Potential Cluster Disks", "Failed" if missing else "Success",
                       "; ".join(missing) + " -- every node must see every shared disk (check the target's initiator list and each node's iSCSI connection)"
                       if missing else f"{len(shared)} disk(s) are visible to every node."))
    tested = [d for d in shared if d.id not in in_use]
    status = "Failed" if missing else "Success"
    for test in ("Validate Disk Arbitration", "Validate Disk Failover", "Validate SCSI-3 Persistent Reservation", "Validate Simultaneous Failover"):
        out.append(_result(c, test, status if tested else "Not Applicable",
                           ("Failed because not every node sees every disk." if missing else f"Tested {len(tested)} disk(s).") if tested
                           else "Disks in use by clustered roles are not tested (Stop-ClusterGroup first)."))
    return out


def _system(world: World, hosts: list[Host]) -> list[dict[str, str]]:
    c = "System Configuration"
    out = []
    outside = [h.name for h in hosts if not h.domain]
    domains = {h.domain.lower() for h in hosts if h.domain}
    if outside or len(domains) > 1:
        reason = "; ".join([f"{n} is not a member of a domain" for n in outside] +
                           ([f"the nodes are in different domains ({', '.join(sorted(domains))})"] if len(domains) > 1 else []))
        out.append(_result(c, "Validate Active Directory Configuration", "Failed", reason + ": every node must be in the same Active Directory domain."))
    else:
        out.append(_result(c, "Validate Active Directory Configuration", "Success", f"All nodes are members of domain {hosts[0].domain}."))
    out.append(_result(c, "Validate All Drivers Signed", "Success", "All drivers are signed."))
    versions = {h.os_version for h in hosts}
    editions = {h.edition for h in hosts}
    out.append(_result(c, "Validate Operating System Edition", "Failed" if len(editions) > 1 else "Success",
                       ("The nodes run different editions: " + ", ".join(f"{h.name} {h.edition}" for h in hosts) + ". All nodes must run the same edition.")
                       if len(editions) > 1 else f"All nodes run the {hosts[0].edition} edition."))
    out.append(_result(c, "Validate Operating System Version", "Failed" if len(versions) > 1 else "Success",
                       ("The nodes run different versions: " + ", ".join(f"{h.name} {h.os_version}" for h in hosts) + ". All nodes must run the same version.")
                       if len(versions) > 1 else f"All nodes run Windows Server {hosts[0].os_version}."))
    missing = [h.name for h in hosts if not h.installed("Failover-Clustering")]
    out.append(_result(c, "Validate Required Services", "Failed" if missing else "Success",
                       (f"The Cluster Service is not installed on {', '.join(missing)}: install the Failover-Clustering feature "
                        "(Install-WindowsFeature Failover-Clustering -IncludeManagementTools).") if missing
                       else "The Failover Clustering feature is installed on every node."))
    out.append(_result(c, "Validate Same Processor Architecture", "Success", "All nodes are x64."))
    out.append(_result(c, "Validate Software Update Levels", "Success", "All nodes have the same updates."))
    down = [h.name for h in hosts if not h.running]
    if down:
        out.append(_result(c, "Validate Node Reachability", "Failed", f"Cannot reach {', '.join(down)}."))
    return out


def _hyperv(world: World, hosts: list[Host]) -> list[dict[str, str]]:
    c = "Hyper-V Configuration"
    out = [_result(c, "List Information About Servers Running Hyper-V", "Success", ", ".join(h.name for h in hosts))]
    pending = [h.name for h in hosts if h.feature("Hyper-V") == "InstallPending"]
    absent = [h.name for h in hosts if h.feature("Hyper-V") == "Available"]
    if absent or pending:
        reason = "; ".join(([f"Hyper-V is not installed on {', '.join(absent)}"] if absent else []) +
                           ([f"Hyper-V waits for a restart on {', '.join(pending)}"] if pending else []))
        out.append(_result(c, "Validate Hyper-V Role Installed", "Failed", reason + "."))
    else:
        out.append(_result(c, "Validate Hyper-V Role Installed", "Success", "Hyper-V runs on every node."))
    # A Warning, not a failure: Windows lets such nodes form a cluster; what it forbids is moving a running VM between
    # makers, processor compatibility or not ("Running VMs can only be migrated between virtualization hosts that use
    # processors from the same manufacturer": https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/manage/processor-compatibility-mode-hyper-v).
    makers = {h.processor for h in hosts}
    out.append(_result(c, "Validate Matching Processor Manufacturers", "Warning" if len(makers) > 1 else "Success",
                       ("The nodes have processors from different manufacturers (" + ", ".join(f"{h.name} {h.processor}" for h in hosts) +
                        "): running virtual machines cannot live-migrate between processor manufacturers, even with processor "
                        "compatibility; they move between these nodes only shut down.") if len(makers) > 1
                       else f"All nodes have {hosts[0].processor} processors."))
    names = [{s.name.lower() for s in h.switches if s.switch_type == "External"} for h in hosts]
    common = set.intersection(*names) if names else set()
    every = set.union(*names) if names else set()
    out.append(_result(c, "Validate Hyper-V Virtual Switch Configuration", "Warning" if every - common else "Success",
                       f"Virtual switches not on every node: {', '.join(sorted(every - common))}; a VM connected to one cannot move."
                       if every - common else ("Every node has the virtual switch(es) " + ", ".join(sorted(common)) + "." if common else "No external virtual switches yet.")))
    return out


TESTS = {
    "Inventory": ["List BIOS Information", "List Operating System Information", "List Software Updates", "List System Information"],
    "Network": ["List Network Binding Order", "Validate IP Configuration", "Validate Network Communication",
                "Validate Cluster Network Configuration", "Validate Windows Firewall Configuration"],
    "Storage": ["List All Disks", "List Potential Cluster Disks", "Validate Disk Arbitration", "Validate Disk Failover",
                "Validate SCSI-3 Persistent Reservation", "Validate Simultaneous Failover"],
    "System Configuration": ["Validate Active Directory Configuration", "Validate All Drivers Signed", "Validate Operating System Edition",
                             "Validate Operating System Version", "Validate Required Services", "Validate Same Processor Architecture",
                             "Validate Software Update Levels", "Validate Node Reachability"],
    "Hyper-V Configuration": ["List Information About Servers Running Hyper-V", "Validate Hyper-V Role Installed",
                              "Validate Matching Processor Manufacturers", "Validate Hyper-V Virtual Switch Configuration"],
}
RUNNERS = {"Inventory": _inventory, "Network": _network, "Storage": _storage, "System Configuration": _system, "Hyper-V Configuration": _hyperv}


def run(world: World, hosts: list[Host], *, include: list[str] | None = None, ignore: list[str] | None = None,
        report_name: str | None = None) -> dict[str, Any]:
    """Run the validation tests over ``hosts``; the report is kept in ``world.reports``."""
    include = include or list(CATEGORIES)
    ignore = [i.lower() for i in (ignore or [])]
    wanted_categories = {category_of(i) for i in include}
    wanted_tests = {i.lower() for i in include if category_of(i) is not None and i.lower() not in (c.lower() for c in CATEGORIES)}
    results: list[dict[str, str]] = []
    for category in CATEGORIES:
        if category not in wanted_categories or category.lower() in ignore:
            continue
        for r in RUNNERS[category](world, hosts):
            whole = any(category.lower() == i.lower() for i in include)
            if (whole or r["test"].lower() in wanted_tests) and r["test"].lower() not in ignore:
                results.append(r)
    summary = {s: sum(1 for r in results if r["status"] == s) for s in ("Success", "Warning", "Failed", "Not Applicable")}
    stamp = world.now().strftime("%Y.%m.%d At %H.%M.%S")
    if report_name:
        full = str(report_name)
        if not full.lower().endswith((".htm", ".html", ".mht")):
            full += ".htm"
        if ":" not in full:
            full = REPORT_FOLDER + "\\" + full
    else:
        full = f"{REPORT_FOLDER}\\Validation Report {stamp}.htm"
    seconds = 30.0 + 20.0 * len({r['category'] for r in results}) * max(len(hosts), 1)
    report = {
        "id": len(world.reports) + 1 + sum(1 for e in world.history if e.get("kind") == "validation"),
        "name": full.rsplit("\\", 1)[-1],
        "path": full,
        "host": None,
        "time": world.now().isoformat(),
        "clock": round(world.clock, 3),
        "nodes": [h.name for h in hosts],
        "categories": sorted({r["category"] for r in results}, key=CATEGORIES.index),
        "results": results,
        "summary": summary,
        "passed": summary["Failed"] == 0,
        "seconds": seconds,
    }
    if summary["Failed"]:
        outcome = ("Test Result: ClusterNotApproved  Testing has completed for the tests you selected. One or more tests failed: "
                   "the configuration is not suitable for clustering. Review the report.")
    elif summary["Warning"]:
        outcome = ("Test Result: ClusterConditionallyApproved  Testing has completed successfully. The configuration appears to be suitable "
                   "for clustering.  However, you should review the report because it may contain warnings which you should address to "
                   "attain the highest availability.")
    else:
        outcome = "Test Result: ClusterApproved  Testing has completed successfully. The configuration appears to be suitable for clustering."
    report["warnings"] = [f"{r['category']} - {r['test']}: The test reported some warnings.." for r in results if r["status"] == "Warning"] + \
                         [f"{r['category']} - {r['test']}: The test failed. {r['reason']}" for r in results if r["status"] == "Failed"] + \
                         ([outcome] if summary["Failed"] or summary["Warning"] else [])
    report["outcome"] = outcome
    report["html_length"] = len(render_html(report).encode("utf-8"))
    world.reports = (world.reports + [report])[-KEEP_REPORTS:]
    world.record("validation", report=report["name"], passed=report["passed"], **{k.lower().replace(" ", "_"): v for k, v in summary.items()})
    return report


def file_object(report: dict[str, Any]) -> PSObject:
    """The report file as Test-Cluster returns it (System.IO.FileInfo)."""
    from datetime import datetime

    when = datetime.fromisoformat(report["time"])
    return PSObject(
        ["System.IO.FileInfo", "System.IO.FileSystemInfo"],
        {"Name": report["name"], "FullName": report["path"], "DirectoryName": report["path"].rsplit("\\", 1)[0],
         "Extension": "." + report["name"].rsplit(".", 1)[-1], "Length": report["html_length"], "Exists": True, "Mode": "-a----",
         "CreationTime": when, "LastWriteTime": when, "IsReadOnly": False},
        display=["Mode", "LastWriteTime", "Length", "Name"], tostring=report["path"],
    )


_COLORS = {"Success": "#2e7d32", "Warning": "#b26a00", "Failed": "#c62828", "Not Applicable": "#666"}


def render_html(report: dict[str, Any]) -> str:
    """A self-contained HTML validation report."""
    e = html.escape
    rows = "\n".join(
        f"<tr><td>{e(r['category'])}</td><td>{e(r['test'])}</td>"
        f"<td style='color:{_COLORS.get(r['status'], '#000')};font-weight:bold'>{e(r['status'])}</td><td>{e(r['reason'])}</td></tr>"
        for r in report["results"])
    summary = ", ".join(f"{k}: {v}" for k, v in report["summary"].items())
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Failover Cluster Validation Report</title>
<style>body{{font-family:Segoe UI,Arial,sans-serif;margin:2em}}table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}}th{{background:#eee}}</style>
</head><body>
<h1>Failover Cluster Validation Report</h1>
<p>Nodes: {e(', '.join(report['nodes']))}<br>Started: {e(report['time'])}<br>Categories: {e(', '.join(report['categories']))}</p>
<p><b>{e(report['outcome'])}</b></p>
<p>{e(summary)}</p>
<table><tr><th>Category</th><th>Test</th><th>Result</th><th>Description</th></tr>
{rows}
</table>
<p><small>Generated by the labkit twin ({e(report['path'])}).</small></p>
</body></html>
"""


def _cdata(text: str) -> str:
    return "<![CDATA[" + str(text).replace("]]>", "]]]]><![CDATA[>") + "]]>"


#: The Level a test's message carries in the XML report, by the test's result (the public readers match 'Warn' and 'Erro*').
_LEVELS = {"Warning": "Warn", "Failed": "Error"}


def render_xml(report: dict[str, Any]) -> str:
    """The validation report's XML, in the structure the public readers of Windows' own XML report use.

    Windows writes the validation results as XML besides the HTML report (the SQL Server Setup data
    collector gathers "Cluster reports XML files that are located at \\Windows\\Cluster\\Reports\\*.xml":
    https://learn.microsoft.com/troubleshoot/sql/database-engine/install/windows/sql-server-setup-data-collection-diagnostic-tool).
    Microsoft documents no schema; the structure here is the part scripts read from real reports
    (Ravikanth Chaganti, "Parsing Failover Cluster Validation Report in PowerShell", PowerShell Magazine,
    2020-01-30, https://www.powershellmagazine.com/2020/01/30/parsing-failover-cluster-validation-report-in-powershell/):
    ``Report`` > ``Channel`` > ``Channel`` elements; a category is a channel with ``Type="Summary"``, its
    ``id`` and its ``ChannelName``; a test is a channel whose ``SummaryChannel/Value`` names its category's
    id, with ``Title/Value``, ``Result/Value`` and ``Message`` elements (a message's ``Level`` is ``Warn``
    or ``Error...`` for warnings and errors); the texts are CDATA sections.  What those readers do not
    read (the root channel's and the tests' ``Type``, other elements) the twin leaves out rather than invent.
    """
    cats = report["categories"]
    ids = {c: "{%08d-0000-4000-8000-%012d}" % (report["id"], i + 1) for i, c in enumerate(cats)}
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<Report>", '  <Channel id="{%08d-0000-4000-8000-000000000000}">' % report["id"],
             "    <ChannelName>" + _cdata("Failover Cluster Validation Report") + "</ChannelName>"]
    for c in cats:
        lines.append(f'    <Channel id="{ids[c]}" Type="Summary">')
        lines.append("      <ChannelName>" + _cdata(c) + "</ChannelName>")
        lines.append("    </Channel>")
    for n, r in enumerate(report["results"], start=1):
        lines.append('    <Channel id="{%08d-0000-4000-8001-%012d}">' % (report["id"], n))
        lines.append("      <Title><Value>" + _cdata(r["test"]) + "</Value></Title>")
        lines.append("      <Result><Value>" + _cdata(r["status"]) + "</Value></Result>")
        lines.append("      <SummaryChannel><Value>" + _cdata(ids[r["category"]]) + "</Value></SummaryChannel>")
        level = _LEVELS.get(r["status"])
        lines.append("      <Message" + (f' Level="{level}"' if level else "") + ">" + _cdata(r["reason"]) + "</Message>")
        lines.append("    </Channel>")
    lines += ["  </Channel>", "</Report>", ""]
    return "\r\n".join(lines)


def xml_path(report: dict[str, Any]) -> str:
    """Where the XML report lies: beside the HTML report, the same name with .xml."""
    return report["path"].rsplit(".", 1)[0] + ".xml"


def report_files(report: dict[str, Any]) -> dict[str, str]:
    """The files Test-Cluster leaves on the node it ran on: the HTML report (the path it returns) and the XML."""
    return {report["path"]: render_html(report), xml_path(report): render_xml(report)}


def write_html(report: dict[str, Any], state_dir: str | Path) -> Path:
    """Write the report to ``<state_dir>/reports/<name>``; returns the path."""
    folder = Path(state_dir) / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / report["name"]
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(render_html(report), encoding="utf-8")
    tmp.replace(path)
    return path


def last_report(state_dir: str | Path = ".lab", *, write: bool = True) -> dict[str, Any] | None:
    """The latest Test-Cluster report kept in the twin's world, or None.

    The dict holds ``results`` (category/test/status/reason), the same as
    ``tests`` (Category/Test/Result/Reason, for tables), ``summary``,
    ``passed``, ``path`` (the report's path on the node), ``nodes`` ...  With
    ``write`` the HTML is (re)written to ``<state_dir>/reports/`` and its local
    path is under ``html_path``."""
    world, _, _ = Store(state_dir).snapshot()
    if not world.reports:
        return None
    report = dict(world.reports[-1])
    report["tests"] = [{"Category": r["category"], "Test": r["test"], "Result": r["status"], "Reason": r["reason"]} for r in report["results"]]
    if write:
        report["html_path"] = str(write_html(report, state_dir))
    return report


def frame(report: dict[str, Any]) -> Any:
    """The report's results as a DataFrame (category, test, status, reason)."""
    import pandas as pd

    return pd.DataFrame(report["results"], columns=["category", "test", "status", "reason"])
