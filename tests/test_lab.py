"""The lab file: the default lab is valid; each rule has a failing example
with the right message; every mistake is reported at once."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from labkit.lab import DEFAULT_LAB_PATH, Lab, LabError, parse_size

DEFAULT = yaml.safe_load(DEFAULT_LAB_PATH.read_text())


def lab_with(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = copy.deepcopy(DEFAULT)
    change(data)
    return data


def issues_of(data: dict[str, Any]) -> list[str]:
    with pytest.raises(LabError) as e:
        Lab.from_dict(data)
    return [str(i) for i in e.value.issues]


def test_default_lab_mirrors_the_procedure() -> None:
    lab = Lab.load()
    assert lab.node_names == ["CLUSTERNODE-1", "CLUSTERNODE-2"]
    assert lab.quorum_lun.size == 1024**3
    assert [l.size for l in lab.csv_luns] == [500 * 1024**3]
    assert len(lab.vms) == 1
    assert set(lab.networks) == {"Public", "iSCSI", "Heartbeat", "Management"}
    assert lab.host("clusternode-1").addresses["iSCSI"].exploded == "10.0.20.31"


@pytest.mark.parametrize(
    "change, path, words",
    [
        (lambda d: d["cluster"].update(name="HYPERVCLUSTER-0001"), "cluster.name", "cut the cluster's computer object name to its first 15"),
        (lambda d: d["nodes"][0].update(name="NODE*1"), "nodes[0].name", "cannot contain *"),
        (lambda d: d["nodes"][1].update(name="12345"), "nodes[1].name", "all digits"),
        (lambda d: d["nodes"][1].update(name="clusternode-1"), "nodes[1].name", "already used"),
        (lambda d: d["nodes"][0]["addresses"].update(iSCSI="10.0.21.31"), "nodes[0].addresses.iSCSI", "not a host address of the iSCSI network"),
        (lambda d: d["nodes"][1]["addresses"].update(Public="192.168.10.31"), "nodes[1].addresses.Public", "already used by nodes[0].addresses.Public"),
        (lambda d: d["nodes"][1]["addresses"].update(Public="192.168.10.999"), "nodes[1].addresses.Public", "not an IPv4 address"),
        (lambda d: d["cluster"].update(address="10.0.30.50"), "cluster.address", "Public network"),
        (lambda d: d["cluster"].update(address="192.168.10.31"), "cluster.address", "collides with nodes[0].addresses.Public"),
        (lambda d: d.update(nodes=d["nodes"][:1]), "nodes", "at least 2 nodes"),
        (lambda d: d["nodes"][1].update(os={"version": "2022", "edition": "Standard", "processor": "Intel"}), "nodes[1].os.edition", "same edition"),
        (lambda d: d["nodes"][1].update(os={"version": "2019", "edition": "Datacenter", "processor": "Intel"}), "nodes[1].os.version", "same Windows Server version"),
        (lambda d: d["nodes"][1].update(os={"version": "2022", "edition": "Datacenter", "processor": "AMD"}), "nodes[1].os.processor", "between Intel and AMD hosts is not possible"),
        (lambda d: d["luns"][1].update(size=0), "luns[1].size", "must be positive"),
        (lambda d: d["luns"][1].update(size="lots"), "luns[1].size", "is not a size"),
        (lambda d: d["vms"][0].update(name="web'01"), "vms[0].name", "no quotes"),
        (lambda d: d["vms"][0].update(name='web"01'), "vms[0].name", "no quotes"),
        (lambda d: d["vms"][0].update(memory="0GB"), "vms[0].memory", "must be positive"),
        (lambda d: d["luns"][0].update(name="CSV01"), "luns[1].name", "already used"),
        (lambda d: d.update(colour="blue"), "colour", "unknown key"),
        (lambda d: d["nodes"][0].update(ram="8GB"), "nodes[0].ram", "unknown key"),
        (lambda d: d["networks"].pop("Heartbeat"), "networks.Heartbeat", "needs the Heartbeat network"),
        (lambda d: d["networks"]["iSCSI"].update(cidr="192.168.10.0/25"), "networks.iSCSI.cidr", "overlaps network Public"),
    ],
)
def test_each_rule_names_path_value_and_rule(change: Callable[[dict[str, Any]], None], path: str, words: str) -> None:
    found = issues_of(lab_with(change))
    assert any(i.startswith(path + " = ") and words in i for i in found), found


def test_node_limit_follows_the_os_profile() -> None:
    def nodes(n: int, version: str) -> dict[str, Any]:
        def change(d: dict[str, Any]) -> None:
            d["os"]["version"] = version
            d["nodes"] = [
                {"name": f"NODE-{i}", "addresses": {net: f"{base}.{i + 100}" for net, base in
                 (("Public", "192.168.10"), ("iSCSI", "10.0.20"), ("Heartbeat", "10.0.30"), ("Management", "10.0.40"))}}
                for i in range(n)
            ]
        return lab_with(change)

    assert len(Lab.from_dict(nodes(16, "2008R2")).nodes) == 16
    assert any("2008R2 clusters hold at most 16 nodes" in i for i in issues_of(nodes(17, "2008R2")))
    assert len(Lab.from_dict(nodes(64, "2022")).nodes) == 64
    found = issues_of(nodes(65, "2022"))
    assert found == ["nodes = 65: Windows Server 2022 clusters hold at most 64 nodes; remove 1"]


def test_processor_compatibility_does_not_allow_mixed_makers() -> None:
    """Processor compatibility spans generations of one maker, never Intel and AMD (Microsoft's
    processor-compatibility-mode-hyper-v page): the lab file with both is refused all the same."""
    def change(d: dict[str, Any]) -> None:
        d["processor_compatibility"] = True
        d["nodes"][1]["os"] = {"version": "2022", "edition": "Datacenter", "processor": "AMD"}

    assert any("nodes[1].os.processor" in i and "even with processor_compatibility" in i for i in issues_of(lab_with(change)))


@pytest.mark.parametrize("text, expected", [("500GB", 500 * 1024**3), ("1 gb", 1024**3), ("2048MB", 2 * 1024**3), (4096, 4096), ("1.5TB", int(1.5 * 1024**4))])
def test_sizes_parse_like_powershell_literals(text: object, expected: int) -> None:
    assert parse_size(text) == expected


def test_all_mistakes_are_reported_at_once(tmp_path: Path) -> None:
    def three(d: dict[str, Any]) -> None:
        d["cluster"]["name"] = "A-CLUSTER-NAME-OF-20"
        d["nodes"][0]["addresses"]["Heartbeat"] = "10.9.9.9"
        d["vms"][0]["name"] = "vm'; Remove-Item C:\\ -Recurse"

    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(lab_with(three)))
    run = subprocess.run([sys.executable, "-m", "labkit.cli", "lab", "check", str(bad)], capture_output=True, text=True)
    assert run.returncode == 2
    err = " ".join(run.stderr.split())
    assert "3 problem(s)" in err
    for needle in ("cluster.name = 'A-CLUSTER-NAME-OF-20'", "nodes[0].addresses.Heartbeat = '10.9.9.9'", "vms[0].name ="):
        assert needle in err, run.stderr


def test_lab_check_and_show_on_the_default_lab() -> None:
    check = subprocess.run([sys.executable, "-m", "labkit.cli", "lab", "check"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert "CLUSTERNODE-1" in check.stdout and "valid" in check.stdout
    assert len(check.stdout.splitlines()) <= 25  # one screen
    show = subprocess.run([sys.executable, "-m", "labkit.cli", "lab", "show"], capture_output=True, text=True)
    assert show.returncode == 0, show.stderr
    for needle in ("192.168.10.31", "10.0.20.20", "Quorum", "500GB", "HA-VM01"):
        assert needle in show.stdout


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "labkit.cli", "lab", "check", str(tmp_path / "nope.yaml")], capture_output=True, text=True)
    assert run.returncode == 2
    assert "no such file" in run.stderr


def test_round_trip_through_yaml() -> None:
    lab = Lab.load()
    again = Lab.from_dict(yaml.safe_load(lab.to_yaml()))
    assert again.to_dict() == lab.to_dict()


def _issues(data: dict[str, Any]) -> list[str]:
    """The lab's issues, [] when it is valid."""
    try:
        Lab.from_dict(data)
    except LabError as e:
        return [str(i) for i in e.issues]
    return []


