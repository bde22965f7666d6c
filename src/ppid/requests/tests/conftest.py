import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_services():
    """Service errors are asserted in English; pages pick their language per request anyway."""
    with translation.override("en"):
        yield
