"""`labkit twin serve` over the real twin: the winrm backend and the twin
backend see the same results for the same script on the same state dir."""

from __future__ import annotations

import pytest

from labkit.backends.credentials import Credentials, Secret
from labkit.backends.twin import TwinBackend
from labkit.backends.winrm import WinRMBackend
from labkit.lab import Lab
from labkit.twin.serve import TwinServer
from labkit.twin.session import reset

CREDS = Credentials("LAB\\student", Secret("twin-serve-test-password"))

SCRIPTS = [
    ("greeting", "param([string]$Name)\n\"hello $Name\"", {"Name": "it's me"}),
    ("json", "param([int]$N)\n@{ N = $N; Twice = $N * 2 } | ConvertTo-Json -Compress", {"N": 21}),
    ("warning", "Write-Warning 'careful now'\n'after'", None),
    ("error", "$ErrorActionPreference = 'Stop'\nWrite-Error 'it broke'\n'not reached'", None),
    ("unknown", "Get-NoSuchThing -Name x", None),
]


@pytest.fixture
def both(tmp_path):
    lab = Lab.load(None)
    reset(tmp_path / "state", lab)
    with TwinServer(lab, tmp_path / "state", credentials=CREDS) as srv:
        with WinRMBackend(Lab.load(srv.lab_file), credentials=CREDS) as winrm, TwinBackend(lab, tmp_path / "state") as twin:
            yield srv, winrm, twin


@pytest.mark.parametrize("label,script,args", SCRIPTS, ids=[s[0] for s in SCRIPTS])
def test_same_result_over_winrm_and_direct(both, label, script, args):
    srv, winrm, twin = both
    hosts = ["CLUSTERNODE-1", "CLUSTERNODE-2"]
    direct = twin.run(hosts, script, args, label=label)
    served = winrm.run(hosts, script, args, label=label)
    for h in hosts:
        d, w = direct[h], served[h]
        assert (w.ok, w.data, w.warnings) == (d.ok, d.data, d.warnings), (d, w)
        assert w.output == d.output.strip("\n")
        assert len(w.errors) == len(d.errors)
        for we, de in zip(w.errors, d.errors):
            assert de in we   # Windows' view may put "Cmdlet : " in front
    assert srv.total("executed") == len(hosts)
