"""ConvertTo-Json writes what Windows PowerShell 5.1 writes.

Cases from https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/convertto-json?view=powershell-5.1
(examples 1-3): 4 spaces past the opening bracket, two spaces after the colon,
``\\/Date(ms)\\/``, ``-Compress`` without whitespace; JavaScriptSerializer's
escapes; depth 2 with objects beyond it written as their string.
"""

from __future__ import annotations

import json
from pathlib import Path

from labkit.twin.json51 import JsonDate, compact, pretty
from support.twin_script import out, ps


def text(st: Path, script: str) -> str:
    output = out(st, script)
    assert len(output) == 1 and isinstance(output[0], str)
    return output[0]


def test_layout_of_example_1(st: Path) -> None:
    # the GregorianCalendar of example 1, rebuilt as an object with the same members
    got = text(st, "[pscustomobject][ordered]@{ AlgorithmType = 1; CalendarType = 1; Eras = @(1); TwoDigitYearMax = 2029; "
                   "IsReadOnly = $false } | ConvertTo-Json")
    assert got == """{
    "AlgorithmType":  1,
    "CalendarType":  1,
    "Eras":  [
                 1
             ],
    "TwoDigitYearMax":  2029,
    "IsReadOnly":  false
}"""
    assert json.loads(got)["Eras"] == [1]


def test_nested_object_is_indented_past_its_brace_as_in_example_3(st: Path) -> None:
    got = text(st, "[pscustomobject]@{ Hour = 20; TimeOfDay = [pscustomobject]@{ Ticks = 723762218083; Days = 0 }; Year = 2012 } | ConvertTo-Json")
    assert got == """{
    "Hour":  20,
    "TimeOfDay":  {
                      "Ticks":  723762218083,
                      "Days":  0
                  },
    "Year":  2012
}"""


def test_compress_as_example_2(st: Path) -> None:
    got = text(st, "[ordered]@{Domain='Domain01';Account='User01';Admin='True'} | ConvertTo-Json -Compress")
    assert got == '{"Domain":"Domain01","Account":"User01","Admin":"True"}'


def test_dates_are_msajax_dates(st: Path) -> None:
    # a [datetime] (Get-Date's carries its DisplayHint note and is written as an object: tests/test_twin_psobject.py)
    got = text(st, "[pscustomobject]@{ When = [datetime]'2012-01-13' } | ConvertTo-Json -Compress")
    assert got == '{"When":"\\/Date(1326412800000)\\/"}'
    assert json.loads(got) == {"When": "/Date(1326412800000)/"}
    back = ps(st, f"('{got}' | ConvertFrom-Json).When.GetType().FullName; ('{got}' | ConvertFrom-Json).When.Year")
    assert back.output == ["System.DateTime", 2012]


def test_javascriptserializer_escapes(st: Path) -> None:
    got = text(st, """[pscustomobject]@{ s = "it's <b> & `"q`" C:\\x" } | ConvertTo-Json -Compress""")
    assert got == '{"s":"it\\u0027s \\u003cb\\u003e \\u0026 \\"q\\" C:\\\\x"}'
    assert json.loads(got) == {"s": "it's <b> & \"q\" C:\\x"}


def test_default_depth_2_writes_deeper_objects_as_strings(st: Path) -> None:
    got = json.loads(text(st, "@{ a = @{ b = @{ c = @{ d = 1 } } } } | ConvertTo-Json"))
    assert got == {"a": {"b": {"c": "System.Collections.Hashtable"}}}
    got = json.loads(text(st, "@{ a = @{ b = @{ c = @{ d = 1 } } } } | ConvertTo-Json -Depth 5"))
    assert got == {"a": {"b": {"c": {"d": 1}}}}


def test_arrays_and_empty_containers(st: Path) -> None:
    assert text(st, "ConvertTo-Json @(1, 'two')") == '[\n    1,\n    "two"\n]'
    assert text(st, "@(@{a=1}, @{a=2}) | ConvertTo-Json") == '[\n    {\n        "a":  1\n    },\n    {\n        "a":  2\n    }\n]'
    assert text(st, "@{} | ConvertTo-Json") == "{\n\n}"


def test_enums_are_numbers(st: Path) -> None:
    got = json.loads(text(st, "Get-Service -Name WinRM | Select-Object Name, Status | ConvertTo-Json"))
    assert got == {"Name": "WinRM", "Status": 4}


def test_writer_units() -> None:
    from datetime import datetime

    data = {"n": None, "t": True, "f": 1.5, "big": 10**12, "d": JsonDate(datetime(1970, 1, 1, 0, 0, 1)), "l": [], "o": {"x": [1, {"y": 2}]}}
    assert json.loads(pretty(data)) == json.loads(compact(data)) == {
        "n": None, "t": True, "f": 1.5, "big": 10**12, "d": "/Date(1000)/", "l": [], "o": {"x": [1, {"y": 2}]}}
    assert compact({"c": "\x01\t"}) == '{"c":"\\u0001\\t"}'
