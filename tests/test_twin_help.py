"""Get-Help and comment-based help on the twin, as Windows PowerShell 5.1 has them.

Written from about_Comment_Based_Help (5.1): where a help comment may stand (before the function with at most
one blank line between, at the top of the body, at its end; at the top of a script unless the script's first
function claims it), its keywords, parameter help from comments in param(); from Get-Help (5.1): -Detailed,
-Full, -Examples, -Parameter, -Component / -Role / -Functionality and the error when nothing matches; and from
PowerShell's own help code at commit 237ccbd (HelpCommentsParser.cs, MamlNode.cs, Help_format_ps1xml.cs) for
the shape of the help object and its views.
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_comment_based_help?view=powershell-5.1
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_comment_based_help_keywords?view=powershell-5.1
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/get-help?view=powershell-5.1
"""

from __future__ import annotations

from pathlib import Path

from support.twin_script import out, ps

ALL_KEYWORDS = r"""
<#
.SYNOPSIS
    Adds a file name extension to a supplied name.

.DESCRIPTION
    Adds a file name extension to a supplied name.
    Takes any strings for the file name or extension.

.PARAMETER Name
    Specifies the file name.

.PARAMETER Extension
    Specifies the extension. "Txt" is the default.

.INPUTS
    None. You cannot pipe objects to Add-Extension.

.OUTPUTS
    System.String. Add-Extension returns a string with the extension or file name.

.EXAMPLE
    PS> Add-Extension -Name "File"
    File.txt

.EXAMPLE
    Add-Extension -Name "File" -Extension "doc"

.LINK
    https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_comment_based_help

.LINK
    Set-Item

.NOTES
    Mostly harmless.

.COMPONENT
    Files

.ROLE
    Operator

.FUNCTIONALITY
    Naming
#>
function Add-Extension {
    param ([string]$Name, [string]$Extension = "txt")
    $Name + "." + $Extension
}
"""


def text(st: Path, script: str) -> str:
    """What the script's output prints as (Out-String), with the console's line breaks as \\n."""
    return out(st, script + " | Out-String")[0].replace("\r\n", "\n")


# -- where the help comment stands -------------------------------------------------------------------

def test_every_keyword_lands_where_the_help_object_keeps_it(st: Path) -> None:
    got = out(st, ALL_KEYWORDS + r"""
        $h = Get-Help Add-Extension
        $h.Name; $h.Category; $h.Synopsis; $h.Details.Name; $h.Description[0].Text
        $h.Parameters.Parameter[0].Description[0].Text; $h.Parameters.Parameter[1].Description[0].Text
        $h.inputTypes.inputType.type.name; $h.returnValues.returnValue.type.name
        $h.Examples.Example.Count; $h.Examples.Example[0].Code; $h.Examples.Example[0].Introduction[0].Text
        $h.Examples.Example[0].Remarks[0].Text; $h.Examples.Example[0].Remarks.Length; $h.Examples.Example[1].Introduction[0].Text
        $h.relatedLinks.navigationLink[0].uri; $h.relatedLinks.navigationLink[1].linkText; $h.alertSet.alert[0].Text
        $h.Component; $h.Role; $h.Functionality
        """)
    assert got == [
        "Add-Extension", "Function", "Adds a file name extension to a supplied name.", "Add-Extension",
        "Adds a file name extension to a supplied name.\nTakes any strings for the file name or extension.",
        "Specifies the file name.", 'Specifies the extension. "Txt" is the default.',
        "None. You cannot pipe objects to Add-Extension.", "System.String. Add-Extension returns a string with the extension or file name.",
        2, 'Add-Extension -Name "File"', "PS>", "File.txt", 5, "PS C:\\>",
        "https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_comment_based_help", "Set-Item",
        "Mostly harmless.", "Files", "Operator", "Naming"]


