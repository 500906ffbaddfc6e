"""The patient's care plan, in plain language: medicines and how the dose changes, what to watch
for and when to call, therapy / exercise / sleep / coping, and the next review.

Doses come only from the record (the doses the clinician entered) and the drug data: the titration
text of ``data/clinical/drugs.yaml`` and this patient's maximum from ``assess`` (kidney-adjusted).
Where the data gives no titration the plan says "as agreed with your clinician".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from nervepath.clinical.drugs import load_drugs
from nervepath.clinical.statuses import OptionFlag, OptionStatus
from nervepath.outcomes.records import CarePlanEntry, TrialRecord
from nervepath.reports import labels
from nervepath.reports.citations import Citations
from nervepath.reports.clinician import header
from nervepath.reports.document import Paper, document, paper, to_pdf
from nervepath.reports.inputs import ReportInput
from nervepath.reports.markup import Markup, bullets, el, join, table
from nervepath.reports.side_effects import Advice, AdviceKind, advice_for

AS_AGREED = "as agreed with your clinician"
KIND_TITLES = {
    "therapy": "Therapy",
    "exercise": "Exercise and activity",
    "sleep": "Sleep",
    "coping": "Coping with pain",
}


def render_careplan_html(report: ReportInput, size: Paper | str = Paper.a4) -> str:
    """The care plan as one HTML document (web page and PDF source).

    Takes: a ReportInput and the paper size. Returns: HTML text.
    Raises: InvalidInput naming ``paper`` for a size other than a4 or letter.
    Sources: drug data and ``data/reports/side_effects.yaml``, cited in the plan.
    """
    cites = Citations()
    body = join(
        [
            header(report, "My care plan for nerve pain"),
            next_review(report),
            medicines(report, cites),
            warnings(report, cites),
            activities(report, cites),
            cites.section(),
        ]
    )
    return document(f"Care plan - {report.patient.display_name}", el("main", body, cls="plan"), paper(size))


def render_careplan_pdf(report: ReportInput, size: Paper | str = Paper.a4) -> bytes:
    """The care plan as PDF bytes (A4 or US Letter); see :func:`render_careplan_html`."""
    return to_pdf(render_careplan_html(report, size))


def current_trials(report: ReportInput) -> list[TrialRecord]:
    """Medicines being taken at the end of the period: trials started and not stopped by then."""
    return [
        t
        for t in report.trials
        if t.start_date <= report.as_of and (t.stop_date is None or t.stop_date > report.as_of)
    ]


def review_date(report: ReportInput) -> date | None:
    """The next planned review on or after the report date: a trial review or a follow-up item."""
    dates = [t.review_date for t in current_trials(report) if t.review_date]
    dates += [item.due_date for item in report.care_plan if item.kind == "follow_up" and item.due_date]
    upcoming = [d for d in dates if d >= report.generated_on]
    return min(upcoming, default=None)


def next_review(report: ReportInput) -> Markup:
    when = review_date(report)
    text = f"Next review: {when.isoformat()}" if when else "Next review: ask your clinician to set a date."
    return el("p", text, cls="box strong")


def medicines(report: ReportInput, cites: Citations) -> Markup:
    trials = current_trials(report)
    heading = el("h2", "My medicines for nerve pain")
    if not trials:
        return join(
            [
                heading,
                el(
                    "p",
                    "No nerve-pain medicine is recorded as started. Your clinician will tell you if one is.",
                ),
            ]
        )
    options = {o.get("id"): o for o in (report.assessment or {}).get("options", [])}
    kept: dict[int | None, tuple[Mapping[str, Any], ...]] = {
        p.trial_id: p.current for p in report.prescribing if p.trial_id is not None
    }
    return join(
        [
            heading,
            *(medicine(trial, options.get(trial.drug), cites, kept.get(trial.id, ())) for trial in trials),
        ]
    )


def medicine(
    trial: TrialRecord,
    option: Mapping[str, Any] | None,
    cites: Citations,
    checks: Sequence[Mapping[str, Any]] = (),
) -> Markup:
    """One medicine: dose now, how it is usually taken, the dose calendar, the next step, the most a
    day for this patient, and what the clinician's prescribing checks mean for the patient."""
    drug = load_drugs().get(trial.drug)
    unit = labels.drug_unit(trial.drug)
    steps = sorted(trial.doses, key=lambda step: step.date)
    now = f"{labels.amount(steps[-1].daily_mg)} {unit} a day" if steps else AS_AGREED
    rows = [[step.date.isoformat(), f"{labels.amount(step.daily_mg)} {unit} a day"] for step in steps]
    dose = steps[-1].daily_mg if steps else None
    at_max = _at_maximum(option, dose)
    return el(
        "section",
        el("h3", labels.drug_name(trial.drug), " ", cites.cite(drug.sources if drug else [])),
        el("p", el("span", "Now: ", cls="strong"), now, f" (started {trial.start_date.isoformat()})"),
        el("p", "Usually taken as: ", drug.usual_daily) if drug and drug.usual_daily else None,
        el("p", el("span", "Dose calendar so far:", cls="strong")),
        table(["From", "Dose"], rows) if rows else None,
        el(
            "p",
            el("span", "Next step: ", cls="strong"),
            AT_MAXIMUM if at_max else _next_step(_titration(option, drug.titration if drug else None)),
        ),
        el("p", _limit(option, dose, overridden=any(c.get("overridden") for c in checks))),
        _checks(checks),
    )


