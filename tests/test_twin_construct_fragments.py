"""Every prefix of the language-construct test scripts (what a user has typed so far) either
runs or fails with a PowerShell error: never a Python exception (issue 13: "Nothing that
parses in 5.1 may raise a Python error"; issue 16: "nothing ever shows a traceback")."""

from __future__ import annotations

import test_twin_language_constructs as constructs

from labkit.twin.errors import TwinError
from labkit.twin.parser import parse
from labkit.twin.session import run_script


def _scripts() -> list[str]:
    out = [constructs._POINT]
    for name in dir(constructs):
        for mark in getattr(getattr(constructs, name), "pytestmark", []):
            if mark.name == "parametrize":
                out += [case[0] for case in mark.args[1] if isinstance(case, tuple) and isinstance(case[0], str)]
    return out


def test_prefixes_never_raise_python_errors(tmp_path):
    scripts = _scripts()
    assert len(scripts) > 100
    ran = 0
    for script in scripts:
        for cut in range(1, len(script), 3):
            text = script[:cut]
            try:
                parse(text)
            except TwinError:
                continue
            if cut % 4 == 1:      # running every prefix costs minutes of store transactions: a sample
                result = run_script(text, host="CLUSTERNODE-1", state_dir=tmp_path)
                assert result.ok in (True, False)
                ran += 1
    assert ran > 50
