"""The rule catalog (RULES.md) in code: ids, our one-line wording, defaults, sources.

Sessions, advisories and violations cite these ids.  The validator lives in
:mod:`runplan.validation`; this module holds only the catalog and the disclaimer.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from types import MappingProxyType

__all__ = ["DISCLAIMER", "RULES", "Rule"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of RULES.md: ``title`` is the short name a calendar entry cites."""

    id: str
    group: str
    text: str
    default: str
    source: str
    title: str = ""


#: S4: the short, plain disclaimer carried by every runner-facing output.
DISCLAIMER = (
    "General fitness planning, not medical advice. Stop and seek medical help at once "
    "if you have numbness around the groin or buttocks, new bladder or bowel trouble, "
    "weakness or pain in both legs, or other red-flag symptoms."
)

_CATALOG: tuple[Rule, ...] = (
    Rule(
        "S1",
        "safety",
        "Emergency red flags (saddle numbness, new bladder or bowel trouble, symptoms in "
        "both legs, worsening leg weakness, pain after major trauma or with chest pain): no "
        "training at all; seek emergency care now.",
        "-",
        "ADD: NHS back-pain and cauda equina guidance; NICE NG59; AHCPR red-flag table",
    ),
    Rule(
        "S2",
        "safety",
        "Urgent red flags (fever or feeling unwell, past cancer, unexplained weight loss, "
        "night pain not eased by rest, long-term steroids or immunosuppression, a fall with "
        "osteoporosis): no training until a clinician has reviewed; see a doctor today.",
        "-",
        "ADD: NHS; Verhagen 2016 (Eur Spine J); Chou 2007 (ACP/APS)",
    ),
    Rule(
        "S3",
        "safety",
        "New back pain over age 50 or under 20: only walking, mobility and non-impact "
        "cross-training, and a specialist consult.",
        "ages 20 / 50",
        "ADD: AHCPR; RCEM",
    ),
    Rule(
        "S4",
        "safety",
        "Every output a runner reads carries a short disclaimer: fitness planning, not "
        "medical advice; stop and seek help on red-flag symptoms.",
        "-",
        "ADD: general-wellness practice",
    ),
    Rule(
        "S5",
        "safety",
        "Never medication doses, diagnoses, promises of prevention or return dates, orthotics "
        "or back belts; ice, heat, surfaces and shoes are comfort or convention.",
        "-",
        "ADD: NICE NG59; Buist 2008; Theisen 2014",
    ),
    Rule(
        "A1",
        "article",
        "Each week has run days plus bike or swim days, so heart and lungs stay fit while the "
        "spine rests.",
        "3 run + 2 cross-training days",
        'ART ("three days running, bike or swim the other two")',
    ),
    Rule(
        "A2",
        "article",
        "Every run opens with easy walking and gentle back stretches.",
        "10 min (5 walk + 5 stretch); range 5-15",
        "ART; ACSM warm-up guidance",
    ),
    Rule(
        "A3",
        "article",
        "Core and back strength sessions every week.",
        "2 days; range 1-4",
        'ART ("weight training ... core and back muscles")',
    ),
    Rule(
        "A4",
        "article",
        "Never run on two days in a row, across week boundaries too: cross-train or rest in "
        "between.",
        "on",
        'ART (cross-train "to avoid repeatedly stressing the back")',
    ),
    Rule(
        "A5",
        "article",
        "Run in well-cushioned, supportive shoes; near 480 km on a pair, plan to replace them "
        "by 800 km.",
        "480 / 800 km",
        "ART; shoe mileage is convention (Cook 1985)",
    ),
    Rule(
        "A6",
        "article",
        "Run on the softest surface available (grass, dirt, trail before track, treadmill, road).",
        "on",
        "ART (grass or dirt rather than concrete)",
    ),
    Rule(
        "A7",
        "article",
        "After a muscle strain (or new back pain): no running on the onset day and the next "
        "two; ice for the first day, heat after; gentle mobility and easy walking daily.",
        "3 days, minimum 2",
        "ART; Cochrane (Dahm 2010, stay active)",
    ),
    Rule(
        "A8",
        "article",
        "Pain that has not eased when the strain window ends: see a spine specialist, and no "
        "running until cleared.",
        "after the A7 window",
        'ART ("if the pain does not ease over a few days of rest")',
    ),
    Rule(
        "A9",
        "article",
        "Pain running into a leg: see a spine specialist now, and no running until cleared.",
        "-",
        "ART",
    ),
    Rule(
        "A10",
        "article",
        "Disc problems or sciatica: no running until cleared, physical-therapy exercises, "
        "non-impact cross-training only while pain-free, a re-review after 6 weeks.",
        "6 weeks",
        "ART (longer rest, therapy, spine doctor); Jensen 2019 (BMJ)",
    ),
    Rule(
        "A11",
        "article",
        "Pain after long runs: see a spine specialist, and keep long runs to the usual run length.",
        "-",
        'ART ("if long distance running is causing your back to hurt")',
    ),
    Rule(
        "A12",
        "article",
        "Form cues on every run: run tall, relax the shoulders, take short quick steps.",
        "-",
        "ART (stride and upper-body posture strain the back)",
    ),
    Rule(
        "A13",
        "article",
        "Every session states its effort (RPE 0-10) with a talk-test cue; every run "
        "and walk-run carries a stop rule: pain above 3/10 during it, or not settled by the "
        "next morning, means stop, log a check-in and let the plan adjust.",
        "easy RPE 2-3; strength 4-5",
        "ADD: Foster 2001 (CR-10); R3",
    ),
    Rule(
        "A14",
        "article",
        "Strength progresses every two weeks that are not recovery weeks, up to a stated "
        "ceiling, and steps back a level for each week without strength; walking during a "
        "running stop grows from 15 minutes easy by 10 % or 5 minutes a week to 30 brisk.",
        "2 weeks; walks 15 -> 30 min",
        "ADD: ACSM progression; NHS (gentle exercise as soon as you can)",
    ),
    Rule(
        "R1",
        "return",
        "After a stop, running returns only from a clearance, and only while later check-ins "
        "show pain of 2/10 or less, no leg pain and no red flags.",
        "-",
        "ADD: adapted from return-to-run criteria (George 2024, Sports Med)",
    ),
    Rule(
        "R2",
        "return",
        "Return through a walk-run ladder defined by jogging minutes: a pain-free 30-minute "
        "brisk walk first (step 0), then steps from 1 minute of jogging per 5-minute block to "
        "continuous jogging; each step at most doubles the jogging (or adds at most 5 "
        "minutes), is done at least twice, never on consecutive days, on flat even ground.",
        "step 0 brisk walk; at least 6 running steps (docs/coaching.md)",
        "ADD: published return-to-run protocols (walk-jog programs; phases done twice)",
    ),
    Rule(
        "R3",
        "return",
        "Pain above 3/10 during a run, or not settled by the next morning, steps the ladder "
        "back one rung.",
        "3/10",
        "ADD: Silbernagel 2007 (extrapolated)",
    ),
    Rule(
        "R4",
        "return",
        "Ladder integrity: at least two ladder sessions a week where windows allow; a step "
        "goes down only after a check-in under R3; a strain window resumes one step below, a "
        "stop needing clearance restarts at step 0; no recovery week during the ladder or the "
        "two weeks after; complete within 42 days of clearance.",
        "2 / 42 days",
        "ADD: return-to-run protocols; L2 practice",
    ),
    Rule(
        "L1",
        "load",
        "Weekly running time grows at most 10 % a week and 30 % over two weeks, against the "
        "last week that was not a recovery week.",
        "10 % / 30 %",
        "ADD: convention; Nielsen 2014 (JOSPT)",
    ),
    Rule(
        "L2",
        "load",
        "Every 4th week is a recovery week at 75 % of the week before.",
        "4 / 0.75",
        "ADD: convention",
    ),
    Rule(
        "L3",
        "load",
        "At least one full rest day a week (walking and gentle mobility allowed).",
        "1",
        "ADD: WHO 2020 structure; article's rest advice",
    ),
    Rule(
        "L4",
        "load",
        "No run longer than 1.1 times the longest run of the previous 30 days.",
        "1.1",
        "ADD: Frandsen 2025 (BJSM)",
    ),
    Rule(
        "L5",
        "load",
        "Load ratio: session load is RPE x minutes; a 7-day load above the 7 days before "
        "may not exceed 1.3 x the larger of the 28-day weekly mean and a quarter of the usual "
        "week's load.",
        "1.3; floor 0.25",
        "ADD: Gabbett 2016; Windt & Gabbett 2018; Foster 2001 (session RPE)",
    ),
    Rule(
        "L6",
        "load",
        "A real long run: in an unrestricted week with three or more runs, the long run "
        "runs 1.25 to 1.5 times the mean of the other runs; a recovery week cuts it at least "
        "as much as the week.",
        "1.25 / 1.5",
        "ADD: coaching convention (Daniels)",
    ),
    Rule(
        "L7",
        "load",
        "Fewer sessions never means longer ones: no easy run above 1.2 x the week's usual "
        "run when fewer runs fit; no ride above 1.2 x the usual run, no swim above 60 minutes.",
        "1.2 / 60 min",
        "ADD: coaching convention",
    ),
    Rule(
        "X1",
        "load",
        "Cross-training stands in for running minute for minute at easy effort; swimming needs "
        "a pool, cycling a bike.",
        "1.0",
        "ADD: time-at-effort convention; Compendium METs",
    ),
    Rule(
        "X2",
        "load",
        "Cross-training holds the load: when a rule stops running but allows cross-training, "
        "the run becomes a ride or swim of the same minutes; a week's no-running days keep "
        "80-110 % of their usual minutes, or P3 says why not.",
        "80-110 %",
        "ADD: Flynn 1998; Wilber 1996; NHS stay active",
    ),
    Rule(
        "H1",
        "log",
        "With a training log, L1 grows the first weeks from the run minutes logged in the 7 "
        "days before the plan (and the 7 before those for the two-week limit), never from "
        "what was planned: missed minutes are never made up, extra minutes count; under one "
        "short run logged, running restarts from one short run.",
        "7 / 14 days; one short run = warm-up + 10 min",
        "ADD: convention; Nielsen 2014 (JOSPT); training-log practice",
    ),
    Rule(
        "H2",
        "log",
        "With a training log, L4 looks back at the logged runs of the 30 days, minutes as "
        "logged; with none logged there, at one short run.",
        "30 days; 1.1",
        "ADD: Frandsen 2025 (BJSM)",
    ),
    Rule(
        "H3",
        "log",
        "With a training log, L5 counts the days before the plan as logged (from the log's "
        "first day, at the latest 7 days before the plan): the logged RPE, else a default per "
        "kind (run, bike, swim 2.5; strength 4.5; walk 0; other 2.5), times the minutes.",
        "RPE defaults as stated",
        "ADD: Foster 2001 (session RPE)",
    ),
    Rule(
        "D1",
        "dates",
        "Days away (a trip, a holiday): no session on those days, a note naming them, and "
        "no make-up afterwards: a week with days away is no L1 reference and the next grows "
        "from the last full week.",
        "-",
        "runplan (issue 14)",
    ),
    Rule(
        "D2",
        "dates",
        "Recurring exceptions (an RFC 5545 RRULE from a date, e.g. alternate Saturdays): on "
        "its dates the listed windows, or the whole day, are not available.",
        "-",
        "runplan (issue 14); RFC 5545 section 3.3.10",
    ),
    Rule(
        "T1",
        "race",
        "Taper into a goal race: the last one (up to 10 km) or two weeks (longer races) ease "
        "off in steps from the last growth week (80 %, then 60 %), and no run in the final "
        "10 days, the race aside, is longer than the longest run before them.",
        "60-80 %; 10 days",
        "ADD: taper convention (Mujika & Padilla 2003; Bosquet 2007 meta-analysis)",
    ),
    Rule(
        "T2",
        "race",
        "Race day: the race is a run on its date and start time, with the usual warm-up and "
        "its expected minutes at race effort (RPE 7-9), alone on its day, no run the day "
        "before or after, an easy week after; where it breaks L4 or L5 its note says so.",
        "RPE 7-9; 6.5 min/km without a time",
        "ADD: coaching convention; Foster 2001 (session RPE)",
    ),
    Rule(
        "T3",
        "race",
        "Nothing about a race overrides a back rule: when running is stopped or returning "
        "within 14 days of it, the plan does not build toward it and says so, leaving the "
        "decision to the runner and their clinician (no promise of a return date, S5).",
        "14 days",
        "ADD: NICE NG59; S5",
    ),
    Rule(
        "P1",
        "placement",
        "Every session sits inside one of the runner's time windows for that weekday, in the "
        "runner's time zone.",
        "-",
        "runplan",
    ),
    Rule(
        "P2",
        "placement",
        "At most two sessions a day; a day never holds two runs, two cross-training sessions, "
        "or a run and a cross-training session.",
        "2",
        "runplan",
    ),
    Rule(
        "P3",
        "placement",
        "A wish that cannot be met is named in an advisory with the reason; nothing is dropped "
        "silently.",
        "-",
        "runplan",
    ),
    Rule(
        "P4",
        "placement",
        "Advisories are few and true: one per cause over a run of weeks (with its range), "
        "at most one consult a day, the rule that really stopped a session, nothing about "
        "running on a day without running, at most 300 characters each.",
        "300 chars",
        "ADD: alert-fatigue practice",
    ),
)

