"""``#Requires`` in a script file, checked before the script runs, as 5.1 checks it
(CommandDiscovery.VerifyScriptRequirements: elevation, PowerShell version, edition, modules).

https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_requires?view=powershell-5.1

- ``-Version N``: the script runs when N is at most 5.1 (PSVersionInfo.IsValidPSVersion); else a
  ScriptRequiresException, ``ScriptRequiresUnmatchedPSVersion``.
- ``-PSEdition Desktop`` runs, ``Core`` does not (``ScriptRequiresUnmatchedPSEdition``).
- ``-RunAsAdministrator``: a WinRM session of an administrator and the twin's console are elevated: it runs.
- ``-Modules Name``: a Windows module the server has runs; any other is missing
  (``ScriptRequiresMissingModules``); the hashtable form (versions, GUIDs) is refused as not emulated.
- ``-ShellId``, ``-PSSnapin``, ``-Assembly``: refused as not emulated.

The texts are 5.1's DiscoveryExceptions.resx (the first version in PowerShell's repository, "Windows PowerShell").
"""

from __future__ import annotations

import ntpath
import re
from typing import Any, Callable

from labkit.twin.commands import inbox_commands
from labkit.twin.errors import CmdletError, NotEmulated

PS_VERSION = (5, 1)
EDITION = "Desktop"

VERSION_TEXT = ('The script \'{0}\' cannot be run because it contained a "#requires" statement for Windows PowerShell {1}. '
                'The version of Windows PowerShell that is required by the script does not match the currently running '
                'version of Windows PowerShell {2}.')
EDITION_TEXT = ('The script \'{0}\' cannot be run because it contained a "#requires" statement for PowerShell {1} edition. '
                'The edition of PowerShell that is required by the script does not match the currently running PowerShell '
                '{2} edition.')
MODULES_TEXT = ('The script \'{0}\' cannot be run because the following modules that are specified by the "#requires" '
                'statements of the script are missing: {1}.')

_SWITCH = re.compile(r"-(\w+)\s*(.*)", re.S)
_REQUIRES_LINE = re.compile(r"(?i)^\s*#requires\s")


class ScriptRequiresError(CmdletError):
    """A requirement the session does not meet: System.Management.Automation.ScriptRequiresException."""

    def __init__(self, message: str, error_id: str, target: str):
        super().__init__(message, "ResourceUnavailable", error_id, target,
                         exception_type="System.Management.Automation.ScriptRequiresException")


INVALID_FORMAT = ('Cannot process the #requires statement because it is not in the correct format.\n'
                  'The #requires statement must be in one of the following formats:\n'
                  ' "#requires -shellid <shellID>"\n'
                  ' "#requires -version <major.minor>"\n'
                  ' "#requires -psedition <edition>"\n'
                  ' "#requires -pssnapin <psSnapInName> [-version <major.minor>]"\n'
                  ' "#requires -modules <ModuleSpecification>"\n'
                  ' "#requires -runasadministrator"')
VERSION_INVALID = ("The argument for the Version parameter is not valid. Specify a valid Windows PowerShell version, in the "
                   "format major.minor version.")
_VERSION = re.compile(r"^\d+(\.\d+){0,3}$")      # Utils.StringToVersion: "2" is 2.0, else System.Version's form
_WORD = re.compile(r"'[^']*'|\"[^\"]*\"|[^\s,]+(?:\s*,\s*[^\s,]+)*")


def parse_problem(statement: str) -> tuple[str, str, int] | None:
    """(error id, 5.1's message, offset in ``statement``) of a ``#Requires`` statement 5.1's tokenizer refuses
    (tokenizer.cs GetScriptRequirements / HandleRequiresParameter), or None."""
    words = [(m.group(0), m.start()) for m in _WORD.finditer(statement, 1)]
    if not words:
        return None
    if words[0][0].lower() != "requires":
        return "ScriptRequiresInvalidFormat", INVALID_FORMAT, 0
    i = 1
    while i < len(words):
        word, at = words[i]
        if not word.startswith("-"):
            return "ScriptRequiresInvalidFormat", INVALID_FORMAT, at
        name = word[1:].lower()
        argument = words[i + 1] if i + 1 < len(words) and not words[i + 1][0].startswith("-") else None
        if name and "version".startswith(name):
            text = argument[0].strip("'\"") if argument else ""
            if argument is None or not _VERSION.match(text):
                return "RequiresVersionInvalid", VERSION_INVALID, argument[1] if argument else at
        i += 2 if argument is not None else 1
    return None


def statements(text: str) -> tuple[str, ...]:
    """The ``#Requires`` statements of a script's text: "The #Requires statements can appear on any line in a
    script" (about_Requires, "Rules for use")."""
    return tuple(line.strip() for line in text.splitlines() if _REQUIRES_LINE.match(line))


def _parts(statement: str) -> list[tuple[str, str]]:
    """(switch lower-case, its argument text) of each ``-Switch value`` of a ``#Requires`` statement."""
    body = re.sub(r"(?i)^#requires", "", statement.strip()).strip()
    out = []
    for chunk in re.split(r"\s(?=-\w)", " " + body):
        m = _SWITCH.match(chunk.strip())
        if m:
            out.append((m.group(1).lower(), m.group(2).strip()))
    return out


def _known_modules() -> set[str]:
    return {module.lower() for _, module in inbox_commands().values()}


def check(statements: tuple[str, ...], path: str, ps_version: str,
          has_module: Callable[[str], bool] | None = None) -> None:
    """Raise the error 5.1 gives when a script file's ``#Requires`` statements are not met."""
    name = ntpath.basename(path)
    missing: list[str] = []
    for statement in statements:
        for switch, value in _parts(statement):
            plain = value.strip().strip("'\"")
            if "version".startswith(switch) and switch:
                numbers = tuple(int(n) for n in re.findall(r"\d+", plain)[:2]) or (0,)
                if numbers > PS_VERSION:
                    shown = plain if "." in plain else f"{plain}.0"
                    raise ScriptRequiresError(VERSION_TEXT.format(name, shown, ps_version), "ScriptRequiresUnmatchedPSVersion", name)
            elif switch == "psedition":
                if plain.lower() != EDITION.lower():
                    raise ScriptRequiresError(EDITION_TEXT.format(name, plain, EDITION), "ScriptRequiresUnmatchedPSEdition", name)
            elif switch == "runasadministrator":
                continue        # the twin's sessions are an administrator's, elevated
            elif switch in ("modules", "module"):
                if "@" in value:
                    raise NotEmulated("#Requires -Modules", f"a module specification with versions ({value}) in '{path}'")
                for module in (m.strip().strip("'\"") for m in value.split(",")):
                    known = has_module(module) if has_module is not None else module.lower() in _known_modules()
                    if module and not known:
                        missing.append(module)
            else:
                raise NotEmulated(f"#Requires -{switch}", f"in '{path}'")
    if missing:
        raise ScriptRequiresError(MODULES_TEXT.format(name, ", ".join(missing)), "ScriptRequiresMissingModules", name)


def module_check(engine: Any) -> Callable[[str], bool]:
    """Whether the run's host has a Windows module (its Windows Server version, labkit.os_versions)."""
    from labkit.os_versions import host_has_command

    def has(module: str) -> bool:
        commands = [(n, m) for n, m in inbox_commands().values() if m.lower() == module.lower()]
        return any(host_has_command(engine.world, engine.host, n, m) for n, m in commands)
    return has
