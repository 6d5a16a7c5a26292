"""The Environment provider: a host's environment variables, as ``$env:NAME``
and the ``Env:`` drive (Get-ChildItem, Get-Item, Test-Path, Get-Content) show
them, and the drives of the providers the twin does not emulate.

The variables are those Windows Server sets for a user's session (the twin's
sessions log on as the domain's Administrator, as ``whoami`` says):
"Recognized environment variables",
https://learn.microsoft.com/en-us/windows/deployment/usmt/usmt-recognized-environment-variables,
and about_Environment_Variables,
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_environment_variables?view=powershell-5.1
(``PSModulePath``'s three folders in 5.1's order). The Env: drive lists its
items sorted by name, case-insensitively, each a ``System.Collections.DictionaryEntry``
(PowerShell's SessionStateProviderBase.GetChildItems sorts them;
EnvironmentProvider.GetSessionStateItem makes the entry).
"""

from __future__ import annotations

import fnmatch
import re
from typing import Any

from labkit.twin.errors import CmdletError, NotEmulated
from labkit.twin.objects import PSObject
from labkit.twin.providers import provider_drive, provider_info
from labkit.twin.world import Host, World

PROFILE = "C:\\Users\\Administrator"

# Drives of the providers Windows PowerShell 5.1 has on a server beside FileSystem and Environment
# (about_Providers, https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_providers?view=powershell-5.1).
OTHER_PROVIDERS = {"alias": "Alias", "cert": "Certificate", "function": "Function", "hkcu": "Registry", "hklm": "Registry",
                   "variable": "Variable", "wsman": "WSMan"}
_QUALIFIED = re.compile(r"^(?:microsoft\.powershell\.[a-z]+\\)?(alias|certificate|environment|function|registry|variable|wsman)::",
                        re.IGNORECASE)


def _processor(host: Host) -> tuple[str, str]:
    """(Win32_Processor's Caption, Manufacturer) of the host."""
    from labkit.twin.processors import part

    cpu = part(host)
    return cpu.caption, cpu.manufacturer


def environment(world: World, host: Host) -> dict[str, str]:
    """Name -> value of the host's environment variables in the Administrator's session."""
    caption, manufacturer = _processor(host)
    family = re.search(r"Family (\d+) Model (\d+) Stepping (\d+)", caption)
    level, model, stepping = (int(g) for g in family.groups()) if family else (6, 0, 0)
    domain = world.netbios if host.domain else host.name
    local = f"{PROFILE}\\AppData\\Local"
    env = {
        "ALLUSERSPROFILE": "C:\\ProgramData",
        "APPDATA": f"{PROFILE}\\AppData\\Roaming",
        "CommonProgramFiles": "C:\\Program Files\\Common Files",
        "CommonProgramFiles(x86)": "C:\\Program Files (x86)\\Common Files",
        "CommonProgramW6432": "C:\\Program Files\\Common Files",
        "COMPUTERNAME": host.name,
        "ComSpec": "C:\\Windows\\system32\\cmd.exe",
        "LOCALAPPDATA": local,
        "NUMBER_OF_PROCESSORS": str(host.cpus),
        "OS": "Windows_NT",
        "Path": ("C:\\Windows\\system32;C:\\Windows;C:\\Windows\\System32\\Wbem;C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\;"
                 f"C:\\Windows\\System32\\OpenSSH\\;{local}\\Microsoft\\WindowsApps"),
        "PATHEXT": ".COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC;.CPL",
        "PROCESSOR_ARCHITECTURE": "AMD64",
        "PROCESSOR_IDENTIFIER": f"{caption}, {manufacturer}",
        "PROCESSOR_LEVEL": str(level),
        # PROCESSOR_REVISION is the model and the stepping, two hexadecimal digits each.
        "PROCESSOR_REVISION": f"{model:02x}{stepping:02x}",
        "ProgramData": "C:\\ProgramData",
        "ProgramFiles": "C:\\Program Files",
        "ProgramFiles(x86)": "C:\\Program Files (x86)",
        "ProgramW6432": "C:\\Program Files",
        "PSModulePath": (f"{PROFILE}\\Documents\\WindowsPowerShell\\Modules;C:\\Program Files\\WindowsPowerShell\\Modules;"
                         "C:\\Windows\\system32\\WindowsPowerShell\\v1.0\\Modules"),
        "PUBLIC": "C:\\Users\\Public",
        "SystemDrive": "C:",
        "SystemRoot": "C:\\Windows",
        "TEMP": f"{local}\\Temp",
        "TMP": f"{local}\\Temp",
        "USERDOMAIN": domain,
        "USERDOMAIN_ROAMINGPROFILE": domain,
        "USERNAME": "Administrator",
        "USERPROFILE": PROFILE,
        "windir": "C:\\Windows",
    }
    if host.domain:
        env["USERDNSDOMAIN"] = host.domain.upper()
    if host.os_version not in ("2008R2", "2012", "2012R2"):
        env["DriverData"] = "C:\\Windows\\System32\\Drivers\\DriverData"   # Windows 10 / Server 2016 and later
    return env


def lookup(world: World, host: Host, name: str) -> str | None:
    """``$env:NAME`` as the host sets it (names are case-insensitive), or None."""
    key = name.lower()
    return next((v for k, v in environment(world, host).items() if k.lower() == key), None)


