"""The pages after the summary: trials, current options with safety flags, questionnaires, notes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from nervepath.clinical.statuses import USABLE, OptionFlag, OptionStatus
from nervepath.outcomes import TrialOutcome
from nervepath.outcomes.adequacy import weeks_on_trial
from nervepath.outcomes.records import DiaryEntry, TrialRecord
from nervepath.outcomes.rules import outcome_rules
from nervepath.reports import labels
from nervepath.reports.citations import Citations
from nervepath.reports.inputs import ReportInput
from nervepath.reports.labels import Term
from nervepath.reports.markup import Markup, el, join, table
from nervepath.reports.words import (
    amount,
    band,
    data,
    day,
    decimal,
    drug_name,
    english,
    instrument_name,
    number,
    say,
    status,
    term,
    unit,
    workup_test,
)
from nervepath.sources import all_sources

NOTES_SHOWN = 6
NOTE_CHARS = 600


def details(report: ReportInput, cites: Citations, language: str = "en") -> Markup:
    """Everything after page 1, starting on a new page."""
    return el(
        "section",
        el("h2", say("Treatment trials", language)),
        trials_table(report.summary.trials, report, cites, language),
        prescribing_checks(report, cites, language),
        options(report.assessment or {}, cites, language),
        questionnaires(report, language),
        workup(report.assessment or {}, cites, language),
        notes(report.diary_in_period(), language),
        cls="details",
    )


TRIAL_HEADERS = (
    "Drug",
    "Doses (per day)",
    "Dates",
    "Weeks",
    "Adequate trial",
    "Pain before → on",
    "Response",
    "Stopped",
)


def trials_table(
    outcomes: Sequence[TrialOutcome], report: ReportInput, cites: Citations, language: str = "en"
) -> Markup:
    """Drug, doses, dates and duration, adequacy, IMMPACT response against the pre-trial baseline."""
    if not outcomes:
        return el("p", say("No treatment trials recorded.", language))
    sources = [*outcome_rules().response.sources, *outcome_rules().windows.sources]
    rows = [_trial_row(outcome, report, language) for outcome in outcomes]
    caption = el(
        "p",
        say(
            "Response: reduction of the 7-day average from the pre-trial baseline; "
            "≥30% moderate, ≥50% substantial (IMMPACT).",
            language,
        ),
        " ",
        cites.cite(sources),
        cls="small muted",
    )
    return join([table([say(h, language) for h in TRIAL_HEADERS], rows), caption])


def _trial_row(outcome: TrialOutcome, report: ReportInput, language: str) -> list[object]:
    trial = outcome.trial
    change = outcome.reduction_pct
    pct = (
        ""
        if change is None
        else say(" ({pct}% lower)", language, pct=f"{change:.0f}")
        if change >= 0
        else say(" ({pct}% higher)", language, pct=f"{-change:.0f}")
    )
    stop = day(trial.stop_date, language) if trial.stop_date else say("ongoing", language)
    pain = f"{number(outcome.baseline.mean, language)} → {number(outcome.current.mean, language)}"
    return [
        el("span", drug_name(trial.drug, language), cls="strong"),
        doses(trial, language),
        say("{start} to {stop}", language, start=day(trial.start_date, language), stop=stop),
        decimal(f"{weeks_on_trial(trial, report.as_of):.1f}", language),
        _adequacy(outcome, language),
        pain,
        term(Term.response, outcome.response.value, language) + pct,
        term(Term.stop_reason, trial.stop_reason, language) if trial.stop_reason else "–",
    ]


def doses(trial: TrialRecord, language: str = "en") -> str:
    """``150 → 300 mg`` from the dose steps, in date order."""
    steps = [amount(step.daily_mg, language) for step in sorted(trial.doses, key=lambda s: s.date)]
    return f"{' → '.join(steps)} {unit(labels.drug_unit(trial.drug), language)}" if steps else "–"


def prescribing_checks(report: ReportInput, cites: Citations, language: str = "en") -> Markup | None:
    """The checks kept with each trial and current medicine: overridden blocks (who, why) and warnings."""
    if not report.prescribing:
        return None
    trials = {t.id: t for t in report.trials}
    rows = []
    for record in report.prescribing:
        trial = trials.get(record.trial_id) if record.trial_id is not None else None
        what = (
            say("trial from {date}", language, date=day(trial.start_date, language))
            if trial
            else say("current medicine", language)
        )
        ordered = sorted(record.shown, key=lambda c: (not c.get("overridden"), c.get("severity") != "block"))
        for check in ordered:
            rows.append(
                [
                    join(
                        [
                            el("span", drug_name(record.drug, language), cls="strong"),
                            el("div", what, cls="small"),
                        ]
                    ),
                    join([check_text(check, language), " ", cites.cite(known_sources(check))]),
                    _decision(check, language),
                ]
            )
    headers = [say(h, language) for h in ("Medicine", "Check", "Decision")]
    return join([el("h2", say("Prescribing checks", language)), table(headers, rows)])


def known_sources(check: Mapping[str, Any]) -> list[str]:
    """The sources of a stored check that the registry still knows (a check outlives a renamed source)."""
    known = all_sources()
    return [s for s in check.get("sources") or [] if s in known]


def check_text(check: Mapping[str, Any], language: str = "en") -> str:
    """A prescribing check's message as one sentence, in ``language``."""
    message = str(check.get("message") or "").strip()
    if not message:
        return _unworded_check(check.get("flag"), language)
    return data(message if message.endswith(".") else f"{message}.", language)


