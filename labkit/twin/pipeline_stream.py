"""Pipelines that stream one object at a time, as Windows PowerShell 5.1 runs them.

about_Pipelines, "One-at-a-time processing"
(https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_pipelines?view=powershell-5.1):
each object goes through the whole pipeline before the next one is produced, so
what the commands write to the host interleaves object by object.  Before any
object flows, every command's ``begin`` block runs, first to last; a command's
``process`` block runs per input object as it arrives; its ``end`` block after the
commands before it finished.  When ``Select-Object -First`` has its objects it
stops the commands before it (5.1's StopUpstreamCommandsException): they produce
nothing more and their ``end`` blocks do not run, while the commands after it go on.

The twin's pipeline is a chain of Python iterators, each stage reading the one
before it.  A cmdlet is a generator; a function or script block runs PowerShell
statements that write into an output list.  :class:`Stage` runs such a body in a
greenlet (a coroutine with its own stack) whose output list (:class:`Sink`) hands
each object to the next stage the moment it is written, and switches back when
that stage asks for more.  The interpreter's per-run state (scope, call stack,
``try`` depth ...) is swapped at each switch, so every stage runs in its own.
A stage that is last in its pipeline needs no coroutine: it writes straight into
the pipeline's output (:func:`drain`).  Closing a stage (what Select-Object does
to the one before it) throws :class:`StopUpstream` into it: ``finally`` blocks run,
nothing else does, and nothing it writes afterwards goes anywhere.
"""

from __future__ import annotations

import contextvars
import operator
import sys
import threading
from collections import deque
from typing import Any, Callable, Iterable, Iterator

from greenlet import getcurrent, greenlet

from labkit.twin.automation_null import AUTOMATION_NULL
from labkit.twin import syntax as S
from labkit.twin.callstack import HOP_FRAMES, stack_is_deep
from labkit.twin.errors import UnsupportedConstruct
from labkit.twin import enumeration
from labkit.twin.values import convert, enumerate_value

#: The interpreter's attributes that belong to one running command, swapped when the pipeline switches stage
#: (``statement_failed``, what ``$?`` reads, stays shared: the statement that runs the pipeline sees what its commands did).
_STATE = ("scope", "script_scope", "try_depth", "calls", "call_depth", "source_lines", "script_path", "capture_out",
          "error_pipe_stack")

_DONE = object()
_READY = object()
_END = object()


class StopUpstream(BaseException):
    """A later command has all it wants: this one stops (5.1's StopUpstreamCommandsException, a
    PipelineStoppedException no ``catch`` or ``trap`` of a script sees; ``finally`` blocks run)."""


def _depth() -> int:
    """Python frames under the current one, those the current stage's greenlet started under included (a greenlet
    begins a fresh frame chain but keeps its creator's recursion count)."""
    n = getattr(getcurrent(), "twin_base", 0)
    frame = sys._getframe(1)
    while frame is not None and n <= HOP_FRAMES:
        n += 1
        frame = frame.f_back
    return n


_save = operator.attrgetter(*_STATE)


def _restore(engine: Any, state: tuple[Any, ...]) -> None:
    (engine.scope, engine.script_scope, engine.try_depth, engine.calls, engine.call_depth, engine.source_lines,
     engine.script_path, engine.capture_out, engine.error_pipe_stack) = state


class Sink(list):  # type: ignore[type-arg]
    """The output list of a command running as a stage: each object written goes to the next command at once.
    ``written`` keeps them too when -OutVariable wants them."""

    def __init__(self, stage: "Stage"):
        super().__init__()
        self.stage = stage
        self.written: list[Any] | None = None

    def append(self, item: Any) -> None:
        if self.written is not None:
            self.written.append(item)
        self.stage.emit(item)

    def extend(self, items: Iterable[Any]) -> None:
        for item in items:
            self.append(item)

    def __bool__(self) -> bool:
        return bool(self.written)


Body = Callable[["Stage", list[Any]], None]


