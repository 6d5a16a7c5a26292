"""Core cmdlets and parameter binding against the real signatures (signatures.json)."""

from __future__ import annotations

import json

import pytest

from labkit.twin import binding as B
from labkit.twin.objects import PSObject
from labkit.twin.registry import lookup
from labkit.twin.signatures import signatures
from support.twin_script import ps, out


def props(o: PSObject) -> dict:
    return dict(o.items())


VMS = ("$vms = @([pscustomobject]@{Name='VM1'; State='Running'; MemoryGB=4}, "
       "[pscustomobject]@{Name='VM2'; State='Off'; MemoryGB=2}, [pscustomobject]@{Name='VM3'; State='Running'; MemoryGB=8})\n")


# -- Where-Object ------------------------------------------------------------------------------

def test_where_object_script_block(st):
    # learn.microsoft.com Where-Object: Get-Service | Where-Object { $_.Status -eq "Stopped" }
    assert out(st, VMS + "($vms | Where-Object { $_.State -eq 'Running' }).Name") == ["VM1", "VM3"]


def test_where_object_comparison_statement(st):
    # learn.microsoft.com Where-Object: Get-Service | Where-Object Status -EQ "Stopped"
    assert out(st, VMS + "($vms | Where-Object State -eq 'running').Name") == ["VM1", "VM3"]
    assert out(st, VMS + "($vms | Where-Object MemoryGB -gt 3).Name") == ["VM1", "VM3"]
    assert out(st, VMS + "($vms | ? Name -like '*2').Name") == ["VM2"]


def test_foreach_object_forms(st):
    assert out(st, "1..3 | ForEach-Object { $_ * 10 }") == [10, 20, 30]
    assert out(st, VMS + "$vms | ForEach-Object -MemberName Name") == ["VM1", "VM2", "VM3"]
    assert out(st, VMS + "$vms | % Name") == ["VM1", "VM2", "VM3"]
    assert out(st, "1..3 | ForEach-Object -Begin { $s = 0 } -Process { $s += $_ } -End { $s }") == [6]


# -- Select-Object ---------------------------------------------------------------------------------

def test_select_object_properties_and_calculated(st):
    # about_Calculated_Properties: a hashtable with Name (or Label) and Expression keys.
    r = out(st, VMS + "$vms | Select-Object Name, @{Name='MB'; Expression={ $_.MemoryGB * 1024 }}, @{l='S'; e='State'} -First 1")
    assert props(r[0]) == {"Name": "VM1", "MB": 4096, "S": "Running"}


def test_select_object_expand_first_last_skip_unique(st):
    assert out(st, VMS + "$vms | Select-Object -ExpandProperty Name") == ["VM1", "VM2", "VM3"]
    assert out(st, "1..10 | Select-Object -First 2") == [1, 2]
    assert out(st, "1..10 | Select-Object -Last 2") == [9, 10]
    assert out(st, "1..10 | Select-Object -Skip 8") == [9, 10]
    assert out(st, "1,1,2,2,3 | Select-Object -Unique") == [1, 2, 3]


def test_sort_object(st):
    assert out(st, VMS + "($vms | Sort-Object MemoryGB).Name") == ["VM2", "VM1", "VM3"]
    assert out(st, VMS + "($vms | Sort-Object -Property MemoryGB -Descending).Name") == ["VM3", "VM1", "VM2"]
    assert out(st, "'b','A','c','a' | Sort-Object -Unique") == ["A", "b", "c"]
    assert out(st, "10, 9, 100 | Sort-Object") == [9, 10, 100]


def test_measure_object(st):
    m = out(st, VMS + "$vms | Measure-Object -Property MemoryGB -Sum -Average -Maximum -Minimum")[0]
    assert (m.get("Count"), m.get("Sum"), m.get("Average"), m.get("Maximum"), m.get("Minimum")) == (3, 14, 14 / 3, 8, 2)
    assert out(st, "(1..5 | Measure-Object).Count") == [5]


def test_group_object(st):
    groups = out(st, VMS + "$vms | Group-Object State")
    assert [(g.get("Name"), g.get("Count")) for g in groups] == [("Running", 2), ("Off", 1)]
    assert [v.get("Name") for v in groups[0].get("Group")] == ["VM1", "VM3"]


# -- JSON ---------------------------------------------------------------------------------------------------

