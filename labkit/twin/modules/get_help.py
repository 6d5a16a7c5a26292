"""Get-Help (Microsoft.PowerShell.Core) as Windows PowerShell 5.1 answers it on a server where Update-Help never ran.

- a function or a script file (``Get-Help .\\x.ps1``): its comment-based help (``MamlCommandHelpInfo``), else the help
  5.1 makes from the command itself (``ExtendedCmdletHelpInfo``: NAME, SYNTAX, ALIASES, REMARKS "None");
- a cmdlet or an alias of one: the *partial* help 5.1 shows without help files (the syntax from the signature, the
  aliases, and REMARKS that point to Update-Help and the cmdlet's online page);
- ``-Detailed`` / ``-Full`` / ``-Examples`` choose the view (the object gets ``#DetailedView`` ... type names),
  ``-Parameter`` writes the matching parameters' objects, ``-Component`` / ``-Role`` / ``-Functionality`` keep only
  help whose comment names them (else 5.1's HelpNotFound error);
- ``.FORWARDHELPTARGETNAME`` / ``.FORWARDHELPCATEGORY`` answer with the help of the command named.

``-Category`` keeps the help of the categories named.  A wildcard name lists the matching commands (``HelpInfoShort``),
or gives the help of the one that matches.  Refused loudly: 5.1's conceptual topics (``about_*``, the twin has no
help files; an about_ name 5.1 does not have is its HelpNotFound error), a wildcard that matches one of them,
``-Online`` (a browser), ``.REMOTEHELPRUNSPACE`` (no remote sessions), a MAML file named by ``.EXTERNALHELP``.

https://learn.microsoft.com/powershell/module/microsoft.powershell.core/get-help?view=powershell-5.1
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_comment_based_help?view=powershell-5.1
Behaviour and texts: PowerShell's ``src/System.Management.Automation/help/HelpCommands.cs``, ``HelpErrors.resx`` and
``HelpDisplayStrings.resx`` at commit 237ccbd (still 5.1's).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Iterable, Optional

from labkit.twin.commands import inbox_commands, unknown_command
from labkit.twin.errors import CmdletError, NotEmulated, PSParseError
from labkit.twin.help_info import cmdlet_sets, default_help, script_help
from labkit.twin.modules.help import all_aliases, known_commands, signatures_raw
from labkit.twin.objects import PSObject
from labkit.twin.paths import absolute, current
from labkit.twin.registry import cmdlet
from labkit.twin.signatures import SIGNATURE_DIR, signatures
from labkit.twin.values import as_list, like, to_string

# HelpErrors.resx HelpNotFound as Windows PowerShell 5.1 writes it (its link has the one slash of 5.1's text)
HELP_NOT_FOUND = ("Get-Help could not find {0} in a help file in this session. To download updated help topics type: "
                  "\"Update-Help\". To get help online, search for the help topic in the TechNet library at "
                  "https:/go.microsoft.com/fwlink/?LinkID=107116.")
# HelpDisplayStrings.resx GetLatestHelpContent
PARTIAL_HELP = ("Get-Help cannot find the Help files for this cmdlet on this computer. It is displaying only partial help.\n"
                "    -- To download and install Help files for the module that includes this cmdlet, use Update-Help.\n"
                "    -- To view the Help topic for this cmdlet online, type: \"Get-Help {0} -Online\" or\n"
                "       go to {1}.")
VIEWS = (("Detailed", "DetailedView"), ("Full", "FullView"), ("Examples", "ExamplesView"))


def not_found(name: str) -> CmdletError:
    return CmdletError(HELP_NOT_FOUND.format(name), "ResourceUnavailable", "HelpNotFound,Microsoft.PowerShell.Commands.GetHelpCommand",
                       name)


def cmdlet_help(name: str) -> Optional[PSObject]:
    """The partial help of a cmdlet the twin knows (by its name or an alias), or None."""
    target = all_aliases().get(name.lower(), name)
    sig = signatures().get(target)
    if sig is None:
        return None
    raw = signatures_raw().get(sig.name, {}).get("parameters", {})
    values = {p: list(v.get("values") or []) for p, v in raw.items() if v.get("values")}
    aliases = sorted(a for a, t in all_aliases().items() if t.lower() == sig.name.lower())
    remarks = PARTIAL_HELP.format(sig.name, sig.source) if sig.source else "None"
    return default_help(sig.name, cmdlet_sets(sig, values), sig.accepts_common, "Cmdlet",
                        aliases=aliases, remarks=remarks, module=sig.module, help_uri=sig.source)


def _on_host(ctx: Any, cmdlet_name: str) -> bool:
    """Whether this host has the cmdlet (its module installed, its Windows Server version), as Get-Command sees it."""
    return any(to_string(c.get("Name")).lower() == cmdlet_name.lower() for c in known_commands(ctx)
               if to_string(c.get("CommandType")) == "Cmdlet")


def _function_aliases(ctx: Any, name: str) -> list[str]:
    return sorted(a for a, t in ctx.engine.aliases.items() if str(t).lower() == name.lower())


def _is_script_path(name: str) -> bool:
    return name.lower().endswith(".ps1") or "\\" in name or "/" in name


def _script_file(ctx: Any, name: str) -> tuple[str, Any]:
    from labkit.twin.modules.management import read_text   # the file store's reader (Get-Content's)
    from labkit.twin.parser import parse

    path = absolute(name, current(ctx))
    try:
        text = read_text(ctx, ctx.world.host(ctx.host), path)
    except NotEmulated:
        raise
    except CmdletError:
        raise not_found(name) from None    # no such script: to Get-Help a name it finds nothing for
    try:
        return path, parse(text)
    except PSParseError as e:
        raise CmdletError(f"Get-Help cannot read the help of '{path}': the script does not parse ({e}).", "ParserError",
                          "ParseError,Microsoft.PowerShell.Commands.GetHelpCommand", path) from None


def find(ctx: Any, name: str, depth: int = 0) -> tuple[Any, Any]:
    """(the help comment or None, the help object) of the command ``name`` means here."""
    fn = ctx.engine.functions.get(name.lower())
    if fn is None:
        target = ctx.engine.aliases.get(name.lower())
        fn = ctx.engine.functions.get(str(target).lower()) if target is not None else None
    if fn is not None:
        src = fn.script.source
        # a filter is help category Filter (FilterInfo.HelpCategory); the keyword starts the definition's text
        kind = "Filter" if src is not None and src.text[src.start:src.start + 6].lower() == b"filter" else "Function"
        h, obj = script_help(ctx.engine, fn.script, fn.name, kind, _function_aliases(ctx, fn.name))
    elif _is_script_path(name):
        path, script = _script_file(ctx, name)
        h, obj = script_help(ctx.engine, script, path, "ExternalScript", [])
    else:
        found = cmdlet_help(name)
        if found is not None and not _on_host(ctx, to_string(found.get("Name"))):
            raise not_found(name)         # its module is not on this server (Hyper-V on the storage server ...)
        if found is None:
            target = all_aliases().get(name.lower(), name)
            if inbox_commands().get(target.lower()) is not None:
                raise unknown_command(target)     # a Windows command the twin does not run: say so, not "no help"
            raise not_found(name)
        return None, found
    if h is not None and (h.forward_target or h.forward_category):
        if h.remote_runspace:
            raise NotEmulated("Get-Help", f".REMOTEHELPRUNSPACE {h.remote_runspace} (help from a remote session; the twin has none)")
        target = h.forward_target or to_string(_prop(obj, "Name"))
        category = (h.forward_category or "").lower()
        if depth > 8 or (target.lower() == to_string(_prop(obj, "Name")).lower() and category in ("", "function")):
            return h, obj
        if category == "cmdlet":
            found = cmdlet_help(target)
            if found is None:
                raise not_found(target)
            return None, found
        return find(ctx, target, depth + 1)
    return h, obj


def _matches(value: Any, patterns: list[str]) -> bool:
    text = to_string(value) if value is not None else ""
    return bool(text) and any(like(text, p) for p in patterns)


def _prop(obj: Any, name: str) -> Any:
    """A property of a help object; a script without help is its syntax string with note properties (SyntaxHelpInfo)."""
    if isinstance(obj, PSObject):
        return obj.get(name)
    notes = getattr(obj, "notes", None)
    return notes.get(name.lower()) if notes is not None else None


def _view(obj: Any, token: str) -> Any:
    """HelpCommand.TransformView: a copy whose type names put ``Type#token`` before each of the originals (a string
    help, System.String and System.Object, gets none and stays as it is)."""
    if not isinstance(obj, PSObject):
        return obj
    names = [f"{t}#{token}" for t in obj.type_names if t.lower() not in ("system.string", "system.object")] + list(obj.type_names)
    return PSObject(names, dict(obj.items()))


@lru_cache(maxsize=1)
def about_topics() -> dict[str, tuple[str, str]]:
    """lower-case name -> (name, module) of 5.1's conceptual topics (about_topics.json, from the 5.1 reference)."""
    doc = json.loads((SIGNATURE_DIR / "about_topics.json").read_text(encoding="utf-8"))
    return {name.lower(): (name, module) for name, module in doc["topics"].items()}


