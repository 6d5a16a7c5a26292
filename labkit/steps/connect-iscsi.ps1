# Section 3, on each node: register the target portal (over the iSCSI network)
# and connect every target persistently, so the disks come back after a restart.
param(
    [Parameter(Mandatory)][string]$PortalAddress,
    [Parameter(Mandatory)][string]$InitiatorAddress
)
$ErrorActionPreference = 'Stop'
$changes = @()
if (-not (Get-IscsiTargetPortal -TargetPortalAddress $PortalAddress -ErrorAction SilentlyContinue)) {
    New-IscsiTargetPortal -TargetPortalAddress $PortalAddress -InitiatorPortalAddress $InitiatorAddress | Out-Null
    $changes += "portal $PortalAddress"
}
foreach ($target in @(Get-IscsiTarget | Where-Object { -not $_.IsConnected })) {
    Connect-IscsiTarget -NodeAddress $target.NodeAddress -TargetPortalAddress $PortalAddress -InitiatorPortalAddress $InitiatorAddress -IsPersistent $true | Out-Null
    $changes += "connected $($target.NodeAddress)"
}
$disks = Get-Disk | Where-Object { "$($_.BusType)" -eq 'iSCSI' } | Sort-Object Number |
    ForEach-Object { "disk $($_.Number) $($_.Size / 1GB) GB $($_.OperationalStatus)" }
[pscustomobject]@{
    Sessions = @(Get-IscsiSession).Count
    Disks    = @($disks) -join ', '
    Changed  = $changes.Count -gt 0
    Changes  = $changes -join '; '
} | ConvertTo-Json -Compress
