"""The help objects Get-Help returns for functions, scripts and cmdlets, shaped as Windows PowerShell 5.1 shapes them.

- A function or script with a help comment: ``MamlCommandHelpInfo``.  5.1 writes the comment as MAML XML
  (``HelpCommentsParser.BuildXmlFromComments``) and turns the XML into objects (``MamlNode``): an element that occurs
  once is an object, one that repeats is an array, a run of ``para`` elements is an array of ``MamlParaTextItem``
  objects with a ``Text`` (so ``.Description[0].Text``), an element with only text is its trimmed text, and XML
  attributes become note properties (``.parameters.parameter[0].required``, even on a string: ``parameterValue``).
  Then Name, Category, Synopsis, Component, Role and Functionality are added (``HelpInfo.AddCommonHelpProperties``).
- A function, script or cmdlet without one: ``ExtendedCmdletHelpInfo`` (``DefaultCommandHelpObjectBuilder``): details,
  syntax, parameters, aliases, remarks; its Synopsis is the command's syntax text.  A cmdlet's help files are not on
  a server where Update-Help never ran, so cmdlets get this "partial help" with the REMARKS that say so.

Sources: PowerShell's ``src/System.Management.Automation/help/{HelpCommentsParser,MamlNode,MamlCommandHelpInfo,
BaseCommandHelpInfo,HelpInfo,DefaultCommandHelpObjectBuilder}.cs`` at commit 237ccbd (still 5.1's), and Get-Help
(5.1): https://learn.microsoft.com/powershell/module/microsoft.powershell.core/get-help?view=powershell-5.1
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Optional

from labkit.twin import syntax as S
from labkit.twin.comment_help import CommentHelp, Source, example_sections, find_help, parameter_texts
from labkit.twin.errors import NotEmulated
from labkit.twin.objects import PSObject
from labkit.twin.signatures import ALL_SETS, CmdletSig
from labkit.twin.types import enum_members, resolve
from labkit.twin.values import to_string

MAML = "http://schemas.microsoft.com/maml/2004/10"
COMMAND = "http://schemas.microsoft.com/maml/dev/command/2004/10"
DEV = "http://schemas.microsoft.com/maml/dev/2004/10"
# System.Management.Automation.CommandTypes (5.1) in value order, as Enum.GetNames lists them
# https://learn.microsoft.com/dotnet/api/system.management.automation.commandtypes
_ENUMS = {"System.Management.Automation.CommandTypes": ("Alias", "Function", "Filter", "Cmdlet", "ExternalScript", "Application",
                                                        "Script", "Workflow", "Configuration", "All")}
_SWITCH = ("switch", "switchparameter", "system.management.automation.switchparameter")


class NotedString(str):
    """A string with note properties: what MamlNode makes of an XML element that has text and attributes."""

    __slots__ = ("notes",)
    notes: dict[str, Any]

    def __new__(cls, text: str, notes: dict[str, Any]) -> "NotedString":
        s = super().__new__(cls, text)
        s.notes = {k.lower(): v for k, v in notes.items()}
        return s


def para(text: str) -> PSObject:
    return PSObject(["MamlParaTextItem", "MamlTextItem"], {"Text": text.strip()})


def _one_or_many(items: list[Any]) -> Any:
    """MamlNode.SimplifyProperties: one element is itself, more are an array."""
    return items[0] if len(items) == 1 else list(items)


def _node(kind: str, props: dict[str, Any]) -> PSObject:
    return PSObject([f"MamlCommandHelpInfo#{kind}"], props)


# -- parameters ------------------------------------------------------------------------------------

@dataclass
class ParamView:
    """What help says of one parameter in one parameter set."""

    name: str
    type_name: str            # .NET Type.Name: String, Object, SwitchParameter, CommandTypes, String[]
    short_type: str           # as Get-Command's syntax writes it: string, Object, int[] ...
    switch: bool
    values: Optional[tuple[str, ...]]   # an enum's names or a ValidateSet's values
    mandatory: bool
    position: Optional[int]
    by_value: bool
    by_property: bool
    globbing: bool
    default: str
    aliases: tuple[str, ...]
    enum_values: Optional[tuple[str, ...]] = None   # the enum's names alone (comment-based help lists only those)
    set_names: tuple[str, ...] = (ALL_SETS,)         # the parameter sets its [Parameter] attributes name
    remaining: bool = False                          # ValueFromRemainingArguments
    help_message: Optional[str] = None               # [Parameter(HelpMessage=...)]: the generated help's description

    def set_text(self) -> str:
        """AddParameterProperties' parameterSetName: (All), or the sets it is in."""
        return "(All)" if ALL_SETS in self.set_names or not self.set_names else ", ".join(self.set_names)


