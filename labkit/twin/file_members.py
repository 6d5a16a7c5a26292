"""The members Windows PowerShell 5.1 adds to FileInfo and DirectoryInfo, and FileVersionInfo.

5.1's types.ps1xml extends System.IO.FileInfo with ``BaseName`` (the name without its extension), ``VersionInfo``
(``[System.Diagnostics.FileVersionInfo]::GetVersionInfo($this.FullName)``), ``Target`` and ``LinkType`` (the
link's target and kind: nothing for a plain file), and DirectoryInfo with ``BaseName`` (its name), ``Target`` and
``LinkType`` (PowerShell's src/System.Management.Automation/engine/Types_Ps1Xml.cs at 237ccbd, the 5.1 type data).
Format-List of a 5.1 FileInfo shows them: ``LinkType       :`` and ``Target         : {}``.

FileVersionInfo's ToString() is .NET Framework's (reference source, FileVersionInfo.cs): thirteen "Label: value"
lines, each ending in CRLF. The twin's files are data files (no version resource), so every field is empty or
False, as GetVersionInfo answers for a text or VHDX file.
https://learn.microsoft.com/dotnet/api/system.diagnostics.fileversioninfo?view=netframework-4.8
"""

from __future__ import annotations

import ntpath
from datetime import datetime
from typing import Any

from labkit.twin.objects import PSObject
from labkit.twin.providers import with_provider_properties
from labkit.twin.version import version

VERSION_INFO_TYPE = "System.Diagnostics.FileVersionInfo"

# FileVersionInfo.ToString(): label, and the property it prints
_TO_STRING = (("File:             ", "FileName"), ("InternalName:     ", "InternalName"),
              ("OriginalFilename: ", "OriginalFilename"), ("FileVersion:      ", "FileVersion"),
              ("FileDescription:  ", "FileDescription"), ("Product:          ", "ProductName"),
              ("ProductVersion:   ", "ProductVersion"), ("Debug:            ", "IsDebug"),
              ("Patched:          ", "IsPatched"), ("PreRelease:       ", "IsPreRelease"),
              ("PrivateBuild:     ", "IsPrivateBuild"), ("SpecialBuild:     ", "IsSpecialBuild"),
              ("Language:         ", "Language"))


def version_info(path: str) -> PSObject:
    """FileVersionInfo of a file without a version resource (FileVersionInfo.GetVersionInfo)."""
    props: dict[str, Any] = {
        "Comments": None, "CompanyName": None, "FileBuildPart": 0, "FileDescription": None, "FileMajorPart": 0,
        "FileMinorPart": 0, "FileName": path, "FilePrivatePart": 0, "FileVersion": None, "InternalName": None,
        "IsDebug": False, "IsPatched": False, "IsPrivateBuild": False, "IsPreRelease": False, "IsSpecialBuild": False,
        "Language": None, "LegalCopyright": None, "LegalTrademarks": None, "OriginalFilename": None, "PrivateBuild": None,
        "ProductBuildPart": 0, "ProductMajorPart": 0, "ProductMinorPart": 0, "ProductName": None, "ProductPrivatePart": 0,
        "ProductVersion": None, "SpecialBuild": None,
    }

    def text(name: str) -> str:
        value = props[name]
        return "" if value is None else ("True" if value is True else "False" if value is False else str(value))

    props["FileVersionRaw"] = version("0.0.0.0")        # 5.1's types.ps1xml: [version] of the four parts
    props["ProductVersionRaw"] = version("0.0.0.0")
    tostring = "".join(label + text(name) + "\r\n" for label, name in _TO_STRING)
    return PSObject(VERSION_INFO_TYPE, props, display=["ProductVersion", "FileVersion", "FileName"], tostring=tostring)


def base_name(name: str, is_file: bool) -> str:
    """types.ps1xml's BaseName: a file's name without its extension (Path.GetExtension's), a folder's name."""
    if not is_file:
        return name
    ext = ntpath.splitext(name)[1]
    return name[: len(name) - len(ext)] if ext else name


def extended_members(path: str, name: str, is_file: bool) -> dict[str, Any]:
    """A file's VersionInfo, then BaseName, Target and LinkType: the members types.ps1xml adds, in its order."""
    members: dict[str, Any] = {"VersionInfo": version_info(path)} if is_file else {}
    members.update({"BaseName": base_name(name, is_file), "Target": [], "LinkType": None})
    return members


def filesystem_item(path: str, is_file: bool, length: int | None, created: datetime, written: datetime) -> PSObject:
    """A FileInfo or DirectoryInfo as the FileSystem provider writes it, its properties in the order of 5.1's
    Format-List *: the provider's, types.ps1xml's members, then the .NET properties. ``created``, ``written``: its
    times (labkit.twin.file_times; the lab's clock is UTC, so the Utc times are the same; the last access time is
    not kept and is refused, labkit.twin.unmodelled)."""
    name = ntpath.basename(path.rstrip("\\")) or path
    parent = ntpath.dirname(path)
    props: dict[str, Any] = {"Mode": "-a----" if is_file else "d-----", **extended_members(path, name, is_file), "Name": name}
    if is_file:
        props.update({"Length": length, "DirectoryName": parent, "Directory": parent, "IsReadOnly": False, "Exists": True})
    else:
        props.update({"Parent": ntpath.basename(parent) if parent != path else None, "Exists": True, "Root": path[:3]})
    props.update({"FullName": path, "Extension": ntpath.splitext(name)[1] if is_file else "", "CreationTime": created,
                  "CreationTimeUtc": created, "LastWriteTime": written, "LastWriteTimeUtc": written,
                  "Attributes": "Archive" if is_file else "Directory"})
    return PSObject("System.IO.FileInfo" if is_file else "System.IO.DirectoryInfo",
                    with_provider_properties(props, path, not is_file),
                    display=["Mode", "LastWriteTime", "Length", "Name"], tostring=path)
