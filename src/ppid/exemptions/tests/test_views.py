"""The exempt-information pages of the workspace, through the Django test client."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from ppid.audit.constants import Action
from ppid.audit.models import AuditEvent
from ppid.exemptions import services
from ppid.exemptions.constants import DecisionKind, HarmTestStatus
from ppid.exemptions.models import ExemptAccess, ExemptionDecision, HarmTest
from ppid.register import services as register
from ppid.register.constants import Category, Status

pytestmark = pytest.mark.django_db

REASON = "Menyiapkan jawaban keberatan nomor 012/PPID/2026"
WITHHELD = "Nama dan alamat saksi pada halaman 2–3"
HARM_TEST_POST = {
    "kind": "exempt", "scope": "whole", "trigger": "before_request", "trigger_reference": "",
    "withheld_information": WITHHELD, "ground": "17h",
    "legal_analysis": "Pasal 17 huruf h UU 14/2008: rahasia pribadi.",
    "consequence": "Saksi dapat diintimidasi.",
    "public_interest": "Perlindungan saksi lebih penting.",
    "exempt_until": "", "participants": "PPID; PPID Pelaksana Bidang A",
    "category_if_rejected": "on_request",
}


@pytest.fixture(autouse=True)
def _city(agency):
    agency.city = "Banjarbaru"
    agency.save()


@pytest.fixture
def item_with_file(make_item, people, pdf_upload):
    item = make_item(title="BAP Saksi Pengaduan 2025", status=Status.DOCUMENTED)
    version = register.add_version(people["ppid"], item, pdf_upload("bap.pdf", "Saksi"),
                                   title="BAP Saksi")
    item.refresh_from_db()
    return item, version


@pytest.fixture
def as_user(client, people):
    def login(role):
        client.logout()
        client.force_login(people[role])
        return client

    return login


@pytest.fixture
def exempt_item(item_with_file, people):
    """The item exempt by a signed decision (services), its version in the secure store."""
    item, version = item_with_file
    test = services.start_harm_test(people["unit_ppid"], item, {
        k: v for k, v in HARM_TEST_POST.items() if k not in {"exempt_until", "trigger_reference"}})
    services.submit(people["unit_ppid"], test)
    services.approve(people["ppid"], test)
    decision = services.sign(people["superior"], test)
    item.refresh_from_db()
    version.refresh_from_db()
    return item, version, decision


def _action(test, name):
    return reverse("exemptions:harm_test_action", args=[test.pk, name])


def test_workspace_flow_from_item_page_to_signed_decision(as_user, item_with_file, people):
    item, version = item_with_file
    client = as_user("unit_ppid")
    page = client.get(reverse("workspace:item", args=[item.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="pengecualian"' in html
    new_url = reverse("exemptions:harm_test_new", args=[item.pk])
    assert f'href="{new_url}"' in html
    assert client.get(reverse("exemptions:item", args=[item.pk])).url.endswith("#pengecualian")

    assert client.get(new_url).status_code == 200
    invalid = client.post(new_url, {**HARM_TEST_POST, "exempt_until": "31/31/2026",
                                    "category_if_rejected": "exempt"})
    assert invalid.status_code == 200
    assert {"exempt_until", "category_if_rejected"} <= set(invalid.context["form"].errors)
    html = invalid.content.decode()
    assert WITHHELD in html and 'value="31/31/2026"' in html  # what was typed stays
    assert html.count('class="field has-error') == 2 and html.count('<p class="error">') >= 2
    assert not HarmTest.objects.exists()

    response = client.post(new_url, {**HARM_TEST_POST, "documents": [version.document.pk]})
    test = HarmTest.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("exemptions:harm_test", args=[test.pk])
    item.refresh_from_db()
    assert item.category == Category.EXEMPT and test.status == HarmTestStatus.DRAFT
    assert list(test.documents.all()) == [version.document]

    page = client.get(response.url)
    assert page.status_code == 200
    assert page.context["can_submit"] and not page.context["missing"]
    assert WITHHELD in page.content.decode()
    assert client.get(reverse("exemptions:harm_test_edit", args=[test.pk])).status_code == 200

    assert client.post(_action(test, "submit")).status_code == 302
    test.refresh_from_db()
    assert test.status == HarmTestStatus.SUBMITTED
    # Not the unit PPID's to approve: an error message, nothing changes.
    client.post(_action(test, "approve"))
    test.refresh_from_db()
    assert test.status == HarmTestStatus.SUBMITTED

    client = as_user("ppid")
    assert client.get(reverse("exemptions:harm_test", args=[test.pk])).context["can_approve"]
    client.post(_action(test, "approve"), {"note": "Lengkap."})
    test.refresh_from_db()
    assert test.status == HarmTestStatus.APPROVED and test.approval_note == "Lengkap."

    client = as_user("superior")
    page = client.get(reverse("exemptions:harm_test", args=[test.pk]))
    assert page.context["can_sign"] and page.context["can_reject"]
    response = client.post(_action(test, "sign"), {"place": "", "decided_on": ""})
    assert response.status_code == 302
    decision = ExemptionDecision.objects.get()
    test.refresh_from_db()
    assert test.status == HarmTestStatus.SIGNED and decision.harm_test == test
    assert decision.place == "Banjarbaru" and decision.signed_by == people["superior"]
    page = client.get(reverse("exemptions:harm_test", args=[test.pk]))
    assert decision.number in page.content.decode()
    assert AuditEvent.objects.filter(action=Action.EXEMPTION_DECIDE).count() == 1


def test_service_refusal_is_shown_on_the_form(as_user, published_item):
    url = reverse("exemptions:harm_test_new", args=[published_item.pk])
    page = as_user("ppid").post(url, HARM_TEST_POST)
    assert page.status_code == 200
    assert page.context["form"].non_field_errors()
    assert 'class="msg msg-error' in page.content.decode()
    assert WITHHELD in page.content.decode()
    assert not HarmTest.objects.exists()
    # A test of parts leaves the published item public.
    response = as_user("ppid").post(url, {**HARM_TEST_POST, "scope": "part"})
    assert response.status_code == 302
    published_item.refresh_from_db()
    assert published_item.status == Status.PUBLISHED
    assert HarmTest.objects.get().scope == "part"


def test_unknown_action_and_get_are_harmless(as_user, exempt_item):
    item, _version, decision = exempt_item
    client = as_user("ppid")
    test = decision.harm_test
    assert client.get(_action(test, "approve")).status_code == 405
    response = client.post(_action(test, "explode"))
    assert response.status_code == 302
    assert client.post(_action(test, "cancel")).status_code == 302  # refused: signed
    test.refresh_from_db()
    assert test.status == HarmTestStatus.SIGNED


def test_decision_pdf(as_user, exempt_item):
    _item, _version, decision = exempt_item
    url = reverse("exemptions:decision_pdf", args=[decision.pk])
    for role in ("ppid", "superior", "officer"):
        response = as_user(role).get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        assert response["Cache-Control"] == "private, no-store"
    assert as_user("admin").get(url).status_code == 404  # admins do not see exempt items


def test_exempt_register_page(as_user, exempt_item, make_item, people):
    item, _version, decision = exempt_item
    pending = make_item(title="Memo Internal Rapat Anggaran", status=Status.DOCUMENTED)
    services.start_harm_test(people["unit_ppid"], pending, {"withheld_information": "Semua"})
    page = as_user("ppid").get(reverse("exemptions:register"))
    assert page.status_code == 200
    html = page.content.decode()
    assert item.title in html and decision.number in html
    assert pending.title in html
    page = as_user("admin").get(reverse("exemptions:register"))
    assert page.status_code == 200
    assert item.title not in page.content.decode()


def test_open_document_asks_for_a_reason_and_records_it(as_user, exempt_item):
    item, version, _decision = exempt_item
    assert version.file.name.startswith("secure/")
    url = reverse("exemptions:open_document", args=[version.public_id])
    client = as_user("ppid")
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="reason"' in page.content.decode()
    assert not ExemptAccess.objects.exists()

    # The ordinary download link sends the PPID to the reason form.
    response = client.get(reverse("workspace:download", args=[version.public_id]))
    assert response.status_code == 302 and response.url == url

    short = client.post(url, {"reason": "cek"})
    assert short.status_code == 200 and "reason" in short.context["form"].errors
    assert not ExemptAccess.objects.exists()

    response = client.post(url, {"reason": REASON})
    assert response.status_code == 200
    with default_storage.open(version.file.name, "rb") as stored:
        assert b"".join(response.streaming_content) == stored.read()
    assert response["Cache-Control"] == "private, no-store"
    access = ExemptAccess.objects.get()
    assert access.reason == REASON and access.version == version
    assert AuditEvent.objects.filter(action=Action.EXEMPT_ACCESS).count() == 1
    assert AuditEvent.objects.filter(action=Action.DOWNLOAD).count() == 1


def test_open_document_refused_for_officer_and_admin(as_user, exempt_item):
    item, version, _decision = exempt_item
    url = reverse("exemptions:open_document", args=[version.public_id])
    client = as_user("officer")
    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": REASON}).status_code == 403
    assert client.get(reverse("workspace:download", args=[version.public_id])).status_code == 403
    refused = AuditEvent.objects.filter(action=Action.EXEMPT_ACCESS_REFUSED,
                                        object_id=str(item.pk))
    assert refused.count() == 3
    assert not ExemptAccess.objects.exists()
    client = as_user("admin")
    assert client.get(url).status_code == 404
    assert client.get(reverse("workspace:download", args=[version.public_id])).status_code == 404


def test_custodians_page(as_user, exempt_item, people):
    item, version, _decision = exempt_item
    url = reverse("exemptions:custodians", args=[item.pk])
    client = as_user("officer")
    page = client.get(url)
    assert page.status_code == 200 and not page.context["allowed"]
    refused = client.post(url, {"custodians": [people["officer"].pk]})
    assert refused.status_code == 200 and refused.context["form"].errors  # refused, said so
    assert not item.custodians.exists()
    client = as_user("ppid")
    assert client.get(url).status_code == 200
    response = client.post(url, {"custodians": [people["unit_ppid"].pk]})
    assert response.status_code == 302 and response.url.endswith("#pengecualian")
    assert list(item.custodians.all()) == [people["unit_ppid"]]
    # Naming someone who cannot see the item: the form says so.
    page = client.post(url, {"custodians": [people["admin"].pk]})
    assert page.status_code == 200 and page.context["form"].errors
    assert list(item.custodians.all()) == [people["unit_ppid"]]
    # Now the unit's PPID opens the document with a reason.
    client = as_user("unit_ppid")
    open_url = reverse("exemptions:open_document", args=[version.public_id])
    assert client.post(open_url, {"reason": REASON}).status_code == 200
    assert ExemptAccess.objects.get().user == people["unit_ppid"]


def test_open_item_page(as_user, exempt_item):
    item, version, _decision = exempt_item
    url = reverse("exemptions:open_item", args=[item.pk])
    client = as_user("superior")
    page = client.get(url)
    assert page.status_code == 200 and not page.context["allowed"]
    assert 'name="reason"' not in page.content.decode()
    refused = client.post(url, {"category": "periodic", "reason": "Alasan tidak berlaku lagi."})
    assert refused.status_code == 200
    item.refresh_from_db()
    assert item.category == Category.EXEMPT
    client = as_user("ppid")
    page = client.get(url)
    assert page.status_code == 200 and 'name="reason"' in page.content.decode()
    invalid = client.post(url, {"category": "exempt", "reason": ""})
    assert invalid.status_code == 200
    assert {"category", "reason"} <= set(invalid.context["form"].errors)
    response = client.post(url, {"category": "periodic", "place": "",
                                 "reason": "Alasan pengecualian sudah tidak berlaku."})
    assert response.status_code == 302
    assert response.url == reverse("workspace:item", args=[item.pk]) + "#pengecualian"
    item.refresh_from_db()
    version.refresh_from_db()
    assert item.category == Category.PERIODIC and item.status == Status.PUBLISHED
    assert ExemptionDecision.objects.filter(item=item, kind=DecisionKind.OPEN).count() == 1
    assert not version.file.name.startswith("secure/")
    # Open again: the ordinary download works for the officer now.
    client = as_user("officer")
    assert client.get(reverse("workspace:download", args=[version.public_id])).status_code == 200


def test_item_panel_of_an_exempt_item(as_user, exempt_item):
    item, version, decision = exempt_item
    page = as_user("ppid").get(reverse("workspace:item", args=[item.pk]))
    html = page.content.decode()
    assert 'id="pengecualian"' in html and decision.number in html
    assert reverse("exemptions:open_item", args=[item.pk]) in html
    assert reverse("exemptions:custodians", args=[item.pk]) in html
    assert reverse("exemptions:open_document", args=[version.public_id]) in html
    assert reverse("workspace:download", args=[version.public_id]) not in html
    page = as_user("officer").get(reverse("workspace:item", args=[item.pk]))
    html = page.content.decode()
    assert 'id="pengecualian"' in html
    assert reverse("exemptions:open_item", args=[item.pk]) not in html
    assert as_user("admin").get(reverse("workspace:item", args=[item.pk])).status_code == 404


def test_pages_in_both_languages(as_user, exempt_item):
    with translation.override("id"):
        indonesian = gettext("Exempt information")
    assert indonesian != "Exempt information"
    client = as_user("ppid")
    page = client.get(reverse("exemptions:register"))
    assert page["Content-Language"] == "id" and indonesian in page.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("exemptions:register"))
    assert page["Content-Language"] == "en"
    html = page.content.decode()
    assert "Exempt information" in html and indonesian not in html
    assert "Harm test" in client.get(
        reverse("exemptions:harm_test", args=[exempt_item[2].harm_test.pk])).content.decode()
