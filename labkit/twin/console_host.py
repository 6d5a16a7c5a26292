"""The host a script runs in: ``$Host`` / ``Get-Host`` (ConsoleHost's InternalHost), its ``UI`` and ``UI.RawUI``,
``$Host.PrivateData`` (the console's stream colours) and the ``[Console]`` class's members over the same window.

What 5.1 shows (Get-Host, https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/get-host?view=powershell-5.1,
examples 1 and 6; the members are those of PowerShell's InternalHost, InternalHostUserInterface and
ConsoleHostRawUserInterface, src/System.Management.Automation/engine/hostifaces/InternalHost.cs)::

    Name             : ConsoleHost
    Version          : 5.1.20348.2849
    InstanceId       : <a GUID per process>
    UI               : System.Management.Automation.Internal.Host.InternalHostUserInterface
    CurrentCulture   : en-US
    CurrentUICulture : en-US
    PrivateData      : Microsoft.PowerShell.ConsoleHost+ConsoleColorProxy
    DebuggerEnabled  : True
    IsRunspacePushed : False
    Runspace         : System.Management.Automation.Runspaces.LocalRunspace

The twin's console is the window of Windows PowerShell's Start-menu shortcut on Windows Server: DarkYellow on
DarkMagenta (the shortcut remaps DarkMagenta to its blue), a 120-column buffer of 3000 lines and a window of
120 x 50, the title "Administrator: Windows PowerShell" (an elevated session: the lab's administrator). 120 columns
is also the width the twin's formatter uses (labkit.twin.format.SCREEN_WIDTH). What depends on the screen or on
the moment (MaxWindowSize, MaxPhysicalWindowSize, CursorPosition, WindowPosition, KeyAvailable) is refused as not
emulated, not answered with a guess; so are resizing the window or buffer and reading keys or lines (prompts).

A script that reaches the twin over WinRM runs in ``powershell.exe`` under WinRS, which has no console window:
there the window's members are refused as not emulated (Windows fails them with a console handle error).

``$Host.UI.Write*`` and ``[Console]::Write*`` write to the host directly: the text is in the host's output, not in
the pipeline (``$x = [Console]::WriteLine('a')`` leaves ``$x`` empty) and not in the information stream.
"""

from __future__ import annotations

import uuid
import zlib
from typing import Any

from labkit.twin.errors import CmdletError
from labkit.twin.objects import PSEnum, PSObject
from labkit.twin.types import enum_members
from labkit.twin.members import VOID, _method_missing
from labkit.twin.values import PSRuntimeError, to_string

_CONSOLE_COLOR = "System.ConsoleColor"

#: the window of Windows PowerShell's shortcut, as the twin's console has it (module docstring)
WINDOW = (120, 50)
BUFFER = (120, 3000)
TITLE = "Administrator: Windows PowerShell"
FOREGROUND, BACKGROUND = "DarkYellow", "DarkMagenta"
CURSOR_SIZE = 25

#: ConsoleColorProxy's colours, 5.1's defaults (ConsoleHostUserInterface: errors red on black, warnings, debug and
#: verbose yellow on black, progress yellow on dark cyan)
STREAM_COLORS = (("ErrorForegroundColor", "Red"), ("ErrorBackgroundColor", "Black"),
                 ("WarningForegroundColor", "Yellow"), ("WarningBackgroundColor", "Black"),
                 ("DebugForegroundColor", "Yellow"), ("DebugBackgroundColor", "Black"),
                 ("VerboseForegroundColor", "Yellow"), ("VerboseBackgroundColor", "Black"),
                 ("ProgressForegroundColor", "Yellow"), ("ProgressBackgroundColor", "DarkCyan"))

#: RawUI members that depend on the screen or the moment: the object lacks them, so reading one is refused
#: (labkit.twin.unmodelled lists PSHostRawUserInterface's properties), never guessed
_UNKNOWN_RAWUI = ("MaxWindowSize", "MaxPhysicalWindowSize", "CursorPosition", "WindowPosition", "KeyAvailable")


def _color(value: Any, what: str) -> PSEnum:
    names = enum_members(_CONSOLE_COLOR)
    if isinstance(value, PSEnum) and value.type_name == _CONSOLE_COLOR:
        return value
    text = to_string(value).strip()
    for i, n in enumerate(names):
        if n.lower() == text.lower() or (text.lstrip("-").isdigit() and int(text) == i):
            return PSEnum(_CONSOLE_COLOR, n, i)
    raise PSRuntimeError(f'Exception setting "{what}": "Cannot convert value "{text}" to type "System.ConsoleColor". Error: '
                         f'"Unable to match the identifier name {text} to a valid enumerator name. Specify one of the following '
                         f'enumerator names and try again:\r\n{", ".join(names)}""', "NotSpecified", "SetValueInvocationException")


