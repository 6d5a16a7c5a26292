param([string[]]$PkSkipIds = @(), [string[]]$PkSkipMessages = @())
# A small Pester-like harness that runs on the twin (benchmarks/pester_cases.py runs it, then a
# PowerShell Pester .Tests.ps1 file in the same session, and reads what it reports with Write-Host).
#
# PowerShell's own tests run under Pester 4 (build.psm1 installs Pester up to 4.99), so this is
# Pester 4's model: a Describe/Context body runs when it is called, in a new scope; BeforeAll runs
# in that scope (pester_cases.py writes `BeforeAll {` as `. BeforeAll {`, so the block is
# dot-sourced where the body runs, as Pester 4 hoists it); each It runs when it is called, in a
# child scope of the caller (so an It inside a helper function sees the function's variables),
# after the BeforeEach blocks from the outside in, with the AfterEach blocks from the inside out
# after it; AfterAll at the end of the block.  -TestCases hashtables are splatted into the It
# block's param() (and set as its variables).  Should follows Pester's operators
# (https://pester.dev/docs/v4/usage/assertions).
#
# Every It case reports one line: "##pk-result<TAB>status<TAB>key<TAB>name<TAB>message",
# status one of passed, failed (a Should assertion), errored (anything else thrown),
# skipped, pending, skipped7 (a PowerShell 7-only construct), skippedos (needs a real OS).
# "##pk-start<TAB>key" is written before an It case, a block body (D:key) or a BeforeAll (B:key)
# runs, so a run the twin ends early (a refused construct, a Python error) can be run again with
# that key in -PkSkipIds and its message in -PkSkipMessages.  Keys name the place in the tree
# (sibling indexes), so they stay the same when an earlier part is skipped.

$global:__pk_root = @{ Kind = 'Root'; Key = 'r'; Count = 0; AfterAll = [System.Collections.ArrayList]::new();
    BeforeEach = [System.Collections.ArrayList]::new(); AfterEach = [System.Collections.ArrayList]::new();
    Parent = $null; Skip = $false; Error = $null; Name = '' }
$global:__pk_current = $global:__pk_root
$global:__pk_assertion = $null
$global:__pk_skipIds = @($PkSkipIds)
$global:__pk_skipMessages = @($PkSkipMessages)

# What the tests read about the platform (HelpersCommon and PowerShell 7's automatic variables).
$global:IsWindows = $true
$global:IsLinux = $false
$global:IsMacOS = $false
$global:IsCoreCLR = $false
$global:TestDrive = 'C:\Users\Administrator\AppData\Local\Temp\PesterTestDrive'
# Pester's TestDrive: a folder of the twin's file store (pester_cases.py writes TestDrive:\ as this path)
$null = New-Item -ItemType Directory -Path $global:TestDrive -Force

