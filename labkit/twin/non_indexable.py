"""``$x[...]`` on a value that has no indexer (a custom object, a number, a cmdlet's object), as 5.1's
ArrayOps.GetNonIndexable answers it: ``$x[0]`` and ``$x[-1]`` are ``$x`` itself ("you can use array index notation
to access the value of a singleton scalar object", about_Arrays 5.1:
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_arrays?view=powershell-5.1);
any other index gives nothing, or under Set-StrictMode -Version 2 and later the CannotIndex error.  A property is
never read by its name through ``[...]``: ``$o['Name']`` is not ``$o.Name``.
"""

from __future__ import annotations

from typing import Any

from labkit.twin.values import PSRuntimeError, equals, type_of


def non_indexable(obj: Any, idx: Any, strict: float) -> Any:
    """The value of ``obj[idx]`` for a target without an indexer (``idx`` a list for ``obj[a, b]``)."""
    if not isinstance(idx, list) and idx is not None:
        try:
            if equals(0, idx) or equals(-1, idx):   # LanguagePrimitives.Equals(0, index): '0' and 0.0 count too
                return obj
        except PSRuntimeError:
            pass
    if strict >= 2.0:
        # ParserStrings.resx CannotIndex
        raise PSRuntimeError(f"Unable to index into an object of type {type_of(obj)}.", "InvalidOperation", "CannotIndex")
    # 5.1 gives AutomationNull.Value ("no result"); the twin's expressions read it as $null (labkit.twin.automation_null:
    # only output_value tells them apart, and an index is not among what it tells apart, as for an array out of range)
    return None
