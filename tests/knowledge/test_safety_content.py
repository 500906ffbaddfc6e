"""What patients read is as safe as what assess computes: the red-flag entry (both languages), and
the entries the content audit of issue 17 corrected."""

from __future__ import annotations

import re

import pytest
import yaml

from nervepath.datafiles import data_dir
from nervepath.knowledge.loader import knowledge_base
from nervepath.knowledge.models import Category, EntryText, Language
from nervepath.sources import all_sources

RED = knowledge_base()["red_flags"]
EN = RED.in_language("en").text
ES = RED.in_language("es").text


def section(text: str, heading: str) -> str:
    """The part of ``text`` after the bold heading that contains ``heading``, up to the next heading."""
    parts = re.split(r"\*\*(.+?)\*\*", text)
    for index in range(1, len(parts), 2):
        if heading in parts[index]:
            return parts[index + 1]
    raise AssertionError(f"no heading with {heading!r}")


def test_red_flags_come_first_in_the_knowledge_base() -> None:
    assert next(iter(knowledge_base())) == "red_flags"
    assert RED.urgent
    assert [e.id for e in knowledge_base().values() if e.urgent] == ["red_flags"]


@pytest.mark.parametrize(
    ("language", "now", "today", "days"),
    [("en", "now", "today", "within a few days"), ("es", "ahora", "hoy mismo", "en pocos días")],
)
@pytest.mark.parametrize(
    ("finding", "urgency", "words"),
    [
        (
            "saddle numbness (cauda equina)",
            "now",
            {"en": "numbness between your legs", "es": "entumecimiento entre las piernas"},
        ),
        ("bladder or bowel", "now", {"en": "cannot hold pee or poo", "es": "no puede aguantar la orina"}),
        (
            "sexual dysfunction (cauda equina)",
            "now",
            {"en": "new problems with sex", "es": "problemas nuevos en el sexo"},
        ),
        ("bilateral sciatica", "now", {"en": "down both legs", "es": "las dos piernas"}),
        ("worsening weakness", "now", {"en": "weakness that gets worse", "es": "debilidad que empeora"}),
        (
            "foot or wrist drop (vasculitis)",
            "now",
            {"en": "cannot lift your\n    wrist", "es": "no puede\n        levantar la muñeca"},
        ),
        (
            "diabetic foot wound",
            "now",
            {"en": "red, swollen, smelly or leaking", "es": "roja, hinchada, huele mal o supura"},
        ),
        (
            "hot swollen diabetic foot",
            "now",
            {"en": "hot\n    and swollen", "es": "pie caliente\n        e hinchado"},
        ),
        (
            "cancer with back pain and weakness",
            "now",
            {"en": "back or neck pain with weakness", "es": "dolor de espalda o de cuello con debilidad"},
        ),
        ("fever with nerve symptoms", "today", {"en": "with a fever", "es": "con fiebre"}),
        (
            "cancer with new back pain, no weakness",
            "today",
            {"en": "even without weakness", "es": "aunque no tenga debilidad"},
        ),
        ("clumsy hands (cervical cord)", "today", {"en": "clumsy hands", "es": "manos torpes"}),
        ("TN red flags", "days", {"en": "face pain", "es": "dolor en la cara"}),
    ],
)
def test_each_red_flag_sits_under_its_urgency_in_both_languages(
    language: str, now: str, today: str, days: str, finding: str, urgency: str, words: dict[str, str]
) -> None:
    text = RED.in_language(language).text
    heading = {"now": now, "today": today, "days": days}[urgency]
    assert " ".join(words[language].split()) in " ".join(section(text, heading).split()), finding


@pytest.mark.parametrize("text", [EN, ES], ids=["en", "es"])
def test_red_flags_never_tell_anyone_to_wait_days_for_fever_or_worsening_weakness(text: str) -> None:
    days = " ".join(section(text, "días" if text is ES else "few days").split()).lower()
    for word in ("fever", "fiebre", "weak", "debilidad", "worse", "empeora"):
        assert word not in days


def test_red_flags_agree_with_the_project_red_flag_rules() -> None:
    rules = {
        r["id"]: r["urgency"] for r in yaml.safe_load((data_dir("clinical") / "redflags.yaml").read_text())
    }
    assert rules["progressive_weakness"] == rules["fever_with_back_pain"] == "same_day"
    assert rules["history_of_cancer_with_new_back_pain"] == "same_day"
    assert rules["unexplained_weight_loss"] == "urgent"
    assert "lose weight" in section(EN, "few days")


def test_cauda_equina_says_now_not_the_same_day() -> None:
    assert "the same day" not in EN
    assert "emergency room now" in EN


def _sentences(text: str) -> list[str]:
    plain = re.sub(r"\*\*", "", text)
    return [s for s in re.split(r"[.!?;]\s+|\n\s*\n", plain) if s.strip()]


def _words_per_sentence(text: str) -> float:
    sentences = _sentences(text)
    return sum(len(s.split()) for s in sentences) / len(sentences)


def _letters_per_word(text: str) -> float:
    words = re.findall(r"[^\W\d_]+", text)
    return sum(len(w) for w in words) / len(words)


