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
from nervepath.reports.labels import Term
from nervepath.reports.markup import Markup, bullets, el, join, table
from nervepath.reports.side_effects import Advice, AdviceKind, advice_for
from nervepath.reports.words import (
    Sentences,
    amount,
    composed_sentences,
    data,
    day,
    drug_name,
    say,
    term,
)
from nervepath.reports.words import unit as words_unit

AS_AGREED = "as agreed with your clinician"
KIND_TITLES = {
    "therapy": "Therapy",
    "exercise": "Exercise and activity",
    "sleep": "Sleep",
    "coping": "Coping with pain",
}


def render_careplan_html(
    report: ReportInput,
    size: Paper | str = Paper.a4,
    *,
    language: str = "en",
    sentences: Sentences | None = None,
) -> str:
    """The care plan as one HTML document (web page and PDF source).

    Takes: a ReportInput, the paper size, the reader's language (``en``, ``es``) and, optionally, a
    translator of the clinical core's composed sentences (as for the clinician report). Returns: HTML.
    Raises: InvalidInput naming ``paper`` for a size other than a4 or letter.
    Sources: drug data and ``data/reports/side_effects.yaml``, cited in the plan.
    """
    cites = Citations()
    with composed_sentences(sentences):
        body = join(
            [
                header(report, say("My care plan for nerve pain", language), language),
                next_review(report, language),
                medicines(report, cites, language),
                warnings(report, cites, language),
                activities(report, cites, language),
                cites.section(language),
            ]
        )
    title = say("Care plan - {name}", language, name=report.patient.display_name)
    return document(title, el("main", body, cls="plan"), paper(size), lang=language)


def render_careplan_pdf(
    report: ReportInput,
    size: Paper | str = Paper.a4,
    *,
    language: str = "en",
    sentences: Sentences | None = None,
) -> bytes:
    """The care plan as PDF bytes (A4 or US Letter); see :func:`render_careplan_html`."""
    return to_pdf(render_careplan_html(report, size, language=language, sentences=sentences))


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


def next_review(report: ReportInput, language: str = "en") -> Markup:
    when = review_date(report)
    text = (
        say("Next review: {date}", language, date=day(when, language))
        if when
        else say("Next review: ask your clinician to set a date.", language)
    )
    return el("p", text, cls="box strong")


def medicines(report: ReportInput, cites: Citations, language: str = "en") -> Markup:
    trials = current_trials(report)
    heading = el("h2", say("My medicines for nerve pain", language))
    if not trials:
        none = say(
            "No nerve-pain medicine is recorded as started. Your clinician will tell you if one is.", language
        )
        return join([heading, el("p", none)])
    options = {o.get("id"): o for o in (report.assessment or {}).get("options", [])}
    kept: dict[int | None, tuple[Mapping[str, Any], ...]] = {
        p.trial_id: p.current for p in report.prescribing if p.trial_id is not None
    }
    return join(
        [
            heading,
            *(
                medicine(trial, options.get(trial.drug), cites, kept.get(trial.id, ()), language)
                for trial in trials
            ),
        ]
    )


