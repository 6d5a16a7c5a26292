"""``[xml]`` documents and PowerShell's XML adapter.

``[xml]$text`` (or ``[xml](Get-Content file.xml)``) parses into a
System.Xml.XmlDocument; PowerShell then shows every XmlNode through its XML
adapter (``XmlNodeAdapter`` in PowerShell's engine/CoreAdapter.cs, the same
in 5.1): a node's properties are its attributes and its child nodes, by local
name, case-insensitive; several children of one name make an array; whitespace
is ignored.  A node's value is simplified: a text node, an element without
attributes that has no children or a single text child, and an attribute give
their text; anything else stays a node.  So ``<Title><Value><![CDATA[x]]>
</Value></Title>`` reads as ``$n.Title.Value.'#cdata-section'`` (a CDATA
section is not a text node, so ``Value`` stays an element).  When no adapted
property has the name, the node's .NET properties answer (``Name``,
``InnerText``, ``DocumentElement`` ...); the .NET members the twin does not
model (``OuterXml``, ``SelectNodes()`` ...) are refused, never answered $null.
``"$node"`` is the node's local name (PowerShell's ToString for XmlNode).
``$node.name = value`` stores the value as a string where the adapter's
PropertySet allows it (a text, an attribute, an element without attributes
and at most one text child) and refuses the rest with Windows' text.

Each node becomes a :class:`XmlNodeObject` (a PSObject), built once from the
parsed tree (xml.dom.minidom, which keeps CDATA sections apart from text).
"""

from __future__ import annotations

import re
from typing import Any
from xml.dom import Node, minidom
from xml.parsers.expat import ExpatError

from labkit.twin.objects import PSEnum, PSObject
from labkit.twin.values import PSRuntimeError, as_list, to_string

_TYPES = {
    Node.DOCUMENT_NODE: ["System.Xml.XmlDocument", "System.Xml.XmlNode", "System.Object"],
    Node.ELEMENT_NODE: ["System.Xml.XmlElement", "System.Xml.XmlLinkedNode", "System.Xml.XmlNode", "System.Object"],
    Node.ATTRIBUTE_NODE: ["System.Xml.XmlAttribute", "System.Xml.XmlNode", "System.Object"],
    Node.TEXT_NODE: ["System.Xml.XmlText", "System.Xml.XmlCharacterData", "System.Xml.XmlLinkedNode", "System.Xml.XmlNode", "System.Object"],
    Node.CDATA_SECTION_NODE: ["System.Xml.XmlCDataSection", "System.Xml.XmlCharacterData", "System.Xml.XmlLinkedNode",
                              "System.Xml.XmlNode", "System.Object"],
    Node.COMMENT_NODE: ["System.Xml.XmlComment", "System.Xml.XmlCharacterData", "System.Xml.XmlLinkedNode", "System.Xml.XmlNode",
                        "System.Object"],
    Node.PROCESSING_INSTRUCTION_NODE: ["System.Xml.XmlProcessingInstruction", "System.Xml.XmlLinkedNode", "System.Xml.XmlNode",
                                       "System.Object"],
}
# System.Xml.XmlNodeType: https://learn.microsoft.com/dotnet/api/system.xml.xmlnodetype
_NODE_TYPE = {Node.ELEMENT_NODE: ("Element", 1), Node.ATTRIBUTE_NODE: ("Attribute", 2), Node.TEXT_NODE: ("Text", 3),
              Node.CDATA_SECTION_NODE: ("CDATA", 4), Node.PROCESSING_INSTRUCTION_NODE: ("ProcessingInstruction", 7),
              Node.COMMENT_NODE: ("Comment", 8), Node.DOCUMENT_NODE: ("Document", 9)}
_LOCAL_NAME = {Node.DOCUMENT_NODE: "#document", Node.TEXT_NODE: "#text", Node.CDATA_SECTION_NODE: "#cdata-section",
               Node.COMMENT_NODE: "#comment"}
# Public properties of System.Xml.XmlNode / XmlElement / XmlDocument (https://learn.microsoft.com/dotnet/api/system.xml.xmlelement,
# .../system.xml.xmldocument) the twin does not model: asked for, they are refused rather than answered $null.
_UNMODELLED = {"attributes", "baseuri", "documenttype", "implementation", "innerxml", "isreadonly", "item", "nametable",
               "nextsibling", "outerxml", "ownerdocument", "preservewhitespace", "previoussibling", "previoustext", "schemainfo",
               "schemas", "xmlresolver", "ownerelement", "specified"}
_METHODS_REFUSED = ("SelectNodes", "SelectSingleNode", "Save", "Load", "LoadXml", "CreateElement", "AppendChild", "RemoveChild",
                    "SetAttribute", "RemoveAttribute", "ImportNode", "CloneNode", "WriteTo", "WriteContentTo", "GetElementsByTagName")


def _not_emulated(what: str) -> PSRuntimeError:
    return PSRuntimeError(f"{what} of an XML node is not emulated by the twin.", "NotImplemented", "NotEmulated")


def _local(node: Node) -> str:
    if node.nodeType in _LOCAL_NAME:
        return _LOCAL_NAME[node.nodeType]
    return node.localName or node.nodeName


