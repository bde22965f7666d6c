import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english(settings, client):
    """These tests assert on English messages; test_indonesian_by_default checks the default."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
