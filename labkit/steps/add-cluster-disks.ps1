# Section 5: add the shared disks to the cluster and make the small one the
# disk witness: with two nodes, the witness breaks a tie, so the cluster
# survives the loss of either node.
param(
    [Parameter(Mandatory)][uint64]$QuorumSizeBytes
)
$ErrorActionPreference = 'Stop'
$changes = @()
$witness = $null
$small = @(Get-ClusterAvailableDisk | Where-Object { $_.Size -eq $QuorumSizeBytes })
if ($small.Count -gt 0) {
    $witness = $small[0] | Add-ClusterDisk
    $changes += "added $($witness.Name) (witness)"
}
foreach ($disk in @(Get-ClusterAvailableDisk)) {
    $added = $disk | Add-ClusterDisk
    $changes += "added $($added.Name)"
}
$quorum = Get-ClusterQuorum
if (-not $quorum.QuorumResource) {
    if (-not $witness) {
        throw "no disk of $QuorumSizeBytes bytes is available for the disk witness: check the quorum LUN (section 3)"
    }
    Set-ClusterQuorum -DiskWitness $witness.Name | Out-Null
    $changes += "disk witness $($witness.Name)"
    $quorum = Get-ClusterQuorum
}
[pscustomobject]@{
    QuorumType     = "$($quorum.QuorumType)"
    QuorumResource = "$($quorum.QuorumResource)"
    Disks          = @(Get-ClusterResource | Where-Object { "$($_.ResourceType)" -eq 'Physical Disk' } | ForEach-Object { "$($_.Name) ($($_.OwnerGroup))" }) -join ', '
    Changed        = $changes.Count -gt 0
    Changes        = $changes -join '; '
} | ConvertTo-Json -Compress
