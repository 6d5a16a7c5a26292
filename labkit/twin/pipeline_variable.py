"""The -PipelineVariable common parameter of a cmdlet.

about_CommonParameters (5.1), -PipelineVariable:
https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_commonparameters?view=powershell-5.1
the variable of that name in the scope the pipeline runs in is cleared before the
pipeline runs, holds each object the command passes to the next one from the moment
it passes it, and is cleared again when the pipeline ends (``Get-Variable`` still
lists it, without a value, in the page's example).
"""

from __future__ import annotations

from typing import Any, Iterator

from labkit.twin.values import to_string


class PipelineVariable:
    """The command's output, each object stored in the variable as it goes on."""

    def __init__(self, scope: Any, name: Any, output: Iterator[Any]):
        self.scope = scope
        self.name = to_string(name).lower()
        self.output = output
        scope.vars[self.name] = None

    def __iter__(self) -> "PipelineVariable":
        return self

    def __next__(self) -> Any:
        item = next(self.output)
        self.scope.vars[self.name] = item
        return item

    def close(self) -> None:
        """The command stops (a later Select-Object has its objects): the variable keeps its last value meanwhile."""
        close = getattr(self.output, "close", None)
        if close is not None:
            close()

    def pipeline_ended(self) -> None:
        """The pipeline ended (labkit.twin.pipeline_stream.run): the variable goes out of use."""
        self.scope.vars[self.name] = None