def test_a_help_comment_may_stand_before_at_the_top_or_at_the_end_of_a_function(st: Path) -> None:
    got = out(st, r"""
        # .SYNOPSIS
        #    Before, with one blank line.

        function Before { }
        function Top {
            <#
            .SYNOPSIS
            At the top of the body.
            #>
            param($x)
        }
        function End {
            param($x)
            $x
            # .SYNOPSIS
            #    At the end of the body.
        }
        (Get-Help Before).Synopsis; (Get-Help Top).Synopsis; (Get-Help End).Synopsis
        """)
    assert got == ["Before, with one blank line.", "At the top of the body.", "At the end of the body."]


def test_two_blank_lines_part_a_comment_from_the_function_after_it(st: Path) -> None:
    got = out(st, r"""
        <#
        .SYNOPSIS
        Nobody's help.
        #>


        function Far { param($abc) }
        $h = Get-Help Far
        $h.Synopsis.Trim(); $h.pstypenames[0]
        """)
    assert got == ["Far [[-abc] <Object>]", "ExtendedCmdletHelpInfo"]


def test_a_comment_with_other_text_or_an_unknown_keyword_is_no_help(st: Path) -> None:
    got = out(st, r"""
        # Just a note about the function.
        # .SYNOPSIS
        #    Not help: the block has a line that is no keyword.
        function Noted { }
        # .SYNOPSYS
        #    Misspelt: an unknown keyword makes the block no help.
        function Misspelt { }
        (Get-Help Noted).Synopsis.Trim(); (Get-Help Misspelt).Synopsis.Trim()
        """)
    assert got == ["Noted", "Misspelt"]


def test_windows_line_breaks_in_help_comments(st: Path) -> None:
    got = out(st, "# .SYNOPSIS\r\n#    Crlf help.\r\n# .DESCRIPTION\r\n#    Two\r\n#    lines.\r\nfunction Crlf { }\r\n"
                  "$h = Get-Help Crlf; $h.Synopsis; $h.Description[0].Text")
    assert got == ["Crlf help.", "Two\nlines."]


def test_a_filter_is_help_category_filter(st: Path) -> None:
    assert out(st, "filter Double { $_ * 2 }\n(Get-Help Double).Category") == ["Filter"]


def test_an_empty_synopsis_is_an_empty_string(st: Path) -> None:
    assert out(st, "<#\n.DESCRIPTION\n  d\n.SYNOPSIS\n\n.COMPONENT\n  c\n#>\nfunction Empty { }\n(Get-Help Empty).Synopsis") == [""]


def test_parameter_help_from_comments_in_param(st: Path) -> None:
    got = out(st, r"""
        function Documented {
            # .SYNOPSIS
            #    Parameters described in param().
            param(
                # The first one.
                [string]$First,
                [int]
                # The second one.
                $Second,
                <# The third one. #> $Third
            )
        }
        (Get-Help Documented -Detailed).Parameters.Parameter | ForEach-Object { $_.Name + ': ' + $_.Description[0].Text.Trim() }
        """)
    assert got == ["First: The first one.", "Second: The second one.", "Third: The third one."]


def test_the_parameter_objects_say_what_the_parameters_are(st: Path) -> None:
    got = out(st, r"""
        function Typed {
            <#
            .SYNOPSIS
            Typed parameters.
            #>
            param([Parameter(Mandatory=$true, ValueFromPipeline=$true)][string]$Name, [SupportsWildcards()]$Pattern,
                  [switch]$Force, $Count = 42)
        }
        $p = (Get-Help Typed).Parameters.Parameter
        $p[0].required; $p[0].position; $p[0].pipelineInput; $p[0].type.name; $p[0].parameterValue; $p[0].parameterValue.required
        $p[1].globbing; $p[1].type.name; $p[2].position; $p[2].parameterValue.required; $p[3].defaultValue
        """)
    assert got == ["true", "1", "true (ByValue)", "String", "String", "true", "true", "Object", "named", "false", "42"]


def test_parameter_sets_make_one_syntax_item_each(st: Path) -> None:
    got = out(st, r"""
        function Sets {
            # .SYNOPSIS
            #    Two ways.
            [CmdletBinding(DefaultParameterSetName="Live")]
            param([Parameter(ParameterSetName="Live", Mandatory=$true)]$live,
                  [Parameter(ParameterSetName="Test", Mandatory=$true)]$test)
        }
        $h = Get-Help Sets
        $h.syntax.syntaxItem.Count; $h.syntax.syntaxItem[0].parameter.name; $h.syntax.syntaxItem[0].parameter.required
        $h.parameters.parameter.Count
        """)
    assert got == [2, "live", "true", 2]


