"""The models every organisation starts with, before it has confirmed labels of its own:
trained from the corpus shipped in seed/corpus.jsonl (written for the project; its README
says how) into seed/model.json, which `make install` builds as it builds the translations
and git does not keep. Built here on first use when missing, so a checkout run without make
still works (it then needs scikit-learn in that process, once)."""

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from .linear import LinearModel

SEED = Path(__file__).resolve().parent / "seed"
CORPUS = SEED / "corpus.jsonl"
MODEL = SEED / "model.json"


def corpus_examples(path: Path = CORPUS) -> list:
    """training.Example for each line of a labelled JSON Lines file."""
    from .training import Example

    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            examples.append(
                Example(row["text"], row["category"], bool(row["is_complaint"]), int(row["anger"]))
            )
    return examples


# Raised when the file's layout changes (linear.LinearModel.as_data), so that a file written
# in an older one is built again rather than misread.
LAYOUT = b"2"


def corpus_digest() -> str:
    return hashlib.sha256(LAYOUT + CORPUS.read_bytes()).hexdigest()[:16]


def seed_build() -> Path:
    """Train the seed models from the corpus and write them (what `make install` runs)."""
    from .training import train

    models = train(corpus_examples())
    data = {
        "name": f"seed-{corpus_digest()}",
        "models": {kind: model.as_data() for kind, model in models.items()},
    }
    MODEL.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
    return MODEL


@lru_cache(maxsize=1)
def seed_models() -> tuple[str, dict[str, LinearModel]]:
    """(name, {kind: model}); rebuilt when the corpus changed since the file was written."""
    data = json.loads(MODEL.read_text("utf-8")) if MODEL.exists() else {}
    if not data.get("name", "").endswith(corpus_digest()):
        data = json.loads(seed_build().read_text("utf-8"))
    return data["name"], {k: LinearModel.from_data(v) for k, v in data["models"].items()}
