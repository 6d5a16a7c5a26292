"""Runbook.on_twin follows the backend in use: the twin backend, or WinRM to the `labkit twin serve`
of the runbook's state folder; real hosts over WinRM are no twin, even from a folder a twin once used."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from labkit.backends.credentials import ENV_PASSWORD, ENV_USER, Credentials, Secret
from labkit.lab import Connection, Lab
from labkit.notebook import Runbook
from labkit.state import STATE_ENV
from labkit.twin.serve import TwinServer
from labkit.twin.session import reset

USER, PASSWORD = "LAB\\student", secrets.token_urlsafe(16)


@pytest.fixture
def twin_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A state folder with a twin's state in it; the runbooks' environment restored after the test."""
    monkeypatch.delenv(STATE_ENV, raising=False)
    monkeypatch.setenv(ENV_USER, USER)
    monkeypatch.setenv(ENV_PASSWORD, PASSWORD)
    state = tmp_path / ".lab"
    reset(state)
    return state


def real_hosts(lab: Lab, tmp_path: Path, first_port: int) -> str:
    """A lab file whose hosts are reached over WinRM at addresses of their own (nothing connects here)."""
    conns = {h.name: Connection(address=f"192.0.2.{i + 10}", port=first_port) for i, h in enumerate(lab.hosts)}
    path = tmp_path / "real-lab.yaml"
    path.write_text(lab.with_connections(conns).to_yaml(), encoding="utf-8")
    return str(path)


def test_winrm_to_real_hosts_is_no_twin_though_the_folder_has_one(twin_state: Path, tmp_path: Path) -> None:
    rb = Runbook(real_hosts(Lab.load(None), tmp_path, 5986), "winrm", str(twin_state))
    assert not rb.on_twin
    with pytest.raises(RuntimeError, match="no twin behind this lab"):
        rb.world()
    assert Runbook(None, "twin", str(twin_state)).on_twin


def test_winrm_to_the_folders_twin_serve_is_the_twin(twin_state: Path, tmp_path: Path) -> None:
    with TwinServer(Lab.load(None), twin_state, credentials=Credentials(USER, Secret(PASSWORD))) as srv:
        served = Runbook(str(srv.lab_file), "winrm", str(twin_state))
        assert served.on_twin
        assert served.world().clock == 0
        # The same serve's lab file beside, but the lab in use reaches other hosts: no twin.
        assert not Runbook(real_hosts(Lab.load(None), tmp_path, 5985), "winrm", str(twin_state)).on_twin
