"""Microsoft's own examples of the cmdlets the twin emulates, run on the twin after the whole chain (measured,
not asserted).

Every `### Example` of the Windows Server 2022 module pages (FailoverClusters, Hyper-V, Storage, iSCSI,
IscsiTarget, NetAdapter, NetTCPIP, ServerManager, SmbShare) and of 5.1's CimCmdlets pages, for the cmdlets the
twin emulates, runs with the lab's names (benchmarks/doc_example_names.py) on a copy of one lab state that
`labkit run` built, on the host the module's commands are meant for. Each outcome is one of:

- ran: no error;
- not emulated: refused loudly ("... not emulated by the twin");
- windows error: an error as Windows writes one (an object not found, a parameter set that does not match ...);
- python error: a Python exception out of the twin (a user would meet a traceback: the worst);
- parse error: the twin's parser refused text that 5.1 parses;
- unmapped: the example names something the lab has nothing for (not run).

    python benchmarks/doc_examples.py [--state DIR] [--module M] [--cmdlet C] [--host H] [--show ran,windows error,...]
                                      [--json FILE]

`--state DIR` keeps the built lab there and reuses it on the next run (it is built when DIR has none).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import doc_example_names as names  # noqa: E402
from doc_example_output import differs  # noqa: E402
from doc_example_pages import PS_DOCS, WIN_DOCS, Example, examples_of, page_paths, read_page  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
WIN_MODULES = ("FailoverClusters", "Hyper-V", "Storage", "iSCSI", "IscsiTarget", "NetAdapter", "NetTCPIP",
               "ServerManager", "SmbShare")
PS_MODULES = ("CimCmdlets",)
OUTCOMES = ("ran", "not emulated", "windows error", "python error", "parse error", "unmapped")


@dataclass
class Outcome:
    example: Example
    kind: str
    code: str
    host: str
    detail: str = ""
    text: str = ""


def emulated_cmdlets() -> set[str]:
    from labkit.twin.registry import REGISTRY
    from labkit.twin import modules  # noqa: F401  (registers the emulated cmdlets)

    return {spec.name.lower() for spec in REGISTRY.values()}


def all_examples(only_module: str | None = None, only_cmdlet: str | None = None) -> tuple[list[Example], dict[str, int]]:
    """The examples of the emulated cmdlets' pages, and per module how many pages it has that the twin does not
    emulate."""
    emulated = emulated_cmdlets()
    found: list[Example] = []
    skipped: dict[str, int] = collections.Counter()
    sources = [(WIN_DOCS, f"docset/winserver2022-ps/{m}", m) for m in WIN_MODULES]
    sources += [(PS_DOCS, f"reference/5.1/{m}", m) for m in PS_MODULES]
    for gitdir, folder, module in sources:
        if only_module and module.lower() != only_module.lower():
            continue
        for path in page_paths(gitdir, folder):
            cmdlet = Path(path).stem
            if only_cmdlet and cmdlet.lower() != only_cmdlet.lower():
                continue
            if cmdlet.lower() not in emulated:
                skipped[module] += 1
                continue
            found.extend(examples_of(read_page(gitdir, path), module, cmdlet))
    return found, skipped


def build_state(state: Path) -> Path:
    """The lab after the eight runbooks (`labkit run`), built once into ``state`` and reused."""
    marker = state / ".doc-examples-built"
    if marker.exists():
        return state
    if state.exists():
        shutil.rmtree(state)
    out = state.parent / (state.name + "-run")
    print(f"building the lab with `labkit run --state {state}` (once) ...", file=sys.stderr)
    run = subprocess.run([sys.executable, "-m", "labkit.cli", "run", "--out", str(out), "--state", str(state)],
                         capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"})
    summary = out / "summary.json"
    if run.returncode != 0 or not summary.exists() or not json.loads(summary.read_text()).get("ok"):
        sys.exit(f"labkit run failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}")
    marker.write_text("built by benchmarks/doc_examples.py\n")
    return state


def classify(example: Example, state: Path, scratch: Path, host: str | None = None) -> Outcome:
    from labkit.twin.session import run_script

    host = host or names.HOSTS.get(example.module, names.DEFAULT_HOST)
    missing = names.unmapped(example.code)
    if missing:
        return Outcome(example, "unmapped", example.code, host, f"the lab has nothing for {missing!r}")
    code = names.mapped(example.code, example.key)
    copy = scratch / "state"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(state, copy)
    try:
        r = run_script(code, host=host, state_dir=copy, timeout=60)
    except Exception as e:  # noqa: BLE001  (what the benchmark measures: a Python error out of the twin)
        return Outcome(example, "python error", code, host, "".join(traceback.format_exception_only(e)).strip(),
                       traceback.format_exc())
    if not r.errors:
        return Outcome(example, "ran", code, host, "", r.text)
    first = r.errors[0]
    text = r.error_text
    if first.category == "ParserError" or first.exception_type.endswith("ParseException"):
        kind = "parse error"
    elif any("not emulated" in e.message or e.error_id == "UnsupportedConstruct" for e in r.errors):
        kind = "not emulated"
    elif any("Traceback" in e.message for e in r.errors):
        kind = "python error"
    else:
        kind = "windows error"
    return Outcome(example, kind, code, host, first.message.splitlines()[0] if first.message else "", r.text + text)


def table(outcomes: list[Outcome], skipped: dict[str, int]) -> str:
    modules = sorted({o.example.module for o in outcomes} | set(skipped))
    short = {"not emulated": "refused", "windows error": "win-err", "python error": "PYTHON", "parse error": "PARSE"}
    head = ["module", "examples", *(short.get(k, k) for k in OUTCOMES), "pages not emulated"]
    rows = []
    for m in modules:
        mine = [o for o in outcomes if o.example.module == m]
        c = collections.Counter(o.kind for o in mine)
        rows.append([m, str(len(mine)), *(str(c[k]) for k in OUTCOMES), str(skipped.get(m, 0))])
    c = collections.Counter(o.kind for o in outcomes)
    rows.append(["total", str(len(outcomes)), *(str(c[k]) for k in OUTCOMES), str(sum(skipped.values()))])
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    line = lambda r: "  ".join(v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(r, widths)))  # noqa: E731
    return "\n".join([line(head), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--state", type=Path, default=Path(tempfile.gettempdir()) / "labkit-doc-examples" / "state",
                    help="where the built lab is kept and reused (default: %(default)s)")
    ap.add_argument("--module", help="only this module's pages")
    ap.add_argument("--cmdlet", help="only this cmdlet's page")
    ap.add_argument("--show", default="python error,parse error",
                    help="comma-separated outcomes to list example by example (default: %(default)s; 'all')")
    ap.add_argument("--host", help="run every example on this host instead of the one its module's commands are meant for")
    ap.add_argument("--json", type=Path, help="write every outcome to this file")
    a = ap.parse_args()
    state = build_state(a.state.resolve())
    examples, skipped = all_examples(a.module, a.cmdlet)
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory() as scratch:
        for ex in examples:
            outcomes.append(classify(ex, state, Path(scratch), a.host))
    print(table(outcomes, skipped))
    show = set(OUTCOMES) if a.show == "all" else {s.strip() for s in a.show.split(",")}
    for kind in OUTCOMES:
        if kind not in show:
            continue
        listed = [o for o in outcomes if o.kind == kind]
        if not listed:
            continue
        print(f"\n== {kind} ({len(listed)})")
        for o in listed:
            print(f"\n-- {o.example.module} {o.example.key} on {o.host}: {o.detail}")
            print("   " + o.code.replace("\n", "\n   "))
            if kind in ("python error", "parse error") and o.text:
                print("   " + o.text.strip().replace("\n", "\n   "))
    shapes = [(o, differs(o.example.output, o.text)) for o in outcomes if o.kind == "ran"]
    shapes = [(o, d) for o, d in shapes if d]
    if shapes:
        print(f"\n== ran, but the output's shape differs from the page's ({len(shapes)}; pages older than 2022 show older views)")
        for o, d in shapes:
            print(f"-- {o.example.module} {o.example.key}: {d}")
    if a.json:
        a.json.write_text(json.dumps([{"module": o.example.module, "example": o.example.key, "kind": o.kind,
                                       "host": o.host, "code": o.code, "detail": o.detail, "text": o.text,
                                       "documented_output": o.example.output} for o in outcomes], indent=1))


if __name__ == "__main__":
    main()
