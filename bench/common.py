"""What the ``bench_<app>.py`` modules share: a page that must answer 200, logged-in clients, the demo city
with its first school, and one app's indicators measured for the city, the school and the breakdown (the
labels of the figures stay those of ``bench/RESULTS.md``)."""

from django.contrib.auth import get_user_model
from django.test import Client

DEMO_CITY = "lesosibirsk"


def page(client: Client, url: str):
    """Return a function that gets the page and fails unless it answers 200 (for ``report.measure``)."""

    def get():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    return get


def export(client: Client, url_name: str, query: str = ""):
    """Return a function that gets a list's export (``<list>/export/``, by URL name) and fails unless the answer is
    the file itself: 200 with an attachment (a 302 to the list or to a background job is no export measured)."""
    from django.urls import reverse

    url = reverse(url_name) + (f"?{query}" if query else "")

    def get():
        response = page(client, url)()
        assert "attachment" in response.get("Content-Disposition", ""), (url, response.get("Content-Type"))
        return response

    return get


def logged_in(*usernames: str) -> dict[str, Client]:
    """Return a test client logged in as each of the demo's users, by username."""
    users = get_user_model().objects
    clients = {}
    for username in usernames:
        clients[username] = Client()
        clients[username].force_login(users.get(username=username))
    return clients


def demo_city():
    """Return the demo city and its «СШ № 1», the scope every bench module measures."""
    from core.models import Institution
    from core.models import Municipality

    city = Municipality.objects.get(code=DEMO_CITY)
    return city, Institution.objects.get(municipality=city, short_name="СШ № 1")


def measure_indicators(report, app: str, city, year, *, school=None, breakdown: str = "breakdown",
                       count_rows: bool = False) -> None:
    """Measure every indicator of the app for the city (and the school when given) and its breakdown."""
    from monitoring.registry import registry

    for item in registry:
        if not item.code.startswith(f"{app}."):
            continue
        value = report.measure(f"{item.code} {year}, municipality", lambda item=item: item.compute(city, year))
        report.note(f"{item.code} for {city} in {year}: {value}")
        if school is not None:
            report.measure(f"{item.code} {year}, institution", lambda item=item: item.compute(school, year))
        if item.breakdown:
            rows = report.measure(f"{item.code} {year}, {breakdown}", lambda item=item: item.breakdown(city, year))
            if count_rows:
                report.note(f"{item.code} breakdown: {len(rows)} institutions")
