# Section 1: what validation will compare across nodes: OS version and
# edition, processor family, domain membership and the clustering features.
param(
    [string[]]$Features = @('Hyper-V', 'Failover-Clustering')
)
$ErrorActionPreference = 'Stop'
$os = Get-CimInstance -ClassName Win32_OperatingSystem
$computer = Get-CimInstance -ClassName Win32_ComputerSystem
$cpu = Get-CimInstance -ClassName Win32_Processor | Select-Object -First 1
$missing = Get-WindowsFeature -Name $Features | Where-Object { $_.InstallState -ne 'Installed' } | ForEach-Object { $_.Name }
[pscustomobject]@{
    OS           = $os.Caption
    Version      = $os.Version
    Processor    = $cpu.Manufacturer
    Domain       = $computer.Domain
    PartOfDomain = $computer.PartOfDomain
    Missing      = @($missing) -join ', '
    Changed      = $false
} | ConvertTo-Json -Compress
