"""PowerShell's own Pester tests, run on the twin (measured, not asserted).

Runs each ``*.Tests.ps1`` file under a directory through the twin with the
Pester-like harness of ``benchmarks/pester_harness.ps1`` and counts the ``It``
cases that pass, fail (a ``Should`` assertion) or error (anything else thrown,
a construct the twin refuses, a Python error of the twin) per file, then lists
the failure messages grouped by cause, the most frequent first.

    python benchmarks/pester_cases.py                      # the Language tests of the mirror
    python benchmarks/pester_cases.py DIR [DIR|FILE ...]   # other Pester files
    python benchmarks/pester_cases.py --only Operators --show 40 --cases

Without a directory it exports ``test/powershell`` from the PowerShell mirror
(``/work/.mirror/PowerShell+PowerShell/repo``, or ``--mirror GITDIR``) into a
temporary directory.  To get such a checkout elsewhere:
``git clone --depth 1 https://github.com/PowerShell/PowerShell`` and pass
``PowerShell/test/powershell/Language``.

Files and cases that are PowerShell 7-only (``?:``, ``??``, ``?.``, ``&&``,
``||``, ``-Parallel``, ``$PSStyle``, clean blocks, 7-only cmdlets) or need a
real operating system (processes, remoting, COM, compiled C#) are skipped and
counted apart: the twin is Windows PowerShell 5.1.
"""

from __future__ import annotations

import argparse
import collections
import io
import re
import subprocess
import sys
import tarfile
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from labkit.twin import limits
from labkit.twin import modules as _modules  # noqa: F401  (registers the emulated cmdlets)
from labkit.twin.grammar_gaps import _matching, code_mask
from labkit.twin.errors import PSParseError, UnsupportedConstruct
from labkit.twin.interpreter import Interpreter
from labkit.twin.parser import _PARSER, parse
from labkit.twin.session import reset
from labkit.twin.store import Store

MIRROR = Path("/work/.mirror/PowerShell+PowerShell/repo")
HARNESS = Path(__file__).with_name("pester_harness.ps1")
HOST = "CLUSTERNODE-1"
TEST_DRIVE = r"C:\Users\Administrator\AppData\Local\Temp\PesterTestDrive"
DEFAULT_DIRS = ["Language/Parser", "Language/Scripting", "Language/Operators", "Language/Classes",
                "Modules/Microsoft.PowerShell.Utility", "Modules/Microsoft.PowerShell.Core"]
# Whole files that are PowerShell 7-only or test what only a real OS has (named by the file's stem).
SKIP_FILES = {
    "NullConditional": "7-only: ?. ?[] ??",
    "PipelineChainOperator": "7-only: && ||",
    "TernaryOperator": "7-only: ?:",
    "ForeachParallel": "7-only: ForEach-Object -Parallel",
    "SwitchParallel": "7-only: switch -Parallel",
    "CleanBlockErrorHandling": "7-only: clean blocks",
    "SuppressAnsiEscapeSequence": "7-only: $PSStyle",
    "NativeCommandArguments": "real OS: native programs",
    "NativeCommandPathUpdate": "real OS: native programs",
    "NativeCommandProcessor": "real OS: native programs",
    "NativeLinuxCommands": "real OS: native programs",
    "NativeStreams": "real OS: native programs",
    "NativeUnixGlobbing": "real OS: native programs",
    "NativeWindowsTildeExpansion": "real OS: native programs",
    "DebuggerCommand": "real OS: the debugger",
    "DebuggerScriptTests": "real OS: the debugger",
    "Debugging": "real OS: the debugger",
    "DebuggingInHost": "real OS: the debugger",
    "PipelineStoppedToken": "7-only: PipelineStopToken",
    "Scripting.Classes.NoRunspaceAffinity": "7-only: NoRunspaceAffinity",
    "ExtensibleCompletion": "real OS: TabExpansion2 over modules",
    "I18n": "real OS: culture resources",
    "ConstrainedLanguageMode": "real OS: WDAC lockdown",
    "DeserializedMethods": "real OS: remoting",
    "MethodInvocation": "7-only: generic method type arguments, ::Select[int, float]() (7.3)",
    "Get-SecureRandom": "7-only: Get-SecureRandom (7.4)",
    "WebCmdlets": "real OS: a web server (WebListener)",
    "Implicit.Remoting": "real OS: remoting",
    "Job": "real OS: background jobs",
    "CompatiblePSEditions.Module": "real OS: modules on disk and PowerShell editions",
    "ModuleConstraint": "real OS: modules on disk",
    "Import-Module": "real OS: modules on disk",
    "Get-Module": "real OS: modules on disk",
    "Remove-Module": "real OS: modules on disk",
    "RemoteGetModule": "real OS: remoting",
    "PSSessionConfiguration": "real OS: remoting endpoints",
    "Enter-PSHostProcess": "real OS: processes",
    "Get-PSHostProcessInfo": "real OS: processes",
}
# Lines that load PowerShell's test helper modules: the harness provides what the tests use of them.
_HELPER_IMPORT = re.compile(r"^\s*(Import-Module|\.)\s+.*(Helpers\w*|\.psm1|\.ps1)\b.*$", re.I | re.M)
_IT = re.compile(r"^\s*It\s+", re.I | re.M)


