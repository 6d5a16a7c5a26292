"""System.Text.NormalizationForm and String.Normalize / IsNormalized.

The four forms are Unicode's (https://learn.microsoft.com/dotnet/api/system.text.normalizationform?view=netframework-4.8:
FormC = 1, FormD = 2, FormKC = 5, FormKD = 6); Python's unicodedata applies them.  A string with a
lone surrogate (which .NET refuses with an ArgumentException) is refused as not emulated.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from labkit.twin.method_overloads import not_emulated
from labkit.twin.objects import PSEnum
from labkit.twin.values import PSRuntimeError, to_string

FORMS = {"FormC": 1, "FormD": 2, "FormKC": 5, "FormKD": 6}
FULL_NAME = "System.Text.NormalizationForm"


def form_enum(name: str) -> PSEnum:
    return PSEnum(FULL_NAME, name, FORMS[name])


def to_form(value: Any) -> int:
    """A NormalizationForm from the enum, its number or its name."""
    if isinstance(value, PSEnum):
        return value.value
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = to_string(value).strip()
    for name, n in FORMS.items():
        if name.lower() == text.lower():
            return n
    raise PSRuntimeError(f'Cannot convert value "{text}" to type "{FULL_NAME}". Error: "Unable to match the identifier name '
                         f'{text} to a valid enumerator name. Specify one of the following enumerator names and try again:\n'
                         f'{", ".join(FORMS)}"', "InvalidArgument", "RuntimeException")


def _python_form(form: int) -> str:
    name = next((name for name, n in FORMS.items() if n == form), None)
    if name is None:   # .NET Framework refuses other values (and FormIdna's 13) with its own exceptions
        raise not_emulated(f"Normalization with NormalizationForm value {form}")
    return name.replace("Form", "NF")


def _check(text: str) -> None:
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        raise not_emulated("Normalizing a string with a lone surrogate")


def normalize(text: str, form: int) -> str:
    _check(text)
    return unicodedata.normalize(_python_form(form), text)  # type: ignore[arg-type]


def is_normalized(text: str, form: int) -> bool:
    _check(text)
    return unicodedata.is_normalized(_python_form(form), text)  # type: ignore[arg-type]
