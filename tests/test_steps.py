"""The shipped steps: each parses without error nodes, and every cmdlet and
parameter it uses exists in labkit/twin/signatures.json (the reference)."""

from __future__ import annotations

import pytest

from labkit import pslint, steps

NAMES = steps.names()


def test_every_section_has_its_steps() -> None:
    expected = {"install-features", "configure-network", "check-prerequisites", "ensure-vmswitch",
                "ensure-iscsi-initiator", "ensure-iscsi-target", "connect-iscsi", "prepare-disks",
                "test-cluster", "new-cluster", "cluster-networks", "add-cluster-disks", "add-csv",
                "set-vmhost-paths", "new-ha-vm", "ensure-migration-network", "move-vm-role"}
    assert expected <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_step_parses_without_errors(name: str) -> None:
    assert pslint.syntax_problems(pslint.parse(steps.script(name))) == []


@pytest.mark.parametrize("name", NAMES)
def test_step_uses_only_real_cmdlets_and_parameters(name: str) -> None:
    ref = pslint.reference()
    assert pslint.commands(pslint.parse(steps.script(name))), "no commands found: the walker or the grammar changed"
    assert pslint.unknown_commands(steps.script(name), ref) == []


def test_the_check_catches_a_misspelt_parameter_and_an_invented_cmdlet() -> None:
    ref = pslint.reference()
    found = pslint.unknown_commands("Get-VM -Nmae x\nGet-Unicorn\nNew-Cluster -Name c -StaticAddress 1.2.3.4 -NoStorage", ref)
    assert found == ["line 1: Get-VM has no parameter -Nmae", "line 2: Get-Unicorn is not in the reference"]


def test_every_step_is_an_ensure_script_that_reports_change() -> None:
    for name in NAMES:
        text = steps.script(name)
        assert "ConvertTo-Json" in text, f"{name} must print its result as JSON"
        assert "$ErrorActionPreference = 'Stop'" in text, f"{name} must stop at the first error"
