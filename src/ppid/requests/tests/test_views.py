"""The staff pages of requests, objections, disputes, registers and the report (test client).

Pages are read in English (language cookie) so the assertions do not depend on translations.
"""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ppid.audit.constants import Action
from ppid.audit.models import AuditEvent
from ppid.conftest import pdf_bytes
from ppid.register.constants import Category, Status
from ppid.requests import documents, objections, services
from ppid.requests.constants import (
    DisputeStage,
    EventKind,
    ObjectionOutcome,
    ObjectionStatus,
    Outcome,
    RequestStatus,
)
from ppid.requests.models import Dispute, DisputeDocument, Event, Objection, Request
from ppid.requests.tests.factories import RequestFactory, requester_data
from ppid.requests.tests.scenarios import exempt_item, grant, redacted_pair, version_of

pytestmark = pytest.mark.django_db

try:  # written by another helper; the export tests skip while it is missing
    from ppid.requests import exports
except ImportError:  # pragma: no cover
    exports = None

REASON = "Dokumen masih dikumpulkan dari tiga bidang."
NAME = "Siti Rahmawati"


def url(name, *args):
    return reverse(f"requests:{name}", args=args)


def page(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def as_user(client, people):
    def login(role):
        client.logout()
        client.force_login(people[role])
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return login


@pytest.fixture
def req(agency):
    """A request received in March 2026: long past its deadline."""
    return RequestFactory()


@pytest.fixture
def fresh(agency):
    """A request received just now: its deadline is ahead."""
    return RequestFactory(received_at=timezone.now() - timedelta(minutes=5),
                          name="Budi Santoso")


def forwarded(people, req, unit):
    return services.forward(people["ppid"], req, unit, "Mohon disiapkan.")


def decided(people, req, **kwargs):
    kwargs.setdefault("explanation", "Salinan dikirim melalui e-mail.")
    return grant(people["ppid"], req, **kwargs)


# --------------------------------------------------------------------------------------------
# The list and who sees what.
# --------------------------------------------------------------------------------------------


def test_ppid_sees_every_request_unit_officer_only_their_units(as_user, people, units):
    in_a = forwarded(people, RequestFactory(name="Warga Unit A"), units["a"])
    in_b = forwarded(people, RequestFactory(name="Warga Unit B"), units["b"])
    unassigned = RequestFactory(name="Warga Baru")

    content = page(as_user("ppid").get(url("list"), {"status": ""}))
    for r in (in_a, in_b, unassigned):
        assert r.number in content
    assert "Register a request" in content

    response = as_user("officer").get(url("list"), {"status": ""})
    content = page(response)
    assert in_a.number in content and "Warga Unit A" in content
    assert in_b.number not in content and unassigned.number not in content
    assert "Register a request" not in content
    assert as_user("officer").get(url("detail", in_a.pk)).status_code == 200
    assert as_user("officer").get(url("detail", in_b.pk)).status_code == 404


def test_head_admin_and_web_manager_see_no_request(as_user, req):
    response = as_user("head").get(url("list"), {"status": ""})
    assert response.status_code == 200
    assert req.number not in page(response) and NAME not in page(response)
    for role in ("admin", "web"):
        assert as_user(role).get(url("list")).status_code == 403
    for role in ("head", "admin", "web", "nobody"):
        client = as_user(role)
        assert client.get(url("detail", req.pk)).status_code in (403, 404)
        assert client.get(url("receipt_pdf", req.pk)).status_code in (403, 404)
        assert client.get(url("personal_file", req.pk, "identity_file")).status_code in (
            403, 404)


def test_list_filters_tabs_and_search(as_user, people, units, fresh, req):
    forwarded(people, req, units["a"])
    client = as_user("ppid")
    default = page(client.get(url("list")))  # in process, by deadline
    assert req.number in default and fresh.number in default

    overdue = page(client.get(url("list"), {"overdue": "on"}))
    assert req.number in overdue and fresh.number not in overdue
    assert 'class="overdue"' in overdue

    by_name = page(client.get(url("list"), {"status": "", "q": "Budi"}))
    assert fresh.number in by_name and req.number not in by_name
    by_number = page(client.get(url("list"), {"status": "", "q": req.number}))
    assert req.number in by_number and fresh.number not in by_number

    by_unit = page(client.get(url("list"), {"status": "", "unit": units["a"].pk}))
    assert req.number in by_unit and fresh.number not in by_unit

    decided(people, fresh)
    by_status = page(client.get(url("list"), {"status": RequestStatus.DECIDED}))
    assert fresh.number in by_status and req.number not in by_status
    by_outcome = page(client.get(url("list"), {"status": "", "outcome": Outcome.GRANTED}))
    assert fresh.number in by_outcome and req.number not in by_outcome
    rows = client.get(url("list"), {"status": ""}, HTTP_HX_REQUEST="true")
    assert "<html" not in rows.content.decode() and fresh.number in page(rows)


def test_list_queries_are_bounded(as_user, people, units, django_assert_max_num_queries):
    for n in range(25):
        r = RequestFactory(name=f"Pemohon {n}")
        if n % 2:
            forwarded(people, r, units["a"])
    client = as_user("ppid")
    client.get(url("list"), {"status": ""})  # warm caches (holidays, sessions)
    with django_assert_max_num_queries(16):  # 14 today, whatever the number of rows
        response = client.get(url("list"), {"status": ""})
    assert page(response).count('class="req-number"') == 25


def test_nav_shows_requests_to_those_who_handle_or_report(as_user, req):
    ppid = page(as_user("ppid").get(url("list")))
    for link in ("list", "objections", "register", "objection_register", "report"):
        assert f'href="{url(link)}"' in ppid
    officer = page(as_user("officer").get(url("list")))
    assert f'href="{url("objections")}"' in officer
    assert f'href="{url("register")}"' not in officer and f'href="{url("report")}"' not in officer
    head = page(as_user("head").get(reverse("workspace:register")))
    assert 'href="/ruang-kerja/permohonan/"' in head
    web = page(as_user("web").get(reverse("workspace:register")))
    assert 'href="/ruang-kerja/permohonan/"' not in web


# --------------------------------------------------------------------------------------------
# Staff entry.
# --------------------------------------------------------------------------------------------


def entry(**overrides):
    received = timezone.localtime(timezone.now() - timedelta(hours=3))
    data = {"channel": "letter", "written": "",
            "received_at": received.strftime("%Y-%m-%dT%H:%M"), **requester_data()}
    data.update(overrides)
    return data


def test_staff_entry_registers_and_shows_the_tracking_code(as_user, agency):
    client = as_user("ppid")
    assert client.get(url("new")).status_code == 200
    identity = SimpleUploadedFile("ktp.pdf", pdf_bytes("KTP"), content_type="application/pdf")
    response = client.post(url("new"), {**entry(), "identity_file": identity})
    req = Request.objects.get()
    assert response.status_code == 302 and response["Location"] == url("detail", req.pk)
    assert req.channel == "letter" and req.written and req.recorded_by.username == "ppid"
    content = page(client.get(url("detail", req.pk)))
    assert services.format_code(req.tracking_code) in content
    assert url("receipt_pdf", req.pk) in content
    assert "6371014101900002" in content and url("personal_file", req.pk,
                                                 "identity_file") in content

    unwritten = client.post(url("new"), entry(channel="phone", name="Penelpon Warga",
                                               written="no"))
    assert unwritten.status_code == 302
    assert not Request.objects.get(name="Penelpon Warga").written


def test_staff_entry_errors_keep_what_was_typed(as_user, agency):
    client = as_user("ppid")
    response = client.post(url("new"), entry(delivery_method="", details="Salinan DPA 2026"))
    content = page(response)
    assert response.status_code == 200 and not Request.objects.exists()
    assert "Choose how the copy should reach the requester." in content
    assert 'value="Siti Rahmawati"' in content and "Salinan DPA 2026" in content

    missing = page(client.post(url("new"), entry(name="")))
    assert "This field is required." in missing and "Jl. Ahmad Yani Km 5" in missing

    wrong_file = SimpleUploadedFile("ktp.exe", b"MZ\x90\x00binary", content_type="x/y")
    refused = page(client.post(url("new"), {**entry(), "identity_file": wrong_file}))
    assert "Upload a PDF, JPEG, PNG file." in refused
    assert not Request.objects.exists()


def test_staff_entry_refuses_a_future_time_and_non_ppid(as_user, agency):
    future = timezone.localtime(timezone.now() + timedelta(days=2))
    content = page(as_user("ppid").post(url("new"), entry(
        received_at=future.strftime("%Y-%m-%dT%H:%M"))))
    assert "The time of receipt cannot be in the future." in content
    assert not Request.objects.exists()
    assert as_user("officer").get(url("new")).status_code == 403
    assert as_user("officer").post(url("new"), entry()).status_code == 403


# --------------------------------------------------------------------------------------------
# Actions on a request.
# --------------------------------------------------------------------------------------------


def test_forward_and_messages(as_user, people, units, fresh):
    client = as_user("ppid")
    response = client.post(url("forward", fresh.pk), {"unit": units["a"].pk,
                                                      "note": "Mohon siapkan DPA."})
    assert response.status_code == 302
    fresh.refresh_from_db()
    assert fresh.status == RequestStatus.FORWARDED and fresh.assigned_unit == units["a"]
    assert client.post(url("forward", fresh.pk), {"unit": units["b"].pk}).status_code == 302
    fresh.refresh_from_db()
    assert fresh.assigned_unit == units["b"]  # forwarded again to the right unit
    client.post(url("forward", fresh.pk), {"unit": units["a"].pk})

    missing = page(client.post(url("forward", fresh.pk), {"unit": ""}))
    assert "This field is required." in missing

    assert as_user("officer").post(url("forward", fresh.pk),
                                   {"unit": units["a"].pk}).status_code == 403

    client = as_user("ppid")
    client.post(url("message", fresh.pk), {"message": "Catatan internal.", "public": "0"})
    client.post(url("message", fresh.pk), {"message": "Sedang kami siapkan.", "public": "1"})
    notes = Event.objects.filter(request=fresh, kind=EventKind.NOTE).order_by("pk")
    assert [(e.message, e.public) for e in notes] == [("Catatan internal.", False),
                                                     ("Sedang kami siapkan.", True)]
    content = page(client.get(url("detail", fresh.pk)))
    assert "Catatan internal." in content and "staff only" in content
    empty = page(client.post(url("message", fresh.pk), {"message": "  ", "public": "1"}))
    assert "This field is required." in empty
    # A unit officer who handles the request may post too.
    assert as_user("unit_ppid").post(url("message", fresh.pk), {
        "message": "Data sudah ada.", "public": "0"}).status_code == 302


def test_extend_once_only_before_the_deadline(as_user, fresh, req):
    client = as_user("ppid")
    before = fresh.due_at
    bad = page(client.post(url("extend", fresh.pk), {"days": "3", "reason": "pendek"}))
    assert "Give the written reason" in bad and 'value="3" selected' in bad.replace(
        'selected=""', "selected")
    response = client.post(url("extend", fresh.pk), {"days": "5", "reason": REASON})
    assert response.status_code == 302
    fresh.refresh_from_db()
    assert fresh.extension_days == 5 and fresh.due_at > before

    again = page(client.post(url("extend", fresh.pk), {"days": "2", "reason": REASON}))
    assert "can be extended only once" in again
    late = page(client.post(url("extend", req.pk), {"days": "2", "reason": REASON}))
    assert "The deadline has passed" in late
    req.refresh_from_db()
    assert not req.is_extended


def test_decide_grant_then_complete(as_user, people, fresh, make_item, pdf_upload):
    item = make_item(title="DPA Dinas Pendidikan 2026", status=Status.PUBLISHED,
                     category=Category.ON_REQUEST)
    version = version_of(people["ppid"], item, pdf_upload("dpa.pdf"))
    client = as_user("ppid")
    form = page(client.get(url("decide", fresh.pk)))
    assert "DPA Dinas Pendidikan 2026" in form  # recent items are offered

    search = page(client.post(url("decide", fresh.pk), {
        "refresh": "search", "item_q": "Pendidikan", "holding": "held"}))
    assert "DPA Dinas Pendidikan 2026" in search and "This field is required" not in search
    by_number = page(client.post(url("decide", fresh.pk), {
        "refresh": "search", "item_q": f"{item.pk}, 99999", "holding": "held"}))
    assert "DPA Dinas Pendidikan 2026" in by_number
    nothing = page(client.post(url("decide", fresh.pk), {
        "refresh": "search", "item_q": "tidak ada judul seperti ini", "holding": "held"}))
    assert "DPA Dinas Pendidikan 2026" not in nothing and "No other item matches" in nothing

    chosen = page(client.post(url("decide", fresh.pk), {
        "refresh": "items", "items": [item.pk], "holding": "held",
        "explanation": "Sudah diketik"}))
    assert "dpa.pdf" in chosen and "Sudah diketik" in chosen

    response = client.post(url("decide", fresh.pk), {
        "holding": "held", "outcome": "granted", "items": [item.pk],
        "versions": [version.pk], "information_form": "soft_copy", "fee": "0",
        "notice_delivered_by": "email", "explanation": "Salinan dikirim."})
    assert response.status_code == 302
    fresh.refresh_from_db()
    assert fresh.status == RequestStatus.DECIDED and fresh.outcome == Outcome.GRANTED
    assert list(fresh.given_versions.all()) == [version]
    detail = page(client.get(url("detail", fresh.pk)))
    assert url("notice_pdf", fresh.pk) in detail and "dpa.pdf" in detail
    assert client.get(url("decide", fresh.pk)).status_code == 302  # decided: back to detail

    assert client.post(url("complete", fresh.pk), {"note": "Diserahkan."}).status_code == 302
    fresh.refresh_from_db()
    assert fresh.status == RequestStatus.COMPLETED
    again = page(client.post(url("complete", fresh.pk), {}))
    assert "cannot become" in again


def test_reject_needs_an_exemption_decision(as_user, fresh, make_item):
    open_item = make_item(title="Laporan Kegiatan 2025", status=Status.PUBLISHED,
                          category=Category.ON_REQUEST)
    client = as_user("ppid")
    content = page(client.post(url("decide", fresh.pk), {
        "holding": "held", "outcome": "rejected", "items": [open_item.pk],
        "explanation": "Ditolak."}))
    assert "is not exempt by a signed decision" in content
    assert 'value="Ditolak."' in content or "Ditolak." in content
    fresh.refresh_from_db()
    assert fresh.is_open

    secret = exempt_item(lambda **kw: make_item(**kw))
    response = client.post(url("decide", fresh.pk), {
        "holding": "held", "outcome": "rejected", "items": [secret.pk],
        "explanation": "Informasi dikecualikan."})
    assert response.status_code == 302
    fresh.refresh_from_db()
    assert fresh.outcome == Outcome.REJECTED and fresh.grounds == ["17h"]
    assert fresh.exemption_decisions.count() == 1


def test_partial_exemption_never_rejects_the_whole(as_user, people, fresh, make_item,
                                                   pdf_upload):
    item = make_item(title="Kontrak Pengadaan 2025", status=Status.PUBLISHED,
                     category=Category.ON_REQUEST)
    original, redacted = redacted_pair(people["ppid"], item, pdf_upload)
    client = as_user("ppid")
    chosen = page(client.post(url("decide", fresh.pk), {
        "refresh": "items", "items": [item.pk], "holding": "held"}))
    assert "surat-hitam.pdf" in chosen and "surat.pdf (v" not in chosen  # original withheld

    refused = page(client.post(url("decide", fresh.pk), {
        "holding": "held", "outcome": "rejected", "items": [item.pk],
        "explanation": "Ditolak seluruhnya."}))
    assert "is not exempt by a signed decision" in refused
    fresh.refresh_from_db()
    assert fresh.is_open

    withheld = client.post(url("decide", fresh.pk), {
        "holding": "held", "outcome": "partly", "items": [item.pk],
        "versions": [original.pk], "information_form": "soft_copy", "fee": "0"})
    assert withheld.status_code == 200  # not a choice: the original is never offered
    assert "Select a valid choice" in page(withheld)

    response = client.post(url("decide", fresh.pk), {
        "holding": "held", "outcome": "partly", "items": [item.pk],
        "versions": [redacted.pk], "information_form": "soft_copy", "fee": "0",
        "explanation": "Data pribadi dihitamkan."})
    assert response.status_code == 302
    fresh.refresh_from_db()
    assert fresh.outcome == Outcome.PARTLY_GRANTED and "17h" in fresh.grounds


def test_decide_errors_and_not_held(as_user, people, units, fresh):
    client = as_user("ppid")
    content = page(client.post(url("decide", fresh.pk), {
        "holding": "other_body", "other_body": "", "explanation": "Bukan kewenangan."}))
    assert "Name the public body that holds the information." in content
    assert "Bukan kewenangan." in content
    fee = page(client.post(url("decide", fresh.pk), {
        "holding": "held", "outcome": "granted", "information_form": "soft_copy",
        "fee": "5000", "explanation": "Fotokopi 10 lembar."}))
    assert "Say how the fee is paid." in fee
    response = client.post(url("decide", fresh.pk), {
        "holding": "other_body", "other_body": "Dinas Kesehatan Provinsi"})
    assert response.status_code == 302
    fresh.refresh_from_db()
    assert fresh.outcome == Outcome.NOT_HELD and fresh.other_body == "Dinas Kesehatan Provinsi"
    theirs = forwarded(people, RequestFactory(), units["a"])
    assert as_user("officer").get(url("decide", theirs.pk)).status_code == 403  # sees, not PPID
    assert as_user("officer").get(url("decide", fresh.pk)).status_code == 404  # not their unit


def test_withdraw(as_user, fresh):
    client = as_user("ppid")
    short = page(client.post(url("withdraw", fresh.pk), {"reason": "batal"}))
    assert "At least 10 characters." in short
    response = client.post(url("withdraw", fresh.pk), {
        "reason": "Pemohon mencabut lewat telepon tanggal ini."})
    assert response.status_code == 302
    fresh.refresh_from_db()
    assert fresh.status == RequestStatus.WITHDRAWN
    content = page(client.get(url("detail", fresh.pk)))
    assert "clock stopped (withdrawn)" in content and "answered late" not in content
    assert client.get(url("withdraw", fresh.pk)).status_code == 302  # GET: back to the page


def test_erase_personal_data_early_needs_confirmation(as_user, people, fresh):
    client = as_user("ppid")
    still_open = page(client.post(url("erase", fresh.pk), {"force": "1", "confirm": "on"}))
    assert "still being handled" in still_open
    decided(people, fresh)
    services.complete(people["ppid"], fresh)
    unconfirmed = page(client.post(url("erase", fresh.pk), {"force": "1"}))
    assert "Tick the box" in unconfirmed
    fresh.refresh_from_db()
    assert fresh.name == "Budi Santoso"
    assert client.post(url("erase", fresh.pk), {"force": "1", "confirm": "on"}).status_code == 302
    fresh.refresh_from_db()
    assert fresh.personal_data_erased_at and fresh.name != "Budi Santoso"
    assert "was erased on" in page(client.get(url("detail", fresh.pk)))
    assert AuditEvent.objects.filter(action=Action.PERSONAL_DATA_ERASE).exists()


# --------------------------------------------------------------------------------------------
# Files and PDFs.
# --------------------------------------------------------------------------------------------


def test_personal_files_only_for_those_who_see_the_request(as_user, people, units, agency):
    data = requester_data(on_behalf_of="Koperasi Maju")
    files = {"identity_file": SimpleUploadedFile("ktp.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64),
             "proxy_letter": SimpleUploadedFile("kuasa.pdf", pdf_bytes("Kuasa"))}
    req = services.file_request(data, files)
    forwarded(people, req, units["b"])
    client = as_user("ppid")
    response = client.get(url("personal_file", req.pk, "proxy_letter"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"
    assert client.get(url("personal_file", req.pk, "identity_file")).status_code == 200
    assert client.get(url("personal_file", req.pk, "name")).status_code == 404
    assert AuditEvent.objects.filter(action=Action.DOWNLOAD,
                                     object_id=str(req.pk)).count() == 2
    # The officer of unit A does not handle it; the head never sees personal data.
    assert as_user("officer").get(url("personal_file", req.pk, "proxy_letter")).status_code == 404
    assert as_user("head").get(url("personal_file", req.pk, "proxy_letter")).status_code == 404


@pytest.mark.skipif(not hasattr(documents, "receipt_pdf"), reason="documents not written yet")
def test_receipt_and_notice_pdfs(as_user, people, fresh):
    client = as_user("ppid")
    receipt = client.get(url("receipt_pdf", fresh.pk))
    assert receipt.status_code == 200 and receipt.content.startswith(b"%PDF")
    assert documents.receipt_filename(fresh) in receipt["Content-Disposition"]
    assert client.get(url("notice_pdf", fresh.pk)).status_code == 404  # not decided yet
    decided(people, fresh)
    notice = client.get(url("notice_pdf", fresh.pk))
    assert notice.status_code == 200 and notice["Content-Type"] == "application/pdf"


# --------------------------------------------------------------------------------------------
# Objections and disputes.
# --------------------------------------------------------------------------------------------


def objection_post(**overrides):
    filed = timezone.localtime(timezone.now() - timedelta(hours=1))
    data = {"channel": "letter", "filed_at": filed.strftime("%Y-%m-%dT%H:%M"),
            "grounds": ["c", "g"], "case_position": "Permohonan tidak ditanggapi sama sekali."}
    data.update(overrides)
    return data


@pytest.fixture
def lapsed(agency):
    """A request whose notice deadline lapsed unanswered a few working days ago."""
    return RequestFactory(received_at=timezone.now() - timedelta(days=21),
                          name="Pemohon Keberatan")


def test_objection_entry_and_answer_by_the_superior(as_user, lapsed):
    client = as_user("ppid")
    detail = page(client.get(url("detail", lapsed.pk)))
    assert url("objection_new", lapsed.pk) in detail
    empty = page(client.post(url("objection_new", lapsed.pk), objection_post(
        grounds=[], case_position="Permohonan tidak ditanggapi.")))
    assert "This field is required." in empty and "Permohonan tidak ditanggapi." in empty
    proxy = page(client.post(url("objection_new", lapsed.pk), objection_post(
        proxy_name="Kuasa Hukum")))
    assert "needs the power of attorney" in proxy
    response = client.post(url("objection_new", lapsed.pk), objection_post())
    obj = Objection.objects.get()
    assert response.status_code == 302 and response["Location"] == url("objection", obj.pk)
    assert obj.grounds == ["c", "g"] and obj.recorded_by.username == "ppid"
    assert obj.number in page(client.get(url("objections")))

    ppid_view = page(client.get(url("objection", obj.pk)))
    assert "Record the answer" not in ppid_view  # the superior answers
    assert client.post(url("objection_answer", obj.pk), {
        "outcome": "upheld", "reasons": REASON}).status_code == 403

    superior = as_user("superior")
    content = page(superior.get(url("objection", obj.pk)))
    assert "Record the answer" in content and "working days left to answer" in content
    refused = page(superior.post(url("objection_answer", obj.pk), {
        "outcome": ObjectionOutcome.UPHELD, "reasons": "", "letter_number": "12/ATS/2026"}))
    assert "Upholding the PPID" in refused and "needs written reasons" in refused
    assert 'value="12/ATS/2026"' in refused
    obj.refresh_from_db()
    assert obj.status == ObjectionStatus.RECEIVED
    no_order = page(superior.post(url("objection_answer", obj.pk), {
        "outcome": ObjectionOutcome.ACCEPTED, "reasons": REASON}))
    assert "Say what the PPID must now provide" in no_order
    done = superior.post(url("objection_answer", obj.pk), {
        "outcome": ObjectionOutcome.UPHELD, "reasons": REASON, "letter_number": ""})
    assert done.status_code == 302
    obj.refresh_from_db()
    assert obj.status == ObjectionStatus.ANSWERED and obj.letter_number == obj.number
    answered = page(superior.get(url("objection", obj.pk)))
    assert url("answer_pdf", obj.pk) in answered and "Record the answer" not in answered


def test_objection_refused_while_the_request_is_in_time(as_user, fresh):
    content = page(as_user("ppid").post(url("objection_new", fresh.pk), objection_post()))
    assert "once the request has been answered" in content
    assert not Objection.objects.exists()


@pytest.fixture
def answered(people, lapsed):
    obj = objections.record_objection(people["ppid"], lapsed, {
        "grounds": ["c"], "case_position": "Permohonan tidak ditanggapi sama sekali.",
        "filed_at": timezone.now() - timedelta(hours=2)})
    return objections.answer(people["superior"], obj, outcome=ObjectionOutcome.UPHELD,
                             reasons=REASON)


def test_dispute_record_update_and_documents(as_user, answered, people):
    client = as_user("ppid")
    content = page(client.get(url("objection", answered.pk)))
    deadline = objections.dispute_deadline(answered)
    assert "Record a dispute" in content and deadline.strftime("%Y") in content
    today = timezone.localdate()
    future = page(client.post(url("dispute", answered.pk), {
        "stage": "filed", "filed_on": (today + timedelta(days=3)).isoformat(),
        "commission": "Komisi Informasi Provinsi"}))
    assert "This is in the future." in future and "Komisi Informasi Provinsi" in future
    response = client.post(url("dispute", answered.pk), {
        "stage": "filed", "filed_on": today.isoformat(),
        "commission": "Komisi Informasi Provinsi", "register_number": "001/REG-PSI/2026"})
    assert response.status_code == 302
    dispute = Dispute.objects.get()
    assert dispute.register_number == "001/REG-PSI/2026"
    shown = page(client.get(url("objection", answered.pk)))
    assert "in time" in shown and "Update the dispute record" in shown

    base = {"filed_on": today.isoformat(), "commission": "Komisi Informasi Provinsi",
            "register_number": "001/REG-PSI/2026"}
    bad_dates = page(client.post(url("dispute", answered.pk), {
        **base, "stage": "mediation", "mediation_dates": "besok"}))
    assert "Not a date: besok" in bad_dates
    undecided = page(client.post(url("dispute", answered.pk), {**base, "stage": "decided"}))
    assert "Record the Commission" in undecided
    ok = client.post(url("dispute", answered.pk), {
        **base, "stage": "mediation",
        "mediation_dates": f"{today.isoformat()}, {today.strftime('%d-%m-%Y')}\n"})
    assert ok.status_code == 302
    dispute.refresh_from_db()
    assert dispute.stage == DisputeStage.MEDIATION
    assert dispute.mediation_dates == [today.isoformat()]

    no_file = page(client.post(url("dispute", answered.pk), {
        "action": "document", "stage": "mediation", "title": "Berita acara mediasi"}))
    assert "This field is required." in no_file and "Berita acara mediasi" in no_file
    upload = SimpleUploadedFile("ba.pdf", pdf_bytes("Mediasi"), content_type="application/pdf")
    assert client.post(url("dispute", answered.pk), {
        "action": "document", "stage": "mediation", "title": "Berita acara mediasi",
        "file": upload}).status_code == 302
    document = DisputeDocument.objects.get()
    download = client.get(url("dispute_document", document.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert as_user("head").get(url("dispute_document", document.pk)).status_code == 404
    assert as_user("superior").get(url("dispute_document", document.pk)).status_code == 200
    # The superior sees the dispute but does not record it.
    assert as_user("superior").post(url("dispute", answered.pk), {
        **base, "stage": "filed"}).status_code == 403


def test_power_of_attorney_download(as_user, people, lapsed):
    obj = objections.record_objection(people["ppid"], lapsed, {
        "grounds": ["e"], "case_position": "Informasi tidak dipenuhi seluruhnya.",
        "proxy_name": "Advokat Kuasa", "filed_at": timezone.now() - timedelta(hours=1)},
        {"power_of_attorney": SimpleUploadedFile("kuasa.pdf", pdf_bytes("Kuasa"))})
    client = as_user("ppid")
    assert "Advokat Kuasa" in page(client.get(url("objection", obj.pk)))
    assert client.get(url("power_of_attorney", obj.pk)).status_code == 200
    assert as_user("head").get(url("power_of_attorney", obj.pk)).status_code == 404
    assert as_user("head").get(url("objection", obj.pk)).status_code == 404


# --------------------------------------------------------------------------------------------
# Registers and the report.
# --------------------------------------------------------------------------------------------


def test_registers_only_for_those_who_see_every_request(as_user, req):
    for role in ("officer", "unit_ppid", "head", "web", "admin"):
        client = as_user(role)
        assert client.get(url("register")).status_code == 403
        assert client.get(url("objection_register")).status_code == 403


def test_register_pages(as_user, req, answered):
    client = as_user("ppid")
    response = client.get(url("register"), {"year": req.number_year})
    assert response.status_code == 200
    assert req.number in page(response)
    objections_page = as_user("superior").get(url("objection_register"),
                                              {"year": answered.number_year})
    assert objections_page.status_code == 200 and answered.number in page(objections_page)
    month = page(client.get(url("register"), {"year": req.number_year, "month": 1}))
    assert req.number not in month  # received in March
    bad = page(client.get(url("register"), {"start": "2026-05-01", "end": "2026-04-01"}))
    assert "The period ends before it starts." in bad


@pytest.mark.skipif(exports is None or not hasattr(exports, "register_xlsx"),
                    reason="exports not written yet")
def test_register_xlsx_download(as_user, req):
    response = as_user("ppid").get(url("register"), {"year": req.number_year,
                                                     "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"
    assert "attachment" in response["Content-Disposition"]


def test_report_page_and_sections(as_user, people, fresh):
    decided(people, fresh)
    year = fresh.number_year
    head = as_user("head")
    content = page(head.get(url("report"), {"year": year, "period": "year"}))
    assert "31 March" in content and "Granted in full" in content
    assert "Save the sections" not in content
    assert fresh.number not in content and "Budi Santoso" not in content
    assert head.post(url("report") + f"?year={year}&period=year",
                     {"policy": "x"}).status_code == 403

    client = as_user("ppid")
    response = client.post(url("report") + f"?year={year}&period=q4", {
        "policy": "SK PPID 2026 diperbarui.", "resources": "Dua petugas meja layanan.",
        "obstacles": "", "follow_up": "Pelatihan uji konsekuensi."})
    assert response.status_code == 302
    from ppid.requests.models import ServiceReport

    saved = ServiceReport.objects.get(year=year, period="q4")
    assert saved.policy == "SK PPID 2026 diperbarui." and saved.updated_by == people["ppid"]
    shown = page(head.get(url("report"), {"year": year, "period": "q4"}))
    assert "Pelatihan uji konsekuensi." in shown
    assert as_user("officer").get(url("report")).status_code == 403


def test_admin_lists_requests_without_personal_data(client, req):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    response = client.get(reverse("admin:requests_request_changelist"))
    assert response.status_code == 200
    content = page(response)
    assert req.number in content and NAME not in content
    change = page(client.get(reverse("admin:requests_request_change", args=[req.pk])))
    for secret in (NAME, "6371014101900002", "siti@example.org", "081234567890"):
        assert secret not in change


@pytest.mark.skipif(exports is None or not hasattr(exports, "report_xlsx"),
                    reason="exports not written yet")
def test_report_xlsx_download(as_user, req):
    response = as_user("head").get(url("report"), {"year": req.number_year, "period": "year",
                                                   "format": "xlsx"})
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert f"laporan-layanan-informasi-{req.number_year}.xlsx" in (
        response["Content-Disposition"])
