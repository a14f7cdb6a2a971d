import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Job files go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
