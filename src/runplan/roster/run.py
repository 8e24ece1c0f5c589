"""``runplan roster``: plan every profile of a folder, one file per runner and format.

Every ``*.toml`` and ``*.json`` file of the folder (not its subfolders, not hidden
files) is one runner.  Output names are slugs of the profile FILE names (lower-case
ASCII letters, digits and hyphens: no path can escape ``--out``), made unique in sorted
file-name order, so the same folder always gives the same names.  Every file is written
atomically.  Beside the plans go ``index.csv`` and ``index.md``: one row per runner
with its weeks, sessions and every advisory, runners who need urgent care or a
specialist first.  A bad profile is reported with its file name and message and the
others still plan; the exit status is then 1.  See docs/roster.md.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import ExitStack, closing
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO

from runplan.batch import EXPORT_FORMATS, PlanOutcome, plan_many
from runplan.errors import RosterError

if TYPE_CHECKING:
    from runplan.models import Advisory

__all__ = [
    "INDEX_CSV",
    "INDEX_MD",
    "PROFILE_SUFFIXES",
    "RosterError",
    "RosterRow",
    "assign_slugs",
    "find_profiles",
    "run_roster",
    "slugify",
]

PROFILE_SUFFIXES = (".toml", ".json")
INDEX_CSV = "index.csv"
INDEX_MD = "index.md"
MAX_SLUG = 64
#: Names that are devices on Windows, and the index's own stem: never a runner's slug.
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", "index"}
    | {f"com{i}" for i in range(10)}
    | {f"lpt{i}" for i in range(10)}
)
_FLAG_ORDER = {"URGENT": 0, "CONSULT": 1, "FAILED": 2, "": 3}


# ------------------------------------------------------------------------- names


def slugify(stem: str) -> str:
    """A safe file-name stem for a profile's file stem.

    Letters are folded to lower-case ASCII (``"Zoë Ärnö"`` -> ``"zoe-arno"``), every other
    run of characters becomes one hyphen, and the result is at most 64 characters.  A
    stem with no ASCII letter or digit (``"李雷"``) gets ``runner-`` and a short hash of
    the stem, so it stays the same whatever else is in the folder; device names and
    ``index`` get ``-runner``.  The result matches ``[a-z0-9]+(-[a-z0-9]+)*``.
    """
    folded = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    slug = slug[:MAX_SLUG].rstrip("-")
    if not slug:
        digest = hashlib.sha256(stem.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        return f"runner-{digest}"
    if slug in _RESERVED:
        return f"{slug}-runner"
    return slug


def assign_slugs(names: Iterable[str]) -> dict[str, str]:
    """File name -> unique slug, deterministic: names are taken in sorted order and a
    slug already taken gets ``-2``, ``-3``, ... (never another file's own slug)."""
    ordered = sorted(set(names))
    bases = {name: slugify(Path(name).stem) for name in ordered}
    natural = set(bases.values())
    taken: set[str] = set()
    out: dict[str, str] = {}
    for name in ordered:
        base = bases[name]
        slug, n = base, 2
        while slug in taken or (slug != base and slug in natural):
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        out[name] = slug
    return out


def find_profiles(directory: Path) -> list[Path]:
    """The profile files of ``directory`` (``*.toml``, ``*.json``; not hidden), sorted
    by file name."""
    if not directory.exists():
        raise RosterError(f"{directory}: no such folder; allowed: a folder of profiles")
    if not directory.is_dir():
        raise RosterError(
            f"{directory}: is a file; allowed: a folder of profiles (.toml or .json files)"
        )
    found = sorted(
        (
            p
            for p in directory.iterdir()
            if p.suffix.lower() in PROFILE_SUFFIXES
            and not p.name.startswith(".")
            and not p.is_dir()
        ),
        key=lambda p: p.name,
    )
    if not found:
        raise RosterError(
            f"{directory}: no profiles found; allowed: a folder with .toml or .json profiles"
        )
    return found


# ------------------------------------------------------------------------- rows


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One runner of the index."""

    profile: str
    slug: str
    runner: str = ""
    weeks: int = 0
    sessions: int = 0
    advisories: tuple[Advisory, ...] = ()
    files: tuple[str, ...] = ()
    error: str = ""

    @property
    def flag(self) -> str:
        """``URGENT``, ``CONSULT``, ``FAILED`` or empty."""
        kinds = {a.kind.value for a in self.advisories}
        if "urgent" in kinds:
            return "URGENT"
        if "consult" in kinds:
            return "CONSULT"
        return "FAILED" if self.error else ""

    def count(self, kind: str) -> int:
        return sum(1 for a in self.advisories if a.kind.value == kind)

    @property
    def first_alert(self) -> date | None:
        """The first day of an urgent or consult advisory."""
        return min(
            (a.date for a in self.advisories if a.kind.value in {"urgent", "consult"}), default=None
        )

    def sort_key(self) -> tuple[int, str, str]:
        alert = self.first_alert
        return (_FLAG_ORDER[self.flag], alert.isoformat() if alert else "", self.profile)


def _row(profile: Path, slug: str, outcome: PlanOutcome, files: Sequence[str]) -> RosterRow:
    if not outcome.ok:
        return RosterRow(
            profile=profile.name,
            slug=slug,
            runner=outcome.runner or "",
            error=_failure(outcome, profile),
        )
    return RosterRow(
        profile=profile.name,
        slug=slug,
        runner=outcome.runner or "",
        weeks=outcome.weeks,
        sessions=outcome.sessions,
        advisories=outcome.advisories,
        files=tuple(files),
    )


def _failure(outcome: PlanOutcome, profile: Path) -> str:
    """The failure as one paragraph, without the profile path (the row names the file)."""
    if outcome.error is not None:
        message = outcome.error
        for prefix in (f"{profile}: ", f"{outcome.source}: "):
            message = message.removeprefix(prefix)
        return message
    broken = "; ".join(
        f"{v.date.isoformat() + ' ' if v.date else ''}{v.rule}: {v.message}"
        for v in outcome.violations
    )
    return _one_line(
        f"the plan breaks {len(outcome.violations)} rule check(s), so no file "
        f"was written (please report this): {broken}"
    )


# ----------------------------------------------------------------------- index


def _advisory_line(a: Advisory) -> str:
    rules = f" [{', '.join(a.rules)}]" if a.rules else ""
    return f"{a.date.isoformat()} {a.kind.value}{rules}: {_one_line(a.message)}"


def _by_importance(advisories: Iterable[Advisory]) -> list[Advisory]:
    rank = {"urgent": 0, "consult": 1}
    return sorted(advisories, key=lambda a: (rank.get(a.kind.value, 2), a.date))


_CSV_FIELDS = (
    "flag",
    "runner",
    "profile",
    "weeks",
    "sessions",
    "urgent",
    "consult",
    "notes",
    "first_alert",
    "files",
    "advisories",
    "error",
)


def index_csv(rows: Sequence[RosterRow]) -> bytes:
    """The index as CSV (UTF-8, one row per runner, every advisory on its own line of
    the ``advisories`` cell, urgent and consult first)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(_CSV_FIELDS)
    for r in rows:
        alert = r.first_alert
        writer.writerow(
            [
                r.flag,
                _cell(r.runner),
                _cell(r.profile),
                r.weeks,
                r.sessions,
                r.count("urgent"),
                r.count("consult"),
                r.count("note"),
                alert.isoformat() if alert else "",
                " ".join(r.files),
                "\n".join(_cell(_advisory_line(a)) for a in _by_importance(r.advisories)),
                _cell(r.error),
            ]
        )
    return buffer.getvalue().encode("utf-8")


def index_markdown(rows: Sequence[RosterRow], weeks: int) -> bytes:
    """The index as Markdown: a summary table, then every runner's advisories."""
    from runplan.rules import DISCLAIMER

    planned = [r for r in rows if not r.error]
    failed = [r for r in rows if r.error]
    urgent = sum(1 for r in rows if r.flag == "URGENT")
    consult = sum(1 for r in rows if r.flag == "CONSULT")
    out = [
        "# Roster",
        "",
        f"{_plural(len(rows), 'profile')}: {len(planned)} planned ({weeks} weeks each), "
        f"{len(failed)} failed. {_plural(urgent, 'runner')} with an urgent advisory "
        f"(seek care now, no training), {_plural(consult, 'runner')} to see a spine "
        "specialist.",
        "",
        f"> {_md(DISCLAIMER)}",
        "",
        "| Flag | Runner | Profile | Weeks | Sessions | Advisories | Files |",
        "| --- | --- | --- | ---: | ---: | --- | --- |",
    ]
    for r in rows:
        flag = f"**{r.flag}**" if r.flag else ""
        counts = ", ".join(
            _plural(n, k) if k == "note" else f"{n} {k}"
            for k in ("urgent", "consult", "note")
            if (n := r.count(k))
        ) or ("-" if not r.error else "")
        files = ", ".join(f"[{f}](<{f}>)" for f in r.files) or "none"
        out.append(
            f"| {flag} | {_md(r.runner) or '-'} | {_md(r.profile)} | {r.weeks} | "
            f"{r.sessions} | {counts} | {files} |"
        )
    with_advice = [r for r in rows if r.advisories]
    if with_advice:
        out += ["", "## Advisories"]
        for r in with_advice:
            head = f"{r.flag}: " if r.flag else ""
            out += ["", f"### {head}{_md(r.runner)} ({_md(r.profile)})", ""]
            for a in _by_importance(r.advisories):
                rules = f" [{', '.join(_md(x) for x in a.rules)}]" if a.rules else ""
                out.append(f"- **{a.date.isoformat()} {a.kind.value}**{rules}: {_md(a.message)}")
    if failed:
        out += ["", "## Failed profiles", ""]
        out += [f"- {_md(r.profile)}: {_md(r.error)}" for r in failed]
    return ("\n".join(out) + "\n").encode("utf-8")


#: Cells that a spreadsheet would run as a formula start with one of these.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    text = _one_line(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", _one_line(text))


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def _one_line(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


# --------------------------------------------------------------------- progress


class _Progress(Protocol):
    def step(self, failed: bool) -> None: ...
    def say(self, text: str) -> None: ...
    def close(self) -> None: ...


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


def _progress(total: int, err: TextIO) -> _Progress:
    isatty = getattr(err, "isatty", None)
    if callable(isatty) and isatty():
        return _Bar(total, err)
    return _Lines(total, err)


# ------------------------------------------------------------------------ run


def run_roster(
    profiles_dir: Path,
    out_dir: Path,
    *,
    out: TextIO,
    err: TextIO,
    jobs: int = 1,
    start: date | None = None,
    weeks: int = 4,
    formats: Sequence[str] = ("ics",),
    revision: datetime | None = None,
    alarm_minutes: int | None = None,
    today: Callable[[str], date] | None = None,
    executor: Executor | None = None,
) -> int:
    """Plan every profile of ``profiles_dir`` into ``out_dir``; 0, or 1 if any failed.

    ``jobs`` > 1 plans on that many worker processes (``executor`` overrides it).
    Raises :class:`RosterError` or :class:`OSError` when nothing can be done (no folder,
    no profiles, an output that cannot be written).
    """
    profiles = find_profiles(profiles_dir)
    slugs = assign_slugs(p.name for p in profiles)
    if out_dir.exists() and not out_dir.is_dir():
        raise RosterError(f"--out {out_dir}: is a file; allowed: a folder (made if missing)")
    if out_dir.resolve() == profiles_dir.resolve():
        raise RosterError(
            f"--out {out_dir}: is the profiles folder, where .json plans would be read as "
            "profiles next time; allowed: another folder"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    rows: list[RosterRow] = []
    with ExitStack() as stack:
        if executor is None and jobs > 1 and len(profiles) > 1:
            executor = stack.enter_context(_process_pool(min(jobs, len(profiles))))
        progress = _progress(len(profiles), err)
        stack.callback(progress.close)
        outcomes = stack.enter_context(
            closing(
                plan_many(
                    profiles,
                    start=start,
                    weeks=weeks,
                    revision=revision,
                    formats=formats,
                    keep_plans=False,
                    alarm_minutes=alarm_minutes,
                    executor=executor,
                    ordered=False,
                    today=today,
                )
            )
        )
        for outcome in _guarded(outcomes):
            profile = profiles[outcome.index]
            slug = slugs[profile.name]
            files: list[str] = []
            if outcome.ok:
                for fmt in formats:
                    name = f"{slug}{EXPORT_FORMATS[fmt]}"
                    write_file(out_dir / name, outcome.outputs[fmt])
                    files.append(name)
            row = _row(profile, slug, outcome, files)
            if row.error:
                progress.say(f"runplan: error: {profile.name}: {row.error}")
            rows.append(row)
            progress.step(bool(row.error))
    rows.sort(key=RosterRow.sort_key)
    write_file(out_dir / INDEX_CSV, index_csv(rows))
    write_file(out_dir / INDEX_MD, index_markdown(rows, weeks))
    return _summary(rows, out_dir, out, err)


def write_file(path: Path, data: bytes) -> None:
    """Atomic write (the CLI's :func:`~runplan.cli.write_atomic`)."""
    from runplan.export.files import write_atomic

    write_atomic(path, data)


def _process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes, started the platform's default way.

    The pipeline's modules are imported first, so that workers made by ``fork`` (the
    Linux default before Python 3.14) start with them instead of each importing them
    again; the processes start at the first task, before anything else runs a thread
    (the progress bar runs none, see :class:`_Bar`).
    """
    import runplan.export.ics
    import runplan.export.jsonout
    import runplan.export.text
    import runplan.profile
    import runplan.schedule
    import runplan.validation  # noqa: F401

    return ProcessPoolExecutor(workers)


def _guarded(outcomes: Iterator[PlanOutcome]) -> Iterator[PlanOutcome]:
    """A worker pool that dies (a worker killed for memory, say) ends the roster with a
    readable error instead of a traceback."""
    from concurrent.futures import BrokenExecutor

    try:
        yield from outcomes
    except BrokenExecutor as exc:
        raise RosterError(f"the worker processes stopped unexpectedly ({exc})") from None


def _summary(rows: Sequence[RosterRow], out_dir: Path, out: TextIO, err: TextIO) -> int:
    failed = sorted(r.profile for r in rows if r.error)
    urgent = sum(1 for r in rows if r.flag == "URGENT")
    consult = sum(1 for r in rows if r.flag == "CONSULT")
    out.write(
        f"{len(rows) - len(failed)} of {_plural(len(rows), 'runner')} planned into {out_dir} "
        f"({urgent} urgent, {consult} consult); index: {out_dir / INDEX_MD}, "
        f"{out_dir / INDEX_CSV}\n"
    )
    if failed:
        err.write(
            f"runplan: roster: {len(failed)} of {_plural(len(rows), 'profile')} failed: "
            f"{', '.join(failed)}\n"
        )
        return 1
    return 0


def formats_of(text: str) -> tuple[str, ...]:
    """Parse ``--format ics,json``; raises :class:`RosterError` naming what is allowed."""
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in EXPORT_FORMATS]
    if unknown or not chosen:
        raise RosterError(
            f"--format: {text!r} is not a list of formats; allowed: a comma-separated list "
            f"of {', '.join(EXPORT_FORMATS)} (e.g. ics,json)"
        )
    return chosen
