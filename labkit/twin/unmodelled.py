"""Properties Windows' objects have that the twin's objects do not model: reading one refuses loudly.

PowerShell answers ``$null`` for a property an object does not have, so a twin object missing a
property that the real object has would answer a silent, wrong ``$null`` (``(Get-ClusterNode).BuildNumber``,
``Get-Disk | Where-Object ProvisioningType -eq Thin``). The names below are the documented properties
of each class; asking a twin object for one it lacks is "not emulated" instead. A name in no list
(a typo) still reads ``$null``, as on Windows.

Sources, per type:
- MSFT_Disk, MSFT_Volume, MSFT_Partition and their base MSFT_StorageObject: the Windows Storage
  Management API pages (https://learn.microsoft.com/en-us/windows-hardware/drivers/storage/msft-disk,
  .../msft-volume, .../msft-partition, .../msft-storageobject);
- MSFT_NetIPAddress: https://learn.microsoft.com/en-us/windows/win32/fwp/wmi/nettcpipprov/msft-netipaddress;
- the FailoverClusters objects: the cluster WMI classes they wrap, their cluster-specific properties
  (https://learn.microsoft.com/en-us/previous-versions/windows/desktop/cluswmi/mscluster-node,
  .../mscluster-resourcegroup, .../mscluster-cluster), under the names the PowerShell objects use.
"""

from __future__ import annotations

from typing import Any

from labkit.twin.errors import CmdletError
from labkit.twin.objects import PSObject
from labkit.twin.values import PSRuntimeError, like

_STORAGE = "microsoft.management.infrastructure.ciminstance#root/microsoft/windows/storage/"
_NET = "microsoft.management.infrastructure.ciminstance#root/standardcimv2/"
_FC = "microsoft.failoverclusters.powershell."

_STORAGE_OBJECT = "ObjectId PassThroughClass PassThroughIds PassThroughNamespace PassThroughServer UniqueId"

