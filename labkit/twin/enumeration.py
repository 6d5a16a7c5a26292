"""A foreach over a dictionary's Keys or Values while the loop changes that dictionary.

.NET's Hashtable and Dictionary enumerators check the collection's version at
every MoveNext and throw InvalidOperationException "Collection was modified;
enumeration operation may not execute." once it changed (any write: an
overwrite of an existing key too, in .NET Framework 4.8).  PowerShell's
foreach statement wraps what MoveNext throws as a RuntimeException with the
ID BadEnumeration (MiscOps.MoveNext; ParserStrings.resx BadEnumeration: "An
error occurred while enumerating through a collection: {0}.").  So in 5.1
``foreach ($k in $h.Keys) { $h[$k] = 0 }`` fails after its first pass; the
usual fix is ``foreach ($k in @($h.Keys))``.
"""

from __future__ import annotations

from typing import Any, Callable

from labkit.twin.collection_members import KeyValueCollection
from labkit.twin.values import PSRuntimeError

_MODIFIED = "Collection was modified; enumeration operation may not execute."


def guard(value: Any) -> Callable[[], None] | None:
    """For a value a foreach enumerates: a check to run before each next step (it raises once the
    dictionary behind the value changed), or None when nothing is watched."""
    source = value.source if isinstance(value, KeyValueCollection) else None
    if source is None:
        return None
    start = source.version

    def check() -> None:
        if source.version != start:
            e = PSRuntimeError(f"An error occurred while enumerating through a collection: {_MODIFIED}.",
                               "InvalidOperation", "BadEnumeration")
            e.inner_exception = "System.InvalidOperationException"  # type: ignore[attr-defined]
            raise e
    return check
