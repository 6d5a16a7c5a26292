"""A types.ps1xml file read as 5.1's TypeTable reads one (Update-TypeData -AppendPath / -PrependPath).

about_Types.ps1xml (5.1): https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_types.ps1xml?view=powershell-5.1
``<Types><Type><Name>T</Name><Members>`` with NoteProperty (Name, Value), AliasProperty (Name, ReferencedMemberName),
ScriptProperty (Name, GetScriptBlock, SetScriptBlock), ScriptMethod (Name, Script), PropertySet (Name,
ReferencedProperties/Name) and the PSStandardMembers MemberSet's DefaultDisplayPropertySet.  A node the schema does
not allow is TypesXmlStrings.resx's UnknownNode in FileLineError's form; CodeProperty, CodeMethod, TypeConverter and
TypeAdapter (compiled .NET code) are refused as not emulated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable
from xml.parsers import expat


@dataclass
class Node:
    tag: str
    line: int
    children: list["Node"] = field(default_factory=list)
    text: str = ""

    def child(self, tag: str) -> "Node | None":
        return next((c for c in self.children if c.tag == tag), None)


class TypesXmlError(ValueError):
    """What makes 5.1 refuse the file (TypesXmlUpdateException)."""


def parse(text: str, path: str) -> Node:
    stack: list[Node] = []
    root: list[Node] = []
    parser = expat.ParserCreate()

    def start(tag: str, attrs: dict[str, str]) -> None:
        node = Node(tag, parser.CurrentLineNumber)
        (stack[-1].children if stack else root).append(node)
        stack.append(node)

    def end(tag: str) -> None:
        stack.pop()

    def data(chars: str) -> None:
        if stack:
            stack[-1].text += chars

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, data
    try:
        parser.Parse(text.lstrip("\ufeff"), True)
    except expat.ExpatError as e:
        raise TypesXmlError(f", {path}({e.lineno}) : Error: {expat.ErrorString(e.code)}") from None
    if not root or root[0].tag != "Types":
        raise TypesXmlError(f", {path} : Node \"Types\" was not found.")
    return root[0]


_TYPE_NODES = ("Name", "Members", "TypeConverter", "TypeAdapter")
_MEMBER_NODES = ("NoteProperty", "AliasProperty", "ScriptProperty", "CodeProperty", "ScriptMethod", "CodeMethod",
                 "PropertySet", "MemberSet")


def _unknown(path: str, node: Node, allowed: tuple[str, ...]) -> TypesXmlError:
    # TypesXmlStrings.resx FileLineError ("{0}, {1}({2}) : Error: {3}", no snap-in for a file a script loads) with UnknownNode
    return TypesXmlError(f", {path}({node.line}) : Error: The node {node.tag} is not allowed. The following nodes are allowed: "
                         f"{', '.join(allowed)}.")


def load(text: str, path: str, make_script: Callable[[str], Any]) -> list[tuple[str, list[Any], list[str] | None]]:
    """(type name, members, default display property set) of each Type the file holds; ``make_script`` turns a script
    block's text into a ScriptBlock."""
    from labkit.twin.errors import NotEmulated
    from labkit.twin.member_kinds import AliasProperty, NoteProperty, PropertySet, ScriptMethod, ScriptProperty

    root = parse(text, path)
    out: list[tuple[str, list[Any], list[str] | None]] = []
    for t in root.children:
        if t.tag != "Type":
            raise _unknown(path, t, ("Type",))
        for c in t.children:
            if c.tag not in _TYPE_NODES:
                raise _unknown(path, c, _TYPE_NODES)
            if c.tag in ("TypeConverter", "TypeAdapter"):
                raise NotEmulated("Update-TypeData", f"a {c.tag} in {path} (compiled .NET code)")
        name_node = t.child("Name")
        if name_node is None or not name_node.text.strip():
            raise TypesXmlError(f", {path}({t.line}) : Error: Node \"Name\" was not found. It should occur only once under "
                                "\"Type\". The parent node, \"Type\", will be ignored.")
        members: list[Any] = []
        display: list[str] | None = None
        for m in (t.child("Members").children if t.child("Members") is not None else []):
            if m.tag not in _MEMBER_NODES:
                raise _unknown(path, m, _MEMBER_NODES)

            def text_of(tag: str, m: Node = m) -> str | None:
                n = m.child(tag)
                return n.text.strip() if n is not None else None

            mname = text_of("Name") or ""
            if m.tag == "NoteProperty":
                members.append(NoteProperty(mname, text_of("Value")))
            elif m.tag == "AliasProperty":
                members.append(AliasProperty(mname, text_of("ReferencedMemberName") or ""))
            elif m.tag == "ScriptProperty":
                get, set_ = text_of("GetScriptBlock"), text_of("SetScriptBlock")
                members.append(ScriptProperty(mname, make_script(get) if get is not None else None,
                                              make_script(set_) if set_ is not None else None))
            elif m.tag == "ScriptMethod":
                members.append(ScriptMethod(mname, make_script(text_of("Script") or "")))
            elif m.tag == "PropertySet":
                refs = m.child("ReferencedProperties")
                members.append(PropertySet(mname, [n.text.strip() for n in (refs.children if refs is not None else [])]))
            elif m.tag == "MemberSet" and mname == "PSStandardMembers":
                for inner in (m.child("Members").children if m.child("Members") is not None else []):
                    inner_name = inner.child("Name")
                    if inner.tag == "PropertySet" and inner_name is not None and inner_name.text.strip() == "DefaultDisplayPropertySet":
                        refs = inner.child("ReferencedProperties")
                        display = [n.text.strip() for n in (refs.children if refs is not None else [])]
                    else:
                        raise NotEmulated("Update-TypeData", f"PSStandardMembers' {inner.tag} in {path}")
            else:
                raise NotEmulated("Update-TypeData", f"a {m.tag} in {path}")
        out.append((name_node.text.strip(), members, display))
    return out
