"""The pipeline unrolls an array one level, never more (about_Pipelines: "PowerShell enumerates
the array ... one at a time"; the unary comma wraps an array so that it travels whole).
Issue 20: a mutant that unrolled fully survived the suite."""

from __future__ import annotations

import pytest

from labkit.twin.session import run_script


@pytest.fixture(scope="module")
def st(tmp_path_factory):
    path = tmp_path_factory.mktemp("unroll")
    run_script("1", host="CLUSTERNODE-1", state_dir=path)
    return path


@pytest.mark.parametrize("script, expected", [
    (",@(1,2) | ForEach-Object Count", [2]),                       # the array arrives whole
    (",@(1,2) | ForEach-Object { $_.Count }", [2]),
    ("@(@(1,2),3) | ForEach-Object { $_.Count }", [2, 1]),         # one level: the inner array stays
    ("$a = ,(1,2,3); $a | ForEach-Object { $_.GetType().Name }", ["Object[]"]),
    (",(1,2,3) | Measure-Object | ForEach-Object Count", [1]),
    ("(1,(2,3)) | ForEach-Object { $_.Count }", [1, 2]),
])
def test_one_level_is_unrolled(st, script, expected):
    r = run_script(script, host="CLUSTERNODE-1", state_dir=st)
    assert r.ok and not r.errors, r.error_text
    assert r.output == expected
