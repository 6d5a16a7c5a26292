"""What a shell tells about itself: Get-Command, Get-Member.

Get-Command lists what the twin runs on the host: its emulated cmdlets
(those whose module the host has: Hyper-V's once Hyper-V-PowerShell is
installed ...), the script's functions, the built-in aliases and the native
programs (Get-Help is in :mod:`labkit.twin.modules.get_help`).  Get-Member
describes the objects it is given.
"""

from __future__ import annotations

import fnmatch
import json
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any, Iterable

from labkit.os_versions import host_has_command
from labkit.twin.cluster_common import WRITABLE_BY_TYPE
from labkit.twin.commands import MODULE_ALIASES, NOT_RECOGNIZED, builtin_aliases, unknown_command
from labkit.twin import script_files
from labkit.twin.help_info import set_names, short_type_name
from labkit.twin.errors import CmdletError, NotEmulated
from labkit.twin.function_scopes import body_text as function_body
from labkit.twin.function_scopes import kind as function_kind
from labkit.twin.interpreter import ALIASES
from labkit.twin.modules.servermanager import MODULE_FEATURE
from labkit.twin import instance_members as IM
from labkit.twin import type_data
from labkit.twin.dotnet_member_catalog import CATALOG
from labkit.twin.member_kinds import Member, note_definition
from labkit.twin.objects import PSEnum, PSObject
from labkit.twin.psobject_view import member_type_enum
from labkit.twin.programs import PROGRAMS
from labkit.twin.registry import REGISTRY, cmdlet
from labkit.twin.signatures import SIGNATURE_DIR, CmdletSig, script_signature, signatures
from labkit.twin.values import PSHashtable, ScriptBlock, as_list, to_string

#: Versions of the modules as Windows Server 2022 ships them (Get-Module -ListAvailable).
MODULE_VERSIONS = {
    "Microsoft.PowerShell.Core": "3.0.0.0", "Microsoft.PowerShell.Management": "3.1.0.0", "Microsoft.PowerShell.Utility": "3.1.0.0",
    "Microsoft.PowerShell.Diagnostics": "3.0.0.0", "CimCmdlets": "1.0.0.0", "Hyper-V": "2.0.0.0", "FailoverClusters": "2.0.0.0",
    "Storage": "2.0.0.0", "NetAdapter": "2.0.0.0", "NetTCPIP": "1.0.0.0", "DnsClient": "1.0.0.0", "iSCSI": "1.0.0.0",
    "IscsiTarget": "2.0.0.0", "ServerManager": "2.0.0.0",
}
COMMAND_TYPES = {"Alias": 1, "Function": 2, "Filter": 4, "Cmdlet": 8, "ExternalScript": 16, "Application": 32, "Script": 64,
                 "Workflow": 128, "Configuration": 256, "All": 511}
TYPE_ORDER = ("Alias", "Function", "Filter", "Cmdlet", "Application")


# -- Get-Command ------------------------------------------------------------------------

def _module_available(ctx: Any, module: str) -> bool:
    feature = MODULE_FEATURE.get(module)
    return feature is None or ctx.world.host(ctx.host).feature(feature) != "Available"


def _command(kind: str, name: str, source: str, version: str, **extra: Any) -> PSObject:
    type_name = {"Cmdlet": "System.Management.Automation.CmdletInfo", "Function": "System.Management.Automation.FunctionInfo",
                 "Filter": "System.Management.Automation.FilterInfo",
                 "Alias": "System.Management.Automation.AliasInfo", "Application": "System.Management.Automation.ApplicationInfo"}[kind]
    props = {"CommandType": PSEnum("System.Management.Automation.CommandTypes", kind, COMMAND_TYPES[kind]), "Name": name,
             "Version": version, "Source": source, "ModuleName": source if kind != "Application" else "", **extra}
    return PSObject([type_name, "System.Management.Automation.CommandInfo"], props,
                    display=["CommandType", "Name", "Version", "Source"], tostring=name)


def all_aliases() -> dict[str, str]:
    """alias -> command: 5.1's built-in aliases whose command the twin runs, and the engine's own."""
    return {**{a: c for a, c in builtin_aliases().items() if c.lower() in REGISTRY}, **ALIASES}


