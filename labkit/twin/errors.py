"""Errors the twin raises.  Their messages follow PowerShell's wording where
PowerShell has one, so a student meets the same text as on Windows."""

from __future__ import annotations


class TwinError(Exception):
    """Base of every error the twin raises on purpose."""


class PSParseError(TwinError):
    """The script does not parse; names the line and column (1-based)."""

    def __init__(self, message: str, line: int, column: int, error_id: str = "ParseException", *,
                 incomplete: bool | None = None):
        self.line, self.column, self.error_id, self.text = line, column, error_id, message
        self._incomplete = incomplete
        super().__init__(f"parse error at line {line}, column {column}: {message}")

    @property
    def incomplete_input(self) -> bool:
        """Whether the script ended too early (ParseError.IncompleteInput: the engine then raises an
        IncompleteParseException, not a ParseException): as the error says, else what its ID implies
        (a missing closing token or a string without its terminator)."""
        if self._incomplete is not None:
            return self._incomplete
        return self.error_id.startswith(("Missing", "Incomplete")) or self.error_id in (
            "TerminatorExpectedAtEndOfString", "WhitespaceBeforeHereStringFooter")


class UnsupportedConstruct(TwinError):
    """A construct outside the subset the twin runs: never skipped silently."""

    def __init__(self, construct: str, line: int):
        self.construct, self.line = construct, line
        super().__init__(f"{construct} is not emulated by the twin (unsupported construct at line {line}); "
                         "run this script on a Windows lab, or write it without that construct")


class CmdletError(TwinError):
    """An error record from a cmdlet.

    Raised from an emulated cmdlet it is *terminating* for that pipeline; a
    cmdlet reports a non-terminating error with ``ctx.error(...)`` instead.
    ``category`` is a PowerShell ErrorCategory name (ObjectNotFound,
    InvalidOperation, InvalidArgument, ResourceExists, PermissionDenied,
    NotImplemented, ResourceUnavailable, ConnectionError, ...).
    """

    def __init__(self, message: str, category: str = "InvalidOperation", error_id: str = "", target: object = None,
                 exception_type: str = ""):
        self.category, self.error_id, self.target = category, error_id, target
        # the .NET exception Windows raises here (default: the cmdlet's module's, see error_types)
        self.exception_type = exception_type
        super().__init__(message)


class NotEmulated(CmdletError):
    """A real parameter (or value) of a real cmdlet that the twin does not emulate yet."""

    def __init__(self, cmdlet: str, what: str):
        super().__init__(f"{cmdlet}: {what} is not emulated by the labkit twin", category="NotImplemented", error_id="NotEmulated")