# PowerShell 7-only syntax and commands: an It whose text uses them is not a 5.1 case.
$global:__pk_ps7 = @(
    'pk-ps7', '`u\{', '(?m)^\s*\|\s*\w', '\?\?', '\?\.', '\?\[', '&&', '\|\|', '-Parallel\b', '\$PSStyle', '-AsHashtable', '(?m)^\s*clean\s*\{',
    '\bGet-Error\b', '\bTest-Json\b', '\bForEach-Object\s+-Parallel', '\bJoin-String\b', '\bGet-Uptime\b',
    '\bRemove-Alias\b', '\bClear-RecycleBin\b', '\bConvertFrom-Markdown\b', '\bGet-MarkdownOption\b',
    '\bTest-Connection\b.*-TcpPort', '\bSplit-Path\b.*-Extension', '-SkipHeaderValidation', '\bExperimentalFeature',
    '\$EnabledExperimentalFeatures', '\bWait-Process\b', '-Depth\s+\d+.*ConvertFrom-Json', '\bConvertTo-Json\b.*-EnumsAsStrings',
    '-AsArray\b', '\bGet-PSSubsystem\b', '\bSet-MarkdownOption\b', '\bShow-Markdown\b', '\[ordered\]\s*\[',
    '\$PSNativeCommandArgumentPassing', '\$PSNativeCommandUseErrorActionPreference', '-Parallel', '\bPSStyle\b',
    '\bUnixStat\b', '\bGet-ExperimentalFeature\b', '\bEnable-ExperimentalFeature\b', '\bpwsh\b', '\$PSHOME',
    '\bTest-IsPreview\b', '\bIsCoreCLR\b.*-Skip', '-UseQuotes\b', '-QuoteFields\b', '\bUseCulture\b.*ConvertFrom',
    '\bNew-Guid\b.*-Empty', '[''"][^''"][''"]\s*\.\.', '\[char\]\s*[''"$]\S*\s*\.\.', '\bGet-Random\b.*-Shuffle', '-NoEmphasis', '-CaseSensitive'
)
# What needs a real operating system: processes, remoting, COM, compiled C#, other files.
$global:__pk_os = @(
    '\bStart-Process\b', '\bGet-Process\b', '\bStop-Process\b', '\bNew-PSSession\b', '\bEnter-PSSession\b',
    '\bInvoke-Command\b.*-(ComputerName|Session)', '-ComObject', '\bAdd-Type\b', '\bStart-Job\b', '\bReceive-Job\b',
    '\bStart-ThreadJob\b', '\[System\.Diagnostics\.Process\]', '\[powershell\]::Create', '\bRunspaceFactory\b',
    '\[runspacefactory\]', '\bNew-PSDrive\b', '\bRegister-ObjectEvent\b', '\bRegister-EngineEvent\b', '\bStart-Transcript\b',
    '\bInvoke-WebRequest\b', '\bInvoke-RestMethod\b', '\bWebListener\b', '\$PSScriptRoot', '\bImport-Module\b',
    '\bSet-ExecutionPolicy\b', '\bNew-ModuleManifest\b', '\bGet-WinEvent\b', '\bDebugger\b', '\bSet-PSBreakpoint\b',
    '\bWait-Debugger\b', '\$host\.', '\[Console\]::', '\bTest-TesthookIsSet\b', '\bEnable-Testhook\b',
    '\[System\.Management\.Automation\.Internal', '\bcmd\b /c', '\bping\b', '\bnotepad\b', 'TestExe\b', '\bnative\w*\.exe\b',
    '\bGet-CimInstance\b', '\bGet-WmiObject\b'
)

function __pk_Skipped([string]$__pk_key) {
    # the message of a key the previous run ended at, else $null
    for ($__pk_i = 0; $__pk_i -lt $global:__pk_skipIds.Count; $__pk_i++) {
        if ($global:__pk_skipIds[$__pk_i] -eq $__pk_key) { return 'crashed: ' + $global:__pk_skipMessages[$__pk_i] }
    }
    $null
}

function __pk_Report([string]$__pk_status, [string]$__pk_id, [string]$__pk_name, [string]$__pk_message) {
    $__pk_text = ($__pk_message -replace "`r?`n", ' | ') -replace "`t", ' '
    Write-Host ("##pk-result`t{0}`t{1}`t{2}`t{3}" -f $__pk_status, $__pk_id, ($__pk_name -replace "`t", ' '), $__pk_text)
}

function __pk_NextKey {
    $__pk_k = $global:__pk_current.Key + '/' + $global:__pk_current.Count
    $global:__pk_current.Count++
    $__pk_k
}

function __pk_Block([string]$__pk_kind, [string]$__pk_name, [scriptblock]$__pk_fixture, [bool]$__pk_skip) {
    $__pk_parent = $global:__pk_current
    $__pk_node = @{ Kind = $__pk_kind; Name = $__pk_name; Key = (__pk_NextKey); Count = 0; Parent = $__pk_parent;
        AfterAll = [System.Collections.ArrayList]::new(); BeforeEach = [System.Collections.ArrayList]::new();
        AfterEach = [System.Collections.ArrayList]::new(); Skip = ($__pk_skip -or $__pk_parent.Skip); Error = $__pk_parent.Error }
    $__pk_crash = __pk_Skipped ('D:' + $__pk_node.Key)
    if ($__pk_crash) { return }      # its body ended the run before: its Its count as not reached
    $global:__pk_current = $__pk_node
    try {
        Write-Host ("##pk-start`tD:{0}" -f $__pk_node.Key)
        & {
            param($__pk_body)
            . $__pk_body
            foreach ($__pk_b in $global:__pk_current.AfterAll) { try { . $__pk_b } catch { } }
        } $__pk_fixture
    } catch {
        # an error in the body outside any It: the Its it did not reach are not counted (pester_cases.py does)
        Write-Host ("##pk-blockerror`t{0}`t{1}" -f $__pk_node.Key, ($_.Exception.Message -replace "`r?`n", ' | '))
    } finally {
        $global:__pk_current = $__pk_parent
    }
}

