# Section 6, on each node: the CSV is mounted here too, and Hyper-V's default
# folders for VMs and virtual disks point at it, so new VMs land on shared storage.
param(
    [Parameter(Mandatory)][string]$VolumePath
)
$ErrorActionPreference = 'Stop'
if (-not (Test-Path -Path $VolumePath)) {
    throw "$VolumePath is not mounted on this node: is the disk a Cluster Shared Volume (section 6)?"
}
$vmPath = "$VolumePath\VMs"
$vhdPath = "$VolumePath\VHDs"
$changed = $false
$vmHost = Get-VMHost
if ($vmHost.VirtualMachinePath -ne $vmPath -or $vmHost.VirtualHardDiskPath -ne $vhdPath) {
    Set-VMHost -VirtualMachinePath $vmPath -VirtualHardDiskPath $vhdPath
    $changed = $true
    $vmHost = Get-VMHost
}
[pscustomobject]@{
    VirtualMachinePath  = $vmHost.VirtualMachinePath
    VirtualHardDiskPath = $vmHost.VirtualHardDiskPath
    Changed             = $changed
} | ConvertTo-Json -Compress
