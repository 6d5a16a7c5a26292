"""How Windows PowerShell 5.1 parses: the rules of about_Parsing, about_Special_Characters, about_Quoting_Rules,
about_Data_Sections and about_Language_Modes (the 5.1 pages), and the parse errors 5.1 gives (error IDs and the texts
of ParserStrings.resx), run through the twin as a user runs it."""

from __future__ import annotations

import pytest

from labkit.twin.errors import PSParseError
from labkit.twin.parser import parse
from support.twin_script import out, ps

# ParserStrings.resx
RESTRICTED = "{0} not allowed in restricted language mode or a Data section."
VARIABLES = ("A variable that cannot be referenced in restricted language mode or a Data section is being referenced. "
             "Variables that can be referenced include the following: {0}.")
DEFAULT_VARIABLES = "$PSCulture, $PSUICulture, $true, $false, $null"


def parse_error(text: str) -> PSParseError:
    with pytest.raises(PSParseError) as info:
        parse(text)
    return info.value


# -- data sections (about_Data_Sections, 5.1) ---------------------------------------------------------------

def test_a_data_section_writes_what_its_body_writes(st):
    # "Simple data strings" and literals of the page's permitted content
    assert out(st, 'data { "Thank you"; 1; 1,2,3; @( "red", "green" ) }') == ["Thank you", 1, 1, 2, 3, "red", "green"]


def test_a_data_section_is_assigned_to_a_variable(st):
    script = """$TextMsgs = data {
    ConvertFrom-StringData -StringData @'
Text001 = Windows 7
Text002 = Windows Server 2008 R2
'@
}
$TextMsgs.Text001; $TextMsgs.Text002"""
    assert out(st, script) == ["Windows 7", "Windows Server 2008 R2"]


def test_a_named_data_section_sets_its_variable_in_the_local_scope(st):
    script = """function f {
    data TextMsgs { ConvertFrom-StringData -StringData 'Text001 = Windows 7' }
    $TextMsgs.Text001
}
f
"[$TextMsgs]\""""
    assert out(st, script) == ["Windows 7", "[]"]


def test_if_and_the_permitted_variables_run_in_a_data_section(st):
    assert out(st, 'data { if ($null) { "help" } elseif ($PSCulture) { "culture" } else { $false } }') == ["culture"]


def test_supported_command_allows_a_command(st):
    script = 'data d -SupportedCommand Get-Date { Get-Date -Year 2001 -Month 2 -Day 3 -Format yyyy-MM-dd }; $d'
    assert out(st, script) == ["2001-02-03"]
    # a prefix of the parameter is the parameter (Parser.IsSpecificParameter)
    assert out(st, 'data d -Supported Get-Date { Get-Date -Year 2002 -Format yyyy }; $d') == ["2002"]


