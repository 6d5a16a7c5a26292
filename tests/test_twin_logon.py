"""The twin's logon model: a WinRM session without delegated credentials cannot
reach a second host (the double hop), as on Windows; the console and CredSSP can.

Sources of the behaviour and the texts are cited in labkit/twin/logon.py.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from labkit import steps
from labkit.backends.base import StepFailed
from labkit.backends.twin import TwinBackend
from labkit.lab import Lab
from labkit.twin.logon import CONSOLE, Logon, logon_for
from labkit.twin.session import run_script

LAB = Lab.load(None)
N1, N2 = LAB.node_names[:2]
NO_DELEGATION = ("ntlm", "negotiate", "basic", "kerberos")


@pytest.fixture(scope="module")
def features(tmp_path_factory):
    """A lab whose nodes have their networks, Hyper-V and Failover Clustering (restarted), nothing else."""
    state = tmp_path_factory.mktemp("logon")
    backend = TwinBackend(LAB, state)
    plans = {n.name: {"Networks": steps.network_plan(LAB, n)} for n in LAB.nodes}
    backend.run(LAB.node_names, steps.script("configure-network"), host_args=plans).raise_for_errors()
    backend.run(LAB.node_names, steps.script("install-features"), {"Restart": True}).raise_for_errors()
    return state


def _copy(state, tmp_path):
    import shutil

    dst = tmp_path / "state"
    shutil.copytree(state, dst)
    return dst


def test_logon_names():
    assert logon_for("console") == CONSOLE and CONSOLE.delegates
    assert logon_for("CredSSP") == Logon("winrm", "credssp") and logon_for("credssp").delegates
    for t in NO_DELEGATION:
        assert not logon_for(t).delegates, t
    with pytest.raises(ValueError, match="console, ntlm"):
        logon_for("rdp")


@pytest.mark.parametrize("transport", NO_DELEGATION)
def test_test_cluster_over_a_network_logon_is_denied_the_second_hop(features, tmp_path, transport):
    r = run_script(f"Test-Cluster -Node {N1},{N2} -Include Inventory", host=N1, state_dir=_copy(features, tmp_path), logon=transport)
    assert len(r.errors) == 1
    assert r.errors[0].message == f"You do not have administrative privileges on the server '{N2}.{LAB.domain.fqdn}'."
    assert r.errors[0].command == "Test-Cluster"


@pytest.mark.parametrize("logon", ["console", "credssp"])
def test_test_cluster_with_delegated_credentials_validates(features, tmp_path, logon):
    r = run_script(f"(Test-Cluster -Node {N1},{N2} -Include Inventory).Name", host=N1, state_dir=_copy(features, tmp_path), logon=logon)
    assert r.ok, r.error_text
    assert r.text.strip().endswith(".htm")


def test_a_single_node_validation_needs_no_second_hop(features, tmp_path):
    r = run_script(f"(Test-Cluster -Node {N1} -Include Inventory).Name", host=N1, state_dir=_copy(features, tmp_path), logon="ntlm")
    assert r.ok, r.error_text


def test_new_cluster_over_ntlm_fails_and_creates_nothing(features, tmp_path):
    state = _copy(features, tmp_path)
    script = f"New-Cluster -Name {LAB.cluster.name} -Node {N1},{N2} -StaticAddress {LAB.cluster.address} -NoStorage"
    r = run_script(script, host=N1, state_dir=state, logon="ntlm")
    assert len(r.errors) == 1
    assert r.errors[0].message.splitlines() == [
        f"You do not have administrative privileges on the server '{N2}.{LAB.domain.fqdn}'.",
        "Requested registry access is not allowed.",
    ]
    after = run_script("try { Get-Cluster | Out-Null; 'cluster' } catch { 'none' }", host=N1, state_dir=state, logon="console")
    assert after.text.strip() == "none"
    r = run_script(script + " | Select-Object -ExpandProperty Name", host=N1, state_dir=state, logon="credssp")
    assert r.ok, r.error_text
    assert r.text.strip() == LAB.cluster.name


def test_remote_cim_unc_and_hyperv_are_denied_without_delegation(features, tmp_path):
    state = _copy(features, tmp_path)
    script = "\n".join([
        f"$os = Get-CimInstance Win32_OperatingSystem -ComputerName {N2} -ErrorVariable cimErr -ErrorAction SilentlyContinue",
        f"$unc = Test-Path '\\\\{N2}\\C$\\Windows'",
        f"$dir = Get-ChildItem '\\\\{N2}\\C$' -ErrorVariable dirErr -ErrorAction SilentlyContinue",
        f"try {{ Get-VM -ComputerName {N2} | Out-Null; $vm = 'ok' }} catch {{ $vm = $_.Exception.Message }}",
        "[pscustomobject]@{ Os = [bool]$os; Cim = \"$cimErr\"; Unc = $unc; Dir = \"$dirErr\"; Vm = $vm } | ConvertTo-Json -Compress",
    ])
    denied = run_script(script, host=N1, state_dir=state, logon="ntlm")
    import json

    d = json.loads(denied.text)
    assert d == {"Os": False, "Cim": "Access is denied.", "Unc": False, "Dir": "Access is denied",
                 "Vm": "You do not have the required permission to complete this task. Contact the administrator "
                       f"of the authorization policy for the computer '{N2}'."}
    allowed = json.loads(run_script(script, host=N1, state_dir=state, logon="credssp").text)
    assert allowed == {"Os": True, "Cim": "", "Unc": True, "Dir": "", "Vm": "ok"}
    # the host itself is no second hop, whatever the logon
    local = run_script(f"Get-CimInstance Win32_OperatingSystem -ComputerName {N1} | Select-Object -ExpandProperty CSName",
                       host=N1, state_dir=state, logon="ntlm")
    assert local.ok and local.text.strip() == N1


def test_twin_backend_uses_the_lab_files_transport_and_the_step_logon(features, tmp_path):
    """The twin backend logs on as the winrm backend would: the host's transport,
    or the one a step asks for (credssp for the steps that reach other nodes)."""
    state = _copy(features, tmp_path)
    backend = TwinBackend(LAB, state)
    assert backend.logon_of(N1) == "ntlm"   # no connection in the default lab: Connection's default
    with pytest.raises(StepFailed, match="double hop") as e:
        backend.run([N1], steps.script("test-cluster"), {"Nodes": [N1, N2]}, label="test-cluster").raise_for_errors()
    assert "You do not have administrative privileges on the server" in str(e.value)
    assert steps.logon("test-cluster") == "credssp" and steps.logon("new-cluster") == "credssp"
    assert steps.logon("install-features") is None
    assert steps.logon("test-cluster", {steps.ENV_SECOND_HOP_LOGON: "ntlm"}) == "ntlm"
    ok = backend.run([N1], steps.script("test-cluster"), {"Nodes": [N1, N2]}, label="test-cluster", logon=steps.logon("test-cluster"))
    assert ok.ok, ok[N1].errors
    credssp = LAB.with_connections({h.name: _conn("credssp") for h in LAB.hosts})
    assert TwinBackend(credssp, state).logon_of(N1) == "credssp"


def _conn(transport: str):
    from labkit.lab import Connection

    return Connection(address="127.0.0.1", port=5986, transport=transport)


def test_labkit_exec_logon_flag_and_default(features, tmp_path):
    state = _copy(features, tmp_path)
    cmd = [sys.executable, "-m", "labkit.cli", "exec", N1, "--state", str(state), "-c",
           f"(Test-Cluster -Node {N1},{N2} -Include Inventory).Name"]
    default = subprocess.run(cmd, capture_output=True, text=True)
    assert default.returncode == 1
    assert f"You do not have administrative privileges on the server '{N2}." in default.stderr
    assert "WinRM with NTLM" in default.stderr and "double hop" in default.stderr
    for logon in ("credssp", "console"):
        ok = subprocess.run(cmd + ["--logon", logon], capture_output=True, text=True)
        assert ok.returncode == 0, ok.stderr
        assert ok.stdout.strip().endswith(".htm")
    bad = subprocess.run(cmd + ["--logon", "rdp"], capture_output=True, text=True)
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


def test_invoke_command_runs_here_and_meets_the_double_hop_elsewhere(tmp_path):
    state = tmp_path / "state"
    here = run_script("Invoke-Command { param($a, $b) \"$a+$b\" } -ArgumentList 1, 2\n$x = 5\nInvoke-Command { $x = 7 }\n$x\n"
                      "Invoke-Command -NoNewScope { $x = 9 }\n$x", host=N1, state_dir=state, logon="ntlm")
    assert here.ok and here.text.split() == ["1+2", "5", "9"]
    script = f"Invoke-Command -ComputerName {N2} -ScriptBlock {{ $env:COMPUTERNAME }} -ErrorVariable e -ErrorAction SilentlyContinue\n\"$e\""
    denied = run_script(script, host=N1, state_dir=state, logon="ntlm")
    assert denied.text.strip() == (f"[{N2}] Connecting to remote server {N2} failed with the following error message : "
                                   "Access is denied. For more information, see the about_Remote_Troubleshooting Help topic.")
    err = run_script(f"Invoke-Command -ComputerName {N2} {{ 1 }}", host=N1, state_dir=state, logon="ntlm").errors[0]
    assert (err.category, err.error_id.split(",")[:2]) == ("OpenError", ["AccessDenied", "PSSessionStateBroken"])
    # with delegated credentials the hop is allowed, but running there is not emulated: said loudly
    loud = run_script(f"Invoke-Command -ComputerName {N2} {{ 1 }}", host=N1, state_dir=state, logon="credssp")
    assert "not emulated by the labkit twin" in loud.errors[0].message


def test_other_hosts_by_address_and_fqdn_and_unknown_names(features, tmp_path):
    """An address or FQDN of another node is a second hop; the host's own is not;
    an unknown computer is an error record, never a Python exception."""
    state = _copy(features, tmp_path)
    n1_public, n2_public = LAB.host(N1).addresses["Public"], LAB.host(N2).addresses["Public"]
    script = "\n".join([
        f"$own = Get-CimInstance Win32_OperatingSystem -ComputerName {n1_public} | Select-Object -ExpandProperty CSName",
        f"Get-CimInstance Win32_OperatingSystem -ComputerName {n2_public} -ErrorVariable a -ErrorAction SilentlyContinue | Out-Null",
        f"Get-CimInstance Win32_OperatingSystem -ComputerName {N2}.{LAB.domain.fqdn} -ErrorVariable b -ErrorAction SilentlyContinue | Out-Null",
        "Get-CimInstance Win32_OperatingSystem -ComputerName NOSUCHHOST -ErrorVariable c -ErrorAction SilentlyContinue | Out-Null",
        "try { Get-VM -ComputerName NOSUCHHOST | Out-Null; $d = 'ok' } catch { $d = \"$_\" }",
        "[pscustomobject]@{ Own = $own; A = \"$a\"; B = \"$b\"; C = \"$c\"; D = $d } | ConvertTo-Json -Compress",
    ])
    import json

    r = run_script(script, host=N1, state_dir=state, logon="ntlm")
    assert r.ok, r.error_text
    d = json.loads(r.text)
    assert d["Own"] == N1 and d["A"] == d["B"] == "Access is denied."
    assert "cannot be resolved" in d["C"] and "NOSUCHHOST" in d["D"]
