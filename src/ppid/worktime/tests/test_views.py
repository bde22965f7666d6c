"""The calendar page through the Django test client."""

from datetime import date, time

import pytest

from ppid.audit.models import AuditEvent
from ppid.worktime.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db
URL = "/ruang-kerja/kalender/"


@pytest.fixture
def as_user(client, people):
    def login(role):
        client.force_login(people[role])
        return client

    return login


def test_everybody_with_a_position_can_view(as_user, client, people):
    page = as_user("officer").get(URL + "?year=2026")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tahun Baru Masehi" in html and "Cuti Bersama Hari Raya Natal" in html
    assert 'action="/ruang-kerja/kalender/konfirmasi/"' not in html  # no admin controls
    assert "<form method=\"post\" action=\"/ruang-kerja/kalender/?year" not in html
    assert page.context["working_days"] > 200
    client.logout()
    assert client.get(URL).status_code == 302  # to the login page
    client.force_login(people["nobody"])
    assert client.get(URL).status_code == 403


def test_page_shows_hours_warnings_and_english(as_user, client):
    client = as_user("admin")
    page = client.get(URL + "?year=2026")
    assert page.status_code == 200 and page.context["can_manage"]
    assert page.context["warnings"]  # nothing confirmed, no office hours entered
    client.post("/i18n/setlang/", {"language": "en", "next": URL})
    html = client.get(URL + "?year=2026").content.decode()
    assert "Christmas Joint Holiday" in html and "Add an entry" in html


def test_bad_year_falls_back_to_the_current_one(as_user):
    page = as_user("ppid").get(URL + "?year=abc")
    assert page.status_code == 200
    assert page.context["year"] == page.context["today"].year


def test_admin_adds_removes_and_confirms(as_user, people):
    client = as_user("admin")
    response = client.post(URL + "?year=2026", {
        "date": "2026-02-23", "kind": "short_hours", "name": "Ramadan",
        "opens": "08:00", "closes": "14:30", "note": "SE Sekda 1/2026",
    })
    assert response.status_code == 302 and response["Location"] == URL + "?year=2026"
    entry = CalendarDay.objects.get(date=date(2026, 2, 23))
    assert entry.closes == time(14, 30) and entry.created_by == people["admin"]
    html = client.get(URL + "?year=2026").content.decode()
    assert "Ramadan" in html and "SE Sekda 1/2026" in html and "admin" in html

    response = client.post(f"{URL}hapus/{entry.pk}/")
    assert response.status_code == 302 and not CalendarDay.objects.exists()
    response = client.post(URL + "konfirmasi/", {"year": "2027"})
    assert response.status_code == 302 and response["Location"] == URL + "?year=2027"
    assert CalendarYear.objects.get(year=2027).confirmed_by == people["admin"]
    actions = set(AuditEvent.objects.filter(object_type__startswith="worktime.")
                  .values_list("object_type", "action"))
    assert actions == {("worktime.calendarday", "create"), ("worktime.calendarday", "delete"),
                       ("worktime.calendaryear", "create")}
    page = client.get(URL + "?year=2027")
    assert page.context["confirmation"].year == 2027
    assert "next_year_unconfirmed" not in {w.code for w in page.context["warnings"]}


def test_bad_input_gives_form_errors(as_user):
    client = as_user("admin")
    page = client.post(URL, {"date": "2026-02-24", "kind": "short_hours", "name": "Ramadan",
                             "opens": "", "closes": ""})
    assert page.status_code == 200
    form = page.context["form"]
    assert "opens" in form.errors and "closes" in form.errors
    assert page.context["year"] == 2026
    page = client.post(URL, {"date": "24/02/2026x", "kind": "nonsense"})
    assert {"date", "kind"} <= set(page.context["form"].errors)
    CalendarDay.objects.create(date=date(2026, 6, 2), kind="holiday", name="Hari Jadi")
    page = client.post(URL, {"date": "2026-06-02", "kind": "holiday", "name": "Lagi"})
    assert "date" in page.context["form"].errors
    assert CalendarDay.objects.count() == 1
    response = client.post(URL + "konfirmasi/", {"year": "dua ribu"})
    assert response.status_code == 302 and not CalendarYear.objects.exists()


def test_non_admins_get_403_on_every_change(as_user):
    entry = CalendarDay.objects.create(date=date(2026, 6, 2), kind="holiday", name="Hari Jadi")
    for role in ("officer", "ppid", "superior"):
        client = as_user(role)
        assert client.post(URL, {"date": "2026-06-03", "kind": "holiday",
                                 "name": "x"}).status_code == 403
        assert client.post(f"{URL}hapus/{entry.pk}/").status_code == 403
        assert client.post(URL + "konfirmasi/", {"year": "2026"}).status_code == 403
    assert CalendarDay.objects.count() == 1 and not CalendarYear.objects.exists()
    assert as_user("admin").get(f"{URL}hapus/{entry.pk}/").status_code == 405
    assert as_user("admin").post(f"{URL}hapus/999999/").status_code == 404