def known_commands(ctx: Any) -> list[PSObject]:
    """Every command the twin runs on this host, as Get-Command lists them."""
    sigs = signatures()
    out: list[PSObject] = []
    for alias, target in sorted(all_aliases().items(), key=lambda kv: kv[0].lower()):
        out.append(_command("Alias", alias, "", "", DisplayName=f"{alias} -> {target}", Definition=target,
                            ReferencedCommand=target, ResolvedCommandName=target))
    for alias, target, module in MODULE_ALIASES.values():
        if host_has_command(ctx.world, ctx.host, target, module) and target.lower() in REGISTRY:
            out.append(_command("Alias", alias, module, MODULE_VERSIONS.get(module, ""), DisplayName=f"{alias} -> {target}",
                                Definition=target, ReferencedCommand=target, ResolvedCommandName=target))
    for name, fn in sorted(ctx.engine.functions.items()):
        body = function_body(fn)      # FunctionInfo.Definition: the text of its script block
        out.append(_command(function_kind(fn), fn.name, "", "", Definition=body, ScriptBlock=ScriptBlock(fn.script, body)))
    for spec in sorted(REGISTRY.values(), key=lambda s: s.name.lower()):
        sig = sigs.get(spec.name)
        module = sig.module if sig is not None else ""
        if not _module_available(ctx, module) or not host_has_command(ctx.world, ctx.host, spec.name, module):
            continue
        out.append(_command("Cmdlet", spec.name, module, MODULE_VERSIONS.get(module, ""), DLL=None, HelpUri=sig.source if sig else ""))
    for prog in sorted(PROGRAMS):
        exe = f"{prog.upper()}.EXE" if prog != "cmd" else "cmd.exe"
        out.append(_command("Application", exe, rf"C:\Windows\system32\{exe}", "10.0.20348.1",
                            Path=rf"C:\Windows\system32\{exe}", Extension=".exe", Definition=rf"C:\Windows\system32\{exe}"))
    return out


def _noun_verb(name: str) -> tuple[str, str]:
    verb, _, noun = name.partition("-")
    return verb, noun


def _matches(patterns: list[str], value: str) -> bool:
    return any(fnmatch.fnmatchcase(value.lower(), p.lower()) for p in patterns)


