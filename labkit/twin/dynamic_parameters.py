"""Dynamic parameters of advanced functions: the ``dynamicparam`` block and the .NET types it builds.

about_Functions_Advanced_Parameters (5.1), "Dynamic parameters":
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_functions_advanced_parameters?view=powershell-5.1#dynamic-parameters

As 5.1 binds a function with a ``dynamicparam`` block (CmdletParameterBinderController.HandleCommandLineDynamicParameters):
the static parameters are bound first; the block then runs in the function's scope, seeing them in
``$PSBoundParameters`` and their variables; what it returns, a ``RuntimeDefinedParameterDictionary``
(or ``$null``: no dynamic parameters), adds its parameters, and the rest of the command line binds
to them.  A bound dynamic parameter is in ``$PSBoundParameters`` and in its ``RuntimeDefinedParameter``'s
``Value`` (``IsSet`` true); it is no variable of the function.

The types, with the members scripts use (https://learn.microsoft.com/dotnet/api/system.management.automation):
``ParameterAttribute`` (Mandatory, Position, ParameterSetName, ValueFromPipeline,
ValueFromPipelineByPropertyName, ValueFromRemainingArguments, HelpMessage, DontShow),
``Collection[Attribute]``, ``RuntimeDefinedParameter(name, type, attributes)``,
``RuntimeDefinedParameterDictionary``, and the attributes ``AliasAttribute``, ``ValidateSetAttribute``,
``ValidateNotNullAttribute``, ``ValidateNotNullOrEmptyAttribute``, ``AllowNullAttribute``,
``AllowEmptyStringAttribute``, ``AllowEmptyCollectionAttribute``.  The block may also return an object of
a script class: its properties with a ``[Parameter()]`` attribute are the parameters, and binding sets
them on the object.  Another attribute in a dynamic parameter's collection, or an object of another type
returned by the block, is refused as not emulated.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from labkit.twin import syntax as S
from labkit.twin.dotnet_values import GenericList
from labkit.twin.errors import NotEmulated
from labkit.twin.objects import PSObject
from labkit.twin.types import PSType
from labkit.twin.values import PSHashtable, to_bool, to_string

_SMA = "System.Management.Automation."
PARAMETER = _SMA + "ParameterAttribute"
DEFINED = _SMA + "RuntimeDefinedParameter"
DICTIONARY = _SMA + "RuntimeDefinedParameterDictionary"
COLLECTION = "System.Collections.ObjectModel.Collection`1"
INT_MIN = -2147483648        # ParameterAttribute.Position when not set (int.MinValue)

# attribute type -> the name a param() block writes it with (labkit.twin.attributes reads those)
_ATTRIBUTES = {
    _SMA + "AliasAttribute": "Alias", _SMA + "ValidateSetAttribute": "ValidateSet",
    _SMA + "ValidateNotNullAttribute": "ValidateNotNull", _SMA + "ValidateNotNullOrEmptyAttribute": "ValidateNotNullOrEmpty",
    _SMA + "AllowNullAttribute": "AllowNull", _SMA + "AllowEmptyStringAttribute": "AllowEmptyString",
    _SMA + "AllowEmptyCollectionAttribute": "AllowEmptyCollection",
}
TYPES = {PARAMETER, DEFINED, DICTIONARY, COLLECTION, "System.Attribute", *_ATTRIBUTES}

_PARAMETER_DEFAULTS = {"Mandatory": False, "Position": INT_MIN, "ParameterSetName": "__AllParameterSets",
                       "ValueFromPipeline": False, "ValueFromPipelineByPropertyName": False,
                       "ValueFromRemainingArguments": False, "HelpMessage": None, "HelpMessageBaseName": None,
                       "HelpMessageResourceId": None, "DontShow": False, "TypeId": None}


class AttributeCollection(GenericList):
    """System.Collections.ObjectModel.Collection[T] (``Add`` returns nothing)."""

    __slots__ = ()
    type_name = COLLECTION


class ParameterDictionary(PSHashtable):
    """RuntimeDefinedParameterDictionary: parameter name -> RuntimeDefinedParameter."""

    __slots__ = ()
    type_name = DICTIONARY


def construct(t: PSType, args: list[Any]) -> Any:
    """``[T]::new(args)`` / ``New-Object T args`` for the dynamic parameter types; None for another type."""
    full = t.full_name
    if full == PARAMETER and not args:
        attribute = PSObject(PARAMETER, dict(_PARAMETER_DEFAULTS), tostring=PARAMETER)
        attribute.setter = _parameter_setter(attribute)
        return attribute
    if full == COLLECTION:
        return AttributeCollection(list(args[0]) if args and isinstance(args[0], list) else [], t.args[0] if t.args else None)
    if full == DICTIONARY and not args:
        return ParameterDictionary()
    if full == DEFINED and len(args) in (0, 3):
        name, ptype, attributes = (args if args else ["", None, AttributeCollection()])
        return PSObject(DEFINED, {"Name": to_string(name), "ParameterType": ptype, "Attributes": attributes,
                                  "Value": None, "IsSet": False}, tostring=DEFINED)
    if full in _ATTRIBUTES:
        values = [v for a in args for v in (a if isinstance(a, list) else [a])]
        kind = _ATTRIBUTES[full]
        props: dict[str, Any] = {"TypeId": None}
        if kind == "Alias":
            props["AliasNames"] = [to_string(v) for v in values]
        elif kind == "ValidateSet":
            props.update(ValidValues=[to_string(v) for v in values], IgnoreCase=True)
        elif values:
            return None
        return PSObject(full, props, tostring=full)
    return None


def _parameter_setter(attribute: PSObject) -> Any:
    """ParameterAttribute's properties keep their .NET types: a bool, an int Position, strings."""
    from labkit.twin.values import PSRuntimeError, convert

    def setter(name: str, value: Any) -> None:
        key = next((k for k in _PARAMETER_DEFAULTS if k.lower() == name.lower() and k != "TypeId"), None)
        if key is None:
            raise PSRuntimeError(f"The property '{name}' cannot be found on this object. Verify that the property exists and "
                                 "can be set.", "InvalidOperation", "PropertyNotFound")
        default = _PARAMETER_DEFAULTS[key]
        if isinstance(default, bool):
            value = to_bool(value)
        elif key == "Position":
            try:
                value = convert(value, "int32")
            except PSRuntimeError as e:
                raise PSRuntimeError(f'Exception setting "Position": "{e}"', "NotSpecified", "ExceptionWhenSetting") from None
        else:
            value = None if value is None else to_string(value)
        attribute.set(key, value)
    return setter


