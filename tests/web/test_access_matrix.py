"""Every URL of the project × every persona × own/other patient, against the rule in web/access.py.

alice (patient) and bob (her clinician) reach alice's records; carol (a clinician with no
patients) and dave (another patient) do not; root (admin) reaches every patient; anonymous only
public URLs. A URL without a rule fails the run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from importlib.resources import files
from typing import Any

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from nervepath.web.access import RULES, Rule, allowed, missing_rules, rule_for, stale_rules
from nervepath.web.accounts.roles import Role
from nervepath.web.api.main import operation_methods
from nervepath.web.records.diary import DayInput, delete_day, record_day
from tests.api.conftest import CONDITION, World, bearer, build_world
from tests.web.conftest import Clinic

ROLES = {
    "anonymous": Role.none,
    "alice": Role.patient,
    "bob": Role.clinician,
    "carol": Role.clinician,
    "dave": Role.patient,
    "root": Role.admin,
}
SEES = {"alice": {"alice"}, "bob": {"alice"}, "root": {"alice", "dave"}, "dave": {"dave"}}
_KWARG = re.compile(r"<(?:\w+:)?(\w+)>")
TODAY = date.today().isoformat()


def url_patterns(patterns: list[Any] | None = None, namespace: str = "") -> Iterator[tuple[str, str]]:
    """(namespaced URL name, route) of every pattern, walking included resolvers."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace or "") if part)
            for name, route in url_patterns(pattern.url_patterns, inner):
                yield name, str(pattern.pattern) + route
        elif isinstance(pattern, URLPattern):
            name = ":".join(part for part in (namespace, pattern.name or "") if part)
            yield name, str(pattern.pattern)


ALL_URLS = dict(url_patterns())


@pytest.fixture
def world(clinic: Clinic) -> World:
    return build_world(clinic)


def probe_body(name: str, world: World) -> dict[str, Any]:
    """A valid body for each API write, so a refusal comes from access and not from validation."""
    case = json.loads((files("nervepath") / "data/cases/dpn-on-oxycodone.json").read_text())
    bodies: dict[str, dict[str, Any]] = {
        "api:diary_write": {"date": TODAY, "pain_average": 4},
        "api:questionnaire_create": {"instrument_id": "phq9", "answers": [0] * 9},
        "api:trial_start": {"drug_id": "duloxetine", "start_date": TODAY, "daily_mg": 30},
        "api:trial_dose": {"date": TODAY, "daily_mg": 300},
        "api:trial_stop": {"date": TODAY, "because": "other"},
        "api:trial_decide": {"date": TODAY, "decision": "continue"},
        "api:fhir_import": _bundle(world),
        "api:condition_add": {"condition_id": "hypertension"},
        "api:medication_add": {"drug_id": "metformin", "daily_dose": 1000},
        "api:medication_dose": {"daily_dose": 40},
        "api:care_plan_add": {"kind": "follow_up", "item_id": "pain_review", "title": "Review pain"},
        "api:care_plan_status": {"status": "completed"},
        "api:situation_set": {"age": 60},
        "api:assess": case,
    }
    return bodies.get(name, {})


def _bundle(world: World) -> dict[str, Any]:
    from nervepath.fhir.bundle import to_bundle
    from nervepath.web.records.mappers import patient_record

    return to_bundle(patient_record(world.clinic.dave))


def kwargs_for(route: str, owner: str, world: World) -> dict[str, Any]:
    values = {
        "patient_id": getattr(world.clinic, owner).pk,
        "trial_id": world.trials[owner].pk,
        "response_id": world.responses[owner].pk,
        "medication_id": world.medications[owner].pk,
        "care_item_id": world.care_items[owner].pk,
        "condition_id": CONDITION,
        "entry_id": "burning_pain",
        "instrument_id": "phq9",
        "uidb64": "MQ",
        "token": "not-a-token",
        "date": TODAY,
    }
    return {key: values[key] for key in _KWARG.findall(route)}


