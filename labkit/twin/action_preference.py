"""ActionPreference values as 5.1 binds them to ``-ErrorAction``,
``-WarningAction`` and ``-InformationAction``: a name, an unambiguous prefix
of a name (``-ea si`` is SilentlyContinue; parameter binding of enum values
goes through EnumMinimumDisambiguation), or the enum's number (``-ea 0``).

Windows PowerShell 5.1's ActionPreference: SilentlyContinue (0), Stop (1),
Continue (2), Inquire (3), Ignore (4), Suspend (5) (``Break`` came in 7).
https://learn.microsoft.com/dotnet/api/system.management.automation.actionpreference
"""

from __future__ import annotations

from typing import Any

from labkit.twin.objects import PSEnum
from labkit.twin.values import PSRuntimeError, to_string

NAMES = ("SilentlyContinue", "Stop", "Continue", "Inquire", "Ignore", "Suspend")
TYPE = "System.Management.Automation.ActionPreference"


def _error(value: Any, parameter: str, detail: str) -> PSRuntimeError:
    return PSRuntimeError(f"Cannot bind parameter '{parameter}'. Cannot convert value \"{to_string(value)}\" to type \"{TYPE}\". "
                          f"Error: \"{detail}\"", "InvalidArgument", "CannotConvertArgumentNoMessage")


def common_action(value: Any, parameter: str) -> str:
    """``-ErrorAction`` / ``-WarningAction`` / ``-InformationAction``: Suspend (workflows only) is refused."""
    name = action_name(value, parameter)
    if name == "Suspend":
        # ErrorPackage.resx ActionPreferenceReservedForFutureUseError
        raise PSRuntimeError(f"Cannot bind parameter '{parameter}'. The {name} ActionPreference value is reserved for future use "
                             "and is not supported at this time. For more information about preference variables, see the Help "
                             "topic, \"about_Preference_Variables.\"", "InvalidArgument", "ParameterBindingFailed")
    return name


def action_name(value: Any, parameter: str = "ErrorAction") -> str:
    """The ActionPreference name ``value`` binds to; raises 5.1's binding error otherwise."""
    if isinstance(value, PSEnum):
        return value.name
    if isinstance(value, bool):
        raise _error(value, parameter, "Cannot convert value \"%s\" to type \"%s\"." % (value, TYPE))
    if isinstance(value, int) and 0 <= value < len(NAMES):
        return NAMES[value]
    text = to_string(value).strip()
    if text.lstrip("+-").isdigit() and 0 <= int(text) < len(NAMES):
        return NAMES[int(text)]
    low = text.lower()
    hits = [n for n in NAMES if n.lower().startswith(low)] if low else []
    exact = [n for n in hits if n.lower() == low]
    if exact:
        return exact[0]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise _error(value, parameter, f"Unable to match the identifier name {text} to a valid enumerator name. Specify one of "
                                       f"the following enumerator names and try again:\n{', '.join(NAMES)}")
    raise _error(value, parameter, f"The identifier name {text} cannot be processed because it is either too similar or identical "
                                   f"to the following enumerator names: {', '.join(hits)}. Use a more specific identifier name.")


# The preference variables whose values are ActionPreference (about_Preference_Variables, 5.1) with their defaults. The
# global variables are ActionPreference-typed: what a script assigns to them is converted ('stop' is Stop, 'Foo' an
# error), and `$ErrorActionPreference -is [System.Management.Automation.ActionPreference]` holds.
# https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_preference_variables?view=powershell-5.1
PREFERENCE_DEFAULTS = {"erroractionpreference": "Continue", "warningpreference": "Continue", "verbosepreference": "SilentlyContinue",
                       "progresspreference": "Continue", "debugpreference": "SilentlyContinue",
                       "informationpreference": "SilentlyContinue"}


def preference_value(name: str) -> PSEnum:
    """The ActionPreference value ``name`` (one of NAMES)."""
    return PSEnum(TYPE, name, NAMES.index(name))


def set_global_preferences(scope: Any) -> None:
    """The global scope's ActionPreference variables, typed as 5.1 types them."""
    from labkit.twin.types import resolve

    t = resolve(TYPE)
    for var, default in PREFERENCE_DEFAULTS.items():
        scope.vars[var] = preference_value(default)
        if t is not None:
            if scope.types is None:
                scope.types = {}
            scope.types[var] = t
