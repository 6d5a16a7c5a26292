"""A script's enums as 5.1 has them: values, [Flags()], conversions and their errors, [enum]'s statics.

about_Enum (5.1): https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_enum?view=powershell-5.1
Conversions follow 5.1's LanguagePrimitives (ConvertStringToEnum: Enum.Parse, then a unique prefix; ConvertIntegerToEnum;
ThrowForUndefinedEnum) with the texts of its ExtendedTypeSystem and EnumExpressionEvaluatorStrings resources.
"""

from __future__ import annotations

import pytest

from support.twin_script import out, ps

FLAGS = "[Flags()] enum Perm { None = 0; Read = 1; Write = 2; Exec = 4 }\n"
COLOR = "enum Color { Red; Green; Gray }\n"


def test_flags_combine_print_and_test_bits(st):
    script = FLAGS + """
$p = [Perm]'Read, Write'
"$p"; $p.value__; ($p -band [Perm]::Write) -eq [Perm]::Write; [bool]($p -band [Perm]::Exec)
$p.HasFlag([Perm]::Read); ($p -bor [Perm]::Exec).ToString(); "$([Perm]7)"; "$([Perm]0)" """
    assert out(st, script) == ["Read, Write", 3, True, False, True, "Read, Write, Exec", "Read, Write, Exec", "None"]


def test_enum_statics_of_a_script_enum(st):
    script = FLAGS + """
[enum]::GetNames([Perm]) -join ','
([enum]::GetValues([Perm]) | ForEach-Object { [int]$_ }) -join ','
[enum]::Parse([Perm], 'exec'); [enum]::IsDefined([Perm], 3); [enum]::IsDefined([Perm], 'Read')
[enum]::GetUnderlyingType([Perm]).FullName; [Perm].GetEnumUnderlyingType().Name"""
    assert [str(v) for v in out(st, script)] == ["None,Read,Write,Exec", "0,1,2,4", "Exec", "False", "True",
                                                 "System.Int32", "Int32"]


@pytest.mark.parametrize("value, expected", [
    ("'green'", "Green"),          # Enum.Parse ignoring case
    ("'gre'", "Green"),            # a unique prefix (EnumMinimumDisambiguation)
    ("'Red, Green'", "Green"),     # Enum.Parse ORs comma-separated names, for any enum: 0 -bor 1
    ("'1'", "Green"),
    ("2", "Gray"),
])
def test_conversions_to_a_script_enum(st, value, expected):
    assert out(st, COLOR + f'"$([Color]{value})"') == [expected]


@pytest.mark.parametrize("value, error_id, text", [
    ("'Blue'", "SubstringDisambiguationEnumParseThrewAnException",
     'Cannot convert value "Blue" to type "Color". Error: "Unable to match the identifier name Blue to a valid enumerator '
     'name. Specify one of the following enumerator names and try again:\nRed, Green, Gray"'),
    ("'G'", "SubstringDisambiguationEnumParseThrewAnException",
     'Cannot convert value "G" to type "Color". Error: "The identifier name G cannot be processed because it is either too '
     'similar or identical to the following enumerator names: Green, Gray. Use a more specific identifier name."'),
    ("5", "UndefinedIntegerToEnum",
     'Cannot convert value "5" to type "Color" due to enumeration values that are not valid. Specify one of the following '
     'enumeration values and try again. The possible enumeration values are "Red,Green,Gray".'),
    ("'7'", "EnumParseUndefined",
     'Cannot convert value "7" to type "Color" due to enumeration values that are not valid. Specify one of the following '
     'enumeration values and try again. The possible enumeration values are "Red,Green,Gray".'),
    ("$null", "nullToEnumInvalidCast",
     'Cannot convert null to type "Color" due to enumeration values that are not valid. Specify one of the following '
     'enumeration values and try again. The possible enumeration values are "Red,Green,Gray".'),
])
def test_conversion_errors(st, value, error_id, text):
    script = COLOR + f"try {{ [Color]{value} }} catch {{ $_.FullyQualifiedErrorId; $_.Exception.Message }}"
    assert out(st, script) == [error_id, text]


def test_flags_accept_any_combination_of_their_bits_only(st):
    script = FLAGS + "[int][Perm]6\ntry { [Perm]8 } catch { $_.FullyQualifiedErrorId }"
    assert out(st, script) == [6, "UndefinedIntegerToEnum"]


def test_an_enum_with_a_negative_value_takes_any_number(st):
    # IsDefinedEnum: "An enumeration with a negative value should not be treated as flags ... it is defined"
    assert out(st, "enum Signed { Minus = -1; Plus = 1 }\n[int][Signed]5") == [5]


def test_enum_property_defaults_to_zero(st):
    assert out(st, COLOR + 'class Pen { [Color]$Ink }\n"$([Pen]::new().Ink)"') == ["Red"]


def test_underlying_type_is_not_5_1_syntax(st):
    # `enum E : byte` came with PowerShell 6.2; 5.1's parser wants the body after the name
    r = ps(st, "'before'\nenum Small : byte { A; B }")
    assert not r.ok and r.output == []
    assert r.errors[0].error_id == "MissingTypeBody"
    assert r.errors[0].message.endswith("Missing 'enum' body in 'enum' declaration.")


def test_a_double_to_an_enum_is_refused(st):
    r = ps(st, COLOR + "[Color]2.6")
    assert not r.ok and "converting the number 2.6 (not an integer) to the enum [Color] is not emulated by the twin " \
        "(unsupported construct at line 2)" in r.error_text      # the statement's line, not 0


@pytest.mark.parametrize("enum, error_id, text", [
    ("enum E { A = 2147483647; B }", "EnumeratorValueTooLarge", "Enumerator value is too large for a System.Int."),
    ("enum E { A = 2147483648 }", "EnumeratorValueTooLarge", "Enumerator value is too large for a System.Int."),
    ("enum E { A = 'x' }", "CannotConvertValue", 'Cannot convert the value to type "int".'),
    ("enum E { A; a }", "MemberAlreadyDefined", "The member 'a' is already defined."),
    ("enum A { X = [B]::Y }\nenum B { Y = [A]::X }", "CycleInEnumInitializers",
     "Cannot define enum because of a cycle in the initialization expressions."),
])
def test_enum_values_5_1_refuses_before_running(st, enum, error_id, text):
    # PSType.DefineEnum computes the values when it defines the type (5.1's source; ParserStrings.resx texts)
    r = ps(st, "'before'\n" + enum)
    assert r.output == [] and r.errors[0].error_id == error_id and text in r.errors[0].message