DOCUMENTED: dict[str, str] = {
    _STORAGE + "msft_disk": _STORAGE_OBJECT + """ Path Location FriendlyName UniqueIdFormat Number SerialNumber FirmwareVersion
        Manufacturer Model Size AllocatedSize LogicalSectorSize PhysicalSectorSize LargestFreeExtent NumberOfPartitions
        ProvisioningType OperationalStatus HealthStatus BusType PartitionStyle Signature Guid IsOffline OfflineReason
        IsReadOnly IsSystem IsClustered IsBoot BootFromDisk""",
    _STORAGE + "msft_volume": _STORAGE_OBJECT + """ DriveLetter Path HealthStatus FileSystem FileSystemLabel FileSystemType
        Size SizeRemaining DriveType DedupMode""",
    _STORAGE + "msft_partition": _STORAGE_OBJECT + """ DiskNumber PartitionNumber DriveLetter AccessPaths OperationalStatus
        TransitionState Size MbrType GptType Guid IsReadOnly IsOffline IsSystem IsBoot IsActive IsHidden IsShadowCopy
        NoDefaultDriveLetter""",
    _NET + "msft_netipaddress": """InstanceID Caption ElementName InstallDate StatusDescriptions Status HealthState
        CommunicationStatus DetailedStatus OperatingStatus PrimaryStatus OtherEnabledState RequestedState EnabledDefault
        TransitioningToState AvailableRequestedStates SystemCreationClassName SystemName CreationClassName Description Name
        OperationalStatus EnabledState TimeOfLastStateChange NameFormat ProtocolType OtherTypeDescription ProtocolIFType
        IPv4Address IPv6Address Address SubnetMask PrefixLength AddressType IPVersionSupport AddressOrigin InterfaceIndex
        InterfaceAlias IPAddress AddressFamily Type Store PrefixOrigin SuffixOrigin AddressState ValidLifetime
        PreferredLifetime SkipAsSource""",
    # the class (previous-versions/windows/desktop/legacy/hh968170) and the NetAdapter module's own members on it
    # (ifAlias, ifIndex, ifDesc, ifName, MacAddress, LinkSpeed, MediaType, AdminStatus ... as Get-NetAdapter | Format-List * lists them)
    _NET + "msft_netadapter": """Caption Description InstallDate Name Status Availability ConfigManagerErrorCode ConfigManagerUserConfig
        CreationClassName DeviceID ErrorCleared ErrorDescription LastErrorCode PNPDeviceID PowerManagementCapabilities
        PowerManagementSupported StatusInfo SystemCreationClassName SystemName Speed MaxSpeed RequestedSpeed UsageRestriction PortType
        OtherPortType OtherNetworkPortType PortNumber LinkTechnology OtherLinkTechnology PermanentAddress NetworkAddresses FullDuplex
        AutoSense SupportedMaximumTransmissionUnit ActiveMaximumTransmissionUnit InterfaceDescription InterfaceName NetLuid InterfaceGuid
        InterfaceIndex DeviceName NetLuidIndex Virtual Hidden NotUserRemovable IMFilter InterfaceType HardwareInterface WdmInterface
        EndPointInterface iSCSIInterface State NdisMedium NdisPhysicalMedium InterfaceOperationalStatus
        OperationalStatusDownDefaultPortNotAuthenticated OperationalStatusDownMediaDisconnected OperationalStatusDownInterfacePaused
        OperationalStatusDownLowPowerState InterfaceAdminStatus MediaConnectState MtuSize VlanID TransmitLinkSpeed ReceiveLinkSpeed
        PromiscuousMode DeviceWakeUpEnable ConnectorPresent MediaDuplexState DriverDate DriverDateData DriverVersionString DriverName
        DriverDescription MajorDriverVersion MinorDriverVersion DriverMajorNdisVersion DriverMinorNdisVersion DriverProvider ComponentID
        LowerLayerInterfaceIndices HigherLayerInterfaceIndices AdminLocked
        ifAlias InterfaceAlias ifIndex ifDesc ifName DriverVersion LinkLayerAddress MacAddress LinkSpeed MediaType PhysicalMediaType
        AdminStatus MediaConnectionState DriverInformation DriverFileName NdisVersion ifOperStatus""",
    # Hyper-V's VirtualMachine (Get-VM | Format-List * on Windows Server 2022)
    "microsoft.hyperv.powershell.virtualmachine": """AutomaticStartAction AutomaticStopAction AutomaticStartDelay
        AutomaticCriticalErrorAction AutomaticCriticalErrorActionTimeout CheckpointType MemoryMinimum MemoryMaximum MemoryStatus
        IntegrationServicesVersion IntegrationServicesState Heartbeat ReplicationState ReplicationHealth ReplicationMode
        ParentSnapshotId ParentSnapshotName ParentCheckpointId ParentCheckpointName DVDDrives FloppyDrive ComPort1 ComPort2
        FibreChannelHostBusAdapters RemoteFxAdapter VMIntegrationService Groups GroupsCount NumaAligned NumaNodesCount
        NumaSocketCount CreationTime IsDeleted ResourceMeteringEnabled OperationalStatus PrimaryOperationalStatus
        SecondaryOperationalStatus StatusDescriptions PrimaryStatusDescription SecondaryStatusDescription
        GuestControlledCacheTypes LowMemoryMappedIoSpace HighMemoryMappedIoSpace HighMemoryMappedIoBaseAddress LockOnDisconnect
        SizeOfSystemFiles GuestStateIsolationType BatteryPassthroughEnabled""",
    # Get-VMHost | Format-List * and Get-VMSwitch | Format-List * on Windows Server 2022
    "microsoft.hyperv.powershell.vmhost": """ComputerName LogicalProcessorCount ResourceMeteringSaveInterval HostNumaStatus NumaStatus
        IovSupport IovSupportReasons InternalNetworkAdapters ExternalNetworkAdapters MacAddressMaximum MacAddressMinimum FibreChannelWwnn
        FibreChannelWwpnMaximum FibreChannelWwpnMinimum MaximumStorageMigrations MaximumVirtualMachineMigrations UseAnyNetworkForMigration
        VirtualMachineMigrationAuthenticationType VirtualMachineMigrationEnabled VirtualMachineMigrationPerformanceOption
        VirtualHardDiskPath VirtualMachinePath SecureBootTemplates EnableEnhancedSessionMode NumaSpanningEnabled MemoryCapacity Name
        FullyQualifiedDomainName""",
    "microsoft.hyperv.powershell.vmswitch": """Name Id Notes Extensions BandwidthReservationMode PacketDirectEnabled EmbeddedTeamingEnabled
        AllowNetLbfoTeams IovEnabled SwitchType AllowManagementOS NetAdapterInterfaceDescription NetAdapterInterfaceDescriptions
        NetAdapterInterfaceGuid IovSupport IovSupportReasons AvailableIPSecSA NumberIPSecSAAllocated AvailableVMQueues NumberVmqAllocated
        IovQueuePairCount IovQueuePairsInUse IovVirtualFunctionCount IovVirtualFunctionsInUse PacketDirectInUse SoftwareRscEnabled
        BandwidthPercentage DefaultFlowMinimumBandwidthAbsolute DefaultFlowMinimumBandwidthWeight IsDeleted""",
    _FC + "clusternode": """Name Description NodeWeight DynamicWeight NodeHighestVersion NodeLowestVersion MajorVersion
        MinorVersion BuildNumber CSDVersion Id NodeInstanceID DrainStatus DrainTarget State NeedsPreventQuorum FaultDomainId
        StatusInformation FaultDomain Model Manufacturer SerialNumber""",
    _FC + "clustergroup": """Name Description State AutoFailbackType FailbackWindowEnd FailbackWindowStart FailoverPeriod
        FailoverThreshold Id PersistentState AntiAffinityClassNames Priority DefaultOwner ResiliencyPeriod GroupType OwnerNode
        StatusInformation ColdStartSetting PreferredSite""",
    _FC + "cluster": """Name Description Domain Id SharedVolumesRoot EnableSharedVolumes DefaultNetworkRole
        EnableEventLogReplication QuorumArbitrationTimeMax QuorumArbitrationTimeMin ResourceDllDeadlockPeriod
        ClusSvcHangTimeout ClusSvcRegroupOpeningTimeout PlumbAllCrossSubnetRoutes ClusSvcRegroupStageTimeout
        ClusSvcRegroupPruningTimeout ClusSvcRegroupTickInMilliseconds ClusterLogSize ClusterLogLevel LogResourceControls
        HangRecoveryAction SameSubnetDelay CrossSubnetDelay SameSubnetThreshold CrossSubnetThreshold CrossSiteDelay
        CrossSiteThreshold BackupInProgress RequestReplyTimeout WitnessRestartInterval SecurityLevel
        WitnessDatabaseWriteTimeout AddEvictDelay FixQuorum IgnorePersistentStateOnStartup DynamicQuorum
        WitnessDynamicWeight QuarantineThreshold QuarantineDuration ResiliencyLevel ResiliencyDefaultPeriod
        RouteHistoryLength ShutdownTimeoutInMinutes DatabaseReadWriteMode BlockCacheSize CsvBalancer DrainOnShutdown
        AutoBalancerMode AutoBalancerLevel NetftIPSecEnabled PreferredSite LowerQuorumPriorityNodeId MessageBufferLength
        ClusterFunctionalLevel ClusterUpgradeVersion UseClientAccessNetworksForSharedVolumes""",
    # System.Management.Automation.InformationRecord (what 6>&1 brings from Write-Information / Write-Host;
    # labkit.twin.information_records)
    # (https://learn.microsoft.com/en-us/dotnet/api/system.management.automation.informationrecord)
    "system.management.automation.informationrecord": """MessageData Source TimeGenerated Tags User Computer ProcessId
        NativeThreadId ManagedThreadId""",
    # System.Globalization.CultureInfo's properties (.NET Framework 4.8), as Get-Culture | Format-List * lists them
    "system.globalization.cultureinfo": """Parent LCID KeyboardLayoutId Name IetfLanguageTag DisplayName NativeName EnglishName
        TwoLetterISOLanguageName ThreeLetterISOLanguageName ThreeLetterWindowsLanguageName CompareInfo TextInfo IsNeutralCulture
        CultureTypes NumberFormat DateTimeFormat Calendar OptionalCalendars UseUserOverride IsReadOnly""",
}

