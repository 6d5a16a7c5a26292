"""Items and their content, and processes (Microsoft.PowerShell.Management,
Out-File of Microsoft.PowerShell.Utility): Get-Content, Set-Content,
Add-Content, Out-File, Get-Item, New-Item, Remove-Item, Copy-Item,
Get-Process.

Items live where the world keeps them (labkit.twin.modules.storage): the
local C: drive of each host (``Host.files``) and the volumes of the shared
disks and Cluster Shared Volumes (``Volume.files``), so the access rules of
those places hold (an offline disk has no drive; on 2008 R2 only the CSV's
coordinator reaches it outside Hyper-V).  The twin keeps the *text* of the
files scripts write (``texts``); a file it only knows by name (a VHDX, a VM
configuration) has no content the twin could return, and reading it is
refused as not emulated.
"""

from __future__ import annotations

import fnmatch
import hashlib
import ntpath
from typing import Any, Iterable

from labkit.twin import file_encodings
from labkit.twin.alias_drive import alias_path, new_aliases
from labkit.twin.item_drives import session_drive
from labkit.twin.binding import BindingError
from labkit.twin.errors import CmdletError, NotEmulated
from labkit.twin.file_members import filesystem_item
from labkit.twin import what_if
from labkit.twin.child_item_filters import matches
from labkit.twin.file_times import created_now, drop, moved, stamp, times_of, written_at
from labkit.twin.format import render
from labkit.twin.modules.storage import Place, resolve_path
from labkit.twin.modules.system import service_status
from labkit.twin.objects import PSObject
from labkit.twin.environment import env_items, env_name
from labkit.twin.paths import absolute, current
from labkit.twin.registry import cmdlet
from labkit.twin.values import PSHashtable, as_list, to_string
from labkit.twin.world import Host, World

#: A path is a file when the twin holds its text or its name ends in one of these (the world keeps names, not inodes).
FILE_SUFFIXES = (".vhd", ".vhdx", ".avhdx", ".xml", ".vmcx", ".vmrs", ".vmgs", ".htm", ".html", ".txt", ".log", ".ps1", ".csv",
                 ".json", ".ini", ".cfg", ".bat", ".cmd", ".evtx", ".zip", ".iso", ".exe", ".dll")

# FileSystemCmdletProviderEncoding (Get-Content, Set-Content, Add-Content) and Out-File's -Encoding values (5.1 pages).
# ParameterBinderStrings.resx InputObjectNotBound (5.1's text for an object no parameter takes).
INPUT_NOT_BOUND = ("The input object cannot be bound to any parameters for the command either because the command does not take "
                   "pipeline input or the input and its properties do not match any of the parameters that take pipeline input.")

ENCODINGS = ("Unknown", "String", "Unicode", "Byte", "BigEndianUnicode", "UTF8", "UTF7", "UTF32", "Ascii", "Default", "Oem", "BigEndianUTF32")


# -- paths -------------------------------------------------------------------------------

def full_path(ctx: Any, path: str) -> str:
    """An absolute Windows path: relative paths start at the current location ($PWD)."""
    full = absolute(path, current(ctx))
    if env_name(full) is not None:
        raise NotEmulated("this command on the Env: drive", f"'{path}' (the twin reads Env: with Get-ChildItem, Get-Item, "
                          "Get-Content and Test-Path; set a variable with $env:NAME = 'value')")
    return full


def _place(ctx: Any, host: Host, path: str) -> Place | None:
    return resolve_path(ctx.world, host, path)


def _files_of(host: Host, place: Place) -> tuple[list[str], dict[str, str], str]:
    """(names list, texts, key of this path in them) of the place's store."""
    if place.volume is None and place.disk is None:
        return host.files, host.texts, place.path
    assert place.volume is not None
    return place.volume.files, place.volume.texts, place.rel


def _times_of(host: Host, place: Place) -> dict[str, list[float]]:
    """The place's store's item times (labkit.twin.file_times)."""
    if place.volume is None and place.disk is None:
        return host.times
    assert place.volume is not None
    return place.volume.times


def _sizes_of(host: Host, place: Place) -> dict[str, list[int]]:
    """The byte sizes the place's store keeps for its text files (labkit.twin.file_encodings)."""
    return host.text_sizes if place.volume is None else place.volume.text_sizes


def _exists(world: World, host: Host, place: Place | None) -> bool:
    if place is None:
        return False
    if place.volume is None and place.disk is not None:
        return False
    if place.rel == "":
        return True
    if place.volume is None and place.rel.lower() == "clusterstorage":
        return bool(world.cluster and world.cluster.node(host.name) and world.cluster.csvs())
    names, texts, key = _files_of(host, place)
    k = key.lower()
    return k in texts or any(f.lower() == k or f.lower().startswith(k + "\\") for f in names)


def _is_file(host: Host, place: Place) -> bool:
    if place.rel == "":
        return False
    names, texts, key = _files_of(host, place)
    if key.lower() in texts:
        return True
    k = key.lower()
    if any(f.lower().startswith(k + "\\") for f in names):
        return False
    return k.endswith(FILE_SUFFIXES)


def _children(host: Host, place: Place) -> list[str]:
    names, texts, key = _files_of(host, place)
    prefix = (key.lower().rstrip("\\") + "\\") if key else ""   # the root C:\ too
    found: dict[str, str] = {}      # one entry per item, in the case it was created with (texts are keyed in lower case)
    for f in list(names) + list(texts):
        if f.lower().startswith(prefix) and len(f) > len(prefix):
            found.setdefault(f.lower(), f)
    return list(found.values())


def _not_found(path: str, cmd: str) -> CmdletError:
    return CmdletError(f"Cannot find path '{path}' because it does not exist.", "ObjectNotFound",
                       f"PathNotFound,Microsoft.PowerShell.Commands.{cmd}Command", path)


def _paths(ctx: Any, args: dict[str, Any], key: str = "Path") -> list[tuple[str, bool]]:
    """(absolute path, literal) for -Path / -LiteralPath."""
    for k in (key, "LiteralPath"):
        if k in args:
            _not_empty(k, args[k])
    out = [(full_path(ctx, to_string(p)), False) for p in as_list(args.get(key))]
    out += [(full_path(ctx, to_string(p)), True) for p in as_list(args.get("LiteralPath"))]
    return out


