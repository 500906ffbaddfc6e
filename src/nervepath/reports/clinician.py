"""The clinician report: page 1 is the one-page summary, the details follow.

Page 1: identification; a PHQ-9 item-9 alert on top when positive; urgent red flags; the current
situation in one box; red flags, NeuPSIG grade and screening scores; the pain chart with treatment
bands and dose steps. Then (``details``): trials, current options, questionnaires, notes; what went
with the pain in the diary (``insights``: the findings and a forest plot); sources.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from datetime import date
from functools import partial
from typing import Any

from nervepath.outcomes.insights import analyse
from nervepath.outcomes.rules import outcome_rules
from nervepath.reports import labels
from nervepath.reports.charts import PainPoint, TreatmentBand, pain_chart
from nervepath.reports.citations import Citations
from nervepath.reports.details import check_text, details
from nervepath.reports.document import Paper, document, paper, to_pdf
from nervepath.reports.forest import factor_name, forest_svg
from nervepath.reports.inputs import ReportInput
from nervepath.reports.markup import Markup, bullets, el, escape, join
from nervepath.reports.situation import ScreenResult, Situation, situation

ITEM9_SOURCES = ("phq9_item9_followup", "kroenke_2001_phq9")
SVG_MAX_DAYS = 400
RESPONSE_WORDS = {
    "none": "no response (<30%)",
    "moderate": "moderate response",
    "substantial": "substantial response",
}
CHART_DPI = 200
CHART_SIZE = (8.0, 3.7)
FOREST_ROWS = 12  # the plot's rows in the report: the findings first, then the lowest q-values
SCREENING = frozenset({"dn4", "dn4_interview", "lanss", "s_lanss", "id_pain", "paindetect", "npsi"})


def render_clinician_html(report: ReportInput, size: Paper | str = Paper.a4) -> str:
    """The clinician report as one HTML document (the web page and the PDF's source).

    Takes: a ReportInput and the paper size (a4 or letter). Returns: HTML text.
    Raises: InvalidInput naming ``paper`` for another size.
    Sources: cited in the report itself (numbered, with full citations at the end).
    """
    cites = Citations()
    title = f"Clinician report - {report.patient.display_name}"
    body = join([summary_page(report, cites), details(report, cites), insights(report), cites.section()])
    return document(title, el("main", body, cls="report"), paper(size))


def render_clinician_pdf(report: ReportInput, size: Paper | str = Paper.a4) -> bytes:
    """The clinician report as PDF bytes (A4 or US Letter); see :func:`render_clinician_html`."""
    return to_pdf(render_clinician_html(report, size))


def summary_page(report: ReportInput, cites: Citations) -> Markup:
    now = situation(report)
    assessment = report.assessment or {}
    return el(
        "section",
        header(report, "Neuropathic pain - clinician summary"),
        self_harm_alert(now, cites),
        urgent_alert(assessment, cites),
        override_alert(report),
        situation_box(now, cites),
        el(
            "div", el("div", red_flags(assessment, cites)), el("div", diagnosis(report, cites)), cls="columns"
        ),
        chart(report),
        cls="summary",
    )


def header(report: ReportInput, heading: str) -> Markup:
    """Name, birth date and age, sex, reference; the period and the date it was made."""
    patient = report.patient
    age = labels.age_on(patient.birth_date, report.generated_on)
    born = (
        f"born {labels.day(patient.birth_date)} (age {age})"
        if patient.birth_date
        else "birth date not recorded"
    )
    who = [born, f"sex {patient.sex}", report.patient_ref or None]
    meta = [
        el("div", f"Period {report.period.start.isoformat()} to {report.period.end.isoformat()}"),
        el("div", f"Made {report.generated_on.isoformat()}"),
        el("div", f"Clinician: {report.clinician}") if report.clinician else None,
    ]
    left = el(
        "div",
        el("h1", heading),
        el("div", patient.display_name, cls="who"),
        el("div", " · ".join(w for w in who if w)),
    )
    return el("header", left, el("div", meta, cls="meta"), cls="header")


def self_harm_alert(now: Situation, cites: Citations) -> Markup | None:
    if not now.self_harm_flag:
        return None
    when = f" on {now.phq9.day.isoformat()}" if now.phq9 else ""
    return el(
        "div",
        f"⚠ PHQ-9 item 9 positive{when}: thoughts of self-harm reported.",
        el(
            "div",
            "Assess suicide risk today, whatever the total score. ",
            cites.cite(ITEM9_SOURCES),
            cls="what",
        ),
        cls="alert",
        role="alert",
    )


def urgent_alert(assessment: Mapping[str, Any], cites: Citations) -> Markup | None:
    if not assessment.get("urgent_referral"):
        return None
    urgent = [f for f in assessment.get("red_flags", []) if f.get("urgency") == "same_day"]
    names = ", ".join(labels.words(f.get("id")) for f in urgent)
    sources = [s for f in urgent for s in f.get("sources", [])]
    return el(
        "div",
        f"⚠ Red flag needing same-day assessment: {names}. ",
        cites.cite(sources),
        cls="alert",
        role="alert",
    )


def override_alert(report: ReportInput) -> Markup | None:
    """Every blocking prescribing check a clinician overrode on a medicine taken now, with who and why."""
    stopped = {t.id for t in report.trials if t.stop_date is not None and t.stop_date <= report.as_of}
    kept = [
        (record.drug, check)
        for record in report.prescribing
        if record.trial_id is None or record.trial_id not in stopped
        for check in record.current
        if check.get("overridden")
    ]
    if not kept:
        return None
    items = [
        join(
            [
                el("span", labels.drug_name(drug), cls="strong"),
                ": ",
                check_text(check),
                " ",
                _overridden_by(check),
            ]
        )
        for drug, check in kept
    ]
    return el(
        "div",
        "⚠ Prescribing check overridden (details under Prescribing checks):",
        bullets(items, cls="small"),
        cls="alert",
        role="alert",
    )


def _overridden_by(check: Mapping[str, Any]) -> str:
    by = check.get("by") or check.get("author")
    return (
        f"Overridden by {by}: {check.get('reason') or ''}"
        if by
        else f"Overridden: {check.get('reason') or ''}"
    )


def situation_box(now: Situation, cites: Citations) -> Markup:
    """Pain now against baseline, the change and its IMMPACT class, sleep, PHQ-9 and GAD-7."""
    response_sources = outcome_rules().response.sources
    change = "–" if now.change_pct is None else f"{-now.change_pct:+.0f}%"
    verdict = (
        join(
            [
                RESPONSE_WORDS.get(now.response.value, now.response.value),
                " (IMMPACT) ",
                cites.cite(response_sources),
            ]
        )
        if now.response
        else "not enough diary data"
    )
    window = (
        f"{now.now.days_with_entries}/{now.now.days_in_window} days, to {now.now.last.isoformat()}"
        if now.now
        else ""
    )
    figures = [
        figure("Average pain, last 7 days", labels.number(now.now.mean if now.now else None), "/10", window),
        figure(
            "Baseline", labels.number(now.baseline.mean if now.baseline else None), "/10", now.baseline_label
        ),
        figure("Change from baseline", change, "", verdict),
        figure(
            "Sleep interference, 7 days",
            labels.number(now.sleep_interference),
            "/10",
            "0 = none, 10 = complete",
        ),
        screen_figure("PHQ-9 (depression)", now.phq9, cites),
        screen_figure("GAD-7 (anxiety)", now.gad7, cites),
    ]
    return el("section", el("h2", "Current situation"), el("div", figures, cls="figures"), cls="box")


def figure(label: str, value: str, unit: str, note: object) -> Markup:
    return el(
        "div",
        el("div", label, cls="label"),
        el("div", value, el("span", f" {unit}", cls="unit") if unit and value != "–" else None, cls="value"),
        el("div", note, cls="note"),
        cls="figure",
    )


def screen_figure(label: str, result: ScreenResult | None, cites: Citations) -> Markup:
    if result is None:
        return figure(label, "–", "", "not answered")
    of = f"/{result.max}" if result.max else ""
    note = join([labels.words(result.band) or "no band", f", {result.day.isoformat()} "])
    source = {"phq9": "kroenke_2001_phq9", "gad7": "spitzer_2006_gad7"}.get(result.instrument)
    return figure(
        label, labels.amount(result.score), of, join([note, cites.cite([source] if source else [])])
    )


def red_flags(assessment: Mapping[str, Any], cites: Citations) -> Markup:
    flags: Sequence[Mapping[str, Any]] = assessment.get("red_flags", [])
    if not assessment:
        body: object = el("p", "Not assessed (no clinical assessment for this patient).", cls="muted")
    elif not flags:
        body = el("p", "None recorded.")
    else:
        body = bullets(
            join(
                [
                    el("span", labels.words(f.get("id")), cls="strong"),
                    f": {f.get('action', '')} ",
                    cites.cite(f.get("sources", [])),
                ]
            )
            for f in flags
        )
    return el("section", el("h2", "Red flags"), body)


def diagnosis(report: ReportInput, cites: Citations) -> Markup:
    """NeuPSIG grade with its reasons, and the screening questionnaire scores."""
    grading = (report.assessment or {}).get("grading")
    grade = (
        el(
            "p",
            el("span", f"NeuPSIG grade: {grading.get('level', '–')}", cls="strong"),
            " ",
            cites.cite(["neupsig_grading_2016"]),
        )
        if grading
        else el("p", "NeuPSIG grade: not assessed.", cls="muted")
    )
    reasons = bullets(grading.get("reasons", [])[:4], cls="small") if grading else None
    return el("section", el("h2", "Diagnosis"), grade, reasons, screening_scores(report))


def screening_scores(report: ReportInput) -> Markup:
    screening: Mapping[str, Any] = (report.assessment or {}).get("screening", {})
    rows = [_screen_text(name, result) for name, result in screening.items() if name in SCREENING]
    latest = {
        q.instrument_id: q for q in report.questionnaires if q.instrument_id in SCREENING - screening.keys()
    }
    rows += [_record_text(q.instrument_id, q.score, q.taken_at.date()) for q in latest.values()]
    return el("p", "Screening: " + ("; ".join(rows) if rows else "none recorded."))


def _screen_text(name: str, result: Mapping[str, Any]) -> str:
    found = result.get("positive")
    positive = "" if found is None else (", positive" if found else ", negative")
    score = f"{labels.amount(result.get('score'))}/{result.get('max', '?')}"
    return f"{labels.instrument_name(name)} {score}{positive}"


def _record_text(instrument: str, score: float | None, taken: date) -> str:
    return f"{labels.instrument_name(instrument)} {labels.amount(score)} ({taken.isoformat()})"


def chart(report: ReportInput) -> Markup:
    """The pain chart over the period: treatment bands with dose steps, daily pain, 7-day average."""
    points = [PainPoint(e.date, e.pain_average, e.pain_worst) for e in report.diary_in_period()]
    bands = [
        TreatmentBand(
            labels.drug_name(t.drug), t.start_date, t.stop_date,
            tuple((step.date, step.daily_mg) for step in t.doses), f"{labels.drug_unit(t.drug)}/day",
        )
        for t in report.trials
    ]  # fmt: skip
    rolling = [(w.last, w.mean) for w in report.rolling if w.mean is not None]
    draw = partial(
        pain_chart, points, bands, start=report.period.start, end=report.period.end, rolling=rolling
    )
    if len(points) > SVG_MAX_DAYS:
        # Years of daily points make an SVG that takes seconds to lay out; a sharp PNG prints the same.
        drawing = png_image(
            draw(fmt="png", dpi=CHART_DPI, size=CHART_SIZE),
            f"Daily pain {report.period.start} to {report.period.end}",
        )
    else:
        drawing = inline_svg(draw(size=CHART_SIZE))
    return el("section", el("h2", "Pain over the period"), el("div", drawing, cls="chart"))


def png_image(png: bytes, alt: str) -> Markup:
    """PNG bytes as an ``<img>`` with a data: URL (no file to serve, nothing to fetch)."""
    return Markup(f'<img src="data:image/png;base64,{base64.b64encode(png).decode()}" alt="{escape(alt)}">')


def inline_svg(svg: bytes) -> Markup:
    """SVG bytes from the chart renderer as inline markup (its XML prologue removed)."""
    text = svg.decode("utf-8")
    return Markup(text[text.index("<svg") :])


def insights(report: ReportInput) -> Markup:
    """What went with more or less pain over the period: the findings in sentences and a forest plot.

    The analysis is ``nervepath.outcomes.insights`` (HAC 95 % CI, Benjamini-Hochberg q < 0.10, the
    treatment period as a covariate); associations, never causes.
    """
    result = analyse(report.diary, report.trials, report.period.start, report.period.end)
    heading = el("h2", "What went with the pain (diary associations)")
    if not result.factors:
        return el(
            "section",
            heading,
            el("p", f"Not enough diary data yet ({result.days} days in the period).", cls="muted"),
            cls="insights",
        )
    findings = (
        bullets([f.sentence("en") for f in result.findings])
        if result.findings
        else el("p", "No factor stands out once chance and the number of factors tested are allowed for.")
    )
    shown = result.factors[:FOREST_ROWS]
    plot = forest_svg(
        shown,
        label="Difference in average pain by diary factor, with 95 % confidence intervals",
        width="12cm",
    )
    note = (
        f"{result.days} diary days. Associations, not causes: HAC (Newey-West) 95 % intervals, "
        "Benjamini-Hochberg q < 0.10 for a finding, treatment periods as a covariate. "
        "Black squares: findings; grey circles: could be chance."
    )
    short = (
        el(
            "p",
            "Not enough data yet: " + ", ".join(factor_name(f) for f in result.not_enough_data) + ".",
            cls="small muted",
        )
        if result.not_enough_data
        else None
    )
    return el(
        "section",
        heading,
        findings,
        el("div", Markup(plot), cls="forest"),
        el("p", note, cls="small muted"),
        short,
        cls="insights",
        style="break-inside: avoid",
    )
