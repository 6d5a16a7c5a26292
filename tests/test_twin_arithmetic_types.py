"""Arithmetic, bitwise, comparison and conversion results as Windows PowerShell 5.1 gives them: the value
and its .NET type.

Sources:
- about_Arithmetic_Operators 5.1 (its examples; "Division and rounding"; "Type conversion to accommodate
  result"; "Adding and multiplying non numeric types")
  https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_arithmetic_operators?view=powershell-5.1
- about_Comparison_Operators 5.1 (the right operand converts to the left's type)
  https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_comparison_operators?view=powershell-5.1
- 5.1's binder and numeric operations, PowerShell commit 60b3b304f2: Binders.cs (BinaryNumericOp: the operation
  in the operand type with the larger TypeCode, Int32 at least, Single as Double; FigureSignedUnsignedInt;
  BinaryBitwiseOp; Shift; PSUnaryOperationBinder.BNot; CompareLT ... against $null) and NumericOps.cs (IntOps,
  UIntOps, LongOps, ULongOps: an overflowing result is a Double, a division with a remainder a Double;
  DecimalOps: overflow is an error; DoubleOps: IEEE division); LanguagePrimitives.cs (ConvertStringToInteger
  through Double, ConvertNumeric); Parser.ScanNumber (a string operand read as a number literal).
"""

from __future__ import annotations

import pytest

from support.twin_script import out, ps