def _type_names(written: Optional[str]) -> tuple[str, str, bool, Optional[tuple[str, ...]]]:
    if not written:
        return "Object", "Object", False, None
    if written.lower() in _SWITCH:
        return "SwitchParameter", "switch", True, None
    t = resolve(written)
    if t is None:
        array = written.endswith("[]")
        bare = written[:-2] if array else written
        enum = next((k for k in _ENUMS if k.lower() == bare.lower() or k.rsplit(".", 1)[-1].lower() == bare.lower()), None)
        base = (enum or bare).rsplit(".", 1)[-1] + ("[]" if array else "")
        return base, (enum or written), False, _ENUMS.get(enum) if enum else None
    element = t.element if t.is_array else t
    assert element is not None
    full = element.full_name
    members = enum_members(full) or _ENUMS.get(full)
    short = ("Object" if full == "System.Object" else element.accelerator_name()) + ("[]" if t.is_array else "")
    return t.name, short, False, members


def _const(engine: Any, node: Any) -> Any:
    if node is None:
        return True
    if type(node) is S.Const:
        return node.value
    return engine.eval(node)


def parameter_sets(engine: Any, script: S.Script, name: str) -> list[tuple[str, list[ParamView]]]:
    """The parameter sets of a function or script in the order 5.1 numbers them (named sets as parameters name
    them; one set for all when none is named), each with its parameters in declaration order."""
    from labkit.twin.script_binding import script_spec   # the binder's view of the param() block (sets, positions)

    spec = script_spec(engine, script, name)
    defaults = parameter_texts(script.source) if script.source is not None else {}
    views: list[tuple[Any, dict[str, Any]]] = []
    for ps in spec.params:
        p = ps.node
        type_name, short, switch, values = _type_names(p.type_name)
        globbing = False
        default = ""
        validate_set: Optional[tuple[str, ...]] = None
        help_default: Optional[str] = None
        help_message: Optional[str] = None
        for at in p.attributes:
            low = at.name.lower()
            if low in ("supportswildcards", "system.management.automation.supportswildcards"):
                globbing = True
            elif low in ("psdefaultvalue", "system.management.automation.psdefaultvalue"):
                for key, node in at.named:
                    if key.lower() == "help":
                        help_default = to_string(_const(engine, node))
                    elif key.lower() == "value" and help_default is None:
                        default = to_string(_const(engine, node))
            elif low == "validateset":
                validate_set = tuple(to_string(_const(engine, a)) for a in at.args)
            elif low in ("parameter", "system.management.automation.parameter") and help_message is None:
                help_message = next((to_string(_const(engine, node)) for key, node in at.named if key.lower() == "helpmessage"), None)
        if help_default:
            default = help_default
        elif not default and p.default is not None:
            default = to_string(p.default.value) if type(p.default) is S.Const else defaults.get(p.name.lower(), "")
        views.append((ps, dict(name=p.name, type_name=type_name, short_type=short, switch=switch,
                               values=validate_set or values, globbing=globbing, default=default, aliases=ps.sig.aliases,
                               enum_values=values, set_names=tuple(ps.sig.sets), remaining=ps.remaining,
                               help_message=help_message)))
    extra = [(n, s) for n, s in spec.sig.params.items() if n in ("WhatIf", "Confirm")]
    names: list[str] = []
    for ps, _ in views:
        for s in ps.sig.sets:
            if s != ALL_SETS and s not in names:
                names.append(s)
    out: list[tuple[str, list[ParamView]]] = []
    for set_name in names or [ALL_SETS]:
        members: list[ParamView] = []
        for ps, v in views:
            info = ps.sig.sets.get(set_name) or ps.sig.sets.get(ALL_SETS)
            if info is None:
                continue
            members.append(ParamView(**v, mandatory=info.mandatory, position=info.position, by_value=info.by_value,
                                     by_property=info.by_property))
        for n, sig in extra:
            members.append(ParamView(n, "SwitchParameter", "switch", True, None, False, None, False, False, False, "", sig.aliases))
        out.append((set_name, members))
    return out


