from datetime import date

import pytest
from django.utils import translation

from ppid.register import services as register
from ppid.register.constants import Status

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _english(settings, client):
    """These tests assert on English messages."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def due_item(make_item, people, pdf_upload):
    """Made in 2010, kept 5 years (ended 31 Dec 2015), documented, with two stored versions."""
    item = make_item(title="Notulen Rapat 2010", year=2010, retention_years=5,
                     status=Status.DOCUMENTED)
    first = register.add_version(people["ppid"], item, pdf_upload("notulen.pdf", "versi satu"),
                                 title="Notulen")
    register.add_version(people["ppid"], item, pdf_upload("notulen-2.pdf", "versi dua"),
                         document=first.document)
    item.refresh_from_db()
    return item
