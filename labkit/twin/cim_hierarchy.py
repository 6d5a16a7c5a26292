"""``$cim.PSObject.TypeNames`` / ``$cim.pstypenames``: a CIM instance's class and its superclasses, with and without
the namespace, then CimInstance and System.Object.

PowerShell's CimInstanceTypeAdapter.GetTypeNameHierarchy
(src/System.Management.Automation/cimSupport/other/ciminstancetypeadapter.cs) walks the class's inheritance
chain: first ``CimInstance#<namespace>/<class>`` for the class and each superclass, then ``CimInstance#<class>``
for each, then the .NET types (CimInstance, System.Object). The superclasses, from the class pages:
- MSFT_Disk, MSFT_Partition, MSFT_Volume, MSFT_InitiatorPort derive from MSFT_StorageObject
  (https://learn.microsoft.com/en-us/windows-hardware/drivers/storage/msft-disk and its siblings);
- MSFT_NetAdapter : CIM_NetworkPort : CIM_LogicalPort : CIM_LogicalDevice : CIM_EnabledLogicalElement : CIM_LogicalElement :
  CIM_ManagedSystemElement : CIM_ManagedElement
  (https://learn.microsoft.com/en-us/previous-versions/windows/desktop/legacy/hh968170(v=vs.85));
- MSFT_NetIPAddress : CIM_IPProtocolEndpoint : CIM_ProtocolEndpoint : CIM_ServiceAccessPoint : CIM_EnabledLogicalElement : ...
  (https://learn.microsoft.com/en-us/windows/win32/fwp/wmi/nettcpipprov/msft-netipaddress).
A class not listed here is given without superclasses.
"""

from __future__ import annotations

from typing import Iterable

from labkit.twin.cim_tostring import CIM_TYPE

_ELEMENT = ("CIM_EnabledLogicalElement", "CIM_LogicalElement", "CIM_ManagedSystemElement", "CIM_ManagedElement")

SUPERCLASSES: dict[str, tuple[str, ...]] = {
    "msft_disk": ("MSFT_StorageObject",),
    "msft_partition": ("MSFT_StorageObject",),
    "msft_volume": ("MSFT_StorageObject",),
    "msft_initiatorport": ("MSFT_StorageObject",),
    "msft_netadapter": ("CIM_NetworkPort", "CIM_LogicalPort", "CIM_LogicalDevice", *_ELEMENT),
    "msft_netipaddress": ("CIM_IPProtocolEndpoint", "CIM_ProtocolEndpoint", "CIM_ServiceAccessPoint", *_ELEMENT),
}


def cim_type_names(type_names: Iterable[str]) -> list[str]:
    """The type names PowerShell gives a CIM instance whose own names are ``type_names`` (others are returned as they are)."""
    names = list(type_names)
    own = next((n for n in names if n.startswith(CIM_TYPE + "#")), None)
    if own is None:
        return names
    path = own.split("#", 1)[1]
    namespace, _, cls = path.rpartition("/")
    chain = [cls, *SUPERCLASSES.get(cls.lower(), ())]
    hierarchy = [f"{CIM_TYPE}#{namespace}/{c}" for c in chain] + [f"{CIM_TYPE}#{c}" for c in chain] + [CIM_TYPE]
    extra = [n for n in names if n != own and n != CIM_TYPE and n not in hierarchy]    # names a script added
    return [n for n in names[:names.index(own)] if n not in hierarchy] + hierarchy + extra
