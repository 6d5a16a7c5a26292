# Section 5: create the cluster with its name and static address on the
# Public network.  -NoStorage: the disks are added next, deliberately.
# Subnets of this node outside the lab's networks (the provider's NAT
# adapter of a Vagrant VM: 10.0.2.15 on every VirtualBox VM, the Hyper-V
# Default Switch) are left out of the cluster with -IgnoreNetwork, so that
# no cluster network and no duplicate address comes from them.
# New-Cluster reaches every node: labkit runs this step with CredSSP (the
# double hop, labkit/steps/__init__.py).
param(
    [Parameter(Mandatory)][string]$Name,
    [Parameter(Mandatory)][string]$StaticAddress,
    [Parameter(Mandatory)][string[]]$Nodes,
    [string[]]$LabNetworks = @()   # the lab's networks in CIDR form, e.g. 192.168.10.0/24
)
$ErrorActionPreference = 'Stop'

$changed = $false
try {
    $cluster = Get-Cluster
} catch {
    $cluster = $null
}
$ignored = @()
if ($LabNetworks) {
    foreach ($ip in Get-NetIPAddress -AddressFamily IPv4) {
        if ($ip.IPAddress -like '127.*' -or $ip.IPAddress -like '169.254.*') { continue }
        # the subnet in CIDR form: the address as a number, rounded down to the prefix
        $number = [double]0
        foreach ($octet in $ip.IPAddress.Split('.')) { $number = $number * 256 + [int]$octet }
        $size = [math]::Pow(2, 32 - $ip.PrefixLength)
        $rest = [math]::Floor($number / $size) * $size
        $octets = @()
        for ($i = 0; $i -lt 4; $i++) { $octets = @([int]($rest % 256)) + $octets; $rest = [math]::Floor($rest / 256) }
        $subnet = "$($octets -join '.')/$($ip.PrefixLength)"
        if ($LabNetworks -notcontains $subnet -and $ignored -notcontains $subnet) { $ignored += $subnet }
    }
}
if (-not $cluster) {
    if ($ignored) {
        $cluster = New-Cluster -Name $Name -Node $Nodes -StaticAddress $StaticAddress -NoStorage -IgnoreNetwork $ignored
    } else {
        $cluster = New-Cluster -Name $Name -Node $Nodes -StaticAddress $StaticAddress -NoStorage
    }
    $changed = $true
} elseif ($cluster.Name -ne $Name) {
    throw "this node already belongs to cluster $($cluster.Name), not $Name; remove it from that cluster first"
}
$nodes = Get-ClusterNode | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.State)" }
[pscustomobject]@{
    Cluster        = $cluster.Name
    Nodes          = $nodes -join ', '
    IgnoredNetwork = $ignored -join ', '
    Changed        = $changed
} | ConvertTo-Json -Compress
