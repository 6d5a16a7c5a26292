"""How Windows PowerShell 5.1's formatter breaks text into lines (StringManipulationHelper).

Source: PowerShell's ``src/System.Management.Automation/FormatAndOutput/common/ComplexWriter.cs``
(class ``StringManipulationHelper``) at commit 237ccbd, the oldest in the public repository and
still 5.1's code: https://github.com/PowerShell/PowerShell/blob/237ccbdf6d/src/System.Management.Automation/FormatAndOutput/common/ComplexWriter.cs

- :func:`split_lines`: a value's own lines (``\\r`` dropped, split on ``\\n``);
- :func:`truncate_at_newline`: a table cell that does not wrap keeps its first line and ``...``;
- :func:`generate_lines`: word wrap (en-US is one of the cultures 5.1 wraps on words): a word keeps
  the blank after it, so a wrapped line can end with a blank, and a word longer than the line is cut where the line ends
  (the blank after a word that fills the line starts the next one).  The same algorithm is in the
  decompiled System.Management.Automation of Windows PowerShell 5.1.
"""

from __future__ import annotations

ELLIPSIS = "..."   # 5.1's PSObjectHelper.ellipses and TableWriter's (PowerShell 7 uses the single character)


def split_lines(text: str) -> list[str]:
    if not text:
        return [text]
    return text.replace("\r", "").split("\n")


def truncate_at_newline(text: str) -> str:
    cut = min((i for i in (text.find("\n"), text.find("\r")) if i >= 0), default=-1)
    return text if cut < 0 else text[:cut] + ELLIPSIS


def _words(line: str) -> list[str]:
    """GetWords: each word with the blank or tab that ends it."""
    words: list[str] = []
    current = ""
    for ch in line:
        if ch in " \t":
            words.append(current + ch)
            current = ""
        else:
            current += ch
    words.append(current)
    return words


def generate_lines(text: str, first_len: int, following_len: int | None = None) -> list[str]:
    """GenerateLinesWithWordWrap: ``text`` in lines of ``first_len`` then ``following_len`` columns."""
    following = first_len if following_len is None else following_len
    if not text:
        return [text]
    out: list[str] = []
    for line in split_lines(text):
        if len(line) <= first_len:
            out.append(line)
            continue
        spaces_left = line_width = first_len
        first = True
        single = ""
        for word in _words(line):
            if line_width == 0:
                if first:
                    first, line_width = False, following
                if line_width == 0:
                    break
                spaces_left = line_width
            if len(word) > line_width:
                for ch in word:
                    if spaces_left < 1:
                        out.append(single)
                        single = ch
                        if first:
                            first, line_width = False, following
                        spaces_left = line_width - 1
                    else:
                        single += ch
                        spaces_left -= 1
            elif len(word) > spaces_left:
                out.append(single)
                single = word
                if first:
                    first, line_width = False, following
                spaces_left = line_width - len(word)
            else:
                single += word
                spaces_left -= len(word)
        out.append(single)
    return out
