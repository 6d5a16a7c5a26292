"""Get-Culture and Get-UICulture on the lab's en-US servers (5.1 pages; .NET's CultureInfo for en-US).

https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/get-culture?view=powershell-5.1
https://learn.microsoft.com/en-us/dotnet/api/system.globalization.cultureinfo?view=netframework-4.8
"""

from __future__ import annotations

from support.twin_script import ps, out


def test_get_culture_is_en_us_like_psculture(st):
    assert out(st, "$c = Get-Culture; $c.Name; $c.LCID; $c.DisplayName; $c.TwoLetterISOLanguageName; $c.GetType().FullName; "
                   "\"$c\"; $c.Name -eq $PSCulture; (Get-UICulture).Name -eq $PSUICulture; $c.Parent.Name; $c.IsNeutralCulture") == [
        "en-US", 1033, "English (United States)", "en", "System.Globalization.CultureInfo", "en-US", True, True, "en", False]


# DotNetTypes.format.ps1xml's table: LCID and Name 16 wide, then DisplayName.
def test_default_view(st):
    text = out(st, "Get-Culture | Out-String")[0]
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    assert lines == ["LCID             Name             DisplayName", "----             ----             -----------",
                     "1033             en-US            English (United States)"]


def test_what_the_twin_does_not_model_is_refused(st):
    r = ps(st, "(Get-Culture).NumberFormat")
    assert r.output == [] and "is not emulated by the labkit twin" in r.errors[0].message


# 5.1's Get-Culture has no -Name or -ListAvailable (PowerShell 6.2 added them).
def test_5_1_parameters(st):
    assert "'Name'" in ps(st, "Get-Culture -Name fr-FR").error_text
    assert "'ListAvailable'" in ps(st, "Get-Culture -ListAvailable").error_text


# Get-Host: "gets an object that represents the current host program" -- the one $Host holds, whose
# CurrentCulture and CurrentUICulture are the same en-US CultureInfo.
# https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/get-host?view=powershell-5.1
def test_get_host_is_host(st):
    assert out(st, "(Get-Host) -eq $Host; (Get-Host).Name; $Host.CurrentCulture.LCID; $Host.CurrentUICulture.Name") == [
        True, "ConsoleHost", 1033, "en-US"]


# [CultureInfo]::CurrentCulture / CurrentUICulture: the same en-US culture Get-Culture writes.
# https://learn.microsoft.com/en-us/dotnet/api/system.globalization.cultureinfo.currentculture?view=netframework-4.8
def test_current_culture_statics(st):
    assert out(st, "[cultureinfo]::CurrentCulture.Name; [System.Globalization.CultureInfo]::CurrentUICulture.LCID; "
                   "[cultureinfo]::CurrentCulture.DisplayName -eq (Get-Culture).DisplayName") == ["en-US", 1033, True]
