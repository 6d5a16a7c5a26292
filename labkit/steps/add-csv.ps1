# Section 6: turn the cluster disk left in Available Storage into a Cluster
# Shared Volume: every node then sees it at C:\ClusterStorage\VolumeN at once,
# so a VM can move between nodes without the disk changing hands.
$ErrorActionPreference = 'Stop'
$changed = $false
if (-not (Get-ClusterSharedVolume)) {
    $disk = Get-ClusterResource |
        Where-Object { "$($_.ResourceType)" -eq 'Physical Disk' -and "$($_.OwnerGroup)" -eq 'Available Storage' } |
        Select-Object -First 1
    if (-not $disk) {
        throw 'no cluster disk in Available Storage to make a CSV: add the CSV LUN to the cluster first (section 5)'
    }
    Add-ClusterSharedVolume -Name $disk.Name | Out-Null
    $changed = $true
}
$csv = Get-ClusterSharedVolume | Select-Object -First 1
[pscustomobject]@{
    Name    = $csv.Name
    State   = "$($csv.State)"
    Owner   = "$($csv.OwnerNode)"
    Path    = $csv.SharedVolumeInfo.FriendlyVolumeName
    Size    = $csv.SharedVolumeInfo.Partition.Size
    Changed = $changed
} | ConvertTo-Json -Compress
