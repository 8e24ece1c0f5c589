"""RFC 5545 recurrence rules for the profile's ``unavailable`` exceptions (D2), read with
python-dateutil's ``rrulestr``.

The text is checked part by part first, so that an error names the part that failed,
and only date-level rules are taken (FREQ DAILY to YEARLY, no BYHOUR and finer): an
exception takes out days or windows of days.  A rule without COUNT or UNTIL is bounded
at the last date runplan plans (DATE_MAX), so that even a rule that never matches costs
a bounded walk; the dates of each year are computed once.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from dateutil.rrule import rrule, rrulestr

from runplan.rules.limits import DATE_MAX

__all__ = ["RuleError", "check_rule", "first_date", "rule_dates"]

_FREQS = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_PART = re.compile(r"^([A-Z]+)=([A-Za-z0-9,+\-]+)$")
#: Numeric parts and the values they allow (0 is never allowed where a sign is).
_RANGES = {
    "INTERVAL": (1, 1000, False),
    "COUNT": (1, 100_000, False),
    "BYMONTH": (1, 12, False),
    "BYMONTHDAY": (-31, 31, True),
}
_OTHER = {"FREQ", "UNTIL", "BYDAY", "WKST"}
_ALLOWED = "FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTH, BYMONTHDAY, WKST"
#: The most days each month can have (February in a leap year).
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_ORDINAL = re.compile(r"^([+-]?\d{1,2})(MO|TU|WE|TH|FR|SA|SU)$")
_LAST = datetime.combine(DATE_MAX, time())
_UNTIL = re.compile(r"\d{8}(?:T\d{6})?")
_UNTIL_LOWER = re.compile(r"\d{8}(?:[Tt]\d{6}[Zz]?)?")
_UNTIL_UTC = re.compile(r"^(UNTIL=\d{8}(?:T\d{6})?)Z$")


class RuleError(ValueError):
    """A rule that is not a valid date-level RRULE; the message names the part."""


def check_rule(text: str) -> str:
    """``text`` (an ``RRULE:`` prefix allowed) as a canonical rule, or :class:`RuleError`
    naming the part that failed and what is allowed."""
    body = text.strip()
    if body[:6].upper() == "RRULE:":
        body = body[6:]
    # UNTIL in UTC ("...Z") is read as the runner's local date-time: the rule is about
    # local dates (a DATE or floating DTSTART, RFC 5545 3.3.10).
    parts = [_UNTIL_UTC.sub(r"\1", _upper(p.strip())) for p in body.split(";") if p.strip()]
    if not parts or len(body) > 300:
        raise RuleError(f'"{text[:80]}" is not an RRULE; allowed: e.g. "FREQ=WEEKLY;BYDAY=SA"')
    names = [_check_part(part) for part in parts]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise RuleError(f'the part "{twice[0]}" is given twice; allowed: each part once')
    freq = next((p.split("=", 1)[1] for p in parts if p.startswith("FREQ=")), None)
    if freq not in _FREQS:
        raise RuleError(
            f'the part "FREQ={freq or "(missing)"}" is not allowed; allowed: FREQ= one of '
            + ", ".join(_FREQS)
        )
    if "COUNT" in names and "UNTIL" in names:
        raise RuleError('the parts "COUNT" and "UNTIL" are both given; allowed: one of them')
    _check_possible(dict(p.split("=", 1) for p in parts))
    for i, part in enumerate(parts):
        try:
            rrulestr(";".join(parts[: i + 1]), dtstart=datetime(2000, 1, 1))
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            raise RuleError(f'the part "{part}" is not valid: {str(exc)[:120]}') from None
    return ";".join(parts)


def _upper(part: str) -> str:
    """RFC 5545 names and codes are case-insensitive: ``byday=sa`` is ``BYDAY=SA`` (other
    values keep their case, so that an error shows what was written)."""
    name, sep, value = part.partition("=")
    name = name.upper()
    if name in ("FREQ", "BYDAY", "WKST", "UNTIL"):
        value = value.upper() if name != "UNTIL" or _UNTIL_LOWER.fullmatch(value) else value
    return f"{name}{sep}{value}"


def _check_part(part: str) -> str:
    match = _PART.match(part)
    if match is None:
        raise RuleError(f'the part "{part[:60]}" is not NAME=VALUE of an RRULE')
    name, value = match.groups()
    if name in _RANGES:
        low, high, signed = _RANGES[name]
        for item in value.split(","):
            number = int(item) if re.fullmatch(r"[+-]?\d{1,6}", item) else None
            if number is None or not low <= number <= high or (signed and number == 0):
                raise RuleError(
                    f'the part "{part[:60]}" is not valid: {item[:20]!r}; allowed: whole '
                    f"numbers {low} to {high}" + (", not 0" if signed else "")
                )
    elif name == "UNTIL" and not _UNTIL.fullmatch(value):
        raise RuleError(
            f'the part "{part[:60]}" is not valid: allowed: a date YYYYMMDD or a date-time '
            "YYYYMMDDTHHMMSS (a trailing Z is read as local)"
        )
    elif name not in _OTHER:
        raise RuleError(f'the part "{part[:60]}" is not allowed; allowed: {_ALLOWED}')
    return name


def _check_possible(parts: dict[str, str]) -> None:
    """Refuse the combinations that can never give a date, which dateutil would only
    find out by walking to the year 9999: a month day no listed month has, an nth
    weekday beside a month day, an nth weekday out of range, a daily rule stepping whole
    weeks onto other weekdays."""
    months = [int(m) for m in parts.get("BYMONTH", "").split(",") if m] or range(1, 13)
    longest = max(_MONTH_DAYS[m - 1] for m in months)
    for item in (d for d in parts.get("BYMONTHDAY", "").split(",") if d):
        if abs(int(item)) > longest:
            raise RuleError(
                f'the part "BYMONTHDAY={parts["BYMONTHDAY"][:30]}" is not valid: no month of '
                f"the rule has a day {item}; allowed: days its months have"
            )
    ordinals = [_ORDINAL.match(d) for d in parts.get("BYDAY", "").split(",") if d]
    nth = [int(m.group(1)) for m in ordinals if m is not None]
    limit = 53 if parts["FREQ"] == "YEARLY" and "BYMONTH" not in parts else 5
    if nth and ("BYMONTHDAY" in parts or parts["FREQ"] in ("DAILY", "WEEKLY")):
        raise RuleError(
            f'the part "BYDAY={parts["BYDAY"][:30]}" is not valid here: an nth weekday needs '
            "FREQ=MONTHLY or YEARLY and no BYMONTHDAY"
        )
    if any(n == 0 or abs(n) > limit for n in nth):
        raise RuleError(
            f'the part "BYDAY={parts["BYDAY"][:30]}" is not valid: allowed: nth weekdays '
            f"-{limit} to {limit}, not 0"
        )
    step = int(parts.get("INTERVAL", "1"))
    if parts["FREQ"] == "DAILY" and step % 7 == 0 and "BYDAY" in parts:
        raise RuleError(
            f'the parts "FREQ=DAILY;INTERVAL={step}" with BYDAY may never meet those weekdays; '
            "allowed: FREQ=WEEKLY with BYDAY"
        )


@lru_cache(maxsize=256)
def _rule(text: str, anchor: date) -> rrule:
    """The parsed rule from midnight of ``anchor``, bounded at DATE_MAX when it has no
    end of its own."""
    parsed = rrulestr(text, dtstart=datetime.combine(anchor, time()))
    if not isinstance(parsed, rrule):  # pragma: no cover - a bare RRULE gives an rrule
        raise RuleError(f"{text!r} is not a single rule")
    if "COUNT=" not in text and "UNTIL=" not in text:
        parsed = parsed.replace(until=_LAST)
    return parsed


def first_date(text: str, anchor: date) -> date | None:
    """The rule's first date on or after ``anchor`` (None: it never gives one)."""
    found = _rule(text, anchor).after(datetime.combine(anchor, time()), inc=True)
    return None if found is None else found.date()


@lru_cache(maxsize=1024)
def rule_dates(text: str, anchor: date, year: int) -> frozenset[date]:
    """The rule's dates in ``year`` (each year's computed once)."""
    first = datetime(year, 1, 1)
    last = first.replace(month=12, day=31)
    found = _rule(text, anchor).between(first, last + timedelta(hours=23), inc=True)
    return frozenset(moment.date() for moment in found)
