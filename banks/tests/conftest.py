import pytest


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """The personas' passwords are hashed for every test; a cheap hasher keeps the app's suite quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
