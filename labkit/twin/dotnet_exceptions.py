"""Exception objects as scripts build them: ``[System.InvalidOperationException]::new('x')``,
``New-Object System.Exception 'x'``, and what ``throw`` and ``catch [Type]`` see.

An exception is a :class:`~labkit.twin.objects.PSObject` whose type names
are the exception's type and its bases (so ``catch [System.SystemException]``
catches an InvalidOperationException), with .NET's properties ``Message``,
``InnerException``, ``HResult``, ``Data`` ...  The messages of the
parameterless constructors are .NET Framework 4's.
"""

from __future__ import annotations

from typing import Any

from labkit.twin.objects import PSObject
from labkit.twin.types import PSType

# https://learn.microsoft.com/dotnet/api/system.exception.-ctor (and each type's parameterless constructor)
_DEFAULT_MESSAGES = {
    "System.InvalidOperationException": "Operation is not valid due to the current state of the object.",
    "System.ArgumentException": "Value does not fall within the expected range.",
    "System.ArgumentNullException": "Value cannot be null.",
    "System.ArgumentOutOfRangeException": "Specified argument was out of the range of valid values.",
    "System.NotImplementedException": "The method or operation is not implemented.",
    "System.NotSupportedException": "Specified method is not supported.",
    "System.FormatException": "One of the identified items was in an invalid format.",
    "System.DivideByZeroException": "Attempted to divide by zero.",
    "System.OverflowException": "Arithmetic operation resulted in an overflow.",
    "System.NullReferenceException": "Object reference not set to an instance of an object.",
    "System.IndexOutOfRangeException": "Index was outside the bounds of the array.",
    "System.InvalidCastException": "Specified cast is not valid.",
    "System.TimeoutException": "The operation has timed out.",
    "System.UnauthorizedAccessException": "Attempted to perform an unauthorized operation.",
    "System.IO.IOException": "I/O error occurred.",
    "System.IO.FileNotFoundException": "Unable to find the specified file.",
    "System.OperationCanceledException": "The operation was canceled.",
    "System.Collections.Generic.KeyNotFoundException": "The given key was not present in the dictionary.",
    "System.ArithmeticException": "Overflow or underflow in the arithmetic operation.",
    "System.SystemException": "System error.",
    "System.ApplicationException": "Error in the application.",
}

_HRESULTS = {
    "System.Exception": -2146233088, "System.SystemException": -2146233087, "System.InvalidOperationException": -2146233079,
    "System.ArgumentException": -2147024809, "System.ArgumentNullException": -2147467261,
    "System.ArgumentOutOfRangeException": -2146233086, "System.NotImplementedException": -2147467263,
    "System.NotSupportedException": -2146233067, "System.FormatException": -2146233033,
    "System.DivideByZeroException": -2147352558, "System.Management.Automation.RuntimeException": -2146233087,
}


def is_exception_type(t: PSType) -> bool:
    return t.element is None and "System.Exception" in t.lineage()


def make_exception(type_name: str, message: str | None = None, inner: Any = None, *, param_name: str | None = None) -> PSObject:
    """An exception object of ``type_name`` (a full name the twin knows)."""
    t = PSType(type_name)
    lineage = t.lineage()
    if message is None:
        message = _DEFAULT_MESSAGES.get(type_name, f"Exception of type '{type_name}' was thrown.")
    full_message = message
    if param_name and type_name.endswith(("ArgumentException", "ArgumentNullException", "ArgumentOutOfRangeException")):
        full_message = f"{message}\r\nParameter name: {param_name}"
    hresult = next((_HRESULTS[n] for n in lineage if n in _HRESULTS), -2146233088)
    from labkit.twin.values import PSHashtable

    props: dict[str, Any] = {"Message": full_message, "Data": PSHashtable(), "InnerException": inner, "TargetSite": None,
                             "StackTrace": None, "HelpLink": None, "Source": None, "HResult": hresult}
    if param_name is not None or type_name.endswith(("ArgumentException", "ArgumentNullException", "ArgumentOutOfRangeException")):
        props["ParamName"] = param_name
    if "System.Management.Automation.RuntimeException" in lineage:
        props["ErrorRecord"] = None
        props["WasThrownFromThrowStatement"] = False
    return PSObject(lineage, props, tostring=f"{type_name}: {full_message}")


