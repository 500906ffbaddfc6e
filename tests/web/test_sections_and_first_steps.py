"""The clinician's patient page comes in sections behind a section menu; a new patient's Today page
shows a first-steps checklist whose steps tick from the records, until done or hidden.

alice is bob's patient; dave has no clinician; a freshly signed-up erin has nothing yet.
"""

from __future__ import annotations

import re
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from nervepath.instruments import get_instrument
from nervepath.web.pages.models import GuidedStart
from nervepath.web.records.models import CareLink, DiaryDay, DoseStep, Trial
from nervepath.web.records.questionnaires import record_questionnaire
from nervepath.web.records.validation import today
from tests.web.conftest import Clinic, login
from tests.web.test_accounts import SIGNUP

SECTIONS = ["summary", "assessment", "treatments", "pain-trend", "questionnaires", "insights", "report"]


def _page(client: Client, clinic: Clinic, **headers: str) -> str:
    return client.get(f"/clinic/patients/{clinic.alice.pk}/", **headers).content.decode()  # type: ignore[arg-type]


def _trial(clinic: Clinic, drug: str, started: int, stopped: int | None = None) -> Trial:
    start = today() - timedelta(days=started)
    trial = Trial.objects.create(
        patient=clinic.alice,
        drug_id=drug,
        start_date=start,
        stop_date=None if stopped is None else today() - timedelta(days=stopped),
        stop_reason="" if stopped is None else "ineffective",
    )
    DoseStep.objects.create(trial=trial, date=start, daily_mg=150)
    return trial


def _steps(html: str) -> dict[str, str]:
    """step key -> done / todo, from the checklist's markup."""
    return dict(
        (key, state) for state, key in re.findall(r'<li class="(done|todo)" data-step="(\w+)">', html)
    )


# The patient page in sections


def test_it_links_every_section_from_a_menu_and_labels_each_by_its_heading(
    as_bob: Client, clinic: Clinic
) -> None:
    html = _page(as_bob, clinic)
    menu = html[html.index('<nav class="section-menu"') : html.index("</nav>", html.index("section-menu"))]
    assert 'aria-label="Sections of this page"' in menu
    assert re.findall(r'href="#([\w-]+)"', menu) == SECTIONS
    for name in SECTIONS:
        opening = re.search(rf'<section id="{name}"[^>]*aria-labelledby="([\w-]+)"', html)
        assert opening is not None, name
        assert f'id="{opening.group(1)}"' in html[opening.end() : opening.end() + 300], name
    positions = [html.index(f'<section id="{name}"') for name in SECTIONS]
    assert positions == sorted(positions)


def test_it_sums_up_the_pain_treatment_and_review_first(as_bob: Client, clinic: Clinic) -> None:
    for offset, pain in enumerate([6, 4]):
        DiaryDay.objects.create(
            patient=clinic.alice, date=today() - timedelta(days=offset), pain_average=pain
        )
    _trial(clinic, "pregabalin", started=20)
    html = _page(as_bob, clinic)
    summary = html[html.index('<section id="summary"') : html.index('<section id="assessment"')]
    assert f'<time datetime="{today().isoformat()}">' in summary
    assert "5.0 / 10" in summary
    assert "Pregabalin 150 mg/day" in summary
    assert "Not planned" in summary


def test_it_keeps_running_trials_open_and_folds_the_stopped_ones(as_bob: Client, clinic: Clinic) -> None:
    running = _trial(clinic, "pregabalin", started=20)
    _trial(clinic, "amitriptyline", started=120, stopped=40)
    _trial(clinic, "duloxetine", started=200, stopped=130)
    html = _page(as_bob, clinic)
    treatments = html[html.index('<section id="treatments"') : html.index('<section id="pain-trend"')]
    folded = treatments[treatments.index('<details class="stopped-trials">') :]
    assert "Stopped trials (2)" in folded
    assert "Amitriptyline" in folded
    assert "Duloxetine" in folded
    assert "Pregabalin" not in folded
    assert f'action="/clinic/trials/{running.pk}/dose/"' in treatments[: treatments.index("stopped-trials")]


def test_it_shows_the_last_five_questionnaires_and_folds_the_earlier_ones(
    as_bob: Client, clinic: Clinic
) -> None:
    for _ in range(7):
        record_questionnaire(clinic.alice, "peg", [3, 3, 3])
    html = _page(as_bob, clinic)
    section = html[html.index('<section id="questionnaires"') : html.index('<section id="insights"')]
    shown, folded = section.split('<details class="earlier-responses">')
    assert shown.count("/check/result/") == 5
    assert folded[: folded.index("</details>")].count("/check/result/") == 2


def test_it_names_the_sections_in_spanish(as_bob: Client, clinic: Clinic) -> None:
    html = _page(as_bob, clinic, HTTP_ACCEPT_LANGUAGE="es")
    for words in ('aria-label="Secciones de esta página"', ">Resumen</a>", ">Informe</a>", ">Evaluación</a>"):
        assert words in html


