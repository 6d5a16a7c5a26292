"""ErrorCategoryInfo: an error record's CategoryInfo, and the text 5.1 prints for it (``+ CategoryInfo : ...``).

ToString() / GetMessage() fill ErrorCategoryStrings.resx's template for the category, the same for every
category: ``{Category}: ({TargetName}:{TargetType}) [{Activity}], {Reason}``, where the activity, target name and
target type (and a reason that is not an exception's type name) longer than 40 characters are shortened to their
first and last 15 with ``...`` between (ErrorCategoryInfo.Ellipsize; Windows PowerShell 5.1's text: 7 has 19 and
``…``), as the 5.1 pages print it: "OpenError: (System.Manageme....RemoteRunspace:RemoteRunspace)"
(https://learn.microsoft.com/powershell/module/microsoft.powershell.core/disable-psremoting?view=powershell-5.1),
"OperationStopped: (Book 'The Hobbi...alread" (about_Classes, 5.1).
The properties are writable, as Write-Error's -CategoryActivity, -CategoryReason, -CategoryTargetName and
-CategoryTargetType write them, and the text follows.
https://learn.microsoft.com/dotnet/api/system.management.automation.errorcategoryinfo
https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/write-error?view=powershell-5.1
"""

from __future__ import annotations

from typing import Any

from labkit.twin.objects import PSEnum, PSObject
from labkit.twin.values import to_string

TYPE = "System.Management.Automation.ErrorCategoryInfo"
_LIMIT, _HALF = 40, 15


def ellipsize(text: str) -> str:
    return text if len(text) <= _LIMIT else f"{text[:_HALF]}...{text[-_HALF:]}"


def category_text(category: str, activity: str, target_name: str, target_type: str, reason: str,
                  reason_is_exception: bool = True) -> str:
    return (f"{category}: ({ellipsize(target_name)}:{ellipsize(target_type)}) [{ellipsize(activity)}], "
            f"{reason if reason_is_exception else ellipsize(reason)}")


class ErrorCategoryInfo(PSObject):
    """CategoryInfo whose text is computed from its properties as they are now."""

    __slots__ = ("reason_is_exception",)

    def __init__(self, category: PSEnum, activity: str, reason: str, target_name: str, target_type: str):
        self.reason_is_exception = True
        super().__init__(TYPE, {"Category": category, "Activity": activity, "Reason": reason, "TargetName": target_name,
                                "TargetType": target_type})

    def set(self, name: str, value: Any) -> None:
        if name.lower() == "reason" and self.has("Reason"):
            self.reason_is_exception = False     # a reason written later is text, shortened as such
        super().set(name, value)

    @property  # type: ignore[override]
    def tostring(self) -> str:
        return category_text(to_string(self.get("Category")), to_string(self.get("Activity")), to_string(self.get("TargetName")),
                             to_string(self.get("TargetType")), to_string(self.get("Reason")), self.reason_is_exception)

    @tostring.setter
    def tostring(self, value: Any) -> None:
        pass    # always computed

    def dotnet_call(self, name: str, args: list[Any]) -> Any:
        if name.lower() in ("getmessage", "tostring") and len(args) <= (1 if name.lower() == "getmessage" else 0):
            return self.tostring
        raise AttributeError(name)
