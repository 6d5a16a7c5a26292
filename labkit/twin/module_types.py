""".NET types of the modules' objects that scripts name in ``-is [T]``, ``-as [T]``, ``[T]`` in a param() block
or ``$x.GetType() -eq [T]``: FailoverClusters' and Hyper-V's object and enum types.

The object types are the OUTPUTS of the cmdlets' pages (Windows Server 2022), e.g.
https://learn.microsoft.com/en-us/powershell/module/failoverclusters/get-clusternode?view=windowsserver2022-ps
(Microsoft.FailoverClusters.PowerShell.ClusterNode) and
https://learn.microsoft.com/en-us/powershell/module/hyper-v/get-vm?view=windowsserver2022-ps
(Microsoft.HyperV.PowerShell.VirtualMachine); the enums are the types of the objects' properties the same pages
show (State, OwnerNode's State, SwitchType ...); a node's DrainStatus is a ClusterNodeDrainStatus, the cluster's
ResiliencyLevel a ClusterResiliencyLevel (the module's public types, FailoverClusters 2.0.0.0). Each maps to its base type
for labkit/twin/types.py.
"""

from __future__ import annotations

_OBJECT = "System.Object"
_ENUM = "System.Enum"
_FC = "Microsoft.FailoverClusters.PowerShell."
_HV = "Microsoft.HyperV.PowerShell."

_FC_OBJECTS = ("Cluster", "ClusterNode", "ClusterGroup", "ClusterResource", "ClusterResourceType", "ClusterSharedVolume",
               "ClusterSharedVolumeInfo", "ClusterDiskPartitionInfo", "ClusterNetwork", "ClusterNetworkInterface",
               "ClusterQuorumSettings", "ClusterParameter", "ClusterOwnerNodeList", "ClusterAvailableDisk")
_FC_ENUMS = ("ClusterNodeState", "ClusterGroupState", "ClusterResourceState", "ClusterNetworkState", "ClusterNetworkRole",
             "ClusterNetworkInterfaceState", "ClusterQuorumType", "GroupType", "ClusterNodeDrainStatus", "ClusterSharedVolumeState",
             "ClusterResiliencyLevel")
_HV_OBJECTS = ("VirtualMachine", "VMSwitch", "VMNetworkAdapter", "VMInternalNetworkAdapter", "VMHost", "HardDiskDrive",
               "VMProcessor", "VMMigrationNetwork")
_HV_ENUMS = ("VMState", "VMSwitchType", "ControllerType", "CheckpointType", "StopAction", "VMMigrationPerformance",
             "MigrationAuthenticationType", "VMReplicationState", "VMReplicationMode", "VMReplicationHealthState", "VMOperationalStatus")

MODULE_TYPE_BASES: dict[str, str] = {
    **{_FC + n: _OBJECT for n in _FC_OBJECTS},
    **{_FC + n: _ENUM for n in _FC_ENUMS},
    # Hyper-V's VirtualMachine derives from VirtualMachineBase (its PSTypeNames list both)
    **{_HV + n: _OBJECT for n in _HV_OBJECTS if n != "VirtualMachine"},
    _HV + "VirtualMachineBase": _OBJECT,
    _HV + "VirtualMachine": _HV + "VirtualMachineBase",
    **{_HV + n: _ENUM for n in _HV_ENUMS},
}