def _unworded_check(flag: object, language: str) -> str:
    # A stored check keeps its rule's message; one without it (an older or imported record) says what
    # its flag asks to watch, or, for a flag no longer known, only that a check was made.
    if flag in set(OptionFlag):
        meaning = data(labels.flag_meaning(OptionFlag(str(flag))), language)
        return say("Check: {meaning}.", language, meaning=meaning)
    return say("A prescribing check was made.", language)


def _decision(check: Mapping[str, Any], language: str) -> object:
    if check.get("overridden"):
        by = check.get("by") or check.get("author")
        who = say("Overridden by {name}", language, name=by) if by else say("Overridden", language)
        who += f" ({_when(check['date'], language)})" if check.get("date") else ""
        reason = check.get("reason") or say("no reason recorded", language)
        return join([el("span", who, cls="strong"), f": {reason}"])
    if check.get("severity") == "block":
        return el("span", say("Blocking, not overridden", language), cls="strong")
    return say("Warning (not blocking)", language)


def _when(value: object, language: str) -> str:
    """The day a check was made (stored as ``2026-01-22``), in the language's date format."""
    text = str(value)
    try:
        return text if english(language) else day(date.fromisoformat(text), language)
    except ValueError:
        return text


def _adequacy(outcome: TrialOutcome, language: str) -> str:
    verdict = say({True: "yes", False: "no", None: "unknown"}[outcome.adequate], language)
    weeks = outcome.weeks_at_effective_dose
    if weeks is None:
        return verdict
    return say(
        "{verdict} ({weeks} wk at effective dose)",
        language,
        verdict=verdict,
        weeks=decimal(f"{weeks:.1f}", language),
    )


OPTION_HEADERS = ("Option", "Status", "Start", "Max per day for this patient", "Safety flags and why")


def options(assessment: Mapping[str, Any], cites: Citations, language: str = "en") -> Markup:
    """Suggested drug options with this patient's maximum dose and safety flags; avoid and non-drug lists."""
    heading = el("h2", say("Current options", language))
    listed: Sequence[Mapping[str, Any]] = assessment.get("options", [])
    if not listed:
        absent = say("No clinical assessment available: options not shown.", language)
        return join([heading, el("p", absent, cls="muted")])
    drugs = [o for o in listed if o.get("kind") == "drug" and o.get("status") in USABLE]
    rows = [_option_row(option, assessment, cites, language) for option in drugs]
    return join(
        [
            heading,
            _crcl(assessment, language),
            table([say(h, language) for h in OPTION_HEADERS], rows) if rows else None,
            _avoid(listed, cites, language),
            _nondrug(listed, cites, language),
        ]
    )


def _crcl(assessment: Mapping[str, Any], language: str) -> Markup | None:
    crcl = assessment.get("creatinine_clearance_ml_min")
    text = (
        say(
            "Creatinine clearance (Cockcroft-Gault): {crcl} mL/min.", language, crcl=number(crcl, language, 0)
        )
        if crcl is not None
        else say("Kidney function not known: check before dosing renally cleared drugs.", language)
    )
    return el("p", text, cls="small")


def _option_name(option: Mapping[str, Any], language: str) -> str:
    # Every option of an assessment carries its catalogue name (clinical.option.Option.name).
    return data(option["name"], language)


