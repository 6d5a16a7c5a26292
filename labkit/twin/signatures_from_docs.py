"""Rebuild ``signatures.json`` from Microsoft's reference pages (the markdown sources).

The twin behaves as Windows PowerShell 5.1 on Windows Server 2022, so:

- core cmdlets (``Microsoft.PowerShell.*``, ``CimCmdlets``) come from
  MicrosoftDocs/PowerShell-Docs ``reference/5.1/<Module>/<Cmdlet>.md``
  (https://learn.microsoft.com/en-us/powershell/module/<module>/<cmdlet>?view=powershell-5.1);
- module cmdlets come from MicrosoftDocs/windows-powershell-docs
  ``docset/winserver2022-ps/<Module>/<Cmdlet>.md``
  (https://learn.microsoft.com/en-us/powershell/module/<module>/<cmdlet>?view=windowsserver2022-ps);
- the common parameters come from 5.1's about_CommonParameters (no ``-ProgressAction``,
  which PowerShell 7.4 added).

Each page's SYNTAX block names the parameter sets (``### Name (Default)``); each
``### -Parameter`` section of PARAMETERS has a yaml block (one per set when the
attributes differ) with Type, Parameter Sets, Aliases, Accepted values, Required,
Position and Accept pipeline input.  "Accepted values" become ``accepted``: a
``String`` parameter with accepted values carries a ValidateSet; any other type
with accepted values is an enum (``enum_type`` holds its .NET name).

Usage: ``python -m labkit.twin.signatures_from_docs [--ps-docs GITDIR] [--win-docs GITDIR]``
rewrites ``labkit/twin/signatures.json`` in place for the cmdlets it already lists
(order and notes kept), so other entries and merges stay easy.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess

import yaml
from pathlib import Path
from typing import Any

SIGNATURES = Path(__file__).parent / "signatures.json"
PS_DOCS = "/work/.mirror/MicrosoftDocs+PowerShell-Docs/repo"
WIN_DOCS = "/work/.mirror/MicrosoftDocs+windows-powershell-docs/repo"
ALL_SETS = "__AllParameterSets"
CORE_PREFIXES = ("Microsoft.PowerShell.", "CimCmdlets")

# The .NET namespace of enum types the Windows Server pages name only by their short name.
# Hyper-V and FailoverClusters are binary modules (Microsoft.HyperV.PowerShell.dll,
# Microsoft.FailoverClusters.PowerShell.dll); the CIM-based (cdxml) modules generate their
# enums under Microsoft.PowerShell.Cmdletization.GeneratedTypes.<CimClass> (see
# https://learn.microsoft.com/en-us/previous-versions/windows/desktop/wmi_v2/cdxml-overview).
ENUM_NAMESPACES = {
    "Hyper-V": "Microsoft.HyperV.PowerShell",
    "FailoverClusters": "Microsoft.FailoverClusters.PowerShell",
    "ServerManager": "Microsoft.Windows.ServerManager.Commands",
}


# Accepted values on a parameter of these types come from a ValidateSet attribute (a string or
# number checked against a list); on any other type they are the members of an enum.
VALIDATESET_TYPES = {"string", "int16", "int32", "int64", "uint16", "uint32", "uint64", "byte"}

# Modules defined in cdxml (CIM cmdlets over WMI classes): their enums are generated as
# Microsoft.PowerShell.Cmdletization.GeneratedTypes.<CIM class>.<Enum>, the class being the
# cmdlet's noun (e.g. [Microsoft.PowerShell.Cmdletization.GeneratedTypes.NetIPAddress.AddressFamily],
# [Microsoft.PowerShell.Cmdletization.GeneratedTypes.Disk.PartitionStyle]).
CDXML_MODULES = {"Storage", "NetTCPIP", "NetAdapter", "iSCSI", "DnsClient"}


# "Accepted values" that describe values rather than list them: no ValidateSet (Set-Alias -Scope takes "Numbered
# scopes", any number: https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/set-alias?view=powershell-5.1).
DESCRIBED_VALUES = {"Numbered scopes"}


# System.Management.Automation.ActionPreference in 5.1, in value order (the order 5.1's conversion error lists them).
ACTION_PREFERENCE_51 = ("SilentlyContinue", "Stop", "Continue", "Inquire", "Ignore", "Suspend")


def git_show(gitdir: str, path: str) -> str | None:
    try:
        r = subprocess.run(["git", f"--git-dir={gitdir}", "show", f"HEAD:{path}"], capture_output=True, text=True)
    except OSError:   # no git on this machine
        return None
    return r.stdout if r.returncode == 0 else None


def short_type(t: str) -> str:
    """``System.Management.Automation.SwitchParameter`` -> ``SwitchParameter``; generics keep their argument."""
    t = t.strip()
    nullable = re.match(r"^System\.Nullable`1\[\[(.*?)(,.*)?\]\]$", t)
    if nullable:  # [Nullable[DateTime]] binds as DateTime
        return short_type(nullable.group(1))
    m = re.match(r"^(.*?)`\d+\[(.*)\]$", t)
    if m:
        return f"{short_type(m.group(1))}[{short_type(m.group(2))}]"
    arr = ""
    while t.endswith("[]"):
        arr += "[]"
        t = t[:-2]
    return t.rsplit(".", 1)[-1] + arr


def _yaml_blocks(section: str) -> list[dict[str, str]]:
    out = []
    for block in re.findall(r"```yaml\s*\n(.*?)```", section, re.S):
        if "\nParameterSets:" in block:
            out.extend(_v2_blocks(block))
            continue
        fields: dict[str, str] = {}
        for line in block.splitlines():
            if ":" in line:
                k, v = line.split(":", 1)
                fields[k.strip()] = v.strip()
        out.append(fields)
    return out


def _v2_blocks(block: str) -> list[dict[str, str]]:
    """A platyPS 2 yaml block (``ParameterSets:`` as a list) in the shape of the classic blocks."""
    data = yaml.safe_load(block) or {}
    aliases = data.get("Aliases") or []
    out = []
    for ps in data.get("ParameterSets") or [{"Name": "(All)"}]:
        pipe = [k for k, key in (("ByValue", "ValueFromPipeline"), ("ByPropertyName", "ValueFromPipelineByPropertyName"))
                if ps.get(key)]
        out.append({
            "Type": str(data.get("Type", "Object")),
            "Aliases": ", ".join(aliases),
            "Accepted values": ", ".join(str(v) for v in data.get("AcceptedValues") or []),
            "Parameter Sets": str(ps.get("Name", "(All)")),
            "Required": str(bool(ps.get("IsRequired"))),
            "Position": str(ps.get("Position", "Named")),
            "Accept pipeline input": f"True ({', '.join(pipe)})" if pipe else "False",
        })
    return out


def _per_set(text: str, set_name: str) -> str:
    """``True (A, B), False (C)`` -> the value for ``set_name``; a plain value applies to every set."""
    parts = re.findall(r"(\w+)\s*\(([^)]*)\)", text)
    for value, names in parts:
        if set_name in _split_list(names):
            return value
    return parts[0][0] if parts else text


def _pipeline(text: str) -> str | None:
    m = re.search(r"\((.*?)\)", text)
    if not text.lower().startswith("true") or not m:
        return None
    kinds = [k.strip() for k in m.group(1).split(",")]
    order = [k for k in ("ByValue", "ByPropertyName") if k in kinds]
    return ",".join(order) or None


def _split_list(text: str) -> list[str]:
    return [x.strip() for x in text.split(",") if x.strip()]


def parse_page(text: str) -> dict[str, Any]:
    """The signature a reference page documents (module, default set, parameters)."""
    front = re.match(r"^---\n(.*?)\n---", text, re.S)
    meta = {}
    if front:
        for line in front.group(1).splitlines():
            if ":" in line:
                k, v = line.split(":", 1)
                meta[k.strip()] = v.strip()
    syntax = text.split("## SYNTAX", 1)[1].split("\n## ", 1)[0]
    set_names = []
    default_set = None
    for name in re.findall(r"^### (.+?)\s*$", syntax, re.M):
        # "### Path (Default) - FileSystem provider": the set is "Path"
        name = name.split(" - ", 1)[0]
        is_default = name.endswith("(Default)")
        name = name.replace("(Default)", "").strip()
        if name in set_names:
            continue
        set_names.append(name)
        if is_default:
            default_set = name
    if default_set is None:
        default_set = set_names[0] if len(set_names) == 1 else ALL_SETS
    # "### pathSet (Default) - WSMan provider": parameters that only another provider's syntax blocks
    # list are that provider's dynamic parameters (New-Item -ConnectionURI, Get-Item -CodeSigningCert);
    # on the FileSystem drives the twin has they do not exist.
    blocks = re.findall(r"^### (.+?)\s*\n+```\w*\n(.*?)```", syntax, re.M | re.S)
    general = [body for head, body in blocks if " - " not in head or "All providers" in head or "FileSystem" in head]
    provider_only: set[str] = set()
    if len(general) < len(blocks):
        provider_only = set(re.findall(r"-(\w+)", "".join(body for _, body in blocks))) - set(re.findall(r"-(\w+)", "".join(general)))
    # The section heading, not a set named PARAMETERS ("### PARAMETERS" in Get-Help's SYNTAX).
    params_text = re.split(r"^## PARAMETERS\s*$", text, maxsplit=1, flags=re.M)[1]
    params_text = re.split(r"\n## (?!#)", params_text, maxsplit=1)[0]
    params: dict[str, Any] = {}
    for m in re.finditer(r"^### -(\w+)\s*$(.*?)(?=^### |\Z)", params_text, re.M | re.S):
        pname, body = m.group(1), m.group(2)
        if pname in provider_only:
            continue
        blocks = _yaml_blocks(body)
        if not blocks:
            continue
        first = blocks[0]
        ptype = short_type(first.get("Type", "Object"))
        entry: dict[str, Any] = {
            "type": ptype,
            "switch": ptype == "SwitchParameter",
            "aliases": _split_list(first.get("Aliases", "")),
            "sets": {},
        }
        for blk in blocks:
            sets = blk.get("Parameter Sets", "(All)")
            names = [ALL_SETS] if sets in ("(All)", "") else _split_list(sets)
            for s in names:
                pos = _per_set(blk.get("Position", "Named"), s)
                entry["sets"][s] = {
                    "mandatory": _per_set(blk.get("Required", "False"), s).lower() == "true",
                    "position": int(pos) if pos.isdigit() else None,
                    "pipeline": _pipeline(blk.get("Accept pipeline input", "False")),
                }
        accepted = _split_list(first.get("Accepted values", ""))
        if accepted and not any(a in DESCRIBED_VALUES for a in accepted):
            entry["accepted"] = accepted
            base = first.get("Type", "").strip().removesuffix("[]")
            if base.rsplit(".", 1)[-1].lower() not in VALIDATESET_TYPES:
                entry["enum_type"] = base
        params[pname] = entry
    used = {s for p in params.values() for s in p["sets"]}
    if default_set not in used and len(set_names) <= 1:
        # A page with one syntax block under a heading ("### All") whose parameters all say "(All)".
        default_set = ALL_SETS
    return {"module": meta.get("Module Name", ""), "default_set": default_set, "parameters": params}


def page_path(module: str, name: str) -> tuple[str, str]:
    """(git dir kind, path in that repository) of a cmdlet's page."""
    if module.startswith(CORE_PREFIXES):
        return "ps", f"reference/5.1/{module}/{name}.md"
    return "win", f"docset/winserver2022-ps/{module}/{name}.md"