function Describe {
    param([Parameter(Position = 0)][string]$Name, [Parameter(Position = 1)][scriptblock]$Fixture,
          [string[]]$Tags, [switch]$Skip, [string]$Tag)
    __pk_Block 'Describe' $Name $Fixture ([bool]$Skip)
}

function Context {
    param([Parameter(Position = 0)][string]$Name, [Parameter(Position = 1)][scriptblock]$Fixture,
          [string[]]$Tags, [switch]$Skip, [string]$Tag)
    __pk_Block 'Context' $Name $Fixture ([bool]$Skip)
}

function BeforeAll {
    # called dot-sourced (`. BeforeAll { }`): the block runs in the scope of the Describe body
    param([Parameter(Position = 0)][scriptblock]$__pk_beforeAll)
    if ($global:__pk_current.Skip -or $global:__pk_current.Error) { return }
    $__pk_bkey = 'B:' + $global:__pk_current.Key
    $__pk_crash = __pk_Skipped $__pk_bkey
    if ($__pk_crash) { $global:__pk_current.Error = 'BeforeAll: ' + $__pk_crash; return }
    Write-Host ("##pk-start`t{0}" -f $__pk_bkey)
    try { . $__pk_beforeAll } catch { $global:__pk_current.Error = 'BeforeAll: ' + $_.Exception.Message }
}
function AfterAll { param([Parameter(Position = 0)][scriptblock]$Scriptblock) [void]$global:__pk_current.AfterAll.Add($Scriptblock) }
function BeforeEach { param([Parameter(Position = 0)][scriptblock]$Scriptblock) [void]$global:__pk_current.BeforeEach.Add($Scriptblock) }
function AfterEach { param([Parameter(Position = 0)][scriptblock]$Scriptblock) [void]$global:__pk_current.AfterEach.Add($Scriptblock) }

function Set-ItResult {
    param([switch]$Skipped, [switch]$Pending, [switch]$Inconclusive, [string]$Because)
    $global:__pk_assertion = '##pk-skip ' + $Because
    throw $global:__pk_assertion
}

function __pk_Chain($__pk_node, [string]$__pk_what) {
    # BeforeEach from the outside in; AfterEach from the inside out
    $__pk_list = [System.Collections.ArrayList]::new()
    $__pk_n = $__pk_node
    while ($null -ne $__pk_n) {
        foreach ($__pk_b in $__pk_n[$__pk_what]) { [void]$__pk_list.Insert(0, $__pk_b) }
        $__pk_n = $__pk_n.Parent
    }
    if ($__pk_what -eq 'AfterEach') { $__pk_list.Reverse() }
    , $__pk_list
}

function __pk_Classify([string]$__pk_text) {
    foreach ($__pk_p in $global:__pk_ps7) { if ($__pk_text -match $__pk_p) { return 'skipped7' } }
    foreach ($__pk_p in $global:__pk_os) { if ($__pk_text -match $__pk_p) { return 'skippedos' } }
    ''
}

