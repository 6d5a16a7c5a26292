<#
.SYNOPSIS
    Gives the storage server the iSCSI Target Server role.  The LUNs and their
    mapping to the nodes are NOT made here: runbook 3 teaches that.
    Idempotent.
#>
param()
$ErrorActionPreference = 'Stop'

$feature = Get-WindowsFeature -Name FS-iSCSITarget-Server
if ($feature.Installed) {
    Write-Output 'iSCSI Target Server (FS-iSCSITarget-Server) is already installed'
    return
}
$result = Install-WindowsFeature -Name FS-iSCSITarget-Server -IncludeManagementTools
if (-not $result.Success) {
    throw "installing FS-iSCSITarget-Server failed: $($result.ExitCode)"
}
Write-Output 'iSCSI Target Server (FS-iSCSITarget-Server) installed'
if ("$($result.RestartNeeded)" -eq 'Yes') {
    Write-Warning 'Windows asks for a restart to finish the iSCSI Target Server role: run vagrant reload'
}
