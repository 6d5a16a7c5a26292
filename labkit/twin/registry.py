"""How emulated cmdlets plug into the twin.

An emulated cmdlet is a Python function registered with :func:`cmdlet`::

    @cmdlet("Get-VM", honours={"Name"})
    def get_vm(ctx: Context, args: dict[str, Any], input: Any) -> Iterable[Any]:
        ...

- ``args`` holds the parameters the script bound, under their canonical
  names from ``signatures.json`` (``args["Name"]``), after type coercion:
  switches are ``bool``, array-typed parameters (``String[]``) are lists,
  integers are ``int``.  Parameters not given are absent.
- A parameter the real cmdlet has but that is not in ``honours`` makes the
  binder raise ``NotEmulated`` before the function runs (common parameters
  such as ``-ErrorAction`` are handled by the engine and never reach it).
- Non-stream cmdlets are called once per pipeline input object (``input`` is
  that object, already bound to the ValueFromPipeline parameter in ``args``)
  or once with ``input=None`` when nothing is piped in.  ``stream=True``
  cmdlets (Sort-Object, Measure-Object, ConvertTo-Json ...) are called once
  with ``input`` the list of all input objects; ``lazy=True`` ones get the
  pipeline's iterator instead, to read it object by object and stop reading it
  early (Select-Object -First, ForEach-Object, Tee-Object; closing it stops the
  commands before: labkit.twin.pipeline_stream).
- They yield or return their output objects (``PSObject``, str, int, ...).
- A terminating error: ``raise CmdletError(message, category)``.  A
  non-terminating one: ``ctx.error(message, category)``; the engine applies
  ``-ErrorAction`` / ``$ErrorActionPreference``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Iterable, Protocol

CmdletFunc = Callable[["Context", dict[str, Any], Any], Iterable[Any] | None]


class Context(Protocol):
    """What an emulated cmdlet sees of the run it is part of."""

    world: Any          # labkit.twin.world.World, mutable within this run
    host: str           # the computer the script runs on (as named in the lab)
    lab: Any            # labkit.lab.Lab

    def advance(self, seconds: float) -> None:
        """Advance the lab clock (never sleeps)."""

    def now(self) -> datetime:
        """The lab clock's current time."""

    def warning(self, text: str) -> None: ...
    def error(self, message: str, category: str = "InvalidOperation", target: Any = None, error_id: str = "") -> None: ...
    def verbose(self, text: str) -> None: ...
    def host_write(self, text: str) -> None: ...
    def progress(self, activity: str, status: str = "", percent: int = -1) -> None: ...


@dataclass(frozen=True)
class CmdletSpec:
    name: str
    func: CmdletFunc
    honours: frozenset[str] = field(default_factory=frozenset)
    stream: bool = False
    lazy: bool = False        # a stream cmdlet that reads the pipeline's iterator itself


REGISTRY: dict[str, CmdletSpec] = {}


def cmdlet(name: str, *, honours: Iterable[str] = (), stream: bool = False, lazy: bool = False) -> Callable[[CmdletFunc], CmdletFunc]:
    """Register ``func`` as the emulation of cmdlet ``name``."""

    def register(func: CmdletFunc) -> CmdletFunc:
        key = name.lower()
        if key in REGISTRY:
            raise RuntimeError(f"cmdlet {name} is registered twice ({REGISTRY[key].func.__module__} and {func.__module__})")
        REGISTRY[key] = CmdletSpec(name, func, frozenset(honours), stream or lazy, lazy)
        return func

    return register


def lookup(name: str) -> CmdletSpec | None:
    return REGISTRY.get(name.lower())
