# Section 1: ensure the roles and features a Hyper-V cluster node needs.
# Hyper-V only works after a restart; with -Restart the script restarts the
# node when a feature asks for it (on WinRM the backend waits for it to return).
param(
    [string[]]$Features = @('Hyper-V', 'Failover-Clustering'),
    [switch]$Restart
)
$ErrorActionPreference = 'Stop'
$changes = @()
$restartNeeded = $false
foreach ($name in $Features) {
    $feature = Get-WindowsFeature -Name $name
    if ($feature.InstallState -eq 'InstallPending') {
        $restartNeeded = $true
    } elseif ($feature.InstallState -ne 'Installed') {
        $result = Install-WindowsFeature -Name $name -IncludeManagementTools
        $changes += "installed $name"
        if ($result.RestartNeeded -eq 'Yes') { $restartNeeded = $true }
    }
}
$restarting = $false
$lastBoot = (Get-CimInstance -ClassName Win32_OperatingSystem).LastBootUpTime.ToString('o')
if ($restartNeeded -and $Restart) {
    # Restart-Computer returns at once: the caller waits until the boot time
    # differs from LastBoot (the host went down and came back), not for a
    # first answer that may come before it went down.
    Restart-Computer -Force
    $changes += 'restarted to finish the installation'
    $restartNeeded = $false
    $restarting = $true
}
$state = Get-WindowsFeature -Name $Features | ForEach-Object { "$($_.Name)=$($_.InstallState)" }
[pscustomobject]@{
    Features      = $state -join ', '
    RestartNeeded = $restartNeeded
    Restarting    = $restarting
    LastBoot      = $lastBoot
    Changed       = $changes.Count -gt 0
    Changes       = $changes -join '; '
} | ConvertTo-Json -Compress
