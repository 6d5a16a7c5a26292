# Section 3: the iSCSI initiator service runs and starts with Windows; report
# the initiator's IQN, which the target lists as an allowed initiator.
$ErrorActionPreference = 'Stop'
$changes = @()
$service = Get-Service -Name MSiSCSI
if ("$($service.StartType)" -ne 'Automatic') {
    Set-Service -Name MSiSCSI -StartupType Automatic
    $changes += 'MSiSCSI starts automatically'
}
if ("$($service.Status)" -ne 'Running') {
    Start-Service -Name MSiSCSI
    $changes += 'MSiSCSI started'
}
$port = Get-InitiatorPort | Where-Object { "$($_.ConnectionType)" -eq 'iSCSI' } | Select-Object -First 1
[pscustomobject]@{
    InitiatorIqn = $port.NodeAddress
    Changed      = $changes.Count -gt 0
    Changes      = $changes -join '; '
} | ConvertTo-Json -Compress