def _about_url(name: str, module: str) -> str:
    return f"https://learn.microsoft.com/en-us/powershell/module/{module.lower()}/about/{name.lower()}?view=powershell-5.1"


def _short(obj: Any, name: str, category: str) -> PSObject:
    """HelpInfo.ShortHelp: the help object under the type name HelpInfoShort (the list's table view)."""
    props = dict(obj.items()) if isinstance(obj, PSObject) else {"Name": name, "Category": category, "Synopsis": to_string(obj)}
    return PSObject(["HelpInfoShort"], props)


def _search(ctx: Any, pattern: str, args: dict[str, Any]) -> list[Any]:
    """Get-Help with a wildcard: one match is that command's help, several a list (HelpInfoShort), none nothing.
    The twin searches command names; a pattern that also matches 5.1's conceptual topics is refused."""
    topics = [t for key, t in about_topics().items() if like(key, pattern)]
    if topics:
        raise NotEmulated("Get-Help", f"'{pattern}' matches conceptual topics ({', '.join(t[0] for t in topics[:3])}"
                          f"{' ...' if len(topics) > 3 else ''}) and the twin has no help files")
    found: list[tuple[str, str]] = []
    for c in known_commands(ctx):
        kind, cname = to_string(c.get("CommandType")), to_string(c.get("Name"))
        if kind in ("Alias", "Function", "Cmdlet") and like(cname, pattern):
            found.append((kind, cname))
    for alias in ctx.engine.aliases:       # the session's own aliases (Set-Alias / New-Alias), kept by lower-case name
        if like(str(alias), pattern) and not any(n.lower() == str(alias).lower() for _, n in found):
            found.insert(0, ("Alias", str(alias)))
    if len(found) == 1 and found[0][0] != "Alias":
        return get_help(ctx, {**args, "Name": found[0][1]}, None)
    if found and any(args.get(k) for k in ("Detailed", "Full", "Examples", "Parameter", "Component", "Role", "Functionality", "Category")):
        raise NotEmulated("Get-Help", f"a wildcard name ('{pattern}') that matches several commands, with -Detailed, -Full, "
                          "-Examples, -Parameter or a filter")
    out: list[Any] = []
    for kind, cname in found:
        if kind == "Alias":
            # AliasHelpInfo: a search finds the alias itself (its Synopsis is the command it stands for), not its command's help
            target = all_aliases().get(cname.lower()) or to_string(ctx.engine.aliases.get(cname.lower()))
            props = {"Name": cname, "Category": "Alias", "Synopsis": target, "Component": None, "Role": None, "Functionality": None}
            out.append(PSObject([f"AliasHelpInfo#{cname}", "AliasHelpInfo", "HelpInfo"], props) if len(found) == 1
                       else PSObject(["HelpInfoShort"], props))
        else:
            out.append(_short(find(ctx, cname)[1], cname, kind))
    return out