class Stage:
    """A command of a pipeline whose ``body(stage, out)`` writes into an output list; iterated, it yields each object
    as the body writes it (the body runs in a greenlet that switches back per object)."""

    def __init__(self, engine: Any, body: Body, upstream: Iterator[Any] | None, scope: Any = None):
        self.engine = engine
        self.body = body
        self.upstream = upstream
        # it runs in the state of where the pipeline was written, whichever command reads it
        state = _save(engine)
        self.created = state if scope is None else (scope,) + state[1:]
        self.sink: Sink | None = None
        self.g: greenlet | None = None
        self.state: tuple[Any, ...] | None = None
        self.consumer: Any = None
        self.pending: deque[Any] = deque()     # written while its consumer could not take it (begin, another thread)
        self.thread = 0
        self.position = (1, 1)      # $MyInvocation.PipelinePosition and PipelineLength: set by run()
        self.starting = False
        self.stopping = False
        self.done = False

    # -- the body's side ----------------------------------------------------------------------------
    def emit(self, item: Any) -> None:
        if self.stopping:
            raise StopUpstream()
        if item is AUTOMATION_NULL:
            return          # Pipe.Add: AutomationNull.Value is never written to the pipe
        self.pending.append(item)
        if self.starting or self.g is None or getcurrent() is not self.g:
            return          # the begin phase, or a fresh thread of a deep call: it waits for the next read
        self._outside(self.consumer.switch, _READY)
        if self.stopping:
            raise StopUpstream()

    def begun(self) -> None:
        """The body finished its begin phase: while the pipeline starts, the next command's begin runs now."""
        if self.starting and self.g is not None and getcurrent() is self.g:
            self._outside(self.consumer.switch, _DONE)

    def _outside(self, action: Callable[..., Any], *args: Any) -> Any:
        """``action(*args)`` runs other commands of the pipeline: a command before this one that is no stage of its own
        (a cmdlet's generator) runs here, under the pipes of where the pipeline was written, so the records it writes
        do not reach this command's -ErrorVariable / -WarningVariable lists (labkit.twin.error_pipes)."""
        engine = self.engine
        mine, engine.error_pipe_stack = engine.error_pipe_stack, self.created[8]
        try:
            return action(*args)
        finally:
            engine.error_pipe_stack = mine


    def inputs(self) -> Iterator[Any] | None:
        """The objects of the commands before this one, read as the body asks for them."""
        if self.upstream is None:
            return None
        return self._read()

    def _read(self) -> Iterator[Any]:
        self.begun()
        assert self.upstream is not None
        upstream = self.upstream
        while True:
            item = self._outside(next, upstream, _END)
            if item is _END:
                return
            if item is not AUTOMATION_NULL:
                yield item

    # -- the consumer's side ----------------------------------------------------------------------------
    def _run(self) -> Any:
        assert self.sink is not None
        self.body(self, self.sink)
        return _DONE

    def _switch_in(self, throw: BaseException | None = None) -> Any:
        engine = self.engine
        g = self.g
        assert g is not None
        if self.thread != threading.get_ident():
            # read from the fresh thread of a deep call (labkit.twin.callstack): a greenlet stays on its own thread
            raise UnsupportedConstruct("a pipeline read across the thread of a deep recursion", 0)
        caller = _save(engine)
        self.consumer = g.parent = getcurrent()
        if self.state is not None:
            _restore(engine, self.state)
        try:
            return g.switch() if throw is None else g.throw(throw)
        finally:
            self.state = _save(engine)
            _restore(engine, caller)

    def _ensure(self) -> None:
        if self.g is None:
            self.sink = Sink(self)
            self.g = greenlet(self._run)
            self.thread = threading.get_ident()
            self.g.twin_base = _depth()        # type: ignore[attr-defined]   (labkit.twin.callstack.stack_is_deep)
            self.g.gr_context = contextvars.copy_context()   # the run's limits and type names (labkit.twin.limits, types)
            # a call stack and a pipes' stack of its own
            self.state = self.created[:3] + (list(self.created[3]),) + self.created[4:8] + (list(self.created[8]),)

    def _in_created(self, action: Callable[[], Any]) -> None:
        engine = self.engine
        if engine.scope is self.created[0] and engine.script_scope is self.created[1] and \
                engine.source_lines is self.created[5]:
            action()        # read where it was written (the usual case): nothing to swap
            return
        caller = _save(engine)
        _restore(self.engine, self.created[:3] + (caller[3],) + self.created[4:])   # the caller's call stack goes on
        try:
            action()
        finally:
            _restore(self.engine, caller)

    def start(self) -> None:
        """Run the body up to its begin phase's end (the pipeline starts every command's begin, first to last)."""
        if self.g is not None or self.done or stack_is_deep():
            return
        self._ensure()
        self.starting = True
        try:
            self._switch_in()        # back at its begun(), or at its end
        except BaseException:
            self.done = True
            raise
        finally:
            self.starting = False
        if self.g is not None and self.g.dead:
            self.done = True

    def __iter__(self) -> "Stage":
        return self

    def __next__(self) -> Any:
        if self.pending:
            return self.pending.popleft()
        if self.done:
            raise StopIteration
        if self.g is None and stack_is_deep():
            # deep in recursion: this stage runs to its end first (a coroutine's stack would not fit)
            out: list[Any] = []
            self.done = True
            self._in_created(lambda: self.body(self, out))
            self.pending.extend(x for x in out if x is not AUTOMATION_NULL)
            return self.__next__()
        self._ensure()
        try:
            item = self._switch_in()
        except BaseException:
            self.done = True
            raise
        if item is _DONE:
            self.done = True
        return self.__next__()

    def drain_into(self, out: list[Any]) -> None:
        """Run as the pipeline's last command: what it writes goes straight into ``out``."""
        if self.g is not None:          # started already (its begin ran): read it to its end
            for item in self:
                out.append(item)
            return
        self.done = True
        if self.upstream is not None and stack_is_deep():
            self.upstream = iter(list(self.upstream))   # the body may continue on a fresh thread: its input ready
        self._in_created(lambda: self.body(self, _Direct(out)))

    def close(self) -> None:
        """Stop the command (the one after it has what it wants): 5.1's StopUpstreamCommandsException."""
        if self.done or self.g is None or self.g.dead:
            self.done = True
            self._close_upstream()
            return
        self.done = True
        self.stopping = True
        self.pending.clear()
        try:
            self._switch_in(StopUpstream())
        except StopUpstream:
            pass
        finally:
            self._close_upstream()

    def _close_upstream(self) -> None:
        close = getattr(self.upstream, "close", None)
        if close is not None:
            close()

    def __del__(self) -> None:
        g = self.g
        if g is not None and not g.dead and g.started and not self.done:
            try:
                self.close()
            except BaseException:  # noqa: BLE001 - a stage dropped unread has nobody to report to
                pass


