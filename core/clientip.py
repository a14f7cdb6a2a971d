"""The client's address, the same for the login lock (django-axes), rate limits and the API throttle.

Behind the nginx of ``docs/deploy.md`` every request comes from 127.0.0.1; nginx passes the client's address
in ``X-Real-IP`` and appends it to ``X-Forwarded-For``. Those headers are believed only when
``DJANGO_BEHIND_PROXY`` is on AND the request really comes from a trusted proxy (``DJANGO_TRUSTED_PROXIES``,
loopback by default), so a client talking to gunicorn directly cannot choose its own address.
"""

import ipaddress

from django.conf import settings


def _is_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for network in getattr(settings, "TRUSTED_PROXIES", ("127.0.0.1/32", "::1/128")):
        try:
            if ip in ipaddress.ip_network(network, strict=False):
                return True
        except ValueError:
            continue
    return False


def _valid(address: str) -> str | None:
    address = address.strip()
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return None
    return address


def client_ip(request) -> str:
    """Return the address of the client that sent ``request`` (see the module docstring)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if not getattr(settings, "BEHIND_PROXY", False) or not _is_trusted(remote):
        return remote
    real = _valid(request.META.get("HTTP_X_REAL_IP", "") or "")
    if real:
        return real
    # The rightmost entries were appended by our own proxies; the first untrusted one from the right is the
    # address that connected to the outermost trusted proxy (anything left of it the client may have forged).
    forwarded = [part for part in (request.META.get("HTTP_X_FORWARDED_FOR", "") or "").split(",") if part.strip()]
    for part in reversed(forwarded):
        address = _valid(part)
        if address is None:
            break
        if not _is_trusted(address):
            return address
    return remote
