<#
.SYNOPSIS
    Makes this machine the first domain controller of a new forest, with DNS.
    Idempotent: does nothing on a domain controller of that domain; refuses on
    one of another domain.  Vagrant reboots the machine afterwards (the
    provisioner's reboot option), so the promotion itself does not.
.DESCRIPTION
    The domain Administrator's password arrives base64 encoded (UTF-8) in the
    environment variable LABKIT_ADMIN_PASSWORD_B64, which the Vagrantfile fills
    from LABKIT_WINRM_PASSWORD and marks sensitive.  It becomes the local
    Administrator's password first: a new forest's Administrator keeps it.
    It is also the Directory Services Restore Mode password.
#>
param(
    [Parameter(Mandatory = $true)]
    [string]$DomainName,
    [Parameter(Mandatory = $true)]
    [string]$NetbiosName
)
$ErrorActionPreference = 'Stop'

$system = Get-CimInstance -ClassName Win32_ComputerSystem
# DomainRole 4 and 5: backup and primary domain controller.
if ($system.DomainRole -ge 4) {
    if ($system.Domain -ne $DomainName) {
        throw "$($system.Name) is already a domain controller of $($system.Domain), not $DomainName; destroy the VM to start over"
    }
    Write-Output "$($system.Name) is already a domain controller of $DomainName"
    return
}

if (-not $env:LABKIT_ADMIN_PASSWORD_B64) {
    throw 'no domain Administrator password: set LABKIT_WINRM_PASSWORD before vagrant up / vagrant provision'
}
$plain = [System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String($env:LABKIT_ADMIN_PASSWORD_B64))
$password = ConvertTo-SecureString -String $plain -AsPlainText -Force

Set-LocalUser -Name Administrator -Password $password
Enable-LocalUser -Name Administrator
Write-Output 'local Administrator password set (it becomes the domain Administrator password)'

$result = Install-WindowsFeature -Name AD-Domain-Services, DNS -IncludeManagementTools
if (-not $result.Success) {
    throw "installing AD-Domain-Services and DNS failed: $($result.ExitCode)"
}
Write-Output 'roles AD-Domain-Services and DNS installed'

Install-ADDSForest -DomainName $DomainName -DomainNetbiosName $NetbiosName -InstallDns -SafeModeAdministratorPassword $password -NoRebootOnCompletion -Force | Out-Null
Write-Output "forest $DomainName ($NetbiosName) created; Vagrant reboots $($system.Name) now"