def _attribute_node(obj: Any, name: str) -> S.Attribute:
    """The attribute as a param() block would write it."""
    full = obj.type_name if isinstance(obj, PSObject) else ""
    if full == PARAMETER:
        named: list[tuple[str, Any]] = []
        for key, default in _PARAMETER_DEFAULTS.items():
            value = obj.get(key)
            if key in ("TypeId", "HelpMessageBaseName", "HelpMessageResourceId") or value == default:
                continue
            named.append((key, S.Const(to_bool(value) if isinstance(default, bool) else value)))
        return S.Attribute("Parameter", [], named)
    kind = _ATTRIBUTES.get(full)
    if kind is None:
        raise NotEmulated(name, f"the attribute [{full or type(obj).__name__}] of a dynamic parameter")
    values = obj.get("AliasNames") if kind == "Alias" else obj.get("ValidValues") if kind == "ValidateSet" else []
    named = [("IgnoreCase", S.Const(to_bool(obj.get("IgnoreCase"))))] if kind == "ValidateSet" and not to_bool(obj.get("IgnoreCase")) else []
    return S.Attribute(kind, [S.Const(v) for v in values or []], named)


def _type_name(value: Any) -> str | None:
    if isinstance(value, PSType):
        return value.full_name if value.element is None else value.element.full_name + "[]"
    if value is None:
        return None
    return to_string(value)


def dictionary_of(result: list[Any], command: str) -> Any:
    """What the dynamicparam block returned: its RuntimeDefinedParameterDictionary, an object of a script class
    (its properties with a [Parameter()] attribute are the parameters), or None."""
    from labkit.twin.usertypes import UserObject

    values = [v for v in result if v is not None]
    if not values:
        return None
    if len(values) == 1 and isinstance(values[0], (ParameterDictionary, UserObject)):
        return values[0]
    what = values[0].type_name if isinstance(values[0], (PSObject, PSHashtable)) else type(values[0]).__name__
    raise NotEmulated(command or "a function", f"a dynamicparam block returning {what} (a RuntimeDefinedParameterDictionary or "
                      "an object of a script class is)")


def _class_params(obj: Any) -> list[S.Param]:
    """The properties of the object's class (its bases' first) that carry [Parameter()], as parameters."""
    out: list[S.Param] = []
    for cls in obj.cls.chain():
        for prop in cls.defn.properties:
            if not prop.static and any(a.name.lower().rsplit(".", 1)[-1] in ("parameter", "parameterattribute")
                                       for a in prop.parameter):
                out.append(S.Param(prop.name, type_name=prop.type_name, attributes=list(prop.parameter)))
    return out


def script_with(script: S.Script, dictionary: Any, command: str) -> S.Script:
    """The function's script with the dynamic parameters after its own (their order is the dictionary's)."""
    params = list(script.params)
    if not isinstance(dictionary, ParameterDictionary):
        return dataclasses.replace(script, params=params + _class_params(dictionary))
    for key, defined in dictionary.items():
        if not (isinstance(defined, PSObject) and defined.type_name == DEFINED):
            raise NotEmulated(command or "a function", f"a RuntimeDefinedParameterDictionary entry of type {type(defined).__name__}")
        name = to_string(defined.get("Name")) or to_string(key)
        attributes = defined.get("Attributes")
        nodes = [_attribute_node(a, command) for a in (attributes if isinstance(attributes, list) else [])]
        if not any(n.name == "Parameter" for n in nodes):
            # 5.1 binds no parameter without a ParameterAttribute: it cannot be named on the command line
            continue
        params.append(S.Param(name, type_name=_type_name(defined.get("ParameterType")), attributes=nodes))
    return dataclasses.replace(script, params=params)


def names(dictionary: Any) -> list[str]:
    if not isinstance(dictionary, ParameterDictionary):
        return [p.name for p in _class_params(dictionary)]
    return [to_string(d.get("Name")) or to_string(k) for k, d in dictionary.items() if isinstance(d, PSObject)]


def set_values(dictionary: Any, bound: dict[str, Any]) -> None:
    """Each bound dynamic parameter's Value and IsSet (an object of a class: its property)."""
    if not isinstance(dictionary, ParameterDictionary):
        from labkit.twin.usertypes import set_property

        for p in _class_params(dictionary):
            hit = next((k for k in bound if k.lower() == p.name.lower()), None)
            if hit is not None:
                set_property(dictionary, p.name, bound[hit])
        return
    for key, defined in dictionary.items():
        name = to_string(defined.get("Name")) or to_string(key)
        hit = next((k for k in bound if k.lower() == name.lower()), None)
        if hit is not None:
            defined.set("Value", bound[hit])
            defined.set("IsSet", True)
