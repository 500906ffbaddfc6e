"""Every form refuses forged and garbage posts cleanly: CSRF enforced, never a server error."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nervepath.web.records.models import DiaryDay, DoseStep, Trial
from nervepath.web.records.validation import today
from tests.web.conftest import Clinic

# (who posts, url builder, the form's field names)
FORMS: list[tuple[str, Callable[[Clinic], str], list[str]]] = [
    (
        "anon",
        lambda c: "/accounts/signup/",
        ["username", "display_name", "email", "password1", "password2", "invitation"],
    ),
    ("anon", lambda c: "/accounts/login/", ["username", "password"]),
    ("anon", lambda c: "/accounts/password-reset/", ["email"]),
    ("alice", lambda c: "/accounts/link/", ["code"]),
    ("alice", lambda c: "/accounts/settings/", ["language", "reminder_time"]),
    (
        "alice",
        lambda c: "/today/",
        ["date", "pain_average", "pain_worst", "sleep_interference", "mood", "qualities", "triggers", "note"],
    ),
    ("alice", lambda c: "/check/phq9/", ["item", "answer", "back"]),
    ("bob", lambda c: "/accounts/invitations/new/", []),
    ("bob", lambda c: f"/clinic/patients/{c.alice.pk}/trials/", ["drug", "daily_mg", "start", "review_date"]),
    ("bob", lambda c: f"/clinic/patients/{c.alice.pk}/assign/", ["instrument", "every_days"]),
    ("bob", lambda c: f"/clinic/trials/{Trial.objects.get().pk}/dose/", ["daily_mg", "date", "version"]),
    ("bob", lambda c: f"/clinic/trials/{Trial.objects.get().pk}/stop/", ["because", "date", "version"]),
    ("anon", lambda c: "/i18n/setlang/", ["language", "next"]),
]
GARBAGE = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            "-1",
            "11",
            "1e309",
            "nan",
            "inf",
            "2024-02-30",
            "9999-12-31",
            "0000-00-00",
            "x" * 5000,
            "<script>",
            "' OR 1=1 --",
            "\x00",
            "１２",
            "25:61",
            "00:00",
            "pregabalin",
            "phq9",
            "1",
        ]
    ),
)


def _poster(client: Client, clinic: Clinic, who: str) -> Client:
    users = {"alice": clinic.alice.user, "bob": clinic.bob.user}
    if who in users:
        client.force_login(users[who])
    return client


@pytest.fixture
def running_trial(clinic: Clinic) -> Trial:
    trial = Trial.objects.create(patient=clinic.alice, drug_id="gabapentin", start_date=today())
    DoseStep.objects.create(trial=trial, date=today(), daily_mg=300)
    return trial


@pytest.mark.parametrize(("who", "url", "fields"), FORMS)
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_it_never_fails_with_a_server_error_on_garbage(
    client: Client,
    clinic: Clinic,
    running_trial: Trial,
    who: str,
    url: Callable[[Clinic], str],
    fields: list[str],
    data: st.DataObject,
) -> None:
    poster = _poster(client, clinic, who)
    payload = {
        name: data.draw(st.one_of(GARBAGE, st.lists(GARBAGE, max_size=3)), label=name) for name in fields
    }
    response = poster.post(
        url(clinic), payload, HTTP_HX_REQUEST=data.draw(st.sampled_from(["true", ""])) or None
    )
    assert response.status_code < 500


@pytest.mark.parametrize(("who", "url", "fields"), FORMS)
def test_it_enforces_csrf_on_every_form(
    clinic: Clinic, running_trial: Trial, who: str, url: Callable[[Clinic], str], fields: list[str]
) -> None:
    client = _poster(Client(enforce_csrf_checks=True), clinic, who)
    before = (DiaryDay.objects.count(), Trial.objects.count(), DoseStep.objects.count())
    response = client.post(url(clinic), dict.fromkeys(fields, "1"))
    assert response.status_code == 403
    assert (DiaryDay.objects.count(), Trial.objects.count(), DoseStep.objects.count()) == before
