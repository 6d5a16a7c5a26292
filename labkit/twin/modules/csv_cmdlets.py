"""The CSV cmdlets of Microsoft.PowerShell.Utility as Windows PowerShell 5.1 has them: ConvertTo-Csv,
ConvertFrom-Csv, Export-Csv and Import-Csv.

5.1 writes a ``#TYPE <type name>`` line unless -NoTypeInformation, then the quoted property names of the
first object, then one line per object with every value quoted (``"`` doubled) and a null value left
empty; later objects are written with the first object's properties.  Reading, the ``#TYPE`` line names the
objects' type (their type names become ``<type>`` and ``CSV:<type>``), lines starting with ``#`` before the
header are skipped, blank lines are skipped, a missing value is null and an empty header becomes ``H1``,
``H2`` ... with a warning; a duplicate header is a terminating error.

https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/convertto-csv?view=powershell-5.1
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/convertfrom-csv?view=powershell-5.1
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/export-csv?view=powershell-5.1
https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/import-csv?view=powershell-5.1
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable, Iterator

from labkit.twin.errors import CmdletError, NotEmulated
from labkit.twin.objects import PSEnum, PSObject
from labkit.twin.registry import cmdlet
from labkit.twin.values import PSHashtable, as_list, to_string

#: The en-US list separator ([CultureInfo]::CurrentCulture.TextInfo.ListSeparator) -UseCulture uses.
LIST_SEPARATOR = ","
CSV_TYPE_PREFIX = "CSV:"
UNSPECIFIED_NAME = "H"
UNSPECIFIED_WARNING = 'One or more headers were not specified. Default names starting with "H" have been used in place of any missing headers.'


def _delimiter(args: dict[str, Any]) -> str:
    if args.get("UseCulture"):
        return LIST_SEPARATOR
    d = to_string(args.get("Delimiter", ","))
    return d[:1] or ","


# -- writing -------------------------------------------------------------------------------------------

def _hashtable_properties(h: PSHashtable) -> list[tuple[str, Any]]:
    # System.Collections.Hashtable's public properties, as 5.1 exports a hashtable (not its keys)
    return [("IsReadOnly", False), ("IsFixedSize", False), ("IsSynchronized", False), ("Keys", "System.Collections.Hashtable+KeyCollection"),
            ("Values", "System.Collections.Hashtable+ValueCollection"), ("SyncRoot", h), ("Count", len(h))]


def _properties(obj: Any, cmd: str) -> tuple[list[str], list[tuple[str, Any]]]:
    """(type names, properties) of an input object."""
    if isinstance(obj, PSObject):
        return obj.type_names, list(obj.items())
    if isinstance(obj, str):
        return ["System.String"], [("Length", len(obj))]
    if isinstance(obj, PSHashtable):
        return ["System.Collections.Hashtable"], _hashtable_properties(obj)
    from labkit.twin.types import value_type
    raise NotEmulated(cmd, f"converting a {value_type(obj).full_name} value to CSV (the twin converts objects with properties, "
                           "strings and hashtables)")


def _value_text(value: Any) -> str | None:
    """A property value as CSV writes it: the value's ToString() (null stays null)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, datetime):
        from labkit.twin.format import format_datetime_net
        return format_datetime_net(value, "G")
    if isinstance(value, PSHashtable):
        return "System.Collections.Hashtable"
    if isinstance(value, list):
        from labkit.twin.values import type_of
        return type_of(value)
    if isinstance(value, PSEnum):
        return value.name
    return to_string(value)


def _quote(text: str | None) -> str:
    return "" if text is None else '"' + text.replace('"', '""') + '"'


class CsvWriter:
    """The lines ConvertTo-Csv / Export-Csv write for a sequence of objects."""

    def __init__(self, delimiter: str, type_information: bool, cmd: str, names: list[str] | None = None):
        self.delimiter, self.type_information, self.cmd = delimiter, type_information, cmd
        self.names = names

    def lines(self, obj: Any) -> list[str]:
        type_names, props = _properties(obj, self.cmd)
        out: list[str] = []
        if self.names is None:
            seen: set[str] = set()
            self.names = [n for n, _ in props if not (n.lower() in seen or seen.add(n.lower()))]
            if self.type_information:
                t = type_names[0] if type_names else ""
                t = t[len(CSV_TYPE_PREFIX):] if t.upper().startswith(CSV_TYPE_PREFIX) else t
                out.append(f"#TYPE {t}" if t else "#TYPE")
            out.append(self.delimiter.join(_quote(n) for n in self.names))
        values = {n.lower(): v for n, v in props}
        out.append(self.delimiter.join(_quote(_value_text(values.get(n.lower()))) for n in self.names))
        return out


def _inputs(args: dict[str, Any], input: Any) -> list[Any]:
    if input is not None:
        return list(input)
    return [args["InputObject"]] if "InputObject" in args else []