def _alias_read(ctx: Any, args: dict[str, Any], cmd: str) -> list[Any] | None:
    """The Alias: or Variable: items -Path / -LiteralPath name (errors written for those that do not exist), or None when
    the paths are not all on those drives (labkit.twin.item_drives)."""
    given = [(p, False) for p in as_list(args.get("Path"))] + [(p, True) for p in as_list(args.get("LiteralPath"))]
    names = [(session_drive(ctx, p), literal) for p, literal in given]
    if not names or any(n is None for n, _ in names):
        return None
    out: list[Any] = []
    for on, literal in names:
        assert on is not None
        try:
            out += on[0].items(ctx, on[1], cmd, literal=literal)
        except CmdletError as e:
            ctx.error(str(e), e.category, e.target, e.error_id)
    return out


def _env_read(ctx: Any, host: Host, args: dict[str, Any], cmd: str) -> list[Any] | None:
    """The Env: items -Path / -LiteralPath name (errors written for those that do not exist), or None when the
    paths are not on the Env: drive."""
    given = [(to_string(p), False) for p in as_list(args.get("Path"))] + [(to_string(p), True) for p in as_list(args.get("LiteralPath"))]
    names = [(env_name(absolute(p, current(ctx))), literal) for p, literal in given]
    if not names or any(n is None for n, _ in names):
        return None
    out: list[Any] = []
    for name, literal in names:
        try:
            out += env_items(ctx, str(name), cmd, literal=literal)
        except CmdletError as e:
            ctx.error(str(e), e.category, name, e.error_id)
    return out


def _not_empty(name: str, value: Any) -> None:
    """The binder's check on -Path: no null, no empty string (ParameterBindingValidationException)."""
    for v in (value if isinstance(value, list) else [value]):
        if v is None or to_string(v) == "":
            why = "it is null" if v is None else "it is an empty string"
            raise CmdletError(f"Cannot bind argument to parameter '{name}' because {why}.", "InvalidData",
                              "ParameterArgumentValidationErrorNullNotAllowed" if v is None else "ParameterArgumentValidationErrorEmptyStringNotAllowed", v)


def _expand(ctx: Any, host: Host, path: str, literal: bool, cmd: str) -> list[str]:
    """Wildcards in the last part of a -Path resolve to the items that match; a missing item is an error."""
    if literal or not any(c in ntpath.basename(path) for c in "*?["):
        return [path]
    parent, pattern = ntpath.split(path)
    place = _place(ctx, host, parent)
    if not _exists(ctx.world, host, place):
        raise _not_found(parent, cmd)
    assert place is not None
    names, texts, key = _files_of(host, place)
    prefix = (key.lower().rstrip("\\") + "\\") if key else ""   # the root C:\ too
    # one entry per item, with the case it was created with: the texts are keyed in lower case, so a file written with
    # Set-Content is in both (names first)
    found: dict[str, str] = {}
    for f in list(names) + list(texts):
        if f.lower().startswith(prefix) and len(f) > len(prefix):
            child = f[len(prefix):].split("\\")[0]
            found.setdefault(child.lower(), child)
    hits = sorted(found.values(), key=str.lower)
    return [ntpath.join(parent, h) for h in hits if fnmatch.fnmatch(h.lower(), pattern.lower())]


def _content_paths(ctx: Any, host: Host, path: str, literal: bool, cmd: str) -> list[str]:
    """The files a content cmdlet's -Path names: a wildcard that matches nothing is an error here, unlike for the item
    cmdlets (ContentCommandBase.ResolvePaths: NavigationResources.resx ItemNotFound formatted with the cmdlet's
    -Path, a string array, hence its "System.String[]")."""
    found = _expand(ctx, host, path, literal, cmd)
    if not found and not literal and any(c in ntpath.basename(path) for c in "*?["):
        raise CmdletError("An object at the specified path System.String[] does not exist, or has been filtered by the "
                          "-Include or -Exclude parameter.", "ObjectNotFound",
                          f"ItemNotFound,Microsoft.PowerShell.Commands.{cmd}Command", path, exception_type="System.Exception")
    return found


def _check_encoding(cmd: str, args: dict[str, Any]) -> None:
    if "Encoding" in args:
        value = to_string(args["Encoding"])
        if value.lower() not in (e.lower() for e in ENCODINGS):
            raise CmdletError(
                f"Cannot bind parameter 'Encoding'. Cannot convert value \"{value}\" to type "
                "\"Microsoft.PowerShell.Commands.FileSystemCmdletProviderEncoding\". Error: \"Unable to match the identifier name "
                f"{value} to a valid enumerator name. Specify one of the following enumerator names and try again:\n{', '.join(ENCODINGS)}\"",
                "InvalidArgument", f"CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.{cmd}Command", value)
        if value.lower() == "byte":
            raise NotEmulated(cmd.replace("Content", "-Content").replace("OutFile", "Out-File"), "-Encoding Byte (the twin keeps text, not bytes)")


def read_text(ctx: Any, host: Host, path: str, cmd: str = "GetContent") -> str:
    place = _place(ctx, host, path)
    if not _exists(ctx.world, host, place):
        raise _not_found(path, cmd)
    assert place is not None
    if not _is_file(host, place):
        raise CmdletError(f"Access to the path '{path}' is denied.", "PermissionDenied",
                          f"GetContentReaderUnauthorizedAccessError,Microsoft.PowerShell.Commands.{cmd}Command", path)
    _, texts, key = _files_of(host, place)
    if key.lower() not in texts:
        raise NotEmulated("Get-Content", f"reading '{path}' (the twin knows this file by name only, not its content)")
    return texts[key.lower()]


def write_text(ctx: Any, host: Host, path: str, text: str, *, append: bool = False, cmd: str = "SetContent",
               encoding: str | None = None) -> None:
    """Write (or append) ``text`` to the file at ``path``; its folder must exist.  ``encoding``: the -Encoding name the
    bytes follow (labkit.twin.file_encodings), None when the twin does not follow it."""
    place = _place(ctx, host, path)
    parent = _place(ctx, host, ntpath.dirname(path))
    if place is None or not _exists(ctx.world, host, parent):
        raise CmdletError(f"Could not find a part of the path '{path}'.", "ObjectNotFound",
                          f"GetContentWriterDirectoryNotFoundError,Microsoft.PowerShell.Commands.{cmd}Command", path)
    if _exists(ctx.world, host, place) and not _is_file(host, place):
        raise CmdletError(f"Access to the path '{path}' is denied.", "PermissionDenied",
                          f"GetContentWriterUnauthorizedAccessError,Microsoft.PowerShell.Commands.{cmd}Command", path)
    names, texts, key = _files_of(host, place)
    k = key.lower()
    if append and k not in texts and _exists(ctx.world, host, place):
        raise NotEmulated("Add-Content", f"appending to '{path}' (the twin knows this file by name only, not its content)")
    old = texts.get(k)
    texts[k] = (texts.get(k, "") if append else "") + text
    file_encodings.record(_sizes_of(host, place), k, old, texts[k], text, encoding, append)
    if not any(f.lower() == k for f in names):
        names.append(key)
    stamp(_times_of(host, place), key, ctx.world.clock)


