"""The Environment provider on the twin: $env:, the Env: drive, [Environment]'s variable members, and the
drives of the providers the twin does not emulate (about_Environment_Variables and about_Providers, 5.1)."""

from __future__ import annotations

from pathlib import Path

from support.twin_script import ps, out


def test_session_variables_of_a_domain_node(st: Path) -> None:
    # A node joined to lab.local, the session logged on as LAB\Administrator (as whoami says).
    assert out(st, "$env:COMPUTERNAME; $env:USERNAME; $env:USERDOMAIN; $env:USERDNSDOMAIN") == \
        ["CLUSTERNODE-1", "Administrator", "LAB", "LAB.LOCAL"]
    assert out(st, "$env:SystemRoot; $env:windir; $env:SystemDrive; $env:USERPROFILE; $env:TEMP") == \
        ["C:\\Windows", "C:\\Windows", "C:", "C:\\Users\\Administrator", "C:\\Users\\Administrator\\AppData\\Local\\Temp"]
    assert out(st, "$env:computername -eq $env:COMPUTERNAME; \"$env:USERDOMAIN\\$env:USERNAME\"; ${env:OS}") == \
        [True, "LAB\\Administrator", "Windows_NT"]
    # PSModulePath: the user's, Program Files' and the system's module folders, in 5.1's order.
    assert out(st, "$env:PSModulePath -split ';'") == [
        "C:\\Users\\Administrator\\Documents\\WindowsPowerShell\\Modules", "C:\\Program Files\\WindowsPowerShell\\Modules",
        "C:\\Windows\\system32\\WindowsPowerShell\\v1.0\\Modules"]
    assert out(st, "$env:NO_SUCH_VARIABLE -eq $null") == [True]


def test_processor_variables_follow_win32_processor(st: Path) -> None:
    caption, maker = out(st, "$p = Get-CimInstance Win32_Processor; $p.Caption; $p.Manufacturer")
    assert out(st, "$env:PROCESSOR_IDENTIFIER") == [f"{caption}, {maker}"]
    assert out(st, "$env:PROCESSOR_ARCHITECTURE; [int]$env:NUMBER_OF_PROCESSORS -eq (Get-CimInstance Win32_ComputerSystem).NumberOfLogicalProcessors") == \
        ["AMD64", True]


def test_setting_and_removing_is_process_wide(st: Path) -> None:
    # Environment variables belong to the process: one set in a function outlives it; they hold strings;
    # $null or '' removes one.
    assert out(st, "function f { $env:LAB_TOPIC = 'csv' }; f; $env:LAB_TOPIC") == ["csv"]
    assert out(st, "$env:N = 5; $env:N.GetType().FullName") == ["System.String"]
    assert out(st, "$env:TEMP = $null; Test-Path env:TEMP; $env:TEMP -eq $null") == [False, True]
    assert out(st, "[Environment]::SetEnvironmentVariable('LAB_X', 'y'); $env:LAB_X; (Get-Item env:LAB_X).Value") == ["y", "y"]


def test_env_drive(st: Path) -> None:
    names = out(st, "(Get-ChildItem env:).Name")
    assert names == sorted(names, key=str.lower), "the Env: drive lists its items sorted by name"
    assert {"COMPUTERNAME", "Path", "PSModulePath", "windir"} <= set(names)
    assert out(st, "(Get-ChildItem Env:\\USER*).Name") == ["USERDNSDOMAIN", "USERDOMAIN", "USERDOMAIN_ROAMINGPROFILE", "USERNAME", "USERPROFILE"]
    assert out(st, "Get-ChildItem env:USERNAME -Name; (Get-Item env:username).Value; Get-Content env:COMPUTERNAME") == \
        ["USERNAME", "Administrator", "CLUSTERNODE-1"]
    item = out(st, "Get-Item env:OS")[0]
    assert item.type_name == "System.Collections.DictionaryEntry" and item.get("Name") == "OS" and item.get("Value") == "Windows_NT"
    assert out(st, "Test-Path env:Path; Test-Path env:NOPE; Test-Path Env:") == [True, False, True]
    r = ps(st, "Get-Item env:NOPE")
    # the drive-qualified path, as LocationGlobber writes it (Windows: "Cannot find path 'Env:\JAVA_HOME' ...")
    assert r.errors[0].message == "Cannot find path 'Env:\\NOPE' because it does not exist."
    assert r.errors[0].error_id == "PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand"
    text = ps(st, "Get-ChildItem env:OS").text
    assert text.split("\n")[1].split() == ["Name", "Value"] and "Windows_NT" in text


def test_environment_class(st: Path) -> None:
    assert out(st, "[Environment]::MachineName; [Environment]::UserName; [Environment]::UserDomainName") == \
        ["CLUSTERNODE-1", "Administrator", "LAB"]
    assert out(st, "[Environment]::GetEnvironmentVariable('windir'); [Environment]::GetEnvironmentVariable('Path', 'Process') -like 'C:\\Windows\\system32;*'") == \
        ["C:\\Windows", True]
    assert out(st, "[Environment]::ExpandEnvironmentVariables('%SystemRoot%\\System32 %NOPE%')") == ["C:\\Windows\\System32 %NOPE%"]
    assert out(st, "$all = [Environment]::GetEnvironmentVariables(); $all['COMPUTERNAME']; $all.Count -gt 25") == ["CLUSTERNODE-1", True]
    # Machine and User variables live in the registry, which the twin does not keep: refused, not answered empty.
    r = ps(st, "[Environment]::GetEnvironmentVariable('Path', 'Machine')")
    assert r.errors and "not emulated" in r.errors[0].message


def test_other_providers_are_refused_not_missing(st: Path) -> None:
    for path in ("HKLM:\\SOFTWARE\\Microsoft", "Cert:\\LocalMachine\\My", "Registry::HKEY_LOCAL_MACHINE\\SOFTWARE", "WSMan:\\localhost"):
        r = ps(st, f"Get-ChildItem '{path}'")
        assert r.errors and "not emulated" in r.errors[0].message, (path, r.error_text)
        assert "Cannot find path" not in r.error_text
    r = ps(st, "Set-Content env:X -Value 1")
    assert r.errors and "not emulated" in r.errors[0].message


def test_null_and_empty_paths_are_binding_errors(st: Path) -> None:
    # Test-Path's -Path takes neither $null nor '' (no [AllowNull()] / [AllowEmptyString()]): 5.1 fails the binding.
    r = ps(st, "Test-Path $null")
    assert r.errors[0].message == "Cannot bind argument to parameter 'Path' because it is null."
    assert r.errors[0].error_id.startswith("ParameterArgumentValidationErrorNullNotAllowed")
    r = ps(st, "Test-Path ''")
    assert r.errors[0].message == "Cannot bind argument to parameter 'Path' because it is an empty string."
    assert ps(st, "Get-Item -Path $null").errors[0].message == "Cannot bind argument to parameter 'Path' because it is null."
    assert out(st, "Join-Path 'C:\\' $null") == ["C:\\"], "Join-Path's -ChildPath allows null"


def test_cmd_expands_the_same_session_variables(st: Path) -> None:
    # cmd /c reads %NAME% from the session's environment, as $env: does; an unknown name stays as typed.
    assert out(st, r"cmd /c echo %USERDOMAIN%\%username% %TEMP% %NOPE%") == \
        ["LAB\\Administrator C:\\Users\\Administrator\\AppData\\Local\\Temp %NOPE%"]
    assert out(st, "$env:LAB_TOPIC = 'csv'; cmd /c echo %LAB_TOPIC%") == ["csv"]
