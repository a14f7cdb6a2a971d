"""Russian by default: the browser's language does not matter, the switcher's choice does."""


def test_an_english_browser_gets_the_russian_login_page(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response.status_code == 200
    assert response["Content-Language"] == "ru"
    assert "Войти" in response.content.decode()


def test_the_language_switcher_turns_the_portal_english_and_back(client):
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"}).status_code == 302
    english = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="ru")
    assert english["Content-Language"] == "en" and "Log in" in english.content.decode()

    client.post("/i18n/setlang/", {"language": "ru", "next": "/accounts/login/"})
    assert client.get("/accounts/login/")["Content-Language"] == "ru"


def test_an_unknown_language_in_the_cookie_falls_back_to_russian(client):
    client.cookies["django_language"] = "de"

    assert client.get("/accounts/login/")["Content-Language"] == "ru"