def lines_of(values: list[Any], newline: bool) -> str:
    """What Set-Content/Add-Content write: each value's string, one per line (CRLF), or run together with -NoNewline."""
    strings = [to_string(v) for v in values]
    return "".join(strings) if not newline else "".join(s + "\r\n" for s in strings)


# -- content cmdlets -----------------------------------------------------------------------

@cmdlet("Get-Content", honours={"Path", "LiteralPath", "TotalCount", "Tail", "Raw", "Encoding", "Force", "ReadCount"})
def get_content(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.management/get-content?view=powershell-5.1
    host = ctx.world.host(ctx.host)
    _check_encoding("GetContent", args)
    out: list[Any] = []
    if "TotalCount" in args and "Tail" in args:
        # GetContentCommand.ProcessRecord (SessionStateStrings.resx GetContent_TailAndHeadCannotCoexist)
        ctx.error("The parameters TotalCount and Tail cannot be used together. Please specify only one parameter.",
                  "InvalidOperation", None, "TailAndHeadCannotCoexist", "System.InvalidOperationException")
        return []
    found = _alias_read(ctx, args, "GetContent")
    env = _env_read(ctx, host, args, "GetContent") if found is None else None
    if (found is not None or env is not None) and "Tail" in args:
        # only the FileSystem provider's reader reads backwards (SessionStateStrings.resx GetContent_TailNotSupported)
        for _ in (found if found is not None else env) or []:
            ctx.error("The Tail parameter currently is supported only for the FileSystem provider.", "InvalidOperation",
                      args["Tail"], "TailNotSupported", "System.InvalidOperationException")
        return []
    if found is not None:      # an alias's content is its definition, a variable's its value
        return [a.get("Definition") if a.has("Definition") else a.get("Value") for a in found]
    if env is not None:
        return [e.get("Value") for e in env]
    for path, literal in _paths(ctx, args):
        try:
            targets = _content_paths(ctx, host, path, literal, "GetContent")
            raw_with = next((p for p in ("TotalCount", "Tail") if args.get("Raw") and p in args), None)
            if raw_with is not None and targets:
                # FileSystemProvider.ValidateParameters (FileSystemProviderStrings.resx NoFirstLastWaitForRaw)
                raise CmdletError(f"The 'Raw' and '{raw_with}' parameters cannot be specified in the same command.",
                                  "InvalidOperation", "InvalidOperation,Microsoft.PowerShell.Commands.GetContentCommand", path,
                                  exception_type="System.Management.Automation.PSInvalidOperationException")
            for p in targets:
                text = read_text(ctx, host, p)
                if args.get("Raw"):
                    out.append(text)
                    continue
                lines = text.replace("\r\n", "\n").split("\n")
                if lines and lines[-1] == "":
                    lines.pop()
                if "TotalCount" in args and int(args["TotalCount"]) >= 0:
                    lines = lines[: int(args["TotalCount"])]
                if "Tail" in args:
                    n = int(args["Tail"])
                    lines = lines[-n:] if n > 0 else ([] if n == 0 else lines)
                out += _read_count_blocks(lines, int(args.get("ReadCount", 1)))
        except CmdletError as e:
            if isinstance(e, NotEmulated):
                raise
            ctx.error(str(e), e.category, path, e.error_id)
    return out


def _read_count_blocks(lines: list[str], count: int) -> list[Any]:
    """-ReadCount: the lines one by one (1, the default), in arrays of ``count`` lines, or all in one array (0 or
    negative) -- each array one object in the pipeline (Get-Content, 5.1: -ReadCount)."""
    if count == 1:
        return lines
    if count <= 0:
        return [list(lines)] if lines else []
    return [lines[i:i + count] for i in range(0, len(lines), count)]


def _values(args: dict[str, Any], input: Any) -> list[Any]:
    if input:
        return list(input)
    v = args.get("Value")
    return as_list(v) if isinstance(v, list) else ([] if v is None else [v])


def _pipeline_targets(ctx: Any, args: dict[str, Any], input: Any) -> list[tuple[dict[str, Any], list[Any]]]:
    """Set-Content/Add-Content fed items: each object's -Path (its Path property) or -LiteralPath (its PSPath or
    LiteralPath property, ByPropertyName) and its -Value (the object itself, ByValue, unless -Value is given), grouped
    by path in pipeline order (`Get-ChildItem *.txt | Set-Content -Value x`, `Get-Item f | Add-Content -Value x`)."""
    groups: list[tuple[dict[str, Any], list[Any]]] = []
    for obj in input:
        target: dict[str, Any] | None = None
        if isinstance(obj, (PSObject, PSHashtable)):
            for key, param in (("Path", "Path"), ("LiteralPath", "LiteralPath"), ("PSPath", "LiteralPath")):
                if (obj.has(key) if isinstance(obj, PSObject) else key in obj):
                    target = {param: as_list(obj.get(key))}
                    break
        if target is None:
            if "Value" in args:     # the binder's non-terminating error for this object; the others go on
                ctx.error(INPUT_NOT_BOUND, "InvalidArgument", obj, "InputObjectNotBound",
                          "System.Management.Automation.ParameterBindingException")
                continue
            raise BindingError("Cannot process command because of one or more missing mandatory parameters: Path.",
                               "MissingMandatoryParameter")
        values = [args["Value"]] if "Value" in args and not isinstance(args["Value"], list) else list(args.get("Value") or [obj])
        hit = next((g for g in groups if g[0] == target), None)
        if hit is None:
            groups.append((target, values))
        else:
            hit[1].extend(values)
    return groups


def _set_or_add(ctx: Any, args: dict[str, Any], input: Any, *, append: bool) -> list[Any]:
    if input and "Path" not in args and "LiteralPath" not in args:
        out: list[Any] = []
        for target, values in _pipeline_targets(ctx, args, input):
            out += _set_or_add(ctx, {**{k: v for k, v in args.items() if k != "Value"}, **target, "Value": values}, None,
                               append=append)
        return out
    cmd = "AddContent" if append else "SetContent"
    host = ctx.world.host(ctx.host)
    _check_encoding(cmd, args)
    values = _values(args, input)
    text = lines_of(values, not args.get("NoNewline"))
    out = []
    for path, literal in _paths(ctx, args):
        try:
            for p in _content_paths(ctx, host, path, literal, cmd):
                # NavigationResources.resx SetContentAction / AddContentAction, target "Path: {0}"
                if what_if.skipped(ctx, args, "Add Content" if append else "Set Content", f"Path: {p}"):
                    continue
                write_text(ctx, host, p, text, append=append, cmd=cmd,
                           encoding=to_string(args.get("Encoding") or file_encodings.SET_CONTENT_DEFAULT))
        except CmdletError as e:
            if isinstance(e, NotEmulated):
                raise
            ctx.error(str(e), e.category, path, e.error_id)
            continue
        if args.get("PassThru"):
            out += values
    ctx.advance(0.1)
    return out


@cmdlet("Set-Content", honours={"Path", "LiteralPath", "Value", "NoNewline", "Encoding", "PassThru", "Force", "Confirm",
                          "WhatIf"}, stream=True)
def set_content(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.management/set-content?view=powershell-5.1
    return _set_or_add(ctx, args, input, append=False)


@cmdlet("Add-Content", honours={"Path", "LiteralPath", "Value", "NoNewline", "Encoding", "PassThru", "Force", "Confirm",
                          "WhatIf"}, stream=True)
def add_content(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.management/add-content?view=powershell-5.1
    return _set_or_add(ctx, args, input, append=True)


def resolve_file_path(ctx: Any, host: Host, path: str, *, literal: bool) -> str:
    """PathUtils.ResolveFilePath (Out-File, Tee-Object; 5.1's source as PowerShell's repository imported it, 60b3b304f2):
    a -FilePath with wildcards must name exactly one existing file; a path without them is taken as it is."""
    if literal or not any(c in ntpath.basename(path) for c in "*?["):
        return path
    hits = _expand(ctx, host, path, False, "OutFile")
    if len(hits) > 1:
        raise CmdletError("Cannot perform operation because the path resolved to more than one file. This command cannot "
                          "operate on multiple files.", "InvalidArgument", "ReadWriteMultipleFilesNotSupported",
                          exception_type="System.Management.Automation.PSInvalidOperationException")
    if not hits:
        raise CmdletError(f"Cannot perform operation because the wildcard path {path} did not resolve to a file.", "OpenError",
                          "FileOpenFailure", path, exception_type="System.IO.FileNotFoundException")
    return hits[0]


@cmdlet("Out-File", honours={"FilePath", "LiteralPath", "InputObject", "Append", "Encoding", "NoClobber", "NoNewline", "Force", "Confirm",
                       "WhatIf"}, stream=True)
def out_file(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/out-file?view=powershell-5.1
    host = ctx.world.host(ctx.host)
    _check_encoding("OutFile", args)
    objects = list(input) if input else ([args["InputObject"]] if "InputObject" in args else [])
    text = render(objects)
    if args.get("NoNewline"):
        text = "".join(to_string(o) for o in objects)
    elif text and not text.endswith("\n"):
        text += "\n"
    text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    for k in ("FilePath", "LiteralPath"):
        if k in args:
            _not_empty(k, args[k])
    path = resolve_file_path(ctx, host, full_path(ctx, to_string(args.get("FilePath") or args.get("LiteralPath"))),
                             literal="FilePath" not in args)
    # Out-File.cs: ShouldProcess(FilePath, "Output to File") with the path as given (FormatAndOut_out_xxx.resx OutFile_Action)
    if what_if.skipped(ctx, args, "Output to File", to_string(args.get("FilePath") or args.get("LiteralPath"))):
        return []
    place = _place(ctx, host, path)
    if args.get("NoClobber") and not args.get("Append") and _exists(ctx.world, host, place):
        raise CmdletError(f"The file '{path}' already exists.", "ResourceExists", "NoClobber,Microsoft.PowerShell.Commands.OutFileCommand", path)
    write_text(ctx, host, path, text, append=bool(args.get("Append")), cmd="OutFile",
               encoding=to_string(args.get("Encoding") or file_encodings.OUT_FILE_DEFAULT))
    ctx.advance(0.1)
    return []


# -- items ----------------------------------------------------------------------------------

def item_object(ctx: Any, host: Host, path: str) -> PSObject:
    place = _place(ctx, host, path)
    assert place is not None
    is_file = _is_file(host, place)
    text = _files_of(host, place)[1].get(_files_of(host, place)[2].lower()) if place.rel else None
    length = file_encodings.size_of(_sizes_of(host, place), _files_of(host, place)[2].lower(), text) if text is not None else \
        (4096 if is_file else None)
    return filesystem_item(path, is_file, length, *times_of(_times_of(host, place), _files_of(host, place)[2]))


@cmdlet("Get-Item", honours={"Path", "LiteralPath", "Force"})
def get_item(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.management/get-item?view=powershell-5.1
    host = ctx.world.host(ctx.host)
    found = _alias_read(ctx, args, "GetItem")
    if found is not None:
        return found
    env = _env_read(ctx, host, args, "GetItem")
    if env is not None:
        return env
    out = []
    for path, literal in _paths(ctx, args):
        try:
            for p in _expand(ctx, host, path, literal, "GetItem"):
                if not _exists(ctx.world, host, _place(ctx, host, p)):
                    raise _not_found(p, "GetItem")
                out.append(item_object(ctx, host, p))
        except CmdletError as e:
            ctx.error(str(e), e.category, path, e.error_id)
    return out


def make_folder(ctx: Any, host: Host, path: str) -> None:
    """Create the folder ``path`` and the folders above it."""
    place = _place(ctx, host, path)
    if place is None:
        raise CmdletError(f"Could not find a part of the path '{path}'.", "ObjectNotFound", "DirectoryNotFoundException", path)
    if place.rel == "" or _exists(ctx.world, host, place):
        return
    names, _, key = _files_of(host, place)
    names.append(key)
    stamp(_times_of(host, place), key, ctx.world.clock)


@cmdlet("New-Item", honours={"Path", "Name", "ItemType", "Value", "Force", "Confirm", "WhatIf"})
def new_item(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.management/new-item?view=powershell-5.1
    host = ctx.world.host(ctx.host)
    kind = to_string(args.get("ItemType") or "File").lower()
    if kind in ("dir", "folder"):
        kind = "directory"
    if kind not in ("file", "directory", "symboliclink", "junction", "hardlink"):
        # The FileSystem provider's own refusal (5.1).
        raise CmdletError('The type is not a known type for the file system. Only "file","directory" or "symboliclink" can be specified.',
                          "InvalidArgument", "Argument,Microsoft.PowerShell.Commands.NewItemCommand", args.get("ItemType"))
    if kind not in ("file", "directory"):
        raise NotEmulated("New-Item", f"-ItemType {args.get('ItemType')} (the twin creates files and directories)")
    if "Path" in args:
        _not_empty("Path", args["Path"])
    paths = [to_string(p) for p in as_list(args.get("Path"))] or [current(ctx)]
    if all(alias_path(ctx, p) is not None for p in paths):
        return new_aliases(ctx, [ntpath.join(str(alias_path(ctx, p)), to_string(args["Name"])) if args.get("Name")
                                 else str(alias_path(ctx, p)) for p in paths], args)
    envs = [env_name(absolute(ntpath.join(p, to_string(args["Name"])) if args.get("Name") else p, current(ctx))) for p in paths]
    if all(e for e in envs):
        # New-Item Env:\X -Value v: a new environment variable (about_Environment_Variables 5.1); one that exists needs -Force
        out = []
        for name in (str(e) for e in envs):
            if ctx.engine.env_var("env:" + name.lower()) is not None and not args.get("Force"):
                # SessionStateProviderBase.NewItem: SessionStateStrings.resx NewItemAlreadyExists (PSArgumentException)
                ctx.error(f"The item at path '{name}' already exists.", "InvalidArgument", name, "Argument",
                          "System.Management.Automation.PSArgumentException")
                continue
            ctx.engine.set_var("env:" + name.lower(), args.get("Value"))
            out += env_items(ctx, name, "NewItem", literal=True)
        return out
    out = []
    for raw in paths:
        path = full_path(ctx, ntpath.join(raw, to_string(args["Name"])) if args.get("Name") else raw)
        place = _place(ctx, host, path)
        try:
            if place is None:
                raise CmdletError(f"Could not find a part of the path '{path}'.", "ObjectNotFound",
                                  "NewItemIOError,Microsoft.PowerShell.Commands.NewItemCommand", path)
            if args.get("WhatIf"):
                # FileSystemProvider.NewItem asks before it looks: with -Force, first for the missing parent folder
                # (CreateIntermediateDirectories), then for the item (FileSystemProviderStrings.resx NewItemActionFile /
                # ...Directory, NewItemActionTemplate "Destination: {0}")
                parent = ntpath.dirname(path)
                if args.get("Force") and parent != path and not _exists(ctx.world, host, _place(ctx, host, parent)):
                    what_if.skipped(ctx, args, "Create Directory", f"Destination: {parent}")
                what_if.skipped(ctx, args, "Create Directory" if kind == "directory" else "Create File", f"Destination: {path}")
                continue
            exists = _exists(ctx.world, host, place)
            if kind == "directory":
                if exists and not args.get("Force"):
                    raise CmdletError(f"An item with the specified name {path} already exists.", "ResourceExists",
                                      "DirectoryExist,Microsoft.PowerShell.Commands.NewItemCommand", path)
                parts = path.split("\\")
                for i in range(2, len(parts) + 1):
                    make_folder(ctx, host, "\\".join(parts[:i]))
            else:
                if exists and not args.get("Force"):
                    raise CmdletError(f"The file '{path}' already exists.", "WriteError",
                                      "NewItemIOError,Microsoft.PowerShell.Commands.NewItemCommand", path)
                if exists and not _is_file(host, place):
                    raise CmdletError(f"Access to the path '{path}' is denied.", "PermissionDenied",
                                      "NewItemUnauthorizedAccessError,Microsoft.PowerShell.Commands.NewItemCommand", path)
                if args.get("Force"):
                    # -Force creates the folders above the file (FileSystemProvider.NewItem: CreateIntermediateDirectories)
                    make_folder(ctx, host, ntpath.dirname(path))
                value = args.get("Value")
                write_text(ctx, host, path, "" if value is None else to_string(value), cmd="NewItem")
            out.append(item_object(ctx, host, path))
        except CmdletError as e:
            ctx.error(str(e), e.category, path, e.error_id)
    ctx.advance(0.1)
    return out


#: Folders of the system drive Windows does not let an administrator delete (and CSV mount points: the roots above).
PROTECTED = ("windows", "windows\\system32", "clusterstorage", "users", "program files", "programdata")


def _in_use(world: World, host: Host, path: str) -> str | None:
    """The VM whose files ``path`` holds, if the VM is not off (Hyper-V keeps them open)."""
    low = path.lower()
    for vm in world.vms:
        if vm.state == "Off":
            continue
        for f in [vm.path, *vm.vhds]:
            f = f.lower().rstrip("\\")
            if low == f or f.startswith(low + "\\") or low.startswith(f + "\\"):
                return vm.name
    return None


def _remove(host: Host, place: Place) -> None:
    names, texts, key = _files_of(host, place)
    k = key.lower()
    names[:] = [f for f in names if not (f.lower() == k or f.lower().startswith(k + "\\"))]
    for t in [t for t in texts if t == k or t.startswith(k + "\\")]:
        del texts[t]
    drop(_times_of(host, place), key)


@cmdlet("Remove-Item", honours={"Path", "LiteralPath", "Recurse", "Force", "Confirm", "WhatIf", "Include", "Exclude"})
def remove_item(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.management/remove-item?view=powershell-5.1
    host = ctx.world.host(ctx.host)
    given = [(p, False) for p in as_list(args.get("Path"))] + [(p, True) for p in as_list(args.get("LiteralPath"))]
    if given and all(session_drive(ctx, p) is not None for p, _ in given):
        for p, literal in given:
            drive, rest = session_drive(ctx, p) or (None, "")
            assert drive is not None
            try:
                drive.remove(ctx, rest, bool(args.get("Force")), literal=literal)
            except CmdletError as e:
                ctx.error(str(e), e.category, e.target, e.error_id)
        return []
    env = _env_read(ctx, host, args, "RemoveItem")
    if env is not None:
        # Remove-Item Env:\X removes the session's variable (about_Environment_Variables 5.1)
        for e in env:
            ctx.engine.set_var("env:" + str(e.get("Name")).lower(), None)
        return []
    include = [to_string(x) for x in as_list(args.get("Include"))]
    exclude = [to_string(x) for x in as_list(args.get("Exclude"))]
    recurse = bool(args.get("Recurse"))
    for path, literal in _paths(ctx, args):
        try:
            for p in _expand(ctx, host, path, literal, "RemoveItem"):
                place = _place(ctx, host, p)
                if not _exists(ctx.world, host, place):
                    raise _not_found(p, "RemoveItem")
                assert place is not None
                if (include or exclude) and not recurse and not matches(ntpath.basename(p), include, exclude):
                    continue        # the path is resolved with the filters (unless -Recurse sets them aside)
                if not _is_file(host, place) and _children(host, place) and not recurse:
                    raise CmdletError(
                        f"The item at {p} has children and the Recurse parameter was not specified. If you continue, all children will "
                        "be removed with the item. Are you sure you want to continue?", "InvalidOperation",
                        "RemoveItemNoRecurse,Microsoft.PowerShell.Commands.RemoveItemCommand", p)
                if include or exclude:
                    for target in _filtered_removals(ctx, host, p, include, exclude, recurse):
                        try:
                            _remove_one(ctx, host, target, args)
                        except CmdletError as e:
                            ctx.error(str(e), e.category, target, e.error_id)
                    continue
                _remove_one(ctx, host, p, args)
        except CmdletError as e:
            ctx.error(str(e), e.category, path, e.error_id)
    ctx.advance(0.1)
    return []


def _remove_one(ctx: Any, host: Host, p: str, args: dict[str, Any]) -> None:
    """The provider's removal of the item at ``p`` and all below it: asked first (-WhatIf), then its checks."""
    place = _place(ctx, host, p)
    assert place is not None
    # FileSystemProviderStrings.resx RemoveItemActionFile / ...Directory, target the path
    if what_if.skipped(ctx, args, "Remove File" if _is_file(host, place) else "Remove Directory", p):
        return
    if place.rel == "" or (place.volume is None and place.rel.lower() in PROTECTED):
        raise CmdletError(f"Access to the path '{p}' is denied.", "PermissionDenied",
                          "RemoveFileSystemItemUnAuthorizedAccess,Microsoft.PowerShell.Commands.RemoveItemCommand", p)
    vm = _in_use(ctx.world, host, p)
    if vm is not None:
        raise CmdletError(f"Cannot remove item {p}: The process cannot access the file '{p}' because it is being used by "
                          f"another process. (virtual machine '{vm}' is not off)", "WriteError",
                          "RemoveFileSystemItemIOError,Microsoft.PowerShell.Commands.RemoveItemCommand", p)
    _remove(host, place)


def _filtered_removals(ctx: Any, host: Host, p: str, include: list[str], exclude: list[str], recurse: bool) -> list[str]:
    """Remove-Item -Include/-Exclude: what goes, in order (SessionStateContainer.RemoveItem with filters ->
    ProcessPathItems in Delete mode, 5.1's engine at 237ccbd): a file when its name passes; in a folder, each child
    whose name passes (a folder with all it holds), walking into the others with -Recurse; then the folder itself
    when its name passes and nothing is left in it."""
    place = _place(ctx, host, p)
    assert place is not None
    if _is_file(host, place):
        return [p] if matches(ntpath.basename(p), include, exclude) else []
    out: list[str] = []

    def walk(folder: str) -> bool:
        """Removals below ``folder``; whether something stays in it."""
        fp = _place(ctx, host, folder)
        assert fp is not None
        key = _files_of(host, fp)[2]
        kids = sorted({c[len(key) + 1:].split("\\")[0] if key else c.split("\\")[0] for c in _children(host, fp)}, key=str.lower)
        full = [ntpath.join(folder, k) for k in kids]
        ordered = [f for f in full if not _is_file(host, _place(ctx, host, f))] + \
                  [f for f in full if _is_file(host, _place(ctx, host, f))]      # type: ignore[arg-type]
        stays = False
        for child in ordered:
            if matches(ntpath.basename(child), include, exclude):
                out.append(child)
            elif recurse and not _is_file(host, _place(ctx, host, child)):      # type: ignore[arg-type]
                walk(child)
                stays = True
            else:
                stays = True
        return stays

    kept = walk(p)
    if not kept and matches(ntpath.basename(p), include, exclude):
        out.append(p)
    return out


@cmdlet("Copy-Item", honours={"Path", "LiteralPath", "Destination", "Recurse", "Force", "PassThru", "Confirm", "WhatIf"})
def copy_item(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.management/copy-item?view=powershell-5.1
    host = ctx.world.host(ctx.host)
    dest_root = full_path(ctx, to_string(args.get("Destination") or current(ctx)))
    out = []
    for path, literal in _paths(ctx, args):
        try:
            for src in _expand(ctx, host, path, literal, "CopyItem"):
                sp = _place(ctx, host, src)
                if not _exists(ctx.world, host, sp):
                    raise _not_found(src, "CopyItem")
                assert sp is not None
                if dest_root.lower() == src.lower() or dest_root.lower().startswith(src.lower().rstrip("\\") + "\\"):
                    raise CmdletError(f"Destination path cannot be a subdirectory of the source: {dest_root}.", "WriteError",
                                      "CopyError,Microsoft.PowerShell.Commands.CopyItemCommand", dest_root)
                dp = _place(ctx, host, dest_root)
                target = ntpath.join(dest_root, ntpath.basename(src)) if _exists(ctx.world, host, dp) and not _is_file(host, dp) else dest_root  # type: ignore[arg-type]
                # FileSystemProviderStrings.resx CopyItemActionFile / ...Directory, CopyItemResourceFileTemplate
                if what_if.skipped(ctx, args, "Copy File" if _is_file(host, sp) else "Copy Directory",
                                   f"Item: {src} Destination: {target}"):
                    continue
                if _is_file(host, sp):
                    _copy_file(ctx, host, sp, src, target, bool(args.get("Force")))
                else:
                    if not _exists(ctx.world, host, _place(ctx, host, ntpath.dirname(target))):
                        raise CmdletError(f"Could not find a part of the path '{target}'.", "ObjectNotFound",
                                          "CopyDirectoryInfoItemIOError,Microsoft.PowerShell.Commands.CopyItemCommand", target)
                    make_folder(ctx, host, target)
                    if args.get("Recurse"):
                        names, texts, key = _files_of(host, sp)
                        for child in sorted(_children(host, sp), key=len):
                            rel = child[len(key) + 1:] if key else child
                            cp = _place(ctx, host, ntpath.join(src, rel))
                            assert cp is not None
                            if _is_file(host, cp):
                                _copy_file(ctx, host, cp, ntpath.join(src, rel), ntpath.join(target, rel), True)
                            else:
                                make_folder(ctx, host, ntpath.join(target, rel))
                if args.get("PassThru"):
                    out.append(item_object(ctx, host, target))
        except CmdletError as e:
            ctx.error(str(e), e.category, path, e.error_id)
    ctx.advance(0.1)
    return out


def _copy_file(ctx: Any, host: Host, sp: Place, src: str, target: str, force: bool) -> None:
    tp = _place(ctx, host, target)
    if _exists(ctx.world, host, tp) and tp is not None and not _is_file(host, tp):
        raise CmdletError(f"Cannot overwrite the item {target} with itself.", "WriteError",
                          "CopyError,Microsoft.PowerShell.Commands.CopyItemCommand", target)
    _, texts, key = _files_of(host, sp)
    text = texts.get(key.lower())
    written = written_at(_times_of(host, sp), key)     # a copy keeps the source's write time (labkit.twin.file_times)
    if text is None:
        parent = _place(ctx, host, ntpath.dirname(target))
        if tp is None or not _exists(ctx.world, host, parent):
            raise CmdletError(f"Could not find a part of the path '{target}'.", "ObjectNotFound",
                              "CopyFileInfoItemIOError,Microsoft.PowerShell.Commands.CopyItemCommand", target)
        names, _, tkey = _files_of(host, tp)
        if not any(f.lower() == tkey.lower() for f in names):
            names.append(tkey)
        created_now(_times_of(host, tp), tkey, ctx.world.clock, written)
        return
    write_text(ctx, host, target, text, cmd="CopyItem")
    tp = _place(ctx, host, target)
    assert tp is not None
    created_now(_times_of(host, tp), _files_of(host, tp)[2], ctx.world.clock, written)


def _relocate(ctx: Any, host: Host, src: str, dst: str) -> None:
    """Move the item at ``src`` (and what is below it) to ``dst``, across stores too (C: to a shared volume)."""
    sp, dp = _place(ctx, host, src), _place(ctx, host, dst)
    assert sp is not None and dp is not None
    snames, stexts, skey = _files_of(host, sp)
    dnames, dtexts, dkey = _files_of(host, dp)
    low = skey.lower()
    names = [f for f in snames if f.lower() == low or f.lower().startswith(low + "\\")]
    texts = {k: v for k, v in stexts.items() if k == low or k.startswith(low + "\\")}
    moved(_times_of(host, sp), skey, _times_of(host, dp), dkey)
    _remove(host, sp)
    dnames.extend(dkey + f[len(skey):] for f in names)
    for k, v in texts.items():
        dtexts[dkey.lower() + k[len(low):]] = v
        if not any(f.lower() == dkey.lower() + k[len(low):] for f in dnames):
            dnames.append(dkey + k[len(low):])


def _movable(ctx: Any, host: Host, path: str, cmd: str) -> None:
    """The checks before an item leaves its place: it exists, it is not a protected folder, no running VM holds it."""
    place = _place(ctx, host, path)
    if not _exists(ctx.world, host, place):
        raise _not_found(path, cmd)
    assert place is not None
    if place.rel == "" or (place.volume is None and place.rel.lower() in PROTECTED):
        raise CmdletError(f"Access to the path '{path}' is denied.", "PermissionDenied",
                          f"{cmd.replace('Command', '')}UnauthorizedAccessError,Microsoft.PowerShell.Commands.{cmd}Command", path)
    vm = _in_use(ctx.world, host, path)
    if vm is not None:
        raise CmdletError(f"The process cannot access the file because it is being used by another process. (virtual machine "
                          f"'{vm}' is not off)", "WriteError", f"{cmd}IOError,Microsoft.PowerShell.Commands.{cmd}Command", path)


@cmdlet("Rename-Item", honours={"Path", "LiteralPath", "NewName", "Force", "PassThru", "Confirm", "WhatIf"})
def rename_item(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/powershell/module/microsoft.powershell.management/rename-item?view=powershell-5.1
    # -Path takes no wildcards here ("Accept wildcard characters: False"); texts: FileSystemProviderStrings.resx RenameError,
    # NavigationResources.resx RenameItemDoesntExist
    host = ctx.world.host(ctx.host)
    raw = to_string(args.get("LiteralPath") if "LiteralPath" in args else args.get("Path"))
    _not_empty("LiteralPath" if "LiteralPath" in args else "Path", raw)
    path = full_path(ctx, raw)
    new = to_string(args["NewName"]).replace("/", "\\")
    if "\\" in new:
        if ntpath.dirname(full_path(ctx, new)).lower() != ntpath.dirname(path).lower():
            ctx.error("Cannot rename the specified target, because it represents a path or device name.", "InvalidArgument",
                      path, "RenameItemArgumentError", "System.ArgumentException")
            return []
        new = ntpath.basename(new)
    if not _exists(ctx.world, host, _place(ctx, host, path)):
        ctx.error(f"Cannot rename because item at '{raw}' does not exist.", "InvalidOperation", raw, "InvalidOperation",
                  "System.Management.Automation.PSInvalidOperationException")
        return []
    target = ntpath.join(ntpath.dirname(path), new)
    # FileSystemProviderStrings.resx RenameItemActionFile / ...Directory, RenameItemResourceFileTemplate
    if what_if.skipped(ctx, args, "Rename File" if _is_file(host, _place(ctx, host, path)) else "Rename Directory",  # type: ignore[arg-type]
                       f"Item: {path} Destination: {target}"):
        return []
    try:
        _movable(ctx, host, path, "RenameItem")
        if target.lower() != path.lower() and _exists(ctx.world, host, _place(ctx, host, target)):
            raise CmdletError("Cannot create a file when that file already exists.", "WriteError",
                              "RenameItemIOError,Microsoft.PowerShell.Commands.RenameItemCommand", path)
        _relocate(ctx, host, path, target)
    except CmdletError as e:
        ctx.error(str(e), e.category, path, e.error_id)
        return []
    ctx.advance(0.1)
    return [item_object(ctx, host, target)] if args.get("PassThru") else []


@cmdlet("Move-Item", honours={"Path", "LiteralPath", "Destination", "Force", "PassThru", "Confirm", "WhatIf"})
def move_item(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/powershell/module/microsoft.powershell.management/move-item?view=powershell-5.1
    # into a folder that exists (keeping the name), or to a new path; a file there is replaced with -Force only
    host = ctx.world.host(ctx.host)
    dest = full_path(ctx, to_string(args.get("Destination") or current(ctx)))
    out = []
    for path, literal in _paths(ctx, args):
        try:
            for src in _expand(ctx, host, path, literal, "MoveItem"):
                _movable(ctx, host, src, "MoveItem")
                dp = _place(ctx, host, dest)
                into = _exists(ctx.world, host, dp) and dp is not None and not _is_file(host, dp)
                target = ntpath.join(dest, ntpath.basename(src)) if into else dest
                if target.lower() == src.lower() or target.lower().startswith(src.lower().rstrip("\\") + "\\"):
                    raise CmdletError(f"Cannot move item because the item at '{src}' is in use.", "WriteError",
                                      "MoveDirectoryItemIOError,Microsoft.PowerShell.Commands.MoveItemCommand", src)
                tp = _place(ctx, host, target)
                if tp is None or not _exists(ctx.world, host, _place(ctx, host, ntpath.dirname(target))):
                    raise CmdletError("Could not find a part of the path.", "WriteError",
                                      "MoveFileInfoItemIOError,Microsoft.PowerShell.Commands.MoveItemCommand", src)
                # FileSystemProviderStrings.resx MoveItemActionFile / ...Directory, MoveItemResourceFileTemplate
                if what_if.skipped(ctx, args, "Move File" if _is_file(host, _place(ctx, host, src)) else "Move Directory",  # type: ignore[arg-type]
                                   f"Item: {src} Destination: {target}"):
                    continue
                if _exists(ctx.world, host, tp):
                    if not (args.get("Force") and _is_file(host, tp)):
                        raise CmdletError("Cannot create a file when that file already exists.", "WriteError",
                                          "MoveFileInfoItemIOError,Microsoft.PowerShell.Commands.MoveItemCommand", src)
                    _remove(host, tp)
                _relocate(ctx, host, src, target)
                if args.get("PassThru"):
                    out.append(item_object(ctx, host, target))
        except CmdletError as e:
            ctx.error(str(e), e.category, path, e.error_id)
    ctx.advance(0.1)
    return out


# -- processes ------------------------------------------------------------------------------

#: Processes every Windows Server runs (name, session).
BASE_PROCESSES = [("Idle", 0), ("System", 0), ("Registry", 0), ("smss", 0), ("csrss", 0), ("wininit", 0), ("services", 0),
                  ("lsass", 0), ("svchost", 0), ("svchost", 0), ("svchost", 0), ("svchost", 0), ("svchost", 0), ("svchost", 0),
                  ("spoolsv", 0), ("WmiPrvSE", 0), ("MsMpEng", 0), ("csrss", 1), ("winlogon", 1), ("LogonUI", 1), ("dwm", 1),
                  ("fontdrvhost", 0), ("fontdrvhost", 1), ("wsmprovhost", 0)]


def processes(world: World, host: Host) -> list[tuple[str, int, int]]:
    """(name, id, session) of the processes ``host`` runs now, from its roles and the world's state."""
    names = list(BASE_PROCESSES)
    if host.installed("Hyper-V"):
        names += [("vmms", 0), ("vmcompute", 0)]
        names += [("vmwp", 0) for vm in world.vms if vm.host.lower() == host.name.lower() and vm.state in ("Running", "Paused")]
    if service_status(world, host, "ClusSvc")[0] == "Running":
        names += [("clussvc", 0), ("rhs", 0), ("rhs", 0)]
    if host.role == "dc":
        names += [("dns", 0), ("dfsrs", 0), ("ismserv", 0)]
    out = []
    for i, (name, session) in enumerate(names):
        if name == "Idle":
            pid = 0
        elif name == "System":
            pid = 4
        else:
            digest = hashlib.sha256(f"{host.name}:{host.boots}:{name}:{i}".encode()).digest()
            pid = 100 + (int.from_bytes(digest[:2], "big") % 9000) * 4
        out.append((name, pid, session))
    return out


def process_object(host: Host, name: str, pid: int, session: int) -> PSObject:
    digest = hashlib.sha256(f"{host.name}:{pid}:{name}".encode()).digest()
    ws = 4096 * (500 + int.from_bytes(digest[:2], "big") % 20000)
    pm = 4096 * (300 + int.from_bytes(digest[2:4], "big") % 15000)
    return PSObject(["System.Diagnostics.Process", "System.ComponentModel.Component"], {
        "Handles": 100 + digest[4] * 4, "NPM": 8 * (1 + digest[5]), "PM": pm, "WS": ws, "CPU": round(digest[6] / 10, 2),
        "Id": pid, "SI": session, "ProcessName": name, "Name": name, "SessionId": session, "HandleCount": 100 + digest[4] * 4,
        "WorkingSet64": ws, "PrivateMemorySize64": pm, "MachineName": ".",
    }, display=["Handles", "NPM", "PM", "WS", "CPU", "Id", "SI", "ProcessName"], tostring=f"System.Diagnostics.Process ({name})")


@cmdlet("Get-Process", honours={"Name", "Id", "InputObject"})
def get_process(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.management/get-process?view=powershell-5.1
    host = ctx.world.host(ctx.host)
    procs = sorted(processes(ctx.world, host), key=lambda p: (p[0].lower(), p[1]))
    out = []
    if "Id" in args:
        for pid in (int(to_string(x)) for x in as_list(args["Id"])):
            hit = [p for p in procs if p[1] == pid]
            if not hit:
                ctx.error(f"Cannot find a process with the process identifier {pid}.", "ObjectNotFound", pid,
                          "NoProcessFoundForGivenId,Microsoft.PowerShell.Commands.GetProcessCommand")
            out += hit
    elif "Name" in args or "InputObject" in args:
        names = [to_string(n) for n in as_list(args.get("Name"))]
        names += [to_string(o.get("ProcessName")) for o in as_list(args.get("InputObject")) if isinstance(o, PSObject)]
        for n in names:
            hit = [p for p in procs if fnmatch.fnmatch(p[0].lower(), n.lower())]
            if not hit and not any(c in n for c in "*?["):
                ctx.error(f"Cannot find a process with the name \"{n}\". Verify the process name and call the cmdlet again.",
                          "ObjectNotFound", n, "NoProcessFoundForGivenName,Microsoft.PowerShell.Commands.GetProcessCommand")
            out += [p for p in hit if p not in out]
    else:
        out = procs
    return [process_object(host, *p) for p in out]


# -- for the location cmdlets (labkit.twin.modules.location_cmdlets) ---------------------------------------------------

def item_kind(ctx: Any, host: Host, path: str) -> str | None:
    """"container" or "leaf" for the FileSystem item at ``path`` (absolute), None when there is none."""
    place = _place(ctx, host, path)
    if not _exists(ctx.world, host, place):
        return None
    assert place is not None
    return "leaf" if _is_file(host, place) else "container"


def expand_wildcards(ctx: Any, host: Host, path: str, cmd: str) -> list[str]:
    """The items a -Path with wildcards in its last part names (the path itself when it has none)."""
    return _expand(ctx, host, path, False, cmd)
