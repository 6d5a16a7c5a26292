"""How Get-Help's objects print: the custom-control views of Help.format.ps1xml and HelpV3.format.ps1xml.

A custom control writes text into a buffer; a new line writes the buffer out, word-wrapped to the line's width
and padded by the left indent of the frames it is in (an empty buffer is an empty line, padded too); the end of
the object writes the buffer once more (``ComplexWriter``).  The views, with their texts (HelpDisplayStrings.resx):

- ``MamlCommandHelpInfo`` (help from a comment): DefaultCommandHelp, and with -Detailed / -Full / -Examples the
  ``#DetailedView`` / ``#FullView`` / ``#ExamplesView`` ones; ``MamlCommandHelpInfo#parameter`` (-Parameter) and
  ``MamlCommandHelpInfo#syntax`` (``$help.Syntax``);
- ``ExtendedCmdletHelpInfo`` (no help content: functions without a comment, cmdlets without Update-Help):
  ReducedDefaultCommandHelp and its detailed / full / examples / parameter views.

Sources: PowerShell's ``src/System.Management.Automation/FormatAndOutput/DefaultFormatters/Help_format_ps1xml.cs``,
``HelpV3_format_ps1xml.cs``, ``FormatAndOutput/common/ComplexWriter.cs`` and ``resources/HelpDisplayStrings.resx``
at commit 237ccbd (still 5.1's):
https://github.com/PowerShell/PowerShell/blob/237ccbdf6dbfbe5a24064696d40059343d889934/src/System.Management.Automation/FormatAndOutput/DefaultFormatters/Help_format_ps1xml.cs
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Callable, Iterator, Optional

from labkit.twin.objects import PSObject
from labkit.twin.text_lines import generate_lines
from labkit.twin.values import to_string

COMMON_PARAMETERS = "<CommonParameters>"
BASE_CMDLET_INFORMATION = (
    "    This cmdlet supports the common parameters: Verbose, Debug,\n"
    "    ErrorAction, ErrorVariable, WarningAction, WarningVariable,\n"
    "    OutBuffer, PipelineVariable, and OutVariable. For more information, see\n"
    "    about_CommonParameters (https://go.microsoft.com/fwlink/?LinkID=113216). ")


class Writer:
    """ComplexWriter: a text buffer, written out at each new line with the frames' indentation."""

    def __init__(self, columns: Optional[int]):
        self.columns = columns
        self.indent = 0
        self.buffer = ""
        self.lines: list[str] = []

    def text(self, s: Any) -> None:
        if s is not None:
            self.buffer += to_string(s)

    def newline(self, n: int = 1) -> None:
        for _ in range(n):
            width = (self.columns - self.indent) if self.columns is not None else 1 << 30
            for line in generate_lines(self.buffer, max(width, 1)):
                self.lines.append(" " * self.indent + line)
            self.buffer = ""

    @contextmanager
    def frame(self, left: int = 4) -> Iterator[None]:
        self.indent += left
        try:
            yield
        finally:
            self.indent -= left

    def finish(self) -> list[str]:
        self.newline()
        return self.lines


def _get(obj: Any, name: str) -> Any:
    if isinstance(obj, PSObject):
        return obj.get(name)
    notes = getattr(obj, "notes", None)
    if notes is not None:
        return notes.get(name.lower())
    return None