def medicine(
    trial: TrialRecord,
    option: Mapping[str, Any] | None,
    cites: Citations,
    checks: Sequence[Mapping[str, Any]] = (),
    language: str = "en",
) -> Markup:
    """One medicine: dose now, how it is usually taken, the dose calendar, the next step, the most a
    day for this patient, and what the clinician's prescribing checks mean for the patient."""
    drug = load_drugs().get(trial.drug)
    unit = words_unit(labels.drug_unit(trial.drug), language)
    steps = sorted(trial.doses, key=lambda step: step.date)

    def per_day(mg: float) -> str:
        return say("{dose} {unit} a day", language, dose=amount(mg, language), unit=unit)

    now = per_day(steps[-1].daily_mg) if steps else say(AS_AGREED, language)
    rows = [[day(step.date, language), per_day(step.daily_mg)] for step in steps]
    dose = steps[-1].daily_mg if steps else None
    at_max = _at_maximum(option, dose)
    usual = data(drug.usual_daily, language) if drug and drug.usual_daily else None
    titration = _titration(option, drug.titration if drug else None)
    overridden = any(c.get("overridden") for c in checks)
    return el(
        "section",
        el("h3", drug_name(trial.drug, language), " ", cites.cite(drug.sources if drug else [])),
        el(
            "p",
            el("span", say("Now: ", language), cls="strong"),
            now,
            say(" (started {date})", language, date=day(trial.start_date, language)),
        ),
        el("p", say("Usually taken as: ", language), usual) if usual else None,
        el("p", el("span", say("Dose calendar so far:", language), cls="strong")),
        table([say("From", language), say("Dose", language)], rows) if rows else None,
        el(
            "p",
            el("span", say("Next step: ", language), cls="strong"),
            say(AT_MAXIMUM, language) if at_max else _next_step(titration, language),
        ),
        el("p", _limit(option, dose, overridden=overridden, language=language)),
        _checks(checks, language),
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


def _checks(checks: Sequence[Mapping[str, Any]], language: str = "en") -> Markup | None:
    """The kept prescribing checks in plain words (no rule ids): overridden ones with the reason."""
    items = []
    for check in sorted(checks, key=lambda c: not c.get("overridden")):
        if check.get("overridden"):
            by = check.get("by") or check.get("author")
            said = (
                say(" Reason given by {name}: ", language, name=by)
                if by
                else say(" Your clinician's reason: ", language)
            )
            text = say(PLAIN_OVERRIDDEN.get(str(check.get("flag")), PLAIN_OVERRIDDEN_OTHER), language)
            note = el("span", say("Please note: ", language), cls="strong")
            items.append(join([note, text, said, str(check.get("reason") or "")]))
        else:
            items.append(
                join([el("span", say("To watch: ", language), cls="strong"), say(PLAIN_WARNING, language)])
            )
    return el("div", bullets(items), cls="call") if items else None


def _next_step(titration: str | None, language: str = "en") -> str:
    if not titration:
        return say("any change in dose is as agreed with your clinician.", language)
    return say(
        "the usual plan is: {titration} - only as agreed with your clinician, never on your own.",
        language,
        titration=data(titration, language),
    )


def _limit(
    option: Mapping[str, Any] | None,
    dose: float | None = None,
    *,
    overridden: bool = False,
    language: str = "en",
) -> str:
    if option is None or option.get("max_daily_mg") is None:
        return say("Your clinician will tell you the most you may take in a day.", language)
    adjusted = OptionFlag.renal_dose_adjusted in option.get("flags", [])
    most = say(
        "{dose} {unit} a day (lowered for your kidney function)" if adjusted else "{dose} {unit} a day",
        language,
        dose=amount(option["max_daily_mg"], language),
        unit=words_unit(option.get("unit") or "mg", language),
    )
    if dose is not None and dose > option["max_daily_mg"]:
        after = (
            say(
                "Your clinician chose this dose on purpose: never take more than you have been told.",
                language,
            )
            if overridden
            else say("Please check this dose with your clinician soon.", language)
        )
        return f"{say('This dose is above the usual most for you ({most}).', language, most=most)} {after}"
    return say("Never take more than {most}.", language, most=most)


def warnings(report: ReportInput, cites: Citations, language: str = "en") -> Markup | None:
    """What to watch for and when to call, for every current medicine (from the side-effect data)."""
    advice = {entry.id: entry for trial in current_trials(report) for entry in advice_for(trial.drug)}
    if not advice:
        return None
    calls = [_advice(entry, cites, language) for entry in advice.values() if entry.kind is AdviceKind.call]
    watch = [_advice(entry, cites, language) for entry in advice.values() if entry.kind is AdviceKind.watch]
    return join(
        [
            el("h2", say("When to call", language)),
            el("div", bullets(calls), cls="call") if calls else None,
            el("h2", say("What to watch for", language)) if watch else None,
            bullets(watch),
        ]
    )


def _advice(entry: Advice, cites: Citations, language: str = "en") -> Markup:
    # How well the advice is sourced stays in the data (``confirmed``); the patient reads the advice.
    return join([data(entry.text, language), " ", cites.cite(entry.sources)])


def activities(report: ReportInput, cites: Citations, language: str = "en") -> Markup:
    """Therapy, exercise, sleep and coping items of the care plan, or the non-drug options to discuss."""
    items = [item for item in report.care_plan if item.kind in KIND_TITLES]
    heading = el("h2", say("Therapy, exercise, sleep and coping", language))
    if items:
        headers = ["", say("What", language), say("Status", language)]
        return join([heading, table(headers, [_activity(item, language) for item in items])])
    suggested = _nondrug(report.assessment or {}, cites, language)
    if suggested:
        return join([heading, el("p", say("To discuss with your clinician:", language)), bullets(suggested)])
    return join([heading, el("p", say("Nothing planned yet: as agreed with your clinician.", language))])


def _activity(item: CarePlanEntry, language: str = "en") -> list[object]:
    """A care plan item: its kind, the clinician's own title and note (as written), its status."""
    note = el("div", item.note, cls="small note-text") if item.note else None
    due = say(", by {date}", language, date=day(item.due_date, language)) if item.due_date else ""
    kind = say(KIND_TITLES[item.kind], language)
    return [kind, join([item.title, note]), (term(Term.care_status, item.status, language) or "–") + due]


def _nondrug(assessment: Mapping[str, Any], cites: Citations, language: str = "en") -> Sequence[Markup]:
    chosen = [
        o
        for o in assessment.get("options", [])
        if o.get("kind") == "nondrug" and o.get("status") == OptionStatus.recommended
    ]
    return [
        join(
            [
                data(o["name"], language),
                " ",
                cites.cite(o.get("sources", [])),
            ]
        )
        for o in chosen
    ]
