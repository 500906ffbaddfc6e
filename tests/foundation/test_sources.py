import pytest

from nervepath.datafiles import validate
from nervepath.errors import DataFileError, UnknownIdentifier
from nervepath.sources import SourceFile, all_sources, get_source


def test_it_loads_every_source_file_with_unique_ids():
    sources = all_sources()
    assert "seed_article" in sources
    assert sources["neupsig_2015"].kind.value == "guideline"


def test_it_rejects_an_unknown_source_id():
    with pytest.raises(UnknownIdentifier):
        get_source("made_up_2099")


def test_it_rejects_a_source_without_a_title():
    with pytest.raises(DataFileError) as info:
        validate(SourceFile, [{"id": "x_2020", "kind": "paper", "title": ""}], "sources/test.yaml")
    assert info.value.key == "0.title"


def test_it_cites_a_paper_with_authors_year_title_and_where_to_find_it():
    assert get_source("neupsig_2015").cited() == (
        "Finnerup NB et al. (2015). Pharmacotherapy for neuropathic pain in adults: a systematic review and "
        "meta-analysis. Lancet Neurol 14:162-173."
    )


def test_it_cites_a_label_by_title_and_where_without_inventing_authors_or_a_year():
    assert get_source("label_neurontin").cited() == (
        "Neurontin (gabapentin): dosage, titration and dosage adjustment by creatinine clearance. "
        "US prescribing information."
    )


def test_it_adds_the_pmid_and_doi_when_known():
    assert get_source("neupsig_2025").cited().endswith("Lancet Neurol. PMID 40252663.")
    assert get_source("pacut_gwathmey_2024").cited().endswith("Semin Neurol. doi:10.1055/s-0044-1791499.")


def test_it_cites_the_patient_article_as_a_plain_citation():
    assert get_source("seed_article").cited() == (
        "Neuropathic Pain: Causes, Symptoms, Treatment, Management, and Overview. "
        "Patient information article."
    )


INTERNAL = ("seed", "shared/", "C2", "confirmed", "not opened", "seen via", "secondary reproduction", ".yaml")


@pytest.mark.parametrize("source_id", sorted(all_sources()))
def test_it_keeps_provenance_out_of_every_citation(source_id):
    citation = get_source(source_id).cited()
    assert not [word for word in INTERNAL if word in citation], citation
    assert source_id not in citation


def test_it_says_the_language_of_a_citation_english_unless_stated():
    assert get_source("neupsig_2015").language == "en"
    source = {"id": "x_2020", "kind": "paper", "title": "A title", "language": "Spanish"}
    with pytest.raises(DataFileError) as info:
        validate(SourceFile, [source], "sources/test.yaml")
    assert info.value.key == "0.language"