#: The short title of each rule, as a calendar entry's "Why" line cites it.
_TITLES: dict[str, str] = {
    "S1": "emergency red flags",
    "S2": "urgent red flags",
    "S3": "age caution",
    "S4": "disclaimer",
    "S5": "no doses or promises",
    "A1": "run and cross-train",
    "A2": "warm-up",
    "A3": "core and back strength",
    "A4": "no back-to-back runs",
    "A5": "cushioned shoes",
    "A6": "soft surfaces",
    "A7": "strain rest window",
    "A8": "pain not eased",
    "A9": "leg pain",
    "A10": "disc problems",
    "A11": "pain after long runs",
    "A12": "form cues",
    "A13": "effort and stop rule",
    "A14": "progression",
    "R1": "clearance first",
    "R2": "walk-run ladder",
    "R3": "pain monitoring",
    "R4": "ladder integrity",
    "L1": "gradual growth",
    "L2": "recovery weeks",
    "L3": "rest day",
    "L4": "long-run cap",
    "L5": "load ratio",
    "L6": "real long run",
    "L7": "no longer sessions",
    "X1": "cross-training for running",
    "X2": "cross-training holds load",
    "H1": "growth from the log",
    "H2": "long runs from the log",
    "H3": "load from the log",
    "D1": "days away",
    "D2": "recurring exceptions",
    "T1": "taper",
    "T2": "race day",
    "T3": "back before race",
    "P1": "your time windows",
    "P2": "two sessions a day",
    "P3": "unmet wishes named",
    "P4": "few, true advisories",
}

#: Rule id -> rule, in catalog order.
RULES: MappingProxyType[str, Rule] = MappingProxyType(
    {r.id: replace(r, title=_TITLES[r.id]) for r in _CATALOG}
)
