"""Parameter attributes of script functions and script blocks, and the
validation they do, with Windows PowerShell 5.1's error texts.

- ``[Parameter(Mandatory, Position, ValueFromPipeline,
  ValueFromPipelineByPropertyName, ValueFromRemainingArguments,
  ParameterSetName, HelpMessage, DontShow)]`` (one per parameter set);
- ``[Alias()]``, ``[AllowNull()]``, ``[AllowEmptyString()]``,
  ``[AllowEmptyCollection()]``;
- ``[ValidateSet]``, ``[ValidateRange]``, ``[ValidatePattern]``,
  ``[ValidateLength]``, ``[ValidateCount]``, ``[ValidateNotNull]``,
  ``[ValidateNotNullOrEmpty]``, ``[ValidateScript]``, ``[PSTypeName]``;
- descriptive attributes that change nothing when a script runs
  non-interactively: ``[SupportsWildcards]``, ``[ArgumentCompleter]``,
  ``[PSDefaultValue]``, ``[OutputType]``.

https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_functions_advanced_parameters?view=powershell-5.1
Texts: System.Management.Automation Metadata.resx / ParameterBinderStrings.resx (5.1 wording).
"""

from __future__ import annotations

from typing import Any, Callable

from labkit.twin.errors import CmdletError
from labkit.twin.values import PSRuntimeError, ScriptBlock, as_list, compare, regex_for, to_bool, to_number, to_string

PARAMETER_ATTRIBUTES = frozenset({
    "parameter", "system.management.automation.parameter", "alias", "allownull", "allowemptystring", "allowemptycollection",
    "validateset", "validaterange", "validatepattern", "validatelength", "validatecount", "validatenotnull",
    "validatenotnullorempty", "validatescript", "pstypename", "supportswildcards", "argumentcompleter", "psdefaultvalue",
})
# SuppressMessageAttribute "suppresses reporting of a specific static analysis tool rule violation" (PSScriptAnalyzer):
# nothing happens when the script runs (https://learn.microsoft.com/dotnet/api/
# system.diagnostics.codeanalysis.suppressmessageattribute).
SUPPRESS_MESSAGE = frozenset(f"{ns}{n}" for ns in ("diagnostics.codeanalysis.", "system.diagnostics.codeanalysis.")
                             for n in ("suppressmessage", "suppressmessageattribute"))
SCRIPT_ATTRIBUTES = frozenset({"cmdletbinding", "outputtype", "alias", "system.management.automation.cmdletbinding"}) | SUPPRESS_MESSAGE

# Arguments of [Parameter()] and [CmdletBinding()] that 5.1 knows.
PARAMETER_KEYS = {"mandatory", "position", "valuefrompipeline", "valuefrompipelinebypropertyname",
                  "valuefromremainingarguments", "parametersetname", "helpmessage", "helpmessagebasename",
                  "helpmessageresourceid", "dontshow"}
CMDLETBINDING_KEYS = {"defaultparametersetname", "supportsshouldprocess", "confirmimpact", "supportspaging",
                      "supportstransactions", "positionalbinding", "helpuri", "remotinghelpruntime",
                      "remotingcapability"}   # CmdletCommonMetadataAttribute.RemotingCapability (PowerShell's source)


class ValidationFailure(Exception):
    """A validation attribute refused a value; ``reason`` is the attribute's text."""

    def __init__(self, reason: str, error_id: str = "ParameterArgumentValidationError"):
        self.reason, self.error_id = reason, error_id
        super().__init__(reason)


def _display(v: Any) -> str:
    return to_string(v)


def check_range(parameter: str, value: Any, lo: Any, hi: Any) -> None:
    """A cmdlet parameter's [ValidateRange(lo, hi)]: 5.1's binding error when ``value`` is outside it."""
    try:
        _validate_one("validaterange", [lo, hi], {}, value, lambda block, item: None)
    except ValidationFailure as f:
        raise CmdletError(f"Cannot validate argument on parameter '{parameter}'. {f.reason}", "InvalidData", f.error_id,
                          exception_type="System.Management.Automation.ParameterBindingValidationException") from None


