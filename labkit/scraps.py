"""The scraps a runbook glued (``Runbook.glue``), read from the executed notebook.

The chain reads them after every runbook.  ``scrapbook.read_notebook`` does
the same but importing scrapbook costs about a second (papermill, pyarrow);
this reads scrapbook's JSON payloads (``application/scrapbook.scrap.json+json``,
``scrapbook.schemas.GLUE_PAYLOAD_FMT``, version 1) directly and leaves any
other scrap (another encoder) to scrapbook itself.  tests/test_kernels.py
checks both give the same answer on the executed runbooks.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# labkit.notebook.SCRAP_MIME (not imported from there: that imports pandas into `labkit run`).
SCRAP_MIME = "application/scrapbook.scrap.json+json"
GLUE_PAYLOAD_PREFIX = "application/scrapbook.scrap."


def read_scraps(path: Path) -> dict[str, Any]:
    """Name to data of every scrap in the notebook at ``path``, later ones winning, as scrapbook reads them."""
    book = json.loads(Path(path).read_text(encoding="utf-8"))
    scraps: dict[str, Any] = {}
    for cell in book.get("cells", []):
        for output in cell.get("outputs", []):
            for mime, payload in (output.get("data") or {}).items():
                if mime == SCRAP_MIME and isinstance(payload, dict) and payload.get("encoder") == "json":
                    scraps[payload["name"]] = payload.get("data")
                elif mime.startswith(GLUE_PAYLOAD_PREFIX) or mime == "application/papermill.record+json":
                    return _with_scrapbook(path)
            meta = output.get("metadata") or {}
            if "papermill" in meta or (meta.get("scrapbook") or {}).get("display"):
                return _with_scrapbook(path)
    return scraps


def _with_scrapbook(path: Path) -> dict[str, Any]:
    import scrapbook as sb

    return {k: s.data for k, s in sb.read_notebook(str(path)).scraps.items()}
