"""The pure parts of stories and surges: which dyad and direction an alert is about, its event
time, its outlet, a MinHash signature of its evidence, and the Poisson tail.

Plain Python (no Beam, no Redis): the Redis side (``connectors/stories.py``) passes these to one
Lua script per alert, which compares signatures and computes the same Poisson tail atomically.

Similarity. Two reports of one event by different outlets share few word n-grams but many content
words (places, figures, the object of the act), so the shingles are single content words of the
headline and the evidence sentence, lower-cased and cut to their first 6 letters (a crude stem that
also joins "Russia"/"Russian"), without stop words and without the words naming the two actors:
those are the same for every event of a pair, so they would make two different events look alike.
The trigger's first word goes too ("kill", "sign": every event of the type has it), the rest of
the trigger stays: its object ("defence pact", "fishing accord") is often what tells two events of
one type apart. The place stays, and numbers ("two", "5") stay. News agencies' names are stop words
("(Reuters)" in a headline says nothing about the event). Two reports must also share at least
two words (``shared_words``; connectors/stories.py): between headlines of two or three content
words one common word is already a Jaccard of 1/3. The Jaccard similarity of two such sets is
estimated by MinHash with 64 values (one BLAKE2b digest gives 16 of them; four keyed digests per word). ``datasketch`` does
the same but brings numpy and scipy for what is 20 lines here, and the comparison has to run in Lua
anyway; only the signature is made in Python.
"""
from __future__ import annotations

import hashlib
import math
import re
from datetime import datetime

SKETCH_SIZE = 64
HEX_WIDTH = 8            # one 32-bit value as 8 hex digits in the signature string
STEM_LENGTH = 6

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOP_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has
have having he her here hers him his how i if in into is it its itself just me more most my no nor
not now of off on once only or other our out over own said same says she should so some such than
that the their them then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your new news year years week today
monday tuesday wednesday thursday friday saturday sunday told tells officials official minister
ministers president government country countries foreign state states reuters afp update
""".split())
_PERSON = b"dyadwatch-story"
_SUFFIXES = ("ing", "ed", "es", "s")


def words(text: str) -> list[str]:
    """Lower-case words of ``text`` (letters and digits), in order."""
    return _WORD.findall((text or "").lower())


def _stem(word: str) -> str:
    """A crude stem: one inflection off ("signed", "signs" → "sign"), then the first 6 letters."""
    if len(word) > 4:
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[:-len(suffix)]
                break
    return word[:STEM_LENGTH]


def shingles(alert: dict) -> frozenset[str]:
    """The content words (stemmed) of the alert's headline and evidence sentence, without stop
    words, the words naming its source and target actors, and the trigger's first word."""
    evidence = alert.get("evidence") if isinstance(alert.get("evidence"), dict) else {}
    sentence = evidence.get("sentence") or alert.get("text") or ""
    exclude = set()
    for actor in list(alert.get("source") or []) + list(alert.get("target") or []):
        if isinstance(actor, dict):
            exclude.update(_stem(w) for w in words(str(actor.get("actorText") or "")))
    for span in evidence.get("actor_spans") or []:
        if isinstance(span, dict) and span.get("role") in ("source", "target"):
            exclude.update(_stem(w) for w in words(str(span.get("text") or "")))
    trigger = words(str(alert.get("eventText") or ""))
    if trigger:   # the trigger's head ("kill", "sign") is shared by every event of the type
        exclude.add(_stem(trigger[0]))
    found = set()
    for word in words(f"{alert.get('title') or ''} {sentence}"):
        if len(word) < 3 or word in _STOP_WORDS:
            continue
        stem = _stem(word)
        if stem not in exclude:
            found.add(stem)
    return frozenset(found)


