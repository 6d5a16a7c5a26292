"""``$input``: the enumerator of a function's or script block's pipeline input.

about_Automatic_Variables, ``$input`` and "Using enumerators" (5.1):
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_automatic_variables?view=powershell-5.1

- in a ``process`` block it holds the current object; in ``end`` (or a function
  without named blocks) all the input; in ``begin`` nothing;
- it is an enumerator: enumerating it (a pipeline, ``foreach``, ``"$input"``,
  ``@($input)``) takes what is left, so a second enumeration gets nothing until
  ``Reset()`` sets it back before the first element;
- ``MoveNext()`` advances it and returns whether there was an element,
  ``Current`` is that element ($null before any ``MoveNext()``); outside the
  ``process`` block ``MoveNext()`` returns False, clears ``$input`` and
  ``Current`` is never set (the page's Example 2).

The twin's ``$input`` is a list of what is left, so everything that reads a list
reads it; iterating it takes the elements out.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from labkit.twin.errors import UnsupportedConstruct
from labkit.twin.members import MISSING, VOID


class InputEnumerator(list):  # type: ignore[type-arg]
    """``$input`` (see the module's text); ``in_process``: the process block's (one object, MoveNext works)."""

    def __init__(self, items: Iterable[Any] = (), *, in_process: bool = False, end: bool = False):
        super().__init__(items)
        self.all = list.copy(self)
        self.in_process = in_process
        self.current: Any = None

    def __iter__(self) -> Iterator[Any]:
        rest = list.copy(self)
        del self[:]
        return iter(rest)

    def dotnet_call(self, name: str, args: list[Any]) -> Any:
        low = name.lower()
        if low == "movenext" and not args:
            if self.in_process and len(self):
                self.current = list.pop(self, 0)
                return True
            del self[:]
            return False
        if low == "reset" and not args:
            self[:] = self.all
            self.current = None
            return VOID
        raise UnsupportedConstruct(f"the method {name}() of $input (an enumerator: MoveNext, Reset and Current are emulated)", 0)

    def dotnet_get(self, name: str) -> Any:
        if name.lower() == "current":
            return self.current
        return MISSING

