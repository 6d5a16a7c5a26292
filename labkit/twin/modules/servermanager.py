"""ServerManager: Get-WindowsFeature, Install-WindowsFeature; and which
PowerShell modules the installed features provide (:func:`require_module`).

Installing a feature that needs a restart (Hyper-V, Multipath-IO) leaves it
``InstallPending`` until the host restarts (``-Restart`` or Restart-Computer):
the Hyper-V cmdlets exist once Hyper-V-PowerShell is installed, but fail as on
Windows until the restart has started the Virtual Machine Management service.
"""

from __future__ import annotations

import fnmatch
from typing import Any, Iterable

from labkit.twin.errors import CmdletError, NotEmulated
from labkit.twin.events import emit
from labkit.twin.objects import PSEnum, PSObject
from labkit.twin.registry import cmdlet
from labkit.twin.remote_hosts import remote_host
from labkit.twin.world import Host, World

# name -> (display name, needs a restart, management tools that -IncludeManagementTools adds)
FEATURES: dict[str, tuple[str, bool, tuple[str, ...]]] = {
    "Hyper-V": ("Hyper-V", True, ("RSAT-Hyper-V-Tools", "Hyper-V-Tools", "Hyper-V-PowerShell")),
    "Failover-Clustering": ("Failover Clustering", False, ("RSAT-Clustering", "RSAT-Clustering-Mgmt", "RSAT-Clustering-PowerShell")),
    "FS-iSCSITarget-Server": ("iSCSI Target Server", False, ()),
    "FS-FileServer": ("File Server", False, ()),
    "Multipath-IO": ("Multipath I/O", True, ()),
    "RSAT-Hyper-V-Tools": ("Hyper-V Management Tools", False, ()),
    "Hyper-V-Tools": ("Hyper-V GUI Management Tools", False, ()),
    "Hyper-V-PowerShell": ("Hyper-V Module for Windows PowerShell", False, ()),
    "RSAT-Clustering": ("Failover Clustering Tools", False, ()),
    "RSAT-Clustering-Mgmt": ("Failover Cluster Management Tools", False, ()),
    "RSAT-Clustering-PowerShell": ("Failover Cluster Module for Windows PowerShell", False, ()),
    "AD-Domain-Services": ("Active Directory Domain Services", False, ()),
    "DNS": ("DNS Server", False, ()),
    "RSAT-AD-Tools": ("AD DS and AD LDS Tools", False, ()),
}

# Where a feature sits in Server Manager's tree (Feature.Depth; Get-WindowsFeature indents by it): role
# services under File and Storage Services > File and iSCSI Services, tools under Remote Server
# Administration Tools > Role / Feature Administration Tools; the rest are top-level
# (https://learn.microsoft.com/powershell/module/servermanager/get-windowsfeature).
FEATURE_DEPTH = {"FS-iSCSITarget-Server": 3, "FS-FileServer": 3, "RSAT-Hyper-V-Tools": 3, "Hyper-V-Tools": 4,
                 "Hyper-V-PowerShell": 4, "RSAT-Clustering": 3, "RSAT-Clustering-Mgmt": 4, "RSAT-Clustering-PowerShell": 4,
                 "RSAT-AD-Tools": 3}

# PowerShell module -> the feature that provides it (modules not listed ship with Windows)
MODULE_FEATURE = {
    "Hyper-V": "Hyper-V-PowerShell",
    "FailoverClusters": "RSAT-Clustering-PowerShell",
    "IscsiTarget": "FS-iSCSITarget-Server",
}

INSTALL_STATE = {"Available": 0, "Installed": 1, "UninstallPending": 2, "InstallPending": 3, "Removed": 5}
EXIT_CODE = {"Success": 0, "NoChangeNeeded": 1003, "SuccessRestartRequired": 3010}
RESTART_STATE = {"No": 0, "Yes": 1, "Maybe": 2}

INSTALL_SECONDS = {"Hyper-V": 150.0, "Failover-Clustering": 90.0, "FS-iSCSITarget-Server": 60.0, "Multipath-IO": 60.0}
RESTART_SECONDS = 90.0
#: A restart that finishes installing features (the "Configuring features" screens) takes longer.
RESTART_PENDING_SECONDS = 150.0


