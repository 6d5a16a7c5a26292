<#
.SYNOPSIS
    Joins this machine to the lab domain.  Idempotent: does nothing on a member
    of that domain; refuses on a member of another.  Vagrant reboots the
    machine afterwards (the provisioner's reboot option).
.DESCRIPTION
    The domain Administrator's password arrives base64 encoded (UTF-8) in the
    environment variable LABKIT_ADMIN_PASSWORD_B64 (see forest.ps1).
#>
param(
    [Parameter(Mandatory = $true)]
    [string]$DomainName,
    [Parameter(Mandatory = $true)]
    [string]$NetbiosName,
    [Parameter(Mandatory = $true)]
    [string]$DnsServer
)
$ErrorActionPreference = 'Stop'

$system = Get-CimInstance -ClassName Win32_ComputerSystem
if ($system.PartOfDomain) {
    if ($system.Domain -ne $DomainName) {
        throw "$($system.Name) is a member of $($system.Domain), not $DomainName; destroy the VM to start over"
    }
    Write-Output "$($system.Name) is already a member of $DomainName"
    return
}

if (-not $env:LABKIT_ADMIN_PASSWORD_B64) {
    throw 'no domain Administrator password: set LABKIT_WINRM_PASSWORD before vagrant up / vagrant provision'
}
$plain = [System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String($env:LABKIT_ADMIN_PASSWORD_B64))
$password = ConvertTo-SecureString -String $plain -AsPlainText -Force
$credential = [System.Management.Automation.PSCredential]::new("$NetbiosName\Administrator", $password)

# The domain controller may still be promoting or rebooting, and nested
# boots are slow: wait until its DNS answers the domain's LDAP SRV record
# (_ldap._tcp.dc._msdcs.<domain>, what a joining client looks up) and its
# LDAP port accepts connections, for up to 45 minutes.
$deadline = (Get-Date).AddMinutes(45)
while ($true) {
    $srv = Resolve-DnsName -Name "_ldap._tcp.dc._msdcs.$DomainName" -Type SRV -Server $DnsServer -DnsOnly -ErrorAction SilentlyContinue
    $ldap = $false
    if ($srv) {
        $ldap = Test-NetConnection -ComputerName $DnsServer -Port 389 -InformationLevel Quiet -WarningAction SilentlyContinue
    }
    if ($srv -and $ldap) { break }
    if ((Get-Date) -gt $deadline) {
        throw "the domain $DomainName did not answer at $DnsServer within 45 minutes (DNS SRV record: $([bool]$srv), LDAP port 389: $ldap); is the domain controller up and provisioned (vagrant status, labkit lab up)?"
    }
    Write-Output "waiting for the domain $DomainName at $DnsServer (DNS SRV record: $([bool]$srv), LDAP port 389: $ldap) ..."
    Start-Sleep -Seconds 20
}

# A domain controller that just came up can still refuse the first joins:
# try a few times before giving up.
$attempt = 0
while ($true) {
    $attempt++
    try {
        Add-Computer -DomainName $DomainName -Credential $credential -Force
        break
    } catch {
        if ($attempt -ge 5) {
            throw "joining $DomainName failed $attempt times; the last error: $_"
        }
        Write-Output "joining $DomainName failed (attempt $attempt of 5): $_; retrying in 60 seconds"
        Start-Sleep -Seconds 60
    }
}
Write-Output "$($system.Name) joined $DomainName; Vagrant reboots it now"