# Microsoft, "Naming conventions in Active Directory for computers, domains, sites, and OUs":
# a computer name is its DNS host name (letters, digits, hyphens), 1-15 characters.
@pytest.mark.parametrize("bad", ["NODE`1", "NODE;1", "NODE=1", "NODE+1", "NODE[1]", "NODE 1", "NÖDE1", "12345"])
def test_computer_names_windows_refuses(bad: str) -> None:
    data = lab_with(lambda d: d["nodes"][1].__setitem__("name", bad))
    found = [i for i in _issues(data) if i.startswith("nodes[1].name")]
    assert found and repr(bad) in found[0], _issues(data)


def test_computer_name_length_boundary() -> None:
    assert not [i for i in _issues(lab_with(lambda d: d["nodes"][1].__setitem__("name", "N" * 15))) if "nodes[1].name" in i]
    assert [i for i in _issues(lab_with(lambda d: d["nodes"][1].__setitem__("name", "N" * 16))) if "at most 15" in i]


@pytest.mark.parametrize("fqdn, words", [
    ("lab", "single-label"), ("lab..local", "not a DNS label"), ("-lab.local", "not a DNS label"),
    ("lab_x.local", "not a DNS label"), ("l" * 64 + ".local", "at most 63"), ("a." * 130 + "local", "at most 255"),
    ("lab.123", "top-level label"),
])
def test_domain_fqdn_is_checked(fqdn: str, words: str) -> None:
    found = [i for i in _issues(lab_with(lambda d: d["domain"].__setitem__("fqdn", fqdn))) if i.startswith("domain.fqdn")]
    assert found and words in found[0], found


