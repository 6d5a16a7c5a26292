# Section 8: move the clustered VM to another node.  Live: memory is copied
# while the VM runs, then a short blackout.  Quick: the VM is saved, the group
# moves, the VM is restored: clients lose their connections meanwhile.
param(
    [Parameter(Mandatory)][string]$Name,
    [Parameter(Mandatory)][string]$Node,
    [ValidateSet('Live', 'Quick')][string]$MigrationType = 'Live'
)
$ErrorActionPreference = 'Stop'
$before = Get-ClusterGroup -Name $Name
$changed = $false
if ("$($before.OwnerNode)" -ne $Node) {
    Move-ClusterVirtualMachineRole -Name $Name -Node $Node -MigrationType $MigrationType | Out-Null
    $changed = $true
}
$after = Get-ClusterGroup -Name $Name
[pscustomobject]@{
    VM      = $Name
    From    = "$($before.OwnerNode)"
    To      = "$($after.OwnerNode)"
    State   = "$($after.State)"
    Type    = $MigrationType
    Changed = $changed
} | ConvertTo-Json -Compress
