"""How many bytes a text file holds, by the encoding it was written with (5.1's defaults and -Encoding names).

The twin keeps a file's text; its size (FileInfo.Length) follows the encoding each write used:
- Out-File and the redirection operators ``>`` / ``>>`` ("the same as piping to Out-File", about_Redirection 5.1):
  ``unicode`` by default, UTF-16 LE with a byte order mark (Out-File 5.1: "The default value is unicode"; the
  about_Redirection 5.1 page's "UTF8NoBOM" is PowerShell 7's);
- Set-Content / Add-Content: ``Default``, the system's ANSI code page (Windows-1252 on an en-US server), no mark;
- ``-Encoding`` names: unicode/string/unknown (UTF-16 LE, mark FF FE), bigendianunicode (FE FF), utf8 (EF BB BF), utf32
  (UTF-32 LE, FF FE 00 00), utf7, ascii, default, oem (code page 437), none of the last four with a mark;
- appending to a file that has content writes no mark (StreamWriter writes its preamble at position 0 only) and, as
  in 5.1, in the appending command's encoding whatever the file's was.
https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/out-file?view=powershell-5.1
https://learn.microsoft.com/powershell/module/microsoft.powershell.management/set-content?view=powershell-5.1
"""

from __future__ import annotations

_CODECS = {"unicode": ("utf-16-le", 2), "string": ("utf-16-le", 2), "unknown": ("utf-16-le", 2),
           "bigendianunicode": ("utf-16-be", 2), "utf8": ("utf-8", 3), "utf32": ("utf-32-le", 4), "utf7": ("utf-7", 0),
           "ascii": ("ascii", 0), "default": ("cp1252", 0), "oem": ("cp437", 0)}

OUT_FILE_DEFAULT = "unicode"
SET_CONTENT_DEFAULT = "default"


def encoded_size(text: str, encoding: str, mark: bool) -> int:
    codec, bom = _CODECS.get(encoding.lower(), _CODECS["unicode"])
    return len(text.encode(codec, errors="replace")) + (bom if mark else 0)


def record(sizes: dict[str, list[int]], key: str, old: str | None, new: str, written: str, encoding: str | None,
           append: bool) -> None:
    """Note the size of ``key`` after ``written`` went into it (``new`` is its whole text now, ``old`` the text before)."""
    if encoding is None:
        sizes.pop(key, None)      # written by a command whose encoding the twin does not follow: size as UTF-8 text
        return
    if append and old:
        before = size_of(sizes, key, old)
        sizes[key] = [len(new), before + encoded_size(written, encoding, mark=False)]
    else:
        sizes[key] = [len(new), encoded_size(written, encoding, mark=True)]


def size_of(sizes: dict[str, list[int]], key: str, text: str) -> int:
    """The file's bytes: as its writes' encodings made them, or its text as UTF-8 when the twin did not follow them."""
    known = sizes.get(key)
    if known is not None and known[0] == len(text):
        return known[1]
    return len(text.encode("utf-8"))
