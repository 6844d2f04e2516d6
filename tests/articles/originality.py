"""Detect runs of eight or more words repeated from the document the articles were written from.

The project never stores that document: only a salted hash of each of its eight-word runs,
in data/source_word_runs.txt. To rebuild the list from a copy of the document:

    python -m tests.articles.originality SOURCE.txt > tests/articles/data/source_word_runs.txt
"""

import hashlib
import re
import sys
from pathlib import Path

RUN_LENGTH = 8
HASHES_FILE = Path(__file__).parent / "data" / "source_word_runs.txt"
_SALT = b"back-spasm-guide:"


def words(text):
    return re.findall(r"[a-z0-9]+", text.lower())


def run_hash(run):
    return hashlib.sha256(_SALT + " ".join(run).encode()).hexdigest()[:20]


def word_run_hashes(text):
    sequence = words(text)
    return {run_hash(sequence[i : i + RUN_LENGTH]) for i in range(len(sequence) - RUN_LENGTH + 1)}


def load_source_hashes():
    return set(HASHES_FILE.read_text().split())


def copied_runs(text, source_hashes):
    """Return each run of eight words in `text` whose hash is among `source_hashes`."""
    sequence = words(text)
    return [
        " ".join(sequence[i : i + RUN_LENGTH])
        for i in range(len(sequence) - RUN_LENGTH + 1)
        if run_hash(sequence[i : i + RUN_LENGTH]) in source_hashes
    ]


if __name__ == "__main__":
    source_text = Path(sys.argv[1]).read_text(encoding="utf-8")
    print("\n".join(sorted(word_run_hashes(source_text))))