def _inner_text(node: Node) -> str:
    if node.nodeType in (Node.TEXT_NODE, Node.CDATA_SECTION_NODE, Node.COMMENT_NODE, Node.PROCESSING_INSTRUCTION_NODE):
        return node.data
    if node.nodeType == Node.ATTRIBUTE_NODE:
        return node.value
    return "".join(_inner_text(c) for c in _children(node) if c.nodeType != Node.COMMENT_NODE)


def _children(node: Node) -> list[Node]:
    """Child nodes as XmlDocument keeps them without PreserveWhitespace: whitespace-only text is dropped."""
    return [c for c in node.childNodes if not (c.nodeType == Node.TEXT_NODE and not c.data.strip())]


class XmlNodeObject(PSObject):
    """An XmlNode seen through PowerShell's XML adapter."""

    __slots__ = ("node", "declaration", "_built")

    def __init__(self, node: Node, declaration: str | None = None):
        super().__init__(_TYPES.get(node.nodeType, ["System.Xml.XmlNode", "System.Object"]), tostring=_local(node))
        self.node, self.declaration, self._built = node, declaration, False     # _built: the document version built from

    # -- the adapted properties (attributes, then child nodes), built on first use -------------
    def _document(self) -> Node:
        return self.node if self.node.nodeType == Node.DOCUMENT_NODE else self.node.ownerDocument

    def _build(self) -> None:
        # Built again after any change to the document (a property set through another node's object).
        version = getattr(self._document(), "_labkit_version", 0)
        if self._built is not False and self._built == version:
            return
        self._props.clear()
        self._index.clear()
        self._built = version
        groups: dict[str, list[Any]] = {}
        names: dict[str, str] = {}
        members: list[tuple[str, Any]] = []
        if self.declaration is not None:
            members.append(("xml", self.declaration))     # XmlDeclaration: its InnerText, e.g. version="1.0" encoding="utf-8"
        attrs = self.node.attributes if self.node.nodeType == Node.ELEMENT_NODE else None
        for i in range(attrs.length if attrs is not None else 0):
            a = attrs.item(i)
            members.append((a.localName or a.name, a))
        for c in _children(self.node):
            members.append((_local(c), c))
        for name, n in members:
            key = name.lower()
            names.setdefault(key, name)
            groups.setdefault(key, []).append(n)
        for key, nodes in groups.items():
            values = [n if isinstance(n, str) else node_value(n) for n in nodes]
            PSObject.set(self, names[key], values[0] if len(values) == 1 else values)

    def has(self, name: str) -> bool:
        self._build()
        return PSObject.has(self, name) or name.lower() in _DOTNET or name.lower() in _UNMODELLED

    def get(self, name: str, default: Any = None) -> Any:
        self._build()
        if PSObject.has(self, name):
            return PSObject.get(self, name)
        low = name.lower()
        if low in _DOTNET:
            return _DOTNET[low](self)
        if low in _UNMODELLED:
            raise _not_emulated(f"The .NET property '{name}'")
        return default

    def set(self, name: str, value: Any) -> None:
        """``$node.name = value``: the adapter's PropertySet -- the value as a string into a single text, attribute,
        or element with no attributes and at most one text child; anything else is refused as Windows refuses it."""
        text = to_string(value)
        low = name.lower()
        nodes = [n for n in self._members() if _local(n).lower() == low]
        if not nodes:
            if low == "innertext" and self.node.nodeType in (Node.ELEMENT_NODE, Node.ATTRIBUTE_NODE):
                nodes = [self.node]
            else:
                raise _not_emulated(f"Setting the .NET property '{name}'")
        if len(nodes) > 1 or (nodes[0].nodeType == Node.ELEMENT_NODE and nodes[0].attributes.length):
            raise PSRuntimeError(f'Cannot set "{_local(nodes[0])}" because only strings can be used as values to set XmlNode properties.',
                                 "NotSpecified", "XmlNodeSetRestrictions")
        node = nodes[0]
        kids = _children(node) if node.nodeType == Node.ELEMENT_NODE else []
        if node.nodeType == Node.TEXT_NODE:
            node.data = text
        elif node.nodeType == Node.ATTRIBUTE_NODE:
            node.value = text
        elif node.nodeType == Node.ELEMENT_NODE and (not kids or (len(kids) == 1 and kids[0].nodeType == Node.TEXT_NODE)):
            for c in list(node.childNodes):
                node.removeChild(c)
            node.appendChild(node.ownerDocument.createTextNode(text))
        else:
            raise PSRuntimeError(f'Cannot set "{_local(node)}" because only strings can be used as values to set XmlNode properties.',
                                 "NotSpecified", "XmlNodeSetRestrictions")
        doc = self._document()
        doc._labkit_version = getattr(doc, "_labkit_version", 0) + 1

    def _members(self) -> list[Node]:
        attrs = self.node.attributes if self.node.nodeType == Node.ELEMENT_NODE else None
        return [attrs.item(i) for i in range(attrs.length if attrs is not None else 0)] + _children(self.node)

    def names(self) -> list[str]:
        self._build()
        return PSObject.names(self)

    def items(self) -> Any:
        self._build()
        return PSObject.items(self)

    def dotnet_call(self, name: str, args: list[Any]) -> Any:
        low = name.lower()
        if low == "tostring" and not args:
            return self.tostring
        if low in ("getattribute", "hasattribute") and len(args) == 1 and self.node.nodeType == Node.ELEMENT_NODE:
            attr = to_string(args[0])
            if low == "hasattribute":
                return self.node.hasAttribute(attr)
            return self.node.getAttribute(attr)
        if any(low == m.lower() for m in _METHODS_REFUSED):
            raise _not_emulated(f"The method {name}()")
        raise AttributeError(name)


