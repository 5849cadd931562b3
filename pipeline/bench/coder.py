"""The coder alone and the raw scan, timed on one process over the same items.

`coder`: EventCoder.code_many in batches (as a pipeline bundle would code them), the parse's share
from the coder's own stats, and separately the items that stop at the early exit (fewer than two
countries named: EventCoder._read returns None), timed with EventCoder.code.
`scan`: only the Aho-Corasick scan the coder starts with, with the coder's own automaton, over the
document the coder builds (title, a blank line, the text; runs of spaces as one, quotation marks
repaired).
"""
from __future__ import annotations

import time

from pipeline.bench.progress import progress

CODER_BATCH = 64  # articles coded together (EventCoder.code_many), about a bundle's worth
# an article the coder parses (text, title)
WARM_UP = ("Russian troops crossed into Georgia on Friday, officials in Tbilisi said, as talks with Moscow stalled.",
           "Georgia says Russia sent troops")
SCAN_CHUNK = 256  # documents scanned between two updates of the progress bar


def _rate(items: int, seconds: float) -> float | None:
    return items / seconds if seconds > 0 else None


def coder_figures(records: list[dict], label: str) -> dict:
    from transforms.coder import EventCoder
    from transforms.coder.parse import parse

    coder = EventCoder()
    # load what the coder loads on first use (the parser, the lemmatiser) before the clock starts
    parse([WARM_UP[0]])
    coder.code(*WARM_UP)
    coder.stats.update(parse_seconds=0.0, sentences_parsed=0)
    events, started = 0, time.perf_counter()
    with progress(len(records), f"coder {label}") as bar:
        for first in range(0, len(records), CODER_BATCH):
            batch = records[first:first + CODER_BATCH]
            events += sum(len(found) for found in coder.code_many([(r["text"], r["title"], None, None)
                                                                   for r in batch]))
            bar.update(len(batch))
    seconds = time.perf_counter() - started
    parse_seconds, parsed = coder.stats["parse_seconds"], coder.stats["sentences_parsed"]
    # which items stop before the sentences (not timed: it is the first half of the coder's work)
    stopping = [r for r in records if coder._read(r["text"], r["title"]) is None]   # noqa: SLF001
    started = time.perf_counter()
    for record in stopping:
        coder.code(record["text"], title=record["title"])
    stop_seconds = time.perf_counter() - started
    return {"items": len(records), "seconds": seconds, "items_per_s": _rate(len(records), seconds),
            "ms_per_item": 1000 * seconds / len(records), "events": events,
            "parse_seconds": parse_seconds, "sentences_parsed": parsed,
            "parse_share": parse_seconds / seconds if seconds > 0 else None,
            "early_exit_items": len(stopping), "early_exit_share": len(stopping) / len(records),
            "early_exit_items_per_s": _rate(len(stopping), stop_seconds) if stopping else None}


def coder_document(text: str, title: str) -> str:
    """The document the coder scans, built as EventCoder._read builds it."""
    from transforms.coder.coder import clean_text

    title, text = clean_text((title or "").strip()), clean_text(text or "")
    return f"{title}\n\n{text}" if title else text


def scan_figures(records: list[dict], label: str) -> dict:
    from transforms.coder import EventCoder
    from transforms.coder.matching import lower_same_length

    actors = EventCoder()._actors   # noqa: SLF001 - the coder's own automaton and dictionaries
    documents = [coder_document(r["text"], r["title"]) for r in records]
    mentions, started = 0, time.perf_counter()
    with progress(len(documents), f"scan {label}") as bar:
        for first in range(0, len(documents), SCAN_CHUNK):
            chunk = documents[first:first + SCAN_CHUNK]
            for document in chunk:
                mentions += len(actors.document_mentions(document, lower_same_length(document)))
            bar.update(len(chunk))
    seconds = time.perf_counter() - started
    return {"items": len(records), "seconds": seconds, "items_per_s": _rate(len(records), seconds),
            "ms_per_item": 1000 * seconds / len(records), "mentions": mentions}