@cmdlet("ConvertTo-Csv", honours={"InputObject", "Delimiter", "UseCulture", "NoTypeInformation"}, stream=True)
def convertto_csv(ctx: Any, args: dict[str, Any], input: Any) -> Iterator[str]:
    writer = CsvWriter(_delimiter(args), not args.get("NoTypeInformation"), "ConvertTo-Csv")
    for obj in _inputs(args, input):
        if obj is None:
            continue
        yield from writer.lines(obj)


def _target(ctx: Any, args: dict[str, Any]) -> str:
    from labkit.twin.modules.management import full_path

    if "Path" in args and "LiteralPath" in args:
        raise CmdletError("You must specify either the -Path or -LiteralPath parameters, but not both.", "InvalidArgument",
                          "CannotSpecifyPathAndLiteralPath,Microsoft.PowerShell.Commands.ExportCsvCommand")
    raw = args.get("Path", args.get("LiteralPath"))
    if raw is None or to_string(raw) == "":
        raise CmdletError("A file name is a mandatory parameter: specify -Path or -LiteralPath.", "InvalidArgument",
                          "FileNameIsAMandatoryParameter,Microsoft.PowerShell.Commands.ExportCsvCommand")
    return full_path(ctx, to_string(raw))


@cmdlet("Export-Csv", honours={"InputObject", "Path", "LiteralPath", "Delimiter", "UseCulture", "NoTypeInformation",
                               "Append", "Force", "NoClobber", "Encoding"}, stream=True)