def color(name: str) -> PSEnum:
    return _color(name, "")


class Size(PSObject):
    """System.Management.Automation.Host.Size, a value type: prints "width,height" (Size.ToString); each read of a
    RawUI size is a copy, so ``$w = $Host.UI.RawUI.WindowSize; $w.Height = 10`` changes ``$w`` only."""

    __slots__ = ()

    def __init__(self, width: int, height: int) -> None:
        super().__init__("System.Management.Automation.Host.Size", {"Width": width, "Height": height})

    def __str__(self) -> str:
        return f"{to_string(self.get('Width'))},{to_string(self.get('Height'))}"


def size(width: int, height: int) -> Size:
    return Size(width, height)


def _not_emulated(what: str) -> CmdletError:
    return CmdletError(f"{what} is not emulated by the labkit twin: the twin has no console screen to answer it from; run "
                       "this script on a Windows lab.", "NotImplemented", "NotEmulated", what)


def _no_console(engine: Any, what: str) -> None:
    logon = getattr(engine, "logon", None)
    if logon is not None and logon.kind != "console":
        raise CmdletError(f"{what} is not emulated by the labkit twin in a WinRM session: powershell.exe runs under WinRS "
                          "without a console window, where Windows fails it with a console handle error.", "NotImplemented",
                          "NotEmulated", what)


class RawUI(PSObject):
    """ConsoleHostRawUserInterface (``$Host.UI.RawUI``): the console window's colours, sizes and title."""

    __slots__ = ("engine",)

    def __init__(self, engine: Any) -> None:
        super().__init__("System.Management.Automation.Internal.Host.InternalHostRawUserInterface", {
            "ForegroundColor": color(FOREGROUND), "BackgroundColor": color(BACKGROUND), "CursorSize": CURSOR_SIZE,
            "BufferSize": size(*BUFFER), "WindowSize": size(*WINDOW), "WindowTitle": TITLE,
        }, tostring="System.Management.Automation.Internal.Host.InternalHostRawUserInterface", setter=self.set_member)
        self.engine = engine

    def get(self, name: str, default: Any = None) -> Any:
        value = super().get(name, default)
        return size(value.get("Width"), value.get("Height")) if isinstance(value, Size) else value

    def set_member(self, name: str, value: Any) -> None:
        """A script's write (``$Host.UI.RawUI.X = v``, ``Set_X(v)``): converted and checked as the console does."""
        low = name.lower()
        _no_console(self.engine, f"$Host.UI.RawUI.{name}")
        if low in ("foregroundcolor", "backgroundcolor"):
            PSObject.set(self, name, _color(value, name))
        elif low == "windowtitle":
            PSObject.set(self, "WindowTitle", "" if value is None else to_string(value))
        elif low in ("cursorsize", "buffersize", "windowsize"):
            raise _not_emulated(f"Changing $Host.UI.RawUI.{name}")
        elif low in (n.lower() for n in _UNKNOWN_RAWUI) or low in _WINDOW_PROPS:   # under WinRM, no window
            raise PSRuntimeError(f"'{name}' is a ReadOnly property.", "InvalidOperation", "PropertyAssignmentException")
        else:
            raise PSRuntimeError(f"The property '{name}' cannot be found on this object. Verify that the property exists "
                                 "and can be set.", "InvalidOperation", "PropertyNotFound")

    def dotnet_call(self, name: str, args: list[Any]) -> Any:
        low = name.lower()
        if low.startswith("get_") and len(args) == 0:
            return self.get(name[4:])
        if low.startswith("set_") and len(args) == 1:
            self.set_member(name[4:], args[0])
            return VOID
        if low in ("flushinputbuffer", "readkey", "getbuffercontents", "setbuffercontents", "scrollbuffercontents",
                   "lengthinbuffercells", "newbuffercellarray"):
            raise _not_emulated(f"$Host.UI.RawUI.{name}()")
        raise _method_missing(self, name)