def page_url(module: str, name: str) -> str:
    view = "powershell-5.1" if module.startswith(CORE_PREFIXES) else "windowsserver2022-ps"
    return f"https://learn.microsoft.com/en-us/powershell/module/{module.lower()}/{name.lower()}?view={view}"


def entry_from_page(module: str, name: str, text: str) -> dict[str, Any]:
    page = parse_page(text)
    params = page["parameters"]
    for p in params.values():
        et = p.get("enum_type")
        if et and "." not in et:
            if module in ENUM_NAMESPACES:
                p["enum_type"] = f"{ENUM_NAMESPACES[module]}.{et}"
            elif module in CDXML_MODULES:
                p["enum_type"] = f"Microsoft.PowerShell.Cmdletization.GeneratedTypes.{name.split('-', 1)[1]}.{et}"
    return {"module": page["module"] or module, "source": page_url(module, name),
            "default_set": page["default_set"], "parameters": params}


def common_parameters(ps_docs: str) -> dict[str, Any]:
    """The common parameters 5.1's about_CommonParameters lists, with their aliases."""
    text = git_show(ps_docs, "reference/5.1/Microsoft.PowerShell.Core/About/about_CommonParameters.md") or ""
    src = "https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_commonparameters?view=powershell-5.1"
    out: dict[str, Any] = {}
    for m in re.finditer(r"^### (-?\w+)\s*$(.*?)(?=^### |^## |\Z)", text, re.M | re.S):
        name = m.group(1).lstrip("-")
        blocks = _yaml_blocks(m.group(2))
        # WhatIf/Confirm are risk-management parameters each cmdlet page lists itself. The 5.1 page also
        # describes -ProgressAction, but says it "was added in PowerShell 7.4": 5.1 has no such parameter.
        if not blocks or name in ("WhatIf", "Confirm", "ProgressAction"):
            continue
        t = short_type(blocks[0].get("Type", "Object"))
        aliases = _split_list(blocks[0].get("Aliases", ""))
        out[name] = {"type": t, "switch": t == "SwitchParameter", "aliases": aliases, "source": src}
        # ActionPreference.Break came with PowerShell 7; 5.1's enum ends at Suspend
        # (https://learn.microsoft.com/en-us/dotnet/api/system.management.automation.actionpreference?view=powershellsdk-1.1.0).
        accepted = [v for v in ACTION_PREFERENCE_51 if v in _split_list(blocks[0].get("Accepted values", ""))]
        if accepted:
            out[name]["accepted"] = accepted
            out[name]["enum_type"] = "System.Management.Automation." + blocks[0].get("Type", "").strip()
    return out


