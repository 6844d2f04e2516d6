"""The hazard log names only tests that exist, so a renamed or deleted test shows up."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOG = ROOT / "docs" / "clinical-safety.md"
HAZARDS = [
    "Missed emergency",
    "Under-triage",
    "Over-triage",
    "Wrong audience",
    "Stale content",
    "Editing slip",
]


def functions_in(path):
    tree = ast.parse(path.read_text())
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}


def test_every_test_the_hazard_log_names_exists():
    named = re.findall(r"`([\w/]+\.py)::(\w+)`", LOG.read_text())
    assert len(named) > 20
    for file, test in named:
        assert test in functions_in(ROOT / "tests" / file), f"{file}::{test}"


def test_the_hazard_log_covers_every_hazard():
    headings = re.findall(r"^## H\d+\. (.+)$", LOG.read_text(), flags=re.MULTILINE)
    assert headings == HAZARDS
