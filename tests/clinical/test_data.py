"""The clinical data files: every id of the contract is known, every cited source exists."""

from __future__ import annotations

import pytest

from nervepath.clinical import identifiers
from nervepath.clinical.catalogue import nondrug_options, preferences
from nervepath.clinical.drugs import known_drug_ids, load_drugs
from nervepath.clinical.identifiers import conditions, etiologies
from nervepath.clinical.redflags import red_flag_catalogue
from nervepath.clinical.renal import renal_tables
from nervepath.clinical.rulebook import safety_flags, safety_rules, workup_rules
from nervepath.clinical.rules import PREDICATES, When
from nervepath.datafiles import validate
from nervepath.errors import DataFileError
from nervepath.sources import all_sources

CONTRACT_DRUGS = {
    "gabapentin",
    "pregabalin",
    "duloxetine",
    "venlafaxine",
    "amitriptyline",
    "nortriptyline",
    "imipramine",
    "lidocaine_plaster",
    "capsaicin_patch_8pct",
    "capsaicin_cream",
    "tramadol",
    "tapentadol",
    "morphine",
    "oxycodone",
    "hydromorphone",
    "hydrocodone",
    "codeine",
    "methadone",
    "fentanyl_patch",
    "buprenorphine",
    "carbamazepine",
    "oxcarbazepine",
    "botulinum_toxin_a",
    "nsaid",
    "paracetamol",
    "sertraline",
    "fluoxetine",
    "citalopram",
    "escitalopram",
    "paroxetine",
    "sumatriptan",
    "phenelzine",
    "selegiline",
    "linezolid",
    "diazepam",
    "lorazepam",
    "alprazolam",
    "zolpidem",
    "metformin",
    "omeprazole",
    "warfarin",
}
CONTRACT_FLAGS = {
    "renal_dose_adjusted",
    "renal_avoid",
    "cardiac",
    "anticholinergic_elderly",
    "glaucoma",
    "urinary_retention",
    "serotonergic_interaction",
    "cns_depressant_interaction",
    "respiratory_depression",
    "hepatic",
    "hypertension",
    "hla_b_1502",
    "hyponatremia",
    "suicide_risk",
    "pregnancy",
    "mao_inhibitor",
    "misuse_risk",
    "high_mme",
}
CONTRACT_TESTS = {
    "hba1c",
    "fasting_glucose",
    "ogtt",
    "vitamin_b12",
    "methylmalonic_acid",
    "serum_protein_electrophoresis",
    "serum_immunofixation",
    "tsh",
    "renal_function",
    "liver_function",
    "cbc",
    "hiv_test",
    "syphilis_serology",
    "nerve_conduction_study",
    "skin_biopsy",
    "mri_spine",
    "mri_brain",
    "ecg",
    "hla_b_1502",
}


def test_it_knows_every_contract_drug():
    # The contract's ids keep their spelling; co-medications a rule needs may be added (docs/case-format.md
    # lists them all, checked both ways by test_case_format_doc.py).
    assert known_drug_ids() >= CONTRACT_DRUGS


def test_it_knows_every_contract_flag_test_etiology_and_red_flag():
    assert set(safety_flags()) >= CONTRACT_FLAGS
    assert set(identifiers.tests()) == CONTRACT_TESTS
    assert "unknown" in etiologies()
    contract = {
        "saddle_anesthesia",
        "bladder_or_bowel_dysfunction",
        "progressive_weakness",
        "rapidly_ascending_weakness",
        "new_focal_deficit",
        "fever_with_back_pain",
        "unexplained_weight_loss",
        "history_of_cancer_with_new_back_pain",
    }
    assert set(red_flag_catalogue()) >= contract
    assert "bipolar_disorder" in conditions()


def _cited() -> list[str]:
    cited = [s for d in load_drugs().values() for s in d.sources]
    cited += [s for r in safety_rules() for s in r.sources] + [s for r in workup_rules() for s in r.sources]
    cited += [s for f in red_flag_catalogue().values() for s in f.sources]
    cited += [s for t in renal_tables().values() for s in t.sources]
    cited += [s for n in nondrug_options() for s in n.sources]
    return cited + [s for p in preferences() for s in p.sources]


def test_it_cites_only_registered_sources():
    assert set(_cited()) <= set(all_sources())


def test_it_uses_the_contract_example_doses_for_duloxetine():
    duloxetine = load_drugs()["duloxetine"]
    assert (duloxetine.start, duloxetine.max_daily_mg, duloxetine.adequate_trial_weeks) == (
        "30 mg once daily",
        120,
        4,
    )


def test_it_invents_no_dose_for_drugs_without_a_sourced_dose():
    for drug_id in ("imipramine", "morphine", "oxycodone", "methadone", "buprenorphine"):
        drug = load_drugs()[drug_id]
        assert drug.max_daily_mg is None
        assert drug.start is None
        assert "individual titration" in (drug.note or "").lower()


def test_it_has_a_predicate_for_every_when_key():
    assert set(PREDICATES) == set(When.model_fields)


def test_it_rejects_an_unknown_predicate_naming_the_key():
    with pytest.raises(DataFileError, match="age_over"):
        validate(When, {"age_over": 3}, "rules/x.yaml")


def test_it_refuses_a_preference_with_no_situation_or_two():
    import pytest
    from pydantic import ValidationError

    from nervepath.clinical.catalogue import Preference

    base = {"first": ["lidocaine_plaster"], "why": "x", "sources": ["nice_cg173"]}
    with pytest.raises(ValidationError):
        Preference.model_validate(base)
    with pytest.raises(ValidationError):
        Preference.model_validate(base | {"etiology": "postherpetic_neuralgia", "localized_peripheral": True})
