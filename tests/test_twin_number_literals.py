"""Number literals and [decimal] as Windows PowerShell 5.1 has them.

Expected types and values: about_Numeric_Literals 5.1 (its Examples table, the multiplier examples, the
note on 1.2L) https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_numeric_literals?view=powershell-5.1
and 5.1's tokenizer (TryGetNumberValue: Int32, else Int64, else Decimal, else Double; d is Decimal.Parse times the
multiplier). Decimal arithmetic: the binder works in Decimal when either operand is one (Binders.cs
BinaryNumericOp), .NET's Decimal text keeps the scale https://learn.microsoft.com/dotnet/api/system.decimal.tostring
"""

from __future__ import annotations

import pytest

from support.twin_script import out, ps

# literal, its type (GetType().FullName), its string form
LITERALS = [
    # the Examples table of about_Numeric_Literals
    ("100", "System.Int32", "100"),
    ("100D", "System.Decimal", "100"),
    ("100l", "System.Int64", "100"),
    ("1e2", "System.Double", "100"),
    ("0x1e2", "System.Int32", "482"),
    ("0x1e2L", "System.Int64", "482"),
    ("0x1e2D", "System.Int32", "7725"),
    ("482D", "System.Decimal", "482"),
    ("482gb", "System.Int64", "517543559168"),
    ("0x1e2lgb", "System.Int64", "517543559168"),
    # the multiplier examples
    ("1kb", "System.Int32", "1024"),
    ("1.30Dmb", "System.Decimal", "1363148.80"),
    ("0x10Gb", "System.Int64", "17179869184"),
    ("1.4e23tb", "System.Double", "1.5393162788864E+35"),
    ("0x12Lpb", "System.Int64", "20266198323167232"),
    # the note on a real literal with the long suffix
    ("1.2L", "System.Int64", "1"),
    ("1.2345e1L", "System.Int64", "12"),
    ("1.2345e-5L", "System.Int64", "0"),
    # d: a Decimal, trailing zeros kept; a real literal with a multiplier stays a Double
    ("4d", "System.Decimal", "4"),
    ("1.5d", "System.Decimal", "1.5"),
    ("1.50d", "System.Decimal", "1.50"),
    ("1e3d", "System.Decimal", "1000"),
    ("1dkb", "System.Decimal", "1024"),
    ("1.5kb", "System.Double", "1536"),
    ("1pb", "System.Int64", "1125899906842624"),
    # no suffix: Int32, else Int64, else Decimal, else Double
    ("2147483647", "System.Int32", "2147483647"),
    ("2147483648", "System.Int64", "2147483648"),
    ("9223372036854775808", "System.Decimal", "9223372036854775808"),
    ("79228162514264337593543950335", "System.Decimal", "79228162514264337593543950335"),
    ("79228162514264337593543950336", "System.Double", "7.92281625142643E+28"),
    ("0xFFFFFFFF", "System.Int32", "-1"),
]


@pytest.mark.parametrize("literal, type_name, text", LITERALS, ids=[c[0] for c in LITERALS])
def test_literal_type_and_text(st, literal, type_name, text):
    assert out(st, f"$v = {literal}; $v.GetType().FullName; [string]$v") == [type_name, text]


# expression, [string] of the result, its type
DECIMAL_ARITHMETIC = [
    ("1.5d * 2", "3.0", "System.Decimal"),                  # scales add, as Decimal's multiplication
    ("1d / 3", "0.3333333333333333333333333333", "System.Decimal"),
    ("2d / 3", "0.6666666666666666666666666667", "System.Decimal"),
    ("10d / 3", "3.3333333333333333333333333333", "System.Decimal"),
    ("4.00d / 2", "2.00", "System.Decimal"),
    ("0.1d + 0.2d", "0.3", "System.Decimal"),
    ("4d + 1.5", "5.5", "System.Decimal"),                  # a Double operand joins Decimal's arithmetic
    ("10d % 3", "1", "System.Decimal"),
    ("-4d", "-4", "System.Decimal"),
    ("79228162514264337593543950335 - 1", "79228162514264337593543950334", "System.Decimal"),
    ("[decimal]'1.50'", "1.50", "System.Decimal"),
    ("[math]::Round(2.345d, 2)", "2.34", "System.Decimal"),   # Round(Decimal, Int32): half to even, exact
    ("[math]::Round(2.345d, 2, 'AwayFromZero')", "2.35", "System.Decimal"),
    ("[math]::Floor(-2.5d)", "-3", "System.Decimal"),
    ("$d = 2.5d; $d++; $d", "3.5", "System.Decimal"),
]


