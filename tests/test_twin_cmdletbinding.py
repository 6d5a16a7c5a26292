"""[CmdletBinding()] arguments of advanced functions on the twin, from about_Functions_CmdletBindingAttribute (5.1).

https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_functions_cmdletbindingattribute?view=powershell-5.1
"""

from __future__ import annotations

from support.twin_script import out, ps

# The page's SupportsPaging example
GET_NUMBERS = """
function Get-Numbers {
    [CmdletBinding(SupportsPaging)]
    param()
    $FirstNumber = [Math]::Min($PSCmdlet.PagingParameters.Skip, 100)
    $LastNumber = [Math]::Min($PSCmdlet.PagingParameters.First + $FirstNumber - 1, 100)
    if ($PSCmdlet.PagingParameters.IncludeTotalCount) {
        $TotalCountAccuracy = 1.0
        $TotalCount = $PSCmdlet.PagingParameters.NewTotalCount(100, $TotalCountAccuracy)
        Write-Output $TotalCount
    }
    $FirstNumber .. $LastNumber | Write-Output
}
"""


def test_supports_paging_adds_first_skip_and_include_total_count(st):
    assert out(st, GET_NUMBERS + "(Get-Numbers -First 3 -Skip 5) -join ','") == ["5,6,7"]
    assert out(st, GET_NUMBERS + "$r = Get-Numbers -IncludeTotalCount -First 2; \"$($r[0])\"; $r.Count") == ["Total count: 100", 3]
    assert out(st, GET_NUMBERS + "(Get-Numbers).Count") == [101]


def test_total_count_texts(st):
    script = """
function g { [CmdletBinding(SupportsPaging)] param()
    "$($PSCmdlet.PagingParameters.NewTotalCount(7, 0.5))"; "$($PSCmdlet.PagingParameters.NewTotalCount(7, 0))" }
g"""
    assert out(st, script) == ["Estimated total count: 7", "Unknown total count"]


def test_paging_parameters_only_with_supports_paging(st):
    r = ps(st, "function g { [CmdletBinding()] param() 'ran' }\ntry { g -First 1 } catch { $_.FullyQualifiedErrorId }")
    assert r.output == ["NamedParameterNotFound,g"]


def test_remoting_capability_is_a_cmdletbinding_argument(st):
    # CmdletCommonMetadataAttribute.RemotingCapability (PowerShell's source) is accepted by 5.1
    assert out(st, "function g { [CmdletBinding(RemotingCapability = 'None')] param() 'ran' }\ng") == ["ran"]


def test_write_debug_shown_is_refused_not_dropped(st):
    script = "function g { [CmdletBinding()] param() $PSCmdlet.WriteDebug('dbg'); 'after' }\n"
    assert out(st, script + "g") == ["after"]
    r = ps(st, script + "g -Debug")
    assert [e.error_id for e in r.errors] == ["NotEmulated"] and "WriteDebug" in r.error_text
