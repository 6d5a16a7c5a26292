"""Emulated cmdlets, one module per Windows PowerShell module.

Importing this package imports every module in it, so each module's
``@cmdlet`` registrations (labkit.twin.registry) take effect: a new module
only has to be dropped into this directory.
"""

from __future__ import annotations

import importlib
import pkgutil

for _info in sorted(pkgutil.iter_modules(__path__), key=lambda m: (m.name != "core", m.name)):
    importlib.import_module(f"{__name__}.{_info.name}")
