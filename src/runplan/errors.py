"""The one error hierarchy of runplan, and each error's command-line exit status.

Everything the library raises on purpose derives from :class:`RunplanError`, so an
application can catch one type.  pydantic's ``ValidationError`` never leaves the
library: the profile reader and the plan reader translate it into
:class:`ProfileError` / :class:`PlanFormatError`, whose message names the field,
the bad value and what is allowed.  ``exit_status`` is what ``runplan`` exits with
when the error reaches the command line (docs/cli: 2 bad input, 3 server trouble).
"""

from __future__ import annotations

__all__ = [
    "ClusterError",
    "ConflictError",
    "ExportError",
    "InterruptError",
    "LogError",
    "OutputError",
    "PlanFormatError",
    "PlanRequestError",
    "ProfileError",
    "PublishError",
    "RosterError",
    "RunplanError",
    "UsageError",
]


class RunplanError(Exception):
    """Base class of every error runplan raises on purpose."""

    #: The command's exit status when this error ends it: bad input.
    exit_status: int = 2


class LogError(RunplanError):
    """The training log cannot be read at all: its path does not exist, or is neither a
    file nor a folder, or the time zone is unknown.  A bad file inside the log is never
    an error: it is listed in ``TrainingLog.skipped`` and the rest is read."""


class ProfileError(RunplanError):
    """A runner profile could not be read or is not valid.

    ``problems`` holds one readable line per problem (``field: value ...``); the
    message joins them into one paragraph, prefixed by the source when known.
    """

    def __init__(self, problems: list[str], source: str | None = None) -> None:
        self.problems = list(problems)
        self.source = source
        prefix = f"{source}: " if source else ""
        noun = "problem" if len(self.problems) == 1 else "problems"
        head = f"{prefix}invalid runner profile ({len(self.problems)} {noun}): "
        super().__init__(head + "; ".join(self.problems))


class PlanFormatError(RunplanError):
    """A plan file (JSON) could not be read or does not follow the Plan contract."""

    def __init__(self, problems: list[str], source: str | None = None) -> None:
        self.problems = list(problems)
        self.source = source
        prefix = f"{source}: " if source else ""
        super().__init__(prefix + "invalid plan: " + "; ".join(self.problems))


class PlanRequestError(RunplanError):
    """The plan request itself is invalid (for instance a number of weeks out of range)."""


class ExportError(RunplanError):
    """A plan could not be exported (for instance an unreadable previous calendar)."""


class OutputError(RunplanError):
    """An output path is not something runplan may replace (exit status 2).

    Output files are written to a new path or over a regular file only; ``path`` is the
    path as given, ``kind`` says what it is (``"a symbolic link"``, ``"a folder"``, ...)
    and ``allowed`` what would do instead.
    """

    def __init__(self, path: str, kind: str, allowed: str = "a regular file or a new path") -> None:
        self.path = path
        self.kind = kind
        self.allowed = allowed
        super().__init__(f"{path}: is {kind}; allowed: {allowed}")


class RosterError(RunplanError):
    """The roster request itself cannot be carried out (no folder, no profiles)."""


class PublishError(RunplanError):
    """The server could not be reached, refused the credentials or failed a request.

    When the failure came in the middle of a sync, the message says how many objects
    were already written.  ``unanswered``: the request got no answer at all (a cut
    connection, a timeout), so whether the server applied it is unknown.
    """

    exit_status = 3

    def __init__(self, message: str, *, unanswered: bool = False) -> None:
        super().__init__(message)
        self.unanswered = unanswered


class ConflictError(PublishError):
    """The calendar holds objects that a publish would have to touch but are not this
    runner's: events runplan published for another runner under this runner's UIDs, or
    a second calendar of the same name with other events in it.  Nothing was written;
    exit status 2, as the fix is the runner's (another ``id`` or ``--calendar``), not a
    retry."""

    exit_status = 2


class InterruptError(RunplanError):
    """The run was interrupted (Ctrl-C, SIGTERM) where there is more to say than that,
    such as how far a publish got; exit status 130, as for any interrupt."""

    exit_status = 130


class ClusterError(RunplanError):
    """The Dask scheduler given to ``roster --cluster`` could not be reached."""

    exit_status = 3


class UsageError(RunplanError):
    """A command-line option has a bad value."""
