# Section 5: create the cluster with its name and static address on the
# Public network.  -NoStorage: the disks are added next, deliberately.
param(
    [Parameter(Mandatory)][string]$Name,
    [Parameter(Mandatory)][string]$StaticAddress,
    [Parameter(Mandatory)][string[]]$Nodes
)
$ErrorActionPreference = 'Stop'
$changed = $false
try {
    $cluster = Get-Cluster
} catch {
    $cluster = $null
}
if (-not $cluster) {
    $cluster = New-Cluster -Name $Name -Node $Nodes -StaticAddress $StaticAddress -NoStorage
    $changed = $true
} elseif ($cluster.Name -ne $Name) {
    throw "this node already belongs to cluster $($cluster.Name), not $Name; remove it from that cluster first"
}
$nodes = Get-ClusterNode | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.State)" }
[pscustomobject]@{
    Cluster = $cluster.Name
    Nodes   = $nodes -join ', '
    Changed = $changed
} | ConvertTo-Json -Compress