@pytest.mark.parametrize("language", ["en", "es"])
def test_red_flags_use_the_shortest_words_of_the_knowledge_base(language: str) -> None:
    """Everyday words are short: no entry in the language has a lower average word length."""
    entries = [
        e for e in knowledge_base().values() if language == "en" or Language(language) in e.translations
    ]
    assert len(entries) >= 5
    length = {e.id: _letters_per_word(e.in_language(language).text) for e in entries}
    assert min(length, key=length.__getitem__) == "red_flags", sorted(length.items(), key=lambda kv: kv[1])[
        :3
    ]


@pytest.mark.parametrize("language", ["en", "es"])
def test_red_flags_use_shorter_sentences_than_most_entries(language: str) -> None:
    entries = [
        e for e in knowledge_base().values() if language == "en" or Language(language) in e.translations
    ]
    lengths = sorted(_words_per_sentence(e.in_language(language).text) for e in entries)
    assert _words_per_sentence(RED.in_language(language).text) <= lengths[len(lengths) // 2]


def test_red_flags_cite_the_new_sources() -> None:
    for source in (
        "nice_cks_sciatica",
        "nice_ng234_kb",
        "nice_ng19_kb",
        "mccartney_2018_cervical",
        "pacut_gwathmey_2024",
    ):
        assert source in RED.sources
        assert source in all_sources()


@pytest.mark.parametrize(
    ("entry_id", "must", "must_not"),
    [
        (
            "carbamazepine_and_oxcarbazepine",
            ["pregnan", "birth defects", "carbamazepine and oxcarbazepine cause serious skin"],
            [],
        ),
        (
            "diabetes_care",
            ["type 1", "type 2", "did not\n  clearly show"],
            ["prevents numbness from getting worse"],
        ),
        (
            "opioids",
            ["no good evidence that codeine helps nerve pain"],
            ["morphine, oxycodone and codeine can reduce"],
        ),
        ("spinal_cord_stimulation", ["no longer count as nerve pain"], []),
        ("dorsal_root_ganglion_stimulation", ["no longer count as nerve pain"], ["for localised nerve pain"]),
        ("phantom_limb_pain", ["fingers or toes"], ["ears"]),
        ("shingles", ["around the eye", "the same day"], []),
        ("antidepressants_snri", ["brain zaps", "not nerve\n  pain"], []),
    ],
)
def test_the_audited_entries_say_what_their_sources_support(
    entry_id: str, must: list[str], must_not: list[str]
) -> None:
    text = " ".join(knowledge_base()[entry_id].text.split())
    for phrase in must:
        assert " ".join(phrase.split()) in text, phrase
    for phrase in must_not:
        assert phrase not in text, phrase


@pytest.mark.parametrize(
    ("entry_id", "source"),
    [
        ("carbamazepine_and_oxcarbazepine", "mhra_aed_pregnancy_2021_kb"),
        ("carbamazepine_and_oxcarbazepine", "cpic_hla_b_2018"),
        ("diabetes_care", "callaghan_2012_cochrane"),
        ("opioids", "cochrane_paracetamol_np_2016"),
        ("spinal_cord_stimulation", "nicholas_2019_iasp"),
        ("spinal_cord_stimulation", "korwisi_2021_crps"),
        ("dorsal_root_ganglion_stimulation", "korwisi_2021_crps"),
        ("shingles", "ting_2019_hzo"),
        ("carpal_tunnel_syndrome", "nice_cks_cts_kb"),
    ],
)
def test_each_corrected_fact_cites_its_source(entry_id: str, source: str) -> None:
    assert source in knowledge_base()[entry_id].sources
    assert source in all_sources()


def test_carpal_tunnel_no_longer_cites_a_polyneuropathy_page_for_its_treatments() -> None:
    assert "msd_polyneuropathy" not in knowledge_base()["carpal_tunnel_syndrome"].sources


def test_brain_zaps_lead_to_stopping_antidepressants_not_to_electric_shock_pain() -> None:
    assert "brain zaps" not in [a.lower() for a in knowledge_base()["electric_shock_pain"].aliases]
    assert "brain zaps" in [a.lower() for a in knowledge_base()["antidepressants_snri"].aliases]


def test_brain_zaps_search_finds_the_snri_entry_first() -> None:
    from nervepath.knowledge.search import search

    assert search("brain zaps")[0].id == "antidepressants_snri"


def test_every_translated_entry_is_translated_whole_and_keeps_its_markup() -> None:
    translated = [e for e in knowledge_base().values() if e.translations]
    assert {"red_flags", "carbamazepine_and_oxcarbazepine", "diabetes_care", "opioids", "shingles"} <= {
        e.id for e in translated
    }
    for entry in translated:
        es = entry.in_language("es")
        assert es.title != entry.title, entry.id
        assert es.text != entry.text, entry.id
        assert es.text.count("**") == entry.text.count("**"), entry.id


def test_an_entry_without_a_translation_falls_back_to_english() -> None:
    entry = knowledge_base()["tens"].model_copy(update={"translations": {}})
    assert entry.in_language("es-ES") == EntryText(title=entry.title, summary=entry.summary, text=entry.text)


def test_language_codes_are_matched_by_their_base_language() -> None:
    assert RED.in_language("es-MX").title == RED.translations[Language.es].title
    assert RED.in_language("EN").title == RED.title


def test_categories_still_hold_the_red_flag_entry() -> None:
    assert RED.category is Category.management
