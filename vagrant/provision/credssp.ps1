<#
.SYNOPSIS
    Lets this cluster node accept delegated credentials over WinRM (the
    CredSSP *server* role, nothing broader).  Idempotent.
.DESCRIPTION
    labkit runs Test-Cluster and New-Cluster on the first node over WinRM;
    both reach the other nodes, which a network logon without delegated
    credentials cannot do (the double hop: Microsoft Failover Clustering
    blog, "PowerShell Remoting and the Double-Hop Problem").  Those steps log
    on with CredSSP.  The client role belongs to whoever connects: in the lab,
    the machine running labkit, which is not Windows (pywinrm speaks CredSSP
    itself), so no node gets the client role and no node may delegate further.
    Enable-WSManCredSSP -Role Server sets WSMan:\localhost\Service\Auth\CredSSP
    (https://learn.microsoft.com/en-us/powershell/module/microsoft.wsman.management/enable-wsmancredssp?view=powershell-5.1).
#>
param()
$ErrorActionPreference = 'Stop'

$current = (Get-Item -Path WSMan:\localhost\Service\Auth\CredSSP).Value
if ("$current" -eq 'true') {
    Write-Output 'CredSSP server role already enabled (WSMan:\localhost\Service\Auth\CredSSP = true)'
    return
}
Enable-WSManCredSSP -Role Server -Force | Out-Null
Write-Output 'CredSSP server role enabled: WinRM accepts delegated credentials (the runbooks'' cross-node steps use them)'
