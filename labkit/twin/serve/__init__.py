"""`labkit twin serve`: the twin behind a real WS-Management (WinRM) endpoint.

:class:`~labkit.twin.serve.server.TwinServer` starts one HTTP listener per
lab host on 127.0.0.1 (NTLM with message encryption, the Windows Remote Shell
actions pywinrm uses) and writes a lab file whose hosts point at them, so the
winrm backend, or any WinRM client, can drive the twin as if it were Windows.

Names are imported lazily so that `labkit --help` does not load pyspnego.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Listener", "Outcome", "OutcomeError", "TwinServer", "server_credentials"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from labkit.twin.serve import server

        return getattr(server, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
