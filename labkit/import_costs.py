"""Imports that cost more than what labkit uses of them.

jsonschema checks the ``iri`` and ``iri-reference`` string formats with
rfc3987-syntax when that is installed (jupyter-events requires
``jsonschema[format-nongpl]``, which installs it), and rfc3987-syntax
compiles its lark grammar when imported: about 2.8 s of CPU in every process
that imports jsonschema, which nbformat does (papermill in ``labkit run``,
nbconvert in the report renderer).  No schema these processes validate with
uses those formats (nbformat's notebook schemas have no ``format``
keyword), so they skip the import.
"""

from __future__ import annotations

import sys


def skip_iri_syntax_checker() -> None:
    """Make ``import rfc3987_syntax`` fail fast in this process, before
    jsonschema is imported (jsonschema then leaves ``iri`` unchecked, as it
    does when rfc3987-syntax is not installed).  Call it before anything
    imports jsonschema; it changes nothing once jsonschema is imported."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
