"""ConvertFrom-StringData (Microsoft.PowerShell.Utility) as Windows PowerShell 5.1 has it: ``name = value``
lines (split on ``\\n``, trimmed; empty lines and lines starting with ``#`` skipped) into one hashtable, each
value passed through Regex.Unescape; a line without ``=`` before its text, or a name given twice, is an error.

https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/convertfrom-stringdata?view=powershell-5.1
"""

from __future__ import annotations

from typing import Any, Iterable

from labkit.twin.errors import CmdletError
from labkit.twin.net_regex import NetRegexError, unescape
from labkit.twin.registry import cmdlet
from labkit.twin.values import PSHashtable, to_string

# src/Microsoft.PowerShell.Commands.Utility/resources/ConvertFromStringData.resx (trailing blanks as there)
INVALID_LINE = "Data line '{0}' is not in 'name=value' format. "
ALREADY_DEFINED = "Data item '{1}' in line '{0}' is already defined. "


@cmdlet("ConvertFrom-StringData", honours={"StringData"})
def convertfrom_stringdata(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    data = to_string(args.get("StringData")) if args.get("StringData") is not None else ""
    result = PSHashtable()
    for raw in data.split("\n"):
        line = raw.strip()
        if not line or line[0] == "#":
            continue
        index = line.find("=")
        if index <= 0:
            raise CmdletError(INVALID_LINE.format(line), "InvalidOperation",
                              "InvalidOperation,Microsoft.PowerShell.Commands.ConvertFromStringDataCommand", line)
        name = line[:index].strip()
        if name in result:
            raise CmdletError(ALREADY_DEFINED.format(line, name), "InvalidOperation",
                              "InvalidOperation,Microsoft.PowerShell.Commands.ConvertFromStringDataCommand", line)
        try:
            result[name] = unescape(line[index + 1:].strip())
        except NetRegexError as e:
            raise CmdletError(str(e), "NotSpecified",
                              "System.ArgumentException,Microsoft.PowerShell.Commands.ConvertFromStringDataCommand") from None
    return [result]
