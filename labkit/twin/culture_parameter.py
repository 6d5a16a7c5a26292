"""The -Culture parameter of Sort-Object, Group-Object and Compare-Object: the culture whose string comparison
they use (5.1 builds it with new CultureInfo(name)).  The lab servers' current culture is en-US, which is what
these cmdlets compare with anyway; naming en-US is honoured as that, any other culture is refused as not
emulated (the twin compares strings one way only).
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/sort-object?view=powershell-5.1#-culture
"""

from __future__ import annotations

from typing import Any

from labkit.twin.errors import NotEmulated
from labkit.twin.values import to_string


def check_culture(command: str, args: dict[str, Any]) -> None:
    """Refuse a -Culture other than the servers' own en-US."""
    if "Culture" in args and to_string(args["Culture"]).lower() != "en-us":
        raise NotEmulated(command, f"-Culture '{to_string(args['Culture'])}' (the twin compares as en-US, the servers' culture)")
