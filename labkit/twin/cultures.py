"""CultureInfo objects of the lab servers' culture, en-US (what Get-Culture, Get-UICulture and $Host show).

The values are .NET Framework's for en-US, its parent en and the invariant culture
(https://learn.microsoft.com/en-us/dotnet/api/system.globalization.cultureinfo?view=netframework-4.8, the LCIDs
of [MS-LCID] https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-lcid/); the properties the twin
does not model (CompareInfo, TextInfo, NumberFormat, DateTimeFormat, Calendar ...) are refused on access
(labkit/twin/unmodelled.py).
"""

from __future__ import annotations

from labkit.twin.objects import PSObject

CULTURE = "System.Globalization.CultureInfo"


def _culture(lcid: int, name: str, display: str, two: str, three: str, windows: str, parent: PSObject | None) -> PSObject:
    obj = PSObject([CULTURE, "System.Object"], {
        "Parent": parent, "LCID": lcid, "KeyboardLayoutId": lcid, "Name": name, "IetfLanguageTag": name,
        "DisplayName": display, "NativeName": display if name else "Invariant Language (Invariant Country)",
        "EnglishName": display, "TwoLetterISOLanguageName": two, "ThreeLetterISOLanguageName": three,
        "ThreeLetterWindowsLanguageName": windows, "IsNeutralCulture": "-" not in name and name != ""},
        display=["LCID", "Name", "DisplayName"], tostring=name)
    return obj


def _invariant(parent: PSObject | None) -> PSObject:
    obj = _culture(127, "", "Invariant Language (Invariant Country)", "iv", "ivl", "IVL", parent)
    if parent is None:
        # the invariant culture is its own parent; the twin stops one step down, where Parent is refused as not
        # emulated rather than a loop of objects
        obj._props.pop("Parent"), obj._index.pop("parent")
    return obj


def en_us() -> PSObject:
    invariant = _invariant(_invariant(None))
    english = _culture(9, "en", "English", "en", "eng", "ENU", invariant)
    return _culture(1033, "en-US", "English (United States)", "en", "eng", "ENU", english)
