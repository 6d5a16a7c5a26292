"""Tables as students read them: left-aligned, no 0..N index, nothing cut
off, sizes in GB/MB, durations in ms or s, floats rounded.

:func:`table` turns JSON records (or a DataFrame) into a :class:`StudentTable`
that Jupyter shows as HTML and headless text as aligned columns.
"""

from __future__ import annotations

import html
import math
from typing import Any, Iterable

import pandas as pd

# Columns that hold a number of bytes (the steps' JSON and the twin's objects name them so).
BYTE_COLUMNS = {"Size", "SizeBytes", "MemoryStartupBytes", "VhdSizeBytes", "FreeSpace", "UsedSpace", "Memory",
                "AllocatedSize", "MemoryAssigned", "bytes_sent"}
# Headers for the JSON names whose unit the cell already shows.
TITLES = {"memory_gb": "VM memory", "live_blackout_s": "live migration blackout", "live_total_s": "live migration total",
          "quick_downtime_s": "quick migration downtime", "blackout_ms": "blackout", "total_s": "total",
          "downtime_s": "downtime", "size_gb": "size", "SizeBytes": "Size",
          "blackout_logged_s": "blackout Windows logged (s, in tenths)"}

SECOND_COLUMNS = {"seconds", "Seconds", "total_s", "live_total_s", "downtime_s", "quick_downtime_s", "live_blackout_s", "blackout_s"}


def human_bytes(n: Any) -> str:
    """1 GB, 500 GB, 512 MB (binary units, as Windows shows them)."""
    if not isinstance(n, (int, float)) or isinstance(n, bool) or (isinstance(n, float) and not math.isfinite(n)):
        return "" if n is None else str(n)
    for unit, size in (("TB", 2**40), ("GB", 2**30), ("MB", 2**20), ("KB", 2**10)):
        if abs(n) >= size:
            value = n / size
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{int(n)} B"


def human_seconds(s: Any) -> str:
    """86 ms, 1.2 s, 3 min 5 s."""
    if not isinstance(s, (int, float)) or isinstance(s, bool):
        return "" if s is None else str(s)
    if s < 1:
        return f"{s * 1000:.0f} ms"
    if s < 60:
        return f"{s:.1f} s"
    return f"{int(s // 60)} min {s % 60:.0f} s"


def _cell(column: str, value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if column in BYTE_COLUMNS or column.endswith("Bytes"):
        return human_bytes(value)
    if column in SECOND_COLUMNS:
        return human_seconds(value)
    if column.endswith("_ms") and isinstance(value, (int, float)):
        return f"{value:.0f} ms"
    if column.endswith("_gb") and isinstance(value, (int, float)):
        return f"{value:g} GB"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(column, v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_cell(k, v)}" for k, v in value.items())
    return str(value)


def _td(value: str) -> str:
    # Long unbroken tokens (IQNs, paths) may break anywhere; short words never do.
    wrap = "overflow-wrap:anywhere;" if any(len(w) > 24 for w in value.split()) else ""
    return f"<td style='text-align:left;vertical-align:top;white-space:pre-wrap;{wrap}'>{html.escape(value)}</td>"


class StudentTable:
    """Rows of text, shown left-aligned without index or truncation."""

    def __init__(self, columns: list[str], rows: list[list[str]], title: str | None = None):
        self.columns, self.rows, self.title = columns, rows, title

    def _repr_html_(self) -> str:
        head = "".join(f"<th style='text-align:left'>{html.escape(c)}</th>" for c in self.columns)
        body = "".join("<tr>" + "".join(_td(v) for v in row) + "</tr>" for row in self.rows)
        caption = (f"<caption style='text-align:left;white-space:nowrap'><b>{html.escape(self.title)}</b></caption>"
                   if self.title else "")
        return f"<table class='labkit-table'>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def __repr__(self) -> str:
        widths = [max([len(c), *(len(r[i]) for r in self.rows)]) for i, c in enumerate(self.columns)]
        lines = ["  ".join(c.ljust(w) for c, w in zip(self.columns, widths)).rstrip(),
                 "  ".join("-" * w for w in widths)]
        lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in self.rows]
        return "\n".join(([self.title] if self.title else []) + lines)

    def __len__(self) -> int:
        return len(self.rows)


def table(data: pd.DataFrame | Iterable[dict[str, Any]] | dict[str, Any], title: str | None = None,
          columns: list[str] | None = None) -> StudentTable:
    """A table from a DataFrame, JSON records, or one record (shown as field/value rows)."""
    if isinstance(data, pd.DataFrame):
        records = data.to_dict(orient="records")
    elif isinstance(data, dict):
        return StudentTable(["field", "value"], [[_title(str(k)), _cell(str(k), v)] for k, v in data.items()], title)
    else:
        records = list(data)
    cols = columns or list(dict.fromkeys(k for r in records for k in r))
    return StudentTable([_title(c) for c in cols], [[_cell(c, r.get(c)) for c in cols] for r in records], title)


def _title(column: str) -> str:
    return TITLES.get(column, column)
