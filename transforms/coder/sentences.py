"""Split a document into sentences, keeping each sentence's offset in the document."""
from __future__ import annotations

import re

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov", "sen",
    "rep", "st", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "inc", "corp", "co", "ltd", "jr", "sr", "mt", "ft", "rev", "hon", "pres", "messrs",
}
# Words that start a new sentence even right after an abbreviation like "U.S."
SENTENCE_STARTERS = {"The", "He", "She", "It", "They", "We", "I", "But", "And", "In", "On", "A", "This"}

BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
PARAGRAPH = re.compile(r"\n\s*")


def split_sentences(document: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; paragraphs (line breaks) always end a sentence."""
    sentences = []
    for para in _paragraphs(document):
        start, text = para
        last = 0
        for m in BOUNDARY.finditer(text):
            before = text[last:m.start() + 1]
            word = re.search(r"([\w.]+)\.$", before)
            if word:
                token = word.group(1)
                following = text[m.end():m.end() + 12].split(" ")[0]
                if token.lower() in ABBREVIATIONS:
                    continue
                if (len(token) == 1 or "." in token) and following not in SENTENCE_STARTERS:
                    continue  # initials and dotted acronyms: "F.W. de Klerk", "the U.S. Navy"
            piece = text[last:m.end()].strip()
            if piece:
                sentences.append((start + last + _lead(text[last:]), piece))
            last = m.end()
        piece = text[last:].strip()
        if piece:
            sentences.append((start + last + _lead(text[last:]), piece))
    return sentences


def _lead(text: str) -> int:
    return len(text) - len(text.lstrip())


def _paragraphs(document: str):
    last = 0
    for m in PARAGRAPH.finditer(document):
        yield last, document[last:m.start()]
        last = m.end()
    yield last, document[last:]


# "CANBERRA, Australia (AP) - ", "TOKYO (Reuters) - ", "ANKARA, Dec 15 (AFP) - ", "LONDON President ..."
DATELINE = re.compile(
    r"^(?:[A-Z][\w.]*(?: [A-Z][\w.]*)* [-–—] )?"
    r"(?:[A-Z][A-Z.'’ -]{2,}?(?:,\s*[A-Z][\w.-]*(?: [A-Z][\w.-]*)*)?"  # "Bosnia-Herzegovina"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.? \d{1,2}(?:,? \d{4})?|,\s*\d{1,2} [A-Z][a-z]+ \d{4})?"  # "Oct. 3", "August 23"
    r"\s*(?:\([\w .]+\))?\s*[-–—:]+\s"
    r"|[A-Z]{5,}(?:\s[A-Z]{3,})?(?=\s[A-Z]))")
# With no dash, in a story's lede only ("MANILA, Philippines At least ...", "NEW YORK Iran's foreign
# minister ..."): in a headline the same shapes are actors ("IMF, World Bank look to ...", "US MNT ...")
UNDASHED_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’/-]+(?:\s[A-Z][A-Z.'’/-]+)*,\s[A-Z][a-z]+(?:\s[A-Z][a-z]+)??\s(?=[A-Z])"
    r"|[A-Z]{2,}(?:\s[A-Z]{2,})+\s(?=[A-Z][a-z]))")


def dateline_length(sentence: str, headline: bool = False) -> int:
    """Length of a leading dateline: the place there is where the story was filed, not an actor."""
    m = DATELINE.match(sentence) or (None if headline else UNDASHED_DATELINE.match(sentence))
    return m.end() if m else 0
