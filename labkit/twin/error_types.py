"""The exception types and error ids Windows' modules give their errors.

An ErrorRecord's ``FullyQualifiedErrorId`` is ``<ErrorId>,<the cmdlet's .NET
class>`` for compiled cmdlets (``InvalidParameter,Microsoft.HyperV.PowerShell.
Commands.GetVM``, ``PathNotFound,Microsoft.PowerShell.Commands.
GetChildItemCommand``) and ``<ErrorId>,<cmdlet name>`` for the CDXML modules
(Storage, iSCSI, NetAdapter, NetTCPIP, DnsClient: ``CmdletizationQuery_NotFound_
Number,Get-Disk``).  The exception is the module's own type, so
``catch [Microsoft.HyperV.PowerShell.VirtualizationException]`` catches what
``Get-VM`` raises.  Sources:
https://learn.microsoft.com/dotnet/api/system.management.automation.errorrecord.fullyqualifiederrorid
(the id and the command's class), and the 5.1 error records these modules write
(``CimJobException`` for a CDXML query that finds nothing, the modules'
``VirtualizationException`` / ``ClusterCmdletException`` / ``IscsiCmdException``).
"""

from __future__ import annotations

from labkit.twin.signatures import signatures

CDXML_MODULES = {"storage", "iscsi", "netadapter", "nettcpip", "dnsclient"}

_CLASS_PREFIX = {
    "hyper-v": ("Microsoft.HyperV.PowerShell.Commands.", ""),
    "failoverclusters": ("Microsoft.FailoverClusters.PowerShell.", "Command"),
    "iscsitarget": ("Microsoft.Iscsi.Target.Commands.", "Command"),
    "servermanager": ("Microsoft.Windows.ServerManager.Commands.", "Command"),
    "microsoft.powershell.management": ("Microsoft.PowerShell.Commands.", "Command"),
    "microsoft.powershell.utility": ("Microsoft.PowerShell.Commands.", "Command"),
    "microsoft.powershell.core": ("Microsoft.PowerShell.Commands.", "Command"),
    "cimcmdlets": ("Microsoft.Management.Infrastructure.CimCmdlets.", "Command"),
}

# Classes whose names do not follow Verb+Noun: Install-WindowsFeature is an alias of Add-WindowsFeature
# (one class); FailoverClusters' 2008 R2 cmdlets name some classes without "Cluster" (errors of Windows
# Server 2016-2022 read "...,Microsoft.FailoverClusters.PowerShell.GetNodeCommand" for Get-ClusterNode,
# GetResourceCommand for Get-ClusterResource, GetParameterCommand for Get-ClusterParameter).
_CLASS_NAME = {"install-windowsfeature": "AddWindowsFeature", "uninstall-windowsfeature": "RemoveWindowsFeature",
               "get-clusternode": "GetNode", "get-clusterresource": "GetResource", "get-clusterparameter": "GetParameter"}

_MODULE_EXCEPTION = {
    "hyper-v": "Microsoft.HyperV.PowerShell.VirtualizationException",
    "failoverclusters": "Microsoft.FailoverClusters.PowerShell.ClusterCmdletException",
    "iscsitarget": "Microsoft.Iscsi.Target.Commands.IscsiCmdException",
}

# well-known error ids of the core cmdlets and the exception each comes with
_ID_EXCEPTION = {
    "pathnotfound": "System.Management.Automation.ItemNotFoundException",
    "noservicefoundforgivenname": "Microsoft.PowerShell.Commands.ServiceCommandException",
    "noprocessfoundforgivenname": "Microsoft.PowerShell.Commands.ProcessCommandException",
    "commandnotfoundexception": "System.Management.Automation.CommandNotFoundException",
    "parameterargumentvalidationerror": "System.Management.Automation.ParameterBindingValidationException",
    # the mandatory-parameter null/empty checks are validation too (ParameterBinderBase.ValidateNullOrEmptyArgument)
    "parameterargumentvalidationerrornullnotallowed": "System.Management.Automation.ParameterBindingValidationException",
    "parameterargumentvalidationerroremptystringnotallowed": "System.Management.Automation.ParameterBindingValidationException",
    "parameterargumentvalidationerroremptyarraynotallowed": "System.Management.Automation.ParameterBindingValidationException",
    "parameterargumenttransformationerror": "System.Management.Automation.ParameterBindingArgumentTransformationException",
}


def binding_exception(error_id: str) -> str:
    """The ParameterBindingException kind a binding error is (validation and transformation have their own)."""
    return _ID_EXCEPTION.get(error_id.split(",", 1)[0].lower(), "System.Management.Automation.ParameterBindingException")

