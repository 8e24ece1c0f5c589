"""Hand-built plans for the exporter tests (the scheduler is not used here).

Every plan is built from the public models only, so the exporters are tested against
the Plan contract and not against whatever the scheduler happens to produce.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from runplan.models import (
    Advisory,
    AdvisoryKind,
    Day,
    Intensity,
    Plan,
    Session,
    SessionKind,
    StepKind,
    Surface,
    Warmup,
    WarmupStep,
    Week,
)
from runplan.rules import DISCLAIMER

__all__ = [
    "INJECTION_NAME",
    "NASTY_NAME",
    "all_plans",
    "injection_plan",
    "la_plan",
    "london_dst_plan",
    "nasty_plan",
    "night_dst_plan",
]

NASTY_NAME = 'Zoë "Z" O\'Brien, Jr.; back\\slash\nsecond line 🏃‍♀️ Ünïcødé ☃'
INJECTION_NAME = "Eve\r\nATTENDEE:mailto:x@y\r\nX"


def warmup(minutes: int = 10) -> Warmup:
    walk = minutes // 2
    return Warmup(
        duration_min=minutes,
        steps=[
            WarmupStep(kind=StepKind.WALK, minutes=walk, text="Walk briskly but easily."),
            WarmupStep(
                kind=StepKind.BACK_STRETCH,
                minutes=minutes - walk,
                text="Knee-to-chest, cat-cow and gentle trunk rotations.",
            ),
        ],
    )


def run(
    start: datetime,
    minutes: int,
    *,
    title: str = "Easy run",
    surface: Surface = Surface.GRASS,
    rules: tuple[str, ...] = ("A1", "A2", "A5", "A6", "A12"),
) -> Session:
    return Session(
        kind=SessionKind.RUN,
        title=title,
        start=start,
        duration_min=minutes,
        warmup=warmup(),
        surface=surface,
        intensity=Intensity.EASY,
        content=[f"Run {minutes - 10} min at a conversational pace."],
        notes=[
            "Run tall, relax the shoulders, take short quick steps.",
            "Wear well-cushioned, supportive shoes.",
        ],
        rules=list(rules),
    )


def other(
    kind: SessionKind,
    start: datetime,
    minutes: int,
    title: str,
    *,
    rules: tuple[str, ...] = ("A1", "X1"),
    content: tuple[str, ...] = (),
    intensity: Intensity = Intensity.EASY,
) -> Session:
    return Session(
        kind=kind,
        title=title,
        start=start,
        duration_min=minutes,
        intensity=intensity,
        content=list(content),
        rules=list(rules),
    )


def _week(start: date, sessions: dict[int, list[Session]], *, recovery: bool = False) -> Week:
    days = [Day(date=start + timedelta(days=i), sessions=sessions.get(i, [])) for i in range(7)]
    return Week(start=start, days=days, recovery_week=recovery)


def london_dst_plan(runner: str = "Alex Doe") -> Plan:
    """Two weeks in Europe/London across the change to summer time (Sun 2026-03-29).

    Week 2 is a recovery week.  Times are given with fixed UTC offsets as they come
    out of JSON; the exporter must put them in the plan's zone.
    """
    gmt = ZoneInfo("Europe/London")

    def at(d: date, hh: int, mm: int = 0) -> datetime:
        return datetime(d.year, d.month, d.day, hh, mm, tzinfo=gmt)

    w1 = date(2026, 3, 23)
    w2 = date(2026, 3, 30)
    week1 = _week(
        w1,
        {
            0: [run(at(w1, 6, 30), 40)],
            1: [
                other(
                    SessionKind.BIKE,
                    at(w1 + timedelta(1), 18),
                    45,
                    "Easy bike ride",
                    content=("Spin at an easy effort; you can talk in full sentences.",),
                ),
            ],
            2: [
                other(
                    SessionKind.STRENGTH,
                    at(w1 + timedelta(2), 6, 30),
                    30,
                    "Core and back strength",
                    rules=("A3",),
                    content=(
                        "Bird-dog 3 x 8 each side",
                        "Side plank 3 x 20 s each side",
                        "Glute bridge 3 x 12",
                    ),
                ),
                other(
                    SessionKind.MOBILITY,
                    at(w1 + timedelta(2), 7, 15),
                    15,
                    "Gentle back mobility",
                    rules=("A7",),
                    intensity=Intensity.GENTLE,
                ),
            ],
            3: [run(at(w1 + timedelta(3), 18), 40)],
            # Friday (4): nothing at all -> rest day
            5: [run(at(w1 + timedelta(5), 8), 60, title="Long easy run", surface=Surface.TRAIL)],
            6: [
                # Sunday 29 March: clocks go forward at 01:00 UTC
                other(
                    SessionKind.SWIM,
                    at(w1 + timedelta(6), 9),
                    40,
                    "Easy swim",
                    content=("Easy freestyle or backstroke; rest at the wall as needed.",),
                ),
                other(SessionKind.WALK, at(w1 + timedelta(6), 17), 30, "Easy walk", rules=("L3",)),
            ],
        },
    )
    week2 = _week(
        w2,
        {
            0: [run(at(w2, 6, 30), 35)],
            1: [
                other(
                    SessionKind.STRENGTH,
                    at(w2 + timedelta(1), 18),
                    30,
                    "Core and back strength",
                    rules=("A3",),
                )
            ],
            2: [other(SessionKind.BIKE, at(w2 + timedelta(2), 6, 30), 40, "Easy bike ride")],
            3: [
                other(
                    SessionKind.RECOVERY,
                    at(w2 + timedelta(3), 20),
                    20,
                    "Heat and rest",
                    rules=("A7", "S5"),
                    content=("Warmth on the lower back for comfort.",),
                )
            ],
            4: [run(at(w2 + timedelta(4), 6, 30), 35)],
            6: [run(at(w2 + timedelta(6), 9), 50, title="Long easy run")],
        },
        recovery=True,
    )
    return Plan(
        runner=runner,
        timezone="Europe/London",
        start=w1,
        weeks=[week1, week2],
        advisories=[
            Advisory(
                kind=AdvisoryKind.CONSULT,
                date=date(2026, 3, 25),
                message="See a spine specialist: the pain has not eased after three days. "
                "No running until a clinician clears you.",
                rules=["A8"],
            ),
            Advisory(
                kind=AdvisoryKind.URGENT,
                date=date(2026, 4, 2),
                message="Seek emergency care now; no training until a clinician has reviewed you.",
                rules=["S1"],
            ),
            Advisory(
                kind=AdvisoryKind.NOTE,
                date=date(2026, 3, 29),
                message="Clocks go forward tonight; sessions keep their local times.",
                rules=[],
            ),
            Advisory(
                kind=AdvisoryKind.NOTE,
                date=date(2026, 3, 29),
                message="Your shoes are near 480 km; plan to replace them by 800 km.",
                rules=["A5"],
            ),
            Advisory(
                kind=AdvisoryKind.NOTE,
                date=date(2026, 3, 29),
                message="Only road is available for running; softer ground is kinder.",
                rules=["A5"],
            ),
        ],
        disclaimer=DISCLAIMER,
        revision=datetime(2026, 3, 20, 18, 30, tzinfo=ZoneInfo("Europe/London")),
        generator="runplan 0.1.0",
    )


def la_plan() -> Plan:
    """One week in America/Los_Angeles across the end of summer time (Sun 2026-11-01);
    no revision, so DTSTAMP comes from the start date."""
    la = ZoneInfo("America/Los_Angeles")
    w1 = date(2026, 10, 26)

    def at(offset: int, hh: int, mm: int = 0) -> datetime:
        d = w1 + timedelta(days=offset)
        return datetime(d.year, d.month, d.day, hh, mm, tzinfo=la)

    week = _week(
        w1,
        {
            0: [run(at(0, 6), 40, surface=Surface.TRACK)],
            1: [other(SessionKind.SWIM, at(1, 12), 30, "Lunch swim")],
            2: [run(at(2, 6), 40, surface=Surface.ROAD)],
            3: [
                other(SessionKind.STRENGTH, at(3, 19), 30, "Core and back strength", rules=("A3",))
            ],
            4: [run(at(4, 6), 40, surface=Surface.TREADMILL)],
            5: [other(SessionKind.BIKE, at(5, 8), 60, "Bike ride")],
            6: [other(SessionKind.MOBILITY, at(6, 9), 20, "Gentle back mobility", rules=("L3",))],
        },
    )
    return Plan(
        runner="Jordan Lee",
        timezone="America/Los_Angeles",
        start=w1,
        weeks=[week],
        advisories=[
            Advisory(
                kind=AdvisoryKind.NOTE,
                date=date(2026, 10, 28),
                message="Only track, treadmill and road are available.",
                rules=["A6"],
            ),
        ],
        disclaimer=DISCLAIMER,
    )


def nasty_plan(runner: str = NASTY_NAME) -> Plan:
    """A runner name and texts full of commas, semicolons, backslashes, newlines, emoji
    and other multi-byte characters; long enough to need folding."""
    berlin = ZoneInfo("Europe/Berlin")
    w1 = date(2026, 6, 1)
    long_text = "Ruhig laufen; Schultern locker, kurze Schritte \\ " + "äöü€😀" * 30
    week = _week(
        w1,
        {
            0: [
                Session(
                    kind=SessionKind.RUN,
                    title='Lauf, locker; "leicht" \\ 🏃 ' + "é" * 40,
                    start=datetime(2026, 6, 1, 7, tzinfo=berlin),
                    duration_min=45,
                    warmup=warmup(),
                    surface=Surface.DIRT,
                    content=["Line one,\nline two; with \\ backslash", long_text],
                    notes=["Note with CR\r\nLF and a tab\there", "BEGIN:VEVENT"],
                    rules=["A2", "A12"],
                )
            ],
            2: [
                other(
                    SessionKind.BIKE, datetime(2026, 6, 3, 18, tzinfo=berlin), 60, "Rad; fahren, ☃"
                )
            ],
        },
    )
    return Plan(
        runner=runner,
        timezone="Europe/Berlin",
        start=w1,
        weeks=[week],
        advisories=[
            Advisory(
                kind=AdvisoryKind.CONSULT,
                date=date(2026, 6, 2),
                message="Schmerz strahlt ins Bein aus, bitte Facharzt; danke\\ok\nzweite",
                rules=["A9"],
            ),
        ],
        disclaimer=DISCLAIMER,
        revision=datetime(2026, 5, 30, 12, 0, 0, tzinfo=ZoneInfo("UTC")),
    )


def injection_plan() -> Plan:
    """A runner name that tries to inject CRLF and an ATTENDEE property."""
    return london_dst_plan(runner=INJECTION_NAME)


def night_dst_plan() -> Plan:
    """A session that runs through the spring-forward gap: 00:30 GMT for 120 minutes ends
    at 03:30 BST (two hours of real time), not 02:30."""
    start = datetime(2026, 3, 29, 0, 30, tzinfo=ZoneInfo("Europe/London"))
    week = _week(
        date(2026, 3, 23),
        {6: [other(SessionKind.WALK, start, 120, "Night walk", rules=())]},
    )
    return Plan(
        runner="Night Owl",
        timezone="Europe/London",
        start=date(2026, 3, 23),
        weeks=[week],
        disclaimer=DISCLAIMER,
    )


def all_plans() -> dict[str, Plan]:
    return {
        "london": london_dst_plan(),
        "la": la_plan(),
        "nasty": nasty_plan(),
        "injection": injection_plan(),
        "night": night_dst_plan(),
    }
