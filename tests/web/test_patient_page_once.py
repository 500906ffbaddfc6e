"""The clinician's patient page reads the patient's standing case once and runs each assessment once.

Counted, not timed: calls of the clinical core's entry point (``assess``) and of the read of the
clinical situation behind the standing case, through ``unittest.mock`` wrappers that call the real
functions. The page runs ``assess`` on two different cases by design: the standing case (no trials,
no answers) for the maxima the outcomes judge adequacy by, as every page and report does, and the
full case for the assessment panel.
"""

from __future__ import annotations

from datetime import date, timedelta
from unittest import mock

from django.test import Client

from nervepath.clinical import assess as assess_module
from nervepath.web.records import standing
from nervepath.web.records.models import DiaryDay, DoseStep, Trial
from nervepath.web.records.situation import set_situation
from nervepath.web.records.standing import read_once, standing_case
from nervepath.web.records.validation import today
from tests.web.conftest import Clinic


def _record(clinic: Clinic) -> None:
    patient = clinic.alice
    patient.birth_date, patient.sex = date(date.today().year - 67, 1, 1), "female"
    patient.save()
    set_situation(patient, {"weight_kg": 60, "serum_creatinine_mg_dl": 1.1})
    last = today()
    DiaryDay.objects.bulk_create(
        DiaryDay(patient=patient, date=last - timedelta(days=back), pain_average=5) for back in range(60)
    )
    trial = Trial.objects.create(patient=patient, drug_id="pregabalin", start_date=last - timedelta(days=30))
    DoseStep.objects.create(trial=trial, date=trial.start_date, daily_mg=150)


def test_the_patient_page_reads_the_case_once_and_assesses_it_once(as_bob: Client, clinic: Clinic) -> None:
    _record(clinic)
    with (
        mock.patch.object(assess_module, "assess", wraps=assess_module.assess) as assessed,
        mock.patch.object(standing, "get_situation", wraps=standing.get_situation) as situation_reads,
    ):
        response = as_bob.get(f"/clinic/patients/{clinic.alice.pk}/")
    assert response.status_code == 200
    assert response.context["assessment"]["now"]  # the panel was assessed
    assert situation_reads.call_count == 1  # the standing case, read once for the maxima and the panel
    cases = [call.args[0] for call in assessed.call_args_list]
    full = [case for case in cases if case.trials]
    standing_only = [case for case in cases if not case.trials]
    assert (len(full), len(standing_only)) == (1, 1)
    assert [t.drug for t in full[0].trials] == ["pregabalin"]


def test_read_once_hands_out_copies_and_reads_again_outside(clinic: Clinic) -> None:
    _record(clinic)
    day = today()
    with read_once():
        first = standing_case(clinic.alice, day)
        first["patient"]["age"] = 1  # a caller's change stays in its own copy
        set_situation(clinic.alice, {"weight_kg": 90, "serum_creatinine_mg_dl": 1.1})
        again = standing_case(clinic.alice, day)
    assert again["patient"]["age"] == 67
    assert again["patient"]["weight_kg"] == 60  # read once inside the block
    assert standing_case(clinic.alice, day)["patient"]["weight_kg"] == 90  # outside: the records now
