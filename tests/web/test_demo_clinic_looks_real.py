"""The demo clinic looks like a real one: different, plausible names and examinations that give
different NeuPSIG grades, the same for the same seed."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest

from nervepath.web.demo import build_demo_clinic, demo_rules
from nervepath.web.records import models as m
from nervepath.web.records.reporting import assessment_for

DAY = date(2025, 6, 30)


@pytest.fixture
def demo(db: None) -> list[m.Patient]:
    build_demo_clinic(patients=40, years=0.3, seed=7, today=DAY)
    return list(m.Patient.objects.order_by("pk"))


def test_it_gives_every_patient_a_different_name_without_digits(demo: list[m.Patient]) -> None:
    names = [p.display_name for p in demo]
    assert len(set(names)) == len(names)
    assert not [n for n in names if re.search(r"\d", n)]
    assert names[0] == "Pat Demo"
    assert len({n.split()[0] for n in names}) > 20  # varied first names, not one per dozen


def test_it_records_examinations_so_the_gradings_vary(demo: list[m.Patient]) -> None:
    grades = Counter(assessment_for(p, DAY)["grading"]["level"] for p in demo)  # type: ignore[index]
    assert {"unlikely", "possible", "probable", "definite"} <= set(grades), grades
    phn = [s for s in m.ClinicalSituation.objects.filter(pain_etiology="postherpetic_neuralgia")]
    assert any(s.pain_distribution_plausible and s.sensory_signs_in_painful_area for s in phn)


def test_it_draws_the_same_names_and_examinations_from_the_same_seed(demo: list[m.Patient]) -> None:
    def seen() -> list[tuple[object, ...]]:
        return list(
            m.ClinicalSituation.objects.order_by("patient__pk").values_list(
                "patient__display_name",
                "pain_distribution_plausible",
                "sensory_signs_in_painful_area",
                "tests_confirm_lesion",
            )
        )

    first = seen()
    for model in (m.Patient, m.Clinician):
        model.objects.all().delete()
    from django.contrib.auth.models import User

    User.objects.all().delete()
    build_demo_clinic(patients=40, years=0.3, seed=7, today=DAY)
    assert seen() == first


def test_it_names_far_more_patients_than_name_pairs_uniquely() -> None:
    import random

    from nervepath.web.demo import FIRST_NAMES, LAST_NAMES, _names

    count = len(FIRST_NAMES) * len(LAST_NAMES) * 3
    names = _names(count, random.Random(1))
    assert len(set(names)) == count
    assert not [n for n in names if re.search(r"\d", n)]


def test_it_cites_its_examination_shares(db: None) -> None:
    assert demo_rules().examination.sources == ["nervepath_demo_rule"]


def test_it_names_the_clinicians_from_the_data_file(db: None) -> None:
    build_demo_clinic(patients=demo_rules().patients_per_clinician * 2 + 1, years=0.2, seed=3, today=DAY)
    names = list(m.Clinician.objects.order_by("pk").values_list("display_name", flat=True))
    assert names == demo_rules().clinicians[:3]
    assert names[0] == m.Clinician.objects.get(user__username="dr.demo").display_name
    assert not [n for n in names if re.search(r"\d", n)]


def test_it_pairs_the_listed_names_for_a_clinic_bigger_than_the_list() -> None:
    from nervepath.errors import InvalidInput
    from nervepath.web.demo import clinician_names

    listed = demo_rules().clinicians
    names = clinician_names(len(listed) + 40)
    assert names[: len(listed)] == listed
    assert len(set(names)) == len(names)
    assert all(n.startswith("Dr. ") and not re.search(r"\d", n) for n in names)
    assert not [n for n in names[len(listed) :] if "Demo" in n]  # the signing-in name is not paired
    with pytest.raises(InvalidInput):
        clinician_names(len(listed) ** 2 + 1)
