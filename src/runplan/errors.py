"""The one error hierarchy of runplan.

Everything the library raises on purpose derives from :class:`RunplanError`, so an
application can catch one type.  pydantic's ``ValidationError`` never leaves the
library: :func:`runplan.profile` and :func:`runplan.planio` translate it into
:class:`ProfileError` / :class:`PlanFormatError`, whose message names the field,
the bad value and what is allowed.
"""

from __future__ import annotations

__all__ = [
    "ExportError",
    "PlanFormatError",
    "ProfileError",
    "RunplanError",
]


class RunplanError(Exception):
    """Base class of every error runplan raises on purpose."""


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


class ExportError(RunplanError):
    """A plan could not be exported (for instance an unreadable previous calendar)."""
