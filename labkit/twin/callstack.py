"""How deep a twin script may call, and the fresh Python stacks deep calls run on.

Windows PowerShell 5.1 has no fixed call depth: before each call it asks .NET
whether enough stack is left (``RuntimeHelpers.EnsureSufficientExecutionStack``)
and otherwise throws ``ScriptCallDepthException``, "The script failed due to
call depth overflow." (error id ``CallDepthOverflow``, category
InvalidOperation; its ``CallDepth`` is "Always 0 - depth is not tracked as there
is no hard coded maximum"):
https://learn.microsoft.com/dotnet/api/system.management.automation.scriptcalldepthexception
and PowerShell's source, src/System.Management.Automation/engine/ExecutionContext.cs
(CheckStackDepth) and resources/GetErrorText.resx (ScriptCallDepthException).
On 5.1 a recursive script block reaches a depth of about 4,700 before that
error (https://github.com/PowerShell/PowerShell/issues/25872: 4678 and 4794 on
two runs), so the twin allows :data:`CALL_DEPTH_LIMIT` nested calls.

Python's own recursion limit (1000 frames per thread) is far below what that
needs: a PowerShell call costs the interpreter 10 to 30 Python frames, more
inside nested expressions.  So when a call finds the Python stack past
:data:`HOP_FRAMES` frames (:func:`stack_is_deep`), the interpreter continues on
a new thread (:func:`on_fresh_stack`): each thread starts with an empty Python
stack and its own recursion count, nothing process-wide
(``sys.setrecursionlimit``) changes, and shallow scripts never pay for a thread.
"""

from __future__ import annotations

import contextvars
import sys
import threading
from typing import Any, Callable

from greenlet import getcurrent

#: Nested function / script-block calls the twin allows (5.1 stops at about 4,700; see above).
CALL_DEPTH_LIMIT = 4500
#: Python frames a thread may hold before the next PowerShell call moves to a fresh stack
#: (Python allows 1000 per thread: the rest is headroom for the call's own statements).
HOP_FRAMES = 350
#: Stack of a fresh thread: room for Python's 1000 frames with C calls between them.
_STACK_BYTES = 32 * 1024 * 1024

CALL_DEPTH_MESSAGE = "The script failed due to call depth overflow."

_stack_lock = threading.Lock()


def stack_is_deep(margin: int = 0) -> bool:
    """More than HOP_FRAMES (less ``margin``) Python frames on this thread's stack (a walk in C, a few microseconds);
    a pipeline stage's greenlet counts the frames it started under too (labkit.twin.pipeline_stream)."""
    base = getattr(getcurrent(), "twin_base", 0) + margin
    if base >= HOP_FRAMES:
        return True
    try:
        sys._getframe(HOP_FRAMES - base)
    except ValueError:
        return False
    return True


def on_fresh_stack(fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)`` on a new thread with an empty stack; its result, or its exception re-raised here."""
    box: list[Any] = [None, None]
    context = contextvars.copy_context()   # the run's limits (labkit.twin.limits) go along to the new thread

    def target() -> None:
        try:
            box[0] = context.run(fn, *args)
        except BaseException as e:  # noqa: BLE001 - handed back to the calling thread as it is
            box[1] = e

    with _stack_lock:
        old = threading.stack_size(_STACK_BYTES)
        try:
            t = threading.Thread(target=target, name="twin-deep-call", daemon=True)
            t.start()
        finally:
            threading.stack_size(old)
    t.join()
    if box[1] is not None:
        raise box[1].with_traceback(None)
    return box[0]
