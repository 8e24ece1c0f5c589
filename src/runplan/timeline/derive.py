"""Condition timeline: conditions, check-ins, health and clearances -> a per-day allowance.

This module owns the back rules (S1-S3, A7-A11, R1, R3's pain signals) as docs/conditions.md
states them.  It walks every day from the first relevant date to the end of the plan,
keeps the open episodes and stops, and answers for each plan day: may the runner run
(``none`` / ``ladder`` / ``full``), cross-train, do strength; which home care to do; and
which dated advisories apply.  The scheduler reads only :class:`Timeline`; it never looks
at raw conditions or check-ins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from runplan.models import (
    Advisory,
    AdvisoryKind,
    CheckIn,
    ConditionKind,
    RedFlag,
    Runner,
)

__all__ = [
    "EMERGENCY_FLAGS",
    "FULL",
    "LADDER_STEPS",
    "Allowance",
    "LadderState",
    "RunMode",
    "Timeline",
    "derive_timeline",
]

EMERGENCY_FLAGS = frozenset(
    {
        RedFlag.SADDLE_NUMBNESS,
        RedFlag.BLADDER_BOWEL,
        RedFlag.BOTH_LEGS,
        RedFlag.LEG_WEAKNESS,
        RedFlag.MAJOR_TRAUMA,
        RedFlag.CHEST_PAIN,
    }
)
STRAIN_KINDS = frozenset({ConditionKind.MUSCLE_STRAIN, ConditionKind.BACK_PAIN})
DISC_KINDS = frozenset(
    {
        ConditionKind.HERNIATED_DISC,
        ConditionKind.DEGENERATIVE_DISC,
        ConditionKind.SCIATICA,
    }
)
EPISODE_PAIN = 3  # a check-in at or above this starts undiagnosed back pain
EASED_PAIN = 2  # A8: eased at or below this ...
EASED_DROP = 3  # ... or this far below the worst since onset
R1_PAIN = 2  # R1: running stops again above this
R3_RUN_PAIN = 3  # R3: a step back above this
RE_REVIEW_DAYS = 42  # A10
AGE_LOW, AGE_HIGH = 20, 50  # S3

#: R2 walk-run ladder: (content, total minutes, minutes jogging) per step.
LADDER_STEPS: tuple[tuple[str, int, int], ...] = (
    ("5 x (walk 4 min, jog 1 min)", 25, 5),
    ("5 x (walk 3 min, jog 3 min)", 30, 15),
    ("2 x (jog 14 min, walk 2 min)", 32, 28),
    ("30 min continuous easy jog", 30, 30),
)
RUNNING_STOPS = frozenset({"S1", "S2", "S3", "A8", "A9", "A10", "R1"})


class RunMode(StrEnum):
    NONE = "none"
    LADDER = "ladder"
    FULL = "full"


@dataclass(frozen=True, slots=True)
class Allowance:
    """What one day allows, and the home care it asks for.  ``rules`` say why."""

    run: RunMode = RunMode.FULL
    cross: bool = True
    strength: bool = True
    blocked: bool = False  # S1/S2: no session of any kind
    recovery: str | None = None  # "ice" or "heat" (A7)
    mobility: str | None = None  # "gentle" or "pt" (A7 / A10 and other stops)
    run_cap: int | None = None  # A11: no run longer than this (minutes, warm-up included)
    ladder_restart: bool = False  # a clearance today: the ladder starts again at step 1
    step_back: bool = False  # R3: today's check-in steps the ladder back
    rules: tuple[str, ...] = ()

    @property
    def restricted(self) -> bool:
        return self.run is not RunMode.FULL or self.blocked


FULL = Allowance()


@dataclass(frozen=True, slots=True)
class LadderState:
    """Where the runner stands on the R2 ladder: step 1-4 and sessions done at it."""

    step: int = 1
    done: int = 0
    last: int | None = None  # the step of the last session done

    @property
    def complete(self) -> bool:
        return self.step > len(LADDER_STEPS)

    def after(self, step_back: bool, step: int | None = None) -> LadderState:
        """The state after one session at ``step`` (default: the current one; a lower
        step is a repeat that does not advance).  R2: twice per step; R3: step back."""
        done_at = self.step if step is None else step
        if step_back:
            return LadderState(max(1, done_at - 1), 0, done_at)
        if done_at != self.step:
            return LadderState(self.step, self.done, done_at)
        if self.done + 1 >= 2:
            return LadderState(self.step + 1, 0, done_at)
        return LadderState(self.step, self.done + 1, done_at)

    def back(self) -> LadderState:
        """R3 reported on a day without a session: one below the last step done."""
        return LadderState(max(1, (self.last or self.step) - 1), 0, self.last)


@dataclass(frozen=True, slots=True)
class Timeline:
    """Allowances for ``start`` .. ``start + len(days) - 1`` and the dated advisories.

    ``ladder`` is the ladder position on ``start`` when the runner is on the ladder then.
    """

    start: date
    days: tuple[Allowance, ...]
    advisories: tuple[Advisory, ...] = field(default=())
    ladder: LadderState | None = None

    def on(self, day: date) -> Allowance:
        index = (day - self.start).days
        return self.days[index] if 0 <= index < len(self.days) else FULL

    @property
    def all_full(self) -> bool:
        return all(a is FULL for a in self.days) and self.ladder is None


# ------------------------------------------------------------------ derivation


@dataclass
class _Episode:
    kind: ConditionKind
    start: date
    cleared: date | None  # the condition's own cleared date
    declared: bool
    closed: date | None = None  # the day a clearance closed it
    worst: int = 0

    def open_on(self, day: date) -> bool:
        if day < self.start:
            return False
        ends = [d for d in (self.cleared, self.closed) if d is not None]
        return not ends or day < min(ends)


@dataclass
class _Stop:
    rule: str
    begin: date
    episode: _Episode | None = None  # a clearance of this episode's condition ends the stop
    ended: date | None = None
    history: bool = False  # S2 stop from health.history

    def active(self, day: date) -> bool:
        return self.begin <= day and (self.ended is None or day < self.ended)


@dataclass
class _Derivation:
    runner: Runner
    start: date
    end: date
    episodes: list[_Episode] = field(default_factory=list)
    stops: list[_Stop] = field(default_factory=list)
    notes: list[tuple[Advisory, _Stop | None]] = field(default_factory=list)
    checkins: dict[date, CheckIn] = field(default_factory=dict)
    ladder: LadderState | None = None
    cleared_on: date | None = None  # a running stop was cleared: R1 watches after that day
    rested: list[date] = field(default_factory=list)  # painful days absorbed by an episode
    history_fired: bool = False  # S2 from health.history has fired at the first back pain

    # ---------------------------------------------------------------- events

    def advise(
        self,
        kind: AdvisoryKind,
        day: date,
        rules: list[str],
        message: str,
        stop: _Stop | None = None,
    ) -> None:
        self.notes.append((Advisory(kind=kind, date=day, rules=rules, message=message), stop))

    def open_stop(
        self, rule: str, day: date, episode: _Episode | None = None, history: bool = False
    ) -> _Stop:
        stop = _Stop(rule, day, episode, history=history)
        self.stops.append(stop)
        return stop

    def active(self, day: date, *rules: str) -> list[_Stop]:
        return [s for s in self.stops if s.active(day) and (not rules or s.rule in rules)]

    def start_episode(
        self, kind: ConditionKind, day: date, cleared: date | None, declared: bool
    ) -> _Episode:
        episode = _Episode(kind, day, cleared, declared)
        self.episodes.append(episode)
        runner = self.runner
        if kind in DISC_KINDS:
            stop = self.open_stop("A10", day, episode)
            self.advise(AdvisoryKind.CONSULT, day, ["A10"], _A10_TEXT, stop)
        age = runner.health.age if runner.health else None
        if age is not None and (age > AGE_HIGH or age < AGE_LOW):
            stop = self.open_stop("S3", day, episode)
            self.advise(AdvisoryKind.CONSULT, day, ["S3"], _s3_text(age), stop)
        if runner.health and runner.health.history:
            self.history_stop(day, episode)
        return episode

    def history_stop(self, day: date, episode: _Episode | None) -> None:
        assert self.runner.health is not None
        items = ", ".join(h.value.replace("_", " ") for h in self.runner.health.history)
        stop = self.open_stop("S2", day, episode, history=True)
        self.advise(
            AdvisoryKind.URGENT,
            day,
            ["S2"],
            (
                f"See a doctor today: back pain together with your history ({items}) needs a "
                "clinician's review before any training. Log a check-in with clinician_cleared = "
                "true once you have been seen."
            ),
            stop,
        )

    def clear(self, day: date, stops: list[_Stop]) -> None:
        """End ``stops`` on ``day``; a running stop cleared starts the ladder (R1/R2)."""
        for stop in stops:
            stop.ended = day
        if any(s.rule in RUNNING_STOPS for s in stops):
            self.cleared_on = day
            self.ladder = LadderState()

    # ---------------------------------------------------------------- day walk

    def walk(self, first: date) -> Timeline:
        days: list[Allowance] = []
        ladder_at_start: LadderState | None = None
        day = first
        while day <= self.end:
            restart = self.events(day)
            checkin = self.checkins.get(day)
            allowance = self.allowance(day, restart, checkin)
            if day < self.start:
                self.replay_logged_run(allowance, checkin)
            else:
                if day == self.start:
                    ladder_at_start = self.ladder
                days.append(allowance)
            day += timedelta(days=1)
        return Timeline(
            start=self.start, days=tuple(days), advisories=self.advisories(), ladder=ladder_at_start
        )

    def events(self, day: date) -> bool:
        """Apply onsets, clearances and the day's check-in; True if a ladder restarts today."""
        ladder_before = self.ladder
        for condition in self.runner.conditions:
            if condition.onset == day:
                self.start_episode(condition.kind, day, condition.cleared, True)
        for episode in self.episodes:
            if episode.cleared == day:
                self.clear(day, [s for s in self.active(day) if s.episode is episode])
        checkin = self.checkins.get(day)
        if checkin is not None:
            self.checkin(day, checkin)
        restarted = self.ladder is not None and self.ladder is not ladder_before
        return restarted and self.ladder == LadderState()

    def checkin(self, day: date, c: CheckIn) -> None:
        if c.clinician_cleared:  # first what began before today; today's reports below
            self.clinician_clearance(day, c, earlier=True)
        if c.red_flags:
            self.red_flags(day, c)
        # Episodes a clinician closes today do not take in today's pain (docs/conditions.md).
        open_episodes = [] if c.clinician_cleared else [e for e in self.episodes if e.open_on(day)]
        watching = self.cleared_on is not None and day > self.cleared_on
        if (
            watching
            and not self.active(day, "R1")
            and (c.pain > R1_PAIN or c.radiating or c.red_flags)
        ):
            stop = self.open_stop("R1", day)
            self.advise(AdvisoryKind.CONSULT, day, ["R1"], _r1_text(c), stop)
        if c.pain >= EPISODE_PAIN and not open_episodes:
            open_episodes.append(self.start_episode(ConditionKind.BACK_PAIN, day, None, False))
        elif c.pain >= EPISODE_PAIN and not any(e.kind in STRAIN_KINDS for e in open_episodes):
            # Choice (resting wins): a painful day taken in by an open disc episode rests
            # running as long as a new episode's A7 window would; within a strain or
            # back-pain episode A7 and A8 decide, as RULES.md has it (docs/conditions.md).
            self.rested.append(day)
        if (
            c.pain > 0
            and self.runner.health
            and self.runner.health.history
            and not self.history_fired
        ):
            self.history_fired = True
            self.history_stop(day, None)
        if c.radiating and not self.active(day, "A9"):
            stop = self.open_stop("A9", day)
            self.advise(AdvisoryKind.CONSULT, day, ["A9"], _A9_TEXT, stop)
        for episode in open_episodes:
            episode.worst = max(episode.worst, c.pain)
            self.strain_check(day, c, episode)
        if c.after_long_run and c.pain > 0 and not self.active(day, "A11"):
            stop = self.open_stop("A11", day)
            self.advise(AdvisoryKind.CONSULT, day, ["A11"], _a11_text(self.usual_run()), stop)
        if c.clinician_cleared:
            self.clinician_clearance(day, c, earlier=False)

    def clinician_clearance(self, day: date, c: CheckIn, *, earlier: bool) -> None:
        """A clinician who cleared the runner today saw today's pain too: every stop that
        began up to today ends, except a red-flag episode, which needs a later clearance
        that reports no red flag (docs/conditions.md).  ``earlier`` clears the stops that
        began before today, the second call those that today's report began."""

        def ends(stop: _Stop) -> bool:
            if (stop.begin < day) != earlier:
                return False
            if stop.rule in {"S1", "S2"} and not stop.history:
                return stop.begin < day and not c.red_flags
            return True

        self.clear(day, [s for s in self.active(day) if ends(s)])
        if earlier:
            return
        for episode in self.episodes:
            if episode.open_on(day):
                episode.closed = day

    def red_flags(self, day: date, c: CheckIn) -> None:
        flags = set(c.red_flags)
        emergency = flags & EMERGENCY_FLAGS
        active = self.active(day, "S1", "S2")
        if emergency and not any(s.rule == "S1" for s in active):
            stop = self.open_stop("S1", day)
            self.advise(AdvisoryKind.URGENT, day, ["S1"], _s1_text(emergency), stop)
        elif not emergency and not [s for s in active if not s.history]:
            stop = self.open_stop("S2", day)
            self.advise(AdvisoryKind.URGENT, day, ["S2"], _s2_text(flags), stop)

    def strain_check(self, day: date, c: CheckIn, episode: _Episode) -> None:
        """A8: on or after the window's last day, pain that has not eased stops running."""
        if episode.kind not in STRAIN_KINDS:
            return
        last = episode.start + timedelta(days=self.runner.strain_rest_days - 1)
        eased = c.pain <= EASED_PAIN or c.pain <= episode.worst - EASED_DROP
        if day < last or eased:
            return
        if day not in self.rested:
            # Choice (resting wins): pain that has not eased after the window rests running
            # for a window's length from that day even if a clinician clears the A8 stop
            # the same day - as long as a new episode would have (docs/conditions.md).
            self.rested.append(day)
        if not any(s.episode is episode for s in self.active(day, "A8")):
            stop = self.open_stop("A8", day, episode)
            self.advise(AdvisoryKind.CONSULT, day, ["A8"], _a8_text(c.pain), stop)

    def usual_run(self) -> int:
        return self.runner.weekly_run_minutes // self.runner.run_days

    # ---------------------------------------------------------------- allowance

    def allowance(self, day: date, restart: bool, c: CheckIn | None) -> Allowance:
        active = self.active(day)
        rules: list[str] = []
        blocked = any(s.rule in {"S1", "S2"} for s in active)
        rest = timedelta(days=self.runner.strain_rest_days)
        window = [
            e for e in self.episodes if e.kind in STRAIN_KINDS and e.start <= day < e.start + rest
        ]
        painful = any(d <= day < d + rest for d in self.rested)
        running_stops = [s for s in active if s.rule in RUNNING_STOPS]
        rules += sorted({s.rule for s in active}, key=_rule_order)
        if window or painful:
            rules.insert(0, "A7")
        if blocked:
            return Allowance(
                run=RunMode.NONE, cross=False, strength=False, blocked=True, rules=tuple(rules)
            )
        if window or running_stops or painful:
            mode = RunMode.NONE
            if self.ladder is not None and not self.ladder.complete and not blocked:
                # Choice: a return interrupted by new rest starts the ladder again.
                self.ladder, restart = LadderState(), True
        elif self.ladder is not None and not self.ladder.complete:
            mode = RunMode.LADDER
            rules.append("R2")
        else:
            mode = RunMode.FULL
        cross = not window and all(self.cross_ok(day, s) for s in running_stops)
        strength = not window and not running_stops and not painful
        recovery = None
        if window:
            recovery = "ice" if any(e.start == day for e in window) else "heat"
        mobility = None
        if window or running_stops or painful:
            mobility = "pt" if any(s.rule == "A10" for s in running_stops) else "gentle"
        cap = self.usual_run() if any(s.rule == "A11" for s in active) else None
        step_back = c is not None and (
            (c.run_pain is not None and c.run_pain > R3_RUN_PAIN) or c.settled_by_morning is False
        )
        if step_back:
            rules.append("R3")
        return Allowance(
            run=mode,
            cross=cross,
            strength=strength,
            recovery=recovery,
            mobility=mobility,
            run_cap=cap,
            ladder_restart=restart,
            step_back=step_back,
            rules=tuple(dict.fromkeys(rules)),
        )

    def cross_ok(self, day: date, stop: _Stop) -> bool:
        """A9/A10: bike or swim only on a known pain-free day; other stops allow it."""
        if stop.rule not in {"A9", "A10"}:
            return True
        latest = [c for d, c in self.checkins.items() if stop.begin <= d <= day]
        if not latest:
            return False
        last = max(latest, key=lambda c: c.date)
        return last.pain == 0 and not last.radiating

    def replay_logged_run(self, allowance: Allowance, c: CheckIn | None) -> None:
        """Before the plan: a run the runner logged on a ladder day counts as done (R2)."""
        if self.ladder is None:
            return
        if c is not None and c.run_pain is not None and allowance.run is RunMode.LADDER:
            self.ladder = self.ladder.after(allowance.step_back)
        elif allowance.step_back and not self.ladder.complete:
            self.ladder = self.ladder.back()

    # ---------------------------------------------------------------- advisories

    def advisories(self) -> tuple[Advisory, ...]:
        out: list[Advisory] = []
        for advisory, stop in self.notes:
            if advisory.date > self.end:
                continue
            if advisory.date < self.start:
                if stop is None or not stop.active(self.start):
                    continue
                advisory = advisory.model_copy(update={"date": self.start})
            out.append(advisory)
        out += self.window_notes()
        out += self.re_reviews()
        return tuple(out)

    def window_notes(self) -> list[Advisory]:
        """A7: the dated reminder on the first day after each strain window."""
        out = []
        for e in self.episodes:
            if e.kind in STRAIN_KINDS:
                day = e.start + timedelta(days=self.runner.strain_rest_days)
                if self.start <= day <= self.end:
                    out.append(
                        Advisory(
                            kind=AdvisoryKind.NOTE,
                            date=day,
                            rules=["A7", "A8"],
                            message=_WINDOW_TEXT,
                        )
                    )
        return out

    def re_reviews(self) -> list[Advisory]:
        """A10: a re-review six weeks after onset while still symptomatic and not cleared."""
        out = []
        for e in self.episodes:
            if e.kind not in DISC_KINDS:
                continue
            due = e.start + timedelta(days=RE_REVIEW_DAYS)
            if not e.open_on(due) or due > self.end:
                continue
            if self.start > due and not e.open_on(self.start):
                continue
            seen = [c for d, c in self.checkins.items() if e.start <= d <= due]
            last = max(seen, key=lambda c: c.date) if seen else None
            if last is None or last.pain > 0 or last.radiating:
                out.append(
                    Advisory(
                        kind=AdvisoryKind.CONSULT,
                        date=max(due, self.start),
                        rules=["A10"],
                        message=_re_review_text(e.start),
                    )
                )
        return out


