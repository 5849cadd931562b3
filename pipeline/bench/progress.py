"""A progress bar on stderr for long runs (tqdm; silent when stderr is not a terminal)."""
from __future__ import annotations

import sys


def progress(total: int, description: str, unit: str = "item"):
    """A tqdm bar on stderr, shown only on a terminal, so --json output and logs stay clean."""
    from tqdm import tqdm

    return tqdm(total=total, desc=description, unit=unit, file=sys.stderr, disable=None, leave=False,
                dynamic_ncols=True)
