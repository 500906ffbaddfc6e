"""Full-text search finds what people type, ranks it sensibly and never chokes on odd input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nervepath.errors import InvalidInput
from nervepath.knowledge.search import match_expression, search, suggest, words


def top_ids(query: str, n: int = 3) -> list[str]:
    return [hit.id for hit in search(query, limit=n)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("burning feet at night", "burning_pain"),
        ("burning feet at night", "diabetic_neuropathy"),
        ("burning feet", "burning_pain"),
        ("shingles", "shingles"),
        ("shingles", "postherpetic_neuralgia"),
        ("phantom", "phantom_limb_pain"),
        ("lidocaine", "lidocaine_plaster"),
        ("B12", "vitamin_b12_deficiency"),
        ("spinal cord stimulator", "spinal_cord_stimulation"),
        ("Aleve", "nsaids"),
        ("Motrin", "nsaids"),
        ("pins and needles", "pins_and_needles"),
        ("carpal tunnel", "carpal_tunnel_syndrome"),
        ("face pain electric shocks", "trigeminal_neuralgia"),
        ("chemo", "chemotherapy_induced_neuropathy"),
        ("can't sleep because of pain", "sleep_problems"),
        ("numbness between my legs and trouble peeing", "red_flags"),
        ("desk job sitting", "sitting_and_posture"),
        ("Lyrica", "gabapentinoids"),
        ("Cymbalta", "antidepressants_snri"),
    ],
)
def test_it_finds_the_right_entry_in_the_top_three(query, expected):
    assert expected in top_ids(query)


def test_it_ranks_symptom_and_cause_entries_first_for_burning_feet_at_night():
    assert set(top_ids("burning feet at night", 2)) == {"burning_pain", "diabetic_neuropathy"}


def test_it_matches_entries_containing_any_of_the_words():
    assert "phantom_limb_pain" in top_ids("phantom zzzqqq", 5)


def test_it_ignores_stop_words():
    assert words("What is the burning in my feet at night?") == ["burning", "feet", "night"]
    assert top_ids("the burning") == top_ids("burning")


def test_it_keeps_stop_words_when_nothing_else_is_left():
    assert words("what is it") == ["what", "is", "it"]


def test_it_stems_words_so_plural_and_verb_forms_match():
    assert "tingling" in top_ids("tingles")


def test_it_returns_hits_with_text_sources_and_descending_scores():
    hits = search("lidocaine", limit=5)
    assert all(hit.text and hit.sources for hit in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_it_respects_the_limit():
    assert len(search("pain", limit=4)) == 4


def test_it_reads_a_misspelt_long_word_as_the_closest_known_word():
    assert top_ids("lidocane", 1) == ["lidocaine_plaster"]


def test_it_returns_nothing_but_suggests_close_titles_for_a_short_typo():
    assert search("tenz") == []
    assert [s.id for s in suggest("tenz")] == ["tens"]
    assert [s.id for s in suggest("lidocane")] == ["lidocaine_plaster"]


@pytest.mark.parametrize(
    "query", ['"lidocaine', "lido*", "-capsaicin", "title:lidocaine", "NEAR(a b)", "a AND", "OR", "(("]
)
def test_it_treats_fts_syntax_as_plain_words(query):
    search(query)
    assert '""' not in match_expression(query)


@pytest.mark.parametrize("query", ["", "   ", "\n\t"])
def test_it_rejects_a_blank_query(query):
    with pytest.raises(InvalidInput) as caught:
        search(query)
    assert caught.value.field == "query"


def test_it_rejects_a_limit_below_one():
    with pytest.raises(InvalidInput) as caught:
        search("pain", limit=0)
    assert caught.value.field == "limit"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_it_never_raises_on_arbitrary_text(query):
    if not query.strip():
        with pytest.raises(InvalidInput):
            search(query)
        return
    hits = search(query, limit=3)
    assert len(hits) <= 3
    suggest(query)
