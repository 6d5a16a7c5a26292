"""JSON text as Windows PowerShell 5.1's ConvertTo-Json writes it.

5.1 serializes with .NET's JavaScriptSerializer and then re-indents the text:

- every nested level is indented 4 spaces past the column where its opening
  bracket stands, ``"Name":  value`` has two spaces after the colon, and an
  empty object or array spans an empty line;
- strings escape ``"``, ``\\``, control characters and also ``'`` ``<`` ``>``
  ``&`` (as ``\\u0027``, ``\\u003c``, ``\\u003e``, ``\\u0026``); other
  characters are written as they are;
- a DateTime is ``"\\/Date(<ms since 1970-01-01 UTC>)\\/"``;
- ``-Compress`` writes the serializer's text without any whitespace.

Source: the examples of
https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/convertto-json?view=powershell-5.1
(``"Eras":  [`` with its items under the bracket plus 4, ``"\\/Date(-62135596800000)\\/"``,
``{"Domain":"Domain01",...}`` compressed).  Python's ``json`` module reads all of it.
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta, timezone
from typing import Any

from labkit.twin.decimal_values import DecimalValue

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
            "'": "\\u0027", "<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}
_EPOCH = datetime(1970, 1, 1)


class JsonDate:
    """A DateTime on its way into JSON (written as ``\\/Date(ms)\\/``)."""

    __slots__ = ("value",)

    def __init__(self, value: datetime):
        self.value = value


_NEEDS_ESCAPE = re.compile("[\"\\\\'<>&\x00-\x1f]")


def _escape(m: re.Match[str]) -> str:
    ch = m.group(0)
    return _ESCAPES.get(ch) or f"\\u{ord(ch):04x}"


def string(text: str) -> str:
    return '"' + _NEEDS_ESCAPE.sub(_escape, text) + '"'


def _date(d: datetime) -> str:
    naive = d.astimezone(timezone.utc).replace(tzinfo=None) if d.tzinfo else d
    ms = (naive - _EPOCH) // timedelta(milliseconds=1)
    return f'"\\/Date({ms})\\/"'


def _number(v: int | float) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, DecimalValue):
        return v.text()     # JavaScriptSerializer writes a Decimal's invariant text: 1.30
    if not math.isfinite(v):
        return string(str(v))
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    if type(v).__name__ == "SingleValue":
        # Single.ToString("R") on .NET Framework: 7 significant digits when they round-trip, else 9 ([single]0.1 is 0.1)
        from labkit.twin.numeric_binder import single
        text = format(v, ".7G")
        text = text if single(float(text)) == v else format(v, ".9G")
        return text.replace("E+0", "E+").replace("E-0", "E-") if "E" in text and len(text.split("E")[1]) > 3 else text
    return repr(v).replace("e+", "E+").replace("e-", "E-")


def scalar(v: Any) -> str | None:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return _number(v)
    if isinstance(v, str):
        return string(v)
    if isinstance(v, JsonDate):
        return _date(v.value)
    return None


def compact(v: Any) -> str:
    s = scalar(v)
    if s is not None:
        return s
    if isinstance(v, dict):
        return "{" + ",".join(f"{string(str(k))}:{compact(x)}" for k, x in v.items()) + "}"
    return "[" + ",".join(compact(x) for x in v) + "]"


def pretty(v: Any) -> str:
    """5.1's indented layout (lines joined with CRLF on Windows; the twin writes LF)."""
    out: list[str] = []
    _write(v, 0, out)
    return "".join(out)


def _write(v: Any, column: int, out: list[str]) -> None:
    """Write ``v`` whose first character stands at ``column``."""
    s = scalar(v)
    if s is not None:
        out.append(s)
        return
    pad = " " * (column + 4)
    if isinstance(v, dict):
        out.append("{\n")
        items = list(v.items())
        for i, (k, x) in enumerate(items):
            key = f"{string(str(k))}:  "
            out.append(pad + key)
            _write(x, column + 4 + len(key), out)
            out.append(",\n" if i < len(items) - 1 else "\n")
        if not items:
            out.append("\n")
        out.append(" " * column + "}")
        return
    items = list(v)
    out.append("[\n")
    for i, x in enumerate(items):
        out.append(pad)
        _write(x, column + 4, out)
        out.append(",\n" if i < len(items) - 1 else "\n")
    if not items:
        out.append("\n")
    out.append(" " * column + "]")


__all__ = ["JsonDate", "pretty", "compact", "string"]
