# Section 3, on the first node only: bring each LUN's disk online, initialize
# it (GPT), partition and format it (NTFS, labelled with the LUN's name).
# Doing this on a second node at the same time would corrupt the disks: until
# the cluster owns them, only one node may write.  Disks the cluster already
# owns are left alone.
param(
    [Parameter(Mandatory)][object[]]$Luns     # @{ Name; SizeBytes }
)
$ErrorActionPreference = 'Stop'
$changes = @()
$result = @()
foreach ($lun in $Luns) {
    $disk = Get-Disk | Where-Object { "$($_.BusType)" -eq 'iSCSI' -and $_.Size -eq $lun.SizeBytes } | Select-Object -First 1
    if (-not $disk) {
        throw "no iSCSI disk of $($lun.SizeBytes) bytes for LUN $($lun.Name): connect the initiator to the target first"
    }
    $number = $disk.Number
    if ($disk.IsClustered) {
        # The cluster owns it now (section 5): it decides where the disk is online.
        $result += "$($lun.Name)=disk $number (cluster disk)"
        continue
    }
    if ($disk.IsOffline) {
        Set-Disk -Number $number -IsOffline $false
        $changes += "disk $number online"
    }
    if ($disk.IsReadOnly) {
        Set-Disk -Number $number -IsReadOnly $false
        $changes += "disk $number writable"
    }
    if ("$($disk.PartitionStyle)" -eq 'RAW') {
        Initialize-Disk -Number $number -PartitionStyle GPT
        $changes += "disk $number initialized (GPT)"
    }
    $partition = Get-Partition -DiskNumber $number -ErrorAction SilentlyContinue |
        Where-Object { "$($_.Type)" -eq 'Basic' } | Select-Object -First 1
    if (-not $partition) {
        $partition = New-Partition -DiskNumber $number -UseMaximumSize -AssignDriveLetter
        $changes += "disk $number partitioned"
    }
    $volume = Get-Volume -DriveLetter $partition.DriveLetter
    if ($volume.FileSystemLabel -ne $lun.Name -or "$($volume.FileSystem)" -ne 'NTFS') {
        $volume = Format-Volume -DriveLetter $partition.DriveLetter -FileSystem NTFS -NewFileSystemLabel $lun.Name -Confirm:$false
        $changes += "disk $number formatted NTFS '$($lun.Name)'"
    }
    $result += "$($lun.Name)=disk $number $($partition.DriveLetter): $($volume.FileSystem)"
}
[pscustomobject]@{
    Volumes = $result -join ', '
    Changed = $changes.Count -gt 0
    Changes = $changes -join '; '
} | ConvertTo-Json -Compress
