"""Both reports in Spanish: no English left outside the citations (marked lang="en"), Spanish dates
and decimal commas, every report phrase in translations/es/reports.yaml, the PDFs laid out, and the
English reports unchanged by the language parameter."""

from __future__ import annotations

import ast
import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.utils import translation

from nervepath.clinical.assess import assess_json
from nervepath.outcomes.records import CarePlanEntry, DoseChange, TrialRecord
from nervepath.reports.careplan import render_careplan_html, render_careplan_pdf
from nervepath.reports.clinician import render_clinician_html, render_clinician_pdf
from nervepath.reports.inputs import PrescribingRecord, ReportInput
from nervepath.reports.labels import Term, terms
from nervepath.reports.words import day, number, say
from nervepath.translations import translated
from nervepath.web.pages.sentences import sentence_text
from tests.english import english_in_html
from tests.reports import test_cli
from tests.reports.factories import CASES, PREGABALIN_START, make_input, phq9, pregabalin
from tests.reports.factories import day as on_day
from tests.reports.pdftext import pages, save_page_one_png
from tests.reports.test_clinician_insights import cold_diary
from tests.reports.test_prescribing_report import ABOVE

run = test_cli.run
zoe = test_cli.zoe  # the CLI tests' patient with a diary, a trial and a PHQ-9 (a fixture)
REPORTS = Path(__file__).parents[2] / "src" / "nervepath" / "reports"
CATALOGUE = Path(__file__).parents[2] / "src" / "nervepath" / "data" / "translations" / "es" / "reports.yaml"
# The words the reports print for stored values without a data file of their own (data/reports/terms.yaml:
# sexes, IMMPACT responses, stop reasons, NeuPSIG grades, care plan statuses), and dose units.
TERM_WORDS = tuple(word for kind in Term for word in getattr(terms(), kind.value).values())
ID_WORDS = (*TERM_WORDS, *("plasters", "patches", "applications", "units"))


# A Spanish-speaking clinician's reason for overriding, and a real rule's warning kept with the trial.
OVERRIDE = ABOVE | {
    "message": "Pregabalin 450 mg a day is above the maximum for this patient, 300 mg a day.",
    "reason": "Consejo del especialista: ensayo corto por encima del máximo habitual",
}
WARNING = {
    "rule": "gabapentinoid_falls",
    "flag": "falls",
    "severity": "warn",
    "message": "Age 65 or over with falls or fractures: avoid gabapentinoids (Beers drug-disease criteria).",
    "sources": [],
    "overridden": False,
    "reason": None,
}


def red_flag_assessment() -> dict[str, Any]:
    """The contract example with a same-day red flag (saddle anaesthesia) and self-harm thoughts."""
    case = json.loads((CASES / "dpn-on-oxycodone.json").read_text())
    case["red_flag_findings"] = ["saddle_anesthesia", "progressive_weakness"]
    return assess_json(case)


def rich_input() -> ReportInput:
    """Every section filled: an ongoing and a stopped trial, an overridden block and a warning, red
    flags, a positive PHQ-9 item 9, care plan items written by a Spanish-speaking clinician, diary
    insights with a finding."""
    stopped = TrialRecord(
        "duloxetine",
        on_day(0),
        (DoseChange(on_day(0), 30), DoseChange(on_day(7), 60)),
        stop_date=on_day(13),
        stop_reason="side_effects",
        id=2,
    )
    above = TrialRecord(
        "pregabalin",
        PREGABALIN_START,
        (DoseChange(PREGABALIN_START, 150), DoseChange(on_day(28), 450)),
        review_date=on_day(84),
        id=1,
    )
    return make_input(
        diary=cold_diary(),
        trials=[stopped, above],
        prescribing=[PrescribingRecord("pregabalin", (OVERRIDE, WARNING), 1)],
        questionnaires=[phq9(0), phq9(60, item9=2)],
        assessment=red_flag_assessment(),
        care_plan=[
            CarePlanEntry("exercise", "exercise", "Caminar casi a diario", note="Aumentar poco a poco"),
            CarePlanEntry("sleep", "sleep", "Horario de sueño regular", status="in-progress"),
            CarePlanEntry("follow_up", "follow_up_visit", "Revisión del ensayo", due_date=on_day(84)),
        ],
        patient_ref="7",
    )