@cmdlet("Get-Command", honours={"Name", "Verb", "Noun", "Module", "CommandType", "TotalCount", "Syntax"})
def get_command(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/get-command?view=powershell-5.1
    commands = known_commands(ctx)
    names = [to_string(n) for n in as_list(args.get("Name"))]
    verbs = [to_string(v) for v in as_list(args.get("Verb"))]
    nouns = [to_string(n) for n in as_list(args.get("Noun"))]
    modules = [to_string(m) for m in as_list(args.get("Module"))]
    types = [to_string(t) for t in as_list(args.get("CommandType"))]
    for t in types:
        if t.lower() not in (k.lower() for k in COMMAND_TYPES):
            raise CmdletError(
                f"Cannot bind parameter 'CommandType'. Cannot convert value \"{t}\" to type \"System.Management.Automation.CommandTypes\". "
                f"Error: \"Unable to match the identifier name {t} to a valid enumerator name. Specify one of the following enumerator "
                f"names and try again:\n{', '.join(COMMAND_TYPES)}\"", "InvalidArgument", "CannotConvertArgumentNoMessage", t)
    if types and not any(t.lower() == "all" for t in types):
        commands = [c for c in commands if any(str(c.get("CommandType")).lower() == t.lower() for t in types)]
    elif not names and not types:
        # Without -Name or -CommandType, Get-Command lists cmdlets, functions and aliases (not applications).
        commands = [c for c in commands if str(c.get("CommandType")) != "Application"]
    if verbs or nouns:
        commands = [c for c in commands if str(c.get("CommandType")) in ("Cmdlet", "Function")]
        if verbs:
            commands = [c for c in commands if _matches(verbs, _noun_verb(str(c.get("Name")))[0])]
        if nouns:
            commands = [c for c in commands if _matches(nouns, _noun_verb(str(c.get("Name")))[1])]
    if modules:
        commands = [c for c in commands if _matches(modules, str(c.get("Source")))]
    out: list[PSObject] = []
    if names:
        for n in names:
            key = n[:-4] if n.lower().endswith(".exe") else n
            hits = [c for c in commands if fnmatch.fnmatchcase(str(c.get("Name")).lower(), n.lower())
                    or (str(c.get("CommandType")) == "Application" and str(c.get("Name")).lower() == f"{key.lower()}.exe")]
            if not hits and not any(ch in n for ch in "*?["):
                found = script_files.find(ctx.engine, n)     # a script file (a path, or on $env:PATH): its ExternalScriptInfo
                if found is not None:
                    out.append(script_files.command_info(*found))
                    continue
            if not hits and not any(ch in n for ch in "*?["):
                err = unknown_command(n, signatures().get(n), lambda name, m: host_has_command(ctx.world, ctx.host, name, m))
                if err.error_id == "CommandNotFoundException":
                    ctx.error(NOT_RECOGNIZED.format(n), "ObjectNotFound", n, "CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand")
                else:
                    ctx.error(str(err), err.category, n, err.error_id)
                continue
            out += [h for h in hits if h not in out]
    else:
        out = commands
    order = {t: i for i, t in enumerate(TYPE_ORDER)}
    if not names:
        out.sort(key=lambda c: (order.get(str(c.get("CommandType")), 9), str(c.get("Name")).lower()))
    if "TotalCount" in args:
        out = out[: max(int(args["TotalCount"]), 0)]
    if args.get("Syntax"):
        lines: list[Any] = []
        for c in out:
            if str(c.get("CommandType")) == "Alias":
                lines.append(str(c.get("Definition")))
                continue
            sig = _signature_of(ctx, str(c.get("Name")))
            lines.append("\n" + "\n\n".join(syntax_lines(sig)) + "\n" if sig is not None else str(c.get("Name")))
        return lines
    return out


# -- syntax -------------------------------------------------------------------------------

def syntax_lines(sig: CmdletSig) -> list[str]:
    """One line per parameter set, as 5.1 writes them: ``[[-Name] <string[]>]``, ``-Id <int>``, ``[-Force]`` ...,
    ``[-WhatIf] [-Confirm]`` last, then ``[<CommonParameters>]``."""
    raw = signatures_raw().get(sig.name, {}).get("parameters", {})
    lines = []
    for set_name in set_names(sig):
        members = [(p, p.in_set(set_name)) for p in sig.params.values() if p.in_set(set_name) is not None]
        positional = sorted((x for x in members if x[1].position is not None), key=lambda x: x[1].position)
        named = [x for x in members if x[1].position is None and x[0].name not in ("WhatIf", "Confirm")]
        named.sort(key=lambda x: (not x[1].mandatory,))
        parts = []
        for p, info in positional + named:
            values = raw.get(p.name, {}).get("values")
            arg = "" if p.switch else " " + ("{" + " | ".join(values) + "}" if values else f"<{short_type_name(p.type)}>")
            name = f"[-{p.name}]" if info.position is not None else f"-{p.name}"
            text = f"{name}{arg}"
            if p.switch:
                text = f"-{p.name}" if info.mandatory else f"[-{p.name}]"
            elif not info.mandatory:
                text = f"[{text}]"
            parts.append(text)
        parts += [f"[-{n}]" for n in ("WhatIf", "Confirm") if n in sig.params]
        lines.append(f"{sig.name} {' '.join(parts)}  [<CommonParameters>]" if parts else f"{sig.name} [<CommonParameters>]")
    return lines


@lru_cache(maxsize=1)
def signatures_raw() -> dict[str, Any]:
    """signatures.json's cmdlet entries as written (the accepted ``values`` the syntax lists between braces)."""
    return json.loads((SIGNATURE_DIR / "signatures.json").read_text(encoding="utf-8"))["cmdlets"]


def _signature_of(ctx: Any, name: str) -> CmdletSig | None:
    fn = ctx.engine.functions.get(name.lower())
    if fn is not None:
        return script_signature(fn.name, fn.script.params, fn.script.advanced)
    return signatures().get(all_aliases().get(name.lower(), name))


# -- Get-Member ----------------------------------------------------------------------------------

DOTNET_SHORT = {"System.String": "string", "System.Int32": "int", "System.Int64": "long", "System.Boolean": "bool",
                "System.Double": "double", "System.DateTime": "datetime", "System.Object[]": "System.Object[]",
                "System.Collections.Hashtable": "hashtable", "System.TimeSpan": "timespan"}
OBJECT_METHODS = [("Equals", "bool Equals(System.Object obj)"), ("GetHashCode", "int GetHashCode()"),
                  ("GetType", "type GetType()"), ("ToString", "string ToString()")]
CIM_METHODS = [("Clone", "System.Object Clone()"), ("Dispose", "void Dispose(), void IDisposable.Dispose()"),
               ("Equals", "bool Equals(System.Object obj)"), ("GetCimSessionComputerName", "string GetCimSessionComputerName()"),
               ("GetCimSessionInstanceId", "guid GetCimSessionInstanceId()"), ("GetHashCode", "int GetHashCode()"),
               ("GetObjectData", "void GetObjectData(System.Runtime.Serialization.SerializationInfo info, "
                                 "System.Runtime.Serialization.StreamingContext context), void ISerializable.GetObjectData("
                                 "System.Runtime.Serialization.SerializationInfo info, System.Runtime.Serialization.StreamingContext context)"),
               ("GetType", "type GetType()"), ("ToString", "string ToString()")]
MEMBER_TYPES = ("AliasProperty", "CodeProperty", "Property", "NoteProperty", "ScriptProperty", "Properties", "PropertySet", "Method",
                "CodeMethod", "ScriptMethod", "Methods", "ParameterizedProperty", "MemberSet", "Event", "Dynamic", "All")


# 5.1's type accelerator names, which Get-Member's definitions use (ToStringCodeMethods.Type)
SIZED_NUMBERS = {"System.UInt64": "uint64", "System.UInt32": "uint32", "System.UInt16": "uint16", "System.Int64": "long",
                 "System.Int16": "int16", "System.Byte": "byte", "System.SByte": "sbyte", "System.Single": "float",
                 "System.Decimal": "decimal"}


def _value_type(value: Any) -> str:
    if value is None:
        return "System.Object"
    if isinstance(value, (PSObject, PSEnum)):
        return value.type_name
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)) and getattr(value, "type_name", None) in SIZED_NUMBERS:
        return SIZED_NUMBERS[value.type_name]     # a typed CIM or Hyper-V number: uint64 Size, long MemoryStartup
    if isinstance(value, int):
        return "int" if -2**31 <= value < 2**31 else "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    if isinstance(value, datetime):
        return "datetime"
    if isinstance(value, timedelta):
        return "timespan"
    if isinstance(value, list):
        return "System.Object[]"
    if isinstance(value, PSHashtable):
        return "hashtable"
    if isinstance(value, ScriptBlock):
        return "scriptblock"
    return "System.Object"


