"""`learn` understands patients' own words: what people type, and the entry a clinician would pick.

The queries live in two files written before the search was tuned. ``lay_queries.yaml`` was used to
choose the lay terms; ``lay_queries_holdout.yaml`` never was, so its accuracy is the honest figure
(docs/knowledge.md). Each test prints the queries whose entry is not in the top three.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from nervepath.knowledge.loader import knowledge_base
from nervepath.knowledge.search import search, spelled, words

HERE = Path(__file__).parent
TUNING = yaml.safe_load((HERE / "lay_queries.yaml").read_text(encoding="utf-8"))
HELD_OUT = yaml.safe_load((HERE / "lay_queries_holdout.yaml").read_text(encoding="utf-8"))


def misses(queries: list[dict[str, str]]) -> list[str]:
    """Each query whose entry is not among the first three hits, with what came first instead."""
    found = []
    for item in queries:
        top = [hit.id for hit in search(item["query"], limit=3)]
        if item["entry"] not in top:
            found.append(f"{item['query']!r}: wanted {item['entry']}, got {top}")
    return found


def top_one(queries: list[dict[str, str]]) -> float:
    """The share of queries whose entry comes first."""
    first = [[hit.id for hit in search(item["query"], limit=1)] for item in queries]
    return sum(top == [item["entry"]] for top, item in zip(first, queries, strict=True)) / len(queries)


def test_the_tuning_set_holds_at_least_a_hundred_queries_and_a_third_more_are_held_out() -> None:
    assert len(TUNING) >= 100
    assert len(HELD_OUT) >= (len(TUNING) + len(HELD_OUT)) // 3
    assert not {q["query"].lower() for q in TUNING} & {q["query"].lower() for q in HELD_OUT}


@pytest.mark.parametrize("queries", [TUNING, HELD_OUT], ids=["tuning", "held_out"])
def test_every_query_names_an_entry_of_the_knowledge_base(queries: list[dict[str, str]]) -> None:
    assert all(set(item) == {"query", "entry"} for item in queries)
    assert [item["entry"] for item in queries if item["entry"] not in knowledge_base()] == []


def test_the_right_entry_is_in_the_top_three_for_95_percent_of_the_tuning_queries() -> None:
    missed = misses(TUNING)
    print("\n".join(["tuning set misses:", *missed]))
    assert 1 - len(missed) / len(TUNING) >= 0.95, missed


def test_the_held_out_queries_keep_the_accuracy_measured_when_the_lay_terms_were_written() -> None:
    """A floor, not a target: 45 of 52 (86.5 %) were in the top three the first time they were run."""
    missed = misses(HELD_OUT)
    print("\n".join(["held-out misses:", *missed]))
    assert 1 - len(missed) / len(HELD_OUT) >= 0.85, missed


def test_the_right_entry_comes_first_for_most_tuning_queries() -> None:
    assert top_one(TUNING) >= 0.85


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("dulaxetine", "duloxetine"),
        ("ibuprophen", "ibuprofen"),
        ("lyrika", "lyrica"),
        ("pregablin", "pregabalin"),
        ("carbamazapine", "carbamazepine"),
    ],
)
def test_a_misspelt_medicine_is_read_as_the_medicine(typed: str, read: str) -> None:
    assert spelled([typed]) == [read]


@pytest.mark.parametrize(
    "typed",
    [
        "botoks",  # closest known word is "book": not close enough to guess
        "feet",  # a word some entry holds is never changed
        "tenz",  # shorter than five letters: too often another real word
    ],
)
def test_a_word_is_left_alone_when_no_known_word_is_close_enough(typed: str) -> None:
    assert spelled([typed]) == [typed]


@pytest.mark.parametrize(
    ("query", "entry"),
    [
        ("culebrilla", "shingles"),
        ("hormigueo en las manos", "tingling"),
        ("tengo azúcar y me arden los pies", "diabetic_neuropathy"),
    ],
)
def test_spanish_lay_words_find_their_entry(query: str, entry: str) -> None:
    assert entry in [hit.id for hit in search(query, limit=3)]


def test_spanish_function_words_are_not_searched() -> None:
    assert words("dolor en los pies que quema") == ["dolor", "pies", "quema"]


def test_lay_terms_are_kept_apart_from_the_words_people_are_shown() -> None:
    """Lay terms are for search only: no entry repeats an alias or its own title as a lay term."""
    for entry in knowledge_base().values():
        shown = {a.lower() for a in [entry.title, *entry.aliases]}
        assert not shown & {t.lower() for t in entry.lay_terms}, entry.id


def test_a_query_that_names_an_entry_finds_it_first_whatever_the_other_scores() -> None:
    # "nerve pain" is an alias of the overview entry, while dozens of entries use both words.
    assert search("what is nerve pain", limit=3)[0].id == "neuropathic_pain"
    assert [hit.id for hit in search("Nerve pain", limit=1)] == ["neuropathic_pain"]
    assert len(search("what is nerve pain", limit=2)) == 2


def test_a_name_two_entries_share_puts_neither_first_by_name() -> None:
    owners = [e.id for e in knowledge_base().values() if "burning feet" in e.aliases]
    assert len(owners) > 1
    assert search("burning feet", limit=1)[0].id == "burning_pain"  # bm25 decides, as before
