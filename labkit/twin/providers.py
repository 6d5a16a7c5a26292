"""PowerShell providers and drives as Windows PowerShell 5.1 shows them: the ProviderInfo and PSDriveInfo
objects (Get-PSProvider, Get-PSDrive, ``$item.PSProvider``, ``$item.PSDrive``) and the provider properties
every item carries (PSPath, PSParentPath, PSChildName, PSDrive, PSProvider, PSIsContainer).

about_Providers (5.1): "the provider adds ... PSPath, PSParentPath, PSChildName, PSDrive, PSProvider and
PSIsContainer" to each item it returns, and cmdlets whose -LiteralPath has the alias PSPath bind an item
from the pipeline through it
(https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_providers?view=powershell-5.1).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from labkit.twin.objects import PSObject

CORE = "Microsoft.PowerShell.Core"
FILESYSTEM = f"{CORE}\\FileSystem::"

#: The providers of a Windows PowerShell 5.1 session on Windows Server, in Get-PSProvider's order, with their
#: capabilities and drives (Get-PSProvider's output; about_Providers "Built-in providers"):
#: https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_providers?view=powershell-5.1
PROVIDERS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("Registry", "ShouldProcess, Transactions", "Microsoft.PowerShell.Core", ("HKLM", "HKCU")),
    ("Alias", "ShouldProcess", "Microsoft.PowerShell.Core", ("Alias",)),
    ("Environment", "ShouldProcess", "Microsoft.PowerShell.Core", ("Env",)),
    ("FileSystem", "Filter, ShouldProcess, Credentials", "Microsoft.PowerShell.Core", ()),
    ("Function", "ShouldProcess", "Microsoft.PowerShell.Core", ("Function",)),
    ("Variable", "ShouldProcess", "Microsoft.PowerShell.Core", ("Variable",)),
    ("Certificate", "ShouldProcess", "Microsoft.PowerShell.Security", ("Cert",)),
    ("WSMan", "Credentials", "Microsoft.WSMan.Management", ("WSMan",)),
)

#: The implementing .NET type of each provider (ProviderInfo.ImplementingType).
IMPLEMENTING = {
    "Registry": "Microsoft.PowerShell.Commands.RegistryProvider", "Alias": "Microsoft.PowerShell.Commands.AliasProvider",
    "Environment": "Microsoft.PowerShell.Commands.EnvironmentProvider",
    "FileSystem": "Microsoft.PowerShell.Commands.FileSystemProvider",
    "Function": "Microsoft.PowerShell.Commands.FunctionProvider", "Variable": "Microsoft.PowerShell.Commands.VariableProvider",
    "Certificate": "Microsoft.PowerShell.Commands.CertificateProvider",
    "WSMan": "Microsoft.WSMan.Management.WSManConfigProvider",
}

#: Drive roots of the providers' own drives (Get-PSDrive's Root column).
ROOTS = {"HKLM": "HKEY_LOCAL_MACHINE", "HKCU": "HKEY_CURRENT_USER", "Alias": "", "Env": "", "Function": "", "Variable": "",
         "Cert": "\\", "WSMan": ""}


def provider_name(name: str) -> str | None:
    """The provider's name as PowerShell spells it, or None."""
    return next((p[0] for p in PROVIDERS if p[0].lower() == name.lower()), None)


def provider_info(name: str, drives: list[Any] | None = None) -> PSObject:
    """The ProviderInfo of provider ``name``; "$p" is its PSSnapIn-qualified name (Microsoft.PowerShell.Core\\FileSystem).
    Without ``drives`` it is the one object every item of the provider shares (as a session's ProviderInfo is)."""
    return _provider_info(name, drives) if drives is not None else _shared_provider(name.lower())


@lru_cache(maxsize=None)
def _shared_provider(name: str) -> PSObject:
    return _provider_info(name, None)


def _provider_info(name: str, drives: list[Any] | None) -> PSObject:
    entry = next(p for p in PROVIDERS if p[0].lower() == name.lower())
    pname, caps, snapin, _ = entry
    qualified = f"{snapin}\\{pname}"
    return PSObject("System.Management.Automation.ProviderInfo", {
        "ImplementingType": IMPLEMENTING[pname], "HelpFile": "System.Management.Automation.dll-Help.xml", "Name": pname,
        "PSSnapIn": snapin, "ModuleName": snapin, "Module": None, "Description": "", "Capabilities": caps,
        "Home": "C:\\Users\\Administrator" if pname == "FileSystem" else "", "Drives": drives if drives is not None else []},
        display=["Name", "Capabilities", "Drives"], tostring=qualified)


def drive_info(name: str, provider: str, root: str, current: str = "", used: Any = None, free: Any = None,
               description: str = "") -> PSObject:
    """A PSDriveInfo; "$d" is its name (C), as PSDriveInfo.ToString() gives."""
    return PSObject("System.Management.Automation.PSDriveInfo", {
        "Used": used, "Free": free, "CurrentLocation": current, "Name": name, "Provider": provider_info(provider),
        "Root": root, "Description": description, "MaximumSize": None, "Credential": None, "DisplayRoot": None},
        display=["Name", "Provider", "Root", "CurrentLocation"], tostring=name)


@lru_cache(maxsize=None)
def _filesystem_drive(letter: str) -> PSObject:
    """The PSDriveInfo the items of drive ``letter`` name (one object for all of them)."""
    return drive_info(letter, "FileSystem", letter + ":\\")


def filesystem_properties(path: str, is_container: bool) -> dict[str, Any]:
    """The provider properties of the FileSystem item at ``path`` (absolute), in 5.1's order."""
    stripped = path.rstrip("\\")
    head, sep, name = stripped.rpartition("\\")
    if not sep:
        parent, name = "", path                         # a drive's root: C:\ is its own child name
    elif head.startswith("\\\\") and head.count("\\") < 3:
        parent = ""                                     # a share (\\server\share) has no parent
    else:
        parent = head + "\\" if head.endswith(":") else head
    drive = None if path.startswith("\\\\") else _filesystem_drive(path[0].upper())   # a UNC path is on no drive
    return {"PSPath": FILESYSTEM + path, "PSParentPath": FILESYSTEM + parent if parent else "", "PSChildName": name,
            "PSDrive": drive, "PSProvider": provider_info("FileSystem"), "PSIsContainer": is_container}


def with_provider_properties(props: dict[str, Any], path: str, is_container: bool) -> dict[str, Any]:
    """``props`` of a FileSystem item with its provider properties first, as 5.1's Format-List * shows them."""
    out = filesystem_properties(path, is_container)
    out.update({k: v for k, v in props.items() if k not in out})
    return out


def provider_path(value: str) -> str:
    """A PSPath (``Microsoft.PowerShell.Core\\FileSystem::C:\\x``) or ``FileSystem::C:\\x`` as the plain path."""
    low = value.lower()
    for prefix in (f"{CORE}\\filesystem::".lower(), "filesystem::"):
        if low.startswith(prefix):
            return value[len(prefix):]
    return value


@lru_cache(maxsize=None)
def provider_drive(name: str) -> PSObject:
    """The PSDriveInfo of a provider's own drive (Alias, Env, Variable ...) its items name (one object for all)."""
    provider = next(p[0] for p in PROVIDERS if name in p[3])
    return drive_info(name, provider, ROOTS[name])
