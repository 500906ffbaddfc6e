"""Every sentence of the seed article is carried, corrected where needed, by a knowledge entry.

The article is read from ``<repo>/../shared/seed/`` (where CI places it beside the repository); the
mapping lives in ``article_statements.yaml`` next to this file. Adding a sentence to the article
without mapping it, or mapping to an entry that lost the statement, fails.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from nervepath.knowledge.loader import knowledge_base

REPO = Path(__file__).resolve().parents[2]
ARTICLE = REPO.parent / "shared" / "seed" / "000_0cd4833e1a3bd26d.txt"
STATEMENTS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "article_statements.yaml").read_text()
)


def normalise(text: str) -> str:
    quotes = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})
    return " ".join(text.translate(quotes).split())


def article_sentences() -> list[str]:
    if not ARTICLE.exists():
        pytest.skip(f"seed article not found at {ARTICLE} (shared/ is expected beside the repository)")
    sentences = []
    for line in ARTICLE.read_text(encoding="utf-8").splitlines():
        line = line.strip().lstrip("•").strip()
        sentences += [normalise(s) for s in re.split(r"(?<=[.!?])\s+", line) if s.strip()]
    return sentences


def statement_for(sentence: str) -> dict[str, Any] | None:
    matching = [s for s in STATEMENTS if sentence.startswith(normalise(s["starts"]))]
    return max(matching, key=lambda s: len(s["starts"]), default=None)


def test_it_maps_every_sentence_of_the_article():
    unmapped = [s for s in article_sentences() if statement_for(s) is None]
    assert unmapped == []


def test_it_has_no_stale_mapping():
    used = {id(statement_for(s)) for s in article_sentences()}
    stale = [s["starts"] for s in STATEMENTS if id(s) not in used]
    assert stale == []


@pytest.mark.parametrize("statement", STATEMENTS, ids=[s["starts"][:40] for s in STATEMENTS])
def test_it_carries_each_statement_in_the_mapped_entry(statement):
    entry = knowledge_base().get(statement["entry"])
    assert entry is not None, f"no entry {statement['entry']!r}"
    assert statement["contains"].lower() in normalise(entry.text).lower()


def test_it_corrects_the_loose_figures_of_the_article():
    how_common = knowledge_base()["how_common"]
    confirmed = {f.value: f.confirmed for f in how_common.figures}
    assert confirmed["1 in 3"] is False
    assert confirmed["20.9 % (51.6 million)"] is True
    assert confirmed["6.9–10 %"] is True
    assert "not rare" in knowledge_base()["phantom_limb_pain"].text
