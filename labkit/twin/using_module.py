"""``using module X`` (about_Using, 5.1): a script module's classes, enums and functions, before the script runs.

https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_using?view=powershell-5.1

- ``X`` is a path (fully qualified, or relative to the script that has the statement, else to the current
  location) to a ``.psm1``, or to a module folder holding ``<folder>.psm1``; or a module name, looked for as
  ``<dir>\\X\\X.psm1`` in the folders of ``$env:PSModulePath``.  Not found: 5.1's parse error
  ``ModuleNotFoundDuringParse`` ("Could not find the module 'X'.", ParserStrings.resx).
- The module's classes and enums are defined for the script, its functions imported into the session
  (the global scope); ``Export-ModuleMember -Function`` with names limits the functions imported.

Refused as not emulated: a module manifest (``.psd1``), a module specification hashtable, and a module that runs
other statements when it loads (its own module scope, ``$script:`` variables of the module, is not modelled).
"""

from __future__ import annotations

import ntpath
from typing import TYPE_CHECKING, Any

from labkit.twin import syntax as S
from labkit.twin.errors import PSParseError, UnsupportedConstruct
from labkit.twin.values import to_string, wildcard_match

if TYPE_CHECKING:
    from labkit.twin.interpreter import Interpreter

MODULE_EXTENSION = ".psm1"


def load(engine: "Interpreter", script: S.Script, as_parse_error: bool = False) -> None:
    """Import every module the script's ``using module`` statements name; a module not found is a ParseException
    (``as_parse_error``: the PSParseError itself, for a caller that reports parse errors its own way)."""
    from labkit.twin.class_bases import parse_failure

    for name, line, col in script.modules:
        node = S.Const(name, line=line, col=col)
        found = _find(engine, name, line)
        if found is None:
            e = PSParseError(f"Could not find the module '{name}'.", line, col, "ModuleNotFoundDuringParse")
            if as_parse_error:
                raise e
            raise parse_failure(engine, e, node)
        _import(engine, name, found[0], found[1], node)


def _text(engine: "Interpreter", path: str) -> str | None:
    from labkit.twin.script_files import _text_of
    return _text_of(engine, path)


def _candidates(full: str) -> list[str]:
    ext = ntpath.splitext(full)[1].lower()
    if ext:
        return [full]
    return [ntpath.join(full, ntpath.basename(full) + MODULE_EXTENSION), full + MODULE_EXTENSION]


def _find(engine: "Interpreter", name: str, line: int) -> tuple[str, str] | None:
    from labkit.twin.paths import absolute
    from labkit.twin.script_files import current_location, is_path

    if is_path(name) or name.startswith("."):
        here = ntpath.dirname(engine.script_path) if engine.script_path else current_location(engine)
        paths = _candidates(absolute(name, here))
    else:
        value = to_string(engine.env_var("env:psmodulepath") or "")     # the session's, with what the script set
        folders = [f for f in value.split(";") if f.strip()]
        paths = [ntpath.join(f.strip(), name, name + MODULE_EXTENSION) for f in folders]
    for path in paths:
        ext = ntpath.splitext(path)[1].lower()
        if ext == ".psd1" or _text(engine, ntpath.splitext(path)[0] + ".psd1") is not None:
            raise UnsupportedConstruct(f"'using module {name}' of a module manifest (.psd1)", line)
        if ext not in (MODULE_EXTENSION, ".ps1"):
            raise UnsupportedConstruct(f"'using module {name}' of a {ext or 'extensionless'} file", line)
        text = _text(engine, path)
        if text is not None:
            return path, text
    return None


def _exports(engine: "Interpreter", st: Any, name: str) -> list[str] | None:
    """The function names of ``Export-ModuleMember -Function a, b`` (literal names or wildcards); None: not that."""
    if type(st) is not S.Pipeline or len(st.stages) != 1 or type(st.stages[0]) is not S.Command:
        return None
    cmd = st.stages[0]
    if not isinstance(cmd.name, str) or cmd.name.lower() != "export-modulemember":
        return None
    elements = list(cmd.elements)
    if len(elements) != 2 or type(elements[0]) is not S.CmdParam or not "function".startswith((elements[0].name or "x").lower()):
        raise UnsupportedConstruct(f"'using module {name}': Export-ModuleMember other than -Function <names>", st.line)
    value = engine.eval(elements[1])
    return [to_string(v) for v in (value if isinstance(value, list) else [value])]


def _import(engine: "Interpreter", name: str, path: str, text: str, node: Any) -> None:
    from labkit.twin.function_scopes import define as define_function
    from labkit.twin.script_files import parse_file
    from labkit.twin.usertypes import hoist

    module = parse_file(engine, path, text, node)
    if module.modules:
        load(engine, module)              # its own `using module` statements first
    functions: list[S.FunctionDef] = []
    exported: list[str] | None = None
    for blk in (module.begin, module.process, module.end):
        if blk is not None and blk.statements:
            raise UnsupportedConstruct(f"'using module {name}': a module with begin/process/end blocks", node.line)
    for st in module.body.statements:
        if type(st) in (S.ClassDef, S.EnumDef):
            continue
        if type(st) is S.FunctionDef:
            functions.append(st)
            continue
        names = _exports(engine, st, name)
        if names is None:
            raise UnsupportedConstruct(f"'using module {name}' of a module that runs statements when it loads (line "
                                       f"{getattr(st, 'line', 0)} of {path}: the module's own scope)", node.line)
        exported = (exported or []) + names
    hoist(engine, module)
    saved = engine.scope
    engine.scope = engine.global_scope
    try:
        for fn in functions:
            if exported is None or any(wildcard_match(fn.name, pattern) for pattern in exported):
                define_function(engine, fn)
    finally:
        engine.scope = saved
