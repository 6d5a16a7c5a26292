# Section 4: read the validation report Test-Cluster left on this node, test
# by test: category, test, result and message, as Windows recorded them.
#
# Test-Cluster returns the HTML report file (System.IO.FileInfo,
# https://learn.microsoft.com/powershell/module/failoverclusters/test-cluster);
# validation writes its results as XML beside it, the same name with .xml.
# The XML: Report > Channel > Channel elements; a category is a channel of
# Type 'Summary' (its id, its ChannelName); a test names its category's id in
# SummaryChannel and has Title, Result and Message; the texts are CDATA
# sections (the structure public readers of the real report use, e.g.
# https://www.powershellmagazine.com/2020/01/30/parsing-failover-cluster-validation-report-in-powershell/).
# No XML beside the report: Tests is empty and Xml is $null, and the runbook
# says the table could not be read rather than show an empty one.
param(
    [Parameter(Mandatory)][string]$Report
)
$ErrorActionPreference = 'Stop'
$xmlPath = [System.IO.Path]::ChangeExtension($Report, '.xml')
$tests = @()
if (Test-Path -LiteralPath $xmlPath) {
    $xml = [xml](Get-Content -LiteralPath $xmlPath -Raw)
    $channels = @($xml.Report.Channel.Channel)
    $categories = @{}
    foreach ($channel in $channels) {
        if ($channel.Type -eq 'Summary') {
            $categories["$($channel.id)"] = "$($channel.ChannelName.'#cdata-section')"
        }
    }
    foreach ($channel in $channels) {
        if ($channel.Type -ne 'Summary' -and $channel.SummaryChannel) {
            $messages = foreach ($message in @($channel.Message)) {
                if ($message -is [string]) { $message } else { $message.'#cdata-section' }
            }
            $tests += [pscustomobject]@{
                Category = $categories["$($channel.SummaryChannel.Value.'#cdata-section')"]
                Test     = "$($channel.Title.Value.'#cdata-section')"
                Result   = "$($channel.Result.Value.'#cdata-section')"
                Reason   = (@($messages) | Where-Object { $_ }) -join ' '
            }
        }
    }
} else {
    $xmlPath = $null
}
[pscustomobject]@{
    Report  = $Report
    Xml     = $xmlPath
    Tests   = $tests
    Changed = $false
} | ConvertTo-Json -Compress -Depth 4