def _online_uri(obj: Any) -> Optional[str]:
    """GetUriForOnlineHelp: the first related link that is an address."""
    links = obj.get("relatedLinks") if isinstance(obj, PSObject) else None
    for link in as_list(links.get("navigationLink") if isinstance(links, PSObject) else None):
        if isinstance(link, PSObject) and link.get("uri"):
            return to_string(link.get("uri"))
    return None


def _write_error(ctx: Any, e: CmdletError) -> list[Any]:
    """HelpNotFound and NoParmsFound are written (WriteError), not thrown: -ErrorAction and -ErrorVariable apply."""
    ctx.error(str(e), e.category, e.target, e.error_id)
    return []


@cmdlet("Get-Help", honours={"Name", "Online", "Detailed", "Full", "Examples", "Parameter", "Component", "Role", "Functionality",
                             "Category"})
def get_help(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/get-help?view=powershell-5.1
    name = to_string(args.get("Name") or "")
    if not name:
        raise NotEmulated("Get-Help", "Get-Help without -Name (the help system's overview)")
    if any(c in name for c in "*?["):
        return _search(ctx, name, args)
    if name.lower().startswith("about_"):
        topic = about_topics().get(name.lower())
        if topic is None:
            return _write_error(ctx, not_found(name))
        raise NotEmulated("Get-Help", f"the conceptual topic '{topic[0]}' (the twin has no help files; read it at {_about_url(*topic)})")
    categories = [to_string(c) for c in as_list(args.get("Category"))]
    try:
        h, obj = find(ctx, name)
    except CmdletError as e:
        if not e.error_id.startswith("HelpNotFound"):
            raise
        return _write_error(ctx, e)
    if args.get("Online"):
        uri = _online_uri(obj)
        if uri is None:
            # HelpErrors.resx NoURIFound (HelpCommand.WriteObjectsOrShowOnlineHelp throws it)
            raise CmdletError("The online version of this Help topic cannot be displayed because the Internet address (URI) of the "
                              "Help topic is not specified in the command code or in the help file for the command.",
                              "InvalidOperation", "InvalidOperation,Microsoft.PowerShell.Commands.GetHelpCommand", name)
        raise NotEmulated("Get-Help", f"-Online (it opens {uri} in a browser)")
    if categories and not any(c.lower() in ("all", to_string(_prop(obj, "Category")).lower()) for c in categories):
        return _write_error(ctx, not_found(name))      # the command's help is not in the categories asked for
    for key, prop in (("Component", "Component"), ("Role", "Role"), ("Functionality", "Functionality")):
        if key in args and not _matches(_prop(obj, prop), [to_string(p) for p in as_list(args[key])]):
            return _write_error(ctx, not_found(name))
    if args.get("Parameter") not in (None, ""):
        pattern = to_string(args["Parameter"])
        params = _prop(obj, "parameters")
        found = [p for p in as_list(params.get("parameter") if isinstance(params, PSObject) else None)
                 if isinstance(p, PSObject) and like(to_string(p.get("name")), pattern)]
        if not found:
            return _write_error(ctx, CmdletError(f"No parameter matches criteria {pattern}.", "InvalidArgument",
                                                 "NoParmsFound,Microsoft.PowerShell.Commands.GetHelpCommand", pattern))
        return found
    if args.get("Full") and isinstance(obj, PSObject) and "ExtendedCmdletHelpInfo" in obj.type_names and not obj.has("returnValues"):
        raise NotEmulated("Get-Help", f"-Full for {_prop(obj, 'Name')} (its OUTPUTS are the cmdlet's [OutputType] types, which the "
                          "twin's signatures do not record; -Detailed and -Parameter work)")
    for switch, token in VIEWS:
        if args.get(switch):
            obj = _view(obj, token)
            break
    if to_string(ctx.command.name).lower() in ("help", "man"):
        # `help` (and its alias `man`) is 5.1's function that pipes Get-Help's object to `more`: lines of text
        from labkit.twin.format import render

        return render([obj]).replace("\r\n", "\n").split("\n")[:-1]
    return [obj]