class _Direct(list):  # type: ignore[type-arg]
    """The output list of a pipeline's last command: the pipeline's own, AutomationNull.Value left out."""

    def __init__(self, out: list[Any]):
        super().__init__()
        self.written: list[Any] | None = None
        # a function called in a function's last command writes straight into the outermost list (no chain of
        # wrappers as deep as the recursion), and into the -OutVariable lists of the functions it is called in
        self.keepers: list[_Direct] = []
        if isinstance(out, _Direct):
            self.keepers = out.keepers + ([out] if out.written is not None else [])
            out = out.out
        self.out = out

    def append(self, item: Any) -> None:
        if item is AUTOMATION_NULL:
            return
        if self.written is not None:
            self.written.append(item)
        for keeper in self.keepers:
            keeper.written.append(item)     # type: ignore[union-attr]
        self.out.append(item)

    def extend(self, items: Iterable[Any]) -> None:
        for item in items:
            self.append(item)

    def __bool__(self) -> bool:
        return bool(self.written)


def keep_written(out: list[Any]) -> None:
    """-OutVariable: the output list remembers what was written (Sink and _Direct forget it otherwise)."""
    if isinstance(out, (Sink, _Direct)) and out.written is None:
        out.written = []


class Link:
    """What a command reads: the output of the one before it.  Closing it (Select-Object -First has its objects) stops
    that command and then every one before it, nearest first, as 5.1's StopUpstreamCommandsException unwinds them."""

    __slots__ = ("output", "earlier")

    def __init__(self, output: Iterator[Any], earlier: list[Iterator[Any]]):
        self.output = output
        self.earlier = earlier

    def __iter__(self) -> "Link":
        return self

    def __next__(self) -> Any:
        return next(self.output)

    def close(self) -> None:
        for stage in [self.output, *reversed(self.earlier)]:
            close = getattr(stage, "close", None)
            if close is not None:
                close()


