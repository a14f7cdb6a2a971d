"""Rate limits of the public and login endpoints (django-ratelimit), keyed on ``core.clientip.client_ip``.

The rates are settings (``CERTIFICATE_VERIFY_RATE``, ``LOGIN_RATE``) read on each request; an exceeded limit
answers 429 with a translated page. Counters live in the default cache: Redis in production, so every worker
shares them (the local-memory cache of development counts per process).
"""

import functools

from django.conf import settings
from django.shortcuts import render
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited


def limit(setting: str, *, group: str, method=ALL):
    """A view decorator: at most ``settings.<setting>`` requests per client address, then 429."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if is_ratelimited(request, group=group, key="ip", rate=getattr(settings, setting), method=method,
                              increment=True):
                return rate_limited(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def rate_limited(request, exception=None):
    return render(request, "429.html", status=429)