def test_convertto_json_default_depth_is_2(st):
    # ConvertTo-Json -Depth: "The default value is 2"; deeper objects become their string.
    text = out(st, "@{a = @{b = @{c = @{d = 1}}}} | ConvertTo-Json")[0]
    assert json.loads(text) == {"a": {"b": {"c": "System.Collections.Hashtable"}}}
    text = out(st, "@{a = @{b = @{c = @{d = 1}}}} | ConvertTo-Json -Depth 5 -Compress")[0]
    assert text == '{"a":{"b":{"c":{"d":1}}}}'


def test_convertto_json_compress_example(st):
    # learn.microsoft.com ConvertTo-Json example 2:
    # @{Account="User01";Domain="Domain01";Admin="True"} | ConvertTo-Json -Compress
    text = out(st, '@{Account="User01";Domain="Domain01";Admin="True"} | ConvertTo-Json -Compress')[0]
    assert json.loads(text) == {"Account": "User01", "Domain": "Domain01", "Admin": "True"}


def test_convertto_json_arrays_enums_asarray(st):
    assert json.loads(out(st, "1, 2 | ConvertTo-Json")[0]) == [1, 2]
    assert json.loads(out(st, "1 | ConvertTo-Json")[0]) == 1
    # -AsArray is PowerShell 7's; 5.1 has no such parameter
    # (https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/convertto-json?view=powershell-5.1)
    assert "matches parameter name 'AsArray'" in ps(st, "1 | ConvertTo-Json -AsArray").error_text
    assert json.loads(out(st, "ConvertTo-Json -InputObject @(1, 2) -Compress")[0]) == [1, 2]
    r = ps(st, "[pscustomobject]@{ Day = (Get-Date).DayOfWeek } | ConvertTo-Json -Compress")
    assert isinstance(json.loads(r.output[0])["Day"], int)   # an enum: its number


def test_convertfrom_json(st):
    r = out(st, "$o = '{\"Name\":\"VM1\",\"Nodes\":[\"a\",\"b\"],\"Size\":{\"GB\":40}}' | ConvertFrom-Json; $o.Name; $o.Nodes.Count; $o.Size.GB")
    assert r == ["VM1", 2, 40]


# -- output cmdlets ---------------------------------------------------------------------------------------------

def test_write_cmdlets_streams(st):
    r = ps(st, "Write-Output 'o'; Write-Host 'h'; Write-Warning 'w'; Write-Verbose 'v'; Write-Verbose 'vv' -Verbose; "
               "Write-Progress -Activity 'copy' -Status 'half' -PercentComplete 50")
    assert r.output == ["o"] and r.host_output == ["h"] and r.warnings == ["w"] and r.verbose == ["vv"]
    assert (r.progress[0].activity, r.progress[0].percent) == ("copy", 50)


def test_out_string_format_table_format_list(st):
    text = out(st, VMS + "$vms | Format-Table Name, State | Out-String")[0]
    assert "Name State" in text and "VM2  Off" in text
    text = out(st, VMS + "$vms | Select-Object -First 1 | Format-List")[0]
    assert "Name     : VM1" in text


def test_start_sleep_advances_lab_clock_not_wall_clock(st):
    r = ps(st, "$a = Get-Date; Start-Sleep -Seconds 3600; Start-Sleep -Milliseconds 500; ((Get-Date) - $a).TotalSeconds")
    assert r.output == [3600.5] and r.clock_end - r.clock_start == 3600.5 and r.seconds < 5


def test_get_date_format(st):
    r = out(st, "Get-Date -Format 'yyyy-MM-dd'; (Get-Date).ToString('HH:mm')")
    assert len(r[0]) == 10 and r[0][4] == "-" and len(r[1]) == 5


# -- binding ------------------------------------------------------------------------------------------------------

def test_unknown_parameter_message(st):
    r = ps(st, "Get-Date -Bogus 1")
    assert r.errors[0].message == "A parameter cannot be found that matches parameter name 'Bogus'."
    assert r.errors[0].category == "InvalidArgument" and r.errors[0].error_id.startswith("NamedParameterNotFound")


def test_unknown_cmdlet_message(st):
    # Windows PowerShell 5.1's CommandNotFoundException text (7.x words it differently).
    r = ps(st, "Get-Frobnicator")
    assert r.errors[0].message == (
        "The term 'Get-Frobnicator' is not recognized as the name of a cmdlet, function, script file, or operable program. "
        "Check the spelling of the name, or if a path was included, verify that the path is correct and try again.")


