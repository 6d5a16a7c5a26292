<#
.SYNOPSIS
    After the promotion reboot: waits until the domain answers, creates a
    reverse lookup zone for each lab network and keeps the domain controller's
    DNS name on its lab addresses only.  Idempotent.
.PARAMETER ReverseZones
    The lab networks in CIDR form, comma separated (prefixes 8, 16 or 24).
.PARAMETER LabAddresses
    This domain controller's lab addresses, comma separated.
#>
param(
    [Parameter(Mandatory = $true)]
    [string]$DomainName,
    [string]$ReverseZones = '',
    [string]$LabAddresses = ''
)
$ErrorActionPreference = 'Stop'

$deadline = (Get-Date).AddMinutes(20)
while ($true) {
    try {
        Get-ADDomain -Identity $DomainName | Out-Null
        break
    } catch {
        if ((Get-Date) -gt $deadline) {
            throw "the domain $DomainName did not answer within 20 minutes after the promotion: $_"
        }
        Write-Output "waiting for Active Directory Domain Services ($DomainName) ..."
        Start-Sleep -Seconds 15
    }
}
Write-Output "domain $DomainName answers"

foreach ($cidr in $ReverseZones.Split(',')) {
    $cidr = $cidr.Trim()
    if (-not $cidr) { continue }
    $octets = $cidr.Split('/')[0].Split('.')
    $kept = [int]([int]$cidr.Split('/')[1] / 8)
    $zone = (($octets[0..($kept - 1)])[($kept - 1)..0] -join '.') + '.in-addr.arpa'
    if (Get-DnsServerZone -Name $zone -ErrorAction SilentlyContinue) {
        Write-Output "reverse zone $zone already exists"
    } else {
        Add-DnsServerPrimaryZone -NetworkId $cidr -ReplicationScope Forest
        Write-Output "reverse zone $zone created for $cidr"
    }
}

# The provider's NAT address (the same on every VirtualBox VM) must not stand
# for this domain controller in DNS.
if ($LabAddresses) {
    $lab = $LabAddresses.Split(',')
    foreach ($name in @($DomainName, "$env:COMPUTERNAME.$DomainName")) {
        $records = @(Resolve-DnsName -Name $name -Type A -Server 127.0.0.1 -DnsOnly -ErrorAction SilentlyContinue)
        foreach ($record in $records | Where-Object { $_.IPAddress -and $lab -notcontains $_.IPAddress }) {
            $node = if ($name -eq $DomainName) { '@' } else { $env:COMPUTERNAME }
            Remove-DnsServerResourceRecord -ZoneName $DomainName -RRType A -Name $node -RecordData $record.IPAddress -Force
            Write-Output "removed A record $name -> $($record.IPAddress) (not a lab address)"
        }
    }
}
