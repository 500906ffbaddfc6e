"""The address of the person at the other end of a request, the one answer for lockout and audit.

Without a trusted proxy (``NERVEPATH_TRUSTED_PROXIES`` empty, the default) it is the peer that
opened the connection (``REMOTE_ADDR``) and ``X-Forwarded-For`` is ignored: anyone can send that
header, so reading it would let a caller pick any address for the lockout count and the audit log.

Behind a reverse proxy whose address is in the list, ``X-Forwarded-For`` is read from the right:
each trusted proxy appends the address it received the request from, so the rightmost address that
is not itself a trusted proxy is the first one a trusted machine vouches for, the client. Whatever
the client wrote in the header itself lies further left and is never reached.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def proxy_networks(entries: Iterable[str], setting: str = "NERVEPATH_TRUSTED_PROXIES") -> tuple[Network, ...]:
    """The networks of a list of addresses and CIDR ranges (``10.0.0.5``, ``10.0.0.0/24``, ``::1``);
    a bad entry is an error naming the setting, so a typo fails at start-up, not silently."""
    networks = []
    for entry in entries:
        text = entry.strip()
        if not text:
            continue
        try:
            networks.append(ipaddress.ip_network(text, strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"{setting}: got {text!r}, expected an IP address or a network such as 10.0.0.0/24"
            ) from None
    return tuple(networks)


@lru_cache(maxsize=8)
def _trusted(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return proxy_networks(entries)


def _address(text: str) -> Address | None:
    """An address from one hop of the header or REMOTE_ADDR; a port some proxies add is dropped."""
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 203.0.113.7:51234
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _is_trusted(address: Address, networks: tuple[Network, ...]) -> bool:
    mapped = address.ipv4_mapped if isinstance(address, ipaddress.IPv6Address) else None
    return any((mapped or address) in network for network in networks)


def from_trusted_proxy(request: HttpRequest) -> bool:
    """Whether the peer of ``request`` is one of the trusted proxies."""
    peer = _address(request.META.get("REMOTE_ADDR") or "")
    networks = _trusted(tuple(getattr(settings, "NERVEPATH_TRUSTED_PROXIES", ())))
    return peer is not None and _is_trusted(peer, networks)


def client_address(request: HttpRequest) -> str | None:
    """The client's address as text, or None when the request has no usable peer address."""
    peer_text = request.META.get("REMOTE_ADDR") or ""
    peer = _address(peer_text)
    if peer is None:
        return peer_text or None
    networks = _trusted(tuple(getattr(settings, "NERVEPATH_TRUSTED_PROXIES", ())))
    if not networks or not _is_trusted(peer, networks):
        return str(peer)
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    nearest = peer  # the last address a trusted machine vouched for
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:  # a trusted proxy passed on something that is no address: stop there
            return str(nearest)
        if not _is_trusted(address, networks):
            return str(address)
        nearest = address
    return str(nearest)  # every hop is a trusted machine: the request started at the leftmost
