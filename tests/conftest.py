"""Browser journeys: Playwright driving Debian's chromium against pytest-django's live server.

Playwright cannot download its own browsers on these machines, so the tests use
/usr/bin/chromium (`make test` installs it when running as root) and are skipped
with a clear reason when it is missing.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"

# Playwright's sync API runs an event loop in the test's thread; the ORM calls the
# tests make around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip(f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.append("--no-sandbox")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=args)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(browser, live_server):
    """A fresh page with ``page.base_url`` pointing at the live server; use ``login(page, user)``."""
    context = browser.new_context(locale="ru-RU", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.base_url = live_server.url
    page.set_default_timeout(15000)
    yield page
    context.close()


def login(page, username: str, password: str | None = None) -> None:
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password or f"pw-{username}")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path



def pick(page, field: str, text: str, option_text: str) -> None:
    """Type into a search picker (Tom Select) and choose the answer with Enter, as a user does. When no answer
    comes — a failed request on a busy test server — a user types again, and so does this, once; then it fails
    saying what the picker shows."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    control = page.locator(f"#id_{field}-ts-control")
    answer = page.locator(f"#id_{field}-ts-dropdown .option.active:has-text('{option_text}')")
    for attempt in (1, 2):
        control.press_sequentially(text)  # into this picker's own box, whatever had the focus before
        try:
            answer.wait_for(timeout=10000)
            break
        except PlaywrightTimeout as waited:
            shown = page.locator(f"#id_{field}-ts-dropdown").text_content()
            if attempt == 2:
                raise AssertionError(f"the {field} picker has no «{option_text}» for «{text}»; it shows {shown!r}") \
                    from waited
            control.fill("")
    control.press("Enter")
    control.locator("xpath=..").locator(f".item:has-text('{option_text}')").wait_for()
    control.press("Escape")
