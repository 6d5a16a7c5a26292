"""A class on a real JupyterHub: three students, each with a home of their own,
execute a runbook through the hub and see only their own lab.

The hub runs on 127.0.0.1 with the dummy authenticator and JupyterHub's
local-process spawner in its no-system-users form (SimpleLocalProcessSpawner:
each user's server runs in ``home/<user>``), behind configurable-http-proxy
(npm; .ci/run installs it).  The test drives the hub as a trainer's script
would: its REST API creates the users and starts their servers; each
server's own API opens a notebook session on the runbook and a websocket to
its kernel, and the runbook's cells are executed there one by one.
"""

from __future__ import annotations

import asyncio
import json
import re
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
USERS = ("ada", "grace", "linus")
RUNBOOK = "01-prerequisites"

if shutil.which("configurable-http-proxy") is None:  # pragma: no cover - CI installs it
    pytest.fail("configurable-http-proxy is not installed (npm install -g configurable-http-proxy); .ci/run installs it",
                pytrace=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Hub:
    def __init__(self, base: Path):
        self.base = base
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        base.mkdir(parents=True, exist_ok=True)
        (base / "jupyterhub_config.py").write_text(f"""
c = get_config()  # noqa
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {self.port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {free_port()}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.JupyterHub.db_url = "sqlite:///{base / 'hub.sqlite'}"
c.JupyterHub.cookie_secret_file = "{base / 'cookie_secret'}"
c.ConfigurableHTTPProxy.pid_file = "{base / 'proxy.pid'}"
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{base / 'home' / '{username}'}"
c.Spawner.cmd = ["{sys.executable}", "-m", "jupyterhub.singleuser"]
c.Spawner.args = ["--allow-root"] if {os.geteuid() == 0} else []  # CI runs as root
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.env_keep = ["PATH", "PYTHONPATH", "LANG", "LC_ALL"]
c.JupyterHub.services = [{{"name": "trainer", "api_token": "{self.token}"}}]
c.JupyterHub.load_roles = [{{
    "name": "trainer", "services": ["trainer"],
    "scopes": ["admin:users", "admin:servers", "access:servers", "read:users"],
}}]
""")
        env = {k: v for k, v in os.environ.items() if k != "LABKIT_STATE"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(base / "jupyterhub_config.py")],
            cwd=base, env=env, stdout=open(base / "hub.log", "wb"), stderr=subprocess.STDOUT,
        )

    def api(self, method: str, path: str, body: Any = None, prefix: str = "/hub/api") -> Any:
        req = urllib.request.Request(
            self.url + prefix + path, method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=60) as r:
            text = r.read()
            return json.loads(text) if text else None

    def wait_up(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError("the hub exited:\n" + (self.base / "hub.log").read_text()[-4000:])
            try:
                self.api("GET", "/")
                return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        raise AssertionError("the hub did not answer:\n" + (self.base / "hub.log").read_text()[-4000:])

    def start_server(self, user: str, timeout: float = 180) -> None:
        self.api("POST", f"/users/{user}")
        try:
            self.api("POST", f"/users/{user}/server")
        except urllib.error.HTTPError as e:
            if e.code != 202:
                raise
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            info = self.api("GET", f"/users/{user}")
            if info.get("server") and not info.get("pending"):
                return
            time.sleep(0.5)
        raise AssertionError(f"{user}'s server did not start:\n" + (self.base / "hub.log").read_text()[-4000:])

    def stop(self) -> None:
        for user in USERS:
            try:
                self.api("DELETE", f"/users/{user}/server")
            except Exception:
                pass
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        pid = self.base / "proxy.pid"
        if pid.is_file():
            try:
                os.kill(int(pid.read_text()), 15)
            except (ProcessLookupError, ValueError):
                pass


async def run_cells(hub: Hub, user: str, notebook: str, cells: list[str]) -> list[str]:
    """Execute ``cells`` in a kernel of ``user``'s server opened on ``notebook``; return each cell's text output."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    session = hub.api("POST", "/api/sessions", {"path": notebook, "type": "notebook", "name": Path(notebook).name,
                                                "kernel": {"name": "python3"}}, prefix=f"/user/{user}")
    kernel = session["kernel"]["id"]
    ws_url = hub.url.replace("http", "ws") + f"/user/{user}/api/kernels/{kernel}/channels"
    conn = await websocket_connect(HTTPRequest(ws_url, headers={"Authorization": f"token {hub.token}"}))
    outputs: list[str] = []
    sid = uuid.uuid4().hex
    for code in cells:
        msg_id = uuid.uuid4().hex
        await conn.write_message(json.dumps({
            "header": {"msg_id": msg_id, "username": user, "session": sid, "msg_type": "execute_request", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell",
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        text: list[str] = []
        while True:
            raw = await asyncio.wait_for(conn.read_message(), timeout=300)
            assert raw is not None, "the kernel's websocket closed"
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                text.append(content["text"])
            elif kind in ("execute_result", "display_data"):
                data = content["data"]
                text.append(data.get("text/markdown") or data.get("text/html") or data.get("text/plain", ""))
            elif kind == "error":
                raise AssertionError(f"{user}: {content['ename']}: {content['evalue']}")
            elif kind == "execute_reply" and msg["channel"] == "shell":
                break
        outputs.append("".join(text))
    conn.close()
    hub.api("DELETE", f"/api/sessions/{session['id']}", prefix=f"/user/{user}")
    return outputs


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Any:
    h = Hub(tmp_path_factory.mktemp("hub"))
    try:
        h.wait_up()
        yield h
    finally:
        h.stop()


def test_three_students_each_run_a_runbook_and_see_only_their_own_lab(hub: Hub) -> None:
    for user in USERS:
        home = hub.base / "home" / user
        # What a trainer hands out: a course folder in each student's home
        # (`labkit init`), here with the lab named after the student.
        made = subprocess.run([sys.executable, "-m", "labkit.cli", "init", str(home / "course")],
                              capture_output=True, text=True, timeout=120)
        assert made.returncode == 0, made.stdout + made.stderr
        lab_file = home / "course" / "lab.yaml"
        lab_file.write_text(re.sub(r"(?m)^name: *", f"name: {user}-", lab_file.read_text(), count=1))
        hub.start_server(user)

    book = nbformat.read(ROOT / "runbooks" / f"{RUNBOOK}.ipynb", as_version=4)
    cells = [c.source for c in book.cells if c.cell_type == "code" and not c.source.lstrip().startswith("%%")]
    cells.insert(1, "training = False")   # as papermill would inject; no widgets to wait for

    async def everyone() -> list[list[str]]:
        return list(await asyncio.gather(*(run_cells(hub, u, f"course/runbooks/{RUNBOOK}.ipynb", cells) for u in USERS)))

    results = asyncio.run(everyone())
    for user, outputs in zip(USERS, results):
        text = "\n".join(outputs)
        assert f"{user}-" in text, f"{user} did not see their own lab:\n{text[:2000]}"
        for other in USERS:
            if other != user:
                assert f"{other}-" not in text
        home = hub.base / "home" / user
        assert (home / "course" / ".lab").is_dir(), f"{user}'s lab state is not in their course folder"
    # Nothing outside the homes: no lab state beside the hub.
    assert not (hub.base / ".lab").exists()
    from labkit.twin.store import Store

    for user in USERS:
        world, _, _ = Store(hub.base / "home" / user / "course" / ".lab").snapshot()
        assert world.lab_name.startswith(f"{user}-")
        assert all(h.features.get("Hyper-V") in ("Installed", "InstallPending") for h in world.hosts if h.role == "node")
