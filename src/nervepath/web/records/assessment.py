"""The stored records of one patient as an ``assess`` case (contracts/case-format.md).

Public: ``assess_patient(patient, today=None, summary=None) -> dict``,
``case_for_patient(patient, today=None) -> dict``, and ``CASE_INSTRUMENTS``. The web app, the API,
reports and ``nervepath patient assess`` all assess a stored record with ``assess_patient``: the
case built here and the stored questionnaire results go to ``nervepath.clinical.assess.assess_json``,
which validates the case and does not score the stored answers again (docs/decisions/0009).

Where each part comes from:

- ``patient``: age from the birth date (else the situation's ``age``), sex from the patient, the
  rest from the clinical situation; ``pain``, ``exam``, ``tests``, ``red_flag_findings`` and
  ``alcohol_units_per_week`` from the situation. ``pain.nrs_average`` is the situation's value,
  else the current 7-day diary mean (``nervepath.outcomes``) rounded to a whole number.
- ``conditions``: the recorded condition ids. Rows recorded as conditions that are red-flag
  findings (an older demo clinic wrote them so) go to ``red_flag_findings``. A condition that can
  also be a cause of neuropathic pain (multiple sclerosis, spinal cord injury) stays a condition:
  ``pain.etiology`` is only what the clinician recorded in the situation.
- ``medications``: current medications (daily dose in the drug's unit; ``weeks`` at that dose from the
  row's start date, when known).
- ``answers``: the answers of the latest scored response to each of ``CASE_INSTRUMENTS``.
- ``trials``: every trial of a treatment drug with its highest daily dose, weeks at that dose,
  pain reduction % (``nervepath.outcomes``) and why it stopped (``ongoing`` while it runs).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from nervepath.clinical.assess import assess_json
from nervepath.clinical.drugs import load_drugs
from nervepath.outcomes import PatientSummary, weeks_at_effective_dose
from nervepath.outcomes.adequacy import weeks_on_trial
from nervepath.web.records import mappers
from nervepath.web.records.models import Patient
from nervepath.web.records.questionnaires import latest_responses, latest_scores
from nervepath.web.records.standing import standing_case
from nervepath.web.records.status import patient_status
from nervepath.web.records.validation import today as local_today

CASE_INSTRUMENTS = ("dn4", "phq9", "gad7")
_STOPPED_BECAUSE = {"ineffective": "ineffective", "side_effects": "side_effects"}


def assess_patient(
    patient: Patient, today: date | None = None, summary: PatientSummary | None = None
) -> dict[str, Any]:
    """The ``assess`` JSON of ``patient``'s stored record as of ``today``, with the stored results of
    the latest scored response to each of ``CASE_INSTRUMENTS`` as they were recorded.

    Raises: InvalidInput as :func:`case_for_patient` and ``assess_json``.
    """
    case = case_for_patient(patient, today, summary)
    return assess_json(case, latest_scores(patient, CASE_INSTRUMENTS))


def case_for_patient(
    patient: Patient, today: date | None = None, summary: PatientSummary | None = None
) -> dict[str, Any]:
    """Build the ``assess`` case of ``patient`` from the stored records, as of ``today``.

    Returns: a dict in the case format (keys without a known value are left out).
    ``summary``: the patient's outcomes as of ``today`` when the caller has them already.
    Raises: InvalidInput (field ``age``) when neither a birth date nor an age is recorded.
    """
    on = today or local_today()
    case = standing_case(patient, on)
    if summary is None:
        summary = patient_status(patient, on)
    case["answers"] = _answers(patient)
    case["trials"] = _trials(patient, summary, on)
    _add_nrs(case, summary)
    return case


def _answers(patient: Patient) -> dict[str, Any]:
    found = latest_responses(patient, CASE_INSTRUMENTS)
    return {name: found[name].answers for name in CASE_INSTRUMENTS if name in found}


def _trials(patient: Patient, summary: PatientSummary, on: date) -> list[dict[str, Any]]:
    treatments = {d for d, drug in load_drugs().items() if drug.role.value == "treatment"}
    reduction = {o.trial.id: o.reduction_pct for o in summary.trials}
    return [_trial(t, reduction.get(t.id), on) for t in mappers.trials(patient) if t.drug in treatments]


def _trial(trial: Any, pct: float | None, on: date) -> dict[str, Any]:
    top = max(step.daily_mg for step in trial.doses)
    effective = load_drugs()[trial.drug].effective_min_daily_mg
    # assess reads weeks_at_max_dose as the weeks at an effective dose once the top dose is effective:
    # count every step from the lowest effective dose up, as the outcomes do, so that the patient page
    # and assess call the same stored trial adequate (one definition: nervepath.clinical.adequacy).
    counted_from = top if effective is None else min(effective, top)
    found = {
        "drug": trial.drug,
        "max_daily_mg": top,
        "weeks_at_max_dose": round(weeks_at_effective_dose(trial, on, counted_from), 2),
        "weeks_on_trial": round(weeks_on_trial(trial, on), 2),
        # The case takes -100..100; pain more than doubled reads the same as "no relief" there.
        "pain_reduction_pct": None if pct is None else round(max(pct, -100.0), 1),
        "stopped_because": "ongoing" if trial.stop_date is None else _STOPPED_BECAUSE.get(trial.stop_reason),
    }
    if trial.stop_date is None:
        # The dose taken now, which is lower than the highest after a reduction.
        found["current_daily_mg"] = max(trial.doses, key=lambda step: step.date).daily_mg
    return found


def _add_nrs(case: dict[str, Any], summary: PatientSummary) -> None:
    current = summary.current.mean if summary.current else None
    if "nrs_average" not in case.get("pain", {}) and current is not None:
        case.setdefault("pain", {})["nrs_average"] = round(current)
