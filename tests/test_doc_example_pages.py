"""benchmarks/doc_examples.py reads Microsoft's pages right: the code of each `### Example` (a console transcript's
prompts and continuation lines, or a ```powershell fence), the output the page shows, and the lab's names put in.

The page texts below have the two shapes platyPS writes (the Windows Server 2022 pages of Get-Disk, Get-NetIPAddress,
Get-ClusterNode and Get-IscsiTargetPortal are of these shapes), so the test needs no copy of the pages.
"""

from __future__ import annotations

import sys
from pathlib import Path

# benchmarks/ holds scripts named like packages (winrm.py): on sys.path only while these modules load, or a later
# `import winrm` in another test module would find the benchmark instead of pywinrm
_BENCHMARKS = str(Path(__file__).resolve().parents[1] / "benchmarks")
sys.path.insert(0, _BENCHMARKS)
try:
    from doc_example_names import mapped, unmapped  # noqa: E402
    from doc_example_output import differs, shape  # noqa: E402
    from doc_example_pages import examples_of  # noqa: E402
finally:
    sys.path.remove(_BENCHMARKS)

TRANSCRIPT_PAGE = """# Get-Disk

## EXAMPLES

### Example 1: Get all disks
```
PS C:\\>Get-Disk
```

This example gets all disks visible to the operating system.

### Example 4: Get the iSCSI sessions for all iSCSI disks
```
PS C:\\>Get-Disk | Where-Object -FilterScript {$_.BusType -Eq "iSCSI"} |
Get-IscsiSession | Format-Table
```

### Example 5: Two commands and what they print
```
PS C:\\> Get-IscsiTargetPortal -TargetPortalAddress "testIscsi"
InitiatorInstanceName      :
TargetPortalPortNumber     : 3260

PS C:\\> $x = @(1,
>> 2)
```

## PARAMETERS

### -Number
"""

FENCED_PAGE = """# Get-ClusterNode

## EXAMPLES

### Example 1

```powershell
Get-ClusterNode
```

### Example 2

```powershell
Get-ClusterNode -Cluster cluster1
```

```Output
Name  ID State
----  -- -----
node1 1  Up
```

## PARAMETERS
"""


def test_a_transcript_gives_its_commands_and_its_output() -> None:
    examples = examples_of(TRANSCRIPT_PAGE, "Storage", "Get-Disk")
    assert [(e.number, e.title) for e in examples] == [(1, "Example 1: Get all disks"),
                                                       (4, "Example 4: Get the iSCSI sessions for all iSCSI disks"),
                                                       (5, "Example 5: Two commands and what they print")]
    assert examples[0].code == "Get-Disk" and examples[0].output == ""
    # a line after a pipe goes on the command
    assert examples[1].code == 'Get-Disk | Where-Object -FilterScript {$_.BusType -Eq "iSCSI"} |\nGet-IscsiSession | Format-Table'
    # the lines a command prints are output; ">>" continues a command
    assert examples[2].code == 'Get-IscsiTargetPortal -TargetPortalAddress "testIscsi"\n$x = @(1,\n2)'
    assert shape(examples[2].output) == ("list", ["InitiatorInstanceName", "TargetPortalPortNumber"])


def test_a_powershell_fence_is_code_and_an_output_fence_output() -> None:
    examples = examples_of(FENCED_PAGE, "FailoverClusters", "Get-ClusterNode")
    assert [e.code for e in examples] == ["Get-ClusterNode", "Get-ClusterNode -Cluster cluster1"]
    assert shape(examples[1].output) == ("table", ["Name", "ID", "State"])
    assert differs(examples[1].output, "\nName          ID State\n----          -- -----\nCLUSTERNODE-1 1  Up\n") is None
    assert differs(examples[1].output, "\nName          State\n----          -----\nCLUSTERNODE-1 Up\n") == \
        "table of Name ID State on the page, Name State on the twin"


def test_the_pages_names_become_the_labs() -> None:
    assert mapped("Get-ClusterNode -Name node1 | Get-ClusterResource", "x") == "Get-ClusterNode -Name CLUSTERNODE-1 | Get-ClusterResource"
    # a replacement is not replaced again, and a bare name that gets a space is quoted
    assert mapped("Get-ClusterResource -Name cluster1FS | Get-ClusterParameter", "x") == \
        "Get-ClusterResource -Name 'Cluster Name' | Get-ClusterParameter"
    assert mapped('Get-ClusterSharedVolume -Name "Cluster Disk 4"', "x") == 'Get-ClusterSharedVolume -Name "Cluster Disk 2"'
    # a name only one example means, and names the lab has nothing for
    assert mapped("Get-Disk -Number 6", "Get-Disk #2") == "Get-Disk -Number 2"
    assert mapped("Get-Disk -Number 6", "Get-Disk #9") == "Get-Disk -Number 6"
    assert unmapped("Add-ClusterNode -Name node4") == "node4"
    assert unmapped("Get-ClusterNode") is None
