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
from nervepath.outcomes.windows import baseline_before
from nervepath.reports import labels
from nervepath.reports.charts import PainPoint, TreatmentBand, pain_chart
from nervepath.reports.citations import Citations
from nervepath.reports.details import check_text, details
from nervepath.reports.document import Paper, document, paper, to_pdf
from nervepath.reports.forest import factor_name, forest_svg
from nervepath.reports.inputs import ReportInput
from nervepath.reports.labels import Term
from nervepath.reports.markup import Markup, bullets, el, escape, join
from nervepath.reports.situation import ScreenResult, Situation, situation
from nervepath.reports.words import (
    Sentences,
    amount,
    composed_sentences,
    data,
    day,
    dose_rate,
    drug_name,
    instrument_name,
    number,
    red_flag,
    say,
    term,
)
from nervepath.reports.words import band as words_band

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


def render_clinician_html(
    report: ReportInput,
    size: Paper | str = Paper.a4,
    *,
    language: str = "en",
    sentences: Sentences | None = None,
) -> str:
    """The clinician report as one HTML document (the web page and the PDF's source).

    Takes: a ReportInput, the paper size (a4 or letter), the reader's language (``en``, ``es``) and,
    optionally, a translator of the clinical core's composed sentences into that language (see
    :func:`nervepath.reports.words.composed_sentences`). Returns: HTML text.
    Raises: InvalidInput naming ``paper`` for another size.
    Sources: cited in the report itself (numbered, with full citations at the end).
    """
    cites = Citations()
    title = say("Clinician report - {name}", language, name=report.patient.display_name)
    with composed_sentences(sentences):
        body = join(
            [
                summary_page(report, cites, language),
                details(report, cites, language),
                insights(report, language),
                cites.section(language),
            ]
        )
    return document(title, el("main", body, cls="report"), paper(size), lang=language)


def render_clinician_pdf(
    report: ReportInput,
    size: Paper | str = Paper.a4,
    *,
    language: str = "en",
    sentences: Sentences | None = None,
) -> bytes:
    """The clinician report as PDF bytes (A4 or US Letter); see :func:`render_clinician_html`."""
    return to_pdf(render_clinician_html(report, size, language=language, sentences=sentences))


def summary_page(report: ReportInput, cites: Citations, language: str = "en") -> Markup:
    now = situation(report, language)
    assessment = report.assessment or {}
    return el(
        "section",
        header(report, say("Neuropathic pain - clinician summary", language), language),
        self_harm_alert(now, cites, language),
        urgent_alert(assessment, cites, language),
        override_alert(report, language),
        situation_box(now, cites, language),
        el(
            "div",
            el("div", red_flags(assessment, cites, language)),
            el("div", diagnosis(report, cites, language)),
            cls="columns",
        ),
        chart(report, language),
        cls="summary",
    )


def header(report: ReportInput, heading: str, language: str = "en") -> Markup:
    """Name, birth date and age, sex, reference; the period and the date it was made."""
    patient = report.patient
    age = labels.age_on(patient.birth_date, report.generated_on)
    born = (
        say("born {date} (age {age})", language, date=day(patient.birth_date, language), age=age)
        if patient.birth_date
        else say("birth date not recorded", language)
    )
    who = [
        born,
        say("sex {sex}", language, sex=term(Term.sex, patient.sex, language)),
        say("record {ref}", language, ref=report.patient_ref) if report.patient_ref else None,
    ]
    period = report.period
    start, end = day(period.start, language), day(period.end, language)
    meta = [
        # On one line each: a long date ("11 de marzo de 2026") is never split from its year.
        el("div", say("Period {start} to {end}", language, start=start, end=end), cls="nowrap"),
        el("div", say("Made {date}", language, date=day(report.generated_on, language)), cls="nowrap"),
        el("div", say("Clinician: {name}", language, name=report.clinician)) if report.clinician else None,
    ]
    left = el(
        "div",
        el("h1", heading),
        el("div", patient.display_name, cls="who"),
        el("div", " · ".join(w for w in who if w)),
    )
    return el("header", left, el("div", meta, cls="meta"), cls="header")