def test_a_script_block_made_a_function_keeps_only_the_help_before_its_closing_brace() -> None:
    # 5.1 starts the scan of a script block at the token before its '{' (HelpCommentsParser.GetHelpCommentTokens,
    # fixed only in PowerShell 6.2 by PowerShell/PowerShell#8238), so a help comment at its top is not found
    from labkit.twin.comment_help import find_help
    from labkit.twin.parser import parse

    script = parse("$top = {\n    # .SYNOPSIS\n    #    At the top.\n    process { }\n}\n"
                   "$end = {\n    process { }\n    # .SYNOPSIS\n    #    At the end.\n}\n")
    top, end = (st.value.stages[0].script for st in script.body.statements)
    assert find_help(top.source) is None
    found = find_help(end.source)
    assert found is not None and found.synopsis == "At the end.\n"


# -- scripts -------------------------------------------------------------------------------------------

def test_script_help_and_the_first_function_rule(st: Path) -> None:
    got = out(st, r"""
        Set-Content C:\Users\Administrator\help-script.ps1 "<#`n.SYNOPSIS`n    Script help.`n#>`n`n`n<#`n.SYNOPSIS`n    Function help.`n#>`nfunction Inner {}`n"
        Set-Content C:\Users\Administrator\function-claims.ps1 "# .SYNOPSIS`n#    Function help, not script help`nfunction foo {}`n"
        $h = Get-Help C:\Users\Administrator\help-script.ps1
        $h.Synopsis; $h.Category; $h.Name
        $f = Get-Help C:\Users\Administrator\function-claims.ps1
        $f.Synopsis.Trim(); $f.Category
        """)
    assert got == ["Script help.", "ExternalScript", r"C:\Users\Administrator\help-script.ps1",
                   r"C:\Users\Administrator\function-claims.ps1", "ExternalScript"]
    r = ps(st, r"Get-Help C:\Users\Administrator\none.ps1 -ErrorAction SilentlyContinue -ErrorVariable e; $e[0].FullyQualifiedErrorId")
    assert r.output == ["HelpNotFound,Microsoft.PowerShell.Commands.GetHelpCommand"]


# -- views --------------------------------------------------------------------------------------------

def test_the_default_view_of_comment_help(st: Path) -> None:
    got = text(st, "# .SYNOPSIS\n#    Says hello.\n# .DESCRIPTION\n#    Writes hello.\nfunction Hello { param($Name) }\nGet-Help Hello")
    assert got.splitlines() == [
        "", "NAME", "    Hello", "    ", "SYNOPSIS", "    Says hello.", "    ", "    ",
        "SYNTAX", "    Hello [[-Name] <Object>] [<CommonParameters>]", "    ", "    ",
        "DESCRIPTION", "    Writes hello.", "    ", "", "RELATED LINKS", "",
        "REMARKS", '    To see the examples, type: "get-help Hello -examples".',
        '    For more information, type: "get-help Hello -detailed".',
        '    For technical information, type: "get-help Hello -full".', "", "", ""]


def test_detailed_full_and_examples_views(st: Path) -> None:
    script = ALL_KEYWORDS + "\n"
    detailed = text(st, script + "Get-Help Add-Extension -Detailed")
    assert "PARAMETERS\n    -Name <String>\n        Specifies the file name.\n" in detailed
    assert "    -------------------------- EXAMPLE 1 --------------------------\n    \n    PS>Add-Extension -Name \"File\"\n" in detailed
    assert "Required?" not in detailed
    full = text(st, script + "Get-Help Add-Extension -Full")
    assert "        Required?                    false\n        Position?                    2\n        Default value                txt\n" in full
    assert "\nINPUTS\n    None. You cannot pipe objects to Add-Extension.\n" in full and "\nNOTES\n" in full
    assert "    <CommonParameters>\n        This cmdlet supports the common parameters: Verbose, Debug," in full
    examples = text(st, script + "Get-Help Add-Extension -Examples")
    assert "EXAMPLE 2" in examples and "PARAMETERS" not in examples and "SYNTAX" not in examples
    assert out(st, script + "(Get-Help Add-Extension -Full).pstypenames[0]") == ["MamlCommandHelpInfo#FullView"]


