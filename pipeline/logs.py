"""Logging set-up of every dyadwatch process: one format on stderr, Beam's import-time noise hidden."""
from __future__ import annotations

import logging
import sys


class HideCloudWarnings(logging.Filter):
    """Beam warns at import that Google Cloud clients are missing; dyadwatch does not use them."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "apitools not found" not in record.getMessage()


def setup_logging(level: int = logging.INFO) -> None:
    """Call before Beam is imported: it logs at import time."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    for handler in logging.getLogger().handlers:
        handler.addFilter(HideCloudWarnings())
    # Beam is chatty at INFO; keep its warnings.
    logging.getLogger("apache_beam").setLevel(logging.WARNING)
