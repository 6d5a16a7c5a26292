# Section 1: name each adapter after the lab network it is cabled to and give
# it the lab's address.  An adapter is found by the address it already has
# (Vagrant sets them) or else by its factory name (Ethernet, Ethernet 2, ...).
# Client for Microsoft Networks and File and Printer Sharing are unbound on
# the networks listed in -UnbindSharingOn (iSCSI carries only storage traffic).
param(
    [Parameter(Mandatory)][object[]]$Networks,   # @{ Name; Address; PrefixLength; Adapter }
    [string[]]$UnbindSharingOn = @('iSCSI')
)
$ErrorActionPreference = 'Stop'
$changes = @()
foreach ($net in $Networks) {
    $existing = Get-NetIPAddress -IPAddress $net.Address -ErrorAction SilentlyContinue
    $named = Get-NetAdapter -Name $net.Name -ErrorAction SilentlyContinue
    if (-not $named) {
        if ($existing) { $from = $existing.InterfaceAlias } else { $from = $net.Adapter }
        Rename-NetAdapter -Name $from -NewName $net.Name
        $changes += "renamed $from to $($net.Name)"
    }
    if (-not $existing) {
        New-NetIPAddress -InterfaceAlias $net.Name -IPAddress $net.Address -PrefixLength $net.PrefixLength | Out-Null
        $changes += "$($net.Name) has $($net.Address)/$($net.PrefixLength)"
    }
    if ($UnbindSharingOn -contains $net.Name) {
        foreach ($component in @('ms_msclient', 'ms_server')) {
            $binding = Get-NetAdapterBinding -Name $net.Name -ComponentID $component
            if ($binding.Enabled) {
                Disable-NetAdapterBinding -Name $net.Name -ComponentID $component
                $changes += "unbound $component from $($net.Name)"
            }
        }
    }
}
$addresses = Get-NetIPAddress -AddressFamily IPv4 |
    Where-Object { $_.IPAddress -ne '127.0.0.1' } |
    Sort-Object InterfaceAlias |
    ForEach-Object { "$($_.InterfaceAlias)=$($_.IPAddress)/$($_.PrefixLength)" }
[pscustomobject]@{
    Addresses = $addresses -join ', '
    Changed   = $changes.Count -gt 0
    Changes   = $changes -join '; '
} | ConvertTo-Json -Compress
