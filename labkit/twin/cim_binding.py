"""Which CIM instances a CimInstance parameter of a CDXML cmdlet takes.

The CIM-based modules (Storage, iSCSI, NetAdapter, NetTCPIP, DnsClient) declare their
``[CimInstance]`` parameters with a ``PSTypeName`` attribute naming one CIM class
(``[PSTypeName('Microsoft.Management.Infrastructure.CimInstance#ROOT/Microsoft/Windows/Storage/MSFT_Partition')]``
on ``Get-Volume -Partition``), so PowerShell binds a piped MSFT_Partition to ``-Partition``, not to
``-DiskImage`` or ``-InputObject``. The reference pages show only ``CimInstance``; the class is the
parameter's name (``-Partition`` takes MSFT_Partition, ``-iSCSISession`` MSFT_iSCSISession), and
``-InputObject`` takes the cmdlet's own noun (``Get-Volume -InputObject`` takes MSFT_Volume).
https://learn.microsoft.com/en-us/previous-versions/windows/desktop/wmi_v2/cdxml-overview
"""

from __future__ import annotations

from typing import Any

from labkit.twin.objects import PSObject

# Parameters whose name is not their class's.
CLASS_OF_PARAMETER = {"associatedipinterface": "netipinterface"}


def cim_class(value: Any) -> str | None:
    """``MSFT_Partition`` for a twin CIM instance of that class (from its type name), else None."""
    if not isinstance(value, PSObject):
        return None
    for tn in value.type_names:
        if "CimInstance#" in tn:
            return tn.rsplit("/", 1)[-1]
    return None


def takes(cmdlet: str, parameter: str, type_name: str, value: Any) -> bool:
    """Whether ``value`` may bind by value to a CimInstance parameter: only a CIM instance of its class."""
    if not type_name.lower().startswith("ciminstance"):
        return True
    cls = cim_class(value)
    if cls is None:
        return False      # a string or a [pscustomobject] is no CIM instance: it can only bind by property name
    name = cls.lower().removeprefix("msft_")
    if parameter == "InputObject":
        noun = cmdlet.split("-", 1)[-1].lower()
        return name.startswith(noun)
    return name == CLASS_OF_PARAMETER.get(parameter.lower(), parameter.lower())