def env_name(path: str) -> str | None:
    """The part after the drive of an ``Env:`` path ("" for the drive itself), or None for another path.
    A drive of a provider the twin does not emulate is refused."""
    p = str(path).strip()
    qualified = _QUALIFIED.match(p)
    if qualified:
        provider = qualified.group(1).lower()
        rest = p[qualified.end():]
        if provider != "environment":
            raise NotEmulated("the provider path", f"'{p}' ({qualified.group(1)} provider; the twin emulates FileSystem and Environment)")
        return rest.lstrip("\\/")
    drive = re.match(r"^([A-Za-z][\w-]+):", p)
    if not drive:
        return None
    name = drive.group(1).lower()
    if name == "env":
        return p[drive.end():].lstrip("\\/")
    if name in OTHER_PROVIDERS:
        raise NotEmulated("the provider path", f"'{p}' ({OTHER_PROVIDERS[name]} provider; the twin emulates FileSystem and Environment)")
    return None


def entry(name: str, value: str) -> PSObject:
    """An environment variable as the Env: drive gives it (a DictionaryEntry, shown with the hashtable view), with the
    properties the Environment provider adds (PSPath ... PSIsContainer: a piped item binds -LiteralPath by its PSPath;
    labkit.twin.providers)."""
    return PSObject("System.Collections.DictionaryEntry", {
        "PSPath": f"Microsoft.PowerShell.Core\\Environment::{name}", "PSDrive": provider_drive("Env"),
        "PSProvider": provider_info("Environment"), "PSIsContainer": False, "Name": name, "Key": name, "Value": value},
        display=["Name", "Value"], tostring="System.Collections.DictionaryEntry")


def env_items(ctx: Any, rest: str, cmdlet: str, *, literal: bool = False) -> list[PSObject]:
    """The Env: items ``rest`` names in the session of cmdlet context ``ctx``: all for "", those matching a
    wildcard, or the one named; a name without wildcards that no variable has is Windows' PathNotFound."""
    engine = getattr(ctx, "engine", None)
    env = environment_table(engine) if engine is not None else environment(ctx.world, ctx.world.host(ctx.host))
    ordered = sorted(env.items(), key=lambda kv: kv[0].lower())
    if rest in ("", "*"):
        return [entry(k, v) for k, v in ordered]
    if not literal and any(c in rest for c in "*?["):
        return [entry(k, v) for k, v in ordered if fnmatch.fnmatchcase(k.lower(), rest.lower())]
    hit = next(((k, v) for k, v in ordered if k.lower() == rest.lower()), None)
    if hit is None:
        # LocationGlobber names the drive-qualified path: "Cannot find path 'Env:\\NOPE' ..."
        raise CmdletError(f"Cannot find path 'Env:\\{rest}' because it does not exist.", "ObjectNotFound",
                          f"PathNotFound,Microsoft.PowerShell.Commands.{cmdlet}Command", f"Env:\\{rest}")
    return [entry(*hit)]


# [System.Environment]'s members that read or set the session's variables
# (https://learn.microsoft.com/en-us/dotnet/api/system.environment?view=netframework-4.8).
def environment_member(engine: Any, name: str, args: list[Any] | None) -> Any:
    """``[Environment]::name`` (args None) or ``[Environment]::name(args)``; MISSING_MEMBER when the twin lacks it."""
    from labkit.twin.values import PSHashtable, to_string

    world, host = engine.world, engine.world.host(engine.host)
    low = name.lower()
    if args is None:
        props: dict[str, Any] = {"username": "Administrator", "userdomainname": world.netbios if host.domain else host.name,
                                 "processorcount": host.cpus, "is64bitoperatingsystem": True, "is64bitprocess": True,
                                 "systemdirectory": "C:\\Windows\\system32"}
        return props.get(low, MISSING_MEMBER)
    values = [to_string(a) for a in args]
    targeted = {"getenvironmentvariable": 2, "setenvironmentvariable": 3, "getenvironmentvariables": 1}.get(low)
    target = values[-1].lower() if targeted is not None and len(values) == targeted else "process"
    if target not in ("process", "0"):
        raise NotEmulated(f"[Environment]::{name}()", f"the target '{values[-1]}' (the twin keeps the session's Process variables)")
    if low == "getenvironmentvariable" and len(values) in (1, 2):
        return engine.env_var("env:" + values[0].lower())
    if low == "setenvironmentvariable" and len(args) in (2, 3):
        from labkit.twin.members import VOID

        engine.set_var("env:" + values[0].lower(), args[1])
        return VOID                                   # a void method writes nothing
    if low == "getenvironmentvariables" and len(values) <= 1:
        return PSHashtable(environment_table(engine))
    if low == "expandenvironmentvariables" and len(values) == 1:
        return re.sub(r"%([^%]+)%", lambda m: v if (v := engine.env_var("env:" + m.group(1).lower())) is not None else m.group(0), values[0])
    return MISSING_MEMBER


MISSING_MEMBER = object()


def environment_table(engine: Any) -> dict[str, str]:
    """The session's variables now: the host's, with what the script set or removed."""
    env = dict(environment(engine.world, engine.world.host(engine.host)))
    for key, value in engine.global_scope.vars.items():
        if key.startswith("env:"):
            name = next((k for k in env if k.lower() == key[4:]), key[4:])
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
    return env
