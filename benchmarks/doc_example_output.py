"""The shape of an example's output as a page shows it and as the twin prints it: a table's column headers
(the line above the dashes) or a list's labels (``Label : value``), in order.

Comparing shapes, not values, finds a wrong formatting view (other columns, another order, a list for a table)
without tripping on the lab's own names and numbers.
"""

from __future__ import annotations

import re

_DASHES = re.compile(r"^\s*-{2,}(\s+-{2,})*\s*$")
_LABEL = re.compile(r"^([A-Za-z][\w ()%.-]*?)\s*:(\s|$)")


def shape(text: str) -> tuple[str, list[str]]:
    """("table", headers) of the first table, else ("list", labels) of the first list record, else ("", [])."""
    lines = [line.rstrip() for line in text.splitlines()]
    for i, line in enumerate(lines[1:], 1):
        if _DASHES.match(line) and lines[i - 1].strip():
            return "table", lines[i - 1].split()
    labels: list[str] = []
    for line in lines:
        m = _LABEL.match(line.strip())
        if m:
            labels.append(m.group(1).strip())
        elif labels and not line.strip():
            break
    return ("list", labels) if labels else ("", [])


def differs(documented: str, printed: str) -> str | None:
    """What differs between the documented output's shape and the twin's, or None (also when the page shows none)."""
    doc_kind, doc_cols = shape(documented)
    if not doc_kind:
        return None
    kind, cols = shape(printed)
    if kind != doc_kind:
        return f"the page shows a {doc_kind} ({' '.join(doc_cols)}), the twin a {kind or 'nothing'} ({' '.join(cols)})"
    if cols != doc_cols:
        return f"{doc_kind} of {' '.join(doc_cols)} on the page, {' '.join(cols)} on the twin"
    return None
