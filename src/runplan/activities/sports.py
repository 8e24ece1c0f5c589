"""The one sport table: every label a file (FIT sport and sub_sport, GPX ``<type>``, TCX
``Sport=``) or a typed CSV row may use, mapped to an :class:`ActivityKind`.

One table for every format, so that "treadmill" means a run whether a FIT sub_sport or a
CSV cell says it, and docs/log.md can show the whole mapping at once.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from runplan.models import ActivityKind

__all__ = ["SPORTS", "UNINFORMATIVE", "normalise_sport", "sport_kind"]

_RUN, _BIKE, _SWIM = ActivityKind.RUN, ActivityKind.BIKE, ActivityKind.SWIM
_WALK, _STRENGTH, _OTHER = ActivityKind.WALK, ActivityKind.STRENGTH, ActivityKind.OTHER

#: Normalised label (see :func:`normalise_sport`) -> kind.  Labels that map to ``other``
#: are listed so that a typed CSV row may use them (an unlisted word there is a typo);
#: in a file, any unlisted label is ``other`` too, its label kept.
# fmt: off
SPORTS: MappingProxyType[str, ActivityKind] = MappingProxyType(
    {
        **dict.fromkeys(
            (
                "run", "running", "trail", "trail_running", "trail_run", "treadmill",
                "treadmill_running", "track", "track_running", "indoor_running", "street",
                "road_running", "virtual_run", "ultra",
            ),
            _RUN,
        ),
        **dict.fromkeys(
            (
                "bike", "biking", "cycling", "ride", "indoor_cycling", "virtual_ride",
                "spin", "spinning", "mountain", "mountain_biking", "gravel_cycling",
                "e_bike", "e_biking", "e_bike_ride", "e_bike_fitness", "e_bike_mountain",
                "hand_cycling",
            ),
            _BIKE,
        ),
        **dict.fromkeys(
            (
                "swim", "swimming", "lap_swimming", "pool", "pool_swimming", "open_water",
                "open_water_swimming",
            ),
            _SWIM,
        ),
        **dict.fromkeys(
            (
                "walk", "walking", "hike", "hiking", "casual_walking", "speed_walking",
                "indoor_walking",
            ),
            _WALK,
        ),
        **dict.fromkeys(
            ("strength", "strength_training", "weight_training", "training"), _STRENGTH
        ),
        **dict.fromkeys(
            (
                "other", "yoga", "pilates", "cardio_training", "flexibility_training",
                "hiit", "elliptical", "rowing", "indoor_rowing",
            ),
            _OTHER,
        ),
    }
)
# fmt: on

#: Labels that say nothing about the sport (FIT sub_sport ``generic``/``all``): the other
#: label of the file decides.
UNINFORMATIVE = frozenset({"", "generic", "all", "invalid"})

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_SEPARATORS = re.compile(r"[\s\-/.]+")


def normalise_sport(label: str) -> str:
    """``"TrailRun"``, ``"trail running"``, ``"Trail-Running"`` -> ``"trail_run"`` or
    ``"trail_running"``: camel case split, lower case, separators as ``_``."""
    label = _CAMEL.sub("_", label.strip()[:100])
    return _SEPARATORS.sub("_", label.lower()).strip("_")


def sport_kind(label: str) -> ActivityKind | None:
    """The kind a sport label maps to, or None if the table does not know it."""
    return SPORTS.get(normalise_sport(label))
