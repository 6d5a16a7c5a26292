# Section 2: one external virtual switch, with the same name on every node,
# bound to the Public adapter.  Live migration needs the switch name to match
# on the target node, or the VM would lose its network there.
param(
    [string]$SwitchName = 'External',
    [string]$AdapterName = 'Public'
)
$ErrorActionPreference = 'Stop'
$changed = $false
$switch = Get-VMSwitch -Name $SwitchName -ErrorAction SilentlyContinue
if (-not $switch) {
    $switch = New-VMSwitch -Name $SwitchName -NetAdapterName $AdapterName -AllowManagementOS $true
    $changed = $true
}
[pscustomobject]@{
    Switch            = $switch.Name
    SwitchType        = "$($switch.SwitchType)"
    Adapter           = $switch.NetAdapterInterfaceDescription
    AllowManagementOS = $switch.AllowManagementOS
    Changed           = $changed
} | ConvertTo-Json -Compress
