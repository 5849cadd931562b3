"""The project's own dependency parser (spaCy tagger + parser trained on UD English EWT) and lemmas.

The model ships inside the package (`transforms/models/en_dyadwatch_parser/`, trained by
`transforms/models/train_parser.py`); nothing is downloaded or trained at run time. spaCy is
imported on first use, so commands that never code an article do not pay for it.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "en_dyadwatch_parser"

# Penn Treebank tag -> the part of speech lemminflect wants.
_UPOS = {"VB": "VERB", "NN": "NOUN", "JJ": "ADJ", "RB": "ADV"}


@functools.lru_cache(maxsize=1)
def load_parser():
    import spacy

    return spacy.load(MODEL_DIR)


@functools.lru_cache(maxsize=200_000)
def lemma_of(word: str, tag: str) -> str:
    """Dictionary form of a word ("retaken" -> "retake", "talks" -> "talk"), from lemminflect."""
    from lemminflect import getLemma

    lower = word.lower()
    upos = _UPOS.get(tag[:2])
    if upos is None or tag.startswith("NNP"):
        return lower
    lemmas = getLemma(lower, upos=upos)
    return lemmas[0].lower() if lemmas else lower


def parse(texts: list[str]):
    """Parsed spaCy Docs for the texts, batched. Each text is one sentence (the coder splits them
    itself), so the parser may not split it again: trained on running text, it otherwise ends a
    long sentence early and leaves its tail a second root ("jailed a militant ... for financing
    Zarqawi's bombings in Iraq" lost "bombings" as the object)."""
    nlp = load_parser()
    docs = []
    for text in texts:
        doc = nlp.make_doc(text)
        for token in doc[1:]:
            token.is_sent_start = False
        docs.append(doc)
    return list(nlp.pipe(docs, batch_size=64))


HEADLINE_KEEP = re.compile(r"[A-Z][A-Z.]+|I")


def headline_for_parsing(sentence: str, names: list[tuple[int, int]]) -> str:
    """A title-case headline in sentence case, same length, so the tagger sees verbs as verbs:
    "Iraqi Leader Thanks U.S. in Speech" -> "Iraqi leader thanks U.S. in speech". Actor names
    (spans) and acronyms keep their capitals."""
    chars = list(sentence)
    for m in re.finditer(r"\S+", sentence):
        if m.start() == 0 or any(s <= m.start() < e for s, e in names) or HEADLINE_KEEP.fullmatch(m.group()):
            continue
        word = m.group()
        lowered = word.lower()
        if len(lowered) == len(word):
            chars[m.start():m.end()] = lowered
    return "".join(chars)