@pytest.mark.parametrize("body, error_id, message, column", [
    ("$a", "VariableReferenceNotSupportedInDataSection", VARIABLES.format(DEFAULT_VARIABLES), 8),
    ('"x $a"', "VariableReferenceNotSupportedInDataSection", VARIABLES.format(DEFAULT_VARIABLES), 11),
    ("Get-Date", "CmdletNotInAllowedListForDataSection", RESTRICTED.format("The command 'Get-Date' is"), 8),
    ('"a" -match "b"', "OperatorNotSupportedInDataSection", RESTRICTED.format("The '-imatch' operator is"), 12),
    ('"a" -creplace "b"', "OperatorNotSupportedInDataSection", RESTRICTED.format("The '-creplace' operator is"), 12),
    ("'{0}' -f 1", "OperatorNotSupportedInDataSection", RESTRICTED.format("The '-f' operator is"), 14),
    ("-split 'a b'", "OperatorNotSupportedInDataSection", RESTRICTED.format("The '-isplit' operator is"), 8),
    ("1..3", "OperatorNotSupportedInDataSection", RESTRICTED.format("The '..' operator is"), 8),
    ("$x = 1", "AssignmentStatementNotSupportedInDataSection", RESTRICTED.format("Assignment statements are"), 8),
    ("'a'.Length", "PropertyReferenceNotSupportedInDataSection", RESTRICTED.format("Property references are"), 8),
    ("'a'.ToUpper()", "MethodCallNotSupportedInDataSection", RESTRICTED.format("Method calls are"), 8),
    ("@(1)[0]", "ArrayReferenceNotSupportedInDataSection", RESTRICTED.format("Array references are"), 8),
    ("{ 1 }", "ScriptBlockNotSupportedInDataSection", RESTRICTED.format("Script block literals are"), 8),
    ("foreach ($i in 1) { }", "ForeachStatementNotSupportedInDataSection", RESTRICTED.format("Foreach statements are"), 8),
    ("while ($false) { }", "ForWhileStatementNotSupportedInDataSection", RESTRICTED.format("For and While statements are"), 8),
    ("throw 'x'", "FlowControlStatementNotSupportedInDataSection",
     "Flow control statements such as Break, Continue, Return, Exit, and Throw are not allowed in restricted language "
     "mode or a Data section.", 8),
    ("'a' > x.txt", "RedirectionNotSupportedInDataSection", RESTRICTED.format("Redirection is"), 12),
    ("[hashtable]@{}", "TypeNotAllowedInDataSection", RESTRICTED.format("The type hashtable is"), 8),
    ("switch (1) { 1 { } }", "SwitchStatementNotSupportedInDataSection", RESTRICTED.format("The switch statement is"), 8),
    ("function f { }", "FunctionDeclarationNotSupportedInDataSection", RESTRICTED.format("Function declarations are"), 8),
    ("data { 1 }", "DataSectionStatementNotSupportedInDataSection",
     "The data statement is not allowed in restricted language mode or another Data section.", 8),
])
def test_what_a_data_section_refuses_is_a_parse_error(body, error_id, message, column):
    err = parse_error(f"data {{ {body} }}")
    assert (err.error_id, err.text, err.line, err.column) == (error_id, message, 1, column)


def test_a_refused_data_section_runs_nothing(st):
    r = ps(st, '"before"; data { Get-Date }')
    assert r.output == [] and "CmdletNotInAllowedListForDataSection" in r.error_text


def test_simple_types_and_enums_are_allowed_in_a_data_section(st):
    assert out(st, "data { [int]'7'; [string[]]'a'; [ConsoleColor]'Red' -eq [ConsoleColor]'Red' }") == [7, "a", True]


@pytest.mark.parametrize("text, error_id, message, column", [
    ("data", "MissingStatementBlockForDataSection", "The Data section is missing its statement block.", 5),
    ("data msgs", "MissingStatementBlockForDataSection", "The Data section is missing its statement block.", 10),
    ("data -SupportedCommand", "MissingValueForSupportedCommandInDataSectionStatement",
     "The SupportedCommand parameter of the Data section is missing a value. Supply a cmdlet or function name to the "
     "parameter.", 23),
    ("data -Foo x { 1 }", "InvalidParameterForDataSectionStatement",
     'The "Foo" parameter of the Data section is not valid. The valid Data section parameter is SupportedCommand.', 6),
])
def test_an_incomplete_data_statement(text, error_id, message, column):
    err = parse_error(text)
    assert (err.error_id, err.text, err.column) == (error_id, message, column)


# -- ScriptBlock.CheckRestrictedLanguage ---------------------------------------------------------------------

def test_check_restricted_language_accepts_the_default_variables(st):
    assert out(st, "{ $PSCulture, $PSUICulture, $true, $false, $null, 2+2 }.CheckRestrictedLanguage($null, $null, $false)"
                   "; 'ok'") == ["ok"]


def test_check_restricted_language_refuses_with_a_parse_exception(st):
    script = """try { { 2 + $a + $c }.CheckRestrictedLanguage($null, [string[]]'a', $false) }
catch { $_.FullyQualifiedErrorId; $_.Exception.InnerException.GetType().FullName; $_.Exception.InnerException.Message }"""
    fqid, kind, message = out(st, script)
    assert (fqid, kind) == ("ParseException", "System.Management.Automation.ParseException")
    # the allowed variables of the message: the default five, then the caller's
    assert message.endswith(VARIABLES.format(DEFAULT_VARIABLES + ", $a"))
    assert message.startswith("At line:1 char:18")


def test_check_restricted_language_environment_and_wildcard(st):
    ok = "{ 2 + $a + $env:foo }.CheckRestrictedLanguage($null, [string[]]'a', $true); 'ok'"
    assert out(st, ok) == ["ok"]
    assert out(st, "{ $b + $env:foo }.CheckRestrictedLanguage($null, [string[]]'*', $false); 'ok'") == ["ok"]
    r = ps(st, "{ 2 + $a + $env:foo }.CheckRestrictedLanguage($null, [string[]]'a', $false)")
    assert "ParseException" in r.error_text