def _diary_day_ready(name: str, owner: str, world: World) -> None:
    """Deleting or restoring a diary day needs that day (or its deletion) first, before every request:
    an allowed persona's request changes it for the next."""
    if name not in ("api:diary_delete", "api:diary_restore"):
        return
    patient = getattr(world.clinic, owner)
    record_day(patient, DayInput(date.fromisoformat(TODAY), 4))
    if name == "api:diary_restore":
        delete_day(patient, TODAY)


def request(name: str, url: str, persona: str, world: World, owner: str = "alice") -> HttpResponse:
    _diary_day_ready(name, owner, world)
    client = Client()
    api = name.startswith("api:")
    headers = bearer(world.tokens[persona]) if api and persona != "anonymous" else {}
    if not api and persona != "anonymous":
        client.force_login(world.user(persona))
    method = operation_methods().get(name, "GET")
    if method == "GET":
        response = client.get(url, **headers)
        if response.status_code != 405:
            return response
    send = client.post if method == "GET" else getattr(client, method.lower())
    return send(url, probe_body(name, world), content_type="application/json", **headers)


def refused(response: HttpResponse) -> bool:
    # A refusal sends to the login page with ?next=; logging out also lands there, without it.
    login = resolve_url(settings.LOGIN_URL) + "?next="
    redirect = response.status_code == 302 and response["Location"].startswith(login)
    return response.status_code in {401, 403, 404} or redirect


def owners(route: str) -> list[str]:
    return (
        ["alice", "dave"]
        if {"patient_id", "trial_id", "response_id", "medication_id", "care_item_id"}
        & set(_KWARG.findall(route))
        else ["-"]
    )


@pytest.mark.parametrize("name", sorted(ALL_URLS))
def test_it_enforces_the_access_rule_of_every_url(world: World, name: str) -> None:
    route, rule = ALL_URLS[name], rule_for(name)
    wrong = []
    for owner in owners(route):
        url = reverse(name, kwargs=kwargs_for(route, owner if owner != "-" else "alice", world))
        for persona, role in ROLES.items():
            expected = allowed(rule, role, owner in SEES.get(persona, set()))
            response = request(name, url, persona, world, owner if owner != "-" else "alice")
            if refused(response) == expected:
                wrong.append(
                    f"{persona} on {owner}'s {url}: {response.status_code}, expected "
                    f"{'allowed' if expected else 'refused'} ({rule})"
                )
    assert wrong == []


def test_it_has_a_rule_for_every_url_and_no_rule_for_a_missing_one() -> None:
    assert missing_rules(ALL_URLS) == []
    assert stale_rules(ALL_URLS) == []


def test_it_fails_when_a_url_has_no_rule() -> None:
    assert missing_rules([*ALL_URLS, "pages:brand_new"]) == ["pages:brand_new"]
    with pytest.raises(LookupError, match="pages:brand_new: no access rule"):
        rule_for("pages:brand_new")


def test_it_reports_rules_for_urls_that_are_gone() -> None:
    assert stale_rules([name for name in ALL_URLS if name != "api:me"]) == ["api:me"]


@pytest.mark.parametrize(
    ("rule", "role", "sees", "expected"),
    [
        (Rule.public, Role.none, False, True),
        (Rule.authenticated, Role.none, False, False),
        (Rule.care_team, Role.clinician, False, False),
        (Rule.care_team, Role.patient, True, True),
        (Rule.treating_clinician, Role.patient, True, False),
        (Rule.treating_clinician, Role.admin, True, True),
        (Rule.clinician_only, Role.admin, True, False),
        (Rule.admin_only, Role.clinician, True, False),
    ],
)
def test_it_decides_each_rule_by_role_and_relation(
    rule: Rule, role: Role, sees: bool, expected: bool
) -> None:
    assert allowed(rule, role, sees) is expected


def test_it_names_only_known_rules() -> None:
    assert set(RULES.values()) <= set(Rule)
