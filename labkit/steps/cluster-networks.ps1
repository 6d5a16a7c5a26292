# Section 5: the networks the cluster found, one per subnet, and their roles:
# 0 None (no cluster traffic: iSCSI), 1 Cluster only (heartbeat),
# 3 Cluster and client (public).
$ErrorActionPreference = 'Stop'
# (ConvertTo-Json -InputObject, not -AsArray: Windows PowerShell 5.1 has no -AsArray.)
$networks = @(Get-ClusterNetwork | Sort-Object Address | ForEach-Object {
    [pscustomobject]@{
        Name        = $_.Name
        Address     = $_.Address
        AddressMask = $_.AddressMask
        Role        = "$($_.Role)"
        State       = "$($_.State)"
    }
})
ConvertTo-Json -InputObject $networks -Compress