def _member(type_name: str, name: str, kind: str, definition: str) -> PSObject:
    return PSObject("Microsoft.PowerShell.Commands.MemberDefinition",
                    {"TypeName": type_name, "Name": name, "MemberType": member_type_enum(kind),
                     "Definition": definition},
                    display=["Name", "MemberType", "Definition"], tostring=definition)


def members_of(obj: Any, instance: bool = True) -> tuple[str, list[PSObject]]:
    """(type name, members) of one object, sorted as Get-Member sorts them (member type, then name); without
    ``instance``, only its type's own members (not those Add-Member gave it)."""
    script_rows = getattr(obj, "member_rows", None)      # an instance of a script class (labkit.twin.class_members)
    if script_rows is not None:
        t, rows = obj.type_name, script_rows()
        if instance:
            rows += [(name, stored.member_type, stored.definition()) if isinstance(stored, Member)
                     else (name, "NoteProperty", note_definition(name, stored)) for name, stored in obj.instance_items()]
    elif isinstance(obj, PSEnum):
        t = obj.type_name
        rows = [(n, "Method", d) for n, d in [("CompareTo", "int CompareTo(System.Object target), int IComparable.CompareTo(System.Object obj)"),
                                                ("Equals", "bool Equals(System.Object obj)"), ("GetHashCode", "int GetHashCode()"),
                                                ("GetType", "type GetType()"), ("GetTypeCode", "System.TypeCode GetTypeCode(), System.TypeCode IConvertible.GetTypeCode()"),
                                                ("HasFlag", "bool HasFlag(System.Enum flag)"), ("ToString", "string ToString(), string ToString(string format)")]]
        rows.append(("value__", "Property", "int value__ {get;set;}"))
    elif isinstance(obj, PSObject):
        t = obj.type_name
        custom = "System.Management.Automation.PSCustomObject" in obj.type_names   # also Select-Object's Selected.<type>
        cim = any(n.startswith("Microsoft.Management.Infrastructure.CimInstance") for n in obj.type_names)
        methods = CIM_METHODS if cim else OBJECT_METHODS
        rows = [(n, "Method", d) for n, d in methods]
        extra = obj.instance_items()
        extra_names = {n.lower() for n, _ in extra}
        if not custom:
            for name, value in obj.items():
                if name.lower() in extra_names:
                    continue
                vt = _value_type(value)
                # a cluster object's writable common properties are {get;set;} (labkit/twin/cluster_common.py)
                access = "{get;set;}" if name in WRITABLE_BY_TYPE.get(t, ()) else "{get;}"
                rows.append((name, "Property", f"{vt} {name} {access}"))
        if instance:
            # instance members as 5.1's PSMemberInfo.ToString() describes them (labkit.twin.member_kinds), then the
            # members Update-TypeData gave its type names (labkit.twin.type_data)
            rows += [(name, stored.member_type, stored.definition()) if isinstance(stored, Member)
                     else (name, "NoteProperty", note_definition(name, stored)) for name, stored in extra]
            taken = {r[0].lower() for r in rows}
            rows += [(name, m.member_type, m.definition()) for name, m in type_data.type_members(obj) if name.lower() not in taken]
    elif (catalog := _catalog_type(obj)) is not None:
        # a .NET value the twin keeps as a Python value: its type's members as 5.1 lists them, then the instance
        # members Add-Member gave it and those of its type data
        t = catalog
        rows = list(CATALOG[t])
        extra_rows = [(n, m.member_type, m.definition()) for n, m in IM.instance_members(obj)] if instance else []
        taken = {r[0].lower() for r in extra_rows}
        rows = [r for r in rows if r[0].lower() not in taken] + extra_rows
        if instance:
            taken |= {r[0].lower() for r in rows}
            rows += [(n, m.member_type, m.definition()) for n, m in type_data.type_members(obj) if n.lower() not in taken]
    else:
        raise NotEmulated("Get-Member", f"describing a {type(obj).__name__ if obj is not None else 'null'} value of .NET type "
                          f"'{_dotnet(obj)}' (the twin describes the objects cmdlets return, custom objects and enums)")
    rows.sort(key=lambda r: (r[1], r[0].lower()))
    return t, [_member(t, n, k, d) for n, k, d in rows]