def test_check_restricted_language_commands_and_blocks(st):
    assert out(st, "{ Get-Date | Where-Object Year }.CheckRestrictedLanguage([string[]]('get-date','where-object'), "
                   "$null, $false); 'ok'") == ["ok"]
    r = ps(st, "{ process { 1 } }.CheckRestrictedLanguage($null, $null, $false)")
    assert "A Begin statement block, Process statement block, or parameter statement is not allowed in a Data section." \
        in r.error_text


# -- argument mode (about_Parsing, 5.1) ----------------------------------------------------------------------

@pytest.mark.parametrize("script, expected", [
    # a quoted string that starts an argument takes the member access after it (Parser.GetCommandArgument)
    ('Write-Output "abc".ToUpper()', ["ABC"]),
    ("Write-Output 'abc'.Length", [3]),
    ('Write-Output "abc".ToUpper().Length', [3]),
    ('Write-Output "abc"[1], "xy".Length', ["b", 2]),
    ('$x = "abc"; Write-Output "$x".ToUpper() "d".ToUpper()', ["ABC", "D"]),
    # a space ends the argument: the member is a second argument, a bareword
    ('Write-Output "a" .ToUpper', ["a", ".ToUpper"]),
    # parentheses and sub-expressions go on with their members too, calls chained after a call included
    ('Write-Output ("abc").ToUpper().Length', [3]),
    ("Write-Output @(1,2,3).Count $(1,2).Count", [3, 2]),
])
def test_an_argument_that_starts_with_a_value_takes_its_member_access(st, script, expected):
    assert out(st, script) == expected


# -- escapes and line continuation (about_Special_Characters, about_Parsing, 5.1) ----------------------------

def test_the_escape_sequences_of_5_1(st):
    # `0 `a `b `f `n `r `t `v; any other escaped character is itself: `e and `u{} came with PowerShell 6
    assert out(st, '"`0`a`b`f`n`r`t`v|`x`$`"|`e|a`u{41}"') == ["\0\a\b\f\n\r\t\v|x$\"|e|au{41}"]


@pytest.mark.parametrize("script, expected", [
    # in a bareword argument the backtick escapes the next character (ScanGenericToken)
    ("Write-Output `&Get-ChildItem", ["&Get-ChildItem"]),
    ("Write-Output a` b", ["a b"]),
    ("Write-Output ab`nc `$x `'q `#no", ["ab\nc", "$x", "'q", "#no"]),
    ("function f { $args.Count }; f 1` 2 3", [2]),
    # a backtick that starts a token and is followed by whitespace is whitespace
    ("Write-Output `  x", ["x"]),
])
def test_escapes_in_bareword_arguments(st, script, expected):
    assert out(st, script) == expected


@pytest.mark.parametrize("script", [
    "'Hello' + `\n    ' world'",
    "'Hello' + `\r' world'",                         # a lone CR ends a line (old Mac line endings)
    "'Hello' + ` \t\f\v\u00a0\n    ' world'",         # whitespace after the backtick: the line ends after `+`
    "'Hello' + ` # a comment after whitespace\n    ' world'",
    "'Hello' + `\n# a comment line\n    ' world'",
])
def test_a_line_continues_after_an_operator_or_a_backtick(st, script):
    assert out(st, script) == ["Hello world"]


@pytest.mark.parametrize("script", ["'Hello' + `# not a comment\n    ' world'", "'Hello' + ``\n    ' world'"])
def test_an_escaped_character_after_an_operator_is_no_value(script):
    err = parse_error(script)
    assert (err.error_id, err.text, err.line, err.column) == (
        "ExpectedValueExpression", "You must provide a value expression following the '+' operator.", 1, 10)


# -- labels and variable names -------------------------------------------------------------------------------

def test_a_label_before_no_loop_is_a_command_name(st):
    # about_Break / Parser.LabeledStatementRule: only switch, foreach, for, while and do take a label
    r = ps(st, ":foo if ($x -eq 3) { 1 }")
    assert "The term ':foo' is not recognized as the name of a cmdlet" in r.error_text
    assert "CommandNotFoundException" in r.error_text
    assert out(st, ":foo foreach ($i in 1, 2) { $i; break foo }") == [1]


