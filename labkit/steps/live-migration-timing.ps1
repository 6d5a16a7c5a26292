# Section 8: read a live migration's timing from the event log Hyper-V writes
# on the source host, Microsoft-Windows-Hyper-V-VMMS-Admin:
#   20413  "The Virtual Machine Management service initiated the live migration
#          of virtual machine '<name>' to destination host '<host>' ...": the start
#   20415  "... successfully completed the live migration of virtual machine
#          '<name>' with a blackout time of <s> seconds (VMID <id>).": the end;
#          its data: Properties[0] the VM's name, [1] its VMID, [2] the
#          blackout in seconds, to a tenth, as the message shows it
# (20415 and its data as admins' scripts read it:
# https://github.com/R-Studio/PSTools/blob/master/Public/Get-LiveMigrationBlackoutTime.ps1;
# the start's text: https://learn.microsoft.com/troubleshoot/windows-server/virtualization/troubleshoot-live-migration-issues).
# Run it on the node the VM left.  The latest completed live migration of the
# VM within the last WithinMinutes counts; none: Found is $false.  Windows logs
# no pre-copy rounds here, so the output has none.
param(
    [Parameter(Mandatory)][string]$Name,
    [ValidateRange(1, 10080)][int]$WithinMinutes = 60
)
$ErrorActionPreference = 'Stop'
$since = (Get-Date).AddMinutes(-$WithinMinutes)
$filter = @{ LogName = 'Microsoft-Windows-Hyper-V-VMMS-Admin'; Id = 20413, 20415; StartTime = $since }
# No event in the window is not an error here: Found says so.
$events = @(Get-WinEvent -FilterHashtable $filter -ErrorAction SilentlyContinue)
$completed = $events | Where-Object { $_.Id -eq 20415 -and "$($_.Properties[0].Value)" -eq $Name } |
    Sort-Object TimeCreated | Select-Object -Last 1
$started = $null
if ($completed) {
    # The start names the VM by its VMID or its quoted name (single quotes on 20415; the start's text is
    # quoted with double quotes on Microsoft's page): any of them matches.
    $vmId = "$($completed.Properties[1].Value)"
    $started = $events | Where-Object {
        $text = "$($_.Message)"
        $_.Id -eq 20413 -and $_.TimeCreated -le $completed.TimeCreated -and
            (($vmId -and $text.Contains($vmId)) -or $text.Contains("'$Name'") -or $text.Contains("`"$Name`""))
    } | Sort-Object TimeCreated | Select-Object -Last 1
}
$startedAt = $null
$completedAt = $null
$total = $null
$blackout = $null
if ($completed) {
    $completedAt = $completed.TimeCreated.ToString('yyyy-MM-dd HH:mm:ss.fff')
    # A decimal comma (a server with a German locale, say) would read as a thousands separator: make it a point.
    $blackout = [double]("$($completed.Properties[2].Value)" -replace ',', '.')
}
if ($started) {
    $startedAt = $started.TimeCreated.ToString('yyyy-MM-dd HH:mm:ss.fff')
    $total = [math]::Round(($completed.TimeCreated - $started.TimeCreated).TotalSeconds, 3)
}
[pscustomobject]@{
    VM              = $Name
    Found           = [bool]$completed
    Started         = $startedAt
    Completed       = $completedAt
    TotalSeconds    = $total
    BlackoutSeconds = $blackout
    Changed         = $false
} | ConvertTo-Json -Compress