def first_set_view(sets: list[tuple[str, list[ParamView]]]) -> list[ParamView]:
    """Each parameter once, with its data in the set for all or else the first set it is in (BuildXmlFromComments)."""
    seen: dict[str, ParamView] = {}
    for set_name, members in sorted(sets, key=lambda s: s[0] != ALL_SETS):
        for p in members:
            seen.setdefault(p.name.lower(), p)
    order = [p.name.lower() for _, members in sets for p in members]
    return [seen[n] for n in dict.fromkeys(order)]


def _pipeline(p: ParamView, remaining: bool = False) -> str:
    """The pipelineInput text; the default help (GetPipelineInputString) also names FromRemainingArguments."""
    kinds = [k for k, on in (("ByValue", p.by_value), ("ByPropertyName", p.by_property),
                             ("FromRemainingArguments", remaining and p.remaining)) if on]
    return f"true ({', '.join(kinds)})" if kinds else "false"


def _maml_parameter(p: ParamView, description: str, for_syntax: bool) -> PSObject:
    """HelpCommentsParser.BuildXmlForParameter, as MamlNode reads it back."""
    props: dict[str, Any] = {"name": p.name}
    if description:
        props["description"] = [para(description)]
    if p.enum_values:
        group = [NotedString(v, {"required": "false"}) for v in p.enum_values]
        props["parameterValueGroup"] = _node("parameterValueGroup", {"parameterValue": _one_or_many(group)})
    elif not for_syntax or not p.switch:
        props["parameterValue"] = NotedString(p.type_name, {"required": "false" if p.switch else "true"})
    if not for_syntax:
        props["type"] = _node("type", {"name": p.type_name})
        props["defaultValue"] = p.default
    props.update({"required": "true" if p.mandatory else "false", "globbing": "true" if p.globbing else "false",
                  "pipelineInput": _pipeline(p), "position": str(p.position + 1) if p.position is not None else "named"})
    return _node("parameter", props)


# -- help from comments ------------------------------------------------------------------------------