def test_the_variable_drive_and_colons_in_a_variable_name(st):
    # about_Variable_Provider: $Variable:x is the variable x; the tokenizer keeps every further ':name' in the name
    assert out(st, "$variable:x = 1; $x; $y = 2; $Variable:y") == [1, 2]
    assert out(st, "$Variable:vtbl1:vtbl2:b = @(5, 6); $Variable:vtbl1:vtbl2:b") == [5, 6]


# -- incomplete and wrong statements: 5.1's error IDs, texts and positions (Parser.cs of 5.1) -----------------

TRAP = "The 'trap' statement was incomplete. A trap statement requires a body."
SWITCH_VALUE = "A switch statement must have one of the following:  '-file file_name' or '( expression )'."


@pytest.mark.parametrize("text, error_id, message, column", [
    ("trap", "MissingTrapStatement", TRAP, 5),
    ("trap [int]", "MissingTrapStatement", TRAP, 11),
    ("try {}", "MissingCatchOrFinally", "The Try statement is missing its Catch or Finally block.", 7),
    ("try {} catch", "MissingCatchHandlerBlock", "The Catch block is missing its statement block.", 13),
    ("try {} catch [int]", "MissingCatchHandlerBlock", "The Catch block is missing its statement block.", 19),
    ("try {} catch {} finally", "MissingFinallyStatementBlock", "The Finally block is missing its statement block.", 24),
    ("switch", "PipelineValueRequired", SWITCH_VALUE, 7),
    ("switch (", "PipelineValueRequired", SWITCH_VALUE, 9),
    ("switch -file", "MissingFilenameOption",
     "Cannot process the 'switch' statement because of a missing file name argument to the -file option.", 13),
    ('switch ("abc")  {', "MissingSwitchConditionExpression", "Missing condition in switch statement clause.", 18),
    ('switch ("abc")  { 1 }', "MissingSwitchStatementClause", "Missing statement block in switch statement clause.", 20),
    ("switch (1) {default {} default {}}", "MultipleSwitchDefaultClauses",
     "A switch statement can have only one default clause.", 24),
    ("function foo(", "MissingEndParenthesisInFunctionParameterList", "Missing ')' in function parameter list.", 14),
    ("function f { param($a,[int]$A) }", "DuplicateFormalParameter", "Duplicate parameter $A in parameter list.", 28),
    ("function f($a,[int]$a){}", "DuplicateFormalParameter", "Duplicate parameter $a in parameter list.", 20),
    ("foreach ($a into", "MissingInInForeach", "Missing 'in' after variable in foreach loop.", 12),
    ("begin", "MissingNamedStatementBlock", "Missing statement block after 'begin'.", 6),
    ("begin process {}", "MissingNamedStatementBlock", "Missing statement block after 'begin'.", 6),
    ("gcm -a:", "ParameterRequiresArgument", "Parameter -a: requires an argument.", 8),
    ("gcm ,", "MissingArgument", "Missing argument in parameter list.", 5),
    ("gps|", "EmptyPipeElement", "An empty pipe element is not allowed.", 5),
    ("gps| |foreach name", "EmptyPipeElement", "An empty pipe element is not allowed.", 5),
    ("|gps", "EmptyPipeElement", "An empty pipe element is not allowed.", 1),
    ("$a=", "ExpectedValueExpression", "You must provide a value expression following the '=' operator.", 4),
    ("   )", "UnexpectedToken", "Unexpected token ')' in expression or statement.", 4),
    # a missing '}' at its '{' (Parser.StatementBlockRule); a hashtable's after its last entry (5.1's HashExpressionRule)
    ("function foo { function bar { if (1) {} }", "MissingEndCurlyBrace",
     "Missing closing '}' in statement block or type definition.", 14),
    ("@{ a=1;b=2;c=3;", "IncompleteHashLiteral", "The hash literal was incomplete.", 15),
    ("data -s & {}", "MissingValueForSupportedCommandInDataSectionStatement",
     "The SupportedCommand parameter of the Data section is missing a value. Supply a cmdlet or function name to the "
     "parameter.", 8),
    ("data -sup a,b", "MissingStatementBlockForDataSection", "The Data section is missing its statement block.", 14),
])
def test_the_parse_errors_of_5_1(text, error_id, message, column):
    err = parse_error(text)
    assert (err.error_id, err.text, err.column) == (error_id, message, column)