function It {
    param([Parameter(Position = 0)][string]$Name, [Parameter(Position = 1)][scriptblock]$Test,
          [object[]]$TestCases, [switch]$Skip, [switch]$Pending, [string[]]$Tag, [string[]]$Tags)
    $__pk_node = $global:__pk_current
    $__pk_itKey = __pk_NextKey
    $__pk_cases = @($TestCases)
    if ($null -eq $TestCases -or $__pk_cases.Count -eq 0) { $__pk_cases = @($null) }
    $__pk_text = [string]$Test
    for ($__pk_ci = 0; $__pk_ci -lt $__pk_cases.Count; $__pk_ci++) {
        $__pk_case = $__pk_cases[$__pk_ci]
        $__pk_id = $__pk_itKey + '#' + $__pk_ci
        $__pk_name = $Name
        if ($__pk_case -is [System.Collections.IDictionary]) {
            foreach ($__pk_k in @($__pk_case.Keys)) { $__pk_name = $__pk_name.Replace("<$__pk_k>", [string]$__pk_case[$__pk_k]) }
        }
        $__pk_crash = __pk_Skipped $__pk_id
        if ($__pk_crash) { __pk_Report 'errored' $__pk_id $__pk_name $__pk_crash; continue }
        if ($Skip -or $__pk_node.Skip) { __pk_Report 'skipped' $__pk_id $__pk_name ''; continue }
        if ($Pending) { __pk_Report 'pending' $__pk_id $__pk_name ''; continue }
        $__pk_kind = __pk_Classify $__pk_text
        if ($__pk_kind) { __pk_Report $__pk_kind $__pk_id $__pk_name ''; continue }
        if ($__pk_node.Error) { __pk_Report 'errored' $__pk_id $__pk_name $__pk_node.Error; continue }
        Write-Host ("##pk-start`t{0}" -f $__pk_id)
        $global:__pk_assertion = $null
        $__pk_before = __pk_Chain $__pk_node 'BeforeEach'
        $__pk_after = __pk_Chain $__pk_node 'AfterEach'
        try {
            $null = & {
                param($__pk_body, $__pk_data, $__pk_before, $__pk_after)
                if ($__pk_data -is [System.Collections.IDictionary]) {
                    foreach ($__pk_k in @($__pk_data.Keys)) { Set-Variable -Name $__pk_k -Value $__pk_data[$__pk_k] }
                } else { $__pk_data = @{} }
                foreach ($__pk_b in $__pk_before) { . $__pk_b }
                try {
                    . $__pk_body @__pk_data
                } finally {
                    foreach ($__pk_b in $__pk_after) { . $__pk_b }
                }
            } $Test $__pk_case $__pk_before $__pk_after
            __pk_Report 'passed' $__pk_id $__pk_name ''
        } catch {
            $__pk_msg = $_.Exception.Message
            if ($null -ne $global:__pk_assertion -and $__pk_msg -eq $global:__pk_assertion) {
                if ($__pk_msg.StartsWith('##pk-skip')) { __pk_Report 'skipped' $__pk_id $__pk_name $__pk_msg }
                else { __pk_Report 'failed' $__pk_id $__pk_name $__pk_msg }
            } else {
                __pk_Report 'errored' $__pk_id $__pk_name ('{0}: {1} [{2}]' -f $_.Exception.GetType().FullName, $__pk_msg, $_.FullyQualifiedErrorId)
            }
        }
    }
}

function __pk_Format($__pk_v) {
    if ($null -eq $__pk_v) { return '$null' }
    if ($__pk_v -is [string]) { return "'" + $__pk_v + "'" }
    if ($__pk_v -is [System.Collections.IDictionary]) { return '@{...}' }
    if ($__pk_v -is [System.Collections.IEnumerable]) { return '@(' + ((@($__pk_v) | ForEach-Object { __pk_Format $_ }) -join ', ') + ')' }
    if ($__pk_v -is [bool]) { return '$' + $__pk_v }
    return ('{0} [{1}]' -f $__pk_v, $__pk_v.GetType().Name)
}

function __pk_IsCollection($__pk_v) {
    ($__pk_v -is [System.Collections.IEnumerable]) -and -not ($__pk_v -is [string]) -and -not ($__pk_v -is [System.Collections.IDictionary])
}

function __pk_Equal($__pk_actual, $__pk_expected, [bool]$__pk_exact) {
    # Pester's ArraysAreEqual: null and empty collections are alike; collections element by element
    $__pk_a = @($__pk_actual)
    $__pk_e = @($__pk_expected)
    $__pk_aEmpty = ($null -eq $__pk_actual) -or ($__pk_a.Count -eq 0) -or ($__pk_a.Count -eq 1 -and $null -eq $__pk_a[0])
    $__pk_eEmpty = ($null -eq $__pk_expected) -or ($__pk_e.Count -eq 0) -or ($__pk_e.Count -eq 1 -and $null -eq $__pk_e[0])
    if ($__pk_aEmpty -or $__pk_eEmpty) { return ($__pk_aEmpty -and $__pk_eEmpty) }
    if ($__pk_a.Count -ne $__pk_e.Count) { return $false }
    for ($__pk_i = 0; $__pk_i -lt $__pk_a.Count; $__pk_i++) {
        $__pk_x = $__pk_a[$__pk_i]; $__pk_y = $__pk_e[$__pk_i]
        if ((__pk_IsCollection $__pk_x) -and (__pk_IsCollection $__pk_y)) {
            if (-not (__pk_Equal $__pk_x $__pk_y $__pk_exact)) { return $false }
        } elseif ($__pk_exact) {
            if (-not ($__pk_y -ceq $__pk_x)) { return $false }
        } else {
            if (-not ($__pk_y -eq $__pk_x)) { return $false }
        }
    }
    $true
}

