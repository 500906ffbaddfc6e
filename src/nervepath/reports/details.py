"""The pages after the summary: trials, current options with safety flags, questionnaires, notes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from nervepath.clinical.statuses import USABLE, OptionFlag, OptionStatus
from nervepath.outcomes import TrialOutcome
from nervepath.outcomes.adequacy import weeks_on_trial
from nervepath.outcomes.records import DiaryEntry, TrialRecord
from nervepath.outcomes.rules import outcome_rules
from nervepath.reports import labels
from nervepath.reports.citations import Citations
from nervepath.reports.inputs import ReportInput
from nervepath.reports.markup import Markup, el, join, table
from nervepath.sources import all_sources

NOTES_SHOWN = 6
NOTE_CHARS = 600


def details(report: ReportInput, cites: Citations) -> Markup:
    """Everything after page 1, starting on a new page."""
    return el(
        "section",
        el("h2", "Treatment trials"),
        trials_table(report.summary.trials, report, cites),
        prescribing_checks(report, cites),
        options(report.assessment or {}, cites),
        questionnaires(report),
        workup(report.assessment or {}, cites),
        notes(report.diary_in_period()),
        cls="details",
    )


def trials_table(outcomes: Sequence[TrialOutcome], report: ReportInput, cites: Citations) -> Markup:
    """Drug, doses, dates and duration, adequacy, IMMPACT response against the pre-trial baseline."""
    if not outcomes:
        return el("p", "No treatment trials recorded.")
    sources = [*outcome_rules().response.sources, *outcome_rules().windows.sources]
    headers = [
        "Drug",
        "Doses (per day)",
        "Dates",
        "Weeks",
        "Adequate trial",
        "Pain before → on",
        "Response",
        "Stopped",
    ]
    rows = [_trial_row(outcome, report) for outcome in outcomes]
    caption = el(
        "p",
        "Response: reduction of the 7-day average from the pre-trial baseline; "
        "≥30% moderate, ≥50% substantial (IMMPACT). ",
        cites.cite(sources),
        cls="small muted",
    )
    return join([table(headers, rows), caption])


def _trial_row(outcome: TrialOutcome, report: ReportInput) -> list[object]:
    trial = outcome.trial
    pct = (
        ""
        if outcome.reduction_pct is None
        else f" ({outcome.reduction_pct:.0f}% lower)"
        if outcome.reduction_pct >= 0
        else f" ({-outcome.reduction_pct:.0f}% higher)"
    )
    return [
        el("span", labels.drug_name(trial.drug), cls="strong"),
        doses(trial),
        f"{labels.day(trial.start_date)} to {labels.day(trial.stop_date) if trial.stop_date else 'ongoing'}",
        f"{weeks_on_trial(trial, report.as_of):.1f}",
        _adequacy(outcome),
        f"{labels.number(outcome.baseline.mean)} → {labels.number(outcome.current.mean)}",
        labels.words(outcome.response.value) + pct,
        labels.words(trial.stop_reason) or "–",
    ]


def doses(trial: TrialRecord) -> str:
    """``150 → 300 mg`` from the dose steps, in date order."""
    steps = [labels.amount(step.daily_mg) for step in sorted(trial.doses, key=lambda s: s.date)]
    return f"{' → '.join(steps)} {labels.drug_unit(trial.drug)}" if steps else "–"


def prescribing_checks(report: ReportInput, cites: Citations) -> Markup | None:
    """The checks kept with each trial and current medicine: overridden blocks (who, why) and warnings."""
    if not report.prescribing:
        return None
    trials = {t.id: t for t in report.trials}
    rows = []
    for record in report.prescribing:
        trial = trials.get(record.trial_id) if record.trial_id is not None else None
        what = f"trial from {labels.day(trial.start_date)}" if trial else "current medicine"
        ordered = sorted(record.shown, key=lambda c: (not c.get("overridden"), c.get("severity") != "block"))
        for check in ordered:
            rows.append(
                [
                    join(
                        [
                            el("span", labels.drug_name(record.drug), cls="strong"),
                            el("div", what, cls="small"),
                        ]
                    ),
                    join([check_text(check), " ", cites.cite(known_sources(check))]),
                    _decision(check),
                ]
            )
    return join([el("h2", "Prescribing checks"), table(["Medicine", "Check", "Decision"], rows)])


def known_sources(check: Mapping[str, Any]) -> list[str]:
    """The sources of a stored check that the registry still knows (a check outlives a renamed source)."""
    known = all_sources()
    return [s for s in check.get("sources") or [] if s in known]


def check_text(check: Mapping[str, Any]) -> str:
    message = str(check.get("message") or labels.words(check.get("flag"))).strip()
    return message if message.endswith(".") else f"{message}."


def _decision(check: Mapping[str, Any]) -> object:
    if check.get("overridden"):
        by = check.get("by") or check.get("author")
        who = f"Overridden by {by}" if by else "Overridden"
        who += f" ({check['date']})" if check.get("date") else ""
        return join([el("span", who, cls="strong"), f": {check.get('reason') or 'no reason recorded'}"])
    if check.get("severity") == "block":
        return el("span", "Blocking, not overridden", cls="strong")
    return "Warning (not blocking)"


def _adequacy(outcome: TrialOutcome) -> str:
    verdict = {True: "yes", False: "no", None: "unknown"}[outcome.adequate]
    weeks = outcome.weeks_at_effective_dose
    return verdict if weeks is None else f"{verdict} ({weeks:.1f} wk at effective dose)"


def options(assessment: Mapping[str, Any], cites: Citations) -> Markup:
    """Suggested drug options with this patient's maximum dose and safety flags; avoid and non-drug lists."""
    heading = el("h2", "Current options")
    listed: Sequence[Mapping[str, Any]] = assessment.get("options", [])
    if not listed:
        return join([heading, el("p", "No clinical assessment available: options not shown.", cls="muted")])
    drugs = [o for o in listed if o.get("kind") == "drug" and o.get("status") in USABLE]
    headers = ["Option", "Status", "Start", "Max per day for this patient", "Safety flags and why"]
    rows = [_option_row(option, assessment, cites) for option in drugs]
    return join(
        [
            heading,
            _crcl(assessment),
            table(headers, rows) if rows else None,
            _avoid(listed, cites),
            _nondrug(listed, cites),
        ]
    )