@pytest.mark.parametrize("text, incomplete", [
    ("try {}", True), ("@{ a=1", True), ("begin", True), ("switch (1) {default {} default {}}", False),
    ("function f($a,$a){}", False),
    # an error 5.1 reports with ReportIncompleteInput is incomplete only when nothing but whitespace and comments follows
    ("1 +", True), ("1 + # a comment", True), ("1 +; 2", False), ("gps |", True), ("gcm ,", False),
])
def test_incomplete_input_is_an_incomplete_parse_exception(st, text, incomplete):
    # the engine raises IncompleteParseException for an error at the end of the input (ParseError.IncompleteInput)
    script = f"try {{ [scriptblock]::Create('{text}') }} catch {{ $_.Exception.InnerException.GetType().Name }}"
    assert out(st, script) == ["IncompleteParseException" if incomplete else "ParseException"]


def test_named_blocks_still_run(st):
    assert out(st, 'begin { "b" } process { "p" } end { "e" }') == ["b", "p", "e"]


# -- here-strings (about_Quoting_Rules, 5.1; tokenizer.cs ScanHereString*) -----------------------------------

def test_here_strings(st):
    script = '$a = @"   \nline $(1+1) "quoted"\n"@\n$b = @\'\nx\'y $z\n\'@\n$c = @"\n"@\n$a; $b; "[$c]"'
    # whitespace after the header is no part of the string; a here-string with no line is the empty string
    assert out(st, script) == ['line 2 "quoted"', "x'y $z", "[]"]


@pytest.mark.parametrize("text, error_id, message, line, column, incomplete", [
    ('$x = @" x\na\n"@', "UnexpectedCharactersAfterHereStringHeader",
     "No characters are allowed after a here-string header but before the end of the line.", 1, 9, False),
    ('@""@', "UnexpectedCharactersAfterHereStringHeader",
     "No characters are allowed after a here-string header but before the end of the line.", 1, 3, False),
    ('$x = @"\na\n  "@', "WhitespaceBeforeHereStringFooter", "White space is not allowed before the string terminator.",
     3, 3, True),
    ('$x = @"\na', "TerminatorExpectedAtEndOfString", 'The string is missing the terminator: "@.', 1, 6, True),
])
def test_here_string_errors(text, error_id, message, line, column, incomplete):
    err = parse_error(text)
    assert (err.error_id, err.text, err.line, err.column, err.incomplete_input) == (error_id, message, line, column, incomplete)


@pytest.mark.parametrize("text, error_id, message, column", [
    ("[ref][ref]$x", "ReferenceNeedsToBeByItselfInTypeSequence", "Cannot have two occurrences of [ref] in a type sequence.", 6),
    ("[int][ref]$x", "ReferenceNeedsToBeLastTypeInTypeConversion",
     "[ref] can only be the final type in type conversion sequence.", 6),
    ("[int][ref]$x = 42", "ReferenceNeedsToBeByItselfInTypeConstraint",
     "Cannot use [ref] with other types in a type constraint.", 6),
    ("@a", "SplattingNotPermitted", "The splatting operator '@' cannot be used to reference variables in an expression. "
     "'@a' can be used only as an argument to a command. To reference variables in an expression use '$a'.", 1),
    ("foreach (@a in $b) {}", "SplattingNotPermitted", "The splatting operator '@' cannot be used to reference variables in "
     "an expression. '@a' can be used only as an argument to a command. To reference variables in an expression use '$a'.", 10),
])
def test_semantic_parse_errors(text, error_id, message, column):
    err = parse_error(text)
    assert (err.error_id, err.text, err.column) == (error_id, message, column)


def test_ref_last_and_splatting_as_an_argument_still_run(st):
    assert out(st, "$v = 1; ([ref][int]$v).Value; $h = @{ InputObject = 'x' }; Write-Output @h") == [1, "x"]


@pytest.mark.parametrize("script, expected", [
    # a quoted part inside a bareword argument is part of it (ScanGenericToken)
    ('Write-Output a"b c"d', ["ab cd"]),
    ("$y = 5; Write-Output x'$y' x\"$y\"", ["x$y", "x5"]),
    ('$p = "x"; Write-Output pre"$p"post', ["prexpost"]),
    ('Write-Output C:\\"Program Files"\\x', ["C:\\Program Files\\x"]),
    # a string argument ends at its closing quote: what follows at once is the next argument
    ('Write-Output "a"b', ["a", "b"]),
    ("Write-Output 'q'r", ["q", "r"]),
])
def test_quotes_in_bareword_arguments(st, script, expected):
    assert out(st, script) == expected


