"""A rendered piece of a page kept for the current generation of the records (issue 18: pages as light as a bare
page). A list's filters and table, or a pedagogue's record, are the same HTML until a record changes, for the same
viewer asking the same URL on the same day in the same language.

    body = fragment(request, "core:pedagogue-list")
    if body.html is None:
        ...  # the queries and the context the fragment needs
    return render(request, template, {"body": body, ...})

and in the template, around what depends only on the records and the viewer:

    {% load portal %}{% fragment body %}...{% endfragment %}

The key holds the generation (``core.freshness``: any save or delete of a domain record moves it, so a save shows
at once), the user and their session (a fragment is never shown to another user, nor to another browser of the same
user: a CSRF token in it stays the session's), the language, the local day, and the path with its query string. It
is kept ``freshness.TIMEOUT`` seconds at most. What must happen on every request — the scope check that answers 404,
the access log (152-ФЗ) — stays in the view; ``data`` carries what it needs from the render that stored the fragment
(the rows a list showed).
"""

import hashlib
from dataclasses import dataclass
from dataclasses import field

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from core import freshness


@dataclass
class Fragment:
    key: str | None  # None: not cached (no session)
    html: str | None = None  # the cached HTML, or None until rendered
    data: dict = field(default_factory=dict)  # what the view needs on a cached request (e.g. rows shown)

    def store(self, html: str) -> str:
        self.html = html
        if self.key is not None:
            cache.set(self.key, (html, self.data), freshness.TIMEOUT)
        return html


def fragment(request, name: str) -> Fragment:
    """The fragment ``name`` of this request's page, with its HTML when it is cached for the viewer."""
    user, session_key = request.user, getattr(request.session, "session_key", None)
    if not user.is_authenticated or not session_key:
        return Fragment(None)
    parts = (name, freshness.generation(), user.pk, user.is_superuser, session_key, get_language(),
             timezone.localdate().isoformat(), request.get_full_path())
    key = "fragment:" + hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    hit = cache.get(key)
    if hit is None:
        return Fragment(key)
    html, data = hit
    return Fragment(key, html, data)