@pytest.fixture(scope="module")
def report() -> ReportInput:
    return rich_input()


def spanish(render: Any, report: ReportInput) -> Any:
    """``render`` in Spanish as the web view and the CLI call it: with the web's wording of the
    clinical core's composed sentences, in the active language."""
    with translation.override("es"):
        return render(report, language="es", sentences=sentence_text)


@pytest.mark.parametrize("render", [render_clinician_html, render_careplan_html])
def test_it_leaves_no_english_in_a_spanish_report(report, render):
    html = spanish(render, report)  # the chart included: its words and months come in Spanish
    found = english_in_html(html)
    assert not found, "\n".join(f"{word}: {text}" for word, text in found)


def test_it_translates_data_texts_without_the_web(report):
    html = render_clinician_html(report, language="es")
    assert "Anestesia en silla de montar" in html or "silla de montar" in html
    assert "Pregabalina" in html
    assert "Kidney function (CrCl 47 mL/min)" in html  # a composed sentence needs the shell's translator


def test_it_writes_the_patient_facing_parts_of_the_care_plan_in_spanish(report):
    html = spanish(render_careplan_html, report)
    assert '<html lang="es">' in html
    assert "Mi plan de cuidados para el dolor neuropático" in html
    assert "Pregabalina" in html
    assert "450 mg al día" in html
    assert "Próxima revisión: 26 de marzo de 2026" in html
    assert "Cuándo llamar" in html


def test_it_writes_dates_and_decimals_the_spanish_way():
    assert day(date(2026, 12, 2), "es") == "2 de diciembre de 2026"
    assert day(date(2026, 12, 2), "en") == "2026-12-02"
    assert number(11.94, "es") == "11,9"
    assert number(11.94, "en") == "11.9"
    assert say("{unit}/day", "es", unit="mg") == "mg/día"


def test_it_keeps_the_citations_as_published_inside_an_english_element(report):
    html = spanish(render_clinician_html, report)
    assert "<h2>Fuentes</h2>" in html
    assert '<ol class="sources" lang="en">' in html
    assert "Dworkin RH et al." in html


def test_it_marks_the_page_language_and_keeps_english_by_default(report):
    english = render_clinician_html(report)
    assert '<html lang="en">' in english
    assert english == render_clinician_html(report, language="en")
    assert "Neuropathic pain - clinician summary" in english
    assert "Dolor neuropático" not in english


def _modules() -> list[ast.Module]:
    return [ast.parse(path.read_text(encoding="utf-8")) for path in sorted(REPORTS.glob("*.py"))]