AT_MAXIMUM = "this is already the most for you: no further increase, unless your clinician decides otherwise."
PLAIN_OVERRIDDEN = {
    "above_maximum": "This dose is higher than the usual most for you. Your clinician chose it on purpose.",
    "duplicate_class": "You take another medicine of the same kind. Your clinician chose this on purpose. "
    "Ask before you change either one.",
}
PLAIN_OVERRIDDEN_OTHER = (
    "This medicine is usually avoided in your situation. Your clinician chose it on purpose. "
    "Tell them at once if you feel unwell."
)
PLAIN_WARNING = "There is something to watch with this medicine. Ask your clinician what it means for you."


def _titration(option: Mapping[str, Any] | None, usual: str | None) -> str | None:
    """The next step ``assess`` gives for this patient (kidney band, ceiling written in), else the
    option's titration (the kidney band's), else the drug's usual one."""
    option = option or {}
    current = option.get("current") or {}
    return current.get("next_step") or option.get("titration") or usual


def _at_maximum(option: Mapping[str, Any] | None, dose: float | None) -> bool:
    """At or above this patient's maximum: ``assess``'s ``current.at_max`` when given, else the dose."""
    if option is None:
        return False
    current = option.get("current") or {}
    if "at_max" in current:
        return bool(current["at_max"])
    limit = option.get("max_daily_mg")
    return dose is not None and limit is not None and dose >= limit


def _checks(checks: Sequence[Mapping[str, Any]]) -> Markup | None:
    """The kept prescribing checks in plain words (no rule ids): overridden ones with the reason."""
    items = []
    for check in sorted(checks, key=lambda c: not c.get("overridden")):
        if check.get("overridden"):
            by = check.get("by") or check.get("author")
            said = f" Reason given by {by}: " if by else " Your clinician's reason: "
            text = PLAIN_OVERRIDDEN.get(str(check.get("flag")), PLAIN_OVERRIDDEN_OTHER)
            items.append(
                join([el("span", "Please note: ", cls="strong"), text, said, str(check.get("reason") or "")])
            )
        else:
            items.append(join([el("span", "To watch: ", cls="strong"), PLAIN_WARNING]))
    return el("div", bullets(items), cls="call") if items else None


def _next_step(titration: str | None) -> str:
    if not titration:
        return f"any change in dose is {AS_AGREED}."
    return f"the usual plan is: {titration} - only {AS_AGREED}, never on your own."


def _limit(option: Mapping[str, Any] | None, dose: float | None = None, *, overridden: bool = False) -> str:
    if option is None or option.get("max_daily_mg") is None:
        return "Your clinician will tell you the most you may take in a day."
    adjusted = OptionFlag.renal_dose_adjusted in option.get("flags", [])
    kidneys = " (lowered for your kidney function)" if adjusted else ""
    most = f"{labels.amount(option['max_daily_mg'])} {option.get('unit') or 'mg'}"
    if dose is not None and dose > option["max_daily_mg"]:
        after = (
            " Your clinician chose this dose on purpose: never take more than you have been told."
            if overridden
            else " Please check this dose with your clinician soon."
        )
        return f"This dose is above the usual most for you ({most} a day{kidneys}).{after}"
    return f"Never take more than {most} a day{kidneys}."


def warnings(report: ReportInput, cites: Citations) -> Markup | None:
    """What to watch for and when to call, for every current medicine (from the side-effect data)."""
    advice = {entry.id: entry for trial in current_trials(report) for entry in advice_for(trial.drug)}
    if not advice:
        return None
    calls = [_advice(entry, cites) for entry in advice.values() if entry.kind is AdviceKind.call]
    watch = [_advice(entry, cites) for entry in advice.values() if entry.kind is AdviceKind.watch]
    return join(
        [
            el("h2", "When to call"),
            el("div", bullets(calls), cls="call") if calls else None,
            el("h2", "What to watch for") if watch else None,
            bullets(watch),
        ]
    )


def _advice(entry: Advice, cites: Citations) -> Markup:
    # How well the advice is sourced stays in the data (``confirmed``); the patient reads the advice.
    return join([entry.text, " ", cites.cite(entry.sources)])


def activities(report: ReportInput, cites: Citations) -> Markup:
    """Therapy, exercise, sleep and coping items of the care plan, or the non-drug options to discuss."""
    items = [item for item in report.care_plan if item.kind in KIND_TITLES]
    heading = el("h2", "Therapy, exercise, sleep and coping")
    if items:
        return join([heading, table(["", "What", "Status"], [_activity(item) for item in items])])
    suggested = _nondrug(report.assessment or {}, cites)
    if suggested:
        return join([heading, el("p", "To discuss with your clinician:"), bullets(suggested)])
    return join([heading, el("p", f"Nothing planned yet: {AS_AGREED}.")])


def _activity(item: CarePlanEntry) -> list[object]:
    note = el("div", item.note, cls="small note-text") if item.note else None
    due = f", by {item.due_date.isoformat()}" if item.due_date else ""
    return [KIND_TITLES[item.kind], join([item.title, note]), labels.words(item.status) + due]


def _nondrug(assessment: Mapping[str, Any], cites: Citations) -> Sequence[Markup]:
    chosen = [
        o
        for o in assessment.get("options", [])
        if o.get("kind") == "nondrug" and o.get("status") == OptionStatus.recommended
    ]
    return [
        join([o.get("name") or labels.words(o.get("id")), " ", cites.cite(o.get("sources", []))])
        for o in chosen
    ]
