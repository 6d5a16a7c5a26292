"""FileSystem items as the 5.1 provider returns them, and cmdlets binding them from the pipeline by their
provider properties (about_Providers 5.1: PSPath, PSParentPath, PSChildName, PSDrive, PSProvider, PSIsContainer;
each cmdlet's -LiteralPath has the alias PSPath and takes pipeline input ByPropertyName, per its 5.1 page)."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.twin_script import out, ps

FOLDER = "New-Item C:\\{0} -ItemType Directory -Force | Out-Null; Set-Content C:\\{0}\\a.txt alpha; Set-Content C:\\{0}\\b.txt beta; "


def test_items_carry_the_provider_properties(st: Path) -> None:
    script = FOLDER.format("p1") + "$f = Get-Item C:\\p1\\a.txt; $d = (Get-ChildItem C:\\ | Where-Object Name -eq p1); "
    assert out(st, script + "$f.PSPath; $f.PSParentPath; $f.PSChildName; \"$($f.PSDrive)\"; \"$($f.PSProvider)\"; $f.PSIsContainer") == [
        "Microsoft.PowerShell.Core\\FileSystem::C:\\p1\\a.txt", "Microsoft.PowerShell.Core\\FileSystem::C:\\p1", "a.txt", "C",
        "Microsoft.PowerShell.Core\\FileSystem", False]
    assert out(st, script + "$d.PSParentPath; $d.PSIsContainer; $d.PSDrive.Root; $d.PSProvider.Name") == [
        "Microsoft.PowerShell.Core\\FileSystem::C:\\", True, "C:\\", "FileSystem"]
    # Get-ChildItem and Get-Item give the same properties, in the provider's order (first in Format-List *)
    names = out(st, "(Get-ChildItem C:\\p1 | Select-Object -First 1).PSObject.Properties.Name")
    assert names[:6] == ["PSPath", "PSParentPath", "PSChildName", "PSDrive", "PSProvider", "PSIsContainer"]


def test_piped_items_bind_literal_path(st: Path) -> None:
    base = FOLDER.format("p2")
    assert out(st, base + "Get-ChildItem C:\\p2 | Get-Content") == ["alpha", "beta"]
    assert out(st, base + "Get-Item C:\\p2\\a.txt | Test-Path; Get-ChildItem C:\\p2 | Test-Path -PathType Leaf") == [True, True, True]
    assert out(st, base + "Get-Item C:\\p2\\a.txt | Copy-Item -Destination C:\\p2\\c.txt; Get-Content C:\\p2\\c.txt") == ["alpha"]
    assert out(st, base + "Get-Item C:\\p2\\c.txt | Remove-Item; Test-Path C:\\p2\\c.txt") == [False]
    # Get-Item's own -LiteralPath from a piped item (the folder), and Get-ChildItem of a piped folder
    assert out(st, "(Get-Item C:\\p2 | Get-ChildItem).Name") == ["a.txt", "b.txt"]


def test_set_and_add_content_write_to_piped_items(st: Path) -> None:
    base = FOLDER.format("p3")
    # -Value from the command line, the path from each item: nothing may be silently dropped
    assert out(st, base + "Get-Item C:\\p3\\a.txt | Set-Content -Value one; Get-Content C:\\p3\\a.txt") == ["one"]
    assert out(st, base + "Get-ChildItem C:\\p3 | Add-Content -Value more; Get-Content C:\\p3\\a.txt, C:\\p3\\b.txt") == [
        "alpha", "more", "beta", "more"]
    # an object with a Path property binds -Path; the object itself is the -Value (ByValue)
    assert out(st, "[pscustomobject]@{Path = 'C:\\p3\\d.txt'} | Set-Content; Get-Content C:\\p3\\d.txt") == ["@{Path=C:\\p3\\d.txt}"]


def test_piped_values_without_a_path_are_errors(st: Path) -> None:
    r = ps(st, "'text' | Set-Content")
    assert r.errors[0].error_id.startswith("MissingMandatoryParameter")
    assert "missing mandatory parameters: Path" in r.errors[0].message
    r = ps(st, "1, 2 | Set-Content -Value x; 'after'")
    assert r.output == ["after"] and [e.error_id.split(",")[0] for e in r.errors] == ["InputObjectNotBound"] * 2


def test_get_child_item_of_a_file_is_the_file(st: Path) -> None:
    base = FOLDER.format("p4")
    assert out(st, base + "(Get-ChildItem C:\\p4\\a.txt).FullName; Get-ChildItem C:\\p4\\b.txt -Name") == ["C:\\p4\\a.txt", "b.txt"]
    assert out(st, base + "@(Get-ChildItem C:\\p4\\a.txt -Directory).Count") == [0]


def test_folders_list_before_files_whatever_the_files_are_called(st: Path) -> None:
    # Get-ChildItem 5.1, example 5: subfolders, then files, each by name (a .csv the script wrote is a file)
    assert out(st, "New-Item C:\\lo -ItemType Directory -Force | Out-Null; Set-Content C:\\lo\\d.csv x; "
                   "New-Item C:\\lo\\zdir -ItemType Directory -Force | Out-Null; Set-Content C:\\lo\\a.txt y; "
                   "(Get-ChildItem C:\\lo).Name") == ["zdir", "a.txt", "d.csv"]


def test_wildcards_at_the_root_of_a_drive(st: Path) -> None:
    assert out(st, "(Get-Item C:\\Win*).Name; (Get-Item C:\\Program*).Name") == ["Windows", "Program Files", "ProgramData"]


# Each twin cmdlet whose -LiteralPath has the alias PSPath and takes pipeline input ByPropertyName (per its 5.1 page,
# labkit/twin/signatures.json), with what it does to a piped C:\pp\a.txt (content 'alpha') or to the C:\pp folder.
PIPED = {
    "Get-Content": ("Get-Item C:\\pp\\a.txt | Get-Content", ["alpha"]),
    "Get-Item": ("(Get-Item C:\\pp\\a.txt | Get-Item).FullName", ["C:\\pp\\a.txt"]),
    "Get-ChildItem": ("(Get-Item C:\\pp | Get-ChildItem -Name)", ["a.txt", "b.txt"]),
    "Test-Path": ("Get-Item C:\\pp\\a.txt | Test-Path", [True]),
    "Copy-Item": ("Get-Item C:\\pp\\a.txt | Copy-Item -Destination C:\\pp\\c.txt -PassThru | ForEach-Object Name", ["c.txt"]),
    "Remove-Item": ("Get-Item C:\\pp\\b.txt | Remove-Item; Test-Path C:\\pp\\b.txt", [False]),
    "Rename-Item": ("Get-Item C:\\pp\\b.txt | Rename-Item -NewName d.txt -PassThru | ForEach-Object Name", ["d.txt"]),
    "Move-Item": ("New-Item C:\\pp2 -ItemType Directory -Force | Out-Null; Get-Item C:\\pp\\b.txt | Move-Item -Destination C:\\pp2; "
                  "Test-Path C:\\pp2\\b.txt, C:\\pp\\b.txt", [True, False]),
    "Set-Content": ("Get-Item C:\\pp\\a.txt | Set-Content -Value beta; Get-Content C:\\pp\\a.txt", ["beta"]),
    "Add-Content": ("Get-Item C:\\pp\\a.txt | Add-Content -Value gamma; Get-Content C:\\pp\\a.txt", ["alpha", "gamma"]),
    "Select-String": ("(Get-Item C:\\pp\\a.txt | Select-String lph).Line", ["alpha"]),
    "Import-Csv": ("Set-Content C:\\pp\\t.csv 'n','7'; (Get-Item C:\\pp\\t.csv | Import-Csv).n", ["7"]),
    "Resolve-Path": ("(Get-Item C:\\pp\\a.txt | Resolve-Path).Path", ["C:\\pp\\a.txt"]),
    "Convert-Path": ("Get-Item C:\\pp\\a.txt | Convert-Path", ["C:\\pp\\a.txt"]),
    "Split-Path": ("Get-Item C:\\pp\\a.txt | Split-Path -Leaf", ["a.txt"]),
    "Set-Location": ("Get-Item C:\\pp | Set-Location; $PWD.Path", ["C:\\pp"]),
    "Push-Location": ("Get-Item C:\\pp | Push-Location; $PWD.Path; Pop-Location; $PWD.Path", ["C:\\pp", "C:\\Users\\Administrator"]),
    "Set-Item": ("Set-Alias pa Get-Date; Get-Item Alias:pa | Set-Item -Value Get-Host; (Get-Alias pa).Definition", ["Get-Host"]),
    "Join-Path": ("Get-Item C:\\pp | Join-Path -ChildPath x", ["Microsoft.PowerShell.Core\\FileSystem::C:\\pp\\x"]),
    "Update-TypeData": ("Set-Content C:\\pp\\t.types.ps1xml '<Types><Type><Name>Lab.P</Name><Members><NoteProperty><Name>N</Name>"
                        "<Value>v</Value></NoteProperty></Members></Type></Types>'; Get-Item C:\\pp\\t.types.ps1xml | Update-TypeData; "
                        "([pscustomobject]@{ PSTypeName = 'Lab.P' }).N", ["v"]),
}
# Out-File's -LiteralPath takes a piped item's PSPath too, but 5.1 would then write the item into its own file;
# the twin asks for -FilePath instead (a loud error); Export-Alias / Import-Alias read their path from the command line;
# Get-WinEvent -Path (.evtx files) is refused as not emulated.
NOT_PIPED = {"Out-File", "Export-Alias", "Import-Alias", "Get-WinEvent"}


def test_every_cmdlet_with_a_pspath_alias_binds_piped_items(st: Path) -> None:
    import labkit.twin.modules  # noqa: F401  (registers the emulated cmdlets)
    from labkit.twin.registry import REGISTRY
    from labkit.twin.signatures import signatures

    taking = set()
    for spec in REGISTRY.values():
        sig = signatures().get(spec.name)
        for p in (sig.params.values() if sig is not None else []):
            if "PSPath" in p.aliases and any(i.by_property for i in p.sets.values()):
                taking.add(spec.name)
    assert taking - NOT_PIPED == set(PIPED), "a cmdlet that binds PSPath from the pipeline needs its case here"
    for name, (script, expected) in PIPED.items():
        setup = "Remove-Item C:\\pp, C:\\pp2 -Recurse -ErrorAction SilentlyContinue; " + FOLDER.format("pp")
        assert out(st, setup + script) == expected, name


def test_env_items_carry_the_provider_properties(st: Path) -> None:
    # the Environment provider's items (DictionaryEntry) have PSPath too: piped, they bind -LiteralPath
    assert out(st, "(Get-Item env:OS).PSPath; \"$((Get-Item env:OS).PSProvider)\"; Get-ChildItem env:COMPUTERNAME | Get-Content") == [
        "Microsoft.PowerShell.Core\\Environment::OS", "Microsoft.PowerShell.Core\\Environment", "CLUSTERNODE-1"]


def test_new_item_force_creates_the_folders_above_a_file(st: Path) -> None:
    # FileSystemProvider.NewItem: with -Force, CreateIntermediateDirectories before the file
    # (https://learn.microsoft.com/powershell/module/microsoft.powershell.management/new-item?view=powershell-5.1)
    assert out(st, "$null = New-Item C:\\deep\\er\\a.txt -ItemType File -Value 'hello' -Force; "
                   "Test-Path C:\\deep\\er -PathType Container; Get-Content C:\\deep\\er\\a.txt") == [True, "hello"]
    r = ps(st, "New-Item C:\\nowhere\\b.txt -ItemType File")
    assert "Could not find a part of the path 'C:\\nowhere\\b.txt'." in r.error_text


def test_file_items_have_the_members_of_5_1_type_data(st: Path) -> None:
    # types.ps1xml (5.1): BaseName, VersionInfo, Target, LinkType; FileVersionInfo.ToString() of a data file
    assert out(st, "New-Item C:\\data\\disk.b.vhdx -Value x -Force | Out-Null; $f = Get-Item C:\\data\\disk.b.vhdx; "
                   "$f.BaseName; $f.Target.Count; $null -eq $f.LinkType; $f.IsReadOnly; $f.VersionInfo.FileName; "
                   "(Get-Item C:\\data).BaseName") == ["disk.b", 0, True, False, "C:\\data\\disk.b.vhdx", "data"]
    text = out(st, "\"$((Get-Item C:\\data\\disk.b.vhdx).VersionInfo)\"")[0]
    assert text.startswith("File:             C:\\data\\disk.b.vhdx\r\nInternalName:     \r\n")
    assert text.endswith("SpecialBuild:     False\r\nLanguage:         \r\n")


def test_format_list_star_of_a_file_follows_5_1_member_order(st: Path) -> None:
    r = ps(st, "New-Item C:\\o.txt -Value x | Out-Null; Get-Item C:\\o.txt | Format-List *")
    labels = [line.split(":")[0].strip() for line in r.text.splitlines() if line and not line.startswith(" ")]
    assert labels[:11] == ["PSPath", "PSParentPath", "PSChildName", "PSDrive", "PSProvider", "PSIsContainer", "Mode",
                           "VersionInfo", "BaseName", "Target", "LinkType"]


def test_times_the_twin_does_not_keep_are_refused(st: Path) -> None:
    # no last access time (labkit.twin.file_times): refused, not a silent $null
    r = ps(st, "New-Item C:\\t.txt -Value x | Out-Null; (Get-Item C:\\t.txt).LastAccessTime")
    assert "not emulated" in r.error_text


def test_items_keep_their_creation_and_write_times(st: Path) -> None:
    # created and written on the lab clock; a copy keeps the write time and is created now (CopyFile); a move keeps both
    r = ps(st, "New-Item C:\\tt\\a.txt -Value x -Force | Out-Null; Start-Sleep 60; Set-Content C:\\tt\\a.txt y; "
               "$a = Get-Item C:\\tt\\a.txt; ($a.LastWriteTime - $a.CreationTime).TotalSeconds -ge 60; "
               "Start-Sleep 30; Copy-Item C:\\tt\\a.txt C:\\tt\\b.txt; $b = Get-Item C:\\tt\\b.txt; "
               "$b.LastWriteTime -eq $a.LastWriteTime; ($b.CreationTime - $a.LastWriteTime).TotalSeconds -ge 30; "
               "Start-Sleep 5; Move-Item C:\\tt\\b.txt C:\\tt\\c.txt; (Get-Item C:\\tt\\c.txt).CreationTime -eq $b.CreationTime; "
               "(Get-ChildItem C:\\tt | Where-Object Name -eq 'a.txt').LastWriteTime -eq $a.LastWriteTime; "
               "$a.LastWriteTimeUtc -eq $a.LastWriteTime")
    assert not r.errors, r.error_text
    assert r.output == [True] * 6


def test_get_child_item_and_get_item_make_the_same_file_objects(st: Path) -> None:
    # one FileInfo for both (labkit.twin.file_members.filesystem_item): Get-ChildItem's items have BaseName too
    assert out(st, "New-Item C:\\same\\x.log -Value abc -Force | Out-Null; "
                   "$a = Get-ChildItem C:\\same; $b = Get-Item C:\\same\\x.log; "
                   "$a.BaseName; ($a.psobject.Properties.Name -join ',') -eq ($b.psobject.Properties.Name -join ',')") \
        == ["x", True]


def test_get_content_read_count_sends_blocks_of_lines(st: Path) -> None:
    # Get-Content -ReadCount (5.1 page): N lines at a time, 0 or negative all at once, each block one object
    assert out(st, "Set-Content C:\\rc.txt -Value a,b,c,d,e; (Get-Content C:\\rc.txt -ReadCount 2).Count; "
                   "Get-Content C:\\rc.txt -ReadCount 2 | ForEach-Object { $_.Count }; "
                   "Get-Content C:\\rc.txt -ReadCount 0 | ForEach-Object { $_.Count }; "
                   "(Get-Content C:\\rc.txt -ReadCount -1 -TotalCount 3) -join ''") == [3, 2, 2, 1, 5, "abc"]


def test_test_path_older_and_newer_than_compare_the_write_time(st: Path) -> None:
    # FileSystemProvider.ItemExists: -OlderThan, then -NewerThan (it wins when both are given); 5.1 ignores them for
    # folders (Test-Path page, 5.1); a text file is a leaf whatever its extension
    assert out(st, "Set-Content C:\\n.csv a; Start-Sleep 100; Test-Path C:\\n.csv -PathType Leaf; "
                   "Test-Path C:\\n.csv -OlderThan (Get-Date); Test-Path C:\\n.csv -NewerThan (Get-Date).AddSeconds(-50); "
                   "Test-Path C:\\n.csv -NewerThan (Get-Date).AddSeconds(-500); "
                   "Test-Path C:\\n.csv -OlderThan (Get-Date) -NewerThan (Get-Date); "
                   "Test-Path C:\\Windows -NewerThan (Get-Date)") == [True, True, False, True, False, True]


def test_format_list_of_files_names_its_properties_or_is_refused(st: Path) -> None:
    # 5.1's list view of files shows LastAccessTime, which the twin does not keep: refused, never another layout
    r = ps(st, "Get-Item C:\\Windows | Format-List")
    assert "not emulated" in r.error_text and "Format-List Name, Length, LastWriteTime" in r.error_text
    r = ps(st, "Get-Item C:\\Windows | Format-List Name, CreationTime")
    assert not r.errors and "Name         : Windows" in r.text


def test_content_cmdlets_report_a_wildcard_that_matches_nothing(st: Path) -> None:
    # ContentCommandBase.ResolvePaths: NavigationResources ItemNotFound, formatted with -Path (a string array); the
    # item cmdlets write nothing for it
    r = ps(st, "try { Get-Content C:\\Windows\\*.nothing -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }; "
               "Get-Item C:\\Windows\\*.nothing")
    assert r.output == ["ItemNotFound,Microsoft.PowerShell.Commands.GetContentCommand",
                        "An object at the specified path System.String[] does not exist, or has been filtered by the -Include "
                        "or -Exclude parameter."]


@pytest.mark.parametrize("command, error_id, message", [
    ("Get-Content C:\\gc.txt -Tail 1 -TotalCount 1", "TailAndHeadCannotCoexist",
     "The parameters TotalCount and Tail cannot be used together. Please specify only one parameter."),
    ("Get-Content Env:PATH -Tail 1", "TailNotSupported", "The Tail parameter currently is supported only for the FileSystem provider."),
    ("Get-Content C:\\gc.txt -Tail 1 -Raw", "InvalidOperation", "The 'Raw' and 'Tail' parameters cannot be specified in the same command."),
])
def test_get_content_refuses_parameters_that_do_not_go_together(st: Path, command: str, error_id: str, message: str) -> None:
    # GetContentCommand.ProcessRecord and FileSystemProvider.ValidateParameters (5.1's source, 237ccbd)
    r = ps(st, f"Set-Content C:\\gc.txt a,b,c; try {{ {command} -ErrorAction Stop }} catch {{ $_.FullyQualifiedErrorId; $_.Exception.Message }}")
    assert r.output == [f"{error_id},Microsoft.PowerShell.Commands.GetContentCommand", message]


def test_a_wildcard_lists_each_file_once_in_its_own_case(st: Path) -> None:
    # a file written with Set-Content was listed twice by Get-Item with a wildcard, once in lower case
    assert out(st, "New-Item C:\\pw\\testFile2.txt -ItemType File -Force > $null; Set-Content C:\\pw\\Other2.txt x; "
                   "Set-Location C:\\pw; (Get-Item -Path '*2.txt').Name; Copy-Item C:\\pw C:\\pw2 -Recurse; "
                   "(Get-ChildItem C:\\pw2).Name") == ["Other2.txt", "testFile2.txt", "Other2.txt", "testFile2.txt"]
