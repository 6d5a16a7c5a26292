"""ConvertTo-Csv, ConvertFrom-Csv, Export-Csv and Import-Csv as the Windows PowerShell 5.1 reference pages
describe them (reference/5.1/Microsoft.PowerShell.Utility/*-Csv.md)."""

from __future__ import annotations

from support.twin_script import ps, out


# ConvertTo-Csv (5.1): "#TYPE" then the names, each value quoted; -NoTypeInformation omits the #TYPE line;
# -Delimiter separates the values; later objects use the first object's properties.
def test_convertto_csv_writes_type_line_header_and_quoted_values(st):
    assert out(st, "[pscustomobject]@{ First = 1; Second = 'say \"hi\"' }, [pscustomobject]@{ First = 2 } | ConvertTo-Csv") == [
        "#TYPE System.Management.Automation.PSCustomObject", '"First","Second"', '"1","say ""hi"""', '"2",']


def test_convertto_csv_no_type_information_and_delimiter(st):
    assert out(st, "[pscustomobject]@{ A = 1; B = $true } | ConvertTo-Csv -NoTypeInformation -Delimiter ';'") == [
        '"A";"B"', '"1";"True"']
    assert out(st, "[pscustomobject]@{ A = 1; B = 2 } | ConvertTo-Csv -NoTypeInformation -UseCulture") == ['"A","B"', '"1","2"']


def test_convertto_csv_of_a_string_is_its_length_and_a_hashtable_its_properties(st):
    assert out(st, "'abc' | ConvertTo-Csv -NoTypeInformation") == ['"Length"', '"3"']
    assert out(st, "@{ a = 1 } | ConvertTo-Csv")[:2] == [
        "#TYPE System.Collections.Hashtable", '"IsReadOnly","IsFixedSize","IsSynchronized","Keys","Values","SyncRoot","Count"']


# ConvertFrom-Csv (5.1): the first line is the header unless -Header; "#TYPE" names the type (CSV:<type>);
# "If a header row entry ... is empty ... uses H followed by a number ... and displays a warning";
# a missing value is null.
def test_convertfrom_csv_reads_header_quotes_and_missing_values(st):
    assert out(st, r'''
        $o = '"a","b,c"', '"1 ""x""","2"', '', '3' | ConvertFrom-Csv
        $o.Count; $o[0].a; $o[0].'b,c'; $o[1].a; $o[1].'b,c' -eq $null
    ''') == [2, '1 "x"', "2", "3", True]


def test_convertfrom_csv_type_line_header_parameter_and_unnamed_columns(st):
    r = ps(st, "$o = '#TYPE My.Thing', 'a,,c', '1,2,3' | ConvertFrom-Csv; $o.pstypenames[0..1]; $o.H1")
    assert r.output == ["My.Thing", "CSV:My.Thing", "2"]
    assert r.warnings == ['One or more headers were not specified. Default names starting with "H" have been used in place of any missing headers.']
    assert out(st, "('x;y' | ConvertFrom-Csv -Header A, B -Delimiter ';').B") == ["y"]


def test_convertfrom_csv_refuses_duplicate_headers(st):
    r = ps(st, "'a,A', '1,2' | ConvertFrom-Csv")
    assert [e.message for e in r.errors] == ['The member "A" is already present.']


# Export-Csv / Import-Csv (5.1): -Path takes piped strings (ByValue), -LiteralPath (alias PSPath) piped objects
# ByPropertyName; the file holds what ConvertTo-Csv writes; -Append adds rows under the
# file's header and refuses an object lacking a column unless -Force; -NoClobber refuses an existing file.
def test_export_then_import_round_trips(st):
    assert out(st, r"""
        $p = 'C:\csv\round.csv'; $null = New-Item -ItemType Directory C:\csv -Force
        [pscustomobject]@{ Name = 'n1'; Size = 1 }, [pscustomobject]@{ Name = 'n2'; Size = 2 } | Export-Csv -Path $p -NoTypeInformation
        Get-Content $p
        Import-Csv $p | ForEach-Object { $_.Name + '=' + $_.Size }
    """) == ['"Name","Size"', '"n1","1"', '"n2","2"', "n1=1", "n2=2"]


def test_export_csv_append_noclobber_and_force(st):
    assert out(st, r"""
        $p = 'C:\csv\app.csv'; $null = New-Item -ItemType Directory C:\csv -Force
        [pscustomobject]@{ A = 1; B = 2 } | Export-Csv $p
        [pscustomobject]@{ B = 4; A = 3; C = 5 } | Export-Csv $p -Append
        [pscustomobject]@{ A = 6 } | Export-Csv $p -Append -Force
        Get-Content $p
    """) == ["#TYPE System.Management.Automation.PSCustomObject", '"A","B"', '"1","2"', '"3","4"', '"6",']
    r = ps(st, r"[pscustomobject]@{ A = 7 } | Export-Csv C:\csv\app.csv -Append")
    assert r.errors[0].error_id == "CannotAppendCsvWithMismatchedPropertyNames,Microsoft.PowerShell.Commands.ExportCsvCommand"
    r = ps(st, r"[pscustomobject]@{ A = 7 } | Export-Csv C:\csv\app.csv -NoClobber")
    assert r.errors[0].message == r"The file 'C:\csv\app.csv' already exists."


def test_import_csv_takes_paths_from_the_pipeline(st):
    assert out(st, r"""
        $p = 'C:\csv\piped.csv'; $null = New-Item -ItemType Directory C:\csv -Force
        Set-Content $p -Value 'a|b', '1|2'
        ($p | Import-Csv -Delimiter '|').b
        ([pscustomobject]@{ LiteralPath = $p } | Import-Csv -Delimiter '|')[0].a
    """) == ["2", "1"]


# about_Arrays (5.1), Arrays of zero or one: "you can use array index notation to access the value of a
# singleton scalar object".
def test_a_single_object_indexed_with_zero_is_itself(st):
    assert out(st, "$o = [pscustomobject]@{ a = 1 }; $o[0].a; $o[-1].a; $null -eq $o[1]") == [1, 1, True]