def _catalog_type(obj: Any) -> str | None:
    """The .NET type whose members labkit.twin.dotnet_member_catalog lists for ``obj``, or None."""
    if isinstance(obj, str) and type(obj) in (str, IM.MemberStr):
        return "System.String"
    if type(obj) is int and -2**31 <= obj < 2**31:
        return "System.Int32"
    if type(obj) is float:
        return "System.Double"
    if type(obj) is bool:
        return "System.Boolean"
    if type(obj) is PSHashtable:
        return "System.Collections.Hashtable"
    return None


def _dotnet(obj: Any) -> str:
    from labkit.twin.values import type_of

    return type_of(obj)


STATIC_OBJECT = [("Equals", "static bool Equals(System.Object objA, System.Object objB)"),
                 ("ReferenceEquals", "static bool ReferenceEquals(System.Object objA, System.Object objB)")]


def static_members_of(obj: Any) -> tuple[str, list[PSObject]]:
    """-Static: a cmdlet's object types declare no static members of their own, so they have System.Object's two."""
    if not isinstance(obj, PSObject):
        raise NotEmulated("Get-Member", f"-Static on a value of .NET type '{_dotnet(obj)}'")
    return obj.type_name, [_member(obj.type_name, n, "Method", d) for n, d in STATIC_OBJECT]


