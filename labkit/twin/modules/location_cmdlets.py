"""The location cmdlets of Microsoft.PowerShell.Management (5.1): Get-Location, Set-Location, Push-Location,
Pop-Location, Resolve-Path, Convert-Path and Split-Path, over the session's location (labkit.twin.locations)
and the FileSystem items of labkit.twin.modules.management.

Pages: https://learn.microsoft.com/powershell/module/microsoft.powershell.management/<cmdlet>?view=powershell-5.1
and about_Locations. Texts of errors: SessionStateStrings.resx (PathNotFound, DriveNotFound, StackNotFound,
PathResolvedToMultiple) in PowerShell's source. What the twin does not hold (locations on the Registry,
Certificate, Function or Variable drives, UNC locations, wildcards before a path's last part) is refused as
not emulated.
"""

from __future__ import annotations

import fnmatch
import ntpath
import re
from typing import Any, Iterable

from labkit.twin.environment import env_name
from labkit.twin.errors import CmdletError, NotEmulated
from labkit.twin.locations import DEFAULT_STACK, path_info, session_location, set_current, stack
from labkit.twin.modules.management import expand_wildcards, item_kind
from labkit.twin.modules.storage import resolve_path
from labkit.twin.paths import HOME, absolute, current
from labkit.twin.providers import provider_path
from labkit.twin.registry import cmdlet
from labkit.twin.values import as_list, to_string

WILDCARDS = "*?["
NOT_FOUND = "Cannot find path '{0}' because it does not exist."
ITEM_NOT_FOUND = "System.Management.Automation.ItemNotFoundException"

#: Drives of providers whose only container is their root: a location there is the root (the twin lists them).
ROOT_ONLY_DRIVES = {"env": "Env", "alias": "Alias"}


class LocationError(CmdletError):
    """A path that names no item (or a drive that is not there): a non-terminating error of the cmdlet."""

    def __init__(self, message: str, category: str, error_id: str, target: Any, exception: str):
        super().__init__(message, category, error_id, target)
        self.exception = exception


def _not_found(path: str) -> LocationError:
    return LocationError(NOT_FOUND.format(path), "ObjectNotFound", "PathNotFound", path, ITEM_NOT_FOUND)


def _drive_error(name: str) -> LocationError:
    return LocationError(f"Cannot find drive. A drive with the name '{name}' does not exist.", "ObjectNotFound",
                         "DriveNotFound", name, "System.Management.Automation.DriveNotFoundException")


def _report(ctx: Any, e: CmdletError) -> None:
    ctx.error(str(e), e.category, e.target, e.error_id, getattr(e, "exception", ""))


def _home_relative(raw: str) -> str:
    """``~`` and ``~\\x`` on the FileSystem drive: the provider's Home (about_Locations)."""
    if raw == "~" or raw.startswith("~\\") or raw.startswith("~/"):
        return HOME + raw[1:]
    return raw


def resolve(ctx: Any, raw: str, literal: bool, *, want: str | None = None) -> list[str]:
    """The absolute locations a -Path / -LiteralPath names: wildcards in the last part expanded (unless
    literal), ``~`` at home, ``C:`` at that drive's location. An item that does not exist is a LocationError."""
    text = _home_relative(provider_path(raw.replace("/", "\\")))
    drive = re.match(r"^([A-Za-z][\w-]*):(.*)$", text)
    if drive and len(drive.group(1)) > 1:
        if drive.group(1).lower() != "alias":
            env_name(text)                          # drives of providers the twin lacks: not emulated
        name = drive.group(1).lower()
        if name in ROOT_ONLY_DRIVES and drive.group(2).strip("\\") == "":
            return [f"{ROOT_ONLY_DRIVES[name]}:\\"]
        if name in ROOT_ONLY_DRIVES:
            raise NotEmulated(ctx.name, f"the path '{raw}' (the twin keeps locations on the FileSystem drives and the "
                                        "root of Env:)")
        raise _drive_error(drive.group(1))
    if text.startswith("\\\\") or current(ctx).startswith("\\\\"):
        raise NotEmulated(ctx.name, f"the UNC path '{raw}' as a location")
    loc = session_location(ctx.engine)
    if drive and drive.group(2) == "":
        # "D:" is D:'s own location (Set-Location 5.1, example 2; about_Locations)
        letter = drive.group(1).upper()
        text = loc.drives.get(letter, letter + ":\\")
    cwd = current(ctx)
    if drive_of_location(cwd) != "" and len(drive_of_location(cwd)) > 1 and not drive:
        raise NotEmulated(ctx.name, f"the relative path '{raw}' on the {drive_of_location(cwd)}: drive")
    full = absolute(text, cwd)
    host = ctx.world.host(ctx.host)
    if resolve_path(ctx.world, host, full[:3]) is None:
        raise _drive_error(full[0])
    parent, leaf = ntpath.split(full)
    if not literal and any(c in parent for c in WILDCARDS):
        raise NotEmulated(ctx.name, f"the path '{raw}' with wildcards before its last part")
    if not literal and any(c in leaf for c in WILDCARDS):
        hits = [p for p in expand_wildcards(ctx, host, full, ctx.name.replace("-", "") + "Command")]
        if want is not None:
            hits = [p for p in hits if item_kind(ctx, host, p) == want]
        if not hits:
            raise _not_found(full)
        return hits
    if item_kind(ctx, host, full) is None:
        raise _not_found(full)
    return [full]


