"""The actor codes the coder can emit (for validating user input such as filters)."""
from __future__ import annotations

import functools
from pathlib import Path

DICTIONARIES = Path(__file__).resolve().parent / "dictionaries"


@functools.lru_cache(maxsize=1)
def known_actor_codes() -> frozenset[str]:
    """First column of countries.tsv and organisations.tsv (comments and header skipped)."""
    codes = set()
    for name in ("countries.tsv", "organisations.tsv"):
        for line in (DICTIONARIES / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#") and not line.startswith("code\t"):
                codes.add(line.split("\t", 1)[0].strip())
    return frozenset(codes)
