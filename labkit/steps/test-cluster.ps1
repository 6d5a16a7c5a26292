# Section 4: run cluster validation over all nodes.  The report (an HTML file
# on the node) is what Microsoft support asks for: a cluster is supported
# only when it passed validation.
param(
    [Parameter(Mandatory)][string[]]$Nodes,
    [string[]]$Include = @('Inventory', 'Network', 'Storage', 'System Configuration', 'Hyper-V Configuration')
)
$ErrorActionPreference = 'Stop'
$report = Test-Cluster -Node $Nodes -Include $Include
[pscustomobject]@{
    Report  = $report.FullName
    Changed = $false
} | ConvertTo-Json -Compress