def link(upstream: Iterator[Any] | None, stages: list[Iterator[Any]]) -> Iterator[Any] | None:
    """The next command's input: ``upstream``, the output of the last of ``stages`` (or the pipeline's head)."""
    if upstream is None:
        return None
    return Link(upstream, stages[:-1])


def closing(stage: Stage) -> Iterator[Any]:
    """``stage``'s objects; when whoever reads them stops (or fails), the stage stops then, not when it is collected."""
    try:
        yield from stage
    finally:
        stage.close()


def run(stages: list[Iterator[Any]], out: list[Any]) -> None:
    """Run a pipeline whose commands are ``stages`` (each reading the one before it) into ``out``: every command's begin
    phase first to last before any object flows (PipelineProcessor.Start), then the last command read to its end.
    When a command fails, the ones before it stop there, their ``finally`` blocks running before the error goes on
    (in 5.1 the error passes up through the commands that wrote the object)."""
    try:
        for i, stage in enumerate(stages):
            if isinstance(stage, Stage):
                stage.position = (i + 1, len(stages))
        if len(stages) > 1:
            for stage in stages[:-1]:
                if isinstance(stage, Stage):
                    stage.start()
        drain(stages[-1], out)
    finally:
        for stage in reversed(stages):
            close = getattr(stage, "close", None)
            if close is not None:
                close()
        for stage in stages:
            ended = getattr(stage, "pipeline_ended", None)     # -PipelineVariable (labkit.twin.pipeline_variable)
            if ended is not None:
                ended()


def drain(stream: Iterator[Any], out: list[Any]) -> None:
    """The pipeline's output into ``out``."""
    if isinstance(stream, Stage):
        stream.drain_into(out)
        return
    for obj in stream:
        out.append(obj)


def piped(value: Any) -> Iterator[Any]:
    """What an expression at the head of a pipeline sends down it (Pipe.AddItems): an array's elements one at a time,
    AutomationNull.Value elements skipped; a dictionary's Keys or Values fail at the next step once a command of the
    pipeline changed the dictionary, as .NET's enumerator does (labkit.twin.enumeration)."""
    changed = enumeration.guard(value)
    for item in enumerate_value(value):
        if item is AUTOMATION_NULL:
            continue
        yield item
        if changed is not None:
            changed()


def written_array(engine: Any, node: Any) -> list[Any]:
    """An array literal written to a pipeline (``1, $an, 2 | ...`` or alone as a statement): its elements, those that
    hold AutomationNull.Value left out, as Pipe.AddItems slips over them (PowerShell's Pipe.cs)."""
    items = []
    for item in node.items:
        value = engine.output_value(item) if type(item) is S.Var else engine.eval(item)
        if value is not AUTOMATION_NULL:
            items.append(value)
    return items


def lazy_range(engine: Any, node: Any) -> Iterator[int]:
    """``a..b`` as the first element of a pipeline: enumerated as it is read, never built (5.1's RangeEnumerator;
    about_Operators, Range operator:
    https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_operators?view=powershell-5.1).
    The operands convert to [int] as a cast does."""
    a, b = convert(engine.eval(node.left), "int"), convert(engine.eval(node.right), "int")
    return iter(range(a, b + 1) if a <= b else range(a, b - 1, -1))
