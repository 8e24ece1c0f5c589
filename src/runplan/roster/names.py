"""Which files of the folder are runners, and the file names their plans get.

Output names are slugs of the profile FILE names (lower-case ASCII letters, digits and
hyphens: no path can escape ``--out``), made unique in sorted file-name order, so the
same folder always gives the same names.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from runplan.errors import RosterError

__all__ = ["MAX_SLUG", "PROFILE_SUFFIXES", "assign_slugs", "find_profiles", "slugify"]

PROFILE_SUFFIXES = (".toml", ".json")
MAX_SLUG = 64
#: Names that are devices on Windows, and the index's own stem: never a runner's slug.
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", "index"}
    | {f"com{i}" for i in range(10)}
    | {f"lpt{i}" for i in range(10)}
)


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
    """The profile files of ``directory`` (``*.toml``, ``*.json``; not hidden, not in
    subfolders), sorted by file name."""
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