def drive_of_location(path: str) -> str:
    return path.split(":", 1)[0] if ":" in path and not path.startswith("\\\\") else ""


def _set(ctx: Any, raw: str, literal: bool) -> Any:
    """Set-Location's work (SessionState.SetLocation): the one container ``raw`` names becomes the location."""
    hits = resolve(ctx, raw, literal)
    host = ctx.world.host(ctx.host)
    containers = [h for h in hits if len(drive_of_location(h)) > 1 or item_kind(ctx, host, h) == "container"]
    if len(containers) > 1:
        raise LocationError(f"Cannot set the location because path '{raw}' resolved to multiple containers. You can only set "
                            "the location to a single container at a time.", "InvalidArgument", "Argument", raw,
                            "System.Management.Automation.PSArgumentException")
    if not containers:
        raise _not_found(raw)                  # a file: 5.1 names the path as it was given
    return set_current(ctx.engine, containers[0])


# -- Get-Location ----------------------------------------------------------------------------------------------------

@cmdlet("Get-Location", honours={"PSDrive", "PSProvider", "Stack", "StackName"})
def get_location(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/powershell/module/microsoft.powershell.management/get-location?view=powershell-5.1
    loc = session_location(ctx.engine)
    if args.get("Stack") or "StackName" in args:
        names = [to_string(n) for n in as_list(args.get("StackName"))] or [None]
        out = []
        for name in names:
            paths = stack(loc, name)
            if paths is None:
                ctx.error(f"Cannot find location stack '{name}'. It does not exist or it is not a container.", "InvalidArgument",
                          name, "Argument", "System.Management.Automation.PSArgumentException")
                continue
            # a PathInfoStack: one object, its paths top first when it prints
            out.append([path_info(p) for p in reversed(paths)])
        return out
    if "PSProvider" in args:
        for prov in as_list(args["PSProvider"]):
            if to_string(prov).lower() not in ("filesystem", "microsoft.powershell.core\\filesystem"):
                raise NotEmulated("Get-Location", f"-PSProvider {to_string(prov)} (the twin keeps locations on FileSystem drives)")
    if "PSDrive" in args:
        out = []
        for d in as_list(args["PSDrive"]):
            name = to_string(d).rstrip(":")
            if len(name) != 1:
                raise NotEmulated("Get-Location", f"-PSDrive {name} (the twin keeps locations on FileSystem drives)")
            if resolve_path(ctx.world, ctx.world.host(ctx.host), name + ":\\") is None:
                _report(ctx, _drive_error(name))
                continue
            out.append(path_info(loc.drives.get(name.upper(), name.upper() + ":\\")))
        return out
    here = current(ctx)
    if "PSProvider" in args and len(drive_of_location(here)) != 1:
        # the FileSystem provider's own location when the current one is on another provider's drive
        here = next((p for d, p in loc.drives.items() if len(d) == 1), HOME)
    return [path_info(here)]


# -- Set-Location / Push-Location / Pop-Location ------------------------------------------------------------------------

@cmdlet("Set-Location", honours={"Path", "LiteralPath", "PassThru", "StackName"})
def set_location(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/powershell/module/microsoft.powershell.management/set-location?view=powershell-5.1
    loc = session_location(ctx.engine)
    if "StackName" in args:
        name = to_string(args["StackName"]) or DEFAULT_STACK
        if name.lower() != DEFAULT_STACK and name.lower() not in loc.stacks:
            # SessionState.SetDefaultLocationStack: ItemNotFoundException(stackName, "StackNotFound", PathNotFound)
            _report(ctx, LocationError(NOT_FOUND.format(name), "ObjectNotFound", "StackNotFound", name, ITEM_NOT_FOUND))
            return []
        if args.get("PassThru"):
            raise NotEmulated("Set-Location", "-StackName with -PassThru (the PathInfoStack)")
        loc.default_stack = loc.stacks[name.lower()][0] if name.lower() in loc.stacks else DEFAULT_STACK
        return []
    literal = "LiteralPath" in args
    raw = to_string(args.get("LiteralPath") if literal else args.get("Path") or "")
    if raw == "":
        # 5.1's -Path defaults to "": the current location, unchanged (PowerShell 6.2 made it go home)
        return [path_info(current(ctx))] if args.get("PassThru") else []
    return _go(ctx, raw, literal, bool(args.get("PassThru")))


def _go(ctx: Any, raw: str, literal: bool, passthru: bool) -> list[Any]:
    """Set-Location's and Push-Location's move: the new location's PathInfo with -PassThru; a failure reported."""
    try:
        info = _set(ctx, raw, literal)
    except LocationError as e:
        _report(ctx, e)
        return []
    return [info] if passthru else []


@cmdlet("Push-Location", honours={"Path", "LiteralPath", "PassThru", "StackName"})
def push_location(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/powershell/module/microsoft.powershell.management/push-location?view=powershell-5.1
    loc = session_location(ctx.engine)
    name = to_string(args["StackName"]) if args.get("StackName") else None
    paths = stack(loc, name, create=True)
    assert paths is not None
    paths.append(current(ctx))          # pushed first: a path that fails still leaves the push (PushLocationCommand)
    literal = "LiteralPath" in args
    raw = to_string(args.get("LiteralPath") if literal else args.get("Path") or "")
    if raw == "":
        return []
    return _go(ctx, raw, literal, bool(args.get("PassThru")))


@cmdlet("Pop-Location", honours={"PassThru", "StackName"})
def pop_location(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/powershell/module/microsoft.powershell.management/pop-location?view=powershell-5.1
    loc = session_location(ctx.engine)
    name = to_string(args["StackName"]) if args.get("StackName") else None
    if name and any(c in name for c in WILDCARDS):
        matches = [v[0] for k, v in loc.stacks.items() if fnmatch.fnmatchcase(k, name.lower())]
        if len(matches) > 1:
            ctx.error(f"The stack name '{name}' resolved to multiple stacks. You can only pop from a single stack at a time.",
                      "InvalidArgument", name, "Argument", "System.Management.Automation.PSArgumentException")
            return []
        name = matches[0] if matches else name
    paths = stack(loc, name)
    if paths is None:
        ctx.error(f"Cannot find location stack '{name}'. It does not exist or it is not a container.", "InvalidArgument", name,
                  "Argument", "System.Management.Automation.PSArgumentException")
        return []
    if not paths:
        return []                      # the empty default stack: nothing happens (SessionState.PopLocation)
    target = paths.pop()
    key = (name or loc.default_stack).lower()
    if not paths and key != DEFAULT_STACK:
        del loc.stacks[key]            # a named stack goes away with its last location
    info = set_current(ctx.engine, target)
    return [info] if args.get("PassThru") else []


# -- Resolve-Path / Convert-Path -----------------------------------------------------------------------------------------

def _given(args: dict[str, Any]) -> list[tuple[str, bool]]:
    for key in ("Path", "LiteralPath"):
        for v in as_list(args.get(key)) if key in args else []:
            if v is None or to_string(v) == "":
                why = "it is null" if v is None else "it is an empty string"
                raise CmdletError(f"Cannot bind argument to parameter '{key}' because {why}.", "InvalidData",
                                  "ParameterArgumentValidationError" + ("NullNotAllowed" if v is None else "EmptyStringNotAllowed"), v)
    return [(to_string(p), False) for p in as_list(args.get("Path"))] + [(to_string(p), True) for p in as_list(args.get("LiteralPath"))]


def relative_to(path: str, base: str) -> str:
    """Resolve-Path -Relative: ``path`` from ``base`` (".\\x", "..\\x"); on another drive the full path."""
    if path[:2].lower() != base[:2].lower():
        return path
    rel = ntpath.relpath(path, base)
    return rel if rel.startswith("..") else ".\\" + ("" if rel == "." else rel)


@cmdlet("Resolve-Path", honours={"Path", "LiteralPath", "Relative"})
def resolve_path_cmdlet(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/powershell/module/microsoft.powershell.management/resolve-path?view=powershell-5.1
    out: list[Any] = []
    for raw, literal in _given(args):
        try:
            hits = resolve(ctx, raw, literal)
        except LocationError as e:
            _report(ctx, e)
            continue
        out += [relative_to(h, current(ctx)) if args.get("Relative") else path_info(h) for h in hits]
    return out


@cmdlet("Convert-Path", honours={"Path", "LiteralPath"})
def convert_path(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/powershell/module/microsoft.powershell.management/convert-path?view=powershell-5.1
    out: list[Any] = []
    for raw, literal in _given(args):
        try:
            out += [path_info(h).get("ProviderPath") for h in resolve(ctx, raw, literal)]
        except LocationError as e:
            _report(ctx, e)
    return out


# -- Join-Path -----------------------------------------------------------------------------------------------------------

@cmdlet("Join-Path", honours={"Path", "ChildPath", "Resolve"})
def join_path(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/powershell/module/microsoft.powershell.management/join-path?view=powershell-5.1
    # each -Path with the -ChildPath ([AllowNull], [AllowEmptyString]: "one" and "" give "one\"); -Resolve gives the
    # items the joined path names (wildcards expanded), PathNotFound / DriveNotFound for what is not there
    child = to_string(args.get("ChildPath") or "").replace("/", "\\")
    out: list[Any] = []
    for base in as_list(args.get("Path")):
        path = to_string(base).replace("/", "\\")
        joined = path.rstrip("\\") + "\\" + child.lstrip("\\") if path else child
        if not args.get("Resolve"):
            out.append(joined)
            continue
        try:
            out += resolve(ctx, joined, False)
        except LocationError as e:
            _report(ctx, e)
    return out


# -- Split-Path ----------------------------------------------------------------------------------------------------------

def _qualifier(path: str) -> str | None:
    m = re.match(r"^([A-Za-z][\w-]*:)", path)
    return m.group(1) if m else None


def _parent(path: str) -> str:
    """The FileSystem provider's parent of ``path``: C:\\a\\b -> C:\\a, C:\\a -> C:\\, C:\\ -> ''."""
    p = path.replace("/", "\\")
    stripped = p.rstrip("\\")
    if "\\" not in stripped:
        return ""
    head = stripped.rsplit("\\", 1)[0]
    return head + "\\" if head.endswith(":") else head


@cmdlet("Split-Path", honours={"Path", "LiteralPath", "Parent", "Leaf", "Qualifier", "NoQualifier", "IsAbsolute", "Resolve"})
def split_path(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/powershell/module/microsoft.powershell.management/split-path?view=powershell-5.1
    given = _given(args)
    if args.get("Resolve"):
        paths = []
        for raw, literal in given:
            try:
                paths += resolve(ctx, raw, literal)
            except LocationError as e:
                _report(ctx, e)
    else:
        paths = [raw for raw, _ in given]
    out: list[Any] = []
    for path in paths:
        if args.get("IsAbsolute"):
            p = path.replace("/", "\\")
            # a drive- or provider-qualified path, or a UNC path; "\\x" (rooted on the current drive) is not absolute
            out.append(bool(re.match(r"^[A-Za-z][\w-]*:(\\|$)", p) or p.startswith("\\\\")))
        elif args.get("Qualifier"):
            q = _qualifier(path)
            if q is None:
                # SessionStateStrings.resx ParsePathFormatError
                ctx.error(f"Cannot parse path because path '{path}' does not have a qualifier specified.", "InvalidArgument",
                          path, "ParsePathFormatError", "System.Management.Automation.PSArgumentException")
                continue
            out.append(q)
        elif args.get("NoQualifier"):
            q = _qualifier(path)
            out.append(path[len(q):] if q else path)
        elif args.get("Leaf"):
            p = path.replace("/", "\\").rstrip("\\")
            out.append(p.rsplit("\\", 1)[-1] if "\\" in p else (p if not p.endswith(":") else ""))
        else:
            out.append(_parent(path))
    return out