def test_ambiguous_prefix_is_refused(st):
    r = ps(st, "1..3 | Select-Object -Skip 1 -Sk 1")
    msg = r.errors[0].message
    assert msg.startswith("Parameter cannot be processed because the parameter name 'Sk' is ambiguous. Possible matches include:")
    assert "-Skip" in msg and "-SkipLast" in msg


def test_unique_prefix_case_insensitive_and_alias(st):
    assert out(st, "1..5 | select-object -fir 2") == [1, 2]
    assert out(st, "Start-Sleep -m 1500; 'ok'") == ["ok"]            # prefix of -Milliseconds (the -ms alias is 7's)
    assert out(st, "1..3 | Select-Object -Last:2") == [2, 3]


def test_switch_with_colon_false(st):
    assert out(st, "(3,1,2 | Sort-Object -Descending:$false) -join ''") == ["123"]


def test_not_emulated_parameter(st):
    r = ps(st, "1..3 | Format-Table -View Custom")
    assert r.errors[0].category == "NotImplemented" and "-View" in r.errors[0].message and "not emulated" in r.errors[0].message


def test_real_but_not_emulated_cmdlet(st):
    missing = [c.name for c in signatures().cmdlets.values() if lookup(c.name) is None]
    if not missing:
        pytest.skip("every cmdlet in signatures.json is emulated")
    r = ps(st, missing[0])
    assert r.errors[0].message.startswith(f"'{missing[0]}' is not emulated by the twin") and r.errors[0].error_id == "CommandNotEmulated"


def test_missing_mandatory_parameter(st):
    r = ps(st, "Write-Progress -Status 'x'")
    assert r.errors[0].message == "Cannot process command because of one or more missing mandatory parameters: Activity."


def test_type_coercion_failure_names_parameter(st):
    r = ps(st, "Start-Sleep -Seconds 'soon'")
    # 5.1's -Seconds is an Int32 (7 made it a Double)
    assert r.errors[0].message.startswith("Cannot bind parameter 'Seconds'. Cannot convert value \"soon\" to type \"System.Int32\".")


def test_pipeline_by_value_and_by_property_name(st):
    r = ps(st, "5 | Start-Sleep; [pscustomobject]@{ Seconds = 7 } | Start-Sleep")
    assert r.ok and not r.errors and r.clock_end - r.clock_start == 12


def test_positional_parameters(st):
    assert out(st, "Join-Path 'C:\\ClusterStorage' 'Volume1'") == ["C:\\ClusterStorage\\Volume1"]
    assert out(st, "Write-Output 'x'") == ["x"]


def test_pipeline_binding_against_real_hyperv_signature():
    # Get-VM | Start-VM binds the VM object to -VM (set VMObject), a name string to -Name.
    sig = signatures().get("Start-VM")
    assert sig is not None
    vm = PSObject("Microsoft.HyperV.PowerShell.VirtualMachine", {"Name": "VM1", "State": "Off"})
    bound = B.bind(sig, [])
    args, set_name = B.pipeline_bind(bound, vm)
    assert set_name == "VMObject" and args["VM"] == [vm]
    args, set_name = B.pipeline_bind(B.bind(sig, []), "VM1")
    assert set_name == "Name" and args["Name"] == ["VM1"]


def test_array_parameters_arrive_as_lists():
    sig = signatures().get("Get-VM")
    b = B.bind(sig, [B.Item("Name", "VM1")])
    assert b.args["Name"] == ["VM1"]
    b = B.bind(sig, [B.Item(None, "VM1")])                   # positional, default set
    assert b.args["Name"] == ["VM1"]


def test_uint64_parameter_takes_gb_literal():
    sig = signatures().get("New-VHD")
    assert sig is not None
    size = next(p for p in sig.params.values() if p.type == "UInt64")
    b = B.bind(sig, [B.Item(size.name, 100 * 1024 ** 3)])
    assert b.args[size.name] == 100 * 1024 ** 3


def test_pipeline_binding_cluster_group_to_move_role():
    # Get-ClusterGroup 'VM1' | Move-ClusterVirtualMachineRole -Node N binds the group to -InputObject.
    sig = signatures().get("Move-ClusterVirtualMachineRole")
    group = PSObject("Microsoft.FailoverClusters.PowerShell.ClusterGroup", {"Name": "VM1", "OwnerNode": "N1"})
    bound = B.bind(sig, [B.Item("Node", "CLUSTERNODE-2")])
    args, _ = B.pipeline_bind(bound, group)
    assert args["InputObject"] is group and args["Node"] == "CLUSTERNODE-2"