def test_the_parts_of_the_help_object_print_with_their_own_views(st: Path) -> None:
    script = ALL_KEYWORDS + "\n$h = Get-Help Add-Extension\n"
    assert text(st, script + "$h.Description").splitlines()[1:3] == [
        "Adds a file name extension to a supplied name.", "Takes any strings for the file name or extension."]
    assert text(st, script + "$h.alertSet").splitlines()[1:4] == ["", "", "    Mostly harmless."]
    assert text(st, script + "$h.Examples.Example[1]").splitlines()[1:4] == [
        "-------------------------- EXAMPLE 2 --------------------------", "", 'PS C:\\>Add-Extension -Name "File" -Extension "doc"']
    assert text(st, script + "$h.relatedLinks").splitlines()[1:3] == [
        "https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_comment_based_help", "Set-Item "]


def test_parameter_help_and_its_error(st: Path) -> None:
    script = ALL_KEYWORDS + "\n"
    assert [p.get("name") for p in out(st, script + "Get-Help Add-Extension -Parameter *e*")] == ["Name", "Extension"]
    assert "-Extension <String>\n        Specifies the extension." in text(st, script + "Get-Help Add-Extension -Parameter Extension")
    r = ps(st, script + "Get-Help Add-Extension -Parameter Nope")
    assert r.errors[0].message == "No parameter matches criteria Nope."
    assert r.errors[0].error_id == "NoParmsFound,Microsoft.PowerShell.Commands.GetHelpCommand"


def test_component_role_and_functionality_filter(st: Path) -> None:
    script = ALL_KEYWORDS + "\n"
    assert out(st, script + "(Get-Help Add-Extension -Component Fil* -Role Operator).Name") == ["Add-Extension"]
    r = ps(st, script + "Get-Help Add-Extension -Functionality Other -ErrorAction SilentlyContinue -ErrorVariable e; $e[0].FullyQualifiedErrorId")
    assert r.output == ["HelpNotFound,Microsoft.PowerShell.Commands.GetHelpCommand"]


def test_category_keeps_the_help_of_the_categories_named(st: Path) -> None:
    script = ALL_KEYWORDS + "\n"
    assert out(st, script + "(Get-Help Add-Extension -Category Function).Name; (Get-Help Get-Process -Category Cmdlet, Alias).Name") == [
        "Add-Extension", "Get-Process"]
    r = ps(st, script + "Get-Help Add-Extension -Category Cmdlet -ErrorAction SilentlyContinue -ErrorVariable e; $e[0].FullyQualifiedErrorId")
    assert r.output == ["HelpNotFound,Microsoft.PowerShell.Commands.GetHelpCommand"]
    r = ps(st, "Get-Help Get-Process -Category Nonsense")
    assert r.errors[0].message.startswith("Cannot validate argument on parameter 'Category'. The argument \"Nonsense\" does not "
                                          "belong to the set \"Alias,Cmdlet,Provider,")


def test_question_mark_asks_for_the_help_of_cmdlets_and_of_functions_with_a_help_comment(st: Path) -> None:
    assert out(st, "function Q {\n#\n#.Synopsis\n#   A synopsis of Q.\n#\n}\n(Q -?).Synopsis") == ["A synopsis of Q."]
    assert out(st, "(Get-Service -?).Name; (gsv -Name x -?).Name") == ["Get-Service", "Get-Service"]
    # a function without a help comment is not asked for help: it runs (a simple one gets -? in $args) or fails to bind
    assert out(st, 'function Plain($a) { "ran with $args" }\nPlain -?') == ["ran with -?"]
    r = ps(st, "function Adv { [CmdletBinding()] param($a) }\nAdv -?")
    assert r.errors[0].message == "A parameter cannot be found that matches parameter name '?'."