# the base types a module exception also is (catch [System.Exception] etc.)
BASES = {
    "Microsoft.HyperV.PowerShell.VirtualizationException": ["System.Exception"],
    "Microsoft.FailoverClusters.PowerShell.ClusterCmdletException": ["System.Exception"],
    "Microsoft.PowerShell.Cmdletization.Cim.CimJobException": ["System.SystemException", "System.Exception"],
    "Microsoft.Management.Infrastructure.CimException": ["System.SystemException", "System.Exception"],
    "System.Management.Automation.ItemNotFoundException": ["System.Management.Automation.SessionStateException",
                                                           "System.Management.Automation.RuntimeException", "System.SystemException",
                                                           "System.Exception"],
    "System.Management.Automation.SessionStateException": ["System.Management.Automation.RuntimeException", "System.SystemException",
                                                          "System.Exception"],
    "System.Management.Automation.SessionStateUnauthorizedAccessException": [
        "System.Management.Automation.SessionStateException", "System.Management.Automation.RuntimeException",
        "System.SystemException", "System.Exception"],
    "System.Management.Automation.CommandNotFoundException": ["System.Management.Automation.RuntimeException",
                                                              "System.SystemException", "System.Exception"],
    "System.Management.Automation.ParameterBindingException": ["System.Management.Automation.RuntimeException",
                                                               "System.SystemException", "System.Exception"],
    "System.Management.Automation.ParameterBindingValidationException": [
        "System.Management.Automation.ParameterBindingException", "System.Management.Automation.RuntimeException",
        "System.SystemException", "System.Exception"],
    "System.Management.Automation.ParameterBindingArgumentTransformationException": [
        "System.Management.Automation.ParameterBindingException", "System.Management.Automation.RuntimeException",
        "System.SystemException", "System.Exception"],
    "System.Management.Automation.RuntimeException": ["System.SystemException", "System.Exception"],
    "System.Management.Automation.ActionPreferenceStopException": ["System.Management.Automation.RuntimeException",
                                                                   "System.SystemException", "System.Exception"],
    # a .NET method's exception arrives in a MethodInvocationException: a RuntimeException, so `catch [T]` sees its inner T
    "System.Management.Automation.MethodException": ["System.Management.Automation.RuntimeException", "System.SystemException",
                                                     "System.Exception"],
    "System.Management.Automation.MethodInvocationException": ["System.Management.Automation.MethodException",
                                                               "System.Management.Automation.RuntimeException",
                                                               "System.SystemException", "System.Exception"],
}


def module_of(command: str) -> str:
    sig = signatures().get(command) if command else None
    return (sig.module if sig is not None else "").lower()


def command_class(command: str) -> str:
    """What follows the comma in a FullyQualifiedErrorId raised by ``command``."""
    module = module_of(command)
    if module in CDXML_MODULES or not module:
        return command
    prefix, suffix = _CLASS_PREFIX.get(module, ("", ""))
    if not prefix:
        return command
    base = _CLASS_NAME.get(command.lower()) or command.replace("-", "")
    return prefix + base + suffix


def default_error_id(command: str, exception_type: str) -> str:
    """The id of an error that names none: FailoverClusters uses the cmdlet's name
    ("New-Cluster,Microsoft.FailoverClusters.PowerShell.NewClusterCommand", "Move-ClusterGroup,..."),
    the rest the exception's name."""
    if command and module_of(command) == "failoverclusters":
        return command
    return exception_type.rsplit(".", 1)[-1]


def qualified_id(error_id: str, command: str) -> str:
    """``error_id`` qualified by the command, unless it already is."""
    if not command or "," in error_id:
        return error_id
    return f"{error_id},{command_class(command)}"


def exception_for(command: str, category: str, error_id: str) -> str:
    """The exception type a module's cmdlet raises for an error the twin reports."""
    known = _ID_EXCEPTION.get(error_id.split(",", 1)[0].lower())
    if known:
        return known
    module = module_of(command)
    if module in _MODULE_EXCEPTION:
        return _MODULE_EXCEPTION[module]
    if module in CDXML_MODULES:
        if category == "ObjectNotFound" or error_id.startswith("CmdletizationQuery_NotFound"):
            return "Microsoft.PowerShell.Cmdletization.Cim.CimJobException"
        return "Microsoft.Management.Infrastructure.CimException"
    return "System.Management.Automation.RuntimeException"


def type_names(exception_type: str) -> list[str]:
    return [exception_type, *[b for b in BASES.get(exception_type, ["System.Exception"]) if b != exception_type]]


__all__ = ["binding_exception", "default_error_id", "qualified_id", "exception_for", "command_class", "type_names", "module_of"]