def _extended_names(obj: Any) -> set[str]:
    """The lower names of ``obj``'s extended members: its instance members and those of its type data."""
    own = obj.instance_items() if isinstance(obj, PSObject) else IM.instance_members(obj)
    return {n.lower() for n, _ in own} | {n.lower() for n, _ in type_data.type_members(obj)}


def _in_view(obj: Any, row: PSObject, views: set[str], extended: set[str]) -> bool:
    """-View (PSMemberViewTypes, GetMember.cs): Extended are the instance and type-data members; Adapted and Base the
    type's own (a CIM instance's base .NET members differ from its adapted ones: refused)."""
    is_extended = str(row.get("Name")).lower() in extended
    if is_extended:
        return "extended" in views
    if "adapted" in views:
        return True
    if "base" in views:
        if any(n.startswith("Microsoft.Management.Infrastructure.CimInstance") for n in getattr(obj, "type_names", ())):
            raise NotEmulated("Get-Member", "-View Base on a CIM instance (the members of the .NET CimInstance class)")
        return True
    return False


def _member_type_names(value: Any) -> list[str]:
    """-MemberType as names: a PSMemberTypes number is its flags (8 -> NoteProperty, 24 -> NoteProperty, ScriptProperty)."""
    from labkit.twin.psobject_view import MEMBER_TYPE_VALUES

    if isinstance(value, (int, float)) and not isinstance(value, bool):
        n = int(value)
        exact = [k for k, v in MEMBER_TYPE_VALUES.items() if v == n]
        return exact or [k for k, v in MEMBER_TYPE_VALUES.items() if v & n and bin(v).count("1") == 1]
    return [to_string(value)]


@cmdlet("Get-Member", honours={"InputObject", "Name", "MemberType", "Static", "View"}, stream=True)
def get_member_cmdlet(ctx: Any, args: dict[str, Any], input: Any) -> Iterable[Any]:
    # https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/get-member?view=powershell-5.1
    objects = list(input) if input is not None else [args["InputObject"]] if "InputObject" in args else []
    objects = [o for o in objects if o is not None]      # GetMember.cs: $null input is skipped
    if not objects:
        raise CmdletError("You must specify an object for the Get-Member cmdlet.", "CloseError",
                          "NoObjectInGetMember,Microsoft.PowerShell.Commands.GetMemberCommand")
    kinds = [name for k in as_list(args.get("MemberType")) for name in _member_type_names(k)]
    views = {to_string(v).lower() for v in as_list(args.get("View", ["Adapted", "Extended"]))}
    if "all" in views:
        views = {"adapted", "extended", "base"}
    for k in kinds:
        if k.lower() not in (m.lower() for m in MEMBER_TYPES):
            raise CmdletError(
                f"Cannot bind parameter 'MemberType'. Cannot convert value \"{k}\" to type \"System.Management.Automation.PSMemberTypes\". "
                f"Error: \"Unable to match the identifier name {k} to a valid enumerator name. Specify one of the following enumerator "
                f"names and try again:\n{', '.join(MEMBER_TYPES)}\"", "InvalidArgument", "CannotConvertArgumentNoMessage", k)
    wanted: set[str] = set()
    for k in (x.lower() for x in kinds):
        if k == "all":
            wanted = set()
            break
        if k == "properties":
            wanted |= {"aliasproperty", "codeproperty", "property", "noteproperty", "scriptproperty"}
        elif k == "methods":
            wanted |= {"method", "codemethod", "scriptmethod"}
        else:
            wanted.add(k)
    names = [to_string(n) for n in as_list(args.get("Name"))]
    seen: set[str] = set()
    out: list[PSObject] = []
    for obj in objects:
        t, rows = static_members_of(obj) if args.get("Static") else members_of(obj)
        if t in seen:
            continue
        seen.add(t)
        extended = _extended_names(obj) if not args.get("Static") else set()
        for r in rows:
            if wanted and str(r.get("MemberType")).lower() not in wanted:
                continue
            if not args.get("Static") and not _in_view(obj, r, views, extended):
                continue
            if names and not _matches(names, str(r.get("Name"))):
                continue
            out.append(r)
    return out
