"""Query budgets: each page, report input and API list issues the same number of queries for a
small clinic (5 patients, 30 diary days) and a bigger one (40 patients, 300 days) - no N+1."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from nervepath.web.accounts.tokens import issue_token
from nervepath.web.records import models as m
from nervepath.web.records.reporting import report_input_for
from tests.perf.conftest import grow

Counter = Callable[[Callable[[], Any]], int]


@pytest.fixture(autouse=True)
def _fast_hasher(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _ok(client: Client, url: str, **headers: str) -> None:
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)


@pytest.mark.parametrize("url", ["/clinic/", "/clinic/?attention=on", "/clinic/outcomes/"])
def test_it_lists_the_clinic_in_a_fixed_number_of_queries(
    client: Client, clinician: m.Clinician, count_queries: Counter, url: str
) -> None:
    client.force_login(clinician.user)
    grow(clinician, 5, 30)
    small = count_queries(lambda: _ok(client, url))
    grow(clinician, 35, 300)
    assert count_queries(lambda: _ok(client, url)) == small


def test_it_shows_a_patient_page_in_a_fixed_number_of_queries(
    client: Client, clinician: m.Clinician, count_queries: Counter
) -> None:
    client.force_login(clinician.user)
    (short,) = grow(clinician, 1, 30)
    (long,) = grow(clinician, 1, 300)
    small = count_queries(lambda: _ok(client, f"/clinic/patients/{short.pk}/"))
    assert count_queries(lambda: _ok(client, f"/clinic/patients/{long.pk}/")) == small


def test_it_builds_the_report_input_in_a_fixed_number_of_queries(
    clinician: m.Clinician, count_queries: Counter
) -> None:
    (short,) = grow(clinician, 1, 30)
    (long,) = grow(clinician, 1, 300)
    small = count_queries(lambda: report_input_for(short))
    assert count_queries(lambda: report_input_for(long)) == small


@pytest.mark.parametrize(
    "path", ["/api/v1/patients", "diary", "questionnaires", "trials", "conditions", "medications"]
)
def test_it_lists_api_resources_in_a_fixed_number_of_queries(
    client: Client, clinician: m.Clinician, count_queries: Counter, path: str
) -> None:
    _row, token = issue_token(clinician.user, "read")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    _ok(client, "/api/v1/me", **auth)  # the token's first use records it once (not part of a list's cost)
    (short,) = grow(clinician, 1, 30)
    url = path if path.startswith("/") else f"/api/v1/patients/{short.pk}/{path}"
    small = count_queries(lambda: _ok(client, url, **auth))
    long = grow(clinician, 39, 300)[-1]
    url = path if path.startswith("/") else f"/api/v1/patients/{long.pk}/{path}"
    assert count_queries(lambda: _ok(client, url, **auth)) == small
