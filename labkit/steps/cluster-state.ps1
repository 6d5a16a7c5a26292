# Any section: the cluster at a glance (nodes, groups and their owners, CSVs).
$ErrorActionPreference = 'Stop'
$cluster = Get-Cluster
[pscustomobject]@{
    Name   = $cluster.Name
    Nodes  = @(Get-ClusterNode | Sort-Object Name | ForEach-Object { [pscustomobject]@{ Name = $_.Name; State = "$($_.State)" } })
    Groups = @(Get-ClusterGroup | Sort-Object Name | ForEach-Object { [pscustomobject]@{ Name = $_.Name; Owner = "$($_.OwnerNode)"; State = "$($_.State)" } })
    Csvs   = @(Get-ClusterSharedVolume | ForEach-Object { [pscustomobject]@{ Name = $_.Name; Owner = "$($_.OwnerNode)"; Path = $_.SharedVolumeInfo.FriendlyVolumeName } })
} | ConvertTo-Json -Depth 3 -Compress