def test_a_function_without_help_gets_the_generated_help(st: Path) -> None:
    got = text(st, "function Plain([string]$Path, [switch]$Force) { }\nGet-Help Plain")
    assert got.splitlines() == [
        "", "NAME", "    Plain", "    ", "SYNTAX", "    Plain [[-Path] <string>] [-Force]  ", "    ", "",
        "ALIASES", "    None", "    ", "", "REMARKS", "    None", "", "", ""]


def test_a_help_message_is_the_generated_help_s_parameter_description(st: Path) -> None:
    got = text(st, "function Hm { [CmdletBinding()] param([Parameter(HelpMessage='Name of the node')]$Node) }\n"
                   "Get-Help Hm -Parameter Node")
    assert got.startswith("\n-Node <Object>\n    Name of the node\n    \n    Required?                    false\n")


def test_the_help_uri_of_cmdletbinding_is_the_first_link(st: Path) -> None:
    got = out(st, "function Hu { [CmdletBinding(HelpUri='https://example.com/hu')] param() }\n"
                  "function Hc {\n<#\n.SYNOPSIS\ns\n.LINK\nGet-Item\n#>\n[CmdletBinding(HelpUri='https://example.com/hc')] param() }\n"
                  "(Get-Help Hu).relatedLinks.navigationLink.uri\n"
                  "(Get-Help Hc).relatedLinks.navigationLink | ForEach-Object { \"$($_.uri)|$($_.linkText)\" }")
    assert got == ["https://example.com/hu", "https://example.com/hc|", "|Get-Item"]
    assert "it opens https://example.com/hc in a browser" in ps(st, "function Hc { [CmdletBinding(HelpUri='https://example.com/hc')] "
                                                                "param() }\nGet-Help Hc -Online").error_text


def test_forwarded_help(st: Path) -> None:
    got = out(st, "function Fwd {\n  # .FORWARDHELPTARGETNAME Get-Process\n  # .FORWARDHELPCATEGORY Cmdlet\n}\n$h = Get-Help Fwd; $h.Name; $h.Category")
    assert got == ["Get-Process", "Cmdlet"]


# -- cmdlets and what the twin has no help for ------------------------------------------------------------

CLUSTER_TOOLS = "Install-WindowsFeature RSAT-Clustering-PowerShell | Out-Null\n"


def test_cmdlet_help_is_partial_help_from_the_signature(st: Path, tmp_path: Path) -> None:
    # a server without the FailoverClusters module has no help for its cmdlets either
    r = ps(tmp_path, "Get-Help Get-ClusterNode -ErrorAction SilentlyContinue -ErrorVariable e; $e[0].FullyQualifiedErrorId")
    assert r.output == ["HelpNotFound,Microsoft.PowerShell.Commands.GetHelpCommand"]
    h = out(st, CLUSTER_TOOLS + "Get-Help Get-ClusterNode")[0]
    assert h.get("Name") == "Get-ClusterNode" and h.get("Category") == "Cmdlet" and h.get("ModuleName") == "FailoverClusters"
    got = text(st, "Get-Help Get-ClusterNode")
    assert got.startswith("\nNAME\n    Get-ClusterNode\n    \nSYNTAX\n    Get-ClusterNode [[-Name] <StringCollection>]")
    assert "\nALIASES\n    None\n    \n\nREMARKS\n    Get-Help cannot find the Help files for this cmdlet on this computer. " \
           "It is displaying only partial help.\n        -- To download and install Help files" in got
    assert '-- To view the Help topic for this cmdlet online, type: "Get-Help Get-ClusterNode -Online" or\n           go to https://' in got