def validate(kind: str, args: list[Any], named: dict[str, Any], value: Any, run_script: Callable[[ScriptBlock, Any], Any]) -> None:
    """Raise ValidationFailure when ``value`` fails validation attribute ``kind`` (other attributes pass)."""
    if kind not in ATTRIBUTE_ORDER:
        return
    if kind == "validatenotnull":
        if value is None or (isinstance(value, list) and any(v is None for v in value)):
            raise ValidationFailure(
                "The argument is null. Provide a valid value for the argument, and then try running the command again."
                if not isinstance(value, list) else
                "The argument has a null value, or an element of the argument collection contains a null value. Provide a "
                "collection that does not contain any null values, and then try the command again.")
        return
    if kind == "validatenotnullorempty":
        if isinstance(value, list):
            if not value or any(v is None or v == "" for v in value):
                raise ValidationFailure(
                    "The argument is null, empty, or an element of the argument collection contains a null value. Supply a "
                    "collection that does not contain any null values and then try the command again.")
        elif value is None or value == "" or (isinstance(value, dict) and not value):
            raise ValidationFailure("The argument is null or empty. Provide an argument that is not null or empty, and then try "
                                    "the command again.")
        return
    if value is None and kind != "validatescript":
        raise ValidationFailure("The argument is null. Provide a valid value for the argument, and then try running the command again.")
    if kind == "validatecount":
        n = len(value) if isinstance(value, list) else 1
        lo, hi = int(to_number(args[0])), int(to_number(args[1]))
        if n < lo:
            raise ValidationFailure(f"The number of provided arguments ({n}) is fewer than the minimum number of allowed arguments "
                                    f"({lo}). Provide more than {lo} arguments, and then try the command again.")
        if n > hi:
            raise ValidationFailure(f"The number of provided arguments, ({n}), exceeds the maximum number of allowed arguments "
                                    f"({hi}). Provide fewer than {hi} arguments, and then try the command again.")
        return
    for v in as_list(value) if isinstance(value, list) else [value]:
        _validate_one(kind, args, named, v, run_script)


def _validate_one(kind: str, args: list[Any], named: dict[str, Any], v: Any, run_script: Callable[[ScriptBlock, Any], Any]) -> None:
    if kind == "validateset":
        ignore_case = to_bool(named.get("ignorecase", True))
        text = to_string(v)
        ok = any((to_string(a).lower() == text.lower()) if ignore_case else to_string(a) == text for a in args)
        if not ok:
            raise ValidationFailure(f"The argument \"{text}\" does not belong to the set \"{','.join(to_string(a) for a in args)}\" "
                                    "specified by the ValidateSet attribute. Supply an argument that is in the set and then try "
                                    "the command again.")
    elif kind == "validaterange":
        lo, hi = args[0], args[1]
        if compare(v, lo) < 0:
            raise ValidationFailure(f"The {_display(v)} argument is less than the minimum allowed range of {_display(lo)}. Supply an "
                                    f"argument that is greater than or equal to {_display(lo)} and then try the command again.")
        if compare(v, hi) > 0:
            raise ValidationFailure(f"The {_display(v)} argument is greater than the maximum allowed range of {_display(hi)}. Supply "
                                    f"an argument that is less than or equal to {_display(hi)} and then try the command again.")
    elif kind == "validatepattern":
        pattern = to_string(args[0])
        if regex_for(pattern).search(to_string(v)) is None:
            raise ValidationFailure(f"The argument \"{to_string(v)}\" does not match the \"{pattern}\" pattern. Supply an argument "
                                    f"that matches \"{pattern}\" and try the command again.")
    elif kind == "validatelength":
        lo, hi = int(to_number(args[0])), int(to_number(args[1]))
        n = len(to_string(v))
        if n < lo:
            raise ValidationFailure(f"The character length ({n}) of the argument is too short. Specify an argument with a length "
                                    f"that is greater than or equal to \"{lo}\", and then try the command again.")
        if n > hi:
            raise ValidationFailure(f"The character length ({n}) of the argument is too long. Specify an argument with a length "
                                    f"that is shorter than or equal to \"{hi}\", and then try the command again.")
    elif kind == "validatescript":
        block = args[0]
        if not isinstance(block, ScriptBlock):
            raise PSRuntimeError("ValidateScript needs a script block.", "MetadataError", "ValidateScriptNotScriptBlock")
        try:
            ok = to_bool(run_script(block, v))
        except PSRuntimeError as e:
            raise ValidationFailure(str(e)) from None
        if not ok:
            raise ValidationFailure(f"The \"{block.text}\" validation script for the argument with value \"{to_string(v)}\" did not "
                                    "return a result of True. Determine why the validation script failed, and then try the command again.")
    elif kind == "pstypename":
        want = to_string(args[0]).lower()
        names = [n.lower() for n in getattr(v, "type_names", [])]
        from labkit.twin.types import value_lineage
        names += [n.lower() for n in value_lineage(v)]
        if want not in names:
            raise ValidationFailure(f"The argument \"{to_string(v)}\" does not match the \"{to_string(args[0])}\" type name. "
                                    "Supply an argument of that type and then try the command again.")


ATTRIBUTE_ORDER = ("validatecount", "validatelength", "validatepattern", "validaterange", "validateset", "validatescript",
                   "validatenotnull", "validatenotnullorempty", "pstypename")
