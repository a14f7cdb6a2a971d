"""No page offers a link that refuses the one who follows it.

For each demo role the portal is walked from the home page through the links of its pages (GET only; files,
exports and the admin left out): every link a page shows must open (2xx or a redirect), never 403, 404 or 500.
Found this way: a teacher on an association's page was offered the other members' records (404), an expert on
an institution's page its indicators and innovation projects (403), a teacher on a pair's page the programme
(403), a methodist on a regional competition «Issue certificates for this event» (404)."""

import re
from collections import Counter
from collections import deque
from html.parser import HTMLParser

import pytest

from core.tests.factories import seed_demo

# Files and exports start jobs or send bytes; the admin and the API have their own tests; «verify» is public.
LEFT_OUT = re.compile(r"logout|export|pdf|docx|xlsx|zip|download|/file|/media/|/admin/|/api/|template|"
                      r"set_language|/static/|verify|^#|mailto:")
PAGES_PER_ROLE = 220
PAGES_PER_SHAPE = 3  # /associations/7/ and /associations/8/ are one kind of page


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and (href := dict(attrs).get("href")):
            self.hrefs.append(href)


def refusals(client) -> dict[str, tuple[int, str]]:
    """Walk from the home page; return {link: (status, the page that showed it)} for the links that refuse."""
    queue, seen, shapes, refused = deque([("/", "")]), set(), Counter(), {}
    while queue and len(seen) < PAGES_PER_ROLE:
        path, source = queue.popleft()
        path = path.split("#")[0]
        shape = re.sub(r"\d+", "N", path.split("?")[0])
        if path in seen or shapes[shape] >= PAGES_PER_SHAPE:
            continue
        seen.add(path)
        shapes[shape] += 1
        response = client.get(path, follow=True)
        if response.status_code >= 400:
            refused[path] = (response.status_code, source)
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        links = Links()
        links.feed(response.content.decode())
        queue.extend((href, path) for href in links.hrefs if href.startswith("/") and not LEFT_OUT.search(href))
    assert len(seen) > 20
    return refused


@pytest.mark.django_db
def test_every_link_each_role_is_shown_opens(client):
    from django.contrib.auth import get_user_model

    seed_demo(scale="tiny")  # once: the six roles walk the same demo
    refused = {}
    for username in ("admin", "head", "methodist", "school", "expert", "teacher"):
        client.force_login(get_user_model().objects.get(username=username))
        refused |= {f"{username} {link}": answer for link, answer in refusals(client).items()}
        client.logout()

    assert refused == {}
