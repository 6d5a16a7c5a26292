""".NET Framework's numeric format strings in en-US, as "{0:spec}" -f $n and $n.ToString(spec) give them in
Windows PowerShell 5.1 (Standard and Custom numeric format strings on learn.microsoft.com; rounding half
away from zero from the value's 15 significant digits)."""

from __future__ import annotations

import pytest

from support.twin_script import ps, out


@pytest.mark.parametrize("value, spec, expected", [
    ("1", "C", "$1.00"),
    ("-1234.567", "C", "($1,234.57)"),          # en-US CurrencyNegativePattern 0 on .NET Framework
    ("1234.567", "N2", "1,234.57"),
    ("2.5", "N0", "3"),                          # half away from zero, not Python's half-even
    ("0.25", "F1", "0.3"),
    ("0.125", "P1", "12.5 %"),
    ("1234.5678", "E", "1.234568E+003"),         # a three-digit exponent
    ("255", "X", "FF"),
    ("255", "x4", "00ff"),
    ("-1", "X", "FFFFFFFF"),
    ("42", "D5", "00042"),
    ("5", "00", "05"),                           # zero padding (it printed 5)
    ("1234567.891", "#,##0.00", "1,234,567.89"),
    ("0.5", "0.0%", "50.0%"),
    ("1234.5", "#.##", "1234.5"),
    ("123456789", "000-00-0000", "123-45-6789"),
    ("1500000", "#,##0,,", "2"),                 # number scaling
    ("-5", "0;(0)", "(5)"),                      # sections
    ("0", "0;(0);zero", "zero"),
])
def test_number_formats(st, value, spec, expected):
    assert out(st, f"'{{0:{spec}}}' -f {value}; ({value}).ToString('{spec}')") == [expected, expected]


def test_an_invalid_specifier_is_dotnets_format_exception(st):
    r = ps(st, "'{0:Z}' -f 1")
    assert [(e.message, e.error_id) for e in r.errors] == [("Error formatting a string: Format specifier was invalid..", "FormatError")]
    r = ps(st, "(1.5).ToString('D')")
    assert r.errors[0].message == 'Exception calling "ToString" with "1" argument(s): "Format specifier was invalid."'


def test_what_is_not_modelled_is_refused(st):
    r = ps(st, "'{0:0.0E+0}' -f 1")
    assert "not emulated" in r.errors[0].message


def test_an_array_among_the_arguments_is_its_type_name(st):
    # -f hands its object[] to String.Format, which calls each argument's own ToString() (StringOps.FormatOperator)
    assert out(st, "'{0}' -f (1,2),3; '{0}-{1}' -f @(1,2); $a = 1,2; '{0}' -f $a") == ["System.Object[]", "1-2", "1"]


@pytest.mark.parametrize("script, message", [
    # a number that names no member of an enum (LanguagePrimitives' ThrowForUndefinedEnum)
    ("[ConsoleColor]16", 'Cannot convert value "16" to type "System.ConsoleColor" due to enumeration values that are not valid.'),
    ("[DayOfWeek]-1", 'Cannot convert value "-1" to type "System.DayOfWeek" due to enumeration values that are not valid.'),
    ("Write-Host -ForegroundColor 16 hi", "Cannot bind parameter 'ForegroundColor'. Cannot convert value \"16\" to type "
                                          "\"System.ConsoleColor\". Error: \"Cannot convert value \"16\" to type \"System.ConsoleColor\" "
                                          "due to enumeration values that are not valid."),
])
def test_an_undefined_enum_number_is_refused(st, script, message):
    r = ps(st, script)
    assert r.output == [] and r.errors[0].message.startswith(message)


def test_defined_enum_numbers_still_convert(st):
    assert out(st, "[ConsoleColor]12; [ConsoleColor]'3'; Get-Service Nope -ErrorAction 0; 'after'") == ["Red", "DarkCyan", "after"]
