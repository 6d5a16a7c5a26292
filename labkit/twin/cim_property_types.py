"""The .NET types of CIM properties whose values are numbers: ``(Get-Disk 1).Size.GetType()`` is UInt64,
``.Number`` UInt32, as the class's MOF declares them (a CIM uint64 is a System.UInt64 in PowerShell).

Python's int has no width, so the twin would say Int32 for a 1 GB disk; the CDXML Get- cmdlets pass their
instances through :func:`typed_instance` (from labkit/twin/cim_query.py) to give each number its declared type.
The types, from the class pages:
- MSFT_Disk: https://learn.microsoft.com/en-us/windows-hardware/drivers/storage/msft-disk
- MSFT_Partition: https://learn.microsoft.com/en-us/windows-hardware/drivers/storage/msft-partition
- MSFT_Volume: https://learn.microsoft.com/en-us/windows-hardware/drivers/storage/msft-volume
- MSFT_NetAdapter: https://learn.microsoft.com/en-us/previous-versions/windows/desktop/legacy/hh968170(v=vs.85)
  (ifIndex is the module's alias of InterfaceIndex)
- MSFT_NetIPAddress: https://learn.microsoft.com/en-us/windows/win32/fwp/wmi/nettcpipprov/msft-netipaddress
"""

from __future__ import annotations

from typing import Any

from labkit.twin.cim_tostring import cim_class_path
from labkit.twin.dotnet_values import ByteValue, UInt32Value, UInt64Value
from labkit.twin.objects import PSObject

_U32, _U64, _U8 = UInt32Value, UInt64Value, ByteValue

PROPERTY_TYPES: dict[str, dict[str, type]] = {
    "msft_disk": {"Number": _U32, "Size": _U64, "AllocatedSize": _U64, "LargestFreeExtent": _U64, "NumberOfPartitions": _U32,
                  "LogicalSectorSize": _U32, "PhysicalSectorSize": _U32, "Signature": _U32},
    "msft_partition": {"DiskNumber": _U32, "PartitionNumber": _U32, "Offset": _U64, "Size": _U64},
    "msft_volume": {"Size": _U64, "SizeRemaining": _U64},
    "msft_netadapter": {"InterfaceIndex": _U32, "ifIndex": _U32, "MtuSize": _U32, "Speed": _U64, "ReceiveLinkSpeed": _U64,
                        "TransmitLinkSpeed": _U64},
    "msft_netipaddress": {"InterfaceIndex": _U32, "ifIndex": _U32, "PrefixLength": _U8},
}


def typed_instance(obj: Any) -> Any:
    """``obj`` with its numeric CIM properties as their declared .NET types (in place; other values untouched)."""
    if not isinstance(obj, PSObject):
        return obj
    path = cim_class_path(obj.type_names)
    types = PROPERTY_TYPES.get(path.split("/")[-1].lower()) if path else None
    if not types:
        return obj
    for name, cls in types.items():
        value = obj.get(name)
        if isinstance(value, int) and not isinstance(value, bool) and type(value) is not cls:
            obj.set(name, cls(value))
    return obj
