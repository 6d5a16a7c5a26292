"""The hosts' processors, and what they allow a running VM to do.

A host has a processor maker (the lab file's ``os.processor``: Intel or AMD)
and a part (a generation of that maker's processors; by default the maker's
part below).  What Microsoft documents about moving a running VM
(https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/manage/processor-compatibility-mode-hyper-v):

- Hyper-V's pre-flight check compares the processor features the VM has on
  the source with those of the target; if they do not match, the live
  migration (or a save and restore elsewhere) is cancelled.
- Processor compatibility mode (``Set-VMProcessor
  -CompatibilityForMigrationEnabled $true``, only with the VM off) limits the
  VM to a common feature set, so a running VM moves between *generations* of
  one maker's processors.
- "Running VMs can only be migrated between virtualization hosts that use
  processors from the same manufacturer", even with processor compatibility
  (https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/manage/dynamic-processor-compatibility-mode):
  between Intel and AMD a VM moves only shut down and started again.

The error text is Hyper-V's (the VMMS message of a live migration cancelled by
the processor check): "The virtual machine '<VM>' is using processor-specific
features not supported on physical computer '<host>'. To allow for migration of
this virtual machine to physical computers with different processors, modify
the virtual machine settings to limit the processor features used by the
virtual machine."  Windows says the same between makers, where the advice
cannot help; the twin adds why.
"""

from __future__ import annotations

from dataclasses import dataclass

from labkit.twin.world import VM, Host


@dataclass(frozen=True)
class ProcessorPart:
    maker: str          # Intel / AMD
    manufacturer: str   # Win32_Processor.Manufacturer
    name: str           # Win32_Processor.Name
    caption: str        # Win32_Processor.Caption
    max_clock_mhz: int


PARTS: dict[str, ProcessorPart] = {p.name: p for p in (
    ProcessorPart("Intel", "GenuineIntel", "Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz", "Intel64 Family 6 Model 85 Stepping 7", 3000),
    ProcessorPart("Intel", "GenuineIntel", "Intel(R) Xeon(R) Gold 6348 CPU @ 2.60GHz", "Intel64 Family 6 Model 106 Stepping 6", 2600),
    ProcessorPart("AMD", "AuthenticAMD", "AMD EPYC 7452 32-Core Processor", "AMD64 Family 23 Model 49 Stepping 0", 2350),
    ProcessorPart("AMD", "AuthenticAMD", "AMD EPYC 7543 32-Core Processor", "AMD64 Family 25 Model 1 Stepping 1", 2800),
)}

#: The part a host of each maker has unless its processor was changed (a newer server, a new board).
DEFAULT_PART = {"Intel": "Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz", "AMD": "AMD EPYC 7452 32-Core Processor"}
#: A newer generation of the same maker (what a replacement server brings).
NEWER_PART = {"Intel": "Intel(R) Xeon(R) Gold 6348 CPU @ 2.60GHz", "AMD": "AMD EPYC 7543 32-Core Processor"}

PROCESSOR_COMPATIBILITY_PAGE = ("https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/manage/"
                                "processor-compatibility-mode-hyper-v")


def part(host: Host) -> ProcessorPart:
    """The host's processor (its maker's default part unless it has another)."""
    found = PARTS.get(host.processor_model or "")
    if found is not None and found.maker == host.processor:
        return found
    return PARTS[DEFAULT_PART.get(host.processor, DEFAULT_PART["Intel"])]


def features_differ(source: Host, target: Host) -> bool:
    return part(source).name != part(target).name


def migration_blocker(vm: VM, source: Host, target: Host) -> str | None:
    """Why Hyper-V's processor check cancels moving the running ``vm`` from ``source`` to
    ``target`` (the message Windows gives), or None when the processors allow it."""
    if not features_differ(source, target):
        return None
    windows = (f"The virtual machine '{vm.name}' is using processor-specific features not supported on physical computer "
               f"'{target.name}'. To allow for migration of this virtual machine to physical computers with different "
               f"processors, modify the virtual machine settings to limit the processor features used by the virtual machine.")
    if part(source).maker != part(target).maker:
        return (windows + f" ('{source.name}' has {part(source).maker} processors and '{target.name}' {part(target).maker}: a running "
                f"virtual machine cannot move between processor manufacturers, even with processor compatibility; shut it down "
                f"to move it, or keep the cluster's nodes on one manufacturer: {PROCESSOR_COMPATIBILITY_PAGE})")
    if vm.processor_compatibility:
        return None
    return (windows + f" ('{source.name}' has {part(source).name}, '{target.name}' {part(target).name}: with the virtual machine "
            f"off, Set-VMProcessor -CompatibilityForMigrationEnabled $true)")
