"""Train the coder's tagger + dependency parser on Universal Dependencies English EWT.

    python transforms/models/train_parser.py --ud ../shared/data/ud [--max-steps 8000] [--work DIR]

Converts the CoNLL-U release (train/dev/test as released) to spaCy's binary format, trains
`parser.cfg` (spaCy's CPU "efficiency" tagger+parser config with larger hash-embedding tables),
scores the best model on the test set, and installs it as `en_dyadwatch_parser/` beside this
script with its scores in `meta.json`. Nothing here runs at install or test time: the trained
model ships in the package. On the project's 2-core machine 8,000 steps take about an hour.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODEL_NAME = "en_dyadwatch_parser"


def convert(ud: Path, work: Path) -> dict:
    paths = {}
    for split in ("train", "dev", "test"):
        source = ud / f"en_ewt-ud-{split}.conllu"
        subprocess.run([sys.executable, "-m", "spacy", "convert", str(source), str(work),
                        "--converter", "conllu", "--n-sents", "10"], check=True)
        paths[split] = work / f"en_ewt-ud-{split}.spacy"
    return paths


def train(paths: dict, work: Path, max_steps: int) -> Path:
    out = work / "out"
    subprocess.run([sys.executable, "-m", "spacy", "train", str(HERE / "parser.cfg"),
                    "--paths.train", str(paths["train"]), "--paths.dev", str(paths["dev"]),
                    "--training.max_steps", str(max_steps), "--output", str(out)], check=True)
    return out / "model-best"


def score(model: Path, test: Path, work: Path) -> dict:
    result = work / "test-scores.json"
    subprocess.run([sys.executable, "-m", "spacy", "evaluate", str(model), str(test),
                    "--output", str(result)], check=True)
    figures = json.loads(result.read_text())
    # spaCy reports fractions; keep them so (0.83 = 83% of heads right)
    return {k: round(figures[k], 4) for k in ("tag_acc", "dep_uas", "dep_las", "sents_f", "speed")
            if k in figures}


def install(model: Path, test_scores: dict) -> Path:
    target = HERE / MODEL_NAME
    if target.exists() or target.is_symlink():
        shutil.rmtree(target) if target.is_dir() and not target.is_symlink() else target.unlink()
    shutil.copytree(model, target)
    meta_path = target / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta.update({
        "name": "dyadwatch_parser", "version": "1.0.0",
        "description": "Tagger (Penn Treebank tags) and dependency parser (UD labels) for dyadwatch's event coder",
        "license": "CC BY-SA 4.0",
        "sources": [{"name": "Universal Dependencies English Web Treebank (UD_English-EWT)",
                     "license": "CC BY-SA 4.0"}],
        "ewt_test": test_scores,
    })
    meta_path.write_text(json.dumps(meta, indent=2) + "\n")
    size = sum(f.stat().st_size for f in target.rglob("*") if f.is_file())
    (target / "README.md").write_text(MODEL_README.format(
        uas=100 * test_scores.get("dep_uas", 0), las=100 * test_scores.get("dep_las", 0),
        tags=100 * test_scores.get("tag_acc", 0), mb=size / 1e6), encoding="utf-8")
    return target


MODEL_README = """# en_dyadwatch_parser

The event coder's tagger (Penn Treebank tags) and dependency parser (Universal Dependencies
labels), a spaCy {{tok2vec, tagger, parser}} pipeline trained by `../train_parser.py` with
`../parser.cfg` on the Universal Dependencies English Web Treebank (UD_English-EWT, 2025-05
release; train/dev/test as released).

Scores on EWT test (spaCy's scorer on the raw test text, its own tokenisation): UAS {uas:.1f}, LAS {las:.1f},
tag accuracy {tags:.1f}. Size {mb:.1f} MB.

Licence: CC BY-SA 4.0, as its training data. Attribution: Universal Dependencies English Web
Treebank, by the UD English EWT contributors (from the English Web Treebank, Linguistic Data
Consortium), https://universaldependencies.org/, CC BY-SA 4.0. The rest of dyadwatch is Apache-2.0.
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ud", type=Path, default=HERE.parents[1].parent / "shared" / "data" / "ud")
    parser.add_argument("--max-steps", type=int, default=8000)
    parser.add_argument("--work", type=Path, default=None, help="keep intermediate files here")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="dyadwatch-parser-"))
    work.mkdir(parents=True, exist_ok=True)
    paths = convert(args.ud, work)
    best = train(paths, work, args.max_steps)
    test_scores = score(best, paths["test"], work)
    target = install(best, test_scores)
    print(f"installed {target}: EWT test {test_scores}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