# FileInfo / DirectoryInfo (.NET Framework 4.8, https://learn.microsoft.com/dotnet/api/system.io.fileinfo and
# .../system.io.directoryinfo) with 5.1's types.ps1xml members: the twin keeps no last access time (labkit.twin.file_times)
_FILE_SYSTEM_INFO = "Mode BaseName Target LinkType Name Exists FullName Extension CreationTime CreationTimeUtc " \
                    "LastAccessTime LastAccessTimeUtc LastWriteTime LastWriteTimeUtc Attributes"
DOCUMENTED["system.io.fileinfo"] = _FILE_SYSTEM_INFO + " VersionInfo Length DirectoryName Directory IsReadOnly"
DOCUMENTED["system.io.directoryinfo"] = _FILE_SYSTEM_INFO + " Parent Root"

# PSHost: https://learn.microsoft.com/dotnet/api/system.management.automation.host.pshost (the twin's $Host:
# labkit.twin.console_host)
DOCUMENTED["system.management.automation.internal.host.internalhost"] = \
    "CurrentCulture CurrentUICulture DebuggerEnabled InstanceId Name PrivateData UI Version IsRunspacePushed Runspace"
# PSHostRawUserInterface: https://learn.microsoft.com/dotnet/api/system.management.automation.host.pshostrawuserinterface
DOCUMENTED["system.management.automation.internal.host.internalhostrawuserinterface"] = \
    "ForegroundColor BackgroundColor CursorPosition WindowPosition CursorSize BufferSize WindowSize MaxWindowSize " \
    "MaxPhysicalWindowSize KeyAvailable WindowTitle"