def canonical_feature(name: str) -> str | None:
    return next((f for f in FEATURES if f.lower() == name.lower()), None)


def not_recognized(name: str) -> CmdletError:
    return CmdletError(
        f"The term '{name}' is not recognized as the name of a cmdlet, function, script file, or operable program. "
        "Check the spelling of the name, or if a path was included, verify that the path is correct and try again.",
        "ObjectNotFound", "CommandNotFoundException", name,
    )


def require_module(ctx: Any, cmdlet_name: str, module: str) -> Host:
    """The host the script runs on, if it has ``module``; else the error Windows gives."""
    me = ctx.world.host(ctx.host)
    feature = MODULE_FEATURE.get(module)
    if feature and me.feature(feature) == "Available":
        raise not_recognized(cmdlet_name)
    return me


def require_hyperv(ctx: Any, cmdlet_name: str) -> Host:
    """The host, if Hyper-V runs on it (installed and restarted)."""
    me = require_module(ctx, cmdlet_name, "Hyper-V")
    if not me.installed("Hyper-V"):
        raise CmdletError(
            f"The Hyper-V Management Tools could not access an expected WMI class on computer '{me.name}'. "
            "This may indicate that the Virtual Machine Management service is not running or that the Hyper-V "
            "Management Tools are incompatible with the version of Hyper-V on the remote computer. "
            f"(The Hyper-V role is {me.feature('Hyper-V') == 'InstallPending' and 'installed but waits for a restart: run Restart-Computer' or 'not installed: run Install-WindowsFeature Hyper-V -IncludeManagementTools -Restart'}.)",
            "ObjectNotFound", "ObjectNotFound", me.name,
        )
    return me


def feature_object(host: Host, name: str) -> PSObject:
    display, _, _ = FEATURES[name]
    state = host.feature(name)
    return PSObject(
        ["Microsoft.Windows.ServerManager.Commands.Feature"],
        {
            "Name": name,
            "DisplayName": display,
            "Installed": state == "Installed",
            "InstallState": PSEnum("Microsoft.Windows.ServerManager.Commands.InstallState", state, INSTALL_STATE[state]),
            "FeatureType": "Role" if name in ("Hyper-V", "AD-Domain-Services", "DNS") else "Feature",
            "Path": display,
            "Depth": FEATURE_DEPTH.get(name, 1),
            "SubFeatures": [],
            "ServerComponentDescriptor": "ServerComponent_" + name.replace("-", "_"),
        },
        display=["DisplayName", "Name", "InstallState"],
        tostring=display,
    )


