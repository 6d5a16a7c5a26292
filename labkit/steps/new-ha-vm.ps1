# Section 7: a VM whose configuration and virtual disk live on the CSV, made
# a clustered role (highly available) and started.  A VM on local storage
# could not fail over: the other node could not reach its files.
# Generation 2 needs Windows Server 2012 R2 hosts; Windows Server 2012's
# New-VM has no -Generation parameter at all, so generation 1 leaves it out.
param(
    [Parameter(Mandatory)][string]$Name,
    [Parameter(Mandatory)][uint64]$MemoryStartupBytes,
    [Parameter(Mandatory)][uint64]$VhdSizeBytes,
    [Parameter(Mandatory)][string]$SwitchName,
    [Parameter(Mandatory)][string]$VolumePath,
    [ValidateSet(1, 2)][int]$Generation = 2
)
$ErrorActionPreference = 'Stop'
$changes = @()
$group = Get-ClusterGroup -Name $Name -ErrorAction SilentlyContinue
if (-not $group) {
    if (-not (Get-VM -Name $Name -ErrorAction SilentlyContinue)) {
        $vmPath = "$VolumePath\VMs"
        $vhdPath = "$VolumePath\VHDs\$Name.vhdx"
        if ($Generation -eq 2) {
            New-VM -Name $Name -Generation 2 -MemoryStartupBytes $MemoryStartupBytes -Path $vmPath -NewVHDPath $vhdPath -NewVHDSizeBytes $VhdSizeBytes -SwitchName $SwitchName | Out-Null
        }
        else {
            New-VM -Name $Name -MemoryStartupBytes $MemoryStartupBytes -Path $vmPath -NewVHDPath $vhdPath -NewVHDSizeBytes $VhdSizeBytes -SwitchName $SwitchName | Out-Null
        }
        $changes += "created generation $Generation VM $Name"
    }
    Add-ClusterVirtualMachineRole -VMName $Name | Out-Null
    $changes += "made $Name a clustered role"
    $group = Get-ClusterGroup -Name $Name
}
if ("$($group.State)" -ne 'Online') {
    Start-ClusterGroup -Name $Name | Out-Null
    $changes += "started $Name"
    $group = Get-ClusterGroup -Name $Name
}
[pscustomobject]@{
    VM      = $group.Name
    Owner   = "$($group.OwnerNode)"
    State   = "$($group.State)"
    Changed = $changes.Count -gt 0
    Changes = $changes -join '; '
} | ConvertTo-Json -Compress
