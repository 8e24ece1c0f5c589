"""Progress of a roster on standard error: a tqdm bar on a terminal, else plain lines
about every tenth of the roster (logs, CI, pipes), so a long run never looks hung."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from tqdm import tqdm

__all__ = ["Progress", "progress_for"]


class Progress(Protocol):
    """What the roster tells the person waiting."""

    def step(self, failed: bool) -> None:
        """One more runner done (``failed`` if it got no plan)."""
        ...

    def say(self, text: str) -> None:
        """A line of its own (an error), without breaking the bar."""
        ...

    def close(self) -> None: ...


def progress_for(total: int, err: TextIO) -> Progress:
    """The bar when ``err`` is a terminal, else plain lines."""
    isatty = getattr(err, "isatty", None)
    if callable(isatty) and isatty():
        return _Bar(total, err)
    return _Lines(total, err)


class _Lines:
    """Plain progress lines, about every tenth of the roster (logs, CI, pipes)."""

    def __init__(self, total: int, err: TextIO) -> None:
        self.total, self.err = total, err
        self.done = self.failed = 0
        self.every = max(1, math.ceil(total / 10))

    def step(self, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        if self.done % self.every == 0 or self.done == self.total:
            failures = f" ({self.failed} failed)" if self.failed else ""
            self.err.write(f"runplan: roster: {self.done}/{self.total} profiles done{failures}\n")
            self.err.flush()

    def say(self, text: str) -> None:
        self.err.write(text + "\n")

    def close(self) -> None:
        pass


class _Bar:
    """A tqdm progress bar, for a terminal."""

    def __init__(self, total: int, err: TextIO) -> None:
        from tqdm import tqdm

        class _Quiet(tqdm):  # type: ignore[type-arg]
            monitor_interval = 0  # no monitor thread: worker processes may be forked later

        self.err = err
        self.bar: tqdm[object] = _Quiet(
            total=total, file=err, unit="runner", desc="planning", dynamic_ncols=True, leave=True
        )
        self.failed = 0

    def step(self, failed: bool) -> None:
        if failed:
            self.failed += 1
            self.bar.set_postfix_str(f"{self.failed} failed", refresh=False)
        self.bar.update(1)

    def say(self, text: str) -> None:
        self.bar.write(text, file=self.err)

    def close(self) -> None:
        self.bar.close()