def _names(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        out: list[str] = []
        for v in value:
            out += _names(v)
        return out
    if isinstance(value, PSObject):
        return [str(value.get("Name"))]
    return [str(value)]


@cmdlet("Get-WindowsFeature", honours={"Name", "ComputerName"})
def get_windows_feature(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    host = remote_host(ctx, args.get("ComputerName"))
    wanted = _names(args.get("Name"))
    unmodelled = [w for w in wanted if not any(c in w for c in "*?[") and canonical_feature(w) is None]
    if unmodelled:
        raise not_modelled("Get-WindowsFeature", unmodelled[0])
    if not wanted or any(any(c in w for c in "*?[") for w in wanted):
        # Windows Server lists some 270 roles, role services and features; the twin's list is the procedure's
        # (Get-WindowsFeature -Name AD*, Web*: the page's Example 3, https://learn.microsoft.com/en-us/powershell/module/
        # servermanager/get-windowsfeature?view=windowsserver2022-ps): say so rather than pass for the whole list
        ctx.warning(f"Get-WindowsFeature: the labkit twin models {len(FEATURES)} of Windows Server's roles, role services and "
                    f"features ({', '.join(FEATURES)}); the others are not listed here.")
    if not wanted:
        return [feature_object(host, f) for f in FEATURES]
    out = []
    for w in wanted:
        hits = [f for f in FEATURES if fnmatch.fnmatch(f.lower(), w.lower())]
        out += [feature_object(host, f) for f in hits]
    return out


def not_modelled(cmdlet_name: str, name: str) -> NotEmulated:
    """The refusal for a feature name the twin does not model: a Windows feature it lacks, or no feature at all."""
    return NotEmulated(cmdlet_name, f"the role or feature '{name}' (the twin models {', '.join(FEATURES)}; a name that is no "
                                    "Windows feature at all gives nothing on Windows, and Install-WindowsFeature's 'The role, role "
                                    "service, or feature name is not valid')")


def reboot(world: World, host: Host) -> float:
    """Restart ``host``: finish pending installs, reset services and iSCSI sessions.

    Returns the seconds the restart takes (the caller advances the clock).
    The ``restart`` event (labkit.twin.events) lets the cluster drain the node
    and the iSCSI initiator reconnect its persistent sessions."""
    pending = any(v == "InstallPending" for v in host.features.values())
    for k, v in list(host.features.items()):
        if v == "InstallPending":
            host.features[k] = "Installed"
    for vm in world.vms:
        if vm.host.lower() == host.name.lower() and vm.state != "Off" and not _clustered(world, vm.name):
            vm.state, vm.started_at = "Saved", None
    seconds = RESTART_PENDING_SECONDS if pending else RESTART_SECONDS
    host.running = True
    host.boots += 1
    emit(world, "restart", host=host.name, seconds=seconds)
    host.last_boot = world.clock + seconds
    return seconds


def _clustered(world: World, vm: str) -> bool:
    return bool(world.cluster and world.cluster.group(vm))


@cmdlet("Install-WindowsFeature", honours={"Name", "IncludeManagementTools", "Restart", "ComputerName", "Confirm"})
def install_windows_feature(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    host = remote_host(ctx, args.get("ComputerName"))
    names = _names(args.get("Name"))
    if not names:
        raise CmdletError("Cannot validate argument on parameter 'Name'. The argument is null or empty.", "InvalidData", "ParameterArgumentValidationError")
    wanted: list[str] = []
    for n in names:
        f = canonical_feature(n)
        if f is None:
            raise not_modelled("Install-WindowsFeature", n)
        wanted.append(f)
        if args.get("IncludeManagementTools"):
            wanted += [t for t in FEATURES[f][2]]
    wanted = list(dict.fromkeys(wanted))
    results = []
    restart = False
    seconds = 0.0
    changed = False
    for f in wanted:
        state = host.feature(f)
        if state != "Available":
            restart = restart or state == "InstallPending"
            continue
        changed = True
        needs = FEATURES[f][1]
        host.features[f] = "InstallPending" if needs else "Installed"
        restart = restart or needs
        seconds += INSTALL_SECONDS.get(f, 20.0)
        results.append(PSObject(
            "Microsoft.Windows.ServerManager.Commands.FeatureResult",
            {"DisplayName": FEATURES[f][0], "Name": f, "RestartNeeded": needs, "SkipReason": "NotSkipped", "Success": True},
            display=["DisplayName", "Name", "RestartNeeded", "Success"], tostring=FEATURES[f][0],
        ))
    ctx.advance(seconds or 5.0)
    code = "SuccessRestartRequired" if restart and changed else ("Success" if changed else "NoChangeNeeded")
    if restart and not args.get("Restart"):
        ctx.warning("You must restart this server to finish the installation process.")
    result = PSObject(
        "Microsoft.Windows.ServerManager.Commands.FeatureOperationResult",
        {
            "Success": True,
            "RestartNeeded": PSEnum("Microsoft.Windows.ServerManager.Commands.RestartState", "Yes" if restart else "No", RESTART_STATE["Yes" if restart else "No"]),
            "FeatureResult": results,
            "ExitCode": PSEnum("Microsoft.Windows.ServerManager.Commands.ExitCode", code, EXIT_CODE[code]),
        },
        display=["Success", "RestartNeeded", "ExitCode", "FeatureResult"],
    )
    if restart and args.get("Restart"):
        ctx.advance(reboot(ctx.world, host))
    return [result]
