"""DSC's dynamic keywords: the twin defines none, so clearing them does nothing and adding one is refused.
https://learn.microsoft.com/dotnet/api/system.management.automation.language.dynamickeyword.reset
"""

from __future__ import annotations

from support.twin_script import out, ps


def test_reset_has_nothing_to_clear(st):
    assert out(st, "[System.Management.Automation.Language.DynamicKeyword]::Reset()\n'after'") == ["after"]


def test_adding_a_keyword_is_refused(st):
    r = ps(st, "[System.Management.Automation.Language.DynamicKeyword]::AddKeyword($null)")
    assert not r.ok and "AddKeyword() is not emulated by the twin" in r.error_text