function __pk_Fail([string]$__pk_message, [string]$__pk_because) {
    if ($__pk_because) { $__pk_message = $__pk_message + " because $__pk_because" }
    $global:__pk_assertion = $__pk_message
    throw $__pk_message
}

function Should {
    [CmdletBinding()]
    param(
        [Parameter(ValueFromPipeline = $true)] $ActualValue,
        [Parameter(Position = 0)] $LegacyOperator, [Parameter(Position = 1)] $LegacyArg1, [Parameter(Position = 2)] $LegacyArg2,
        [switch]$Not, $Be, $BeExactly, [switch]$BeTrue, [switch]$BeFalse, [switch]$BeNullOrEmpty, [switch]$Throw,
        $ExpectedMessage, $ErrorId, $ExceptionType, [switch]$PassThru, $BeOfType, $HaveType, $Match, $MatchExactly, $BeLike,
        $BeLikeExactly, $Contain, $HaveCount, $BeGreaterThan, $BeLessThan, $BeGreaterOrEqual, $BeLessOrEqual, $BeIn,
        [switch]$Exist, $Because, $ExpectedValue, $HaveParameter, $FileContentMatch, $FileContentMatchExactly, $Invoke
    )
    begin { $__pk_items = [System.Collections.ArrayList]::new() }
    process { [void]$__pk_items.Add($ActualValue) }
    end {
        $__pk_op = $null
        $__pk_expected = $null
        $__pk_negate = [bool]$Not
        foreach ($__pk_name in 'Be', 'BeExactly', 'BeTrue', 'BeFalse', 'BeNullOrEmpty', 'Throw', 'BeOfType', 'HaveType', 'Match',
                 'MatchExactly', 'BeLike', 'BeLikeExactly', 'Contain', 'HaveCount', 'BeGreaterThan', 'BeLessThan',
                 'BeGreaterOrEqual', 'BeLessOrEqual', 'BeIn', 'Exist', 'HaveParameter', 'FileContentMatch',
                 'FileContentMatchExactly', 'Invoke') {
            if ($PSBoundParameters.ContainsKey($__pk_name)) {
                $__pk_op = $__pk_name
                $__pk_expected = $PSBoundParameters[$__pk_name]
                break
            }
        }
        if ($PSBoundParameters.ContainsKey('ExpectedValue')) { $__pk_expected = $ExpectedValue }
        if ($null -eq $__pk_op -and $PSBoundParameters.ContainsKey('LegacyOperator')) {
            # Pester 3/4's legacy form: Should Be 5, Should Not Be 5, Should Throw 'message'
            $__pk_op = [string]$LegacyOperator
            $__pk_expected = $LegacyArg1
            if ($__pk_op -eq 'Not') { $__pk_negate = $true; $__pk_op = [string]$LegacyArg1; $__pk_expected = $LegacyArg2 }
            if ($__pk_op -eq 'Throw') { $ExpectedMessage = $__pk_expected }
        }
        if ($null -eq $__pk_op) { __pk_Fail 'harness: Should without an operator' '' }
        if ($__pk_op -eq 'HaveType') { $__pk_op = 'BeOfType' }
        if ($__pk_op -in 'HaveParameter', 'Invoke') {
            throw "harness: Should -$__pk_op is not in the harness"
        }
        $__pk_arrayOps = 'Be', 'BeExactly', 'BeNullOrEmpty', 'Contain', 'HaveCount'
        if ($__pk_items.Count -eq 0) { $__pk_values = @(, $null) }
        elseif ($__pk_arrayOps -contains $__pk_op) { $__pk_values = @(, $__pk_items.ToArray()) }
        else { $__pk_values = $__pk_items.ToArray() }
        foreach ($__pk_v in $__pk_values) {
            if ($__pk_op -eq 'Throw') {
                $__pk_thrown = $null
                try { $null = & $__pk_v } catch { $__pk_thrown = $_ }
                $__pk_ok = $null -ne $__pk_thrown
                $__pk_why = 'an exception to be thrown, but none was'
                if ($__pk_ok -and $null -ne $ExpectedMessage -and "$ExpectedMessage" -ne '') {
                    $__pk_ok = $__pk_thrown.Exception.Message -like "*$ExpectedMessage*"
                    $__pk_why = "message like '$ExpectedMessage', but got '$($__pk_thrown.Exception.Message)'"
                }
                if ($__pk_ok -and $ErrorId) {
                    $__pk_ok = [string]$__pk_thrown.FullyQualifiedErrorId -like "*$ErrorId*"
                    $__pk_why = "error id '$ErrorId', but got '$($__pk_thrown.FullyQualifiedErrorId)' ($($__pk_thrown.Exception.Message))"
                }
                if ($__pk_ok -and $ExceptionType) {
                    $__pk_ok = $__pk_thrown.Exception -is $ExceptionType
                    $__pk_why = "exception type $ExceptionType, but got $($__pk_thrown.Exception.GetType().FullName) ($($__pk_thrown.Exception.Message))"
                }
                if ($__pk_negate) {
                    if ($null -ne $__pk_thrown) { __pk_Fail "Expected no exception, but got '$($__pk_thrown.Exception.Message)'." $Because }
                } elseif (-not $__pk_ok) {
                    __pk_Fail "Expected $__pk_why." $Because
                }
                if ($PassThru) { $__pk_thrown }
                continue
            }
            switch ($__pk_op) {
                'Be' { $__pk_ok = __pk_Equal $__pk_v $__pk_expected $false; $__pk_what = "$(__pk_Format $__pk_expected)" }
                'BeExactly' { $__pk_ok = __pk_Equal $__pk_v $__pk_expected $true; $__pk_what = "exactly $(__pk_Format $__pk_expected)" }
                'BeTrue' { $__pk_ok = [bool]$__pk_v; $__pk_what = '$true' }
                'BeFalse' { $__pk_ok = -not [bool]$__pk_v; $__pk_what = '$false' }
                'BeNullOrEmpty' {
                    $__pk_a = @($__pk_v)
                    $__pk_ok = ($null -eq $__pk_v) -or ($__pk_a.Count -eq 0) -or
                        ($__pk_a.Count -eq 1 -and ($null -eq $__pk_a[0] -or ($__pk_a[0] -is [string] -and $__pk_a[0] -eq '')))
                    $__pk_what = '$null or empty'
                }
                'BeOfType' {
                    $__pk_type = $__pk_expected
                    if ($__pk_type -is [string]) { $__pk_type = $__pk_type -as [type] }
                    if ($null -eq $__pk_type) { throw "harness: type '$__pk_expected' not found" }
                    $__pk_ok = $__pk_v -is $__pk_type; $__pk_what = "of type $__pk_expected"
                }
                'Match' { $__pk_ok = $__pk_v -match $__pk_expected; $__pk_what = "to match '$__pk_expected'" }
                'MatchExactly' { $__pk_ok = $__pk_v -cmatch $__pk_expected; $__pk_what = "to match exactly '$__pk_expected'" }
                'BeLike' { $__pk_ok = $__pk_v -like $__pk_expected; $__pk_what = "like '$__pk_expected'" }
                'BeLikeExactly' { $__pk_ok = $__pk_v -clike $__pk_expected; $__pk_what = "like exactly '$__pk_expected'" }
                'Contain' { $__pk_ok = @($__pk_v) -contains $__pk_expected; $__pk_what = "to contain $(__pk_Format $__pk_expected)" }
                'HaveCount' {
                    $__pk_count = if ($null -eq $__pk_v) { 0 } else { @($__pk_v).Count }
                    $__pk_ok = $__pk_count -eq $__pk_expected; $__pk_what = "a count of $__pk_expected (got $__pk_count)"
                }
                'BeGreaterThan' { $__pk_ok = $__pk_v -gt $__pk_expected; $__pk_what = "greater than $__pk_expected" }
                'BeLessThan' { $__pk_ok = $__pk_v -lt $__pk_expected; $__pk_what = "less than $__pk_expected" }
                'BeGreaterOrEqual' { $__pk_ok = $__pk_v -ge $__pk_expected; $__pk_what = "at least $__pk_expected" }
                'BeLessOrEqual' { $__pk_ok = $__pk_v -le $__pk_expected; $__pk_what = "at most $__pk_expected" }
                'BeIn' { $__pk_ok = @($__pk_expected) -contains $__pk_v; $__pk_what = "in $(__pk_Format $__pk_expected)" }
                'Exist' { $__pk_ok = Test-Path -LiteralPath $__pk_v; $__pk_what = 'to exist' }   # Pester's own: Test-Path
                # Pester 4: FileContentMatch(Exactly): a line of the file that -match (-cmatch) es
                'FileContentMatch' {
                    $__pk_ok = @(@(Get-Content $__pk_v) -match $__pk_expected).Count -gt 0; $__pk_what = "a line matching '$__pk_expected'"
                }
                'FileContentMatchExactly' {
                    $__pk_ok = @(@(Get-Content $__pk_v) -cmatch $__pk_expected).Count -gt 0; $__pk_what = "a line matching exactly '$__pk_expected'"
                }
                default { throw "harness: Should $__pk_op is not in the harness" }
            }
            if ($__pk_negate) { $__pk_ok = -not $__pk_ok; $__pk_what = 'not ' + $__pk_what }
            if (-not $__pk_ok) { __pk_Fail "Should -${__pk_op}: expected $__pk_what, but got $(__pk_Format $__pk_v)." $Because }
        }
    }
}

