"""Get-Date's date parts, -Format and -UFormat as Windows PowerShell 5.1 has them (its 5.1 page and its Notes
table; the arithmetic of 5.1's GetDateCommand: each part given moves the date by AddYears/AddMonths/AddDays ...).

https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/get-date?view=powershell-5.1
"""

from __future__ import annotations

from support.twin_script import ps, out

BASE = "$b = Get-Date -Year 2020 -Month 1 -Day 31 -Hour 16 -Minute 19 -Second 5 -Millisecond 7; "


# A day beyond the month's end rolls into the next month (AddDays), a month change keeps the day or the last one.
def test_parts_move_the_date_as_5_1_does(st):
    assert out(st, BASE + "$b.ToString('yyyy-MM-dd HH:mm:ss.fff'); (Get-Date -Date $b -Month 2).ToString('yyyy-MM-dd'); "
                          "(Get-Date -Date $b -Month 2 -Day 30).ToString('yyyy-MM-dd')") == [
        "2020-01-31 16:19:05.007", "2020-02-29", "2020-03-01"]


def test_parts_outside_their_range_are_refused(st):
    r = ps(st, "Get-Date -Month 13")
    assert r.errors[0].message == ("Cannot validate argument on parameter 'Month'. The 13 argument is greater than the maximum "
                                   "allowed range of 12. Supply an argument that is less than or equal to 12 and then try the "
                                   "command again.")
    assert "'Day'. The 0 argument is less than the minimum allowed range of 1" in ps(st, "Get-Date -Day 0").errors[0].message


# Example 4: "Get-Date -UFormat "%A %m/%d/%Y %R %Z"" -> "Tuesday 06/25/2019 16:19 -07" (the lab clock is UTC: +00).
def test_uformat_example(st):
    assert out(st, BASE + "Get-Date -Date $b -UFormat '%A %m/%d/%Y %R %Z'") == ["Friday 01/31/2020 16:19 +00"]


# The Notes table, with 5.1's own forms: %j without leading zeros, %u Sunday = 0, %V DayOfYear/7+1, %C century,
# %e space-padded, %c abbreviated date and time, a leading '+' skipped.
def test_uformat_specifiers(st):
    assert out(st, BASE + "Get-Date -Date $b -UFormat '+%j|%u|%V|%W|%C|%e|%c|%D|%I %p|%y|%G'") == [
        "31|5|5|4|20|31|Fri Jan 31 16:19:05 2020|01/31/20|04 PM|20|2020"]
    assert out(st, "Get-Date -Date (Get-Date -Year 2020 -Month 3 -Day 5) -UFormat '%e|%j'") == [" 5|65"]


# "%s ... The string representation of the seconds value has a fractional part" in 5.1.
def test_uformat_epoch_seconds(st):
    assert out(st, BASE + "Get-Date -Date $b -UFormat %s") == ["1580487545.007"]


# -Format FileDate, FileDateTime (ISO 8601 basic forms) and .NET's zero-padded year and ticks.
def test_file_date_formats(st):
    assert out(st, BASE + "Get-Date -Date $b -Format FileDate; Get-Date -Date $b -Format FileDateTime; "
                          "Get-Date -Date $b -Format FileDateTimeUniversal; "
                          "(Get-Date -Year 30 -Month 1 -Day 1).ToString('yyyy'); Get-Date -Date $b -Format 'zz'") == [
        "20200131", "20200131T1619050070", "20200131T1619050070Z", "0030", "+00"]


# -DisplayHint: "Determines which elements of the date and time are displayed" -- the display only.
def test_display_hint(st):
    lines = [line for line in out(st, BASE + "Get-Date -Date $b -DisplayHint date | Out-String; "
                                             "Get-Date -Date $b -DisplayHint Time | Out-String; "
                                             "(Get-Date -Date $b -DisplayHint Date).ToString('yyyy-MM-dd HH:mm')")]
    assert [x.strip() for x in lines] == ["Friday, January 31, 2020", "4:19:05 PM", "2020-01-31 16:19"]


# .NET's standard patterns for en-US that -Format takes.
def test_standard_formats(st):
    assert out(st, BASE + "'d','D','f','g','m','y','s' | ForEach-Object { Get-Date -Date $b -Format $_ }") == [
        "1/31/2020", "Friday, January 31, 2020", "Friday, January 31, 2020 4:19 PM", "1/31/2020 4:19 PM", "January 31",
        "January 2020", "2020-01-31T16:19:05"]


# 5.1 reads the first character of -UFormat: an empty one fails there.
def test_empty_uformat(st):
    assert ps(st, "Get-Date -UFormat ''").errors[0].message == "Index was outside the bounds of the array."


# -Date takes what DateTime.Parse reads with the invariant culture (the page's "Jan 1, 2020"-style examples).
# https://learn.microsoft.com/en-us/dotnet/api/system.datetime.parse?view=netframework-4.8
def test_date_strings(st):
    assert out(st, "'Jan 1, 2020', 'January 1, 2020', '1 Jan 2020', '12/1/2026 3:45 PM', '2020-01-01T00:00:00Z', "
                   "'2020/01/31' | ForEach-Object { Get-Date -Date $_ -Format 'yyyy-MM-dd HH:mm' }") == [
        "2020-01-01 00:00", "2020-01-01 00:00", "2020-01-01 00:00", "2026-12-01 15:45", "2020-01-01 00:00", "2020-01-31 00:00"]
    assert "String was not recognized as a valid DateTime" in ps(st, "Get-Date -Date 'not a date'").error_text


# An empty -Format is DateTime.ToString(""): the general pattern.
def test_empty_format_is_general(st):
    assert out(st, BASE + "Get-Date -Date $b -Format ''") == ["1/31/2020 4:19:05 PM"]


# "%d" is the custom specifier d alone (one day digit), "d" the standard short date.
# https://learn.microsoft.com/en-us/dotnet/standard/base-types/custom-date-and-time-format-strings
def test_single_custom_specifier(st):
    assert out(st, "$b = Get-Date -Year 2020 -Month 1 -Day 5 -Hour 7; Get-Date -Date $b -Format '%d'; "
                   "$b.ToString('%h'); Get-Date -Date $b -Format d") == ["5", "7", "1/5/2020"]