@pytest.mark.parametrize("expr, text, type_name", DECIMAL_ARITHMETIC, ids=[c[0] for c in DECIMAL_ARITHMETIC])
def test_decimal_arithmetic(st, expr, text, type_name):
    assert out(st, f"$v = $({expr}); [string]$v; $v.GetType().FullName") == [text, type_name]


@pytest.mark.parametrize("expr, expected", [
    ("0.1d + 0.2d -eq 0.3d", True),           # exact, unlike 0.1 + 0.2 -eq 0.3 in Double
    ("0.1 + 0.2 -eq 0.3", False),
    ("1.5d -is [decimal]", True),
    ("4d -is [int]", False),
    ("1.5d -gt 1", True),
    ("5d -eq '5'", True),
])
def test_decimal_comparisons(st, expr, expected):
    assert out(st, expr) == [expected]


def test_decimal_overflow_is_5_1s_error(st):
    r = ps(st, "79228162514264337593543950335 + 1")
    assert not r.ok or r.errors
    assert "Value was either too large or too small for a Decimal." in r.error_text


def test_decimal_division_by_zero(st):
    r = ps(st, "try { 1d / 0 } catch { $_.Exception.Message }")
    assert r.output == ["Attempted to divide by zero."]


def test_decimal_text_in_json_and_tables(st):
    assert out(st, "ConvertTo-Json @{a = 1.30d} -Compress") == ['{"a":1.30}']
    table = out(st, "[pscustomobject]@{a = 1.50d} | Out-String")[0]
    assert "1.50" in table


@pytest.mark.parametrize("text", ["34uy", "5u", "8s", "6n", "0b101", "1.5f"])
def test_suffixes_5_1_lacks_are_not_numbers(st, text):
    # 6.2/7's u, y, s, n suffixes and 0b binary literals: 5.1's tokenizer reads them as a command name
    r = ps(st, f"$v = {text}")
    assert f"The term '{text}' is not recognized" in r.error_text


@pytest.mark.parametrize("script, message", [
    # Decimal.Parse refuses the exponent (FormatException), the retry through Double overflows: 5.1 reports the first
    # error (LanguagePrimitives.ConvertStringToDecimal)
    ("[decimal]'1e400'", 'Cannot convert value "1e400" to type "System.Decimal". Error: "Input string was not in a correct format."'),
    ("[decimal]'79228162514264337593543950336'", 'Cannot convert value "79228162514264337593543950336" to type "System.Decimal". '
                                                 'Error: "Value was either too large or too small for a Decimal."'),
    ("[decimal]'abc'", 'Cannot convert value "abc" to type "System.Decimal". Error: "Input string was not in a correct format."'),
])
def test_decimal_cast_errors_name_decimal(st, script, message):
    assert message in ps(st, script).error_text


def test_decimal_cast_keeps_the_text_scale(st):
    assert out(st, "[string][decimal]'1.50'; [string][decimal]1.1; [string][decimal]$null") == ["1.50", "1.1", "0"]


@pytest.mark.parametrize("literal", ["1e400", "1e400d", "9223372036854775808L", "0x1FFFFFFFFFFFFFFFF", "79228162514264337593543950336d"])
def test_a_number_its_type_cannot_hold_is_a_parse_error(st, literal):
    # 5.1's tokenizer: TryGetNumberValue fails (Double.TryParse overflows on .NET Framework, long/Decimal cannot hold it)
    # -> BadNumericConstant "The numeric constant {0} is not valid." at the token's end (ParserStrings.resx)
    r = ps(st, f"'ran'; $x = {literal}")
    assert r.output == []                       # a parse error: nothing runs
    assert f"The numeric constant {literal} is not valid." in r.error_text
    assert f"char:{7 + len(literal) + 6}" in r.error_text


def test_such_a_number_is_a_bareword_among_command_arguments(st):
    assert out(st, "Write-Output 1e400") == ["1e400"]


@pytest.mark.parametrize("expr, text", [
    ("[decimal]::MaxValue", "79228162514264337593543950335"),     # https://learn.microsoft.com/dotnet/api/system.decimal.maxvalue
    ("[decimal]::MinValue", "-79228162514264337593543950335"),
    ("[decimal]::One + [decimal]::MinusOne", "0"),
    ("[decimal]::Round(2.5)", "2"),                                # half to even
    ("[decimal]::Round(2.345d, 2)", "2.34"),
    ("[decimal]::Floor(-1.5)", "-2"),
])
def test_decimal_statics(st, expr, text):
    assert out(st, f"$v = {expr}; [string]$v; $v.GetType().Name") == [text, "Decimal"]
