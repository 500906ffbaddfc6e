"""Cache-Control: no-store on every answer that can carry a patient's data, over every URL of the
project (as the access matrix walks them), requested by someone allowed to see alice's record.
Only the public pages that show nothing of a person, to an anonymous visitor, and static files may
be kept by a cache.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from nervepath.web.access import allowed, rule_for
from nervepath.web.middleware import API_DESCRIPTION, PUBLIC_PAGES
from tests.api.conftest import World
from tests.web.test_access_matrix import ALL_URLS, ROLES, SEES, kwargs_for, request

# Signed-in personas first, so a public page is asked for as someone whose name it shows.
ORDER = ("alice", "bob", "root", "carol", "anonymous")


def persona_for(name: str) -> str:
    rule = rule_for(name)
    for persona in ORDER:
        if allowed(rule, ROLES[persona], "alice" in SEES.get(persona, set())):
            return persona
    return "anonymous"  # nobody is allowed (the API root): ask as a stranger


@pytest.fixture(autouse=True)
def _no_second_factor_needed(settings: Any) -> None:
    settings.NERVEPATH_REQUIRE_TWO_FACTOR = False  # the clinicians here have none


@pytest.mark.parametrize("name", sorted(ALL_URLS))
def test_every_url_answers_no_store_to_a_signed_in_caller(world: World, name: str) -> None:
    persona = persona_for(name)
    url = reverse(name, kwargs=kwargs_for(ALL_URLS[name], "alice", world))
    response = request(name, url, persona, world)
    assert response.status_code < 500
    if name in API_DESCRIPTION:
        assert "no-store" not in response.get("Cache-Control", "")  # the same for everyone
        return
    assert persona != "anonymous" or name not in PUBLIC_PAGES, "ask for a public page as a signed-in persona"
    assert "no-store" in response.get("Cache-Control", ""), f"{persona} {url}: {response.status_code}"


@pytest.mark.parametrize("name", sorted(PUBLIC_PAGES))
def test_a_public_page_may_be_cached_for_an_anonymous_visitor_only(world: World, name: str) -> None:
    url = reverse(name, kwargs=kwargs_for(ALL_URLS[name], "alice", world))
    anonymous = Client().get(url)
    assert anonymous.status_code == 200
    assert "no-store" not in anonymous.get("Cache-Control", "")


@pytest.mark.parametrize(
    "url", ["/no/such/page/", "/api/v1/no-such-path", "/accounts/login/", "/learn/?q=burning"]
)
def test_an_answer_outside_the_public_pages_is_no_store_even_to_a_stranger(db: None, url: str) -> None:
    response = Client().get(url)
    public = url.startswith("/learn/")
    assert ("no-store" in response.get("Cache-Control", "")) is not public


def test_the_data_download_and_the_api_diary_are_no_store_and_sync_still_works(world: World) -> None:
    client = Client()
    client.force_login(world.user("alice"))
    download = client.get(reverse("accounts:export"))
    assert download.status_code == 200
    assert download["Cache-Control"] == "no-store"
    diary = reverse("api:diary_list", kwargs={"patient_id": world.clinic.alice.pk})
    first = client.get(diary)
    assert first["Cache-Control"] == "no-store"
    again = client.get(diary, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304  # the client keeps the ETag itself; no-store does not stop that


def test_a_view_that_already_says_no_store_keeps_its_own_header(world: World) -> None:
    client = Client()
    client.force_login(world.user("alice"))
    health = Client().get(reverse("health"))
    assert "no-store" in health["Cache-Control"]
    assert "must-revalidate" in health["Cache-Control"]  # never_cache's header, unchanged
