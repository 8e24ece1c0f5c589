"""A :class:`~runplan.export.fit.steps.Workout` as the bytes of a FIT workout file,
written by Garmin's own encoder (``garmin_fit_sdk.Encoder``, imported on first use so
that ``import runplan`` stays cheap): never a byte of FIT by hand.

The file holds, in order: ``file_id`` (type ``workout``, manufacturer ``development``,
``time_created`` the session's start in UTC: fixed, never the wall clock), ``workout``
(``wkt_name``, ``sport``, ``sub_sport``, ``num_valid_steps``) and one ``workout_step``
per step: ``duration_type`` ``time`` with ``duration_value`` in milliseconds, target
``open``, an ``intensity``, ``wkt_step_name`` and ``notes``; after the steps of a repeat,
a step ``repeat_until_steps_cmplt`` whose ``duration_value`` is the ``message_index`` of
the repeat's first step and ``target_value`` the number of times.  The same workout gives
the same bytes (the header carries the installed SDK's profile version).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, NamedTuple

from runplan.export.fit.steps import Part, Repeat, Step, Workout

__all__ = ["encode_workout"]

#: The FIT epoch (date_time 0), and the range of date_time values that mean a date: below
#: 0x10000000 a FIT reader takes the value for seconds since the device powered up.
_FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)
_DATE_TIME_MIN, _DATE_TIME_MAX = 0x10000000, 0xFFFFFFFE
#: The product and serial number of every file runplan writes (no device made them).
_PRODUCT = 0
_SERIAL = 1


def encode_workout(workout: Workout) -> bytes:
    """The FIT workout file of ``workout`` (bytes, CRC included)."""
    from garmin_fit_sdk import Encoder, Profile

    numbers: dict[str, int] = Profile["mesg_num"]
    steps = _step_messages(workout.parts)
    encoder = Encoder()
    encoder.write_mesg(
        {
            "mesg_num": numbers["FILE_ID"],
            "type": "workout",
            "manufacturer": "development",
            "product": _PRODUCT,
            "serial_number": _SERIAL,
            "time_created": _time_created(workout.created),
        }
    )
    encoder.write_mesg(
        {
            "mesg_num": numbers["WORKOUT"],
            "wkt_name": workout.name or None,
            "sport": workout.sport,
            "sub_sport": workout.sub_sport,
            "num_valid_steps": len(steps),
        }
    )
    for step in steps:
        encoder.write_mesg({"mesg_num": numbers["WORKOUT_STEP"], **step})
    data: bytes = encoder.close()
    return data


def _time_created(start: datetime) -> datetime | None:
    """The session's start in UTC, whole seconds; None (left out) outside the dates a FIT
    ``date_time`` can hold (before mid-1998 or after 2126)."""
    moment = start.astimezone(UTC).replace(microsecond=0)
    seconds = (moment - _FIT_EPOCH).total_seconds()
    return moment if _DATE_TIME_MIN <= seconds <= _DATE_TIME_MAX else None


def _step_messages(parts: Sequence[Part]) -> list[dict[str, Any]]:
    """The ``workout_step`` messages of ``parts``, numbered from 0 in order."""
    steps = [s for p in parts for s in (p.steps if isinstance(p, Repeat) else (p,))]
    sizes = _Sizes(_longest(s.name for s in steps), _longest(s.notes for s in steps))
    out: list[dict[str, Any]] = []
    for part in parts:
        if isinstance(part, Repeat):
            first = len(out)
            out += [_time_step(first + k, step, sizes) for k, step in enumerate(part.steps)]
            out.append(
                {
                    "message_index": len(out),
                    "duration_type": "repeat_until_steps_cmplt",
                    "duration_value": first,
                    "target_value": part.times,
                }
            )
        else:
            out.append(_time_step(len(out), part, sizes))
    return out


class _Sizes(NamedTuple):
    """The byte lengths every step's name and notes are padded to in one file."""

    name: int
    notes: int


def _longest(texts: Iterable[str]) -> int:
    return max((len(t.encode("utf-8")) for t in texts), default=0)


def _padded(text: str, size: int) -> str | None:
    """``text`` padded with NULs to ``size`` bytes, as a fixed-size FIT string is (readers
    stop at the first NUL); None (the field left out) when no step has such a text.

    Every time step of a file then has the same fields of the same sizes, so the encoder
    writes one definition for all of them instead of one per step: smaller files, and
    about a third less time to encode them."""
    if size == 0:
        return None
    return text + "\0" * (size - len(text.encode("utf-8")))


def _time_step(index: int, step: Step, sizes: _Sizes) -> dict[str, Any]:
    return {
        "message_index": index,
        "wkt_step_name": _padded(step.name, sizes.name),
        "duration_type": "time",
        "duration_value": step.seconds * 1000,
        "target_type": "open",
        "intensity": step.intensity,
        "notes": _padded(step.notes, sizes.notes),
    }
