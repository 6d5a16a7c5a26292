"""Get-ChildItem's -Include and -Exclude on the FileSystem drive, as 5.1's engine applies them.

PowerShell applies the two after the provider enumerates (Get-ChildItem, 5.1:
https://learn.microsoft.com/powershell/module/microsoft.powershell.management/get-childitem?view=powershell-5.1,
-Include, -Exclude, examples 4 and 5), in SessionStateContainer.GetChildItems and ProcessPathItems
(src/System.Management.Automation/engine/SessionStateContainer.cs at 237ccbd, the 5.1 engine):

- Without -Recurse the path itself is globbed *with* the filters (LocationGlobber.ShouldPerformGlobbing: filters
  make a path glob): a path whose last part fails them is dropped, so ``Get-ChildItem C:\\Test -Include *.txt``
  writes nothing (example 4) and ``-Exclude T*`` nothing either; a wildcard path keeps the children of its parent
  that match the wildcard and the filters.
- With -Recurse the path is globbed without them (they are set aside while globbing); a wildcard last part without
  -Include becomes an -Include of the parent (``dir c:\\tem* -rec => dir c:\\ -include tem* -rec``).
- Then each path is processed: a folder's children (folders first, then files, each by name, as the provider lists
  them) are written when they match an -Include pattern (any, when there is none) and no -Exclude pattern, and with
  -Recurse each child folder is processed right after it, whatever its name; a file is written when it matches.
- -Depth has no effect with -Include in 5.1 (the page's note on -Depth); -Include and -Exclude have no effect with
  -LiteralPath in 5.1 (the page's note on both).

Patterns are PowerShell wildcards, case-insensitive (WildcardOptions.IgnoreCase).
"""

from __future__ import annotations

from typing import Callable, Iterator

from labkit.twin.values import like


def matches(name: str, include: list[str], exclude: list[str]) -> bool:
    """Whether ``name`` passes: it matches an -Include pattern (any name, when there is none) and no -Exclude one."""
    if include and not any(like(name, p) for p in include):
        return False
    return not any(like(name, p) for p in exclude)


def process(rels: list[str], start: str, *, recurse: bool, depth: int | None, include: list[str], exclude: list[str],
            is_file: Callable[[str], bool], keep: Callable[[str], bool]) -> Iterator[str]:
    """ProcessPathItems over the folder ``start`` (relative path, "" for the listed folder itself): the relative paths
    written, in the engine's order. ``rels``: every path below the listed folder; ``keep(rel)``: the provider's own
    filters (-Filter, -File, -Directory) that decide whether a child is written at all."""
    children: dict[str, list[str]] = {}
    for r in rels:
        children.setdefault(r.rsplit("\\", 1)[0] if "\\" in r else "", []).append(r)

    def visit(folder: str, level: int) -> Iterator[str]:
        kids = children.get(folder, [])
        ordered = sorted((k for k in kids if not is_file(k)), key=str.lower) + sorted((k for k in kids if is_file(k)), key=str.lower)
        for rel in ordered:
            if matches(rel.rsplit("\\", 1)[-1], include, exclude) and keep(rel):
                yield rel
            if recurse and not is_file(rel) and (depth is None or level < depth):
                yield from visit(rel, level + 1)

    yield from visit(start, 0)