def self_harm_alert(now: Situation, cites: Citations, language: str = "en") -> Markup | None:
    if not now.self_harm_flag:
        return None
    alert = (
        say(
            "⚠ PHQ-9 item 9 positive on {date}: thoughts of self-harm reported.",
            language,
            date=day(now.phq9.day, language),
        )
        if now.phq9
        else say("⚠ PHQ-9 item 9 positive: thoughts of self-harm reported.", language)
    )
    return el(
        "div",
        alert,
        el(
            "div",
            say("Assess suicide risk today, whatever the total score.", language),
            " ",
            cites.cite(ITEM9_SOURCES),
            cls="what",
        ),
        cls="alert",
        role="alert",
    )


def urgent_alert(assessment: Mapping[str, Any], cites: Citations, language: str = "en") -> Markup | None:
    if not assessment.get("urgent_referral"):
        return None
    urgent = [f for f in assessment.get("red_flags", []) if f.get("urgency") == "same_day"]
    names = ", ".join(red_flag(f["id"], language) for f in urgent)
    sources = [s for f in urgent for s in f.get("sources", [])]
    return el(
        "div",
        say("⚠ Red flag needing same-day assessment: {names}.", language, names=names),
        " ",
        cites.cite(sources),
        cls="alert",
        role="alert",
    )


def override_alert(report: ReportInput, language: str = "en") -> Markup | None:
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
                el("span", drug_name(drug, language), cls="strong"),
                ": ",
                check_text(check, language),
                " ",
                _overridden_by(check, language),
            ]
        )
        for drug, check in kept
    ]
    return el(
        "div",
        say("⚠ Prescribing check overridden (details under Prescribing checks):", language),
        bullets(items, cls="small"),
        cls="alert",
        role="alert",
    )


def _overridden_by(check: Mapping[str, Any], language: str) -> str:
    by = check.get("by") or check.get("author")
    reason = check.get("reason") or ""
    if by:
        return say("Overridden by {name}: {reason}", language, name=by, reason=reason)
    return say("Overridden: {reason}", language, reason=reason)


def situation_box(now: Situation, cites: Citations, language: str = "en") -> Markup:
    """Pain now against baseline, the change and its IMMPACT class, sleep, PHQ-9 and GAD-7."""
    response_sources = outcome_rules().response.sources
    change = "–" if now.change_pct is None else f"{-now.change_pct:+.0f}%"
    verdict = (
        join(
            [
                say(RESPONSE_WORDS.get(now.response.value, now.response.value), language),
                " (IMMPACT) ",
                cites.cite(response_sources),
            ]
        )
        if now.response
        else say("not enough diary data", language)
    )
    window = (
        say(
            "{days}/{total} days, to {date}",
            language,
            days=now.now.days_with_entries,
            total=now.now.days_in_window,
            date=day(now.now.last, language),
        )
        if now.now
        else ""
    )
    mean = now.now.mean if now.now else None
    baseline = now.baseline.mean if now.baseline else None
    figures = [
        figure(say("Average pain, last 7 days", language), number(mean, language), "/10", window),
        figure(say("Baseline", language), number(baseline, language), "/10", now.baseline_label),
        figure(say("Change from baseline", language), change, "", verdict),
        figure(
            say("Sleep interference, 7 days", language),
            number(now.sleep_interference, language),
            "/10",
            say("0 = none, 10 = complete", language),
        ),
        screen_figure(say("PHQ-9 (depression)", language), now.phq9, cites, language),
        screen_figure(say("GAD-7 (anxiety)", language), now.gad7, cites, language),
    ]
    heading = el("h2", say("Current situation", language))
    return el("section", heading, el("div", figures, cls="figures"), cls="box")


