"""A function, filter or script block as a command of a pipeline, streaming as 5.1 runs it.

about_Functions_Advanced_Methods
(https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_functions_advanced_methods?view=powershell-5.1):
``begin`` runs once before any input, ``process`` once per pipeline object as it
arrives, ``end`` once after the commands before it finished; a function without
named blocks runs as an ``end`` block, with all its input in ``$input``.
about_Automatic_Variables, ``$input``: in ``process`` it holds the current
object, in ``end`` what the ``process`` block left (all of the input when there
is none).  Everything the blocks write goes to the next command at once
(labkit.twin.pipeline_stream).
"""

from __future__ import annotations

from typing import Any, Iterator

from labkit.twin import binding as B
from labkit.twin import dotted_locals
from labkit.twin import script_binding
from labkit.twin import syntax as S
from labkit.twin import interpreter as I
from labkit.twin.callstack import stack_is_deep
from labkit.twin.error_pipes import own_list as own_error_list
from labkit.twin.errors import CmdletError
from labkit.twin.dotnet_values import ArrayList
from labkit.twin.input_enumerator import InputEnumerator as _Enumerator
from labkit.twin.members import NO_ITEM
from labkit.twin.objects import PSObject
from labkit.twin.pipeline_stream import Stage, keep_written
from labkit.twin.values import PSRuntimeError, ScriptBlock


def stream(engine: Any, block: ScriptBlock, items: list[B.Item], upstream: Iterator[Any] | None, cmd: S.Command,
           new_scope: bool, name: str) -> Stage:
    """The command's output as a stage of its pipeline; nothing runs before the pipeline reads it."""

    def body(stage: Stage, out: list[Any]) -> None:
        _run(engine, stage, out, block.script, items, cmd, new_scope, name)

    return Stage(engine, body, upstream)


def _run(engine: Any, stage: Stage, out: list[Any], script: S.Script, items: list[B.Item], cmd: S.Command,
         new_scope: bool, name: str) -> None:
    saved = engine.scope
    engine.scope = I.Scope(saved) if new_scope else saved
    dotted = None if new_scope else dotted_locals.backup(saved)   # a dot-sourced command's $args ... (labkit.twin.dotted_locals)
    try:
        inputs: Any = stage.inputs()
        first: Any = NO_ITEM
        if inputs is not None and not script.process:
            inputs = list(inputs)    # no process block: the end block (or the body) takes all the input at once
            first = inputs[0] if inputs else NO_ITEM
        # with a process block the objects bind one by one as they arrive (none has come yet)
        bound = script_binding.bind(engine, script, items, None if script.process and inputs is not None else first, name,
                                    node=cmd, expect_input=inputs is not None,
                                    defer_input=bool(script.process) and inputs is not None)
        invocation = engine.scope.vars.get("myinvocation")
        if isinstance(invocation, PSObject) and stage.position != (1, 1):
            # InvocationInfo.PipelinePosition / PipelineLength: the command's place among the pipeline's commands
            invocation.set("PipelinePosition", stage.position[0])
            invocation.set("PipelineLength", stage.position[1])
        if bound.common and "OutVariable" in bound.common:
            keep_written(out)
        if inputs is not None and not isinstance(inputs, list) and engine.call_depth >= 1 and stack_is_deep(margin=40):
            inputs = list(inputs)   # the blocks go on on a fresh thread (labkit.twin.callstack): their input read here first
        # its -ErrorVariable, -InformationVariable and -WarningVariable lists fill as the records are written, by the
        # pipe rule (labkit.twin.error_pipes); the pipes' stack is this stage's own (labkit.twin.pipeline_stream)
        own = {"Error": own_error_list(saved, bound.common), "Information": own_error_list(saved, bound.common, "InformationVariable"),
               "Warning": own_error_list(saved, bound.common, "WarningVariable")}
        engine.calls.append((name, cmd))
        try:
            with engine.error_pipes.function(cmd, own):
                engine.nested_call(cmd, _blocks, engine, stage, script, out, inputs, bound)
        except I._Return as r:
            out.extend(r.value)
        except BaseException as e:
            if bound.common and isinstance(e, (CmdletError, PSRuntimeError, I.PSError)):
                err = engine.to_pserror(I._tag(e, name, cmd), cmd)
                script_binding.set_stream_variables(saved, bound.common, getattr(out, "written", None) or [], None)
                if own["Error"] is not None:
                    engine.error_pipes.append([own["Error"]], err.record)
                raise err from None
            if isinstance(e, (CmdletError, PSRuntimeError)):
                I._tag(e, name, cmd)
            raise
        finally:
            engine.calls.pop()
        if bound.common:
            script_binding.set_stream_variables(saved, bound.common, getattr(out, "written", None) or [], None)
    except (CmdletError, PSRuntimeError) as e:
        raise I._tag(e, name, cmd) from None
    finally:
        engine.scope = saved
        if dotted is not None:
            dotted_locals.restore(saved, dotted)


def _blocks(engine: Any, stage: Stage, script: S.Script, out: list[Any], inputs: Any, bound: B.Bound) -> None:
    vars = engine.scope.vars
    if getattr(getattr(bound, "spec", None), "advanced", False):
        # an advanced function's $input is a collection, not an enumerator: an ArrayList in begin and process, an
        # object[] in end (PowerShell's AutomaticVariables.Tests, '$input Type should be arraylist and object array')
        InputEnumerator = _advanced_input   # noqa: N806
    else:
        InputEnumerator = _Enumerator       # noqa: N806
    if script.begin or script.process or script.end:
        if script.begin:
            vars["input"] = InputEnumerator()       # nothing has come down the pipeline yet
            _named_block(engine, script.begin, out)
        stage.begun()
        if script.process:
            for i, item in enumerate(inputs if inputs is not None else [None]):
                vars["_"] = item
                vars["input"] = InputEnumerator([item] if inputs is not None else [], in_process=True)
                if inputs is not None and (i > 0 or getattr(bound, "first_error", None)) \
                        and not engine._rebind(script, bound, item):
                    continue
                _named_block(engine, script.process, out)
        if script.end:
            if not script.process and inputs is not None:
                for item in inputs:     # bound object by object as 5.1 does; end sees the last one
                    engine._rebind(script, bound, item)
            vars["input"] = InputEnumerator([] if script.process else inputs or [], end=True)
            _named_block(engine, script.end, out)
        return
    stage.begun()
    if inputs is not None:
        vars["input"] = InputEnumerator(inputs, end=True)
        if len(inputs) > 1:
            engine._rebind(script, bound, inputs[-1])   # without a process block the body sees the last object bound
    else:
        vars["input"] = InputEnumerator(end=True)     # no pipeline input: $input enumerates nothing (about_Automatic_Variables)
    engine.exec_block(script.body, out)


def _advanced_input(items: Any = (), *, in_process: bool = False, end: bool = False) -> list[Any]:
    return list(items) if end else ArrayList(items)


def _named_block(engine: Any, block: S.Block, out: list[Any]) -> None:
    """One run of a begin, process or end block: ``return`` ends that run only (5.1 compiles each named block as a
    function of its own: Compiler.cs, the return label of each block), so the next object's process block and the end
    block still run."""
    try:
        engine.exec_block(block, out)
    except I._Return as r:
        out.extend(r.value)