# -- code made at run time -------------------------------------------------------------------------------------

def test_new_script_block_of_execution_context(st):
    assert out(st, '$sb = $ExecutionContext.InvokeCommand.NewScriptBlock("1 + 1"); & $sb') == [2]
    script = """foreach ($t in '1 +; 2', 'if (') {
    try { $ExecutionContext.InvokeCommand.NewScriptBlock($t) }
    catch { $_.FullyQualifiedErrorId; $_.Exception.InnerException.GetType().Name }
}"""
    assert out(st, script) == ["ParseException", "ParseException", "IncompleteParseException", "IncompleteParseException"]


def test_what_execution_context_does_not_model_is_refused(st):
    for script in ("$ExecutionContext.SessionState", "$ExecutionContext.InvokeCommand.ExpandString('x')"):
        r = ps(st, script)
        assert "not emulated" in r.error_text, script


# -- numeric literals (about_Numeric_Literals, 5.1: the suffixes are l, d and kb..pb) ---------------------------

@pytest.mark.parametrize("literal", ["16p", "1_6", "0b101", "10y", "1uykb", "0xFFFFy", "0x10us", "1kbl"])
def test_a_number_with_a_suffix_5_1_lacks_is_a_command_name(st, literal):
    r = ps(st, literal)
    assert f"The term '{literal}' is not recognized as the name of a cmdlet" in r.error_text


def test_such_a_number_is_a_string_argument(st):
    assert out(st, "Write-Output 0x10y 10y 0x10 0x10l") == ["0x10y", "10y", 16, 16]


def test_switch_flags_take_prefixes(st):
    # Parser.SwitchStatementRule reads any prefix of -Regex, -Wildcard, -Exact, -CaseSensitive, -File
    script = 'switch -r ("abc") { "^a" { "r" } }; switch -w ("abc") { "a*" { "w" } }; switch -c ("A") { "a" { "c" } default { "d" } }'
    assert out(st, script) == ["r", "w", "d"]
    err = parse_error('switch -regex -zz ("A") { "a" { } }')
    assert (err.error_id, err.text, err.column) == ("InvalidSwitchFlag", "The parameter zz is not valid for the switch statement.", 15)


def test_hashtable_entries_are_no_command_arguments(st):
    # a string after `Name =` in a hashtable literal stays a string (no bareword rules apply there)
    script = "$t = @(\n  @{\n  Name ='first';\n  Script = 'x'},\n  @{ Name = \"a\"; N2 ='b' })\n$t[0].Name; $t[1].N2"
    assert out(st, script) == ["first", "b"]


@pytest.mark.parametrize("text, error_id, column", [
    ("switch ()", "PipelineValueRequired", 9),
    ("try {} catch [int],", "MissingTypeLiteralToken", 20),
    ("function foo {param(}", "MissingEndParenthesisInFunctionParameterList", 21),
    # a string at the end is a value: these are not "nothing after the operator / comma"
    ("Write-Output 'a',", "MissingExpression", 18),
    (") $a = 'x'", "UnexpectedToken", 1),
    ("1 + # a comment is nothing", "ExpectedValueExpression", 4),
    ("gps |  # a comment is nothing", "EmptyPipeElement", 6),
])
def test_more_parse_errors_of_5_1(text, error_id, column):
    err = parse_error(text)
    assert (err.error_id, err.column) == (error_id, column)


def test_script_block_properties(st):
    assert out(st, "$sb = { param($a) 1 }; $sb.IsFilter; $sb.IsConfiguration; $null -eq $sb.Module") == [False, False, True]
    for name in ("Ast", "Attributes", "File", "StartPosition"):
        r = ps(st, f"{{ 1 }}.{name}")
        assert "not emulated" in r.error_text, name