def figure(label: str, value: str, unit: str, note: object) -> Markup:
    return el(
        "div",
        el("div", label, cls="label"),
        el("div", value, el("span", f" {unit}", cls="unit") if unit and value != "–" else None, cls="value"),
        el("div", note, cls="note"),
        cls="figure",
    )


def screen_figure(label: str, result: ScreenResult | None, cites: Citations, language: str = "en") -> Markup:
    if result is None:
        return figure(label, "–", "", say("not answered", language))
    of = f"/{result.max}" if result.max else ""
    band = words_band(result.instrument, result.band, language) or say("no band", language)
    note = join([band, f", {day(result.day, language)} "])
    source = {"phq9": "kroenke_2001_phq9", "gad7": "spitzer_2006_gad7"}.get(result.instrument)
    return figure(
        label, amount(result.score, language), of, join([note, cites.cite([source] if source else [])])
    )


def red_flags(assessment: Mapping[str, Any], cites: Citations, language: str = "en") -> Markup:
    flags: Sequence[Mapping[str, Any]] = assessment.get("red_flags", [])
    if not assessment:
        body: object = el(
            "p", say("Not assessed (no clinical assessment for this patient).", language), cls="muted"
        )
    elif not flags:
        body = el("p", say("None recorded.", language))
    else:
        body = bullets(
            join(
                [
                    el("span", red_flag(f["id"], language), cls="strong"),
                    f": {data(f.get('action'), language)} ",
                    cites.cite(f.get("sources", [])),
                ]
            )
            for f in flags
        )
    return el("section", el("h2", say("Red flags", language)), body)


def diagnosis(report: ReportInput, cites: Citations, language: str = "en") -> Markup:
    """NeuPSIG grade with its reasons, and the screening questionnaire scores."""
    grading = (report.assessment or {}).get("grading")
    grade = (
        el(
            "p",
            el(
                "span",
                say(
                    "NeuPSIG grade: {grade}",
                    language,
                    grade=term(Term.grade, grading.get("level"), language) or "–",
                ),
                cls="strong",
            ),
            " ",
            cites.cite(["neupsig_grading_2016"]),
        )
        if grading
        else el("p", say("NeuPSIG grade: not assessed.", language), cls="muted")
    )
    reasons = (
        bullets([data(reason, language) for reason in grading.get("reasons", [])[:4]], cls="small")
        if grading
        else None
    )
    heading = el("h2", say("Diagnosis", language))
    return el("section", heading, grade, reasons, screening_scores(report, language))


def screening_scores(report: ReportInput, language: str = "en") -> Markup:
    screening: Mapping[str, Any] = (report.assessment or {}).get("screening", {})
    rows = [_screen_text(name, result, language) for name, result in screening.items() if name in SCREENING]
    latest = {
        q.instrument_id: q for q in report.questionnaires if q.instrument_id in SCREENING - screening.keys()
    }
    rows += [_record_text(q.instrument_id, q.score, q.taken_at.date(), language) for q in latest.values()]
    found = "; ".join(rows) if rows else say("none recorded.", language)
    return el("p", say("Screening: {found}", language, found=found))


def _screen_text(name: str, result: Mapping[str, Any], language: str) -> str:
    found = result.get("positive")
    positive = "" if found is None else say(", positive" if found else ", negative", language)
    score = f"{amount(result.get('score'), language)}/{result.get('max', '?')}"
    return f"{instrument_name(name, language)} {score}{positive}"


def _record_text(instrument: str, score: float | None, taken: date, language: str) -> str:
    return f"{instrument_name(instrument, language)} {amount(score, language)} ({day(taken, language)})"


