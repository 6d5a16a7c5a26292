"""``System.Version`` values and Windows PowerShell 5.1's ``$PSVersionTable``.

``$PSVersionTable`` on Windows Server 2022 (the 5.1 in the box)::

    Name                           Value
    ----                           -----
    PSVersion                      5.1.20348.2849
    PSEdition                      Desktop
    PSCompatibleVersions           {1.0, 2.0, 3.0, 4.0...}
    BuildVersion                   10.0.20348.2849
    CLRVersion                     4.0.30319.42000
    WSManStackVersion              3.0
    PSRemotingProtocolVersion      2.3
    SerializationVersion           1.1.0.1

Source: https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_automatic_variables?view=powershell-5.1
(``$PSVersionTable``: PSVersion, PSEdition "Desktop" for Windows PowerShell, PSCompatibleVersions,
BuildVersion, CLRVersion, WSManStackVersion, PSRemotingProtocolVersion, SerializationVersion),
and the Windows Server build numbers of
https://learn.microsoft.com/windows/release-health/windows-server-release-info.
Windows Server 2008 R2 to 2012 R2 run 5.1 from WMF 5.1 (build 14409.1005):
https://learn.microsoft.com/powershell/scripting/windows-powershell/wmf/setup/install-configure
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from labkit.twin.objects import PSObject
from labkit.twin.values import PSHashtable

VERSION_TYPE = "System.Version"

# the 5.1 build each Windows Server release runs (5.1.<build>.<revision>; BuildVersion is 10.0.<build>.<revision>)
PS_BUILDS = {"2008R2": "14409.1005", "2012": "14409.1005", "2012R2": "14409.1005", "2016": "14393.7785",
             "2019": "17763.6893", "2022": "20348.2849", "2025": "26100.2605"}


def version(text: str) -> PSObject:
    """A ``[version]``: Major, Minor, Build, Revision (-1 when absent); prints as its text."""
    parts = [int(p) for p in text.split(".")]
    major, minor = parts[0], parts[1] if len(parts) > 1 else 0
    build = parts[2] if len(parts) > 2 else -1
    revision = parts[3] if len(parts) > 3 else -1
    return PSObject(VERSION_TYPE, {
        "Major": major, "Minor": minor, "Build": build, "Revision": revision,
        "MajorRevision": (revision >> 16) if revision >= 0 else -1, "MinorRevision": (revision & 0xFFFF) if revision >= 0 else -1,
    }, tostring=text)


def is_version(value: Any) -> bool:
    return isinstance(value, PSObject) and value.type_name == VERSION_TYPE


def version_key(value: Any) -> tuple[int, ...] | None:
    """A Version (or a string in version form) as a tuple that compares as System.Version does, else None."""
    if is_version(value):
        return tuple(value.get(k) for k in ("Major", "Minor", "Build", "Revision"))
    if isinstance(value, str):
        try:
            v = version(value.strip())
        except (ValueError, IndexError):
            return None
        return version_key(v)
    return None


def ps_version_table(os_version: str) -> PSHashtable:
    """A fresh table (a script may change its copy); the version objects are built once per build."""
    return PSHashtable(_table(PS_BUILDS.get(os_version, PS_BUILDS["2022"])))


@lru_cache(maxsize=None)
def _table(build: str) -> dict[str, Any]:
    ps = f"5.1.{build}"
    return dict({
        "PSVersion": version(ps),
        "PSEdition": "Desktop",
        "PSCompatibleVersions": [version(v) for v in ("1.0", "2.0", "3.0", "4.0", "5.0", ps)],
        "BuildVersion": version(f"10.0.{build}"),
        "CLRVersion": version("4.0.30319.42000"),
        "WSManStackVersion": version("3.0"),
        "PSRemotingProtocolVersion": version("2.3"),
        "SerializationVersion": version("1.1.0.1"),
    })


__all__ = ["version", "is_version", "version_key", "ps_version_table", "VERSION_TYPE"]