@dataclass
class Case:
    status: str
    name: str
    message: str = ""


@dataclass
class FileResult:
    path: str
    cases: list[Case] = field(default_factory=list)
    note: str = ""
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for c in self.cases if c.status == status)


def export_mirror(mirror: Path, into: Path) -> Path:
    """``test/powershell`` of the mirror's HEAD, extracted under ``into``."""
    data = subprocess.run(["git", f"--git-dir={mirror}", "archive", "HEAD", "test/powershell"],
                          check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into / "test" / "powershell"


class Runner:
    def __init__(self, timeout: float) -> None:
        self.state = Path(tempfile.mkdtemp(prefix="pester-twin-"))
        reset(self.state)
        self.timeout = timeout
        self.harness = HARNESS.read_text(encoding="utf-8")
        self.harness_tree = parse(self.harness)  # a harness the twin cannot parse fails at once

    def run_file(self, path: Path) -> FileResult:
        result = FileResult(str(path))
        started = time.perf_counter()
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        text = _HELPER_IMPORT.sub(lambda m: "# (harness) " + m.group(0).strip(), text)
        # Pester's TestDrive: drive is a folder of the harness (no PSDrive on the twin)
        text = re.sub(r"(?i)\bTestDrive:", lambda m: TEST_DRIVE, text)
        # Pester 4 runs BeforeAll in the scope of the Describe body: the harness's BeforeAll is dot-sourced
        text = re.sub(r"(?im)^([ \t]*)BeforeAll(?=[ \t]*\{)", r"\1. BeforeAll", text)
        total = len(_IT.findall(text))
        text = _skip_unicode_escape_its(text)
        refused = 0
        lines_refused: set[int] = set()
        while True:
            try:
                tree = parse(text)
                break
            except Exception as e:  # PSParseError, UnsupportedConstruct, or a Python error of the parser (a bug)
                kind = type(e).__name__ if isinstance(e, (PSParseError, UnsupportedConstruct)) else \
                    f"python error in parser: {type(e).__name__}"
                msg = f"parse: {kind}: {_first_line(str(e))}"
                # The It whose block holds the error throws the parse error instead: the other Its still run.
                line = getattr(e, "line", 0)
                while line in lines_refused:
                    # refusing the It there did not help: tree-sitter's error started in an It above it
                    line = _it_above(text, line)
                fixed = _refuse_it(text, line, msg) if refused < 200 and line > 0 else None
                if fixed is None and refused < 200:
                    # outside any It: the Describe/Context around it fails, one errored case per It it holds
                    fixed = _refuse_block(text, getattr(e, "line", 0), msg)
                lines_refused.add(line)
                if fixed is None:
                    result.cases = [Case("errored", f"It #{i + 1}", msg) for i in range(total)]
                    result.note = "file does not parse"
                    result.seconds = time.perf_counter() - started
                    return result
                text = fixed
                refused += 1
        if refused:
            result.note = f"{refused} It block(s) do not parse"
        seen: dict[str, Case] = {}
        skip: list[str] = []
        messages: list[str] = []
        first_crash = ""
        block_errors: dict[str, str] = {}
        for _attempt in range(80):
            lines, crash = self._run_once(tree, text, skip, messages)
            started_key = ""
            for line in lines:
                parts = line.split("\t")
                if parts[0] == "##pk-start":
                    started_key = parts[1]
                elif parts[0] == "##pk-result" and len(parts) >= 5:
                    seen[parts[2]] = Case(parts[1], parts[3], parts[4])
                    started_key = ""
                elif parts[0] == "##pk-blockerror" and len(parts) >= 3:
                    block_errors.setdefault(parts[1], parts[2])
            if crash is None:
                break
            first_crash = first_crash or crash
            if not started_key or started_key in skip:
                result.note = f"run ended outside an It: {crash}"
                break
            skip.append(started_key)
            messages.append(crash)
        result.cases = [_reclassified(c) for c in seen.values()]
        if len(result.cases) < total:
            # Its never reached (a block whose discovery ended the run): the first crash is their cause
            first_block = next(iter(block_errors.values()), "")
            why = f"not reached: {first_crash}" if first_crash else f"not reached: block: {first_block}" if first_block \
                else "not reached"
            result.cases += [Case("errored", "(not reached)", why) for _ in range(total - len(result.cases))]
        result.seconds = time.perf_counter() - started
        return result

    def _run_once(self, tree, text: str, skip: list[str], messages: list[str]) -> tuple[list[str], str | None]:
        world, lab, _ = Store(self.state).snapshot()
        engine = Interpreter(world, HOST, lab, text, self.state)
        crash = None
        with limits.budget(self.timeout):
            try:
                # in the global scope, as a profile runs: its functions stay for the test file (about_Scopes)
                _, ok = engine.run(self.harness_tree, {"PkSkipIds": skip, "PkSkipMessages": messages}, in_global=True)
                if not ok:
                    sys.exit("The harness failed on the twin: " + "; ".join(e.message for e in engine.errors))
                _, ok = engine.run(tree)
                if not ok and engine.errors:
                    last = engine.errors[-1]
                    if last.terminating:
                        crash = f"script ended: {last.error_id}: {_first_line(last.message)}"
            except UnsupportedConstruct as e:
                crash = f"not emulated: {_first_line(str(e))}"
            except limits.ScriptStopped as e:
                crash = f"stopped: {_first_line(str(e))}"
            except RecursionError:
                crash = "python error: RecursionError"
            except Exception as e:  # noqa: BLE001 - a Python error of the twin is what we measure
                tb = traceback.extract_tb(e.__traceback__)
                where = next((f"{Path(f.filename).name}:{f.lineno}" for f in reversed(tb) if "labkit" in f.filename), "?")
                crash = f"python error: {type(e).__name__}: {_first_line(str(e))} at {where}"
        return [str(h) for h in engine.host_output], crash


# Refusals that mean the case used PowerShell 7 (a parameter 5.1's cmdlet lacks, 7-only operators):
# the twin is right to refuse them, so they count with the 7-only cases.
_PS7_REFUSALS = re.compile(r"NamedParameterNotFound,Microsoft\.PowerShell\.Commands\.|ternary operator|"
                           r"null-coalescing|null-conditional|pipeline chain|a PowerShell \d+ feature, not Windows PowerShell")


# Cases that test a change made after 5.1 (named by the case): PowerShell 7.6 made Where-Object's -Op:$false mean "no
# operator" (https://github.com/PowerShell/PowerShell/pull/26485); 5.1's setters take the operator whatever the value.
_PS7_CASES = re.compile(r":`?\$false (should behave like default boolean evaluation|with -Value should throw)")


def _reclassified(case: Case) -> Case:
    if case.status == "errored" and _PS7_REFUSALS.search(case.message):
        return Case("skipped7", case.name, case.message)
    if case.status in ("failed", "errored") and _PS7_CASES.search(case.name):
        return Case("skipped7", case.name, case.message)
    return case


def _refuse_it(script: str, line: int, message: str) -> str | None:
    """``script`` with the innermost It block around ``line`` replaced by one that throws ``message``."""
    src = script.encode("utf-8")
    best = None
    stack = [_PARSER.parse(src).root_node]
    while stack:
        n = stack.pop()
        stack.extend(n.children)
        if n.type != "command":
            continue
        name = n.child_by_field_name("command_name") or (n.children[0] if n.children else None)
        if name is None or name.text.decode("utf-8", "replace").lower() != "it":
            continue
        blocks = [c for c in _walk(n) if c.type == "script_block_expression"]
        if not blocks:
            continue
        b = blocks[-1] if blocks[-1].start_point[0] <= line - 1 <= blocks[-1].end_point[0] else None
        if b is None:
            b = next((c for c in blocks if c.start_point[0] <= line - 1 <= c.end_point[0]), None)
        if b is None:
            continue
        if best is None or (b.end_byte - b.start_byte) < (best.end_byte - best.start_byte):
            best = b
    if best is not None:
        start, end = best.start_byte, best.end_byte
    else:
        # tree-sitter's recovery may swallow the It: the last `It ... {` line at or above the error, by text
        span = _it_by_text(script, line)
        if span is None:
            return None
        start, end = len(script[:span[0]].encode("utf-8")), len(script[:span[1]].encode("utf-8"))
    old = src[start:end]
    safe = message.replace("'", "''").replace("\n", " ")
    if any(re.search(p, old.decode("utf-8", "replace")) for p in _PS7_TEXT):
        body = "<#pk-ps7#>"   # the harness counts it as a 7-only case
    else:
        body = "throw '" + safe + "'"
    new = ("{ " + body + "\n" * old.count(b"\n") + " }").encode("utf-8")
    return (src[:start] + new + src[end:]).decode("utf-8")


_PS7_TEXT = [r"`u\{", r"(?im)^\s*clean\s*\{", r"\?\?", r"\?\.", r"&&", r"\|\|", r"::\w+\[[\w.]+\s*,"]
_IT_LINE = re.compile(r"(?im)^[ \t]*It[ \t]+[^\r\n]*?\{")


_BLOCK_LINE = re.compile(r"(?im)^[ \t]*(Describe|Context)[ \t]+[^\r\n]*?\{")


def _refuse_block(script: str, line: int, message: str) -> str | None:
    """``script`` with the innermost Describe/Context around ``line`` replaced by Its that throw ``message``."""
    mask = code_mask(script)
    at = len("\n".join(script.split("\n")[:line]))
    best = None
    for m in _BLOCK_LINE.finditer(script):
        if m.start() > at:
            break
        if not mask[m.start()]:
            continue
        close = _matching(script, mask, m.end() - 1)
        if close == -1 or close >= at:
            best = (m.start(), (close + 1) if close != -1 else len(script))
    if best is None:
        return None
    old = script[best[0]:best[1]]
    n = max(1, len(_IT.findall(old)))
    safe = message.replace("'", "''").replace("\n", " ")
    # `enum E : byte` (an underlying type) is PowerShell 6.2's: 5.1 refuses the block's text, the cases are 7-only
    body = "<#pk-ps7#>" if re.search(r"(?im)^[ \t]*enum[ \t]+\w+[ \t]*:[ \t]*\w+", old) else f"throw '{safe}'"
    its = "; ".join(f"It '(block refused)' {{ {body} }}" for _ in range(n))
    new = "Describe '(refused)' { " + its + " }" + "\n" * old.count("\n")
    return script[:best[0]] + new + script[best[1]:]


def _it_above(script: str, line: int) -> int:
    """The line of the last `It` that starts above the `It` holding ``line`` (0: none)."""
    starts = [script.count("\n", 0, m.start()) + 1 for m in _IT_LINE.finditer(script)]
    holding = max((s for s in starts if s <= line), default=0)
    return max((s for s in starts if s < holding), default=0)


# an It line whose block opens at the end of the line (its name may hold braces: 'the `u{2195} escape')
_IT_BLOCK_AT_END = re.compile(r"(?im)^[ \t]*It[ \t]+[^\r\n]*\{(?=[ \t]*$)")


def _skip_unicode_escape_its(script: str) -> str:
    """It blocks that use the `u{x} escape (PowerShell 6.0+; 5.1's about_Special_Characters has none) become
    7-only cases before parsing: tree-sitter-pwsh reads `u{ in a command or function name as a block and
    loses the structure of the whole file after it (Parser.Tests.ps1)."""
    if "`u{" not in script:
        return script
    mask = code_mask(script)
    edits: list[tuple[int, int]] = []
    for m in _IT_BLOCK_AT_END.finditer(script):
        if not mask[m.start()] or (edits and m.start() < edits[-1][1]):
            continue
        open_at = m.end() - 1
        close = _matching(script, mask, open_at)
        if close != -1 and "`u{" in script[open_at:close]:
            edits.append((open_at, close + 1))
    for start, end in reversed(edits):
        body = script[start:end]
        script = script[:start] + "{ <#pk-ps7#>" + "\n" * body.count("\n") + " }" + script[end:]
    return script


def _it_by_text(script: str, line: int) -> tuple[int, int] | None:
    """(start, end) of the block of the It around 1-based ``line``, found in the text."""
    mask = code_mask(script)
    at = len("\n".join(script.split("\n")[:line]))
    best = None
    for m in _IT_LINE.finditer(script):
        if m.start() > at:
            break
        if not mask[m.start()]:
            continue
        open_at = m.end() - 1
        close = _matching(script, mask, open_at)
        if close >= at or close == -1:
            best = (open_at, (close + 1) if close != -1 else len(script))
    return best


def _walk(node):
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(n.children))