# $ExecutionContext (labkit.twin.engine_intrinsics): https://learn.microsoft.com/dotnet/api/system.management.automation.engineintrinsics
DOCUMENTED["system.management.automation.engineintrinsics"] = "Events Host InvokeCommand InvokeProvider SessionState"

# Commands (labkit.twin.script_files, labkit.twin.function_scopes): CommandInfo's properties and their own, from
# https://learn.microsoft.com/dotnet/api/system.management.automation.externalscriptinfo and .../functioninfo
_COMMAND_INFO = "CommandType DefaultParameterSet Definition Module ModuleName Name OutputType Parameters ParameterSets " \
                "RemotingCapability Source Version Visibility"
DOCUMENTED["system.management.automation.externalscriptinfo"] = _COMMAND_INFO + " OriginalEncoding Path ScriptBlock ScriptContents"
DOCUMENTED["system.management.automation.functioninfo"] = _COMMAND_INFO + \
    " CmdletBinding Description HelpFile HelpUri Noun Options ScriptBlock Verb"
DOCUMENTED["system.management.automation.filterinfo"] = DOCUMENTED["system.management.automation.functioninfo"]

# Error records (labkit.twin.interpreter.make_error_record, labkit.twin.category_info):
# https://learn.microsoft.com/dotnet/api/system.management.automation.errorrecord, .../invocationinfo, .../errorcategoryinfo
DOCUMENTED["system.management.automation.errorrecord"] = \
    "CategoryInfo ErrorDetails Exception FullyQualifiedErrorId InvocationInfo PipelineIterationInfo ScriptStackTrace " \
    "TargetObject"
DOCUMENTED["system.management.automation.invocationinfo"] = \
    "BoundParameters CommandOrigin DisplayScriptPosition ExpectingInput HistoryId InvocationName Line MyCommand " \
    "OffsetInLine PipelineLength PipelinePosition PositionMessage PSCommandPath PSScriptRoot ScriptLineNumber ScriptName " \
    "UnboundArguments"
DOCUMENTED["system.management.automation.errorcategoryinfo"] = "Activity Category Reason TargetName TargetType"

_INDEX: dict[str, frozenset[str]] = {t: frozenset(n.lower() for n in names.split()) for t, names in DOCUMENTED.items()}


def refuse_unmodelled(obj: PSObject, name: str) -> None:
    """Raise NotEmulated when ``name`` is a documented property of ``obj``'s type that the twin's object lacks."""
    low = name.lower()
    for type_name in obj.type_names:
        names = _INDEX.get(type_name.lower())
        if names is not None and low in names:
            raise CmdletError(f"The property '{name}' of {type_name.split('#')[-1]} is not emulated by the labkit twin: Windows' object has it, "
                              "the twin's does not model it.", "NotImplemented", "NotEmulated", name)



