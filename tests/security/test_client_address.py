"""The client's address behind a reverse proxy: X-Forwarded-For is read only from a trusted proxy,
from the right; lockout and the audit log both use that one answer (nervepath.web.client_address).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory
from django.urls import reverse

from nervepath.web.accounts.models import AuditEvent
from nervepath.web.client_address import client_address, proxy_networks
from tests.security.conftest import PASSWORD
from tests.web.conftest import Clinic

LOGIN = "/accounts/login/"
PROXY = "10.0.0.5"


def address(settings: Any, trusted: list[str], peer: str, forwarded: str | None = None) -> str | None:
    settings.NERVEPATH_TRUSTED_PROXIES = trusted
    headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    return client_address(RequestFactory().get("/", REMOTE_ADDR=peer, **headers))


@pytest.mark.parametrize(
    ("trusted", "peer", "forwarded", "expected"),
    [
        # No trusted proxy (the default): the header is anyone's to write and is ignored.
        ([], "198.51.100.9", "203.0.113.7", "198.51.100.9"),
        ([], "127.0.0.1", "203.0.113.7, 127.0.0.1", "127.0.0.1"),
        # A peer that is not in the list cannot choose its address either.
        ([PROXY], "198.51.100.9", "203.0.113.7", "198.51.100.9"),
        # Behind the trusted proxy: the address it appended.
        ([PROXY], PROXY, "203.0.113.7", "203.0.113.7"),
        # What the client wrote itself lies left of what the proxy appended, and is never reached.
        ([PROXY], PROXY, "1.2.3.4, 203.0.113.7", "203.0.113.7"),
        ([PROXY], PROXY, "not-an-address, 203.0.113.7", "203.0.113.7"),
        # Two trusted proxies in a row (a range), the client before them.
        (["10.0.0.0/24"], PROXY, "1.2.3.4, 203.0.113.7, 10.0.0.8", "203.0.113.7"),
        # A trusted proxy without the header, or with only trusted hops: the leftmost trusted machine.
        ([PROXY], PROXY, None, PROXY),
        (["10.0.0.0/24"], PROXY, "10.0.0.7", "10.0.0.7"),
        # A proxy that passes on garbage: stop at the last address a trusted machine vouched for.
        ([PROXY], PROXY, "garbage", PROXY),
        # IPv6, and a port some proxies add.
        (["::1"], "::1", "2001:db8::7", "2001:db8::7"),
        ([PROXY], PROXY, "203.0.113.7:51234", "203.0.113.7"),
        ([PROXY], PROXY, "[2001:db8::7]:443", "2001:db8::7"),
    ],
)
def test_it_takes_the_rightmost_untrusted_address_only_behind_a_trusted_proxy(
    settings: Any, trusted: list[str], peer: str, forwarded: str | None, expected: str
) -> None:
    assert address(settings, trusted, peer, forwarded) == expected


def test_it_refuses_a_trusted_proxy_entry_that_is_no_address() -> None:
    assert [str(n) for n in proxy_networks(["10.0.0.5", " 10.1.0.0/16 ", ""])] == [
        "10.0.0.5/32",
        "10.1.0.0/16",
    ]
    with pytest.raises(ImproperlyConfigured, match=r"NERVEPATH_TRUSTED_PROXIES: got 'proxy\.local'"):
        proxy_networks(["proxy.local"])


def wrong_passwords(client: Client, name: str, forwarded: str, count: int = 5) -> list[int]:
    return [
        client.post(
            LOGIN, {"username": name, "password": "wrong-password"}, HTTP_X_FORWARDED_FOR=forwarded
        ).status_code
        for _ in range(count)
    ]


def test_five_wrong_passwords_from_one_client_do_not_lock_out_another_behind_the_proxy(
    clinic: Clinic, settings: Any
) -> None:
    settings.NERVEPATH_TRUSTED_PROXIES = ["127.0.0.1"]  # the test client's peer address
    assert wrong_passwords(Client(), "bob", "203.0.113.7")[-1] == 429
    other = Client().post(
        LOGIN, {"username": "bob", "password": PASSWORD["bob"]}, HTTP_X_FORWARDED_FOR="198.51.100.9"
    )
    assert other.status_code == 302  # signed in from the other client
    again = Client().post(
        LOGIN, {"username": "bob", "password": PASSWORD["bob"]}, HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    assert again.status_code == 429  # the guessing client is still locked out


def test_a_caller_cannot_dodge_the_lockout_by_forging_the_header(clinic: Clinic, settings: Any) -> None:
    settings.NERVEPATH_TRUSTED_PROXIES = []
    client = Client()
    statuses = [
        client.post(
            LOGIN, {"username": "bob", "password": "wrong"}, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}"
        ).status_code
        for n in range(5)
    ]
    assert statuses[-1] == 429
    forged = client.post(
        LOGIN, {"username": "bob", "password": PASSWORD["bob"]}, HTTP_X_FORWARDED_FOR="198.51.100.9"
    )
    assert forged.status_code == 429


@pytest.mark.parametrize(
    ("trusted", "peer", "forwarded", "recorded"),
    [
        ([PROXY], PROXY, "1.2.3.4, 203.0.113.7", "203.0.113.7"),
        ([PROXY], "198.51.100.9", "203.0.113.7", "198.51.100.9"),
        ([], PROXY, "203.0.113.7", PROXY),
    ],
)
def test_the_audit_event_records_the_client(
    clinic: Clinic, settings: Any, trusted: list[str], peer: str, forwarded: str, recorded: str
) -> None:
    settings.NERVEPATH_TRUSTED_PROXIES = trusted
    client = Client(REMOTE_ADDR=peer)
    client.force_login(clinic.alice.user)
    response = client.get(reverse("pages:today"), HTTP_X_FORWARDED_FOR=forwarded)
    assert response.status_code == 200
    event = AuditEvent.objects.filter(username="alice").order_by("-pk").first()
    assert event is not None
    assert event.ip == recorded
