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

# The domain controller may still be rebooting: wait until its DNS answers.
$deadline = (Get-Date).AddMinutes(20)
while (-not (Resolve-DnsName -Name $DomainName -Type A -Server $DnsServer -DnsOnly -ErrorAction SilentlyContinue)) {
    if ((Get-Date) -gt $deadline) {
        throw "the domain controller's DNS at $DnsServer did not resolve $DomainName within 20 minutes; is the domain controller up (vagrant status)?"
    }
    Write-Output "waiting for $DomainName to resolve at $DnsServer ..."
    Start-Sleep -Seconds 15
}

Add-Computer -DomainName $DomainName -Credential $credential -Force
Write-Output "$($system.Name) joined $DomainName; Vagrant reboots it now"