def _phrases() -> set[str]:
    """The phrases the reports pass to ``say``: literals, both sides of a conditional, module
    constants named in the call (a dict's values), and the ``*_HEADERS`` tuples of table heads."""
    found: set[str] = set()
    for tree in _modules():
        constants = {
            target.id: node.value
            for node in tree.body
            if isinstance(node, ast.Assign)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for name, value in constants.items():
            if name.endswith("HEADERS"):
                found |= _strings(value, constants)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "say" and node.args:
                found |= _strings(node.args[0], constants)
    return {text.strip() for text in found}


def _strings(node: ast.expr, constants: dict[str, ast.expr]) -> set[str]:
    if isinstance(node, ast.Constant):
        return {node.value} if isinstance(node.value, str) else set()
    if isinstance(node, ast.IfExp):
        return _strings(node.body, constants) | _strings(node.orelse, constants)
    if isinstance(node, ast.Dict):
        return {text for value in node.values for text in _strings(value, constants)}
    if isinstance(node, ast.Tuple | ast.List):
        return {text for value in node.elts for text in _strings(value, constants)}
    if isinstance(node, ast.Name):
        return _strings(constants[node.id], constants) if node.id in constants else set()
    # a lookup such as WORDS.get(key, OTHER) or WORDS[key]: the phrases of the constants it names
    names = [n for n in ast.walk(node) if isinstance(n, ast.Name) and n.id in constants]
    return {text for name in names for text in _strings(name, constants)}


def _literals() -> set[str]:
    """Every string literal of the reports (stripped): what a catalogue key must be one of."""
    return {
        node.value.strip()
        for tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def test_it_has_spanish_for_every_report_phrase():
    missing = sorted(p for p in _phrases() if p and not translated(p, "es"))
    assert not missing, "No Spanish in translations/es/reports.yaml for:\n" + "\n".join(missing)


def test_it_has_spanish_for_every_term():
    missing = sorted(word for word in TERM_WORDS if not translated(word, "es"))
    assert not missing, "No Spanish in translations/es/reports.yaml for:\n" + "\n".join(missing)


def test_it_keeps_no_phrase_that_no_report_uses():
    used = _literals() | set(ID_WORDS)
    keys = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    stale = sorted(key for key in keys if key not in used)
    assert not stale, "translations/es/reports.yaml translates phrases no report says:\n" + "\n".join(stale)


def test_it_keeps_every_placeholder_in_the_spanish():
    keys = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    changed = [
        english for english, spanish in keys.items() if sorted(_names(english)) != sorted(_names(spanish))
    ]
    assert not changed, changed


def _names(text: str) -> list[str]:
    return [part.split("}")[0] for part in text.split("{")[1:]]


@pytest.mark.parametrize(
    ("render", "name"),
    [(render_clinician_pdf, "clinician-es-a4"), (render_careplan_pdf, "careplan-es-a4")],
)
def test_it_prints_the_spanish_pdfs(report, render, name):
    pdf = spanish(render, report)
    text = pages(pdf)
    save_page_one_png(pdf, name)
    assert len(text) >= 2
    assert "página 1 de" in text[0]
    assert "Fuentes" in " ".join(text)


def test_it_still_prints_the_english_pdf_with_the_english_margins():
    text = pages(render_careplan_pdf(make_input(trials=[pregabalin()])))
    assert "page 1 of" in text[0]
    assert "MY CARE PLAN FOR NERVE PAIN" in text[0]


def test_a_report_without_a_translation_keeps_the_english_words(report):
    # An unknown language reads like English: the phrase is its own fallback.
    html = render_careplan_html(replace(report, care_plan=[]), language="fr")
    assert "My medicines for nerve pain" in html


def test_the_cli_writes_the_clinician_report_in_spanish(zoe, tmp_path):
    out = tmp_path / "informe.pdf"
    args = ("--patient", str(zoe.pk), "--from", "2026-01-01", "--to", "2026-03-01", "--out", str(out))
    code, stdout, stderr = run(tmp_path, *args, "--language", "es", "--format", "json")
    assert code == 0, stderr
    assert json.loads(stdout)["language"] == "es"
    first = pages(out.read_bytes())[0]
    assert "DOLOR NEUROPÁTICO - RESUMEN CLÍNICO" in first
    assert "Periodo del 1 de enero de 2026 al 1 de marzo de 2026" in first
    assert "7 días antes de Duloxetina (desde el 15 de enero de 2026)" in first


def test_the_cli_refuses_a_language_it_has_no_words_for(zoe, tmp_path):
    out = tmp_path / "x.pdf"
    code, _, stderr = run(tmp_path, "--patient", str(zoe.pk), "--out", str(out), "--language", "fr")
    assert code == 2
    assert "language:" in stderr
    assert not out.exists()


def test_it_names_a_dose_unit_in_spanish():
    plaster = TrialRecord("lidocaine_plaster", PREGABALIN_START, (DoseChange(PREGABALIN_START, 3),), id=3)
    html = render_careplan_html(make_input(trials=[plaster]), language="es")
    assert "3 apósitos al día" in html
    assert "plasters" not in html


def test_the_header_names_the_record_number_in_the_report_language() -> None:
    assert "historial n.º 7" in render_clinician_html(make_input(patient_ref="7"), language="es")
    assert "record 7" in render_clinician_html(make_input(patient_ref="7"))