def chart(report: ReportInput, language: str = "en") -> Markup:
    """The pain chart over the period: treatment bands with dose steps, daily pain, 7-day average."""
    points = [PainPoint(e.date, e.pain_average, e.pain_worst) for e in report.diary_in_period()]
    bands = [
        TreatmentBand(
            drug_name(t.drug, language), t.start_date, t.stop_date,
            tuple((step.date, step.daily_mg) for step in t.doses),
            dose_rate(labels.drug_unit(t.drug), language),
        )
        for t in report.trials
    ]  # fmt: skip
    rolling = [(w.last, w.mean) for w in report.rolling if w.mean is not None]
    draw = partial(
        pain_chart,
        points,
        bands,
        start=report.period.start,
        end=report.period.end,
        rolling=rolling,
        baseline=_baseline(report),
        words=_chart_words(language),
    )
    if len(points) > SVG_MAX_DAYS:
        # Years of daily points make an SVG that takes seconds to lay out; a sharp PNG prints the same.
        drawing = png_image(
            draw(fmt="png", dpi=CHART_DPI, size=CHART_SIZE),
            say(
                "Daily pain {start} to {end}",
                language,
                start=day(report.period.start, language),
                end=day(report.period.end, language),
            ),
        )
    else:
        drawing = inline_svg(draw(size=CHART_SIZE))
    return el("section", el("h2", say("Pain over the period", language)), el("div", drawing, cls="chart"))


def _baseline(report: ReportInput) -> tuple[date, date] | None:
    """The pre-treatment baseline window (first and last day), shaded on the chart."""
    if not report.trials:
        return None
    window = baseline_before(report.diary, min(t.start_date for t in report.trials))
    return window.first, window.last


def _chart_words(language: str) -> dict[str, str]:
    """The chart's texts in ``language`` (``charts.WORDS`` holds the English)."""
    return {
        "pain": say("pain (0-10)", language),
        "empty": say("no diary entries in this period", language),
        "average": say("average pain", language),
        "worst": say("worst pain", language),
        "rolling": say("7-day average", language),
        "baseline": say("baseline", language),
        "months": say("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", language),
    }


def png_image(png: bytes, alt: str) -> Markup:
    """PNG bytes as an ``<img>`` with a data: URL (no file to serve, nothing to fetch)."""
    return Markup(f'<img src="data:image/png;base64,{base64.b64encode(png).decode()}" alt="{escape(alt)}">')


def inline_svg(svg: bytes) -> Markup:
    """SVG bytes from the chart renderer as inline markup (its XML prologue removed)."""
    text = svg.decode("utf-8")
    return Markup(text[text.index("<svg") :])


def insights(report: ReportInput, language: str = "en") -> Markup:
    """What went with more or less pain over the period: the findings in sentences and a forest plot.

    The analysis is ``nervepath.outcomes.insights`` (HAC 95 % CI, Benjamini-Hochberg q < 0.10, the
    treatment period as a covariate); associations, never causes.
    """
    result = analyse(report.diary, report.trials, report.period.start, report.period.end)
    heading = el("h2", say("What went with the pain (diary associations)", language))
    if not result.factors:
        return el(
            "section",
            heading,
            el(
                "p",
                say("Not enough diary data yet ({days} days in the period).", language, days=result.days),
                cls="muted",
            ),
            cls="insights",
        )
    findings = (
        bullets([f.sentence(language) for f in result.findings])
        if result.findings
        else el(
            "p",
            say(
                "No factor stands out once chance and the number of factors tested are allowed for.", language
            ),
        )
    )
    shown = result.factors[:FOREST_ROWS]
    plot = forest_svg(
        shown,
        label=say("Difference in average pain by diary factor, with 95 % confidence intervals", language),
        language=language,
        width="12cm",
    )
    note = say(
        "{days} diary days. Associations, not causes: HAC (Newey-West) 95 % intervals, "
        "Benjamini-Hochberg q < 0.10 for a finding, treatment periods as a covariate. "
        "Black squares: findings; grey circles: could be chance.",
        language,
        days=result.days,
    )
    short = (
        el(
            "p",
            say(
                "Not enough data yet: {factors}.",
                language,
                factors=", ".join(factor_name(f, language) for f in result.not_enough_data),
            ),
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
