# Section 3, on the storage server: one virtual disk per LUN, one target that
# admits exactly the cluster nodes' initiators, every LUN mapped to it.
param(
    [Parameter(Mandatory)][string]$TargetName,
    [Parameter(Mandatory)][string[]]$InitiatorIds,
    [Parameter(Mandatory)][object[]]$Luns,          # @{ Name; SizeBytes }
    [string]$Folder = 'C:\iSCSIVirtualDisks'
)
$ErrorActionPreference = 'Stop'
$changes = @()
foreach ($lun in $Luns) {
    $path = "$Folder\$($lun.Name).vhdx"
    if (-not (Get-IscsiVirtualDisk -Path $path -ErrorAction SilentlyContinue)) {
        New-IscsiVirtualDisk -Path $path -SizeBytes $lun.SizeBytes | Out-Null
        $changes += "created $path"
    }
}
$target = Get-IscsiServerTarget -TargetName $TargetName -ErrorAction SilentlyContinue
if (-not $target) {
    $target = New-IscsiServerTarget -TargetName $TargetName -InitiatorIds $InitiatorIds
    $changes += "created target $TargetName"
} else {
    $current = @($target.InitiatorIds | ForEach-Object { "$_" }) | Sort-Object
    $wanted = @($InitiatorIds) | Sort-Object
    if (($current -join ',') -ne ($wanted -join ',')) {
        Set-IscsiServerTarget -TargetName $TargetName -InitiatorIds $InitiatorIds
        $changes += "target $TargetName admits $($wanted -join ', ')"
    }
}
foreach ($lun in $Luns) {
    $path = "$Folder\$($lun.Name).vhdx"
    $mapped = Get-IscsiServerTarget -TargetName $TargetName |
        ForEach-Object { $_.LunMappings } | Where-Object { $_.Path -eq $path }
    if (-not $mapped) {
        Add-IscsiVirtualDiskTargetMapping -TargetName $TargetName -Path $path
        $changes += "mapped $path"
    }
}
$target = Get-IscsiServerTarget -TargetName $TargetName
[pscustomobject]@{
    Target     = $target.TargetName
    Iqn        = $target.TargetIqn
    Initiators = @($target.InitiatorIds | ForEach-Object { "$_" }) -join ', '
    Luns       = @($target.LunMappings | ForEach-Object { $_.Path }) -join ', '
    Changed    = $changes.Count -gt 0
    Changes    = $changes -join '; '
} | ConvertTo-Json -Compress
