"""The parameters the runbooks declare (their papermill ``parameters`` cells),
and the check of `labkit run -p NAME VALUE` / `-f params.yaml` against them:
an unknown name is refused with the names that exist (did you mean), a value
of the wrong type is refused with the type the runbook expects.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable


@dataclass(frozen=True)
class Declared:
    name: str
    type_name: str       # papermill's inferred type: "int", "str", "bool", "list", "None" ...
    default: str         # the default as written in the cell
    notebooks: tuple[str, ...]
    help: str


def declared(book_dir: Path, notebooks: Iterable[str]) -> dict[str, Declared]:
    """Every parameter any runbook declares, with the runbooks that declare it."""
    import papermill as pm

    found: dict[str, Declared] = {}
    for name in notebooks:
        for p, info in pm.inspect_notebook(str(book_dir / f"{name}.ipynb")).items():
            prior = found.get(p)
            found[p] = Declared(p, str(info.get("inferred_type_name") or "None"), str(info.get("default")),
                                (*(prior.notebooks if prior else ()), name), str(info.get("help") or ""))
    return found


def _type_of_default(d: Declared) -> type | tuple[type, ...] | None:
    """The Python type(s) a value must have, from the default (None: any)."""
    text = d.default.strip()
    if text == "None":
        return None
    if text in ("True", "False"):
        return bool
    if text[:1] in "\"'":
        return str
    if text[:1] == "[":
        return list
    if text[:1] == "{":
        return dict
    try:
        int(text)
        return int
    except ValueError:
        pass
    try:
        float(text)
        return (int, float)
    except ValueError:
        return None


def check_against_runbooks(params: dict[str, Any], book_dir: Path, notebooks: Iterable[str]) -> None:
    known = declared(book_dir, notebooks)
    for name, value in params.items():
        if name not in known:
            close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
            hint = f"did you mean {' or '.join(repr(c) for c in close)}? " if close else ""
            names = ", ".join(sorted(n for n in known if n not in ("lab_file", "state_dir", "backend", "training")))
            raise ValueError(f"no runbook declares parameter {name!r}: {hint}the runbooks' parameters are: {names}")
        wanted = _type_of_default(known[name])
        if wanted is None:
            continue
        ok = isinstance(value, wanted) and not (wanted in (int, (int, float)) and isinstance(value, bool))
        if not ok:
            shown = wanted.__name__ if isinstance(wanted, type) else "number"
            raise ValueError(
                f"parameter {name!r} wants a {shown} (default {known[name].default} in {', '.join(known[name].notebooks)}), "
                f"not {value!r} ({type(value).__name__}); VALUE is read as YAML: 42, true, \"text\", [a, b]")
