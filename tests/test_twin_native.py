"""Native programs students type between steps (hostname, whoami, ipconfig,
ping, cmd /c), $LASTEXITCODE and $?, and the difference between a command
the twin does not emulate and a name that exists nowhere.

The lab is built by running the procedure's steps (test_world_procedure.SECTIONS)
through the twin; the expected texts come from the programs' pages on
learn.microsoft.com (windows-commands/ipconfig, ping, whoami, hostname, cmd)
and 5.1's CommandNotFoundException message.
"""

from __future__ import annotations

from pathlib import Path

from labkit.lab import Lab
from labkit.twin import faults
from test_world_rules import checkpoints, fails, ok, ps, state, world  # noqa: F401  (fixtures)
from test_world_rules import out as lines
from test_world_procedure import N1, N2, ST

LAB = Lab.load()
NOT_RECOGNIZED = ("The term '{0}' is not recognized as the name of a cmdlet, function, script file, or operable program. "
                  "Check the spelling of the name, or if a path was included, verify that the path is correct and try again.")


def test_hostname_and_whoami_name_the_host_and_the_domain_logon(state: Path) -> None:
    assert lines(state, N1, "hostname") == [N1]
    assert lines(state, ST, "hostname.exe") == [ST]
    assert lines(state, N2, "whoami") == [f"{LAB.domain.netbios.lower()}\\administrator"]
    assert lines(state, N1, "hostname | Out-Null; $LASTEXITCODE; $?") == [0, True]


def test_ipconfig_prints_the_adapters_that_carry_ip(state: Path) -> None:
    out = lines(state, N1, "ipconfig")
    assert out[:3] == ["", "Windows IP Configuration", ""]
    text = "\n".join(out)
    h = LAB.host(N1)
    # The Public adapter belongs to the external switch: its address lives on the host vNIC.
    assert "Ethernet adapter Public:" not in text and "Ethernet adapter vEthernet (External):" in text
    for net in ("Management", "iSCSI", "Heartbeat"):
        block = text.split(f"Ethernet adapter {net}:", 1)[1].split("Ethernet adapter", 1)[0]
        assert f"   IPv4 Address. . . . . . . . . . . : {h.addresses[net]}" in block
        assert f"   Subnet Mask . . . . . . . . . . . : {LAB.networks[net].netmask}" in block
    vnic = text.split("Ethernet adapter vEthernet (External):", 1)[1]
    assert f": {h.addresses['Public']}" in vnic
    assert "   Connection-specific DNS Suffix  . : " in out


def test_ipconfig_all_adds_the_host_and_adapter_details(state: Path) -> None:
    w = world(state)
    host = w.host(N1)
    text = "\n".join(lines(state, N1, "ipconfig /all"))
    assert f"   Host Name . . . . . . . . . . . . : {N1}" in text
    assert f"   Primary Dns Suffix  . . . . . . . : {LAB.domain.fqdn}" in text
    mgmt = next(a for a in host.adapters if a.name == "Management")
    block = text.split("Ethernet adapter Management:", 1)[1].split("Ethernet adapter", 1)[0]
    assert f"   Physical Address. . . . . . . . . : {mgmt.mac}" in block
    assert f"   Description . . . . . . . . . . . : {mgmt.description}" in block
    assert f"   IPv4 Address. . . . . . . . . . . : {mgmt.addresses[0].ip}(Preferred) " in block
    assert f"   DNS Servers . . . . . . . . . . . : {mgmt.dns_servers[0]}" in block


def test_ipconfig_refuses_options_it_does_not_emulate(state: Path) -> None:
    assert "not emulated" in fails(state, N1, "ipconfig /flushdns")


def test_ping_replies_and_sets_lastexitcode(state: Path) -> None:
    target = LAB.host(N2).addresses["Heartbeat"]
    out = lines(state, N1, f"ping -n 2 {target}; \"exit=$LASTEXITCODE\"")
    assert out[1] == f"Pinging {target} with 32 bytes of data:"
    assert out.count(f"Reply from {target}: bytes=32 time<1ms TTL=128") == 2
    assert f"    Packets: Sent = 2, Received = 2, Lost = 0 (0% loss)," in out
    assert out[-1] == "exit=0"
    by_name = lines(state, N1, f"ping {N2} -n 1")
    assert by_name[1].startswith(f"Pinging {N2}.{LAB.domain.fqdn} [") and by_name[1].endswith("] with 32 bytes of data:")


def test_ping_times_out_when_the_network_is_cut_or_the_host_crashed(state: Path) -> None:
    target = LAB.host(N2).addresses["Heartbeat"]
    faults.cut(state, "Heartbeat")
    out = lines(state, N1, f"ping -n 3 {target}; \"$? $LASTEXITCODE\"")
    assert out.count("Request timed out.") == 3 and "    Packets: Sent = 3, Received = 0, Lost = 3 (100% loss)," in out
    assert out[-1] == "False 1"
    mgmt = LAB.host(N2).addresses["Management"]
    assert lines(state, N1, f"ping -n 1 {mgmt} | Out-Null; $LASTEXITCODE") == [0]
    faults.crash(state, N2)
    assert lines(state, N1, f"ping -n 1 {mgmt} | Out-Null; $LASTEXITCODE") == [1]


def test_ping_an_unknown_name(state: Path) -> None:
    out = lines(state, N1, "ping nosuchhost; $LASTEXITCODE")
    assert out == ["Ping request could not find host nosuchhost. Please check the name and try again.", 1]


def test_cmd_runs_echo_ver_and_hostname_and_refuses_the_rest(state: Path) -> None:
    assert lines(state, N1, "cmd /c echo hello %COMPUTERNAME%") == [f"hello {N1}"]
    assert lines(state, N1, "cmd /c ver") == ["", "Microsoft Windows [Version 10.0.20348.2849]"]
    assert lines(state, N1, "cmd /c hostname") == [N1]
    assert "not emulated" in fails(state, N1, "cmd /c dir C:\\")


def test_a_name_found_nowhere_is_not_recognized(state: Path) -> None:
    r = ps(state, N1, "Get-Foo")
    assert r.errors[0].message == NOT_RECOGNIZED.format("Get-Foo")
    assert r.errors[0].category == "ObjectNotFound" and r.errors[0].error_id == "CommandNotFoundException"
    # cluster.exe needs the optional Failover Cluster Command Interface feature, which the lab does not install.
    assert fails(state, N1, "cluster node") == NOT_RECOGNIZED.format("cluster")


def test_a_windows_command_the_twin_lacks_is_not_emulated(state: Path) -> None:
    for script, name in (("Get-ADUser", "Get-ADUser"), ("Get-SmbShare", "Get-SmbShare"), ("netsh interface show interface", "netsh"),
                         ("gcb", "Get-Clipboard")):
        r = ps(state, N1, script)
        assert r.errors[0].message.startswith(f"'{name}' is not emulated by the twin"), r.errors[0].message
        assert r.errors[0].error_id == "CommandNotEmulated"


def test_a_command_the_hosts_windows_version_lacks_is_not_recognized_there() -> None:
    from labkit.twin.commands import unknown_command

    assert unknown_command("Get-SmbShare").error_id == "CommandNotEmulated"
    lacking = unknown_command("Get-SmbShare", None, lambda name, module: False)
    assert lacking.error_id == "CommandNotFoundException" and str(lacking) == NOT_RECOGNIZED.format("Get-SmbShare")
