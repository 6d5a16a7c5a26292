"""The ErrorRecord Write-Error writes, from all its parameters, as 5.1's WriteErrorCommand builds it.

- ``-ErrorRecord``: a copy of the record (its exception, id, category, target and details stay);
- ``-Exception``: that exception in the record; the id is -ErrorId or the exception's full type name; a -Message
  given with it becomes the record's ErrorDetails (what the error shows);
- ``-Message`` alone: a WriteErrorException with the message; the id is -ErrorId or
  ``Microsoft.PowerShell.Commands.WriteErrorException``;
- ``-RecommendedAction``: ErrorDetails.RecommendedAction (ErrorDetails made from the record's text when it has none);
- ``-CategoryActivity`` / ``-CategoryReason`` / ``-CategoryTargetName`` / ``-CategoryTargetType``: the CategoryInfo's
  Activity / Reason / TargetName / TargetType (its text follows: labkit.twin.category_info); without
  -CategoryActivity the activity is "Write-Error".
https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/write-error?view=powershell-5.1
(WriteOrThrowErrorCommand.ProcessRecord in PowerShell's source, commit 60b3b304f2, for the order of these rules)
"""

from __future__ import annotations

from typing import Any

from labkit.twin.objects import PSObject
from labkit.twin.values import to_string

WRITE_ERROR_EXCEPTION = "Microsoft.PowerShell.Commands.WriteErrorException"


def error_details(message: str, recommended: str | None = None) -> PSObject:
    return PSObject("System.Management.Automation.ErrorDetails", {"Message": message, "RecommendedAction": recommended or ""},
                    tostring=message)


def source_fields(args: dict[str, Any]) -> tuple[str, str, Any, str, str]:
    """(message, category, target, error id, exception type) of the record Write-Error's arguments describe."""
    if "ErrorRecord" in args:
        rec = args["ErrorRecord"]
        cat = _get(_get(rec, "CategoryInfo"), "Category")
        exc = _get(rec, "Exception")
        return (to_string(rec), to_string(cat) or "NotSpecified", _get(rec, "TargetObject"),
                to_string(_get(rec, "FullyQualifiedErrorId")), _type_name(exc) or WRITE_ERROR_EXCEPTION)
    category = to_string(args.get("Category") or "NotSpecified")
    exc = args.get("Exception")
    if exc is not None:
        message = to_string(args.get("Message") or "") or to_string(_get(exc, "Message") or exc)
        return message, category, args.get("TargetObject"), to_string(args.get("ErrorId") or "") or _type_name(exc), _type_name(exc)
    return (to_string(args.get("Message")), category, args.get("TargetObject"),
            to_string(args.get("ErrorId") or "") or WRITE_ERROR_EXCEPTION, WRITE_ERROR_EXCEPTION)


def apply(record: PSObject, info: Any, args: dict[str, Any]) -> None:
    """Put into the record Write-Error made what its other parameters say."""
    cat = record.get("CategoryInfo")
    source = args.get("ErrorRecord")
    exc = _get(source, "Exception") if source is not None else args.get("Exception")
    if isinstance(exc, PSObject):
        record.set("Exception", exc)
    if source is not None:
        details = _get(source, "ErrorDetails")
        if details is not None:
            record.set("ErrorDetails", error_details(to_string(_get(details, "Message")), to_string(_get(details, "RecommendedAction"))))
        old = _get(source, "CategoryInfo")
        for name in ("Reason", "TargetName", "TargetType"):
            if old is not None and _get(old, name) is not None and cat is not None:
                PSObject.set(cat, name, _get(old, name))
    elif args.get("Exception") is not None and to_string(args.get("Message") or ""):
        record.set("ErrorDetails", error_details(to_string(args["Message"])))
    recommended = to_string(args.get("RecommendedAction") or "")
    if recommended:
        details = record.get("ErrorDetails")
        if details is None:
            details = error_details(to_string(record))
            record.set("ErrorDetails", details)
        details.set("RecommendedAction", recommended)
    if cat is not None:
        for param, prop in (("CategoryActivity", "Activity"), ("CategoryReason", "Reason"), ("CategoryTargetName", "TargetName"),
                            ("CategoryTargetType", "TargetType")):
            value = to_string(args.get(param) or "")
            if value:
                cat.set(prop, value)
        info.category_info = str(cat)
    details = record.get("ErrorDetails")
    text = to_string(_get(details, "Message")) if details is not None and to_string(_get(details, "Message")) else \
        to_string(_get(record.get("Exception"), "Message"))
    if text:
        record.tostring = text
        info.message = text


def _get(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, PSObject) else None


def _type_name(exc: Any) -> str:
    return exc.type_name if isinstance(exc, PSObject) else ""