# First steps on Today


def test_it_shows_a_new_patient_every_first_step_undone(client: Client, clinic: Clinic) -> None:
    response = client.post("/accounts/signup/", SIGNUP, follow=True)
    html = response.content.decode()
    assert "Your first steps" in html
    assert _steps(html) == {"questionnaire": "todo", "clinician": "todo", "reading": "todo", "diary": "todo"}
    assert "0 of 4 done" in html
    count = len(get_instrument("dn4_interview").items)
    assert f"{count} questions, one per screen." in html
    for link in (
        "/check/dn4_interview/?restart=1",
        "/accounts/link/",
        "/learn/neuropathic_pain/",
        "/today/#diary",
    ):
        assert f'href="{link}' in html


def test_it_ticks_each_step_from_the_records(as_alice: Client, clinic: Clinic) -> None:
    assert _steps(as_alice.get("/today/").content.decode())["clinician"] == "done"  # linked to bob
    record_questionnaire(clinic.alice, "dn4_interview", [True, True, False, False, True, False, False])
    DiaryDay.objects.create(patient=clinic.alice, date=today(), pain_average=5)
    html = as_alice.get("/today/").content.decode()
    assert _steps(html) == {"questionnaire": "done", "clinician": "done", "reading": "todo", "diary": "done"}
    assert "3 of 4 done" in html


def test_it_counts_opening_a_learn_entry_as_the_reading(as_alice: Client, clinic: Clinic) -> None:
    as_alice.get("/learn/neuropathic_pain/")
    first = GuidedStart.objects.get(patient=clinic.alice).read_at
    as_alice.get("/learn/neuropathic_pain/")
    assert GuidedStart.objects.get(patient=clinic.alice).read_at == first  # the first time is kept
    assert _steps(as_alice.get("/today/").content.decode())["reading"] == "done"


def test_it_records_no_reading_for_a_clinician_or_a_visitor(client: Client, as_bob: Client) -> None:
    as_bob.get("/learn/neuropathic_pain/")
    Client().get("/learn/neuropathic_pain/")
    assert not GuidedStart.objects.exists()


def test_it_takes_the_patients_word_for_the_reading(as_alice: Client, clinic: Clinic) -> None:
    response = as_alice.post("/today/first-steps/", {"action": "read"})
    assert response.status_code == 302
    assert GuidedStart.objects.get(patient=clinic.alice).read_at is not None
    assert _steps(as_alice.get("/today/").content.decode())["reading"] == "done"


def test_it_hides_the_steps_for_good_when_asked(as_alice: Client, clinic: Clinic) -> None:
    response = as_alice.post("/today/first-steps/", {"action": "hide"})
    assert response.status_code == 302
    assert "Your first steps" not in as_alice.get("/today/").content.decode()
    start = GuidedStart.objects.get(patient=clinic.alice)
    assert start.dismissed_at is not None
    assert start.read_at is None
    assert not GuidedStart.objects.exclude(patient=clinic.alice).exists()  # dave still sees his


def test_it_hides_the_steps_once_every_one_is_done(as_alice: Client, clinic: Clinic) -> None:
    record_questionnaire(clinic.alice, "peg", [3, 3, 3])
    DiaryDay.objects.create(patient=clinic.alice, date=today(), pain_average=5)
    GuidedStart.objects.create(patient=clinic.alice, read_at=timezone.now())
    assert "Your first steps" not in as_alice.get("/today/").content.decode()


def test_it_refuses_an_unknown_action(as_alice: Client, clinic: Clinic) -> None:
    assert as_alice.post("/today/first-steps/", {"action": "everything"}).status_code == 400
    assert not GuidedStart.objects.exists()


def test_it_lets_only_a_patient_change_their_steps(clinic: Clinic) -> None:
    for user in (clinic.bob.user, clinic.root):
        assert login(Client(), user).post("/today/first-steps/", {"action": "hide"}).status_code == 404
    assert not GuidedStart.objects.exists()


def test_it_ticks_the_clinician_once_a_code_links_one(client: Client, clinic: Clinic) -> None:
    login(client, clinic.dave.user)
    assert _steps(client.get("/today/").content.decode())["clinician"] == "todo"
    CareLink.objects.create(clinician=clinic.carol, patient=clinic.dave)
    assert _steps(client.get("/today/").content.decode())["clinician"] == "done"


def test_it_speaks_spanish_on_the_steps(client: Client, clinic: Clinic) -> None:
    login(client, clinic.dave.user)
    html = client.get("/today/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    for words in (
        "Sus primeros pasos",
        "0 de 4 hechos",
        "Responda un primer cuestionario",
        "Ocultar estos pasos",
    ):
        assert words in html