def signature(tokens: frozenset[str] | set[str]) -> str:
    """Bottom-k MinHash sketch of a set of shingles: the 64 smallest 32-bit hashes of its members,
    sorted, as one string of 8-hex-digit values ("" for an empty set)."""
    hashes = sorted({hashlib.blake2b(t.encode("utf-8"), digest_size=4, person=_PERSON).hexdigest() for t in tokens})
    return "".join(hashes[:SKETCH_SIZE])


def _values(sketch: str) -> list[str]:
    return [sketch[i:i + HEX_WIDTH] for i in range(0, len(sketch), HEX_WIDTH)]


def similarity(first: str, second: str) -> float:
    """Jaccard similarity estimated from two sketches: of the k smallest hashes of their union, the
    share found in both (exact while both sets have at most k members; 0 when either is empty).
    The Lua script in connectors/stories.py computes the same."""
    both, taken = _compare(first, second)
    return both / taken if taken else 0.0


def shared_words(first: str, second: str) -> int:
    """How many of the k smallest hashes of the union are in both sketches: the number of words the
    two sets share, exactly while their union has at most k members (the Lua script's second value)."""
    return _compare(first, second)[0]


def _compare(first: str, second: str) -> tuple[int, int]:
    a, b = _values(first), _values(second)
    if not a or not b:
        return 0, 0
    i = j = taken = both = 0
    while taken < SKETCH_SIZE and (i < len(a) or j < len(b)):
        if j >= len(b) or (i < len(a) and a[i] < b[j]):
            i += 1
        elif i >= len(a) or b[j] < a[i]:
            j += 1
        else:
            both += 1
            i += 1
            j += 1
        taken += 1
    return both, taken


def dyad(alert: dict) -> tuple[str, str, str] | None:
    """(A, B, direction) of an alert: the unordered pair in alphabetical order and ``sym`` for a
    symmetric event, else ``A>B`` or ``B>A`` (source first). The pair is the first source code and
    the first other target code (or, with no target, the first two sources); None without two codes."""
    sources = sorted({a.get("code") for a in alert.get("source") or [] if isinstance(a, dict) and a.get("code")})
    targets = sorted({a.get("code") for a in alert.get("target") or [] if isinstance(a, dict) and a.get("code")})
    pair = None
    for source in sources:
        other = [t for t in targets if t != source] or [s for s in sources if s != source and not targets]
        if other:
            pair = (source, other[0])
            break
    if pair is None:
        return None
    first, second = sorted(pair)
    direction = "sym" if alert.get("symmetric") else f"{pair[0]}>{pair[1]}"
    return first, second, direction


def parse_time(value) -> float | None:
    if not value or not isinstance(value, str):
        return None
    try:
        stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if stamp.tzinfo is None:
        return None
    return stamp.timestamp()


def event_time(alert: dict, now: float) -> float:
    """When the event was reported: the article's ``published`` time when it has one that is not
    later than its detection (feeds' future dates are not trusted), else ``detected_at``, else now."""
    detected = parse_time(alert.get("detected_at")) or now
    published = parse_time(alert.get("published"))
    if published is not None and published <= detected + 60:
        return published
    return detected


def outlet(alert: dict) -> str:
    """Who reported it, for counting independent sources: the URL's host, else the feed's name."""
    url = alert.get("url") or ""
    match = re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://([^/?#]+)", url)
    if match:
        host = match.group(1).rsplit("@", 1)[-1].lower()
        return host[4:] if host.startswith("www.") else host
    return str(alert.get("feed") or "?")


def poisson_tail(count: int, expected: float) -> float:
    """P(X >= count) for X ~ Poisson(expected), summed upward from ``count`` (no cancellation for
    the small tails that matter). The Lua script computes the same, term by term."""
    if count <= 0:
        return 1.0
    if expected <= 0:
        return 0.0
    log_term = -expected + count * math.log(expected) - math.lgamma(count + 1)
    term = math.exp(log_term)
    total = term
    i = count
    while i < count + 10_000:
        i += 1
        term *= expected / i
        total += term
        if i > expected and term < total * 1e-12:
            break
    return min(1.0, total)