@pytest.mark.parametrize("netbios, words", [
    ("LAB.LOCAL", "cannot contain ."), ("LAB:1", "cannot contain :"), ("L" * 16, "at most 15"), ("", "cannot be empty"),
    ("SYSTEM", "reserved word"), ("builtin", "reserved word"),
])
def test_domain_netbios_is_checked(netbios: str, words: str) -> None:
    found = [i for i in _issues(lab_with(lambda d: d["domain"].__setitem__("netbios", netbios))) if i.startswith("domain.netbios")]
    assert found and words in found[0], found


@pytest.mark.parametrize("version, memory, vhd, bad", [
    ("2022", "12TB", "64TB", []),
    ("2022", "12290GB", "64TB", ["vms[0].memory"]),
    ("2022", "4GB", "65TB", ["vms[0].vhd_size"]),
    ("2012R2", "1TB", "64TB", []),
    ("2012R2", "1026GB", "64TB", ["vms[0].memory"]),
    ("2008R2", "64GB", "2040GB", []),
    ("2008R2", "66GB", "2041GB", ["vms[0].memory", "vms[0].vhd_size"]),
    ("2022", "16MB", "40GB", ["vms[0].memory"]),
])
def test_vm_memory_and_disk_within_hyper_v_limits(version: str, memory: str, vhd: str, bad: list[str]) -> None:
    def change(d: dict[str, Any]) -> None:
        d["os"] = {**d.get("os", {}), "version": version}
        for n in d["nodes"]:
            n.pop("os", None)
        d["vms"][0].update(memory=memory, vhd_size=vhd)

    found = sorted({i.split(" = ")[0] for i in _issues(lab_with(change)) if i.startswith("vms[0]")})
    assert found == bad, _issues(lab_with(change))
    for i in _issues(lab_with(change)):
        if i.startswith("vms[0]"):
            assert "Windows Server" in i or "at least" in i
