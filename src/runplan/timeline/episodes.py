"""Event replay: conditions, check-ins, health and clearances -> episodes and stops.

Replayed day by day in date order, because what a report means depends on what came
before it (an open episode takes in a painful day, R1 watches only after a clearance,
A8 compares with the worst pain since onset).  Each stop that starts gives its advisory
at once; the day walk (:mod:`runplan.timeline.derive`) asks the records what a day
allows.  The rules are those of docs/conditions.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from runplan.models import Advisory, AdvisoryKind, CheckIn, Condition, ConditionKind, Runner
from runplan.rules.limits import (
    AGE_OLD,
    AGE_YOUNG,
    DISC_CONDITIONS,
    EASED_DROP,
    EASED_PAIN,
    EMERGENCY_FLAGS,
    EPISODE_PAIN,
    FLARE_PAIN,
    STRAIN_CONDITIONS,
)
from runplan.timeline import advice
from runplan.timeline.allowance import LadderState, new_ladder
from runplan.timeline.records import RUNNING_STOPS, Episode, Note, Stop

__all__ = ["Replay", "usual_run"]


@dataclass
class Replay:
    """The episodes, stops and advisories up to the day last replayed, and the ladder.

    ``ladder`` is set when a running stop is cleared (R1/R2); the day walk advances it.
    """

    runner: Runner
    checkins: dict[date, CheckIn]
    episodes: list[Episode] = field(default_factory=list)
    stops: list[Stop] = field(default_factory=list)
    live: list[Stop] = field(default_factory=list)  # stops not ended before the last day asked
    onsets: dict[date, list[Condition]] = field(default_factory=dict)  # conditions by onset
    clearing: dict[date, list[Episode]] = field(default_factory=dict)  # episodes by cleared
    notes: list[Note] = field(default_factory=list)
    latest: CheckIn | None = None  # the check-in of the last day replayed that had one
    ladder: LadderState | None = None
    cleared_on: date | None = None  # a running stop was cleared: R1 watches after that day
    rested: list[date] = field(default_factory=list)  # painful days that rest running (A7)
    history_fired: bool = False  # S2 from health.history has fired at the first back pain

    # ---------------------------------------------------------------- records

    def open_stop(
        self,
        rule: str,
        day: date,
        kind: AdvisoryKind,
        message: str,
        episode: Episode | None = None,
        *,
        history: bool = False,
        reason: str = "",
    ) -> None:
        """Start a ``rule`` stop on ``day`` and give its advisory, dated that day
        (``reason``: its cause in a few words, for a consult combined with others, P4)."""
        stop = Stop(rule, day, episode, history=history)
        self.stops.append(stop)
        self.live.append(stop)
        advisory = Advisory(kind=kind, date=day, rules=[rule], message=message)
        self.notes.append(Note(advisory, stop, reason))

    def active(self, day: date, *rules: str) -> list[Stop]:
        """The stops active on ``day`` (only those of ``rules`` when given).  The walk only
        moves forward: a stop that has ended by ``day`` is never active again."""
        self.live = [s for s in self.live if s.ended is None or s.ended > day]
        return [s for s in self.live if s.active(day) and (not rules or s.rule in rules)]

    # ---------------------------------------------------------------- the day's events

    def events(self, day: date) -> bool:
        """Apply onsets, clearances and the day's check-in; True if a ladder restarts today."""
        restart = False
        for condition in self.onsets.get(day, ()):
            self.start_episode(condition.kind, day, condition.cleared)
        for episode in self.clearing.get(day, ()):
            restart |= self.clear(day, [s for s in self.active(day) if s.episode is episode])
        checkin = self.checkins.get(day)
        if checkin is not None:
            self.latest = checkin
            restart |= self.checkin(day, checkin)
        return restart

    def start_episode(self, kind: ConditionKind, day: date, cleared: date | None) -> Episode:
        """An episode starts: A10 for a disc condition, S3 by age, S2 by history."""
        episode = Episode(kind, day, cleared)
        self.episodes.append(episode)
        if cleared is not None:
            self.clearing.setdefault(cleared, []).append(episode)
        health = self.runner.health
        if kind in DISC_CONDITIONS:
            self.open_stop(
                "A10", day, AdvisoryKind.CONSULT, advice.DISC_TEXT, episode, reason=advice.DISC_WHY
            )
        age = health.age if health else None
        if age is not None and (age > AGE_OLD or age < AGE_YOUNG):
            message, why = advice.age_text(age), advice.age_why(age)
            self.open_stop("S3", day, AdvisoryKind.CONSULT, message, episode, reason=why)
        if health and health.history:
            _history_stop(self, day, episode)
        return episode

    def clear(self, day: date, stops: list[Stop]) -> bool:
        """End ``stops`` on ``day``; a running stop cleared starts the ladder at step 0
        (R1/R2; R4: a stop that needs a clearance restarts it).  True if it did."""
        for stop in stops:
            stop.ended = day
        if not any(s.rule in RUNNING_STOPS for s in stops):
            return False
        self.cleared_on = day
        self.ladder = new_ladder(self.runner)
        return True

    # ---------------------------------------------------------------- a check-in

    def checkin(self, day: date, c: CheckIn) -> bool:
        """Replay one check-in in the contract's order; True if a clearance restarts the
        ladder.  A clearance first ends what began before today, and at the end what
        today's own reports began (docs/conditions.md, "Clearances")."""
        restart = c.clinician_cleared and self.clinician_clearance(day, c, earlier=True)
        if c.red_flags:
            self.red_flags(day, c)
        # Episodes a clinician closes today do not take in today's pain (docs/conditions.md).
        open_episodes = [] if c.clinician_cleared else [e for e in self.episodes if e.open_on(day)]
        self.flare(day, c)
        open_episodes += self.painful_day(day, c, open_episodes)
        if c.radiating and not self.active(day, "A9"):
            why = advice.RADIATING_WHY
            self.open_stop("A9", day, AdvisoryKind.CONSULT, advice.RADIATING_TEXT, reason=why)
        for episode in open_episodes:
            episode.worst = max(episode.worst, c.pain)
            self.strain_check(day, c, episode)
        if c.after_long_run and c.pain > 0 and not self.active(day, "A11"):
            message = advice.long_run_text(usual_run(self.runner))
            why = advice.LONG_RUN_WHY
            self.open_stop("A11", day, AdvisoryKind.CONSULT, message, reason=why)
        if c.clinician_cleared:
            restart |= self.clinician_clearance(day, c, earlier=False)
        return restart

    def clinician_clearance(self, day: date, c: CheckIn, *, earlier: bool) -> bool:
        """A clinician who cleared the runner today saw today's pain too: every stop that
        began up to today ends, except a red-flag episode, which needs a later clearance
        that reports no red flag (docs/conditions.md).  ``earlier`` clears the stops that
        began before today, the second call those that today's report began and closes the
        open episodes.  True if a running stop was cleared (the ladder restarts)."""

        def ends(stop: Stop) -> bool:
            if (stop.begin < day) != earlier:
                return False
            if stop.rule == "A9" and stop.begin == day:
                return False  # leg pain reported at the clearance itself needs a later one
            if stop.rule in {"S1", "S2"} and not stop.history:
                return stop.begin < day and not c.red_flags
            return True

        restart = self.clear(day, [s for s in self.active(day) if ends(s)])
        if not earlier:
            for episode in self.episodes:
                if episode.open_on(day):
                    episode.closed = day
        return restart

    def red_flags(self, day: date, c: CheckIn) -> None:
        """S1 for an emergency flag, else S2; one stop per red-flag episode."""
        emergency = {f for f in c.red_flags if f in EMERGENCY_FLAGS}
        active = self.active(day, "S1", "S2")
        if emergency and not any(s.rule == "S1" for s in active):
            self.open_stop("S1", day, AdvisoryKind.URGENT, advice.emergency_text(emergency))
        elif not emergency and not [s for s in active if not s.history]:
            self.open_stop("S2", day, AdvisoryKind.URGENT, advice.urgent_text(set(c.red_flags)))

    def flare(self, day: date, c: CheckIn) -> None:
        """R1 after a clearance (not on a check-in recording one: docs/conditions.md)."""
        watching = self.cleared_on is not None and day > self.cleared_on and not c.clinician_cleared
        if (
            watching
            and not self.active(day, "R1")
            and (c.pain > FLARE_PAIN or c.radiating or c.red_flags)
        ):
            message, why = advice.flare_text(c), advice.flare_why(c)
            self.open_stop("R1", day, AdvisoryKind.CONSULT, message, reason=why)

    def painful_day(self, day: date, c: CheckIn, open_episodes: list[Episode]) -> list[Episode]:
        """Pain at EPISODE_PAIN or more: a new back-pain episode when none is open (returned),
        else a rested day when no strain episode takes it in; and S2 from the history at
        the first pain."""
        started = []
        if c.pain >= EPISODE_PAIN and not open_episodes:
            started.append(self.start_episode(ConditionKind.BACK_PAIN, day, None))
        elif c.pain >= EPISODE_PAIN and not any(e.kind in STRAIN_CONDITIONS for e in open_episodes):
            # Choice (resting wins): a painful day taken in by an open disc episode rests
            # running as long as a new episode's A7 window would; within a strain or
            # back-pain episode A7 and A8 decide, as RULES.md has it (docs/conditions.md).
            self.rested.append(day)
        health = self.runner.health
        if c.pain > 0 and health and health.history and not self.history_fired:
            self.history_fired = True
            _history_stop(self, day, None)
        return started

    def strain_check(self, day: date, c: CheckIn, episode: Episode) -> None:
        """A8: on or after the window's last day, pain that has not eased stops running."""
        if episode.kind not in STRAIN_CONDITIONS:
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
            message = advice.not_eased_text(c.pain)
            why = advice.not_eased_why(c.pain)
            self.open_stop("A8", day, AdvisoryKind.CONSULT, message, episode, reason=why)


def usual_run(runner: Runner) -> int:
    """A11's cap: the runner's usual run length, warm-up included."""
    return runner.weekly_run_minutes // runner.run_days


def _history_stop(replay: Replay, day: date, episode: Episode | None) -> None:
    """S2 from ``health.history``: back pain with that history needs a clinician."""
    assert replay.runner.health is not None
    items = ", ".join(h.value.replace("_", " ") for h in replay.runner.health.history)
    message = advice.history_text(items)
    replay.open_stop("S2", day, AdvisoryKind.URGENT, message, episode, history=True)
