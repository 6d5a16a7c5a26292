<#
.SYNOPSIS
    Names each lab network's adapter after its network and gives it its static
    IPv4 address; points DNS at the domain controller.  Idempotent: it checks
    what is there first and says what it changed.
.PARAMETER Adapters
    "Network=MAC=Address/Prefix" entries separated by ';', as the Vagrantfile
    writes them from the lab file, e.g.
    "Public=024C4B000200=192.168.10.31/24;iSCSI=024C4B000201=10.0.20.31/24".
.PARAMETER DnsServers
    DNS servers (comma separated) for every adapter; empty on the domain
    controller, which becomes its own DNS server.
#>
param(
    [Parameter(Mandatory = $true)]
    [string]$Adapters,
    [string]$DnsServers = ''
)
$ErrorActionPreference = 'Stop'

$labMacs = @()
foreach ($entry in $Adapters.Split(';')) {
    $parts = $entry.Split('=')
    $network = $parts[0]
    $mac = $parts[1].ToUpper()
    $address = $parts[2].Split('/')[0]
    $prefix = [int]$parts[2].Split('/')[1]
    $labMacs += $mac

    $adapter = Get-NetAdapter | Where-Object { ($_.MacAddress -replace '-', '') -eq $mac }
    if (-not $adapter) {
        $seen = (Get-NetAdapter | ForEach-Object { "$($_.Name) $($_.MacAddress)" }) -join ', '
        throw "no network adapter has MAC $mac for the $network network (adapters: $seen). On Hyper-V run 'vagrant up --no-provision' first, then 'vagrant provision' (labkit lab up does this)."
    }
    if ($adapter.Name -ne $network) {
        Rename-NetAdapter -Name $adapter.Name -NewName $network
        Write-Output "${network}: adapter '$($adapter.Name)' renamed to '$network'"
    }
    $current = @(Get-NetIPAddress -InterfaceAlias $network -AddressFamily IPv4 -ErrorAction SilentlyContinue)
    $have = $current | Where-Object { $_.IPAddress -eq $address -and $_.PrefixLength -eq $prefix }
    if ($have) {
        Write-Output "${network}: $address/$prefix already set"
    } else {
        foreach ($old in $current) {
            Remove-NetIPAddress -IPAddress $old.IPAddress -InterfaceAlias $network -Confirm:$false
            Write-Output "${network}: removed $($old.IPAddress)/$($old.PrefixLength)"
        }
        New-NetIPAddress -InterfaceAlias $network -IPAddress $address -PrefixLength $prefix | Out-Null
        Write-Output "${network}: $address/$prefix set"
    }
}

# The provider's own adapter (NAT) must not put its address into the lab's DNS.
foreach ($other in Get-NetAdapter | Where-Object { $labMacs -notcontains ($_.MacAddress -replace '-', '') }) {
    Set-DnsClient -InterfaceIndex $other.InterfaceIndex -RegisterThisConnectionsAddress $false
}

if ($DnsServers) {
    $servers = $DnsServers.Split(',')
    foreach ($adapter in Get-NetAdapter) {
        Set-DnsClientServerAddress -InterfaceIndex $adapter.InterfaceIndex -ServerAddresses $servers
    }
    Write-Output "DNS servers on every adapter: $DnsServers"
}
