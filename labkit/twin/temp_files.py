"""``[IO.Path]::GetTempFileName()``: a new empty ``tmpXXXX.tmp`` file in the user's TEMP folder.

Path.GetTempFileName "creates a uniquely named, zero-byte temporary file on disk and returns the full
path of that file"; on Windows the name is ``tmp`` + hexadecimal digits + ``.tmp`` in the folder
Path.GetTempPath returns (https://learn.microsoft.com/en-us/dotnet/api/system.io.path.gettempfilename).
The file lives in the twin's file store, so Get-Content, ``>``, Set-Content and Remove-Item see it.
"""

from __future__ import annotations

import secrets
from typing import Any

from labkit.twin import syntax as S

# The TEMP folder of the twin's sessions (Administrator): what [IO.Path]::GetTempPath() returns.
TEMP_FOLDER = "C:\\Users\\Administrator\\AppData\\Local\\Temp"


def get_temp_file_name(engine: Any, line: int) -> str:
    """Create the zero-byte file and return its full path."""
    from labkit.twin.interpreter import CmdletContext
    from labkit.twin.modules.management import _exists, _place, make_folder, write_text

    ctx = CmdletContext(engine, S.Command(name="GetTempFileName", elements=[], line=line), "GetTempFileName", {})
    host = engine.world.host(engine.host)
    # The user profile's TEMP folder always exists on a Windows host the session logged on to.
    make_folder(ctx, host, TEMP_FOLDER)
    while True:
        path = f"{TEMP_FOLDER}\\tmp{secrets.randbelow(0x10000):X}.tmp"
        if not _exists(engine.world, host, _place(ctx, host, path)):
            break
    write_text(ctx, host, path, "", cmd="NewItem")
    return path