def test_cmdlet_help_views(st: Path) -> None:
    out(st, CLUSTER_TOOLS)
    detailed = text(st, "Get-Help Get-ClusterNode -Detailed")
    assert "\nPARAMETERS\n    -Cluster <string>\n    \n" in detailed and "    <CommonParameters>\n" in detailed
    param = text(st, "Get-Help Get-ClusterNode -Parameter Name")
    assert param.startswith("\n-Name <StringCollection>\n    \n    Required?                    false\n"
                            "    Position?                    0\n    Accept pipeline input?       false\n")
    examples = text(st, "Get-Help Get-ClusterNode -Examples")
    assert examples.startswith("\nNAME\n    Get-ClusterNode\n\nALIASES\n    None\n")
    assert "it opens https://learn.microsoft.com/en-us/powershell/module/failoverclusters/get-clusternode" in ps(
        st, "Get-Help Get-ClusterNode -Online").error_text
    r = ps(st, "Get-Help Get-ClusterNode -Full")
    assert "not emulated by the labkit twin" in r.error_text and "OutputType" in r.error_text


def test_a_wildcard_lists_the_matching_commands(st: Path) -> None:
    rows = out(st, "function Get-MyItem { }\nGet-Help *-*Item")
    assert [(r.get("Name"), r.get("Category")) for r in rows][:3] == [("Get-MyItem", "Function"), ("Copy-Item", "Cmdlet"),
                                                                     ("Get-ChildItem", "Cmdlet")]
    assert rows[0].type_names == ["HelpInfoShort"] and rows[1].get("ModuleName") == "Microsoft.PowerShell.Management"
    table = text(st, "Get-Help *-*Item")
    assert table.splitlines()[1].rstrip() == "Name                              Category  Module                    Synopsis"
    assert "\nGet-Item                          Cmdlet    Microsoft.PowerShell.M... " in table
    assert out(st, "(Get-Help Get-Ser*ce).Name") == ["Get-Service"], "one match is that command's help"
    assert out(st, "Get-Help *-NoSuchNoun") == []


def test_an_alias_gives_its_command_help_and_a_search_finds_the_alias_itself(st: Path) -> None:
    assert out(st, "(Get-Help where).Name; $h = Get-Help wher?; $h.Category; $h.Synopsis") == ["Where-Object", "Alias", "Where-Object"]


def test_remaining_arguments_count_as_input_in_the_generated_help(st: Path) -> None:
    # 5.1's DefaultCommandHelpObjectBuilder lists ValueFromRemainingArguments parameters as input (PowerShell 7.5 stopped)
    got = out(st, r"""
        function Invoke-InputTypeTest {
            [CmdletBinding()]
            param([Parameter(Position=0, Mandatory=$true, ValueFromPipeline=$true)][string]$a,
                  [Parameter(Position=1, ValueFromRemainingArguments=$true)][object[]]$c)
            process { "$a $c" }
        }
        (Get-Help Invoke-InputTypeTest).inputTypes.inputType.type.name.Trim().Split("`n")
        (Get-Help Invoke-InputTypeTest -Parameter c).pipelineInput
        """)
    assert got == ["System.String", "System.Object[]", "true (FromRemainingArguments)"]


def test_topics_and_names_the_twin_has_no_help_for(st: Path) -> None:
    for script, words in [("Get-Help about_Functions", "about_functions?view=powershell-5.1"),
                          ("Get-Help about_Scheduled*", "about_Scheduled_Jobs"),
                          ("function X {\n# .EXTERNALHELP X-help.xml\n}\nGet-Help X", ".EXTERNALHELP X-help.xml"),
                          ("function R {\n# .FORWARDHELPTARGETNAME Get-Process\n# .REMOTEHELPRUNSPACE session\n}\nGet-Help R",
                           ".REMOTEHELPRUNSPACE session")]:
        r = ps(st, script)
        assert r.output == [] and "not emulated by the labkit twin" in r.error_text and words in r.error_text, script
    r = ps(st, "function NoLinks { }\nGet-Help NoLinks -Online")
    assert r.errors[0].message.startswith("The online version of this Help topic cannot be displayed because the Internet address")
    for name in ("No-SuchThing", "about_NoSuchTopic"):
        r = ps(st, f"Get-Help {name} -ErrorAction SilentlyContinue -ErrorVariable e; $e[0].FullyQualifiedErrorId")
        assert r.output == ["HelpNotFound,Microsoft.PowerShell.Commands.GetHelpCommand"], name