def derive_timeline(runner: Runner, start: date, n_days: int) -> Timeline:
    """The allowance of every day from ``start`` for ``n_days`` days, and the advisories."""
    end = start + timedelta(days=n_days - 1)
    if not runner.conditions and not runner.checkins:
        return Timeline(start=start, days=tuple(FULL for _ in range(n_days)))
    firsts = [c.onset for c in runner.conditions] + [c.date for c in runner.checkins]
    derivation = _Derivation(runner, start, end, checkins={c.date: c for c in runner.checkins})
    timeline = derivation.walk(min([start, *firsts]))
    days = tuple(FULL if a == FULL else a for a in timeline.days)  # share the FULL object
    return Timeline(start=start, days=days, advisories=timeline.advisories, ladder=timeline.ladder)


_ORDER = ("S1", "S2", "S3", "A7", "A8", "A9", "A10", "A11", "R1", "R2", "R3")


def _rule_order(rule: str) -> int:
    return _ORDER.index(rule) if rule in _ORDER else len(_ORDER)


# ------------------------------------------------------------------ wording (S5)

_A9_TEXT = (
    "Pain that runs into a leg: see a spine specialist now. No running until a clinician "
    "clears you; keep moving gently, and bike or swim only on pain-free days."
)
_A10_TEXT = (
    "Disc problems and sciatica need a longer break from running, physical therapy and a "
    "spine specialist's care. No running until your clinician clears you; do your "
    "physical-therapy exercises, and bike or swim only on days you log as pain-free."
)
_WINDOW_TEXT = (
    "The strain rest days are over. Before you run today: if the pain has not eased, do not "
    "run; see a spine specialist, and log a check-in so the plan can adjust."
)