def rebuild(doc: dict[str, Any], ps_docs: str = PS_DOCS, win_docs: str = WIN_DOCS) -> tuple[dict[str, Any], list[str]]:
    """``doc`` with every listed cmdlet rebuilt from its page; the names without a page."""
    missing: list[str] = []
    cmdlets: dict[str, Any] = {}
    for name, old in doc["cmdlets"].items():
        module = old.get("module", "")
        kind, path = page_path(module, name)
        text = git_show(ps_docs if kind == "ps" else win_docs, path)
        if text is None:
            missing.append(name)
            cmdlets[name] = old
            continue
        new = entry_from_page(module, name, text)
        if "note" in old and not module.startswith(CORE_PREFIXES):
            new = {**{k: new[k] for k in ("module", "source", "default_set")}, "note": old["note"], "parameters": new["parameters"]}
        cmdlets[name] = new
    common = common_parameters(ps_docs) or doc.get("common_parameters", {})
    about = ("Cmdlet signatures as Microsoft's reference documents them for Windows PowerShell 5.1 on Windows Server 2022: "
             "core cmdlets from MicrosoftDocs/PowerShell-Docs reference/5.1, module cmdlets from "
             "MicrosoftDocs/windows-powershell-docs docset/winserver2022-ps, common parameters from 5.1's "
             "about_CommonParameters; generated by labkit/twin/signatures_from_docs.py. Each cmdlet cites its page in "
             "'source'; 'accepted' lists a parameter's accepted values (a ValidateSet, or the members of the enum "
             "'enum_type'); 'note' records where a page contradicts itself.")
    return {"about": about, "common_parameters": common, "cmdlets": cmdlets}, missing


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ps-docs", default=PS_DOCS, help="git dir of MicrosoftDocs/PowerShell-Docs")
    ap.add_argument("--win-docs", default=WIN_DOCS, help="git dir of MicrosoftDocs/windows-powershell-docs")
    ap.add_argument("--out", default=str(SIGNATURES))
    ns = ap.parse_args(argv)
    doc = json.loads(SIGNATURES.read_text(encoding="utf-8"))
    new, missing = rebuild(doc, ns.ps_docs, ns.win_docs)
    Path(ns.out).write_text(json.dumps(new, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for name in missing:
        print(f"no page for {name}: kept as it was")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
