"""`labkit twin serve`: the twin behind a real WS-Management (WinRM) endpoint.

:class:`~labkit.twin.serve.server.TwinServer` starts one HTTP listener per
lab host on 127.0.0.1 (NTLM with message encryption, the Windows Remote Shell
actions pywinrm uses) and writes a lab file whose hosts point at them, so the
winrm backend, or any WinRM client, can drive the twin as if it were Windows.
"""

from labkit.twin.serve.server import Listener, Outcome, OutcomeError, TwinServer, server_credentials

__all__ = ["Listener", "Outcome", "OutcomeError", "TwinServer", "server_credentials"]