def node_value(node: Node) -> Any:
    """What the adapter gives for one node (GetNodeObject): its text when it is that simple, else the node."""
    if node.nodeType == Node.TEXT_NODE:
        return node.data
    if node.nodeType == Node.ATTRIBUTE_NODE:
        return node.value
    if node.nodeType == Node.ELEMENT_NODE and node.attributes is not None and node.attributes.length:
        return XmlNodeObject(node)
    kids = _children(node)
    if node.nodeType in (Node.CDATA_SECTION_NODE, Node.COMMENT_NODE, Node.PROCESSING_INSTRUCTION_NODE) or not kids:
        return _inner_text(node)
    if len(kids) == 1 and kids[0].nodeType == Node.TEXT_NODE:
        return _inner_text(node)
    return XmlNodeObject(node)


def _wrap(node: Node | None) -> XmlNodeObject | None:
    return XmlNodeObject(node) if node is not None else None


def _element_children(o: XmlNodeObject) -> list[XmlNodeObject]:
    return [XmlNodeObject(c) for c in _children(o.node)]


_DOTNET: dict[str, Any] = {
    "name": lambda o: o.node.nodeName if o.node.nodeType not in _LOCAL_NAME else _LOCAL_NAME[o.node.nodeType],
    "localname": lambda o: _local(o.node),
    "namespaceuri": lambda o: o.node.namespaceURI or "",
    "prefix": lambda o: o.node.prefix or "",
    "innertext": lambda o: _inner_text(o.node),
    "value": lambda o: o.node.data if o.node.nodeType in (Node.TEXT_NODE, Node.CDATA_SECTION_NODE, Node.COMMENT_NODE)
    else (o.node.value if o.node.nodeType == Node.ATTRIBUTE_NODE else None),
    "nodetype": lambda o: PSEnum("System.Xml.XmlNodeType", *_NODE_TYPE.get(o.node.nodeType, ("None", 0))),
    "haschildnodes": lambda o: bool(_children(o.node)),
    "hasattributes": lambda o: bool(o.node.nodeType == Node.ELEMENT_NODE and o.node.attributes.length),
    "isempty": lambda o: o.node.nodeType == Node.ELEMENT_NODE and not o.node.childNodes,
    "childnodes": lambda o: _element_children(o),
    "firstchild": lambda o: (_element_children(o) or [None])[0],
    "lastchild": lambda o: (_element_children(o) or [None])[-1],
    "parentnode": lambda o: _wrap(o.node.parentNode),
    "documentelement": lambda o: _wrap(o.node.documentElement) if o.node.nodeType == Node.DOCUMENT_NODE else None,
}

_DECLARATION = re.compile(r"^\s*<\?xml\s+(.*?)\?>", re.S)


def parse(value: Any) -> XmlNodeObject:
    """``[xml]value``: a string, or lines (``Get-Content`` without -Raw) joined by newlines."""
    if isinstance(value, XmlNodeObject) and value.node.nodeType == Node.DOCUMENT_NODE:
        return value
    text = "\n".join(to_string(v) for v in as_list(value)) if isinstance(value, list) else to_string(value)
    try:
        doc = minidom.parseString(text.lstrip("\ufeff").encode("utf-8") if not _DECLARATION.match(text) else
                                  _without_encoding(text).encode("utf-8"))
    except ExpatError as e:
        shown = text if len(text) <= 60 else text[:57] + "..."
        raise PSRuntimeError(f'Cannot convert value "{shown}" to type "System.Xml.XmlDocument". Error: "{_reason(e)}"',
                             "InvalidArgument", "InvalidCastToXmlDocument") from None
    m = _DECLARATION.match(text)
    return XmlNodeObject(doc, declaration=m.group(1).strip() if m else None)


def _without_encoding(text: str) -> str:
    """The text is already decoded: drop the declaration's encoding so expat reads it as the UTF-8 we hand it."""
    return _DECLARATION.sub(lambda m: "<?xml " + re.sub(r"\s*encoding\s*=\s*(['\"]).*?\1", "", m.group(1)) + "?>", text.lstrip("\ufeff"), 1)


def _reason(e: ExpatError) -> str:
    # .NET's XmlException texts differ; the position (1-based line and column) is what a reader needs.
    from xml.parsers.expat import ErrorString

    return f"{ErrorString(e.code).capitalize()}. Line {e.lineno}, position {e.offset + 1}."