def _first_line(text: str) -> str:
    return (text.strip().splitlines() or [""])[0][:300]


_NORMALIZE = [
    (re.compile(r"'[^']*'"), "'…'"),
    (re.compile(r"\"[^\"]*\""), '"…"'),
    (re.compile(r"\b\d+\b"), "N"),
    (re.compile(r"\(file line N\)"), ""),
]


def cause_of(case: Case) -> str:
    msg = case.message
    if case.status == "failed":
        m = re.match(r"Should -(\w+)", msg)
        return f"assertion Should -{m.group(1) if m else '?'}"
    for rx, rep in _NORMALIZE:
        msg = rx.sub(rep, msg)
    return msg[:160]


def select_files(args: argparse.Namespace, tmp: Path) -> list[Path]:
    roots: list[Path] = []
    if args.paths:
        roots = [Path(p) for p in args.paths]
    else:
        if not args.mirror.exists():
            sys.exit(f"No Pester directory given and no PowerShell mirror at {args.mirror}: clone "
                     "https://github.com/PowerShell/PowerShell and pass PowerShell/test/powershell/Language.")
        base = export_mirror(args.mirror, tmp)
        roots = [base / d for d in DEFAULT_DIRS]
    files: list[Path] = []
    for r in roots:
        files += [r] if r.is_file() else sorted(r.rglob("*.[Tt]ests.ps1"))
    if args.only:
        files = [f for f in files if any(o.lower() in str(f).lower() for o in args.only)]
    return files


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", help="Pester directories or files (default: the mirror's tests)")
    ap.add_argument("--mirror", type=Path, default=MIRROR, help="bare git directory of PowerShell/PowerShell")
    ap.add_argument("--only", action="append", help="run only files whose path contains this text (repeatable)")
    ap.add_argument("--timeout", type=float, default=300.0, help="wall-clock seconds per file run")
    ap.add_argument("--show", type=int, default=25, help="causes to list")
    ap.add_argument("--cases", action="store_true", help="list every failing case under its cause")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = select_files(args, Path(tmp))
        runner = Runner(args.timeout)
        results: list[FileResult] = []
        skipped_files: list[tuple[str, str]] = []
        for f in files:
            stem = f.name[: -len(".Tests.ps1")]
            if stem in SKIP_FILES or stem.lower() in {k.lower() for k in SKIP_FILES}:
                skipped_files.append((f.name, SKIP_FILES.get(stem, "skipped")))
                continue
            r = runner.run_file(f)
            r.path = f.name
            results.append(r)
            print(f"{r.count('passed'):4d} passed {r.count('failed'):4d} failed {r.count('errored'):4d} errored "
                  f"{sum(r.count(s) for s in ('skipped', 'pending', 'skipped7', 'skippedos')):4d} skipped "
                  f"{r.seconds:6.1f}s  {f.name}  {r.note}", flush=True)
    totals = collections.Counter(c.status for r in results for c in r.cases)
    ran = totals["passed"] + totals["failed"] + totals["errored"]
    print()
    for name, why in skipped_files:
        print(f"skipped file {name}: {why}")
    print(f"\ncases: {ran} run, {totals['passed']} passed, {totals['failed']} failed, {totals['errored']} errored; "
          f"skipped: {totals['skipped'] + totals['pending']} by the tests, {totals['skipped7']} 7-only, "
          f"{totals['skippedos']} need a real OS")
    if ran:
        print(f"pass rate: {100.0 * totals['passed'] / ran:.1f}%")
    causes: dict[str, list[tuple[str, Case]]] = collections.defaultdict(list)
    for r in results:
        for c in r.cases:
            if c.status in ("failed", "errored"):
                causes[cause_of(c)].append((r.path, c))
    print("\nfailures by cause (most cases first):")
    for cause, items in sorted(causes.items(), key=lambda kv: -len(kv[1]))[: args.show]:
        print(f"{len(items):5d}  {cause}")
        if args.cases:
            for path, c in items[:40]:
                print(f"         {path}: {c.name}: {c.message[:400]}")


if __name__ == "__main__":
    main()