# TypeCode order of System.TypeCode (https://learn.microsoft.com/dotnet/api/system.typecode)
TYPES = ["SByte", "Byte", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64", "Single", "Double", "Decimal"]


def binder_type(a: str, b: str) -> str:
    """The result type BinaryNumericOp picks for two non-negative operands whose result fits: the operand type
    with the larger TypeCode, at least Int32, Single computed as Double."""
    t = max(TYPES.index(a), TYPES.index(b))
    name = TYPES[max(t, TYPES.index("Int32"))]
    return "Double" if name == "Single" else name


@pytest.fixture
def st(tmp_path):
    return tmp_path / "lab"


def run(st, script: str) -> list:
    return out(st, script)


def error(st, script: str) -> str:
    r = ps(st, script)
    assert r.errors, r.output
    return r.error_text


@pytest.mark.parametrize("op", ["+", "-", "*", "/", "%"])
def test_result_type_of_every_pair(st, op):
    # 6 op 3 fits every type and divides exactly, so the type is the binder's choice alone
    script = "foreach ($a in '" + "','".join(TYPES) + "') { foreach ($b in '" + "','".join(TYPES) + "') {" \
             f" (((6 -as [type]$a) {op} (3 -as [type]$b)).GetType().Name) }} }}"
    got = run(st, script)
    expected = [binder_type(a, b) for a in TYPES for b in TYPES]
    assert got == expected


@pytest.mark.parametrize("script, value, type_name", [
    # about_Arithmetic_Operators 5.1, its examples
    ("6 + 2", 8, "Int32"),
    ("6 - 2", 4, "Int32"),
    ("- -6", 6, "Int32"),
    ("6 * 2", 12, "Int32"),
    ("6 / 2", 3, "Int32"),
    ("7 % 2", 1, "Int32"),
    ("3+6/3*4", 11, "Int32"),
    ("3+6/(3*4)", 3.5, "Double"),
    ("(3+6)/3*4", 12, "Int32"),
    ("2 + 3.1", 5.1, "Double"),
    ("512MB", 536870912, "Int32"),
    ("512MB * 512MB", 288230376151711744.0, "Double"),
    ("[int32]::MinValue + [uint32]::MaxValue", 2147483647, "Int64"),
    ("9223372036854775807 + 2", 9223372036854775808.0, "Double"),
    ("[uint64]::MaxValue + 1", 18446744073709551616.0, "Double"),
    ("+ '123'", 123, "Int32"),
    # the Int32 -> Double widening (IntOps), Int64 kept (LongOps), unsigned kept (UIntOps, ULongOps)
    ("[int]::MaxValue + 1", 2147483648.0, "Double"),
    ("[long]1 + 1", 2, "Int64"),
    ("[uint64]5 + 1", 6, "UInt64"),
    ("[uint32]5 + 1", 6, "UInt32"),
    ("[uint32]5 - 6", -1.0, "Double"),
    ("[uint64]5 - 6", -1.0, "Double"),
    ("[byte]255 + [byte]1", 256, "Int32"),
    ("[int16]32767 + 1", 32768, "Int32"),
    # a negative signed operand: UInt32 in Int64, UInt64 in Decimal (FigureSignedUnsignedInt)
    ("[uint32]5 + -1", 4, "Int64"),
    ("[uint64]5 + -1", 4, "Decimal"),
    # division: exact stays integral, a remainder gives a Double, MinValue / -1 a Double
    ("7 / 2", 3.5, "Double"),
    ("[long]6 / 2", 3, "Int64"),
    ("[int]::MinValue / -1", 2147483648.0, "Double"),
    ("1.0 / 0", float("inf"), "Double"),
    # remainder: the sign of the dividend, MinValue % -1 is 0
    ("-7 % 3", -1, "Int32"),
    ("7 % -3", 1, "Int32"),
    ("7.5 % 2", 1.5, "Double"),
    ("[int]::MinValue % -1", 0, "Int32"),
    # Single is computed as Double (its 32-bit value)
    ("[single]1 + 1", 2.0, "Double"),
    # Decimal wins over Double
    ("1d + 1.5", 2.5, "Decimal"),
    # $null and [bool] operands
    ("$null + 1", 1, "Int32"),
    ("$null - 1", -1, "Int32"),
    ("5 * $null", 0, "Int32"),
    ("$true + 1", 2, "Int32"),
    ("-$true", -1, "Int32"),
    ("-$null", 0, "Int32"),
    # a string operand is read as a number literal (Parser.ScanNumber)
    ("'10' - 1", 9, "Int32"),
    ("'0x1F' - 1", 30, "Int32"),
    ("'1kb' - 0", 1024, "Int32"),
    ("' 12 ' - 2", 10, "Int32"),
    ("'1e3' - 0", 1000.0, "Double"),
    ("'3d' - 1", 2, "Decimal"),
    ("1 + '1,000'", 1001, "Int32"),            # not a literal: converted to Int32 through Double
    ("1 + '2'", 3, "Int32"),
    # unary minus keeps Int16, widens Byte
    ("-[int16]5", -5, "Int16"),
    ("-[byte]5", -5, "Int32"),
])
def test_values_and_types(st, script, value, type_name):
    got = run(st, f"$r = {script}; $r; $r.GetType().Name")
    assert got[0] == value
    assert got[1] == type_name


def test_char_and_string_on_the_left(st):
    # "The method that's used to evaluate the statement is determined by the type of the leftmost object"
    assert run(st, "'file' + 16") == ["file16"]
    assert run(st, "[char]'a' + 1") == ["a1"]           # BinaryAdd: a [char] concatenates
    assert run(st, "[char]'b' - [char]'a'") == [1]      # subtraction takes it as a number
    assert run(st, "'!' * 3") == ["!!!"]
    assert run(st, "($null * 5) -eq $null") == [True]   # BinaryMultiply: $null times anything is $null


def test_enum_arithmetic_gives_the_enum(st):
    # about_Arithmetic_Operators 5.1: $blue + 3 is Red, $red - 3 is Blue, $blue - $red is -3
    assert run(st, "$blue = [ConsoleColor]::Blue; $red = [ConsoleColor]::Red; \"$($blue + 3)\"; \"$($red - 3)\";"
                   " \"$($blue - $red)\"; ($blue + 3).GetType().Name") == ["Red", "Blue", "-3", "ConsoleColor"]


@pytest.mark.parametrize("script, text", [
    # about_Arithmetic_Operators 5.1: 16 + "file" fails; [decimal]::MaxValue + 1 is an error
    ("16 + 'file'", 'Cannot convert value "file" to type "System.Int32". Error: "Input string was not in a correct format."'),
    ("[decimal]::MaxValue + 1", "Value was either too large or too small for a Decimal."),
    ("1 / 0", "Attempted to divide by zero."),
    ("[long]1 % 0", "Attempted to divide by zero."),
    ("$true * 2", "The operation '[System.Boolean] * [System.Int32]' is not defined."),
    ("[char]'a' * 2", "The operation '[System.Char] * [System.Int32]' is not defined."),
    ("1 + @(2)", "Method invocation failed because [System.Object[]] does not contain a method named 'op_Addition'."),
    ("$s = 'a'; $s++", "The '++' operator works only on numbers. The operand is a 'System.String'."),
    # bitwise operators look for the operator method as ParserOps.ImplicitOp does
    ("1 -band @(1, 2)", "Method invocation failed because [System.Object[]] does not contain a method named 'op_BitwiseAnd'."),
    ("@{} -bor 1", "Method invocation failed because [System.Collections.Hashtable] does not contain a method named 'op_BitwiseOr'."),
    ("$true -shl 1", "The operation '[System.Boolean] -shl [System.Int32]' is not defined."),
])
def test_errors(st, script, text):
    assert text in error(st, script)


def test_division_by_zero_is_a_divide_by_zero_exception(st):
    assert run(st, "try { 1 / 0 } catch [DivideByZeroException] { 'caught' }") == ["caught"]


@pytest.mark.parametrize("script, value, type_name", [
    # about_Arithmetic_Operators 5.1 examples
    ("5 -band 3", 1, "Int32"),
    ("-bnot 5", -6, "Int32"),
    ("5 -bor 0x03", 7, "Int32"),
    ("5 -bxor 3", 6, "Int32"),
    ("102 -shl 2", 408, "Int32"),
    ("102 -shr 2", 25, "Int32"),
    # GetBitwiseOpType: Int32, UInt32, Int64, UInt64
    ("[uint32]1 -band -1", 1, "UInt32"),
    ("[long]6 -band 3", 2, "Int64"),
    ("-1 -band [uint64]3", 3, "UInt64"),
    ("[byte]6 -bor [byte]1", 7, "Int32"),
    # a Double goes through UInt64, or Int64 when an operand is negative (DoubleOps.BAnd)
    ("3.5 -band 1", 0, "UInt64"),
    ("-1.0 -band 1", 1, "Int64"),
    ("$null -band 5", 0, "Int32"),
    ("'12' -band 4", 4, "Int32"),
    # shifts keep the value's type, the count masked to its width
    ("1 -shl 33", 2, "Int32"),
    ("[long]1 -shl 40", 1099511627776, "Int64"),
    ("-16 -shr 2", -4, "Int32"),
    ("[uint32]1 -shl 31", 2147483648, "UInt32"),
    ("[byte]255 -shl 1", 254, "Byte"),          # Expression.LeftShift keeps the left operand's type
    ("[int16]1 -shl 15", -32768, "Int16"),
    ("1e10 -shl 1", 20000000000, "Int64"),      # DoubleOps.LeftShift: the first integer type holding the value
    # -bnot: below Int32 in Int32, integers in their own type, a Double in the first integer type holding it
    ("-bnot [byte]254", -255, "Int32"),
    ("-bnot [uint32]5", 4294967290, "UInt32"),
    ("-bnot [uint64]0", 18446744073709551615, "UInt64"),
    ("-bnot [long]5", -6, "Int64"),
    ("-bnot 5.6", -7, "Int32"),
    ("-bnot '5'", -6, "Int32"),
    ("-bnot $null", -1, "Int32"),
])
def test_bitwise(st, script, value, type_name):
    got = run(st, f"$r = {script}; $r; $r.GetType().Name")
    assert got == [value, type_name]


@pytest.mark.parametrize("type_name, expected_type", [
    ("sbyte", "Int32"), ("byte", "Int32"), ("int16", "Int32"), ("uint16", "Int32"),
    ("int32", "Int32"), ("uint32", "UInt32"), ("int64", "Int64"), ("uint64", "UInt64"),
])
def test_bnot_of_the_limits(st, type_name, expected_type):
    # -bnot flips every bit in the operand's type (Int32 for the types below it)
    lo, hi = {"sbyte": (-128, 127), "byte": (0, 255), "int16": (-2**15, 2**15 - 1), "uint16": (0, 2**16 - 1),
              "int32": (-2**31, 2**31 - 1), "uint32": (0, 2**32 - 1), "int64": (-2**63, 2**63 - 1),
              "uint64": (0, 2**64 - 1)}[type_name]
    got = run(st, f"$max = [{type_name}]::MaxValue; $min = [{type_name}]::MinValue; (-bnot $max); (-bnot $min);"
                  " (-bnot $max).GetType().Name")
    bits = 32 if expected_type in ("Int32", "UInt32") else 64
    signed = expected_type.startswith("Int")

    def flip(n: int) -> int:
        r = ~n & ((1 << bits) - 1)
        return r - (1 << bits) if signed and r >= 1 << (bits - 1) else r
    assert got == [flip(hi), flip(lo), expected_type]


def test_bnot_of_a_double_too_large(st):
    text = error(st, "-bnot 1e20")
    assert 'Cannot convert the "1E+20" value of type "System.Double" to type "System.UInt64".' in text


@pytest.mark.parametrize("script, value, type_name", [
    # about_Arithmetic_Operators 5.1, "Division and rounding": half to even
    ("[int]( 5 / 2 )", 2, "Int32"),
    ("[int]( 7 / 2 )", 4, "Int32"),
    ("[int][Math]::Round(5 / 2,[MidpointRounding]::AwayFromZero)", 3, "Int32"),
    ("[int][Math]::Ceiling(5 / 2)", 3, "Int32"),
    ("[int][Math]::Floor(5 / 2)", 2, "Int32"),
    ("[long]2.5", 2, "Int64"),
    ("[int]2.5d", 2, "Int32"),
    # a string: the type's converter (hex after 0x or #, white space, sign), else through Double
    ("[int]'3.5'", 4, "Int32"),
    ("[int]' 12 '", 12, "Int32"),
    ("[int]'0x1F'", 31, "Int32"),
    ("[int]'#1F'", 31, "Int32"),
    ("[int]'0xFFFFFFFF'", -1, "Int32"),
    ("[int]'1,000'", 1000, "Int32"),
    ("[int]'1e3'", 1000, "Int32"),
    ("[int]''", 0, "Int32"),
    ("[int]$null", 0, "Int32"),
    ("[double]'1,000'", 1000.0, "Double"),
    ("[sbyte]-1", -1, "SByte"),
    ("[byte][char]'A'", 65, "Byte"),
    ("[byte]::MaxValue", 255, "Byte"),
    ("[uint32]::MaxValue + 1", 4294967296.0, "Double"),
    ("[math]::Abs([long]-5)", 5, "Int64"),
    ("[math]::Pow(2, 10)", 1024.0, "Double"),
    ("[math]::Round(2.5)", 2.0, "Double"),
    ("[math]::Round(2.5d)", 2, "Decimal"),
])
def test_conversions(st, script, value, type_name):
    assert run(st, f"$r = {script}; $r; $r.GetType().Name") == [value, type_name]


@pytest.mark.parametrize("script, text", [
    ("[byte]300", 'Cannot convert value "300" to type "System.Byte". Error: "Value was either too large or too small for an unsigned byte."'),
    ("[sbyte]200", 'Cannot convert value "200" to type "System.SByte". Error: "Value was either too large or too small for a signed byte."'),
    ("[int16]40000", 'Cannot convert value "40000" to type "System.Int16". Error: "Value was either too large or too small for an Int16."'),
    ("[uint32]-1", 'Cannot convert value "-1" to type "System.UInt32". Error: "Value was either too large or too small for a UInt32."'),
    ("[int]'3000000000'", 'Cannot convert value "3000000000" to type "System.Int32". Error: "Value was either too large or too small for an Int32."'),
    ("[int]1e10", 'Cannot convert value "10000000000" to type "System.Int32". Error: "Value was either too large or too small for an Int32."'),
    ("[byte]'0x1FF'", 'Cannot convert value "0x1FF" to type "System.Byte". Error: "Value was either too large or too small for an unsigned byte."'),
    ("[int]'1kb'", 'Cannot convert value "1kb" to type "System.Int32". Error: "Input string was not in a correct format."'),
    ("[double]'0x10'", 'Cannot convert value "0x10" to type "System.Double". Error: "Input string was not in a correct format."'),
    ("[double]'1e400'", 'Cannot convert value "1e400" to type "System.Double". Error: "Value was either too large or too small for a Double."'),
])
def test_conversion_errors(st, script, text):
    assert text in error(st, script)


def test_conversion_errors_are_invalid_casts(st):
    assert run(st, "try { [byte]300 } catch [InvalidCastException] { 'cast' }") == ["cast"]
    assert run(st, "$r = 300 -as [byte]; $null -eq $r") == [True]


@pytest.mark.parametrize("script, text", [
    # Single prints 7 significant digits and computes with its 32-bit value; Double prints 15
    ("[single]0.1", "0.1"),
    ("[single]0.1 + 0", "0.100000001490116"),
    ("[single]::MaxValue", "3.402823E+38"),
    ("1e20", "1E+20"),
    ("1/3", "0.333333333333333"),
    ("[double]::MaxValue", "1.79769313486232E+308"),
    ("1.1 * 3", "3.3"),
    ("1.0 / 0", "Infinity"),
    ("[uint64]::MaxValue", "18446744073709551615"),
])
def test_string_form(st, script, text):
    assert run(st, f'$r = {script}; "$r"; $r.ToString(); [string]$r') == [text, text, text]


@pytest.mark.parametrize("script, expected", [
    # about_Comparison_Operators 5.1: the right operand converts to the left's type
    ("2 -eq '2.0'", True),
    ("'10' -lt 9", True),            # a string on the left compares as strings
    ("10 -lt '9'", False),
    ("1 -eq 'abc'", False),          # not a number: -eq is False, no error
    ("'0x10' -eq 16", False),
    ("16 -eq '0x10'", True),
    ("1d -eq 1.0", True),
    ("[uint64]::MaxValue -gt -1", True),
    ("[long]9007199254740993 -eq 9007199254740992.0", True),   # compared as Doubles
    ("[double]::NaN -eq [double]::NaN", False),
    ("[single]0.1 -eq 0.1", False),         # the Single's 32-bit value, compared as a Double
    ("[single]0.5 -eq 0.5", True),
    ("0.1d -eq 0.1", True),                 # a Double against a Decimal converts to Decimal (15 digits)
    ("[double]::NaN -lt 1", False),
    # against $null a number compares with 0 (Binders.cs CompareLT ...)
    ("-1 -lt $null", True),
    ("0 -ge $null", True),
    ("0 -lt $null", False),
    ("$null -lt 5", True),
    ("$null -lt 'a'", True),
    ("'a' -lt $null", False),
    ("$null -le $null", True),
])
def test_comparisons(st, script, expected):
    assert run(st, script) == [expected]


def test_relational_with_a_string_that_is_not_a_number_fails(st):
    assert 'Cannot convert value "abc" to type "System.Int32".' in error(st, "1 -lt 'abc'")


def test_cmdlet_values_keep_their_types_through_arithmetic(st):
    # MSFT_Disk.Size and MSFT_Volume.SizeRemaining are uint64: (Get-Disk).Size + 1 stays a UInt64
    got = run(st, "$d = Get-Disk | Select-Object -First 1; ($d.Size + 1).GetType().Name; ($d.Size * 2).GetType().Name;"
                  " $v = Get-Volume | Select-Object -First 1; ($v.SizeRemaining - 1).GetType().Name;"
                  " ($d.Size + 1) -eq ($d.Size + 1); ($d.Size / 1GB) -is [uint64] -or ($d.Size / 1GB) -is [double]")
    assert got == ["UInt64", "UInt64", "UInt64", True, True]


def test_increment_of_an_enum_is_the_enum(st):
    # IncrDecr adds 1 through the binder, which casts the result back to the enum
    assert run(st, "$c = [ConsoleColor]::Red; $c++; \"$c\"; $c.GetType().Name") == ["Magenta", "ConsoleColor"]


def test_increment_keeps_the_type(st):
    assert run(st, "$x = [uint64]5; $x++; $x; $x.GetType().Name; $n = $null; $n++; $n; $i = [int]::MaxValue; $i++;"
                   " $i.GetType().Name") == [6, "UInt64", 1, "Double"]


def test_language_primitives_convert_to_is_the_cast(st):
    # LanguagePrimitives.ConvertTo(Object, Type) converts as a cast does; its failure is the method's exception
    assert run(st, "[System.Management.Automation.LanguagePrimitives]::ConvertTo(1.1 * 3, [string]);"
                   " [System.Management.Automation.LanguagePrimitives]::ConvertTo('0x1F', [int])") == ["3.3", 31]
    text = error(st, "[System.Management.Automation.LanguagePrimitives]::ConvertTo('x', [int])")
    assert 'Exception calling "ConvertTo" with "2" argument(s): "Cannot convert value "x" to type "System.Int32".' in text


def test_marshal_size_of_primitive_types(st):
    # Marshal.SizeOf(Type): the unmanaged size; other types and members are refused as not emulated
    assert run(st, "foreach ($t in [sbyte], [int16], [int], [long], [double], [bool], [char], [decimal]) {"
                   " [System.Runtime.InteropServices.Marshal]::SizeOf([type]$t) }") == [1, 2, 4, 8, 8, 4, 1, 16]
    assert "not emulated" in error(st, "[System.Runtime.InteropServices.Marshal]::SizeOf([string])")


def test_single_in_json_is_its_round_trip_text(st):
    # JavaScriptSerializer writes a Single with ToString("R"): 7 digits when they round-trip
    assert run(st, "[single]0.1 | ConvertTo-Json; [single]::MaxValue | ConvertTo-Json") == ["0.1", "3.40282347E+38"]


def test_repetition_counts_convert_as_casts(st):
    # BinaryMultiply: a string's count converts to Int32 (rounding half to even), an array's to UInt32
    assert run(st, "'ab' * 2.5; 'ab' * 3.5; 'ab' * '2'; (@(1, 2) * 2).Count") == ["abab", "abababab", "abab", 4]
    assert "Specified argument was out of the range of valid values." in error(st, "'ab' * -1")
    assert 'Cannot convert value "-1" to type "System.UInt32".' in error(st, "@(1) * -1")


def test_typed_collections_hold_their_number_type(st):
    # List[long].Add(5) converts 5 to T: the element is an Int64, so arithmetic on it stays Int64
    assert run(st, "$l = New-Object System.Collections.Generic.List[long]; $l.Add(5); $l[0].GetType().Name;"
                   " ($l[0] + 1).GetType().Name; $s = [System.Collections.Generic.HashSet[byte]]::new(); [void]$s.Add(5);"
                   " ($s | Select-Object -First 1).GetType().Name") == ["Int64", "Int64", "Byte"]


@pytest.mark.parametrize("script, value, type_name", [
    # Int32.Parse(String): NumberStyles.Integer (https://learn.microsoft.com/dotnet/api/system.int32.parse)
    ("[int]::Parse(' -42 ')", -42, "Int32"),
    ("[long]::Parse('3000000000')", 3000000000, "Int64"),
    ("[byte]::Parse('255')", 255, "Byte"),
    # Double.Parse(String): NumberStyles.Float | AllowThousands
    ("[double]::Parse('1,000.5')", 1000.5, "Double"),
])
def test_parse_methods(st, script, value, type_name):
    assert run(st, f"$r = {script}; $r; $r.GetType().Name") == [value, type_name]


@pytest.mark.parametrize("script, text", [
    ("[int]::Parse('3.5')", 'Exception calling "Parse" with "1" argument(s): "Input string was not in a correct format."'),
    ("[int]::Parse('0x1F')", 'Exception calling "Parse" with "1" argument(s): "Input string was not in a correct format."'),
    ("[int]::Parse('3000000000')",
     'Exception calling "Parse" with "1" argument(s): "Value was either too large or too small for an Int32."'),
])
def test_parse_method_errors(st, script, text):
    assert text in error(st, script)


def test_equality_converts_the_right_operand_to_the_left_type(st):
    # about_Comparison_Operators 5.1: 1 -eq '1.0' is True, '1.0' -eq 1 is False
    assert run(st, "1 -eq '1.0'; '1.0' -eq 1") == [True, False]


def test_a_real_number_is_no_char(st):
    # a number converts to [char] through IConvertible: Convert.ToChar(Double) always throws InvalidCastException
    assert run(st, "[char]65; [char][long]66") == ["A", "B"]
    assert 'Cannot convert value "65.5" to type "System.Char". Error: "Invalid cast from \'Double\' to \'Char\'."' \
        in error(st, "[char]65.5")


def test_a_shift_count_that_is_no_number_is_an_error(st):
    assert "System.Int32" in error(st, "1 -shl @(1, 2)")
    assert run(st, "1 -shl @(3)") == [8]


def test_decimal_from_text(st):
    # Decimal.Parse with NumberStyles.Number keeps the scale and takes group separators; an exponent goes through Double
    assert run(st, "[string][decimal]'1,000.50'; [string][decimal]'2.5-'; [string][decimal]'1e3'") == ["1000.50", "-2.5", "1000"]


def test_bitwise_on_an_enum_gives_the_enum(st):
    # BinaryBitwiseOp and BNot cast the result to the left operand's enum type
    assert run(st, "\"$([ConsoleColor]::Red -band 4)\"; \"$([ConsoleColor]::Red -bor 1)\"; ([ConsoleColor]::Red -bor 1).GetType().Name;"
                   " \"$(-bnot [ConsoleColor]::Black)\"") == ["DarkRed", "Magenta", "ConsoleColor", "-1"]


def test_char_equals_a_number_by_its_code(st):
    # BinaryEqualityComparison: the number converts to [char], then Char.Equals (case-sensitive)
    assert run(st, "[char]'a' -eq 97; [char]'a' -eq 65; [char]'a' -eq 'A'") == [True, False, True]


@pytest.mark.parametrize("module", ["numeric_binder", "numeric_conversions", "dotnet_values", "values", "casts", "statics"])
def test_each_number_module_imports_on_its_own(module):
    # the binder, values and dotnet_values import one another: any of them may be the first one imported
    import subprocess
    import sys
    r = subprocess.run([sys.executable, "-c", f"import labkit.twin.{module}"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
