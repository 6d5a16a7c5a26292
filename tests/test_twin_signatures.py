"""The twin binds as Windows PowerShell 5.1 does: 5.1's signatures, parameter sets and accepted values.

Written from the 5.1 reference pages (reference/5.1 in MicrosoftDocs/PowerShell-Docs) and the
Windows Server 2022 module pages (docset/winserver2022-ps in MicrosoftDocs/windows-powershell-docs);
the error texts are 5.1's resource strings (Metadata.resx ValidateSetFailure,
EnumExpressionEvaluatorStrings.resx NoEnumNameMatch / MultipleEnumNameMatch).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from labkit.twin import signatures_from_docs as gen
from labkit.twin.session import ScriptResult
from labkit.twin.signatures import SIGNATURE_DIR, signatures
from support.twin_script import ps

DOC = json.loads((SIGNATURE_DIR / "signatures.json").read_text(encoding="utf-8"))


def only_error(r: ScriptResult):
    assert r.errors and not r.output, (r.output, r.error_text)
    return r.errors[0]


# -- 7-only parameters: 5.1 has no such parameter ----------------------------------------------------------------

SEVEN_ONLY = [
    ("1..5 | Select-Object -SkipIndex 1", "SkipIndex"),
    ("1..5 | Select-Object -CaseInsensitive -Unique", "CaseInsensitive"),
    ("1..3 | ForEach-Object -Parallel { $_ }", "Parallel"),
    ("1..3 | ForEach-Object -ThrottleLimit 2 { $_ }", "ThrottleLimit"),
    ("1..3 | ForEach-Object -AsJob { $_ }", "AsJob"),
    ("3, 1, 2 | Sort-Object -Top 1", "Top"),
    ("3, 1, 2 | Sort-Object -Bottom 1", "Bottom"),
    ("3, 1, 2 | Sort-Object -Stable", "Stable"),
    ("Get-Date -ProgressAction SilentlyContinue", "ProgressAction"),
    ("1 | ConvertTo-Json -AsArray", "AsArray"),
    ("'[1]' | ConvertFrom-Json -AsHashtable", "AsHashtable"),
    ("Get-Date -AsUTC", "AsUTC"),
    ("Join-Path a b c", None),        # -AdditionalChildPath (position 2) is 7's: the third argument has no place
]


@pytest.mark.parametrize("script,param", SEVEN_ONLY)
def test_seven_only_parameters_are_refused_as_51_refuses_them(st, script: str, param: str | None) -> None:
    e = only_error(ps(st, script))
    if param is None:
        assert e.message == "A positional parameter cannot be found that accepts argument 'c'."
        assert e.error_id.startswith("PositionalParameterNotFound")
    else:
        assert e.message == f"A parameter cannot be found that matches parameter name '{param}'."
        assert e.error_id.startswith("NamedParameterNotFound") and e.category == "InvalidArgument"


def test_where_object_not_is_a_prefix_in_51(st) -> None:
    # 5.1's Where-Object has no -Not; "-Not" is then a prefix of -NotLike, -NotMatch, -NotContains, -NotIn.
    e = only_error(ps(st, "1..3 | Where-Object -Not"))
    assert e.message.startswith("Parameter cannot be processed because the parameter name 'Not' is ambiguous. Possible matches include:")
    for p in ("-NotLike", "-NotMatch", "-NotContains", "-NotIn"):
        assert p in e.message
    assert "Not" not in signatures().get("Where-Object").params


def test_common_parameters_are_51s() -> None:
    common = DOC["common_parameters"]
    assert "ProgressAction" not in common
    assert set(common) == {"Debug", "ErrorAction", "ErrorVariable", "InformationAction", "InformationVariable", "OutBuffer",
                           "OutVariable", "PipelineVariable", "Verbose", "WarningAction", "WarningVariable"}
    assert all(c["source"].endswith("view=powershell-5.1") for c in common.values())


# -- 5.1's parameter sets ----------------------------------------------------------------------------------------

AMBIGUOUS_SET = ("Parameter set cannot be resolved using the specified named parameters. One or more parameters issued "
                 "cannot be used together or an insufficient number of parameters were provided.")


def test_select_object_skip_with_skiplast_is_two_sets_in_51(st) -> None:
    # 5.1: -Skip is in DefaultParameter only, -SkipLast in SkipLastParameter only (7.4 put -Skip in both).
    e = only_error(ps(st, "1..5 | Select-Object -Skip 1 -SkipLast 1"))
    assert e.message == AMBIGUOUS_SET and e.error_id.startswith("AmbiguousParameterSet")
    assert ps(st, "1..5 | Select-Object -SkipLast 2").output == [1, 2, 3]
    assert ps(st, "1..5 | Select-Object -Skip 1 -First 2").output == [2, 3]


def test_select_object_first_with_index_is_ambiguous(st) -> None:
    assert only_error(ps(st, "1..5 | Select-Object -First 1 -Index 2")).message == AMBIGUOUS_SET


def test_start_sleep_is_51s(st) -> None:
    # 5.1: -Seconds is an Int32 and -Milliseconds has no -ms alias (both came with PowerShell 6/7).
    assert signatures().get("Start-Sleep").params["Seconds"].type == "Int32"
    assert only_error(ps(st, "Start-Sleep -ms 10")).message == "A parameter cannot be found that matches parameter name 'ms'."
    assert only_error(ps(st, "Start-Sleep -Duration 00:00:01")).message == "A parameter cannot be found that matches parameter name 'Duration'."


def test_test_connection_is_51s(st) -> None:
    # 5.1's Test-Connection: -ComputerName (alias CN), no -TargetName.
    sig = signatures().get("Test-Connection")
    assert "TargetName" not in sig.params and "CN" in sig.params["ComputerName"].aliases
    assert only_error(ps(st, "Test-Connection -TargetName x")).message == "A parameter cannot be found that matches parameter name 'TargetName'."


# -- accepted values: ValidateSet and enums ------------------------------------------------------------------------

def test_validateset_refusal_text(st) -> None:
    e = only_error(ps(st, "Format-Volume -DriveLetter E -FileSystem FAT64"))
    assert e.message == ("Cannot validate argument on parameter 'FileSystem'. The argument \"FAT64\" does not belong to the set "
                         "\"FAT,FAT32,exFAT,NTFS,ReFS\" specified by the ValidateSet attribute. Supply an argument that is in the "
                         "set and then try the command again.")
    assert e.error_id.startswith("ParameterArgumentValidationError") and e.category == "InvalidData"


def test_validateset_is_case_insensitive_and_binds_before_the_cmdlet_runs(st) -> None:
    # "fat32" passes the set; what fails is the drive (no E: in a fresh lab): the cmdlet itself ran.
    r = ps(st, "Format-Volume -DriveLetter E -FileSystem fat32")
    assert r.errors and "ValidateSet" not in r.errors[0].message


def test_enum_refusal_text(st) -> None:
    e = only_error(ps(st, "Write-Host x -ForegroundColor Purple"))
    assert e.message == ("Cannot bind parameter 'ForegroundColor'. Cannot convert value \"Purple\" to type \"System.ConsoleColor\". "
                         "Error: \"Unable to match the identifier name Purple to a valid enumerator name. Specify one of the "
                         "following enumerator names and try again:\nBlack, DarkBlue, DarkGreen, DarkCyan, DarkRed, DarkMagenta, "
                         "DarkYellow, Gray, DarkGray, Blue, Green, Cyan, Red, Magenta, Yellow, White\"")
    assert e.error_id.startswith("CannotConvertArgumentNoMessage")


def test_enum_prefix_is_accepted_when_unique_and_refused_when_not(st) -> None:
    # 5.1 converts a string to an enum by name, case-insensitively, else by a unique prefix (EnumMinimumDisambiguation).
    assert ps(st, "Write-Host x -ForegroundColor RED; Write-Host y -ForegroundColor mag").host_output == ["x", "y"]
    e = only_error(ps(st, "Write-Host x -ForegroundColor dark"))
    assert e.message.endswith("Error: \"The identifier name dark cannot be processed because it is either too similar or identical "
                              "to the following enumerator names: DarkBlue, DarkGreen, DarkCyan, DarkRed, DarkMagenta, DarkYellow, "
                              "DarkGray. Use a more specific identifier name.\"")


def test_module_enum_names_its_type(st) -> None:
    e = only_error(ps(st, "Move-ClusterVirtualMachineRole -Name HA-VM01 -MigrationType Hot"))
    assert e.message == ("Cannot bind parameter 'MigrationType'. Cannot convert value \"Hot\" to type "
                         "\"Microsoft.FailoverClusters.PowerShell.VmMigrationType\". Error: \"Unable to match the identifier name "
                         "Hot to a valid enumerator name. Specify one of the following enumerator names and try again:\n"
                         "TurnOff, Quick, Shutdown, ShutdownForce, Live\"")


def test_error_action_takes_51s_action_preferences(st) -> None:
    # 5.1's ActionPreference has no Break (7.0 added it).
    e = only_error(ps(st, "Get-Date -ErrorAction Break"))
    assert "Cannot convert value \"Break\" to type \"System.Management.Automation.ActionPreference\"" in e.message
    assert e.message.endswith("try again:\nSilentlyContinue, Stop, Continue, Inquire, Ignore, Suspend\"")
    r = ps(st, "Get-ChildItem C:\\nothing-here -ErrorAction silentlyc; 'after'")
    assert r.output == ["after"] and not r.errors


def test_every_accepted_list_is_recorded_with_its_kind() -> None:
    seen = 0
    for name, c in DOC["cmdlets"].items():
        for pname, p in c["parameters"].items():
            if "accepted" in p:
                seen += 1
                assert p["accepted"], (name, pname)
                if "enum_type" in p:
                    assert "." in p["enum_type"], (name, pname, p["enum_type"])   # the full .NET name the error shows
    assert seen >= 30
    assert DOC["cmdlets"]["Format-Volume"]["parameters"]["FileSystem"]["accepted"] == ["FAT", "FAT32", "exFAT", "NTFS", "ReFS"]
    assert "enum_type" not in DOC["cmdlets"]["Format-Volume"]["parameters"]["FileSystem"]   # a ValidateSet on a String


# -- the entries are the pages' ---------------------------------------------------------------------------------

def test_each_entry_cites_its_51_or_2022_page() -> None:
    for name, c in DOC["cmdlets"].items():
        view = "powershell-5.1" if c["module"].startswith(("Microsoft.PowerShell.", "CimCmdlets")) else "windowsserver2022-ps"
        assert c["source"] == f"https://learn.microsoft.com/en-us/powershell/module/{c['module'].lower()}/{name.lower()}?view={view}"


def test_module_entries_follow_the_2022_pages() -> None:
    quorum = signatures().get("Set-ClusterQuorum").params
    assert not {"ContainerName", "Credential", "SASToken"} & set(quorum)
    assert {"DiskWitness", "NoWitness", "DiskOnly", "FileShareWitness", "CloudWitness", "AccountName", "AccessKey", "Endpoint"} <= set(quorum)
    assert "Experimental" in signatures().get("New-VM").params


def _mirror(gitdir: str) -> bool:
    return Path(gitdir).is_dir() and subprocess.run(["git", f"--git-dir={gitdir}", "rev-parse", "HEAD"], capture_output=True).returncode == 0


@pytest.mark.skipif(not (_mirror(gen.PS_DOCS) and _mirror(gen.WIN_DOCS)), reason="the MicrosoftDocs mirrors are not on this machine")
def test_every_entry_lists_exactly_the_parameters_of_its_page() -> None:
    for name, c in DOC["cmdlets"].items():
        kind, path = gen.page_path(c["module"], name)
        text = gen.git_show(gen.PS_DOCS if kind == "ps" else gen.WIN_DOCS, path)
        assert text is not None, f"no page for {name} at {path}"
        page = gen.parse_page(text)
        assert set(c["parameters"]) == set(page["parameters"]), name
        for pname, p in page["parameters"].items():
            assert c["parameters"][pname]["sets"] == p["sets"], (name, pname)
            assert c["parameters"][pname].get("accepted") == p.get("accepted"), (name, pname)


def test_convertfrom_json_writes_an_array_as_one_object_as_51_does(st) -> None:
    # 5.1 has no -NoEnumerate: it always wrote the array whole; PowerShell 7.0 began to unroll it (PowerShell#10861).
    assert ps(st, "('[1,2]' | ConvertFrom-Json | Measure-Object).Count").output == [1]
    assert ps(st, "'[1,2]' | ConvertFrom-Json | ForEach-Object { $_.Count }").output == [2]
    assert ps(st, "$a = '[1,2,3]' | ConvertFrom-Json; $a.Count; $a[1]").output == [3, 2]
    e = only_error(ps(st, "'[1]' | ConvertFrom-Json -NoEnumerate"))
    assert e.message == "A parameter cannot be found that matches parameter name 'NoEnumerate'."


def test_action_preference_by_number_and_flags_expressions(st) -> None:
    # -ea 0 is SilentlyContinue (the enum's value); a FlagsExpression is not checked member by member.
    assert ps(st, "Get-ChildItem C:\\nothing -ea 0; 'after'").output == ["after"]
    assert "Cannot find path" in only_error(ps(st, "Get-ChildItem C:\\nothing -ErrorAction 1; 'after'")).message
    e = only_error(ps(st, "Get-ChildItem C:\\ -Attributes '!Directory+Hidden'"))
    assert e.category == "NotImplemented" and "-Attributes" in e.message
