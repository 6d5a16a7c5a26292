"""The text Out-Default, Out-String, Format-Table and Format-List print, by Windows PowerShell 5.1's rules.

Expected texts come from PowerShell's formatter source as 5.1 has it: the oldest public commit 237ccbd of
https://github.com/PowerShell/PowerShell (src/System.Management.Automation/FormatAndOutput/common/:
BaseOutputtingCommand.cs for the empty lines of the protocol, BaseFormattingCommand.cs for what
format-default does with each object, TableWriter.cs / ColumnWidthManager.cs for columns, ListWriter.cs,
ComplexWriter.cs for wrapping, MshObjectUtil.cs for cells), before PowerShell 6.2 removed some empty lines
(PowerShell/PowerShell#8247, whose diff of Format-List.Tests.ps1 shows 5.1's
"${nl}${nl}testName : testValue${nl}${nl}${nl}${nl}") and 6.1 stopped padding the last column
(PowerShell/PowerShell#5568); and the 5.1 pages of Format-Table, Format-List and Out-String
(https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/format-table?view=powershell-5.1).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.twin_script import ps


def text(st: Path, script: str) -> str:
    r = ps(st, script)
    assert r.ok and not r.errors, r.error_text
    return r.text


def error(st: Path, script: str) -> str:
    r = ps(st, script)
    assert r.errors, r.text
    return r.error_text


# -- the empty lines of a table and a list -------------------------------------------------------------------


def test_a_table_has_an_empty_line_before_and_two_after(st: Path) -> None:
    # format start: "", header, rows, group end: "", format end: ""; Size is a number: right-aligned, its
    # label too; the first column has no width, so every column is as wide as its label or widest value
    assert text(st, "[pscustomobject]@{Name='a'; Size=10}") == "\nName Size\n---- ----\na      10\n\n\n"


def test_a_list_has_two_empty_lines_before_and_three_after(st: Path) -> None:
    # Format-List.Tests.ps1 before PowerShell/PowerShell#8247: "${nl}${nl}testName : testValue${nl}${nl}${nl}${nl}"
    assert text(st, "[pscustomobject]@{testName='testValue'} | Format-List") == "\n\ntestName : testValue\n\n\n\n"
    # five properties: Out-Default makes a list; entries are separated by one empty line
    assert text(st, "[pscustomobject]@{a=1;b=2;c=3;d=4;eeee=5}; [pscustomobject]@{a=6;b=7;c=8;d=9;eeee=0}") == (
        "\n\na    : 1\nb    : 2\nc    : 3\nd    : 4\neeee : 5\n\na    : 6\nb    : 7\nc    : 8\nd    : 9\neeee : 0\n\n\n\n")


def test_a_list_value_of_several_lines_continues_under_the_first(st: Path) -> None:
    out = text(st, "[pscustomobject]@{Name='a'; Text=\"l1`nl2\"} | Format-List")
    assert out == "\n\nName : a\nText : l1\n       l2\n\n\n\n"
    # a long value wraps on words at the console's 119 columns, indented under the first line
    out = text(st, "[pscustomobject]@{N=('word ' * 30).Trim()} | Format-List").split("\n")
    assert out[2] == "N : " + "word " * 23 and out[3] == "    " + ("word " * 7).strip()


def test_a_group_header_comes_after_two_empty_lines(st: Path) -> None:
    # Get-ChildItem's group header is a custom control ending with a new line: "", "", header, "", "", table
    script = (r"$null = New-Item -ItemType Directory C:\g1, C:\g2; $null = New-Item C:\g1\a.txt, C:\g2\b.txt -ItemType File; "
              r"Get-ChildItem C:\g1, C:\g2")
    lines = text(st, script).split("\n")
    assert lines[:6] == ["", "", r"    Directory: C:\g1", "", "", lines[5]]
    assert lines[5].startswith("Mode                LastWriteTime         Length Name")
    # two groups: the first one's row, the group end's empty line, then the next group's header after its own
    second = lines.index(r"    Directory: C:\g2")
    assert lines[second - 3].startswith("-a----") and lines[second - 2:second] == ["", ""]
    # the view's row wraps (<Wrap/>) and 5.1 pads the Name column to the rest of the 119 columns
    assert lines[second - 3].endswith("a.txt".ljust(119 - 7 - 25 - 14 - 3))
    assert lines[-4:] == [lines[-4], "", "", ""] and lines[-4].startswith("-a----")


# -- one formatting sequence per run of objects ---------------------------------------------------------------


def test_objects_after_a_format_table_start_a_new_table(st: Path) -> None:
    # a Format-* output ends what was open; the next objects go through a new format-default (OutCommandInner)
    assert text(st, "[pscustomobject]@{a=1} | Format-Table; [pscustomobject]@{a=2}") == (
        "\na\n-\n1\n\n\n" + "\na\n-\n2\n\n\n")
    out = text(st, "Get-ChildItem env: | Select-Object -First 1 | Format-Table -AutoSize; Get-Item env:USERNAME")
    assert out.count("Name ") == 2 and "\nUSERNAME " in out


def test_strings_and_numbers_print_where_they_come(st: Path) -> None:
    # strings are written out of band, inside a table too (right under its rows)
    assert text(st, "'x'; [pscustomobject]@{a=1}; 'y'; 5; [pscustomobject]@{a=2}; $null; @()") == (
        "x\n\na\n-\n1\ny\n5\n2\n\n\n")


def test_an_object_the_view_does_not_fit_is_a_list_out_of_band(st: Path) -> None:
    # Get-Date starts a DateTime document; the service does not fit it: an empty line, its default display
    # properties as a list, an empty line; then the group end and format end
    out = text(st, "Get-Date -Year 2026 -Month 1 -Day 5 -Hour 9 -Minute 0 -Second 0; Get-Service WinRM")
    assert out == ("\nMonday, January 5, 2026 9:00:00 AM\n"
                   "\nStatus      : Running\nName        : WinRM\nDisplayName : Windows Remote Management (WS-Management)\n\n"
                   "\n\n")


def test_out_string_and_its_stream(st: Path) -> None:
    assert text(st, "([pscustomobject]@{a=1} | Out-String -Stream) -join '|'") == "|a|-|1||\n"
    # Out-String's lines end as Windows' do, "\r\n" (StringBuilder.AppendLine in out-string.cs)
    assert text(st, "([pscustomobject]@{a=1} | Out-String).Length; ('a' | Out-String).Length") == "15\n3\n"
    assert text(st, "([pscustomobject]@{a=1} | Out-String) -eq \"`r`na`r`n-`r`n1`r`n`r`n`r`n\"") == "True\n"


# -- columns ---------------------------------------------------------------------------------------------------


def test_cells_are_padded_to_their_columns_the_last_too(st: Path) -> None:
    # the DictionaryEntry view: Name 30 wide, Value takes the rest of the 119 columns (5.1 pads it)
    lines = text(st, "@{k='v'}").split("\n")
    assert lines[1:4] == ["Name".ljust(31) + "Value".ljust(88), "----".ljust(31) + "-----".ljust(88), "k".ljust(31) + "v".ljust(88)]


def test_columns_without_a_width_share_the_line_when_the_first_has_one(st: Path) -> None:
    lines = text(st, "[pscustomobject]@{a='x'; b='y'} | Format-Table @{e='a'; width=3}, b").split("\n")
    assert lines[3] == "x   " + "y".ljust(115) and len(lines[3]) == 119
    # Out-String -Width N lays the table out on N columns (TextWriterLineOutput), without one on the console's 120
    lines = text(st, "[pscustomobject]@{a='x'; b='y'} | Format-Table @{e='a'; width=3}, b | Out-String -Width 40").split("\n")
    assert len(lines[3]) == 40
    lines = text(st, "[pscustomobject]@{a='x'; b='y'} | Format-Table @{e='a'; width=3}, b | Out-String").split("\n")
    assert len(lines[3]) == 120


def test_cut_cells_end_with_three_dots_and_right_aligned_ones_start_with_them(st: Path) -> None:
    out = text(st, "[pscustomobject]@{n=123456789; s='abcdefghij'} | Format-Table @{e='n'; width=5}, @{e='s'; width=6}")
    assert out == "\n    n s     \n    - -     \n...89 abc...\n\n\n"
    # a column narrower than the dots: cut without them
    out = text(st, "[pscustomobject]@{s='abcdef'} | Format-Table @{e='s'; width=2}")
    assert out.split("\n")[3] == "ab"


def test_a_cell_keeps_its_first_line(st: Path) -> None:
    assert text(st, "[pscustomobject]@{a=\"l1`nl2\"; b=1}").split("\n")[3] == "l1... 1"


def test_wrap_breaks_cells_on_words(st: Path) -> None:
    out = text(st, "[pscustomobject]@{a='x'; b='aaa bbb ccc'} | Format-Table @{e='a'; width=1}, @{e='b'; width=7} -Wrap")
    # a word keeps its blank (StringManipulationHelper.GenerateLinesWithWordWrap); lines padded to the column
    assert out.split("\n")[3:6] == ["x aaa    ", "  bbb ccc", ""]


def test_autosize_and_calculated_properties(st: Path) -> None:
    out = text(st, "[pscustomobject]@{Name='WinRM'; N=1.5} | Format-Table Name, @{Label='Num'; Expression={$_.N}; "
                   "FormatString='N2'}, @{n='Left'; e={7}; Alignment='left'} -AutoSize")
    # FormatString formats the value; the column still aligns by the value (a number: right)
    assert out == "\nName   Num Left\n----   --- ----\nWinRM 1.50 7   \n\n\n"


def test_calculated_property_keys_are_checked(st: Path) -> None:
    assert "The q key is not valid." in error(st, "[pscustomobject]@{a=1} | Format-Table @{q=1}")
    assert 'The value "middle" for key "alignment" is not valid; valid values are left, center, right.' in error(
        st, "[pscustomobject]@{a=1} | Format-Table @{e='a'; alignment='middle'}")
    assert 'The value "0" for key "width" should be greater than 0.' in error(st, "[pscustomobject]@{a=1} | Format-Table @{e='a'; width=0}")
    assert "A mandatory entry for expression is missing." in error(st, "[pscustomobject]@{a=1} | Format-Table @{l='x'}")


def test_hide_table_headers(st: Path) -> None:
    assert text(st, "[pscustomobject]@{a='x'} | Format-Table -HideTableHeaders") == "\nx\n\n\n"


# -- values ----------------------------------------------------------------------------------------------------


def test_collections_show_four_items_then_dots(st: Path) -> None:
    # PSObjectHelper.SmartToString: $FormatEnumerationLimit (4) items, '...' right after the last, $null as $null,
    # a dictionary by its keys
    lines = text(st, "[pscustomobject]@{a=@(1, 2, $null, 4, 5); h=[ordered]@{k=1; j=2}}").split("\n")
    assert lines[3] == "{1, 2, $null, 4...} {k, j}"


@pytest.mark.parametrize("command", ["Format-Custom", "Format-Wide -View x", "Out-Host -Paging"])
def test_formats_the_twin_does_not_emulate_are_refused(st: Path, command: str) -> None:
    assert "not emulated by the" in error(st, f"Get-Service WinRM | {command}")


def test_format_wide_puts_two_items_a_row_sharing_the_line(st: Path) -> None:
    # the display name (Name) of each service, two a row, each column (119 - 1) / 2 = 59 wide, the last row padded
    lines = text(st, "Get-Service -Name WinRM, W32Time, LanmanServer | Format-Wide").split("\n")
    assert lines == ["", "WinRM".ljust(59) + " " + "W32Time".ljust(59), "LanmanServer".ljust(59) + " " + " " * 59, "", "", ""]
    lines = text(st, "Get-Service -Name WinRM, W32Time, LanmanServer | Format-Wide -Column 3").split("\n")
    assert lines[1] == "WinRM".ljust(39) + " " + "W32Time".ljust(39) + " " + "LanmanServer".ljust(39)
    # -AutoSize: as many a row as the widest value allows (ComputeWideViewBestItemsPerRowFit)
    lines = text(st, "'a', 'bb', 'ccc', 'dddd' | ForEach-Object { [pscustomobject]@{Name=$_} } | Format-Wide -AutoSize").split("\n")
    assert lines[1].split() == ["a", "bb", "ccc", "dddd"]
    # a folder in brackets, grouped by folder (FileSystem's wide view)
    lines = text(st, r"$null = New-Item -ItemType Directory C:\w\sub -Force; $null = New-Item C:\w\a.txt; "
                     r"Get-ChildItem C:\w | Format-Wide").split("\n")
    assert lines[2] == r"    Directory: C:\w" and lines[5] == "[sub]".ljust(59) + " " + "a.txt".ljust(59)


def test_out_host_writes_the_formatted_text_to_the_host(st: Path) -> None:
    for command in ("Out-Host", "Out-Default"):
        r = ps(st, f"[pscustomobject]@{{a=1}} | {command}; 'after'")
        assert r.text == "after\n" and r.host_output == ["", "a", "-", "1", "", ""], command


def test_format_enumeration_limit_is_read_when_formatting_begins(st: Path) -> None:
    # about_Preference_Variables: $FormatEnumerationLimit (4) items of a collection; -1 all of them, 0 none
    assert text(st, "$FormatEnumerationLimit") == "4\n"
    script = "$o = [pscustomobject]@{a=1..6}; $FormatEnumerationLimit = {0}; $o | Format-Table | Out-String -Stream"
    assert text(st, script.replace("{0}", "-1")).split("\n")[3] == "{1, 2, 3, 4, 5, 6}"
    assert text(st, script.replace("{0}", "2")).split("\n")[3] == "{1, 2...}"
    assert text(st, script.replace("{0}", "0")).split("\n")[3] == "{...}"
    # Format-Table takes the limit it began with, whatever the script sets before the text is printed
    assert "{1, 2, 3, 4, 5, 6}" in text(st, "$FormatEnumerationLimit = -1; [pscustomobject]@{a=1..6} | Format-Table; "
                                            "$FormatEnumerationLimit = 4")


def test_redirection_writes_one_table_for_the_objects(st: Path) -> None:
    # about_Redirection: "> ... is the same as piping to Out-File": one formatting sequence, one header
    out = text(st, r"[pscustomobject]@{a=1}, [pscustomobject]@{a=2} > C:\o.txt; (Get-Content C:\o.txt) -join '|'")
    assert out == "|a|-|1|2||\n"


def test_format_list_star_lists_every_property_not_the_list_view(st: Path) -> None:
    # -Property * asks for the properties: the view is not used (FormatViewManager: properties on the command line)
    view = text(st, "Get-Service WinRM | Format-List")
    every = text(st, "Get-Service WinRM | Format-List *")
    assert "ServiceName" not in view and "\nServiceName " in every
    assert text(st, "[pscustomobject]@{a=1; bb=$null} | Format-List *") == "\n\na  : 1\nbb : \n\n\n\n"


def test_group_by_heads_each_group_and_sizes_its_columns(st: Path) -> None:
    # "   {0}: " (GroupStartDataIndentedAutoGeneratedLabel) and one empty line; columns sized per group
    out = text(st, "'a', 'bbbbbbb', 'cc' | ForEach-Object { [pscustomobject]@{k=$_.Length -gt 1; v=$_} } | "
                   "Format-Table -GroupBy k")
    assert out == ("\n\n   k: False\n\n    k v\n    - -\nFalse a\n\n"
                   "\n   k: True\n\n   k v      \n   - -      \nTrue bbbbbbb\nTrue cc     \n\n\n")
    assert "   Status: Running\n" in text(st, "Get-Service WinRM | Format-Table -GroupBy Status")
    assert "The width key is not valid." in error(st, "Get-Service WinRM | Format-Table -GroupBy @{e='Status'; width=3}")


def test_format_commands_write_strings_as_they_are(st: Path) -> None:
    # without -Force, Format-Table/List write objects without properties out of band (ShouldProcessOutOfBand):
    # "hello" | Format-Table Length prints hello
    assert text(st, "'abc' | Format-Table Length") == "abc\n"
    assert text(st, "'x', [pscustomobject]@{a=1}, 'y', [pscustomobject]@{a=2} | Format-Table") == "x\n\na\n-\n1\ny\n2\n\n\n"
    assert text(st, "'abc', [pscustomobject]@{a=1} | Format-List") == "abc\n\n\na : 1\n\n\n\n"


def test_groups_compare_their_values_ignoring_case(st: Path) -> None:
    # GroupingManager.IsEqual compares with LanguagePrimitives.Compare, ignoring case
    out = text(st, "'a', 'A', 'b' | ForEach-Object { [pscustomobject]@{k=$_} } | Format-Table -GroupBy k")
    assert out.count("   k: ") == 2 and "   k: a\n" in out and "   k: b\n" in out


def test_a_long_list_value_fills_its_line_then_goes_on_under_itself(st: Path) -> None:
    # GenerateLinesWithWordWrap: a word longer than the line is cut where the line ends; the value's field is the
    # line (Out-String -Width 102 here) less the label, its ' : ' and the padding (a Get-ADDomainController
    # output printed this way on a 102-column console)
    value = "CN=NTDS Settings,CN=ALFA,CN=Servers,CN=Default-First-Site-Name,CN=Sites,CN=Configuration,DC=CORONA2020,DC=local"
    lines = text(st, f"[pscustomobject]@{{NTDSSettingsObjectDN='{value}'; OperatingSystemServicePack=''}} | "
                     "Format-List | Out-String -Width 102 -Stream").split("\n")
    assert lines[2:5] == ["NTDSSettingsObjectDN       : CN=NTDS Settings,CN=ALFA,CN=Servers,CN=Default-First-Site-Name,CN=Sites,C",
                          "                             N=Configuration,DC=CORONA2020,DC=local",
                          "OperatingSystemServicePack : "]


def test_format_table_lists_an_object_its_view_does_not_apply_to(st: Path) -> None:
    # inside the service view's table, a custom object is written out of band as a list, between empty lines
    out = text(st, "(Get-Service WinRM), [pscustomobject]@{a=1}, (Get-Service W32Time) | Format-Table").split("\n")
    assert [line.rstrip() for line in out[3:8]] == [
        "Running  WinRM              Windows Remote Management (WS-Manag...", "", "a : 1", "", "Running  W32Time            Windows Time"]
    # after a DateTime, a custom object (no default display set) lists every property
    assert text(st, "Get-Date; [pscustomobject]@{a=1}").endswith("\n\na : 1\n\n\n\n")


def test_script_block_columns_are_labelled_with_their_text(st: Path) -> None:
    # MshExpression.ToString(): the script block's text between its braces, blanks included
    lines = text(st, "Get-Service WinRM | Format-Table { $_.Name }, Status").split("\n")
    assert lines[1:4] == [" $_.Name   Status", "---------  ------", "WinRM     Running"]
    # Format-List's keys are Expression, FormatString and Label (FormatListParameterDefinition)
    assert text(st, "[pscustomobject]@{a=1.5} | Format-List @{e='a'; f='N2'}, { $_.a }") == "\n\na      : 1.50\n $_.a  : 1.5\n\n\n\n"
    assert "The width key is not valid." in error(st, "[pscustomobject]@{a=1} | Format-List @{e='a'; width=3}")


def test_format_list_group_by(st: Path) -> None:
    # group start: "", "   k: 0", "", then the list group's own empty line; group end: ""
    out = text(st, "1..3 | ForEach-Object { [pscustomobject]@{k=[int]($_ -gt 1); v=$_} } | Format-List -GroupBy k")
    assert out == ("\n\n   k: 0\n\n\nk : 0\nv : 1\n\n\n\n   k: 1\n\n\nk : 1\nv : 2\n\nk : 1\nv : 3\n\n\n\n")


def test_select_string_prints_its_matchinfo_custom_view(st: Path) -> None:
    # MatchInfo's view (PowerShellCore_format_ps1xml.cs, MatchInfo) is a custom control writing
    # $_.ToString((Get-Location).Path): the line alone for pipeline input, context lines marked '>' and indented.
    assert text(st, "'abc', 'xbz' | Select-String b") == "\nabc\nxbz\n\n\n"
    assert text(st, "'a', 'b', 'c' | Select-String b -Context 1") == "\n  a\n> b\n  c\n\n\n"


def test_an_empty_dictionary_makes_no_table(st: Path) -> None:
    # Format-Table.Tests.ps1 "Format-Table with 'empty array' should return $null": @{} has no entries to make rows of
    r = ps(st, "@{} | Format-Table -Property foo, bar | Out-String")
    assert not r.errors and r.output == [""]