def _s1_text(flags: set[RedFlag]) -> str:
    named = ", ".join(sorted(f.value.replace("_", " ") for f in flags))
    return (
        f"Seek emergency care now (you reported: {named}). These symptoms need urgent "
        "medical attention. No training of any kind until a clinician has seen you; then log "
        "a check-in with clinician_cleared = true."
    )


def _s2_text(flags: set[RedFlag]) -> str:
    named = ", ".join(sorted(f.value.replace("_", " ") for f in flags))
    return (
        f"See a doctor today (you reported: {named}). No training until a clinician has "
        "reviewed you; then log a check-in with clinician_cleared = true."
    )


def _s3_text(age: int) -> str:
    return (
        f"New back pain at age {age} deserves a specialist's look: see a spine specialist. "
        "Until you are cleared the plan keeps to walking, gentle mobility and easy bike or "
        "swim sessions."
    )


def _a8_text(pain: int) -> str:
    return (
        f"Your back pain has not eased ({pain}/10) after the rest days: stop running and see a "
        "spine specialist. Running returns, step by step, once a clinician clears you."
    )


def _a11_text(usual: int) -> str:
    return (
        "Pain after long runs: see a spine specialist. Until a clinician clears you, no run is "
        f"longer than your usual {usual} minutes."
    )


def _r1_text(c: CheckIn) -> str:
    leg = ", into a leg" if c.radiating else ""
    return (
        f"Pain came back after your clearance ({c.pain}/10{leg}): stop running and check with "
        "your clinician. Running returns through the walk-run steps once you are cleared again."
    )


def _re_review_text(onset: date) -> str:
    return (
        f"Six weeks since this began ({onset.isoformat()}): if you still have symptoms, ask your "
        "spine specialist for a re-review."
    )
