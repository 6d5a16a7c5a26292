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
from labkit.twin.values import to_string, type_of

# Parameters (and nouns) whose name is not their class's, and the classes' own spelling.
CLASS_OF_PARAMETER = {"associatedipinterface": "netipinterface"}
CLASS_SPELLING = {"iscsitarget": "iSCSITarget", "iscsisession": "iSCSISession", "iscsiconnection": "iSCSIConnection",
                  "iscsitargetportal": "iSCSITargetPortal", "netipinterface": "NetIPInterface",
                  "netadapterbinding": "NetAdapterBindingSettingData"}
# The CIM namespace of each CDXML module's classes.
NAMESPACE_OF_MODULE = {"Storage": "ROOT/Microsoft/Windows/Storage", "iSCSI": "ROOT/Microsoft/Windows/Storage",
                       "NetAdapter": "ROOT/StandardCimv2", "NetTCPIP": "ROOT/StandardCimv2", "DnsClient": "ROOT/StandardCimv2"}


def required_type_name(module: str, cmdlet: str, parameter: str) -> str | None:
    """The PSTypeName a CDXML cmdlet's CimInstance parameter requires, or None outside the CDXML modules."""
    namespace = NAMESPACE_OF_MODULE.get(module)
    if namespace is None:
        return None
    name = cmdlet.split("-", 1)[-1] if parameter == "InputObject" else CLASS_OF_PARAMETER.get(parameter.lower(), parameter)
    return f"Microsoft.Management.Infrastructure.CimInstance#{namespace}/MSFT_{CLASS_SPELLING.get(name.lower(), name)}"


def mismatch(module: str, cmdlet: str, parameter: str, type_name: str, value: Any) -> str | None:
    """5.1's MismatchedPSTypeName text when ``value`` cannot go to the CimInstance parameter by name, else None."""
    if not type_name.lower().startswith("ciminstance"):
        return None
    required = required_type_name(module, cmdlet, parameter)
    if required is None:
        return None
    values = value if isinstance(value, list) else [value]
    for v in values:
        if takes(cmdlet, parameter, type_name, v):
            continue
        if cim_class(v) is None:
            # not a CIM instance at all: the conversion to CimInstance fails first (CannotConvertArgumentNoMessage)
            return (f"Cannot bind parameter '{parameter}'. Cannot convert the \"{to_string(v)}\" value of type "
                    f"\"{type_of(v)}\" to type \"Microsoft.Management.Infrastructure.CimInstance\".")
        # ParameterBinderStrings.resx MismatchedPSTypeName
        return (f"Cannot bind argument to parameter '{parameter}', because PSTypeNames of the argument do not match the "
                f"PSTypeName required by the parameter: {required}.")
    return None


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