def _items(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _is_para(o: Any) -> bool:
    return isinstance(o, PSObject) and "MamlParaTextItem" in o.type_names


# -- shared controls (Help_format_ps1xml.cs, sharedControls) ------------------------------------------

def short_description(w: Writer, items: Any) -> None:
    """MamlShortDescriptionControl: a para's Text and a new line; anything else a blank."""
    for o in _items(items):
        if _is_para(o):
            w.text(_get(o, "Text"))
            w.newline()
        else:
            w.text(" ")


def description(w: Writer, items: Any) -> None:
    """MamlDescriptionControl (paras; the twin's help has no lists or definition lists)."""
    short_description(w, items)


def parameter_syntax(p: Any) -> str:
    """MamlParameterControl: ``[[-Name] <Type>] `` by required and position, with a value group in braces."""
    optional = to_string(_get(p, "required")) != "true"
    position = to_string(_get(p, "position"))
    positional = position not in ("", "None") and "named" not in position.lower() and position.lstrip("-").isdigit()
    group = _get(p, "parameterValueGroup")
    if group is not None:
        value = " {" + " | ".join(to_string(v) for v in _items(_get(group, "parameterValue"))) + "}"
    elif isinstance(p, PSObject) and p.has("parameterValue"):
        value = f" <{to_string(_get(p, 'parameterValue'))}>"
    else:
        value = ""
    name = to_string(_get(p, "name"))
    if optional and positional:
        return f"[[-{name}]{value}] "
    if optional:
        return f"[-{name}{value}] "
    if positional:
        return f"[-{name}]{value} "
    return f"-{name}{value} "


def syntax_control(w: Writer, syntax: Any) -> None:
    """MamlSyntaxControl: each syntax item's name, parameters and [<CommonParameters>], then two new lines."""
    for item in _items(_get(syntax, "syntaxItem")):
        w.text(_get(item, "name"))
        w.text(" ")
        for p in _items(_get(item, "parameter")):
            w.text(parameter_syntax(p))
        w.text(f"[{COMMON_PARAMETERS}]")
        w.newline(2)


def details_control(w: Writer, details: Any) -> None:
    """MamlDetailsControl: NAME and SYNOPSIS."""
    w.text("NAME")
    w.newline()
    with w.frame():
        w.text(_get(details, "Name"))
        w.newline(2)
    w.text("SYNOPSIS")
    w.newline()
    with w.frame():
        short_description(w, _get(details, "Description"))
        w.newline(2)


def indented_syntax(w: Writer, obj: Any) -> None:
    w.text("SYNTAX")
    w.newline()
    with w.frame():
        syntax_control(w, _get(obj, "Syntax"))
        w.newline()


def indented_description(w: Writer, obj: Any) -> None:
    w.text("DESCRIPTION")
    w.newline()
    with w.frame():
        description(w, _get(obj, "description"))
        w.newline()
    w.newline()


def related_links(w: Writer, links: Any) -> None:
    """MamlRelatedLinksControl: each link's text, a blank when it has text, its address."""
    for link in _items(_get(links, "navigationLink")):
        text = _get(link, "linkText")
        w.text(text)
        if text:
            w.text(" ")
        w.text(_get(link, "uri"))
        w.newline()


def online_hint(w: Writer, obj: Any) -> None:
    """RelatedLinksHelpInfoControl: the -Online hint when the help has links."""
    links = _get(obj, "relatedLinks")
    if links is not None and _items(_get(links, "navigationLink")):
        with w.frame():
            w.text(f'    For online help, type: "get-help {to_string(_get(_get(obj, "details"), "Name"))} -online"')


def remarks(w: Writer, obj: Any) -> None:
    name = to_string(_get(_get(obj, "details"), "Name"))
    w.text("REMARKS")
    w.newline()
    with w.frame():
        w.text(f'To see the examples, type: "get-help {name} -examples".')
        w.newline()
        w.text(f'For more information, type: "get-help {name} -detailed".')
        w.newline()
        w.text(f'For technical information, type: "get-help {name} -full".')
        w.newline()
        online_hint(w, obj)


def example_control(w: Writer, example: Any) -> None:
    """MamlExampleControl: title, prompt and code, results, remarks."""
    w.text(_get(example, "Title"))
    w.newline(2)
    for intro in _items(_get(example, "Introduction")):
        w.text(_get(intro, "Text"))
    for code in _items(_get(example, "Code")):
        w.text(code)
    w.newline()
    w.text(_get(example, "results"))
    w.newline()
    short_description(w, _get(example, "remarks"))


def examples_control(w: Writer, examples: Any) -> None:
    for e in _items(_get(examples, "Example")):
        example_control(w, e)


def _true_false(value: Any) -> str:
    text = to_string(value)
    return text.lower() if text.lower() in ("true", "false") else ""


def full_parameter(w: Writer, p: Any) -> None:
    """MamlFullParameterControl: -Name <Type>, its description, Required? Position? Default value, pipeline, wildcards."""
    w.text("-")
    w.text(_get(p, "name"))
    value = _get(p, "parameterValue")
    if value is not None:
        w.text(f" [<{value}>]" if to_string(_get(value, "required")) != "true" else f" <{value}>")
    w.newline()
    with w.frame():
        description(w, _get(p, "Description"))
        w.newline()
        w.text("Required?                    ")
        w.text(_true_false(_get(p, "required")))
        w.newline()
        w.text("Position?                    ")
        position = _get(p, "position")
        w.text("Named" if position in (None, "") else position)
        w.newline()
        w.text("Default value                ")
        w.text(_get(p, "defaultValue"))
        w.newline()
        w.text("Accept pipeline input?       ")
        w.text(_get(p, "pipelineInput"))
        w.newline()
        w.text("Accept wildcard characters?  ")
        w.text(_true_false(_get(p, "globbing")))
        w.newline(2)


def parameters_full(w: Writer, obj: Any, common: bool = True) -> None:
    """zzz: every parameter in full, then <CommonParameters> and what they are."""
    for p in _items(_get(_get(obj, "Parameters"), "Parameter")):
        full_parameter(w, p)
    w.text(COMMON_PARAMETERS)
    w.newline()
    with w.frame():
        w.text(BASE_CMDLET_INFORMATION)
    w.newline(2)


def type_with_description(w: Writer, item: Any) -> None:
    """MamlTypeWithDescriptionControl."""
    t = _get(item, "type")
    for n in _items(_get(t, "name")):
        w.text(n)
    w.newline()
    with w.frame():
        short_description(w, _get(item, "description"))
    w.newline()


# -- the views -----------------------------------------------------------------------------------------

def default_view(w: Writer, obj: PSObject) -> None:
    """DefaultCommandHelp."""
    details_control(w, _get(obj, "Details"))
    indented_syntax(w, obj)
    indented_description(w, obj)
    w.text("RELATED LINKS")
    w.newline()
    with w.frame():
        related_links(w, _get(obj, "relatedLinks"))
    w.newline()
    remarks(w, obj)


def detailed_view(w: Writer, obj: PSObject) -> None:
    """VerboseCommandHelp: the parameters with descriptions only, and the examples."""
    details_control(w, _get(obj, "Details"))
    indented_syntax(w, obj)
    indented_description(w, obj)
    w.text("PARAMETERS")
    w.newline()
    with w.frame():
        for p in _items(_get(_get(obj, "Parameters"), "Parameter")):
            w.text("-")
            w.text(_get(p, "name"))
            value = _get(p, "parameterValue")
            if value is not None:
                w.text(f" [<{value}>]" if to_string(_get(value, "required")) != "true" else f" <{value}>")
            w.newline()
            with w.frame():
                short_description(w, _get(p, "Description"))
                w.newline()
        w.text(COMMON_PARAMETERS)
        w.newline()
        with w.frame():
            w.text(BASE_CMDLET_INFORMATION)
        w.newline(2)
    with w.frame():
        examples_control(w, _get(obj, "Examples"))
    remarks(w, obj)


def examples_view(w: Writer, obj: PSObject) -> None:
    """ExampleCommandHelp."""
    details_control(w, _get(obj, "Details"))
    with w.frame():
        examples_control(w, _get(obj, "Examples"))


def full_view(w: Writer, obj: PSObject) -> None:
    """FullCommandHelp."""
    details_control(w, _get(obj, "Details"))
    indented_syntax(w, obj)
    indented_description(w, obj)
    w.text("PARAMETERS")
    w.newline()
    with w.frame():
        parameters_full(w, obj)
    w.text("INPUTS")
    w.newline()
    with w.frame():
        for item in _items(_get(_get(obj, "InputTypes"), "InputType")):
            type_with_description(w, item)
        w.newline()
    w.text("OUTPUTS")
    w.newline()
    with w.frame():
        for item in _items(_get(_get(obj, "ReturnValues"), "ReturnValue")):
            type_with_description(w, item)
        w.newline()
    alerts = _get(obj, "alertSet")
    if alerts is not None:
        w.text("NOTES")
        w.newline()
        for a in _items(alerts):
            with w.frame():
                w.text(_get(a, "title"))
                w.newline(2)
                with w.frame():
                    for t in _items(_get(a, "alert")):
                        w.text(_get(t, "Text"))
                        w.newline()
                w.newline()
    with w.frame():
        examples_control(w, _get(obj, "Examples"))
        w.newline()
    w.text("RELATED LINKS")
    w.newline()
    with w.frame():
        related_links(w, _get(obj, "relatedLinks"))


def parameter_view(w: Writer, obj: PSObject) -> None:
    """MamlCommandParameterView: a parameter in full (Get-Help -Parameter)."""
    with w.frame():
        full_parameter(w, obj)


def syntax_view(w: Writer, obj: PSObject) -> None:
    """MamlCommandSyntax (``$help.Syntax``)."""
    syntax_control(w, obj)


def examples_view_of(w: Writer, obj: PSObject) -> None:
    """MamlCommandExamples (``$help.Examples``)."""
    examples_control(w, obj)


def example_view(w: Writer, obj: PSObject) -> None:
    """MamlCommandExample (``$help.Examples.Example``): blank lines after the code and the results."""
    w.text(_get(obj, "Title"))
    w.newline(2)
    for intro in _items(_get(obj, "Introduction")):
        w.text(_get(intro, "Text"))
    for code in _items(_get(obj, "Code")):
        w.text(code)
    w.newline(2)
    w.text(_get(obj, "results"))
    w.newline(2)
    short_description(w, _get(obj, "remarks"))


def parameters_view(w: Writer, obj: PSObject) -> None:
    """MamlCommandParameters (``$help.Parameters``): each parameter in full, then <CommonParameters>."""
    with w.frame():
        for p in _items(_get(obj, "Parameter")):
            full_parameter(w, p)
        w.text(COMMON_PARAMETERS)
        w.newline()
        with w.frame():
            w.text(BASE_CMDLET_INFORMATION)
        w.newline(2)


def text_view(w: Writer, obj: PSObject) -> None:
    """MamlText (a paragraph of ``$help.Description``)."""
    description(w, obj)


def types_view(w: Writer, obj: PSObject) -> None:
    """MamlInputTypes / MamlReturnTypes."""
    for item in _items(_get(obj, "InputType")) + _items(_get(obj, "ReturnValue")):
        type_with_description(w, item)


def related_links_view(w: Writer, obj: PSObject) -> None:
    """MamlRelatedLinks."""
    related_links(w, obj)


def alert_set_view(w: Writer, obj: PSObject) -> None:
    """MamlAlertSet (``$help.alertSet``)."""
    w.text(_get(obj, "title"))
    w.newline(2)
    with w.frame():
        for t in _items(_get(obj, "alert")):
            w.text(_get(t, "Text"))
            w.newline()


def details_view(w: Writer, obj: PSObject) -> None:
    """MamlDetails (``$help.Details``)."""
    details_control(w, obj)


# -- ExtendedCmdletHelpInfo (HelpV3_format_ps1xml.cs) ----------------------------------------------------

def reduced_syntax(w: Writer, syntax: Any) -> None:
    for item in _items(_get(syntax, "syntaxItem")):
        w.text(_get(item, "name"))
        w.text(" ")
        for p in _items(_get(item, "parameter")):
            w.text(parameter_syntax(p))
        w.text(" ")
        if _get(item, "CommonParameters") is True:
            w.text(f"[{COMMON_PARAMETERS}]")
        w.newline(2)


def reduced_default(w: Writer, obj: PSObject) -> None:
    """ReducedDefaultCommandHelp: NAME, SYNTAX, ALIASES, REMARKS."""
    w.text("NAME")
    w.newline()
    with w.frame():
        w.text(_get(_get(obj, "Details"), "Name"))
        w.newline(2)
    w.text("SYNTAX")
    w.newline()
    with w.frame():
        reduced_syntax(w, _get(obj, "Syntax"))
    w.newline()
    w.text("ALIASES")
    w.newline()
    with w.frame():
        w.text(_get(obj, "Aliases"))
        w.newline()
    w.newline()
    w.text("REMARKS")
    w.newline()
    with w.frame():
        w.text(_get(obj, "Remarks"))
        w.newline()


def _reduced_value(w: Writer, p: Any) -> None:
    """MamlParameterValueControl (HelpV3): `` <T>``, or `` [<T>]`` for a value that is not required."""
    value = _get(p, "ParameterValue")
    if value is None:
        return
    optional = to_string(_get(value, "required")) != "true"
    w.text(" " + ("[" if optional else "") + f"<{to_string(value)}>" + ("]" if optional else ""))


def reduced_parameter(w: Writer, p: Any) -> None:
    """The parameter control of ReducedFullCommandHelp and ReducedCommandHelpParameterView."""
    w.text("-")
    w.text(_get(p, "name"))
    _reduced_value(w, p)
    w.newline()
    with w.frame():
        description = _get(p, "description")
        if description:
            w.text(description)
        w.newline()
        w.text("Required?                    ")
        w.text(_true_false(_get(p, "required")))
        w.newline()
        w.text("Position?                    ")
        position = _get(p, "position")
        w.text("Named" if position in (None, "") else position)
        w.newline()
        w.text("Accept pipeline input?       ")
        w.text(_get(p, "pipelineInput"))
        w.newline()
        w.text("Parameter set name           ")
        w.text(_get(p, "parameterSetName"))
        w.newline()
        w.text("Aliases                      ")
        w.text(_get(p, "aliases"))
        w.newline()
        w.text("Dynamic?                     ")
        w.text(_get(p, "isDynamic"))
        w.newline(2)


def _reduced_name(w: Writer, obj: PSObject, blank: bool = True) -> None:
    w.text("NAME")
    w.newline()
    with w.frame():
        w.text(_get(_get(obj, "Details"), "Name"))
        w.newline(2 if blank else 1)


def _reduced_common(w: Writer, obj: PSObject) -> None:
    """The <CommonParameters> paragraph, or None for a command without parameters of any kind."""
    if _get(obj, "CommonParameters") is True:
        w.text(COMMON_PARAMETERS)
        w.newline()
        with w.frame():
            w.text(BASE_CMDLET_INFORMATION)
        w.newline(2)
    elif not _items(_get(_get(obj, "Parameters"), "Parameter")):
        w.text("None")
        w.newline(2)


def _aliases_and_remarks(w: Writer, obj: PSObject) -> None:
    w.text("ALIASES")
    w.newline()
    with w.frame():
        w.text(_get(obj, "Aliases"))
        w.newline()
    w.newline()
    w.text("REMARKS")
    w.newline()
    with w.frame():
        w.text(_get(obj, "Remarks"))
        w.newline()


def reduced_detailed(w: Writer, obj: PSObject) -> None:
    """ReducedVerboseCommandHelp: each parameter's name and value type only."""
    _reduced_name(w, obj)
    w.text("SYNTAX")
    w.newline()
    with w.frame():
        reduced_syntax(w, _get(obj, "Syntax"))
        w.newline()
    w.text("PARAMETERS")
    w.newline()
    with w.frame():
        for p in _items(_get(_get(obj, "Parameters"), "Parameter")):
            w.text("-")
            w.text(_get(p, "name"))
            _reduced_value(w, p)
            w.newline(2)
        _reduced_common(w, obj)
    w.newline()
    _aliases_and_remarks(w, obj)


def reduced_full(w: Writer, obj: PSObject) -> None:
    """ReducedFullCommandHelp: the parameters in full, INPUTS and OUTPUTS."""
    _reduced_name(w, obj)
    w.text("SYNTAX")
    w.newline()
    with w.frame():
        reduced_syntax(w, _get(obj, "Syntax"))
        w.newline()
    w.text("PARAMETERS")
    w.newline()
    with w.frame():
        for p in _items(_get(_get(obj, "Parameters"), "Parameter")):
            reduced_parameter(w, p)
        _reduced_common(w, obj)
        w.newline()
    for title, prop, item in (("INPUTS", "InputTypes", "InputType"), ("OUTPUTS", "ReturnValues", "ReturnValue")):
        w.text(title)
        w.newline()
        with w.frame():
            for i in _items(_get(_get(obj, prop), item)):
                for n in _items(_get(_get(i, "type"), "name")):
                    w.text(n)
                w.newline()
            w.newline()
    _aliases_and_remarks(w, obj)


def reduced_examples(w: Writer, obj: PSObject) -> None:
    """ReducedExamplesCommandHelp: a command without help has no examples: NAME, ALIASES, REMARKS."""
    _reduced_name(w, obj, blank=False)
    w.newline()
    _aliases_and_remarks(w, obj)


def reduced_parameter_view(w: Writer, obj: PSObject) -> None:
    """ReducedCommandHelpParameterView."""
    reduced_parameter(w, obj)


_VIEWS: dict[str, Callable[[Writer, PSObject], None]] = {
    "mamlcommandhelpinfo#detailedview": detailed_view,
    "mamlcommandhelpinfo#fullview": full_view,
    "mamlcommandhelpinfo#examplesview": examples_view,
    "mamlcommandhelpinfo": default_view,
    "mamlcommandhelpinfo#parameter": parameter_view,
    "mamlcommandhelpinfo#syntax": syntax_view,
    "mamlcommandhelpinfo#examples": examples_view_of,
    "mamlcommandhelpinfo#example": example_view,
    "mamlcommandhelpinfo#parameters": parameters_view,
    "mamlcommandhelpinfo#inputtypes": types_view,
    "mamlcommandhelpinfo#returnvalues": types_view,
    "mamlcommandhelpinfo#relatedlinks": related_links_view,
    "mamlcommandhelpinfo#alertset": alert_set_view,
    "mamlcommandhelpinfo#details": details_view,
    "mamlparatextitem": text_view,
    "extendedcmdlethelpinfo#detailedview": reduced_detailed,
    "extendedcmdlethelpinfo#fullview": reduced_full,
    "extendedcmdlethelpinfo#examplesview": reduced_examples,
    "extendedcmdlethelpinfo": reduced_default,
    "extendedcmdlethelpinfo#parameter": reduced_parameter_view,
}


def help_view(obj: Any) -> Optional[Callable[[Writer, PSObject], None]]:
    """The help view of ``obj`` (the first of its type names that has one), or None."""
    if not isinstance(obj, PSObject):
        return None
    for name in obj.type_names:
        view = _VIEWS.get(name.lower())
        if view is not None:
            return view
    return None


def help_lines(obj: PSObject, columns: Optional[int]) -> list[str]:
    """The lines ``obj``'s help view writes at ``columns`` wide (None: no wrapping)."""
    view = help_view(obj)
    assert view is not None
    w = Writer(columns)
    view(w, obj)
    return w.finish()
