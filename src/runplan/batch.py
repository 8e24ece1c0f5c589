"""Plan many runners at once: :func:`plan_many`.

Each runner (a :class:`~runplan.models.Runner` or the path of a profile file) is one
task: load -> plan -> validate -> export.  Tasks run on any
:class:`concurrent.futures.Executor` (a process pool on one machine, a
``dask.distributed`` client's executor beyond it) or, without one, one after the other
in the calling thread.  With an executor whose workers are other processes, runners,
paths and the ``today`` clock must be picklable (a module-level function, not a lambda).
Results stream back as an iterator while at most ``max_in_flight`` tasks are submitted
and not yet consumed, so memory stays flat however long the roster is.  A runner that
fails (a bad profile, a plan that breaks a rule) becomes an outcome with an ``error``;
the others still plan.  Formats are those of :data:`runplan.export.formats.FORMATS`.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from runplan._text import one_paragraph
from runplan.errors import RunplanError
from runplan.export.formats import FORMATS, ExportOptions

if TYPE_CHECKING:
    from runplan.models import Advisory, Plan, Runner
    from runplan.validation import Violation

__all__ = ["PlanOutcome", "plan_many"]


@dataclass(frozen=True, slots=True)
class PlanOutcome:
    """What became of one runner of :func:`plan_many`.

    ``index`` is the runner's position in the input; ``source`` its file name (or, for a
    :class:`Runner` given in code, its name).  On success ``runner`` is the runner's
    name, ``weeks``/``sessions`` count the plan, ``advisories`` are the plan's advisories
    (urgent, consult and notes), ``outputs`` maps each requested format to its bytes and
    ``plan`` is the plan itself (unless ``keep_plans=False``).  ``violations`` are the
    rules the plan breaks (with ``check=True``; normally none).  On failure ``error`` is
    one readable paragraph and ``error_type`` the exception's class name.
    """

    index: int
    source: str
    runner: str | None = None
    weeks: int = 0
    sessions: int = 0
    advisories: tuple[Advisory, ...] = ()
    violations: tuple[Violation, ...] = ()
    outputs: Mapping[str, bytes] = field(default_factory=dict)
    plan: Plan | None = None
    error: str | None = None
    error_type: str | None = None

    @property
    def ok(self) -> bool:
        """True when the runner was planned and the plan breaks no checked rule."""
        return self.error is None and not self.violations


@dataclass(frozen=True, slots=True)
class _Options:
    start: date | None
    weeks: int
    revision: datetime | None
    formats: tuple[str, ...]
    check: bool
    keep_plans: bool
    export: ExportOptions
    today: Callable[[str], date] | None


@dataclass(frozen=True, slots=True)
class _Task:
    index: int
    item: object  # Runner | str | os.PathLike[str]
    options: _Options


def plan_many(
    runners: Iterable[Runner | str | os.PathLike[str]],
    *,
    start: date | None = None,
    weeks: int = 4,
    revision: datetime | None = None,
    formats: Iterable[str] = (),
    check: bool = True,
    keep_plans: bool = True,
    alarm_minutes: int | None = None,
    executor: Executor | None = None,
    max_in_flight: int | None = None,
    ordered: bool = True,
    today: Callable[[str], date] | None = None,
) -> Generator[PlanOutcome, None, None]:
    """Plan every runner and yield one :class:`PlanOutcome` each, as they finish.

    ``runners`` holds :class:`~runplan.models.Runner` objects and/or paths of profile
    files (read inside the task, so a bad file is that runner's error, not the
    caller's), consumed lazily: at most ``max_in_flight`` tasks (default twice the
    executor's workers) are submitted ahead of what the caller has taken.
    ``start`` is the first day for every runner; ``None`` means each runner's next
    ``week_start`` day after ``today(runner.timezone)`` (the wall clock by default), as
    ``runplan plan`` does.  ``weeks`` and ``revision`` are those of :func:`runplan.plan`.
    ``formats`` (``"ics"``, ``"json"``, ``"text"``) are rendered inside the task into
    ``outcome.outputs``; ``alarm_minutes`` goes to the iCalendar export.  ``check``
    validates each plan; ``keep_plans=False`` leaves ``outcome.plan`` empty so that only
    the bytes travel back from a worker.  ``executor``: ``None`` plans in the calling
    thread, else any :class:`concurrent.futures.Executor` (see the module docstring).
    ``ordered=False`` yields each outcome as soon as it is done, not in input order.

    Arguments are checked at once (:class:`~runplan.schedule.PlanRequestError`, or
    :class:`ValueError` for ``formats`` and ``max_in_flight``); a runner that fails never
    raises but yields an outcome whose ``error`` says why.  Leaving the iterator early
    cancels the tasks not yet started.
    """
    _check_request(weeks, revision, start)
    chosen = _known_formats(formats)
    limit = _in_flight(max_in_flight, executor)
    # The clock travels to the workers only when it is needed (it may not pickle).
    clock = today if start is None else None
    export = ExportOptions(alarm_minutes=alarm_minutes)
    options = _Options(start, weeks, revision, chosen, check, keep_plans, export, clock)
    tasks = (_Task(i, item, options) for i, item in enumerate(runners))
    if executor is None:
        return _serial(tasks)
    if ordered:
        return _ordered(executor, tasks, limit)
    return _unordered(executor, tasks, limit)


def _check_request(weeks: int, revision: datetime | None, start: date | None) -> None:
    """The checks :func:`runplan.plan` would make, done once for the whole roster."""
    from runplan.schedule.request import check_revision, check_start, check_weeks

    check_weeks(weeks)
    check_revision(revision)
    if start is not None:
        check_start(start, weeks)


def _known_formats(formats: Iterable[str]) -> tuple[str, ...]:
    """``formats`` without repeats; :class:`ValueError` for one not in the registry."""
    chosen = tuple(dict.fromkeys(formats))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown:
        raise ValueError(
            f"formats: {', '.join(map(repr, unknown))} not known; allowed: {', '.join(FORMATS)}"
        )
    return chosen


def _in_flight(max_in_flight: int | None, executor: Executor | None) -> int:
    """How many tasks may be submitted and not yet consumed (default: twice the workers)."""
    if max_in_flight is None:
        workers = getattr(executor, "_max_workers", None)
        if not isinstance(workers, int) or workers < 1:
            workers = os.cpu_count() or 1
        return 2 * workers
    if isinstance(max_in_flight, bool) or not isinstance(max_in_flight, int) or max_in_flight < 1:
        raise ValueError(f"max_in_flight: {max_in_flight!r}; allowed: a whole number >= 1")
    return max_in_flight


def _serial(tasks: Iterator[_Task]) -> Generator[PlanOutcome, None, None]:
    for task in tasks:
        yield _plan_one(task)


def _ordered(
    executor: Executor, tasks: Iterator[_Task], limit: int
) -> Generator[PlanOutcome, None, None]:
    pending: deque[Future[PlanOutcome]] = deque()
    try:
        for task in tasks:
            pending.append(executor.submit(_plan_one, task))
            while len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def _unordered(
    executor: Executor, tasks: Iterator[_Task], limit: int
) -> Generator[PlanOutcome, None, None]:
    pending: set[Future[PlanOutcome]] = set()
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < limit:
                task = next(tasks, None)
                if task is None:
                    exhausted = True
                else:
                    pending.add(executor.submit(_plan_one, task))
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            pending -= done
            yield from sorted((f.result() for f in done), key=lambda o: o.index)
    finally:
        for future in pending:
            future.cancel()


# ------------------------------------------------------------------- one runner


def _plan_one(task: _Task) -> PlanOutcome:
    """Load, plan, validate and export one runner (runs inside a worker)."""
    from runplan.models import Runner

    item, options = task.item, task.options
    if isinstance(item, Runner):
        source = item.name
    elif isinstance(item, (str, os.PathLike)):
        source = os.fspath(item)
        if isinstance(source, bytes):
            source = os.fsdecode(source)
    else:
        return PlanOutcome(
            index=task.index,
            source=repr(item)[:200],
            error_type="TypeError",
            error=f"{type(item).__name__} is not a runner; allowed: a Runner or a profile path",
        )
    try:
        return _plan_checked(task.index, source, item, options)
    except RunplanError as exc:
        return PlanOutcome(
            index=task.index,
            source=source,
            error=one_paragraph(str(exc)),
            error_type=type(exc).__name__,
        )
    except Exception as exc:  # a bug must not sink the rest of a roster
        return PlanOutcome(
            index=task.index,
            source=source,
            error_type=type(exc).__name__,
            error=one_paragraph(f"internal error ({type(exc).__name__}: {exc})"),
        )


def _plan_checked(index: int, source: str, item: object, options: _Options) -> PlanOutcome:
    from runplan.models import Runner
    from runplan.profile import load_profile
    from runplan.schedule import plan
    from runplan.schedule.request import next_week_start

    runner = item if isinstance(item, Runner) else load_profile(Path(source))
    start = options.start
    if start is None:
        clock = options.today or _today
        start = next_week_start(clock(runner.timezone), runner.week_start.number)
    result = plan(runner, start=start, weeks=options.weeks, revision=options.revision)
    violations: tuple[Violation, ...] = ()
    if options.check:
        from runplan.validation import validate

        violations = tuple(validate(result, runner))
    outputs = {fmt: FORMATS[fmt].render(result, options.export) for fmt in options.formats}
    return PlanOutcome(
        index=index,
        source=source,
        runner=runner.name,
        weeks=len(result.weeks),
        sessions=sum(len(day.sessions) for week in result.weeks for day in week.days),
        advisories=tuple(result.advisories),
        violations=violations,
        outputs=outputs,
        plan=result if options.keep_plans else None,
    )


def _today(timezone: str) -> date:
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(timezone)).date()