def export_csv(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    from labkit.twin.modules.management import _check_encoding, _exists, _is_file, _place, read_text, write_text

    _check_encoding("ExportCsv", args)
    host = ctx.world.host(ctx.host)
    path = _target(ctx, args)
    place = _place(ctx, host, path)
    exists = _exists(ctx.world, host, place) and place is not None and _is_file(host, place)
    if exists and args.get("NoClobber") and not args.get("Append"):
        raise CmdletError(f"The file '{path}' already exists.", "ResourceExists",
                          "NoClobber,Microsoft.PowerShell.Commands.ExportCsvCommand", path)
    names: list[str] | None = None
    old = read_text(ctx, host, path, "ExportCsv") if exists and args.get("Append") else ""
    if old.strip():
        # -Append: the columns are the file's header (its #TYPE line, if any, skipped)
        reader = CsvReader(_delimiter(args), None)
        reader.read_header(_records(old, reader.delimiter))
        names = list(reader.header or [])
    writer = CsvWriter(_delimiter(args), not args.get("NoTypeInformation"), "Export-Csv", names)
    lines: list[str] = []
    for obj in _inputs(args, input):
        if obj is None:
            continue
        if names is not None and not args.get("Force"):
            have = {n.lower() for n, _ in _properties(obj, "Export-Csv")[1]}
            for n in names:
                if n.lower() not in have:
                    raise CmdletError(
                        f"Cannot append CSV content to the following file: {path}. The appended object does not have a property "
                        f"that corresponds to the following column: {n}. To continue with mismatched properties, add the -Force "
                        "parameter, and then retry the command.", "InvalidData",
                        "CannotAppendCsvWithMismatchedPropertyNames,Microsoft.PowerShell.Commands.ExportCsvCommand", n)
        lines += writer.lines(obj)
    text = "".join(line + "\r\n" for line in lines)
    if old and not old.endswith(("\n", "\r")) and text:
        text = "\r\n" + text
    write_text(ctx, host, path, text, append=bool(args.get("Append")) and exists, cmd="ExportCsv")
    ctx.advance(0.05)
    return []


# -- reading -------------------------------------------------------------------------------------------

def _records(text: str, delimiter: str) -> Iterator[list[str]]:
    """The records of CSV text, parsed as 5.1's ImportCsvHelper.ParseNextRecord does (quotes, "" inside
    quotes, delimiters and line breaks inside quotes, blanks around unquoted values)."""
    i, n = 0, len(text)

    def newline_at(j: int) -> int:
        if text.startswith("\r\n", j):
            return 2
        return 1 if j < n and text[j] in "\r\n" else 0

    def till_delimiter(j: int, eat_blanks: bool) -> tuple[str, int, bool]:
        start = j
        while j < n:
            if text[j] == delimiter:
                s = text[start:j]
                return (s.strip(" \t") if eat_blanks and not s.strip(" \t") else s), j + 1, False
            nl = newline_at(j)
            if nl:
                s = text[start:j]
                return (s.strip(" \t") if eat_blanks and not s.strip(" \t") else s), j + nl, True
            j += 1
        s = text[start:j]
        return (s.strip(" \t") if eat_blanks and not s.strip(" \t") else s), j, True

    while i < n:
        result: list[str] = []
        current = ""
        quoted = False
        while i < n:
            ch = text[i]
            i += 1
            if ch == delimiter and not quoted:
                result.append(current)
                current = ""
            elif ch == delimiter:
                current += ch
            elif ch == '"':
                if quoted:
                    if i < n and text[i] == '"':
                        i += 1
                        current += '"'
                    else:
                        quoted = False
                        rest, i, end = till_delimiter(i, True)
                        result.append(current + rest)
                        current = ""
                        if end:
                            break
                elif current == "":
                    quoted = True
                else:
                    rest, i, end = till_delimiter(i, False)
                    result.append(current + ch + rest)
                    current = ""
                    if end:
                        break
            elif ch in " \t":
                if quoted:
                    current += ch
                elif current == "":
                    continue
                else:
                    rest, i, end = till_delimiter(i, True)
                    result.append(current + ch + rest)
                    current = ""
                    if end:
                        break
            elif ch in "\r\n":
                nl = "\r\n" if ch == "\r" and i < n and text[i] == "\n" else ch
                i += len(nl) - 1
                if quoted:
                    current += nl
                else:
                    result.append(current)
                    current = ""
                    break
            else:
                current += ch
        if current:
            result.append(current)
        yield result


class CsvReader:
    """The objects Import-Csv / ConvertFrom-Csv make of CSV records."""

    def __init__(self, delimiter: str, header: list[str] | None, type_name: str | None = None):
        self.delimiter, self.header, self.type_name = delimiter, header, type_name
        self.warned = False

    def read_type(self, text: str) -> str:
        """Take a leading ``#TYPE`` line (5.1's ReadTypeInformation); the text after it."""
        if self.type_name is None and text.startswith("#"):
            line, _, rest = text.partition("\n")
            line = line.rstrip("\r")
            if line[:5].lower() == "#type":
                self.type_name = line[5:].strip() or None
            return rest
        return text

    def read_header(self, records: Iterator[list[str]]) -> None:
        while self.header is None:
            values = next(records, None)
            if values is None:
                return
            while len(values) > 1 and values[-1] == "":
                values.pop()
            if values and values[0].startswith("#Fields: "):
                values[0] = values[0][9:]
                self.header = values
            elif values and values[0].startswith("#"):
                continue
            else:
                self.header = values
        seen: set[str] = set()
        for h in self.header:
            if h and h.lower() in seen:
                raise CmdletError(f'The member "{h}" is already present.', "NotSpecified",
                                  "AlreadyPresentPSMemberInfoInternalCollectionAdd")
            seen.add(h.lower())

    def objects(self, ctx: Any, text: str) -> list[PSObject]:
        records = _records(self.read_type(text), self.delimiter)
        self.read_header(records)
        out: list[PSObject] = []
        for values in records:
            if not values or (len(values) == 1 and values[0] == ""):
                continue
            out.append(self._object(ctx, values))
        return out

    def _object(self, ctx: Any, values: list[str]) -> PSObject:
        obj = PSObject()
        unspecified = 1
        for i, name in enumerate(self.header or []):
            if not name:
                name = f"{UNSPECIFIED_NAME}{unspecified}"
                unspecified += 1
            obj.set(name, values[i] if i < len(values) else None)
        if unspecified != 1 and not self.warned:
            ctx.warning(UNSPECIFIED_WARNING)
            self.warned = True
        if self.type_name:
            obj.type_names = [self.type_name, CSV_TYPE_PREFIX + self.type_name]
        return obj


def _header(args: dict[str, Any]) -> list[str] | None:
    return [to_string(h) for h in as_list(args["Header"])] if args.get("Header") is not None else None


@cmdlet("ConvertFrom-Csv", honours={"InputObject", "Delimiter", "UseCulture", "Header"}, stream=True)
def convertfrom_csv(ctx: Any, args: dict[str, Any], input: Any) -> Iterator[PSObject]:
    reader = CsvReader(_delimiter(args), _header(args))
    items = list(input) if input is not None else as_list(args.get("InputObject"))
    for item in items:
        for line in as_list(item):
            if line is None:
                continue
            yield from reader.objects(ctx, to_string(line))


# Not a stream cmdlet: each piped path (or object with a Path/PSPath property) is bound to -Path/-LiteralPath.
@cmdlet("Import-Csv", honours={"Path", "LiteralPath", "Delimiter", "UseCulture", "Header", "Encoding"})
def import_csv(ctx: Any, args: dict[str, Any], input: Any) -> Iterator[PSObject]:
    from labkit.twin.modules.management import _check_encoding, _expand, _paths, read_text

    _check_encoding("ImportCsv", args)
    if "Path" in args and "LiteralPath" in args:
        raise CmdletError("You must specify either the -Path or -LiteralPath parameters, but not both.", "InvalidData",
                          "CannotSpecifyPathAndLiteralPath,Microsoft.PowerShell.Commands.ImportCsvCommand")
    host = ctx.world.host(ctx.host)
    warned = False
    for path, literal in _paths(ctx, args):
        try:
            targets = _expand(ctx, host, path, literal, "ImportCsv")
        except CmdletError as e:
            ctx.error(str(e), e.category, path, e.error_id)
            continue
        for p in targets:
            try:
                text = read_text(ctx, host, p, "ImportCsv")
            except CmdletError as e:
                ctx.error(str(e), e.category, p, e.error_id)
                continue
            reader = CsvReader(_delimiter(args), _header(args))
            reader.warned = warned
            yield from reader.objects(ctx, text)
            warned = reader.warned