class HostUI(PSObject):
    """InternalHostUserInterface (``$Host.UI``): RawUI, and the host's own write methods."""

    __slots__ = ("engine",)

    def __init__(self, engine: Any) -> None:
        super().__init__("System.Management.Automation.Internal.Host.InternalHostUserInterface",
                         {"RawUI": RawUI(engine), "SupportsVirtualTerminal": True},
                         tostring="System.Management.Automation.Internal.Host.InternalHostUserInterface",
                         setter=_read_only)
        self.engine = engine

    def dotnet_call(self, name: str, args: list[Any]) -> Any:
        low = name.lower()
        texts = [to_string(a) for a in args]
        # Write(value) / Write(foreground, background, value) / WriteLine() / WriteLine(value) / WriteLine(fg, bg, value)
        if low in ("write", "writeline") and len(args) in ((1, 3) if low == "write" else (0, 1, 3)):
            text = texts[-1] if args else ""
            if len(args) == 3:      # the colours are checked as .NET converts them; the twin's host text has none
                _color(args[0], "foregroundColor")
                _color(args[1], "backgroundColor")
            host_text(self.engine, text, newline=low == "writeline")
            return VOID
        # the stream lines the host prints with their prefixes (ConsoleHostUserInterface.WriteXxxLine)
        prefixes = {"writeerrorline": "", "writewarningline": "WARNING: ", "writeverboseline": "VERBOSE: ",
                    "writedebugline": "DEBUG: "}
        if low in prefixes and len(args) == 1:
            host_text(self.engine, prefixes[low] + texts[0], newline=True)
            return VOID
        if low in ("readline", "readlineassecurestring", "prompt", "promptforchoice", "promptforcredential"):
            raise _not_emulated(f"$Host.UI.{name}() (a prompt for the user)")
        if low == "writeprogress":
            raise _not_emulated("$Host.UI.WriteProgress() (use Write-Progress)")
        raise _method_missing(self, name)


class InternalHost(PSObject):
    """``$Host``: ConsoleHost seen through PowerShell's InternalHost wrapper."""

    __slots__ = ("engine",)

    def __init__(self, engine: Any, version: Any, culture: Any) -> None:
        super().__init__("System.Management.Automation.Internal.Host.InternalHost", {
            "Name": "ConsoleHost", "Version": version, "InstanceId": _instance_id(engine), "UI": HostUI(engine),
            "CurrentCulture": culture, "CurrentUICulture": culture,
            "PrivateData": PSObject("Microsoft.PowerShell.ConsoleHost+ConsoleColorProxy",
                                    {k: color(v) for k, v in STREAM_COLORS},
                                    tostring="Microsoft.PowerShell.ConsoleHost+ConsoleColorProxy", setter=None),
            "DebuggerEnabled": True, "IsRunspacePushed": False,
            "Runspace": PSObject("System.Management.Automation.Runspaces.LocalRunspace", {
                "Id": 1, "Name": "Runspace1", "InstanceId": _instance_id(engine, "runspace"),
                "RunspaceStateInfo": PSObject("System.Management.Automation.Runspaces.RunspaceStateInfo", {"State": "Opened"},
                                              tostring="Opened"),
                "Availability": "Busy"}, tostring="System.Management.Automation.Runspaces.LocalRunspace"),
        }, tostring="System.Management.Automation.Internal.Host.InternalHost", setter=_read_only)
        private = self.get("PrivateData")
        private.setter = lambda n, v: _set_stream_color(private, n, v)
        self.engine = engine

    def dotnet_call(self, name: str, args: list[Any]) -> Any:
        low = name.lower()
        if low in ("enternestedprompt", "exitnestedprompt"):
            raise _not_emulated(f"$Host.{name}() (a nested prompt)")
        if low in ("notifybeginapplication", "notifyendapplication") and not args:
            return VOID
        if low == "setshouldexit":
            raise _not_emulated("$Host.SetShouldExit() (use exit N)")
        raise _method_missing(self, name)


def _set_stream_color(private: PSObject, name: str, value: Any) -> None:
    if not private.has(name):
        raise PSRuntimeError(f"The property '{name}' cannot be found on this object. Verify that the property exists and can be "
                             "set.", "InvalidOperation", "PropertyNotFound")
    PSObject.set(private, name, _color(value, name))


def _read_only(name: str, value: Any) -> None:
    raise PSRuntimeError(f"'{name}' is a ReadOnly property.", "InvalidOperation", "PropertyAssignmentException")


def _instance_id(engine: Any, salt: str = "host") -> Any:
    from labkit.twin.dotnet_values import make_guid

    # a GUID per process on Windows; the twin's is stable per host, so runs repeat
    return make_guid(str(uuid.UUID(int=zlib.crc32(f"{engine.host}:{salt}".encode()) * (2**96 + 2**64 + 2**32 + 1))))


def host_text(engine: Any, text: str, *, newline: bool) -> None:
    """Text the host prints: a line of its own, or continuing an open line (Write without a new line)."""
    lines = engine.host_output
    if getattr(engine, "host_line_open", None) == len(lines) - 1 and lines:
        lines[-1] += text
    else:
        lines.append(text)
    engine.host_line_open = None if newline else len(lines) - 1


_WINDOW_PROPS = ("foregroundcolor", "backgroundcolor", "cursorsize", "buffersize", "windowsize", "windowtitle")


