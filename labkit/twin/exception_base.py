"""A script class that derives from an exception type: ``class MyError : System.Exception`` (about_Classes_Inheritance).

https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_classes_inheritance?view=powershell-5.1

The object carries System.Exception's properties (https://learn.microsoft.com/dotnet/api/system.exception?view=netframework-4.8):
``Message`` (by default "Exception of type 'MyError' was thrown.", as Exception() says), ``InnerException``,
``Data``, ``HResult`` ...; ``: base($message)`` and ``: base($message, $inner)`` run the .NET constructors the twin
models (labkit.twin.dotnet_exceptions).  ``throw`` takes it as any exception and ``catch [MyError]`` or a
catch of one of its bases takes it (labkit.twin.catch_types reads the object's type names).  Message, Data,
InnerException, HResult, StackTrace and TargetSite are read-only, as in .NET; HelpLink and Source can be set.
"""

from __future__ import annotations

from typing import Any

from labkit.twin.dotnet_exceptions import construct_exception, make_exception
from labkit.twin.types import PSType
from labkit.twin.values import PSRuntimeError

_SETTABLE = {"helplink", "source"}


def initialize(obj: Any, class_name: str, dotnet_base: str) -> None:
    """The .NET properties before any constructor runs; Exception()'s message names the derived type."""
    made = make_exception(dotnet_base, f"Exception of type '{class_name}' was thrown.")
    for name, value in made.items():
        obj.set(name, value)


def construct(obj: Any, dotnet_base: str, args: list[Any]) -> None:
    """``: base(args)`` on the .NET exception type: what its constructor sets (Message, InnerException ...)."""
    if not args:
        return
    made = construct_exception(PSType(dotnet_base), args)
    for name, value in made.items():
        obj.set(name, value)


def set_inherited(obj: Any, name: str, value: Any) -> None:
    if name.lower() not in _SETTABLE:
        raise PSRuntimeError(f"'{name}' is a ReadOnly property.", "InvalidOperation", "PropertyAssignmentException")
    obj.set(name, value)
