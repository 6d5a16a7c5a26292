"""Static checks of shipped PowerShell (steps, provisioning scripts): the text
parses with tree-sitter-pwsh without error nodes, and every cmdlet and
``-Parameter`` it names exists in Microsoft's reference as labkit records it
(``labkit/twin/signatures.json``, plus any extra reference files)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import tree_sitter
import tree_sitter_pwsh

SIGNATURES = Path(__file__).parent / "twin" / "signatures.json"


@cache
def _parser() -> tree_sitter.Parser:
    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_pwsh.language()))


def parse(text: str | bytes) -> tree_sitter.Node:
    return _parser().parse(text.encode("utf-8") if isinstance(text, str) else text).root_node


def syntax_problems(node: tree_sitter.Node) -> list[str]:
    """Error and missing nodes, each with its line."""
    found = []
    if node.type == "ERROR" or node.is_missing:
        kind = "missing" if node.is_missing else "unparsable"
        found.append(f"{kind} {node.type!r} at line {node.start_point[0] + 1}: {node.text[:60]!r}")
    for child in node.children:
        found += syntax_problems(child)
    return found


def commands(node: tree_sitter.Node) -> list[tuple[str, list[str], int]]:
    """(command name, its -Parameter names, line) for every command in the tree."""
    found = []
    if node.type == "command":
        name = next((c for c in node.children if c.type in ("command_name", "command_name_expr")), None)
        if name is not None:
            params = []
            for elements in (c for c in node.children if c.type == "command_elements"):
                params += [e.text.decode().lstrip("-").rstrip(":") for e in elements.children if e.type == "command_parameter"]
            found.append((name.text.decode(), params, node.start_point[0] + 1))
    for child in node.children:
        found += commands(child)
    return found


def reference(*extra: Path) -> dict[str, set[str]]:
    """Cmdlet name (lower case) -> its parameter names and aliases (lower case),
    common parameters included, from signatures.json and the ``extra`` files."""
    files = [SIGNATURES, *extra]
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in files]
    common: set[str] = set()
    for doc in docs:
        for name, spec in doc.get("common_parameters", {}).items():
            common.add(name.lower())
            common.update(a.lower() for a in spec.get("aliases", []))
    ref: dict[str, set[str]] = {}
    for doc in docs:
        for name, sig in doc["cmdlets"].items():
            names = ref.setdefault(name.lower(), set(common))
            params = sig["parameters"]
            # signatures.json maps names to specs; a smaller reference may list names only.
            for pname in params:
                names.add(pname.lower())
                if isinstance(params, dict):
                    names.update(a.lower() for a in params[pname].get("aliases", []))
    return ref


def unknown_commands(text: str | bytes, ref: dict[str, set[str]]) -> list[str]:
    """Each cmdlet or parameter of ``text`` that the reference does not know."""
    unknown = []
    for name, params, line in commands(parse(text)):
        if name.lower() not in ref:
            unknown.append(f"line {line}: {name} is not in the reference")
            continue
        for p in params:
            if p.lower() not in ref[name.lower()]:
                unknown.append(f"line {line}: {name} has no parameter -{p}")
    return unknown
