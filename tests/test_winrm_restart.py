"""After Restart-Computer the winrm backend waits until the host went down
and came back (its boot time changed), not for a first answer, which can come
before the host goes down (issue 14, Vagrant defect 8).  Against `labkit twin
serve` with a stand-in executor whose host keeps its old boot time for a while."""

from __future__ import annotations

import pytest

from labkit.backends.credentials import Credentials, Secret
from labkit.backends.winrm import BOOT_TIME_SCRIPT, WinRMBackend
from labkit.lab import Lab
from labkit.twin.serve import Outcome, TwinServer

CREDS = Credentials("LAB\\student", Secret("restart-test-password"))
HOST = "CLUSTERNODE-1"
OLD, NEW = "2026-01-05T09:00:00.0000000", "2026-01-05T09:03:10.0000000"


class SlowReboot:
    """Answers the boot-time query with the old boot time ``old_answers`` times, then the new one."""

    def __init__(self, old_answers: int) -> None:
        self.old_answers = old_answers
        self.polls = 0

    def __call__(self, host: str, script: str) -> Outcome:
        if BOOT_TIME_SCRIPT in script:
            self.polls += 1
            return Outcome(ok=True, text=OLD if self.polls <= self.old_answers else NEW)
        return Outcome(ok=True, text="")


def test_waits_for_the_boot_time_to_change(tmp_path):
    ex = SlowReboot(old_answers=3)
    with TwinServer(Lab.load(None), tmp_path, credentials=CREDS, executor=ex, hosts=[HOST]) as srv:
        with WinRMBackend(Lab.load(srv.lab_file), credentials=CREDS) as b:
            b.wait_until_reachable([HOST], timeout_s=30, poll_s=0.05, previous_boot={HOST: OLD})
    assert ex.polls == 4, "returned on an answer from before the restart"


def test_a_host_that_never_restarts_times_out_saying_so(tmp_path):
    ex = SlowReboot(old_answers=10**6)
    with TwinServer(Lab.load(None), tmp_path, credentials=CREDS, executor=ex, hosts=[HOST]) as srv:
        with WinRMBackend(Lab.load(srv.lab_file), credentials=CREDS) as b:
            with pytest.raises(TimeoutError, match=f"{HOST}.*not restarted yet"):
                b.wait_until_reachable([HOST], timeout_s=0.5, poll_s=0.05, previous_boot={HOST: OLD})


def test_install_features_reports_the_boot_time_before_restarting(tmp_path):
    """The shipped step gives what the wait needs: Restarting and the boot time it restarted from."""
    from labkit import steps
    from labkit.backends.twin import TwinBackend

    lab = Lab.load(None)
    r = TwinBackend(lab, tmp_path / "state").run([HOST], steps.script("install-features"), {"Restart": True})[HOST]
    assert r.ok and r.data["Restarting"] is True and r.data["LastBoot"].startswith("20")
    again = TwinBackend(lab, tmp_path / "state").run([HOST], steps.script("install-features"), {"Restart": True})[HOST]
    assert again.data["Restarting"] is False and again.data["LastBoot"] != r.data["LastBoot"]
