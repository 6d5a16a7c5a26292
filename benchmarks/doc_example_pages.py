"""The `### Example` sections of Microsoft's cmdlet reference pages: the commands an admin types, and the
output the page shows beside them.

The pages come from the local bare mirrors of MicrosoftDocs (read with `git show`, no work tree):
Windows Server 2022's module pages (`docset/winserver2022-ps/<Module>/<Cmdlet>.md` in
MicrosoftDocs/windows-powershell-docs) and Windows PowerShell 5.1's (`reference/5.1/<Module>/<Cmdlet>.md`
in MicrosoftDocs/PowerShell-Docs, for CimCmdlets).

A page writes an example in one of two ways (platyPS's layout, https://github.com/PowerShell/platyPS):
- a ```powershell fence holding only code, sometimes followed by an ```Output fence;
- a bare ``` fence holding a console transcript: `PS C:\\>` prompts before each command, its
  continuation lines (`>>` or lines after a `|`, a backtick, an open brace), and the output printed
  below it.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

WIN_DOCS = Path("/work/.mirror/MicrosoftDocs+windows-powershell-docs/repo")
PS_DOCS = Path("/work/.mirror/MicrosoftDocs+PowerShell-Docs/repo")

_PROMPT = re.compile(r"^\s*PS [^>\n]*>\s?")
_CONTINUATION = re.compile(r"^\s*>>\s?")
_FENCE = re.compile(r"^(`{3,})\s*([\w-]*)\s*$")
_OUTPUT_INFOS = {"output", "text", "console"}


@dataclass
class Example:
    module: str
    cmdlet: str
    number: int
    title: str
    code: str                      # the commands, one script
    output: str = ""               # what the page shows them print ("" when it shows nothing)
    blocks: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.cmdlet} #{self.number}"


def _git(gitdir: Path, *args: str) -> str:
    return subprocess.run(["git", f"--git-dir={gitdir}", *args], capture_output=True, text=True, check=True).stdout


def page_paths(gitdir: Path, folder: str) -> list[str]:
    """The cmdlet pages of a module folder (the module's own overview page left out)."""
    names = _git(gitdir, "ls-tree", "--name-only", "HEAD", folder.rstrip("/") + "/").split()
    module = folder.rstrip("/").rsplit("/", 1)[-1]
    return [n for n in names if n.endswith(".md") and Path(n).stem.lower() != module.lower() and "-" in Path(n).stem]


def read_page(gitdir: Path, path: str) -> str:
    return _git(gitdir, "show", f"HEAD:{path}")


def _incomplete(command: str) -> bool:
    """Whether a transcript's command goes on in the next line: it ends in a pipe, a backtick, a comma or an
    operator, or leaves a brace, parenthesis or bracket open."""
    text = re.sub(r"'[^']*'|\"[^\"]*\"", "''", command)
    stripped = text.rstrip()
    if stripped.endswith(("|", "`", ",", "{", "(", "[", "=", "-and", "-or")):
        return True
    return sum(text.count(o) - text.count(c) for o, c in ("{}", "()", "[]")) > 0


def split_transcript(block: str) -> tuple[str, str]:
    """A transcript's commands (prompts removed, continuation lines kept) and the output lines between them."""
    code: list[str] = []
    output: list[str] = []
    open_command = False
    for line in block.splitlines():
        prompt = _PROMPT.match(line)
        if prompt:
            command = line[prompt.end():]
            code.append(command)
            open_command = _incomplete(command)
        elif open_command and line.strip():
            cont = _CONTINUATION.match(line)
            command = line[cont.end():] if cont else line
            code.append(command)
            open_command = _incomplete(command)
        elif _CONTINUATION.match(line) and code:
            code.append(line[_CONTINUATION.match(line).end():])
        else:
            open_command = False
            output.append(line)
    return "\n".join(code).strip("\n"), "\n".join(output).strip("\n")


def _fences(section: str) -> list[tuple[str, str]]:
    """(info string, text) of each fenced block of a section."""
    blocks: list[tuple[str, str]] = []
    lines = section.splitlines()
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i].strip())
        if not m:
            i += 1
            continue
        ticks, info = m.group(1), m.group(2).lower()
        body: list[str] = []
        i += 1
        while i < len(lines) and not lines[i].strip().startswith(ticks):
            body.append(lines[i])
            i += 1
        blocks.append((info, "\n".join(body)))
        i += 1
    return blocks


def examples_of(markdown: str, module: str, cmdlet: str) -> list[Example]:
    """Every `### Example` section of a page, as code and documented output."""
    body = markdown.split("\n## EXAMPLES", 1)
    if len(body) < 2:
        return []
    examples_part = re.split(r"\n## (?!#)", body[1], maxsplit=1)[0]
    sections = re.split(r"\n(?=### )", examples_part)
    found: list[Example] = []
    for section in sections:
        head = section.lstrip("\n").splitlines()[0] if section.strip() else ""
        if not head.startswith("### "):
            continue
        code: list[str] = []
        output: list[str] = []
        raw: list[str] = []
        for info, text in _fences(section):
            raw.append(text)
            if info in _OUTPUT_INFOS:
                output.append(text.strip("\n"))
            elif any(_PROMPT.match(line) for line in text.splitlines()):
                c, o = split_transcript(text)
                code.append(c)
                if o.strip():
                    output.append(o)
            else:
                code.append(text.strip("\n"))
        if not any(c.strip() for c in code):
            continue
        title = head[4:].strip()
        m = re.match(r"Example\s+(\d+)", title, re.I)
        number = int(m.group(1)) if m else len(found) + 1
        found.append(Example(module, cmdlet, number, title, "\n".join(c for c in code if c.strip()),
                             "\n".join(output), raw))
    return found
