"""Workspace pages through the Django test client."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ppid.audit.models import AuditEvent
from ppid.core.models import Agency, Unit
from ppid.register.models import InformationItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(client, people):
    def login(role):
        client.force_login(people[role])
        return client

    return login


def test_login_page_is_indonesian_by_default_and_english_on_request(client, agency):
    page = client.get("/ruang-kerja/masuk/", HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert page.status_code == 200 and "Masuk" in page.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/ruang-kerja/masuk/"})
    assert "Log in" in client.get("/ruang-kerja/masuk/").content.decode()


def test_create_item_through_the_form(as_user, units):
    client = as_user("officer")
    response = client.post("/ruang-kerja/informasi/baru/", {
        "title": "Profil Bidang A", "summary": "Profil singkat.", "category": "periodic",
        "year": 2026, "holder_unit": units["a"].pk, "responsible_official": "Kabid A",
        "form": "hard", "hard_copy_location": "",
    })
    assert response.status_code == 200
    assert "hard_copy_location" in response.context["form"].errors
    response = client.post("/ruang-kerja/informasi/baru/", {
        "title": "Profil Bidang A", "summary": "Profil singkat.", "category": "periodic",
        "year": 2026, "holder_unit": units["a"].pk, "responsible_official": "Kabid A",
        "form": "both", "hard_copy_location": "Lemari 2",
    })
    item = InformationItem.objects.get(title="Profil Bidang A")
    assert response.status_code == 302 and response.url.endswith(f"/informasi/{item.pk}/")
    assert item.created_by.username == "officer"


def test_officer_cannot_pick_exempt_or_other_units(as_user, units):
    form = as_user("officer").get("/ruang-kerja/informasi/baru/").context["form"]
    assert "exempt" not in dict(form.fields["category"].choices)
    assert set(form.fields["holder_unit"].queryset) == {units["a"]}


def test_register_filters_and_htmx_partial(as_user, make_item, units):
    make_item(title="Anggaran Bidang A", year=2024)
    make_item(title="Renstra Bidang B", holder_unit=units["b"], year=2025)
    client = as_user("ppid")
    page = client.get("/ruang-kerja/?q=anggaran")
    assert "<mark>Anggaran</mark> Bidang A" in page.content.decode()
    assert "Renstra Bidang B" not in page.content.decode()
    partial = client.get(f"/ruang-kerja/?unit={units['b'].pk}", HTTP_HX_REQUEST="true")
    body = partial.content.decode()
    assert "Renstra Bidang B" in body and "<html" not in body


def test_bad_upload_shows_a_clear_message(as_user, make_item):
    item = make_item()
    client = as_user("ppid")
    response = client.post(f"/ruang-kerja/informasi/{item.pk}/unggah/",
                           {"file": SimpleUploadedFile("virus.pdf", b"MZ\x00\x01binary")},
                           follow=True)
    assert "tidak diterima" in response.content.decode()
    assert item.documents.count() == 0


def test_users_without_a_position_are_refused(client, people):
    client.force_login(people["nobody"])
    assert client.get("/ruang-kerja/").status_code == 403


def test_settings_page_for_administrators_only(as_user, agency, units):
    assert as_user("ppid").get("/ruang-kerja/pengaturan/").status_code == 403
    client = as_user("admin")
    page = client.get("/ruang-kerja/pengaturan/")
    assert page.status_code == 200 and "Bidang A" in page.content.decode()
    response = client.post("/ruang-kerja/pengaturan/", {
        "save_agency": "1", "name": "Badan Baru", "short_name": "", "address": "Jl. Uji 1",
        "phone": "", "email": "", "website": "", "time_zone": "Asia/Makassar", "profile": "",
        "publish_exempt_list": "on", "city": "Banjarbaru", "exemption_signer": "head",
        "exemption_end_action": "escalate",
        "request_number_format": "{seq:04d}/PPID-BB/{year}",
        "objection_number_format": "{seq:03d}/KEB/{roman_month}/{year}",
        "personal_data_months": "36", "edition_interval_months": "6",
        "periodic_refresh_months": "3", "is_main_ppid": "on",
        "office_hours-TOTAL_FORMS": "1", "office_hours-INITIAL_FORMS": "0",
        "office_hours-MIN_NUM_FORMS": "0", "office_hours-MAX_NUM_FORMS": "1000",
        "office_hours-0-weekday": "0", "office_hours-0-opens": "08:00",
        "office_hours-0-closes": "16:00",
    })
    assert response.status_code == 302
    agency.refresh_from_db()
    assert agency.name == "Badan Baru" and agency.publish_exempt_list
    assert agency.city == "Banjarbaru" and agency.exemption_signer == "head"
    assert agency.office_hours.count() == 1
    assert agency.request_number_format == "{seq:04d}/PPID-BB/{year}"
    assert agency.personal_data_months == 36
    assert (agency.edition_interval_months, agency.periodic_refresh_months) == (6, 3)
    assert agency.is_main_ppid
    event = AuditEvent.objects.filter(object_type="core.agency", action="update").last()
    assert event.actor_repr == "admin" and event.after["name"] == "Badan Baru"
    client.post("/ruang-kerja/pengaturan/", {"add_unit": "1", "name": "Bidang C",
                                             "code": "C", "parent": units["top"].pk})
    assert Unit.objects.filter(name="Bidang C", parent=units["top"]).exists()
    assert Agency.objects.count() == 1


def test_times_are_shown_in_the_agency_time_zone(as_user, make_item, agency, people):
    from zoneinfo import ZoneInfo

    from ppid.register import services

    item = make_item()
    services.update_item(people["ppid"], item, {"title": "Jam WITA"})
    event = AuditEvent.objects.filter(action="update", object_id=str(item.pk)).get()
    page = as_user("ppid").get(f"/ruang-kerja/informasi/{item.pk}/").content.decode()
    assert event.timestamp.astimezone(ZoneInfo("Asia/Makassar")).strftime("%H:%M:%S") in page


def test_settings_refuse_a_number_format_that_cannot_number(as_user, agency, units):
    client = as_user("admin")
    response = client.post("/ruang-kerja/pengaturan/", {
        "save_agency": "1", "name": agency.name, "time_zone": "Asia/Jakarta",
        "exemption_signer": "ppid_superior", "exemption_end_action": "escalate",
        "request_number_format": "PPID-{seq:04d}", "objection_number_format": "{seq}/{year}",
        "personal_data_months": "24", "edition_interval_months": "12",
        "periodic_refresh_months": "6",
        "office_hours-TOTAL_FORMS": "0", "office_hours-INITIAL_FORMS": "0",
        "office_hours-MIN_NUM_FORMS": "0", "office_hours-MAX_NUM_FORMS": "1000",
    })
    assert response.status_code == 200
    assert "{year}" in response.content.decode()
    agency.refresh_from_db()
    assert agency.request_number_format != "PPID-{seq:04d}"
