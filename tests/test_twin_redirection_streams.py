"""Redirection targets and the other streams' records (about_Redirection, 5.1), and the System.Text.Encoding statics
scripts use beside them.

https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_redirection?view=powershell-5.1
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_parsing?view=powershell-5.1
("an argument that ... contains a variable ... is treated as an expandable string")
https://learn.microsoft.com/dotnet/api/system.text.encoding?view=netframework-4.8
"""

from __future__ import annotations

from support.twin_script import out, ps


def test_a_target_that_starts_with_a_variable_is_expanded(st):
    got = out(st, r"""
$dir = 'C:\Users\Administrator'
'some text' > $dir\redirected.txt
Get-Content C:\Users\Administrator\redirected.txt
Write-Output $dir\x.txt $env:SystemRoot\System32
""")
    assert got == ["some text", r"C:\Users\Administrator\x.txt", r"C:\Windows\System32"]


def test_the_streams_records_by_their_types(st):
    got = out(st, """
$DebugPreference = 'Continue'
$all = & { Write-Warning w; Write-Verbose v -Verbose; Write-Debug d; Write-Information i } *>&1
$all | ForEach-Object { $_.GetType().Name }
$all[0] -is [System.Management.Automation.InformationalRecord]
""")
    assert got == ["WarningRecord", "VerboseRecord", "DebugRecord", "InformationRecord", True]


def test_encoding_statics_name_their_bytes_as_dotnet_does(st):
    got = out(st, """
$asciiCR = "`r`n"
foreach ($e in [System.Text.Encoding]::ASCII, [System.Text.Encoding]::BigEndianUnicode, [System.Text.UTF32Encoding]::new($true, $true),
               [System.Text.Encoding]::Unicode, [System.Text.Encoding]::UTF7, [System.Text.Encoding]::UTF8,
               [System.Text.Encoding]::UTF32, [Text.UTF8Encoding]::new($false)) {
    "{0}|{1}|{2}" -f $e.EncodingName, ($e.GetPreamble() -join ','), ($e.GetBytes("ab$asciiCR") -join ',')
}
""")
    assert got == [
        "US-ASCII||97,98,13,10",
        "Unicode (Big-Endian)|254,255|0,97,0,98,0,13,0,10",
        "Unicode (UTF-32 Big-Endian)|0,0,254,255|0,0,0,97,0,0,0,98,0,0,0,13,0,0,0,10",
        "Unicode|255,254|97,0,98,0,13,0,10,0",
        "Unicode (UTF-7)||97,98,13,10",
        "Unicode (UTF-8)|239,187,191|97,98,13,10",
        "Unicode (UTF-32)|255,254,0,0|97,0,0,0,98,0,0,0,13,0,0,0,10,0,0,0",
        "Unicode (UTF-8)||97,98,13,10",
    ]


def test_encoding_round_trip_and_lookup(st):
    got = out(st, """
$bytes = [System.Text.Encoding]::UTF8.GetBytes('naïve')
$bytes.GetType().FullName
$bytes.Count
[System.Text.Encoding]::UTF8.GetString($bytes)
[System.Text.Encoding]::ASCII.GetString([System.Text.Encoding]::ASCII.GetBytes('naïve'))
[System.Text.Encoding]::GetEncoding('utf-16').CodePage
[System.Text.Encoding]::Unicode -is [System.Text.Encoding]
"$([System.Text.Encoding]::UTF8)"
""")
    assert got == ["System.Byte[]", 6, "naïve", "na?ve", 1200, True, "System.Text.UTF8Encoding"]


def test_redirected_records_print_as_the_console_writes_their_stream(st):
    # a record 3>&1 / 4>&1 brought into the output keeps its stream: the console writes "WARNING: ..." (about_Redirection);
    # the same record from -WarningVariable, or formatted by Out-String, is its Message (the WarningRecord view)
    r = ps(st, """
Write-Warning 'redirected' 3>&1
Write-Verbose 'said' -Verbose 4>&1
Write-Information 'told' 6>&1
Write-Warning 'kept' -WarningVariable wv -WarningAction SilentlyContinue
$wv
(Write-Warning 'as text' 3>&1 | Out-String).Trim()
""")
    assert not r.errors, r.error_text
    assert r.text.splitlines() == ["WARNING: redirected", "VERBOSE: said", "told", "kept", "as text"]


def test_two_to_null_on_a_cmdlet_discards_its_script_blocks_errors(st):
    # about_Redirection (5.1): 2>$null sends the command's error stream nowhere; the errors a ForEach-Object or
    # Where-Object script block writes are that command's (they still reach $Error)
    r = ps(st, """
$Error.Clear()
1..3 | ForEach-Object { Write-Error "e$_" } 2>$null
1..2 | Where-Object { Get-Item C:\\nothing-here; $true } 2>$null
$Error.Count
""")
    assert not r.errors, r.error_text
    assert r.output == [1, 2, 5]


def test_file_sizes_follow_the_encoding_each_write_used(st):
    # Out-File (and > / >>, the same as piping to Out-File) default to unicode: UTF-16 LE with its mark; Set-Content and
    # Add-Content to Default (ANSI, no mark); an append writes no mark, in the appending command's encoding
    # (Out-File / Set-Content 5.1 pages, -Encoding)
    got = out(st, r"""
'abc' > C:\Users\Administrator\r.txt
(Get-Item C:\Users\Administrator\r.txt).Length
'abc' | Set-Content C:\Users\Administrator\s.txt
(Get-Item C:\Users\Administrator\s.txt).Length
'abc' | Out-File C:\Users\Administrator\u.txt -Encoding utf8
(Get-Item C:\Users\Administrator\u.txt).Length
'de' >> C:\Users\Administrator\s.txt
(Get-Item C:\Users\Administrator\s.txt).Length
'x' | Add-Content C:\Users\Administrator\r.txt
(Get-Item C:\Users\Administrator\r.txt).Length
""")
    assert got == [2 + 2 * len("abc\r\n"), len("abc\r\n"), 3 + len("abc\r\n"), 5 + 2 * len("de\r\n"), 12 + len("x\r\n")]
    listed = out(st, r"(Get-ChildItem C:\Users\Administrator -Filter r.txt).Length")
    assert listed == [15]