# HelpersCommon / HelpersLanguage functions the tests call
function Test-IsElevated { $true }
function Test-IsWindows { $true }
function Test-IsWinServer2012R2 { $false }
function Test-IsWinWow64 { $false }
function Get-RuntimeError {
    param([Parameter(ValueFromPipeline = $true, Mandatory = $true)][string]$src)
    try { [scriptblock]::Create($src).Invoke() > $null } catch { return $_.Exception.InnerException.ErrorRecord }
}
function Test-IsRoot { $false }

# Modules/Microsoft.PowerShell.Utility/Test-Mocks.ps1 (dot-sourced by Select-Object and Sort-Object tests): its
# file mock and filters; its Add-TestDynamicType compiles C# (a real OS), so [TestDynamic] stays unknown
function GetFileMock () {
    @( [pscustomobject]@{ Size=4533816; Mode="-a---l"; LastWriteTime="9/1/2015  11:15 PM"; Name="explorer.exe" },
       [pscustomobject]@{ Size=994816;  Mode="-a---l"; LastWriteTime="9/1/2015  11:13 PM"; Name="HelpPane.exe" },
       [pscustomobject]@{ Size=316640;  Mode="-a---l"; LastWriteTime="9/1/2015  11:17 PM"; Name="WMSysPr9.prx" },
       [pscustomobject]@{ Size=215040;  Mode="-a---l"; LastWriteTime="9/1/2015  11:20 PM"; Name="notepad.exe"  },
       [pscustomobject]@{ Size=207239;  Mode="-a----"; LastWriteTime="10/7/2015  2:37 PM"; Name="setupact.log" },
       [pscustomobject]@{ Size=181064;  Mode="-a----"; LastWriteTime="9/9/2015  11:54 PM"; Name="PSEXESVC.EXE" })
}
filter addOneToSizeProperty() { $_.Size += 1; $_ }
filter pipelineConsume() { $_ }
function Add-TestDynamicType { }

# Pester 4's Setup: a file or folder in TestDrive (https://pester.dev/docs/v4/usage/testdrive)
function Setup {
    param([switch]$Dir, [switch]$File, [string]$Path, $Content = '', [switch]$PassThru)
    $__pk_full = Join-Path $global:TestDrive $Path
    if ($Dir) { $__pk_item = New-Item -ItemType Directory -Path $__pk_full -Force }
    else { $__pk_item = New-Item -ItemType File -Path $__pk_full -Value $Content -Force }
    if ($PassThru) { $__pk_item }
}