def construct_exception(t: PSType, args: list[Any]) -> PSObject:
    """``[T]::new(...)`` / ``New-Object T ...`` for an exception type: (), (message), (message, inner);
    ArgumentNullException and ArgumentOutOfRangeException take (paramName) / (paramName, message)."""
    from labkit.twin.values import PSRuntimeError, to_string

    name = t.full_name
    if len(args) > 2:
        raise PSRuntimeError(f'Cannot find an overload for "new" and the argument count: "{len(args)}".',
                             "NotSpecified", "MethodCountCouldNotFindBest")
    if not args:
        return make_exception(name)
    if name.endswith(("ArgumentNullException", "ArgumentOutOfRangeException")):
        if len(args) == 1:
            return make_exception(name, None, param_name=to_string(args[0]))
        if isinstance(args[1], PSObject) and "System.Exception" in args[1].type_names:
            return make_exception(name, to_string(args[0]), args[1])
        return make_exception(name, to_string(args[1]), param_name=to_string(args[0]))
    if name.endswith("ArgumentException") and len(args) == 2 and not (isinstance(args[1], PSObject) and "System.Exception" in args[1].type_names):
        return make_exception(name, to_string(args[0]), param_name=to_string(args[1]))
    inner = args[1] if len(args) == 2 else None
    if inner is not None and not (isinstance(inner, PSObject) and "System.Exception" in inner.type_names):
        raise PSRuntimeError(f'Cannot convert argument "innerException", with value: "{to_string(inner)}", for "new" to type '
                             f'"System.Exception": "Cannot convert the "{to_string(inner)}" value of type "{type(inner).__name__}" '
                             'to type "System.Exception"."', "NotSpecified", "MethodArgumentConversionInvalidCastArgument")
    return make_exception(name, to_string(args[0]), inner)


def exception_lineage(type_name: str) -> list[str]:
    """The type names an exception of ``type_name`` carries (catch [Base] matches them)."""
    t = PSType(type_name)
    return t.lineage() if type_name in _KNOWN else [type_name, "System.Exception", "System.Object"]


from labkit.twin.types import _BASES as _KNOWN  # noqa: E402


def construct_error_record(args: list[Any]) -> PSObject:
    """``[System.Management.Automation.ErrorRecord]::new(exception, errorId, errorCategory, targetObject)``.
    https://learn.microsoft.com/dotnet/api/system.management.automation.errorrecord.-ctor"""
    from labkit.twin.objects import PSEnum
    from labkit.twin.values import PSRuntimeError, to_string

    if len(args) != 4:
        raise PSRuntimeError(f'Cannot find an overload for "new" and the argument count: "{len(args)}".',
                             "NotSpecified", "MethodCountCouldNotFindBest")
    exc, error_id, category, target = args
    if not (isinstance(exc, PSObject) and "System.Exception" in exc.type_names):
        raise PSRuntimeError('Cannot convert argument "exception", with value: "%s", for "ErrorRecord" to type "System.Exception".'
                             % to_string(exc), "NotSpecified", "MethodArgumentConversionInvalidCastArgument")
    from labkit.twin.interpreter import ERROR_CATEGORIES
    cat_name = category.name if isinstance(category, PSEnum) else to_string(category) if not isinstance(category, int) else \
        ERROR_CATEGORIES[category] if 0 <= category < len(ERROR_CATEGORIES) else "NotSpecified"
    match = [c for c in ERROR_CATEGORIES if c.lower() == cat_name.strip().lower()]
    if not match:
        raise PSRuntimeError(f'Cannot convert argument "errorCategory", with value: "{cat_name}", for "ErrorRecord" to type '
                             '"System.Management.Automation.ErrorCategory".', "NotSpecified", "MethodArgumentConversionInvalidCastArgument")
    cat_name = match[0]
    message = to_string(exc.get("Message"))
    reason = exc.type_name.rsplit(".", 1)[-1]
    target_name = to_string(target) if target is not None else ""
    from labkit.twin.category_info import ErrorCategoryInfo
    from labkit.twin.values import type_of as _type_of
    cat = ErrorCategoryInfo(PSEnum("System.Management.Automation.ErrorCategory", cat_name, ERROR_CATEGORIES.index(cat_name)),
                            "", reason, target_name, _type_of(target).rsplit(".", 1)[-1] if target is not None else "")
    return PSObject("System.Management.Automation.ErrorRecord", {
        "Exception": exc, "TargetObject": target, "CategoryInfo": cat, "FullyQualifiedErrorId": to_string(error_id),
        "ErrorDetails": None, "InvocationInfo": None, "ScriptStackTrace": ""}, tostring=message)
