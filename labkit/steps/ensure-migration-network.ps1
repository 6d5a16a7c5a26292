# Section 8, on each node: live migration switched on, over the chosen subnet
# only, with Client for Microsoft Networks and File and Printer Sharing bound
# on that network's adapter: without them the migration fails (the
# procedure's warning), since Hyper-V authenticates and copies over SMB/RPC.
param(
    [Parameter(Mandatory)][string]$Subnet,
    [Parameter(Mandatory)][string]$AdapterName,
    [ValidateSet('TCPIP', 'Compression', 'SMB')][string]$PerformanceOption = 'Compression'
)
$ErrorActionPreference = 'Stop'
$changes = @()
foreach ($component in @('ms_msclient', 'ms_server')) {
    $binding = Get-NetAdapterBinding -Name $AdapterName -ComponentID $component
    if (-not $binding.Enabled) {
        Enable-NetAdapterBinding -Name $AdapterName -ComponentID $component
        $changes += "bound $component on $AdapterName"
    }
}
$vmHost = Get-VMHost
if (-not $vmHost.VirtualMachineMigrationEnabled) {
    Enable-VMMigration
    $changes += 'live migration enabled'
}
if ($vmHost.UseAnyNetworkForMigration) {
    Set-VMHost -UseAnyNetworkForMigration $false
    $changes += 'migrations only on listed networks'
}
if (-not (Get-VMMigrationNetwork | Where-Object { $_.Subnet -eq $Subnet })) {
    Add-VMMigrationNetwork -Subnet $Subnet
    $changes += "migration network $Subnet"
}
if ("$($vmHost.VirtualMachineMigrationPerformanceOption)" -ne $PerformanceOption) {
    Set-VMHost -VirtualMachineMigrationPerformanceOption $PerformanceOption
    $changes += "transport $PerformanceOption"
}
$vmHost = Get-VMHost
[pscustomobject]@{
    MigrationEnabled = $vmHost.VirtualMachineMigrationEnabled
    Networks         = @(Get-VMMigrationNetwork | ForEach-Object { $_.Subnet }) -join ', '
    Transport        = "$($vmHost.VirtualMachineMigrationPerformanceOption)"
    Changed          = $changes.Count -gt 0
    Changes          = $changes -join '; '
} | ConvertTo-Json -Compress
