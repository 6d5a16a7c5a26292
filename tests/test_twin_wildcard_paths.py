"""Get-ChildItem with a wildcard in the path's last part: the items it matches, not their children
(PowerShell's SessionStateContainer.GetChildItems: globbing without -Recurse gets the resolved items;
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.management/get-childitem?view=powershell-5.1)."""

from __future__ import annotations

from pathlib import Path

from support.twin_script import ps, out


def test_wildcard_leaf_lists_the_matching_items(state: Path) -> None:
    assert out(state, r"(Get-ChildItem C:\ClusterStorage\Volume1\*).Name") == out(state, r"(Get-ChildItem C:\ClusterStorage\Volume1).Name")
    names = out(state, r"Get-ChildItem 'C:\Windows\Cluster\Reports\*.xml' -Name")
    assert names and all(n.startswith("Validation Report ") and n.endswith(".xml") for n in names)
    # a folder matched by the wildcard is that folder's item, not its contents
    assert out(state, r"(Get-ChildItem C:\ClusterStorage\Vol*).FullName") == ["C:\\ClusterStorage\\Volume1"]
    assert out(state, r"Get-ChildItem C:\ClusterStorage\*.none") == []


def test_wildcard_paths_the_twin_does_not_resolve_are_refused(state: Path) -> None:
    r = ps(state, r"Get-ChildItem C:\ClusterStorage\Vol*\VMs")
    assert r.errors and "not emulated" in r.errors[0].message
    # a wildcard leaf with -Recurse searches below its folder for matching names (labkit.twin.child_item_filters)
    assert out(state, r"(Get-ChildItem C:\ClusterStorage\Vol* -Recurse).FullName") == ["C:\\ClusterStorage\\Volume1"]
    r = ps(state, r"Get-ChildItem C:\Nope\*")
    assert r.errors[0].message == "Cannot find path 'C:\\Nope' because it does not exist."