def _option_row(
    option: Mapping[str, Any], assessment: Mapping[str, Any], cites: Citations, language: str
) -> list[object]:
    flags = option.get("flags", [])
    limit = option.get("max_daily_mg")
    maximum = (
        "–" if limit is None else f"{amount(limit, language)} {unit(option.get('unit'), language)}".strip()
    )
    if OptionFlag.renal_dose_adjusted in flags:
        crcl = number(assessment.get("creatinine_clearance_ml_min"), language, 0)
        adjusted = say("kidney-adjusted (CrCl {crcl})", language, crcl=crcl)
        maximum = join([maximum, el("div", adjusted, cls="small nowrap")])
    badges = [el("span", data(labels.flag_meaning(flag), language), cls="flag") for flag in flags]
    why = [el("div", data(reason, language), cls="small") for reason in option.get("why", [])]
    name = join(
        [
            el("span", _option_name(option, language), cls="strong"),
            say(" (line {line}) ", language, line=option.get("line") or "–"),
            cites.cite(option.get("sources", [])),
        ]
    )
    return [
        name,
        status(option.get("status"), language) or "–",
        data(option.get("start"), language) or "–",
        maximum,
        join([*badges, *why]),
    ]


def _avoid(listed: Sequence[Mapping[str, Any]], cites: Citations, language: str) -> Markup | None:
    avoid = [o for o in listed if o.get("status") == OptionStatus.avoid]
    if not avoid:
        return None
    items = [
        join(
            [
                el("span", _option_name(o, language), cls="strong"),
                ": ",
                "; ".join(data(labels.flag_meaning(f), language) for f in o.get("flags", []))
                or say("contraindicated", language),
                " ",
                cites.cite(o.get("sources", [])),
            ]
        )
        for o in avoid
    ]
    return el("p", el("span", say("Avoid: ", language), cls="strong"), join(_separated(items)))


def _nondrug(listed: Sequence[Mapping[str, Any]], cites: Citations, language: str) -> Markup | None:
    chosen = [o for o in listed if o.get("kind") != "drug" and o.get("status") in USABLE]
    if not chosen:
        return None
    items = [join([_option_name(o, language), " ", cites.cite(o.get("sources", []))]) for o in chosen]
    label = el("span", say("Non-drug and interventional: ", language), cls="strong")
    return el("p", label, join(_separated(items)))


def _separated(items: Sequence[Markup]) -> list[object]:
    return [part for index, item in enumerate(items) for part in ((Markup("; ") if index else None), item)]


def questionnaires(report: ReportInput, language: str = "en") -> Markup | None:
    """Every questionnaire taken in the period, oldest first."""
    taken = [q for q in report.questionnaires if q.taken_at.date() in report.period]
    if not taken:
        return None
    rows = [
        [
            day(q.taken_at.date(), language),
            instrument_name(q.instrument_id, language),
            amount(q.score, language),
            band(q.instrument_id, q.band, language) or "–",
        ]
        for q in taken
    ]
    headers = [say(h, language) for h in ("Date", "Questionnaire", "Score", "Band")]
    return join([el("h2", say("Questionnaires in the period", language)), table(headers, rows)])


def workup(assessment: Mapping[str, Any], cites: Citations, language: str = "en") -> Markup | None:
    tests: Sequence[Mapping[str, Any]] = assessment.get("workup", [])
    if not tests:
        return None
    rows = [
        [
            el("span", workup_test(t["test"], language), cls="strong"),
            join([data(t.get("why"), language), " ", cites.cite(t.get("sources", []))]),
        ]
        for t in tests
    ]
    headers = [say("Test", language), say("Why", language)]
    return join([el("h2", say("Suggested work-up", language)), table(headers, rows)])


def notes(entries: Sequence[DiaryEntry], language: str = "en") -> Markup | None:
    """The most recent diary notes of the period, each shortened to a readable length.

    The notes are the patient's own words, shown as written (not translated).
    """
    noted = [entry for entry in entries if entry.note.strip()][-NOTES_SHOWN:]
    if not noted:
        return None
    rows = [
        [day(entry.date, language), el("div", _shorten(entry.note, language), cls="note-text")]
        for entry in reversed(noted)
    ]
    headers = [say("Date", language), say("Note", language)]
    return join([el("h2", say("Patient's diary notes (most recent)", language)), table(headers, rows)])


def _shorten(text: str, language: str) -> str:
    text = text.strip()
    if len(text) <= NOTE_CHARS:
        return text
    more = say(" … (shortened; {count} characters in full)", language, count=len(text))
    return text[:NOTE_CHARS].rstrip() + more
