"""A custom object without properties: ``[pscustomobject]@{}`` and ``New-Object psobject``.

Its string is empty: PSObject.ToStringEmptyBaseObject writes "@{" name=value ... "}" and returns string.Empty when
there is no property, and PSCustomObject.ToString() is "Returns an empty string" (MshObject.cs of PowerShell's source,
unchanged since the first public commit, the 5.1 code). Out-Default writes such an object out of band as its
ToString() (OutOfBandFormatViewManager.GenerateOutOfBandData: IsPropertyLessObject -> GenerateOutOfBandObjectAsToString,
FormatViewManager.cs of commit 60b3b304f2): one empty line, not "@{}".
ConvertTo-Json writes an object's properties as a JSON object: none is ``{}`` (about_PSCustomObject 5.1:
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_pscustomobject?view=powershell-5.1).
"""

from __future__ import annotations

import pytest

from support.twin_script import out


@pytest.mark.parametrize("make", ["[pscustomobject]@{}", "New-Object psobject", "New-Object PSObject -Property @{}"])
def test_string_form_is_empty(st, make):
    assert out(st, f'$o = {make}; "[$o]"; [string]$o; $o.ToString()') == ["[]", "", ""]


@pytest.mark.parametrize("make", ["[pscustomobject]@{}", "New-Object psobject"])
def test_no_properties(st, make):
    assert out(st, f"$o = {make}; $o.psobject.Properties.Count; @($o.psobject.Properties).Count") == [0, 0]


@pytest.mark.parametrize("make", ["[pscustomobject]@{}", "New-Object psobject"])
def test_display_is_one_empty_line(st, make):
    assert out(st, f"{make} | Out-String") == ["\r\n"]


def test_display_before_a_table(st):
    # the empty object goes out of band (its empty line), the next object starts the table
    text = out(st, "[pscustomobject]@{}, [pscustomobject]@{a = 1} | Out-String")[0]
    assert text.startswith("\r\n\r\na\r\n-\r\n1\r\n")
    assert "@{}" not in text


def test_json_is_an_empty_object(st):
    assert out(st, "[pscustomobject]@{} | ConvertTo-Json -Compress") == ["{}"]


def test_a_property_added_later_shows(st):
    assert out(st, '$o = [pscustomobject]@{}; $o | Add-Member -NotePropertyName x -NotePropertyValue 1; "$o"') == ["@{x=1}"]
