"""Arguments reach PowerShell safely.  Hostile values go through the text the
WinRM backend sends (`invocation()`), are parsed by the twin, and each is
seen to arrive as one literal argument, equal to the value, running nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from labkit.backends.base import invocation, ps_literal
from labkit.backends.twin import TwinBackend
from labkit.lab import Lab
from labkit.twin import syntax as S
from labkit.twin.parser import parse
from labkit.twin.session import load_world, reset, run_script

ECHO = "param([string]$Value)\n$Value"

HOSTILE = [
    "O'Brien",
    "'; Restart-Computer -Force; '",
    '"; Restart-Computer -Force; "',
    "$(Restart-Computer -Force)",
    "`$(Restart-Computer -Force)`n",
    "line one\nline two\r\n'; Restart-Computer -Force #",
    "\u2018curly\u2019 quotes \u201a\u201b; Restart-Computer -Force; \u2019",
    "Ünïcødé ✓ 日本語 🚀",
    "$env:COMPUTERNAME",
    "@(Restart-Computer)",
    "# not a comment",
    "} ; Restart-Computer -Force ; & {",
    "",
]


@pytest.fixture(scope="module")
def state(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("quoting")
    reset(path)
    return path


def _invocation_arguments(text: str) -> list[object]:
    script = parse(text)
    (pipeline,) = script.body.statements
    (command,) = pipeline.stages
    assert isinstance(command, S.Command) and command.invoke_op == "&"
    return command.elements


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_each_value_is_one_literal_argument_in_the_parse(value: str) -> None:
    elements = _invocation_arguments(invocation(ECHO, {"Value": value}))
    assert len(elements) == 2
    name, argument = elements
    assert isinstance(name, S.CmdParam) and name.name == "Value"
    assert isinstance(argument, S.Const) and argument.value == value


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_each_value_runs_nothing_and_comes_back_unchanged(value: str, state: Path) -> None:
    before = load_world(state).to_doc()
    result = run_script(invocation(ECHO, {"Value": value}), host="CLUSTERNODE-1", state_dir=state)
    assert result.ok, result.errors
    assert result.output == ([value] if value else [""])
    assert load_world(state).to_doc() == before, "the world changed: something ran"


def test_the_twin_backend_binds_arguments_without_building_text(state: Path) -> None:
    backend = TwinBackend(Lab.load(), state)
    for value in HOSTILE:
        r = backend.run_one("CLUSTERNODE-2", ECHO + " | ConvertTo-Json", {"Value": value})
        assert r.ok and r.data == value


def test_lists_dicts_and_switches_keep_their_shape(state: Path) -> None:
    script = "param([string[]]$Names, [hashtable]$Map, [switch]$Force)\n[pscustomobject]@{ N = $Names.Count; Last = $Names[-1]; K = $Map['k;1']; F = [bool]$Force } | ConvertTo-Json -Compress"
    text = invocation(script, {"Names": ["a'; b", "$(x)"], "Map": {"k;1": "v'"}, "Force": True})
    result = run_script(text, host="CLUSTERNODE-1", state_dir=state)
    assert result.ok, result.errors
    # 5.1's ConvertTo-Json writes ' as \u0027 (JavaScriptSerializer)
    assert result.text.strip() == '{"N":2,"Last":"$(x)","K":"v\\u0027","F":true}'
    assert json.loads(result.text) == {"N": 2, "Last": "$(x)", "K": "v'", "F": True}


def test_what_cannot_be_passed_safely_is_refused() -> None:
    with pytest.raises(ValueError, match="finite"):
        ps_literal(float("nan"))
    with pytest.raises(ValueError, match="identifier"):
        invocation(ECHO, {"Value; Restart-Computer": "x"})
    with pytest.raises(TypeError):
        ps_literal(object())


# -- an independent check: tree-sitter-pwsh's own parse of the text, token by token --------------
# (the twin's parser builds on the same grammar, but this reads the raw syntax tree, not the twin's
# compiled one: a bug in the twin's compiler cannot hide a quoting bug here.)

_TS_QUOTES = "'\u2018\u2019\u201a\u201b"   # about_Quoting_Rules: all of these are single quotes


def _ts_parser():
    import tree_sitter
    import tree_sitter_pwsh

    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_pwsh.language()))


def _leaves(node) -> list:
    return [node] if node.child_count == 0 else [leaf for c in node.children for leaf in _leaves(c)]


def _verbatim_value(token: str) -> str:
    """The value of a single-quoted string token: delimiters off, each doubled quote one quote."""
    assert token[0] in _TS_QUOTES and token[-1] in _TS_QUOTES, token
    body, out, i = token[1:-1], [], 0
    while i < len(body):
        c = body[i]
        if c in _TS_QUOTES:
            assert i + 1 < len(body) and body[i + 1] in _TS_QUOTES, f"a lone quote ends the string early: {token!r}"
            i += 1
        out.append(c)
        i += 1
    return "".join(out)


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_tree_sitter_sees_one_parameter_and_one_verbatim_string_token(value: str) -> None:
    text = invocation(ECHO, {"Value": value})
    tree = _ts_parser().parse(text.encode("utf-8"))
    assert not tree.root_node.has_error
    (statement,) = [n for n in tree.root_node.named_children[0].named_children]
    commands = [n for n in _walk(statement) if n.type == "command"]
    top = commands[0]
    (elements,) = [c for c in top.named_children if c.type == "command_elements"]
    parts = [c for c in elements.named_children if c.type != "command_argument_sep"]
    assert [p.type for p in parts][0] == "command_parameter" and parts[0].text.decode() == "-Value"
    assert len(parts) == 2, [p.type for p in parts]
    tokens = [leaf for leaf in _leaves(parts[1]) if leaf.text.strip()]
    assert [t.type for t in tokens] == ["verbatim_string_characters"], [(t.type, t.text) for t in tokens]
    assert _verbatim_value(tokens[0].text.decode("utf-8")) == value
    # and nothing in the whole invocation but the script block and this argument can run
    assert [n.type for n in commands if n.start_byte >= elements.start_byte] == []


def _walk(node):
    yield node
    for c in node.children:
        yield from _walk(c)