@pytest.mark.parametrize("text, error_id, message, column", [
    ("1 2", "UnexpectedToken", "Unexpected token '2' in expression or statement.", 3),
    ('"a" "b"', "UnexpectedToken", "Unexpected token '\"b\"' in expression or statement.", 5),
    ("$x = )", "ExpectedValueExpression", "You must provide a value expression following the '=' operator.", 5),
    ("1 +* 2", "ExpectedValueExpression", "You must provide a value expression following the '+' operator.", 4),
    ("$x.", "MissingPropertyName", "Missing property name after reference operator.", 4),
    ("$x[]", "MissingArrayIndexExpression", "Array index expression is missing or not valid.", 4),
    ("-not", "MissingExpressionAfterOperator", "Missing expression after unary operator '-not'.", 5),
    ("!", "MissingExpressionAfterOperator", "Missing expression after unary operator '!'.", 2),
    ("function { }", "MissingNameAfterKeyword", "Missing name after function keyword.", 9),
    ('if "true" { 1 } else { 2 }', "MissingOpenParenthesisInIfStatement", "Missing '(' after 'if' in if statement.", 3),
    ('if ("true"  { 1 };', "MissingEndParenthesisAfterStatement", "Missing closing ')' after expression in 'if' statement.", 11),
])
def test_errors_inside_expressions_and_statements(text, error_id, message, column):
    err = parse_error(text)
    assert (err.error_id, err.text, err.column) == (error_id, message, column)


# about_Parsing (5.1), "Examples": the same tokens in expression and argument mode ($a is 4)
@pytest.mark.parametrize("script, expected", [
    ("Write-Output 2+2", ["2+2"]), ("Write-Output(2+2)", [4]), ("Write-Output $a+2", ["4+2"]),
    ("Write-Output $-", ["$-"]), ("Write-Output a$a", ["a4"]), ("Write-Output a'$a'", ["a$a"]),
    ('Write-Output a"$a"', ["a4"]), ("Write-Output a$(2)", ["a2"]), ("Write-Output !1", ["!1"]),
    ("Write-Output (!1)", [False]),
])
def test_about_parsing_argument_mode_examples(st, script, expected):
    assert out(st, "$a = 4; " + script) == expected


@pytest.mark.parametrize("script, name", [
    ("`2", "2"), ("$-", "$-"), ("a$a", "a$a"), ("a'$a'", "a$a"), ('a"$a"', "a$a"), ("a$(2)", "a$(2)"),
])
def test_about_parsing_expression_mode_command_names(st, script, name):
    # a command name is not expanded: these are commands of these names, which do not exist
    r = ps(st, "$a = 4; " + script)
    assert f"The term '{name}' is not recognized as the name of a cmdlet" in r.error_text


def test_statement_start_rules_leave_hashtables_and_attributes_alone(st):
    script = """function f { param([Parameter(ParameterSetName='set1')] $a) $a }
$h = @{ a = "x"; expected='y' }
f 1; $h.expected"""
    assert out(st, script) == [1, "y"]


@pytest.mark.parametrize("text, column", [("$a,$b += 1,2", 1), ("1 = 2", 1), ('"x" = 3', 1), ("$a.Foo() = 1", 1),
                                          ("$a, 1 = 1,2", 5)])
def test_an_assignment_to_what_takes_none_is_invalid_left_hand_side(text, column):
    err = parse_error(text)
    assert (err.error_id, err.column) == ("InvalidLeftHandSide", column)
    assert err.text.startswith("The assignment expression is not valid.")


def test_clean_is_no_keyword_in_5_1(st):
    # the clean block came with PowerShell 7.3: in 5.1 `Clean-State` first in a block is a command
    assert out(st, 'function Clean-State { "cleaned" }; & { Clean-State }; $f = { clean-state; "x" }; & $f') == \
        ["cleaned", "cleaned", "x"]


def test_a_braced_variable_followed_by_more_is_one_argument(st):
    # tokenizer.cs ScanVariable: in command mode `${a}:${b}` is rescanned as one generic token
    assert out(st, '$a = "x"; $b = "y"; Write-Output ${a}:${b} ${a}.Length ${a}-z') == ["x:y", 1, "x-z"]


def test_a_statement_starting_with_a_dash_word_is_a_command(st):
    # in command mode `-eq` is a parameter token, which Parser.CommandRule takes as the command's name
    r = ps(st, "( -eq 3)")
    assert "The term '-eq' is not recognized as the name of a cmdlet" in r.error_text
    assert out(st, "-not $true; $x = 1; ($x -eq 1)") == [False, True]