def logged_on(engine: Any) -> None:
    """Once the run's logon is known: a WinRM session's powershell.exe has no console window, so its RawUI holds none
    of the window's members (reading one is refused as not emulated, as for the members the twin never knows)."""
    if engine.logon.kind == "console":
        return
    raw = _raw(engine)
    for name in list(raw.names()):
        if name.lower() in _WINDOW_PROPS:
            del raw._props[raw._index.pop(name.lower())]



# -- [Console] -------------------------------------------------------------------------------------------------------
# System.Console's members (https://learn.microsoft.com/dotnet/api/system.console?view=netframework-4.8) over the same
# window as $Host.UI.RawUI: [Console]::Title is the RawUI's WindowTitle, [Console]::ForegroundColor its colour.

_CONSOLE_UNKNOWN = frozenset(("keyavailable", "cursorleft", "cursortop", "windowleft", "windowtop", "largestwindowwidth",
                              "largestwindowheight", "capslock", "numberlock", "in", "out", "error", "inputencoding",
                              "outputencoding", "treatcontrolcasinput"))


def _raw(engine: Any) -> RawUI:
    return engine.global_scope.vars["host"].get("UI").get("RawUI")


def console_property(engine: Any, name: str) -> Any:
    """``[Console]::<name>``; MISSING (None sentinel from the caller's view) is signalled by KeyError."""
    low = name.lower()
    what = f"[Console]::{name}"
    if low in ("isinputredirected", "isoutputredirected", "iserrorredirected"):
        return False
    _no_console(engine, what)
    raw = _raw(engine)
    if low in ("windowwidth", "windowheight"):
        win = raw.get("WindowSize")
        return win.get("Width" if low == "windowwidth" else "Height")
    if low in ("bufferwidth", "bufferheight"):
        buf = raw.get("BufferSize")
        return buf.get("Width" if low == "bufferwidth" else "Height")
    if low == "title":
        return raw.get("WindowTitle")
    if low in ("foregroundcolor", "backgroundcolor", "cursorsize"):
        return raw.get(name)
    if low == "cursorvisible":
        return True
    if low in _CONSOLE_UNKNOWN:
        raise _not_emulated(what)
    raise KeyError(name)


def set_console_property(engine: Any, name: str, value: Any) -> None:
    low = name.lower()
    what = f"[Console]::{name}"
    _no_console(engine, what)
    raw = _raw(engine)
    if low == "title":
        raw.set_member("WindowTitle", value)
    elif low in ("foregroundcolor", "backgroundcolor"):
        raw.set_member(name, value)
    elif low in ("windowwidth", "windowheight", "bufferwidth", "bufferheight", "cursorsize", "cursorvisible", "cursorleft",
                 "cursortop", "windowleft", "windowtop", "inputencoding", "outputencoding", "treatcontrolcasinput"):
        raise _not_emulated(f"Changing {what}")
    else:
        raise PSRuntimeError(f"'{name}' is a ReadOnly property.", "InvalidOperation", "PropertyAssignmentException")


def console_call(engine: Any, name: str, args: list[Any]) -> Any:
    """``[Console]::<name>(args)``; KeyError when System.Console has no such method."""
    low = name.lower()
    what = f"[Console]::{name}()"
    if low in ("write", "writeline"):
        if not args:
            if low == "write":
                raise PSRuntimeError(f'Cannot find an overload for "{name}" and the argument count: "0".', "NotSpecified",
                                     "MethodCountCouldNotFindBest")
            text = ""
        elif len(args) >= 2 and isinstance(args[0], str):
            from labkit.twin.string_statics import _format
            text = _format(name, args)      # Write(format, arg0, ...): composite formatting
        elif len(args) == 1:
            text = "System.Object[]" if isinstance(args[0], list) else to_string(args[0])
        else:
            raise PSRuntimeError(f'Cannot find an overload for "{name}" and the argument count: "{len(args)}".',
                                 "NotSpecified", "MethodCountCouldNotFindBest")
        host_text(engine, text, newline=low == "writeline")
        return VOID
    if low == "resetcolor" and not args:
        _no_console(engine, what)
        raw = _raw(engine)
        PSObject.set(raw, "ForegroundColor", color(FOREGROUND))
        PSObject.set(raw, "BackgroundColor", color(BACKGROUND))
        return VOID
    if low in ("beep", "clear") and len(args) in ((0, 2) if low == "beep" else (0,)):
        _no_console(engine, what)
        return VOID
    if low in ("read", "readline", "readkey"):
        raise _not_emulated(f"{what} (reading the user's keys)")
    if low in ("setwindowsize", "setbuffersize", "setcursorposition", "setwindowposition", "movebufferarea", "setin",
               "setout", "seterror", "openstandardinput", "openstandardoutput", "openstandarderror"):
        raise _not_emulated(what)
    raise KeyError(name)