def unmodelled_matching(obj: PSObject, pattern: str) -> tuple[str, list[str]]:
    """(type name, documented properties) of ``obj``'s type that the wildcard ``pattern`` names and the twin's object
    lacks: what ``Format-List *`` or ``Select-Object *`` would list on Windows and the twin cannot."""
    for type_name in obj.type_names:
        names = DOCUMENTED.get(type_name.lower())
        if names is not None:
            return type_name, [n for n in names.split() if like(n, pattern) and not obj.has(n)]
    return obj.type_name, []


def warn_unmodelled(ctx: Any, obj: PSObject, pattern: str, command: str) -> None:
    """Once per command and type: a warning naming the documented properties a wildcard selection leaves out,
    so ``Get-VM | Format-List *`` does not pass for Windows' full list (reading one of them is refused)."""
    type_name, missing = unmodelled_matching(obj, pattern)
    if not missing:
        return
    warned: set[tuple[str, str]] = ctx.__dict__.setdefault("_unmodelled_warned", set())
    if (type_name, pattern.lower()) in warned:
        return
    warned.add((type_name, pattern.lower()))
    ctx.warning(f"{command}: the labkit twin does not model {len(missing)} of the properties Windows lists for '{pattern}' on "
                f"{type_name.split('#')[-1]}: {', '.join(missing)}. They are left out here; reading one is refused as not emulated.")


# System.Type's public properties (.NET Framework 4.x, the runtime of 5.1: https://learn.microsoft.com/dotnet/api/system.type
# and System.Reflection.TypeInfo, which a RuntimeType is): a type object the twin makes answers some of them
# (labkit.twin.types.type_member); the others are refused, not a silent $null ([psobject].Assembly.GetType(...)).
SYSTEM_TYPE = frozenset(n.lower() for n in """Assembly AssemblyQualifiedName Attributes BaseType ContainsGenericParameters
    CustomAttributes DeclaredConstructors DeclaredEvents DeclaredFields DeclaredMembers DeclaredMethods DeclaredNestedTypes
    DeclaredProperties DeclaringMethod DeclaringType FullName GenericParameterAttributes GenericParameterPosition
    GenericTypeArguments GenericTypeParameters GUID HasElementType ImplementedInterfaces IsAbstract IsAnsiClass IsArray
    IsAutoClass IsAutoLayout IsByRef IsClass IsCOMObject IsConstructedGenericType IsContextful IsEnum IsExplicitLayout
    IsGenericParameter IsGenericType IsGenericTypeDefinition IsImport IsInterface IsLayoutSequential IsMarshalByRef IsNested
    IsNestedAssembly IsNestedFamANDAssem IsNestedFamily IsNestedFamORAssem IsNestedPrivate IsNestedPublic IsNotPublic
    IsPointer IsPrimitive IsPublic IsSealed IsSecurityCritical IsSecuritySafeCritical IsSecurityTransparent IsSerializable
    IsSpecialName IsUnicodeClass IsValueType IsVisible MemberType MetadataToken Module Name Namespace ReflectedType
    StructLayoutAttribute TypeHandle TypeInitializer UnderlyingSystemType""".split())


def refuse_type_property(type_name: str, name: str) -> None:
    """Raise NotEmulated for a documented System.Type property the twin's type object does not answer."""
    if name.lower() in SYSTEM_TYPE:
        raise CmdletError(f"The property '{name}' of the type object [{type_name}] is not emulated by the labkit twin: "
                          ".NET's System.Type has it, the twin's type objects do not model it.", "NotImplemented", "NotEmulated", name)


def read_only_object(obj: PSObject) -> PSObject:
    """Hyper-V's objects are snapshots with get-only properties (a VM, switch or host changes through Set-VM,
    Set-VMSwitch, Set-VMHost): assigning one of their own properties is PowerShell's "'X' is a ReadOnly property."
    rather than a changed copy that the next Get-VM contradicts; a note property added later (Add-Member) stays writable."""
    own = frozenset(n.lower() for n in obj.names())

    def write(name: str, value: Any) -> None:
        if not obj.has(name):
            raise PSRuntimeError(f"The property '{name}' cannot be found on this object. Verify that the property exists and can be set.",
                                 "InvalidOperation", "PropertyNotFound")
        if name.lower() in own:
            real = next(k for k in obj.names() if k.lower() == name.lower())
            raise PSRuntimeError(f"'{real}' is a ReadOnly property.", "InvalidOperation", "PropertyAssignmentException")
        PSObject.set(obj, name, value)

    obj.setter = write
    return obj
