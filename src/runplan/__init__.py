"""runplan: weekly cross-training plans for runners, including runners with back pain."""

from runplan.errors import ExportError, PlanFormatError, ProfileError, RunplanError
from runplan.models import Plan, Runner
from runplan.profile import load_profile, parse_profile
from runplan.rules import DISCLAIMER, RULES

__version__ = "0.1.0"

__all__ = [
    "DISCLAIMER",
    "RULES",
    "ExportError",
    "Plan",
    "PlanFormatError",
    "ProfileError",
    "Runner",
    "RunplanError",
    "__version__",
    "load_profile",
    "parse_profile",
]
