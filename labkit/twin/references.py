"""``[ref]``: references to variables and values (about_Ref, 5.1).

https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_ref?view=powershell-5.1

``[ref]$x`` is a System.Management.Automation.PSReference whose ``.Value`` reads
and writes the variable ``$x`` (in the scope that holds it), so a function given
``([ref]$x)`` for a ``[ref]`` parameter changes the caller's variable;
``[ref]`` on any other expression wraps its value.  A ``[ref]`` parameter given
something that is not a reference fails as 5.1 does ("Reference type is
expected in argument.").
"""

from __future__ import annotations

from typing import Any, Callable, Iterator

from labkit.twin.automation_null import as_null
from labkit.twin.objects import PSObject
from labkit.twin.values import PSRuntimeError

TYPE_NAME = "System.Management.Automation.PSReference"


class PSReference(PSObject):
    """A reference: ``Value`` is read and written through ``getter`` / ``setter``."""

    __slots__ = ("_getter", "_setter")

    def __init__(self, getter: Callable[[], Any], setter: Callable[[Any], None]):
        super().__init__(TYPE_NAME, {"Value": None}, tostring=TYPE_NAME)
        self._getter, self._setter = getter, setter

    def get(self, name: str, default: Any = None) -> Any:
        if name.lower() == "value":
            return self._getter()
        return super().get(name, default)

    def set(self, name: str, value: Any) -> None:
        if name.lower() == "value" and hasattr(self, "_setter"):
            self._setter(value)
            return
        super().set(name, value)

    def items(self) -> Iterator[tuple[str, Any]]:
        yield "Value", self._getter()


def to_value_reference(value: Any) -> PSReference:
    """``[ref]5``: a reference holding its own value."""
    box = [value]

    def setter(v: Any) -> None:
        box[0] = v

    return PSReference(lambda: box[0], setter)


def to_variable_reference(scope: Any, name: str, display: str, missing: Any) -> PSReference:
    """``[ref]$name``: the variable in the nearest scope that has it; 5.1 refuses a variable that does not exist."""
    s = scope
    while s is not None and name not in s.vars:
        s = s.parent
    if s is None:
        # ParserStrings.resx NonExistingVariableReference
        raise PSRuntimeError("[ref] cannot be applied to a variable that does not exist.", "InvalidOperation",
                             "NonExistingVariableReference")
    holder = s

    def setter(v: Any) -> None:
        holder.vars[name] = v

    return PSReference(lambda: as_null(holder.vars.get(name)), setter)


def require_reference(value: Any) -> PSReference:
    """A ``[ref]`` parameter's argument: it must already be a reference."""
    if isinstance(value, PSReference):
        return value
    raise PSRuntimeError("Reference type is expected in argument.", "InvalidArgument", "ReferenceNeeded")
