"""What ``"$cim"``, ``$cim.ToString()``, ``-join`` and ``-f`` give for a CIM instance (Get-Disk, Get-NetAdapter ...).

PowerShell turns an object into a string with its .NET ToString(); a CIM cmdlet's objects are
``Microsoft.Management.Infrastructure.CimInstance``, whose ToString() (MMI,
https://github.com/PowerShell/MMI, src/Microsoft.Management.Infrastructure/CimInstance.cs) is built from
the class name, the key properties and the Caption property:

* keys and a Caption: ``{class}: {caption} ({keys})``; keys only: ``{class} ({keys})``;
  a Caption only: ``{class}: {caption}``; neither: the class name
  (resources/Strings.resx: CimInstanceToStringFullData, CimInstanceToStringNoCaption, CimInstanceToStringNoKeys);
* the keys are the key properties in the instance's order, joined by ", ", each ``Name = value``
  (CimNameAndValueToString) where a string value is in double quotes, its control and other
  non-printable characters written as ``?``, and a value longer than 40 characters is cut to its first
  40 followed by ``...`` (Internal/Helpers.cs, ToStringFromNameAndValue); an array or an embedded
  instance is ``...``, a null value the name alone.

So ``"$(Get-Disk 1)"`` is ``MSFT_Disk (ObjectId = "{1}\\\\NODE\\root/Microsoft/Windows/Stor...``, as
Windows prints nested disks (Get-StorageNode's page, example 3:
https://learn.microsoft.com/en-us/powershell/module/storage/get-storagenode?view=windowsserver2022-ps).

The key properties of each class, in the order WMI gives an instance's properties (the base class's
first, then by name within a class), from the class pages:
- MSFT_Disk, MSFT_Partition, MSFT_Volume: ObjectId, the key of MSFT_StorageObject
  (https://learn.microsoft.com/en-us/windows-hardware/drivers/storage/msft-storageobject);
- MSFT_NetAdapter: the CIM_LogicalDevice keys CreationClassName, DeviceID, SystemCreationClassName, SystemName
  (https://learn.microsoft.com/en-us/previous-versions/windows/desktop/legacy/hh968170(v=vs.85));
- MSFT_NetIPAddress: Name (CIM_ManagedSystemElement), then CreationClassName, SystemCreationClassName, SystemName
  (CIM_ServiceAccessPoint; https://learn.microsoft.com/en-us/windows/win32/fwp/wmi/nettcpipprov/msft-netipaddress);
- MSFT_iSCSITarget: NodeAddress; MSFT_iSCSISession: SessionIdentifier; MSFT_iSCSIConnection: ConnectionIdentifier;
  MSFT_iSCSITargetPortal: TargetPortalAddress, TargetPortalPortNumber
  (https://learn.microsoft.com/en-us/previous-versions/windows/desktop/iscsidisc/msft-iscsitarget and its siblings).

A class not listed here, or an instance that lacks one of its keys, has a string form the twin cannot
write: it is refused as not emulated rather than answered with a made-up one.
"""

from __future__ import annotations

import unicodedata
from typing import Any, Callable, Iterable

from labkit.twin.errors import CmdletError

CIM_TYPE = "Microsoft.Management.Infrastructure.CimInstance"

KEYS: dict[str, tuple[str, ...]] = {
    "msft_disk": ("ObjectId",),
    "msft_partition": ("ObjectId",),
    "msft_volume": ("ObjectId",),
    "msft_netadapter": ("CreationClassName", "DeviceID", "SystemCreationClassName", "SystemName"),
    "msft_netipaddress": ("Name", "CreationClassName", "SystemCreationClassName", "SystemName"),
    "msft_iscsitarget": ("NodeAddress",),
    "msft_iscsisession": ("SessionIdentifier",),
    "msft_iscsiconnection": ("ConnectionIdentifier",),
    "msft_iscsitargetportal": ("TargetPortalAddress", "TargetPortalPortNumber"),
}

_MAX_VALUE = 40


def cim_class_path(type_names: Iterable[str]) -> str | None:
    """``ROOT/Microsoft/Windows/Storage/MSFT_Disk`` of a CIM instance's type names, or None for other objects."""
    for name in type_names:
        if name.startswith(CIM_TYPE + "#"):
            return name.split("#", 1)[1]
    return None


def _printable(ch: str) -> bool:
    # char.IsControl / IsLetterOrDigit / IsPunctuation / IsWhiteSpace (Helpers.ToStringFromNameAndValue)
    cat = unicodedata.category(ch)
    if cat == "Cc":
        return False
    return cat[0] in ("L", "N", "P") or ch.isspace() or cat == "Zs"


def _text(value: Any) -> str:
    """A key's non-string value as its .NET ToString(): numbers, True/False, an enum's name."""
    if isinstance(value, bool):
        return "True" if value else "False"
    return str(value)


def name_and_value(name: str, value: Any) -> str:
    """One key as MMI writes it: ``Name = "value"``, cut to 40 characters of value."""
    if value is None:
        return name
    if isinstance(value, (list, tuple)) or (hasattr(value, "type_names") and cim_class_path(value.type_names)):
        shown = "..."
    elif isinstance(value, str):
        shown = '"' + "".join(c if _printable(c) else "?" for c in value) + '"'
    else:
        shown = _text(value)
    if len(shown) > _MAX_VALUE:
        shown = shown[:_MAX_VALUE] + "..."
    return f"{name} = {shown}"


class CimStringNotEmulated(CmdletError):
    """The string form of a CIM class whose key properties the twin does not hold."""

    def __init__(self, class_path: str, missing: str | None):
        self.class_path, self.missing = class_path, missing
        what = (f"its key property '{missing}' is not modelled" if missing
                else "the twin does not know the key properties of this class")
        super().__init__(f"The string form of a {class_path.split('/')[-1]} instance (CimInstance.ToString(): class name and key properties) "
                         f"is not emulated by the labkit twin: {what}. Read the properties you need instead, e.g. $x.Name.",
                         "NotImplemented", "NotEmulated", class_path)


def cim_instance_string(class_path: str, has: Callable[[str], bool], get: Callable[[str], Any]) -> str:
    """CimInstance.ToString() of an instance of ``class_path`` whose properties ``has(name)`` / ``get(name)`` read."""
    cls = class_path.split("/")[-1]
    keys = KEYS.get(cls.lower())
    if keys is None:
        raise CimStringNotEmulated(class_path, None)
    parts = []
    for key in keys:
        if not has(key):
            raise CimStringNotEmulated(class_path, key)
        parts.append(name_and_value(key, get(key)))
    caption = get("Caption") if has("Caption") else None
    joined = ", ".join(parts)
    if isinstance(caption, str) and caption:
        return f"{cls}: {caption} ({joined})" if joined else f"{cls}: {caption}"
    return f"{cls} ({joined})" if joined else cls