def _crcl(assessment: Mapping[str, Any]) -> Markup | None:
    crcl = assessment.get("creatinine_clearance_ml_min")
    text = (
        f"Creatinine clearance (Cockcroft-Gault): {labels.number(crcl, 0)} mL/min."
        if crcl is not None
        else "Kidney function not known: check before dosing renally cleared drugs."
    )
    return el("p", text, cls="small")


def _option_row(option: Mapping[str, Any], assessment: Mapping[str, Any], cites: Citations) -> list[object]:
    flags = option.get("flags", [])
    limit = option.get("max_daily_mg")
    maximum = "–" if limit is None else f"{labels.amount(limit)} {option.get('unit') or ''}".strip()
    if OptionFlag.renal_dose_adjusted in flags:
        crcl = labels.number(assessment.get("creatinine_clearance_ml_min"), 0)
        maximum = join([maximum, el("div", f"kidney-adjusted (CrCl {crcl})", cls="small nowrap")])
    badges = [el("span", labels.flag_meaning(flag), cls="flag") for flag in flags]
    why = [el("div", reason, cls="small") for reason in option.get("why", [])]
    name = join(
        [
            el("span", option.get("name") or labels.words(option.get("id")), cls="strong"),
            f" (line {option.get('line') or '–'}) ",
            cites.cite(option.get("sources", [])),
        ]
    )
    return [
        name,
        labels.words(option.get("status")),
        option.get("start") or "–",
        maximum,
        join([*badges, *why]),
    ]


def _avoid(listed: Sequence[Mapping[str, Any]], cites: Citations) -> Markup | None:
    avoid = [o for o in listed if o.get("status") == OptionStatus.avoid]
    if not avoid:
        return None
    items = [
        join(
            [
                el("span", o.get("name") or o.get("id"), cls="strong"),
                ": ",
                "; ".join(labels.flag_meaning(f) for f in o.get("flags", [])) or "contraindicated",
                " ",
                cites.cite(o.get("sources", [])),
            ]
        )
        for o in avoid
    ]
    return el("p", el("span", "Avoid: ", cls="strong"), join(_separated(items)))


def _nondrug(listed: Sequence[Mapping[str, Any]], cites: Citations) -> Markup | None:
    chosen = [o for o in listed if o.get("kind") != "drug" and o.get("status") in USABLE]
    if not chosen:
        return None
    items = [
        join([o.get("name") or labels.words(o.get("id")), " ", cites.cite(o.get("sources", []))])
        for o in chosen
    ]
    return el("p", el("span", "Non-drug and interventional: ", cls="strong"), join(_separated(items)))


def _separated(items: Sequence[Markup]) -> list[object]:
    return [part for index, item in enumerate(items) for part in ((Markup("; ") if index else None), item)]


def questionnaires(report: ReportInput) -> Markup | None:
    """Every questionnaire taken in the period, oldest first."""
    taken = [q for q in report.questionnaires if q.taken_at.date() in report.period]
    if not taken:
        return None
    rows = [
        [
            q.taken_at.date().isoformat(),
            labels.instrument_name(q.instrument_id),
            labels.amount(q.score),
            labels.words(q.band) or "–",
        ]
        for q in taken
    ]
    return join(
        [el("h2", "Questionnaires in the period"), table(["Date", "Questionnaire", "Score", "Band"], rows)]
    )


def workup(assessment: Mapping[str, Any], cites: Citations) -> Markup | None:
    tests: Sequence[Mapping[str, Any]] = assessment.get("workup", [])
    if not tests:
        return None
    rows = [
        [
            el("span", labels.words(t.get("test")), cls="strong"),
            join([t.get("why", ""), " ", cites.cite(t.get("sources", []))]),
        ]
        for t in tests
    ]
    return join([el("h2", "Suggested work-up"), table(["Test", "Why"], rows)])


def notes(entries: Sequence[DiaryEntry]) -> Markup | None:
    """The most recent diary notes of the period, each shortened to a readable length."""
    noted = [entry for entry in entries if entry.note.strip()][-NOTES_SHOWN:]
    if not noted:
        return None
    rows = [
        [entry.date.isoformat(), el("div", _shorten(entry.note), cls="note-text")]
        for entry in reversed(noted)
    ]
    return join([el("h2", "Patient's diary notes (most recent)"), table(["Date", "Note"], rows)])


def _shorten(text: str) -> str:
    text = text.strip()
    return (
        text
        if len(text) <= NOTE_CHARS
        else text[:NOTE_CHARS].rstrip() + f" … (shortened; {len(text)} characters in full)"
    )