# Uri.IsWellFormedUriString(link, Absolute): a scheme (not a drive letter) and no blanks
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+:(//)?\S+$")


def _output_types(script: S.Script, engine: Any) -> list[str]:
    out: list[str] = []
    for at in script.attributes:
        if at.name.lower() in ("outputtype", "system.management.automation.outputtype"):
            for a in at.args:
                if type(a) is S.TypeLit:
                    t = resolve(a.name)
                    out.append(t.full_name if t is not None else a.name)
                else:
                    out.append(to_string(_const(engine, a)))
    return out


def command_help_uri(engine: Any, script: S.Script) -> str:
    """CommandMetadata.HelpUri of a function or script: its [CmdletBinding(HelpUri = ...)]."""
    for at in script.attributes:
        if at.name.lower() in ("cmdletbinding", "system.management.automation.cmdletbinding"):
            for key, node in at.named:
                if key.lower() == "helpuri":
                    return to_string(_const(engine, node))
    return ""


def maml_help(engine: Any, h: CommentHelp, script: S.Script, name: str, category: str) -> PSObject:
    """MamlCommandHelpInfo.Load(BuildXmlFromComments()) with the common help properties."""
    sets = parameter_sets(engine, script, name)
    params = first_set_view(sets)
    descriptions: dict[str, str] = dict(h.parameters)
    for i, p in enumerate(params):
        if p.name.upper() not in descriptions and i < len(h.parameter_comments):
            descriptions[p.name.upper()] = h.parameter_comments[i]
    details: dict[str, Any] = {"name": name}
    if h.synopsis:
        details["description"] = [para(h.synopsis)]
    props: dict[str, Any] = {"details": _node("details", details)}
    items = []
    for _, members in sets:
        item: dict[str, Any] = {"name": name}
        ps = [_maml_parameter(p, descriptions.get(p.name.upper(), ""), True) for p in members]
        if ps:
            item["parameter"] = _one_or_many(ps)
        items.append(_node("syntaxItem", item))
    props["syntax"] = _node("syntax", {"syntaxItem": _one_or_many(items)})
    plist = [_maml_parameter(p, descriptions.get(p.name.upper(), ""), False) for p in params]
    props["parameters"] = _node("parameters", {"parameter": _one_or_many(plist)} if plist else {})
    if h.description:
        props["description"] = [para(h.description)]
    if h.notes:
        props["alertSet"] = _node("alertSet", {"alert": [para(h.notes)]})
    if h.examples:
        examples = []
        for n, text in enumerate(h.examples, 1):
            prompt, code, remarks = example_sections(text)
            examples.append(_node("example", {
                "title": f"-------------------------- EXAMPLE {n} --------------------------",
                "introduction": [para(prompt)], "code": code,
                "remarks": [para(remarks)] + [para("") for _ in range(4)]}))
        props["examples"] = _node("examples", {"example": _one_or_many(examples)})
    if h.inputs:
        props["inputTypes"] = _node("inputTypes", {"inputType": _one_or_many(
            [_node("inputType", {"type": _node("type", {"name": t.strip()})}) for t in h.inputs])})
    outputs = h.outputs or _output_types(script, engine)
    if outputs:
        props["returnValues"] = _node("returnValues", {"returnValue": _one_or_many(
            [_node("returnValue", {"type": _node("type", {"name": t.strip()})}) for t in outputs])})
    links = [_node("navigationLink", {"uri" if _URI.match(link) else "linkText": link}) for link in h.links]
    help_uri = command_help_uri(engine, script)
    if help_uri and not any(link.has("uri") for link in links):
        # HelpCommentsParser.CreateFromComments: no address among the links, so [CmdletBinding(HelpUri=...)] comes first
        links.insert(0, PSObject(["ExtendedCmdletHelpInfo#navigationLinks"], {"uri": help_uri}))
    if links:
        props["relatedLinks"] = _node("relatedLinks", {"navigationLink": _one_or_many(links)})
    props.update({"xmlns:maml": MAML, "xmlns:command": COMMAND, "xmlns:dev": DEV})
    props.update({"Name": name, "Category": category, "Synopsis": h.synopsis.strip() if h.synopsis else "",
                  "Component": h.component, "Role": h.role, "Functionality": h.functionality,
                  # CommandHelpProvider.GetHelpInfo adds the command's module ("" for a function of the session)
                  "ModuleName": ""})
    return PSObject(["MamlCommandHelpInfo", "HelpInfo"], props)


# -- help without a comment --------------------------------------------------------------------------

def _input_types(sets: list[tuple[str, list[ParamView]]]) -> list[str]:
    out: list[str] = []
    for _, members in sets:
        for p in members:
            if p.by_value or p.by_property or p.remaining:     # 5.1 counts remaining arguments as input too
                t = resolve(p.type_name)
                name = t.display_full_name if t is not None else p.type_name
                if name not in out:
                    out.append(name)
    return out


def display_order(members: list[ParamView]) -> list[ParamView]:
    """CommandParameterSetInfo.GenerateParametersInDisplayOrder: positional parameters by position, then the named
    mandatory ones, then the other named ones."""
    positional = sorted((p for p in members if p.position is not None), key=lambda p: p.position or 0)
    return positional + [p for p in members if p.position is None and p.mandatory] + [
        p for p in members if p.position is None and not p.mandatory]


def syntax_text(name: str, sets: list[tuple[str, list[ParamView]]], common: bool) -> list[str]:
    """The lines of CommandInfo.Syntax: one per set, its parameters in display order (the property puts an empty
    line before each, AppendLine twice: "\\nline1\\n\\nline2\\n")."""
    lines = []
    for _, members in sets:
        parts = [_syntax_param(p) for p in display_order(members)]
        if common:
            parts.append("[<CommonParameters>]")
        lines.append(" ".join([name] + parts))
    return lines


def _syntax_param(p: ParamView) -> str:
    value = "" if p.switch else (" {" + " | ".join(p.values) + "}" if p.values else f" <{p.short_type}>")
    if p.position is not None:
        text = f"[-{p.name}]{value}"
    else:
        text = f"-{p.name}{value}"
    return text if p.mandatory else f"[{text}]"


def default_help(name: str, sets: list[tuple[str, list[ParamView]]], common: bool, category: str, *,
                 aliases: list[str], remarks: str, module: str = "", help_uri: str = "", generic: bool = False,
                 outputs: Optional[list[str]] = None) -> PSObject:
    """DefaultCommandHelpObjectBuilder.GetPSObjectFromCmdletInfo: the help of a command without help content.
    ``outputs`` None: the command's output types are not known to the twin (a cmdlet's [OutputType] is not in
    its signature), so the object has no returnValues and its -Full view is refused."""
    kind = "ExtendedCmdletHelpInfo"
    verb, _, noun = name.partition("-") if category == "Cmdlet" else ("", "", "")
    items = []
    for _, members in sets:
        ps = []
        for p in display_order(members):
            props: dict[str, Any] = {"name": p.name, "required": "true" if p.mandatory else "false", "pipelineInput": _pipeline(p, True),
                                     "isDynamic": "false", "parameterSetName": p.set_text()}
            if p.help_message is not None:
                props["description"] = p.help_message + "\n"      # StringBuilder.AppendLine(HelpMessage)
            if not p.switch:
                props["parameterValue"] = NotedString(p.short_type, {"variableLength": p.type_name.endswith("[]"), "required": "true"})
            props["type"] = PSObject([f"{kind}#type"], {"name": p.short_type})
            props["position"] = str(p.position) if p.position is not None else "Named"
            props["aliases"] = ", ".join(p.aliases) if p.aliases else "None"
            if p.values:
                props["parameterValueGroup"] = PSObject([f"{kind}#parameterValueGroup"], {"parameterValue": list(p.values)})
            ps.append(PSObject([f"{kind}#parameter"], props))
        items.append(PSObject([f"{kind}#syntaxItem"], {"name": name, "CommonParameters": common, "WorkflowCommonParameters": False,
                                                       "parameter": ps}))
    params = sorted(first_set_view(sets), key=lambda p: p.name)
    plist = []
    for p in params:
        props = {"name": p.name, "required": "true" if p.mandatory else "false", "pipelineInput": _pipeline(p, True), "isDynamic": "false",
                 "parameterSetName": p.set_text(), "type": PSObject([f"{kind}#type"], {"name": p.short_type}),
                 "position": str(p.position) if p.position is not None else "Named",
                 "aliases": ", ".join(p.aliases) if p.aliases else "None"}
        if p.help_message is not None:
            props["description"] = p.help_message + "\n"
        if not p.switch:
            props["parameterValue"] = NotedString(p.short_type, {"variableLength": p.type_name.endswith("[]"), "required": "true"})
        plist.append(PSObject([f"{kind}#parameter"], props))
    syntax = "".join("\n" + line + "\n" for line in syntax_text(name, sets, common))
    obj_props: dict[str, Any] = {
        "CommonParameters": common, "WorkflowCommonParameters": False,
        "details": PSObject([f"{kind}#details"], {"name": name, "noun": noun, "verb": verb}),
        "Syntax": PSObject([f"{kind}#syntax"], {"syntaxItem": items}),
        "parameters": PSObject([f"{kind}#parameters"], {"parameter": plist}),
        # AddInputTypesProperties: the full type names of the parameters that take pipeline input, a line each
        "inputTypes": PSObject([f"{kind}#inputTypes"], {"inputType": PSObject([f"{kind}#inputType"], {"type": PSObject(
            [f"{kind}#type"], {"name": "".join(t + "\n" for t in _input_types(sets)) or "None\n"})})}),
        # AddAliasesProperties: each alias (or None) on a line of its own (StringBuilder.AppendLine)
        "aliases": "".join(a + "\n" for a in aliases) if aliases else "None\n", "remarks": remarks,
        "alertSet": None, "description": None, "examples": None, "Synopsis": syntax, "ModuleName": module,
        "nonTerminatingErrors": "", "xmlns:command": COMMAND, "xmlns:dev": DEV, "xmlns:maml": MAML,
        "Name": name, "Category": category, "Component": None, "Role": None, "Functionality": None,
    }
    if outputs is not None:
        # AddOutputTypesProperties: the [OutputType()] names a line each, System.Object without one
        obj_props["returnValues"] = PSObject([f"{kind}#returnValues"], {"returnValue": PSObject([f"{kind}#returnValue"], {
            "type": PSObject([f"{kind}#type"], {"name": "".join(t + "\n" for t in outputs) if outputs else "System.Object"})})})
    if help_uri:
        obj_props["relatedLinks"] = PSObject([f"{kind}#relatedLinks"], {"navigationLink": PSObject(
            [f"{kind}#navigationLinks"], {"uri": help_uri})})
    if generic:
        # CommandHelpProvider.GetHelpInfo: a function's default help keeps only the generic type names
        return PSObject([kind, "CmdletHelpInfo", "HelpInfo"], obj_props)
    return PSObject([f"{kind}#{module}#command", f"{kind}#{module}", kind, "CmdletHelpInfo", "HelpInfo"], obj_props)


def script_help(engine: Any, script: S.Script, name: str, category: str, aliases: list[str]) -> tuple[Optional[CommentHelp], Any]:
    """The help of a function (category Function or Filter) or a script (ExternalScript): from its help comment,
    else the default help.  Returns the comment (for .FORWARDHELPTARGETNAME) and the object."""
    h = find_help(script.source) if script.source is not None else None
    if h is not None and h.external_help is not None and h.comment_count == 1:
        # 5.1 loads the MAML file .EXTERNALHELP names (next to the script or module, in a culture folder); the twin
        # reads no help files, and a default help in its place would be a silent wrong answer
        raise NotEmulated("Get-Help", f".EXTERNALHELP {h.external_help} (the help of {name} is in a MAML file; the twin "
                          "reads no help files)")
    if h is not None:
        return h, maml_help(engine, h, script, name, category)
    sets = parameter_sets(engine, script, name)
    if category == "ExternalScript":
        # SyntaxHelpInfo: a script without help is its syntax text, with the common help properties
        syntax = "".join("\n" + line + "\n" for line in syntax_text(name, sets, script.advanced))
        return None, NotedString(syntax, {"Name": name, "Category": category, "Synopsis": syntax, "Component": None,
                                          "Role": None, "Functionality": None, "ModuleName": ""})
    return None, default_help(name, sets, script.advanced, category, aliases=aliases, remarks="None", generic=True,
                              outputs=_output_types(script, engine), help_uri=command_help_uri(engine, script))


def set_names(sig: CmdletSig) -> list[str]:
    """A cmdlet's parameter set names, the default set first, as Get-Command's syntax and Get-Help list them."""
    names: list[str] = []
    for p in sig.params.values():
        for s in p.sets:
            if s != ALL_SETS and s not in names:
                names.append(s)
    if sig.default_set in names:
        names.remove(sig.default_set)
        names.insert(0, sig.default_set)
    return names or [ALL_SETS]


def cmdlet_sets(sig: CmdletSig, values: dict[str, list[str]]) -> list[tuple[str, list[ParamView]]]:
    """A cmdlet's parameter sets from its signature (default set first, as Get-Command's syntax lists them)."""
    out = []
    for set_name in set_names(sig):
        members = []
        for p in sig.params.values():
            info = p.in_set(set_name)
            if info is None or p.common:
                continue
            short = short_type_name(p.type)
            members.append(ParamView(p.name, p.type, short, p.switch, tuple(values.get(p.name) or ()) or None, info.mandatory,
                                     info.position, info.by_value, info.by_property, False, "", p.aliases, set_names=tuple(p.sets)))
        # -WhatIf and -Confirm come last (they are added after the cmdlet's own parameters)
        members.sort(key=lambda m: m.name in ("WhatIf", "Confirm"))
        out.append((set_name, members))
    return out


_SHORT_TYPES = {
    "String": "string", "Int32": "int", "Int64": "long", "UInt32": "uint32", "UInt64": "uint64", "Boolean": "bool", "Double": "double",
    "DateTime": "datetime", "Hashtable": "hashtable", "ScriptBlock": "scriptblock", "PSCredential": "pscredential", "Byte": "byte",
    "Char": "char", "PSObject": "psobject", "Single": "float", "Decimal": "decimal", "TimeSpan": "timespan", "Guid": "guid",
    "Int16": "int16", "UInt16": "uint16", "SByte": "sbyte", "Uri": "uri", "XmlDocument": "xml", "Version": "version",
}


def short_type_name(t: str) -> str:
    """A parameter type as 5.1's syntax lines name it (string, int, switch types' accelerators); also Get-Command -Syntax."""
    array = t.endswith("[]")
    base = t[:-2] if array else t
    return _SHORT_TYPES.get(base, base) + ("[]" if array else "")
