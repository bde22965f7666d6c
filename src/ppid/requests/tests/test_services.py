"""Requests through the services: numbers, tracking, filing, who sees what, processing rules,
decisions and their exemption rules, events, audit, e-mail and personal-data erasure.

The agency is in WITA with the default hours (Monday–Friday 08:00–16:00). Request received
Monday 2 March 2026 10:00 WITA: counted from 2 March, notice due Monday 16 March 16:00 WITA.
"""

from __future__ import annotations

import importlib.util
import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone

from ppid.audit.constants import Action
from ppid.audit.models import AuditEvent
from ppid.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from ppid.core.models import Notification
from ppid.core.tests.factories import UnitFactory
from ppid.exemptions.constants import DecisionKind
from ppid.exemptions.tests.factories import DecisionFactory
from ppid.register.constants import Category, ExemptionGround, Status
from ppid.requests import objections, personal_data, services
from ppid.requests.constants import (
    PERSONAL_FIELDS,
    Channel,
    DeliveryMethod,
    DisputeStage,
    EventKind,
    Holding,
    ObjectionOutcome,
    ObtainMethod,
    Outcome,
    RequestStatus,
)
from ppid.requests.models import Objection, Request
from ppid.requests.tests.factories import RequestFactory, requester_data
from ppid.requests.tests.scenarios import (
    at,
    decision,
    exempt_item,
    grant,
    redacted_pair,
    version_of,
)

pytestmark = pytest.mark.django_db

MARCH_2 = at(2026, 3, 2, 10)
DUE = at(2026, 3, 16, 16)
REASON = "Dokumen tersebar di tiga bidang dan perlu dihimpun."


def _fields(exc) -> set[str]:
    return set(exc.value.field_errors)


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------


def test_numbers_follow_the_default_format_and_count_up(agency):
    first = RequestFactory(received_at=MARCH_2)
    second = RequestFactory(received_at=at(2026, 4, 6))
    assert first.number == "001/PPID/III/2026"
    assert second.number == "002/PPID/IV/2026"
    assert (second.number_year, second.number_sequence) == (2026, 2)
    assert str(first) == first.number


def test_agency_format_with_agency_short_name(agency):
    agency.short_name = "DISKOMINFO"
    agency.request_number_format = "PPID-{agency}/{seq:04d}/{month}.{roman_month}/{year}"
    agency.save()
    req = RequestFactory(received_at=at(2026, 11, 3))
    assert req.number == "PPID-DISKOMINFO/0001/11.XI/2026"


def test_sequence_restarts_each_year(agency):
    last_of_2025 = RequestFactory(received_at=at(2025, 12, 31, 10))
    first_of_2026 = RequestFactory(received_at=at(2026, 1, 2, 10))
    assert last_of_2025.number == "001/PPID/XII/2025"
    assert first_of_2026.number == "001/PPID/I/2026"
    assert (first_of_2026.number_year, first_of_2026.number_sequence) == (2026, 1)
    assert RequestFactory(received_at=at(2026, 1, 5)).number == "002/PPID/I/2026"
    assert RequestFactory(received_at=at(2025, 12, 31, 11)).number == "002/PPID/XII/2025"


def test_sequence_follows_the_agency_zone_not_utc(agency):
    req = RequestFactory(received_at=at(2025, 12, 31, 23, 30, tz=ZoneInfo("Asia/Jakarta")))
    # 23:30 WIB = 00:30 WITA on 1 January 2026.
    assert req.number == "001/PPID/I/2026" and req.number_year == 2026


@pytest.mark.parametrize("template", [
    pytest.param("{seq:03d}/PPID/{roman_month}/{year}", id="default"),
    pytest.param("{seq}/{agency}/{month}/{year}", id="plain-seq-agency-month"),
])
def test_working_number_formats_pass(template):
    services.check_number_format(template)


@pytest.mark.parametrize("template", [
    pytest.param("PPID/{roman_month}/{year}", id="no-seq"),
    pytest.param("{seq:03d}/{unit}/{year}", id="unknown-field"),
    pytest.param("{seq:03d}/{year", id="unbalanced-brace"),
    pytest.param("{seq:xx}/{year}", id="bad-format-spec"),
    pytest.param("{0}/{seq}", id="positional-field"),
])
def test_broken_number_formats_are_rejected(template):
    with pytest.raises(ValidationError) as exc:
        services.check_number_format(template)
    assert "{seq}" in " ".join(exc.value.messages)


def test_a_format_without_the_year_is_rejected_or_still_numbers_next_year(agency):
    try:
        services.check_number_format("PPID-{seq:04d}")
    except ValidationError:
        return  # rejected up front: fine
    agency.request_number_format = "PPID-{seq:04d}"
    agency.save()
    RequestFactory(received_at=at(2025, 12, 30))
    assert RequestFactory(received_at=at(2026, 1, 5)).number != "PPID-0001"


def test_a_broken_stored_format_falls_back_to_the_default(agency):
    agency.request_number_format = "{seq:03d}/{nope}/{year}"
    agency.save()
    assert RequestFactory(received_at=MARCH_2).number == "001/PPID/III/2026"


# --------------------------------------------------------------------------------------------
# Tracking
# --------------------------------------------------------------------------------------------


def test_tracking_code_lookup(agency):
    req = RequestFactory(received_at=MARCH_2)
    other = RequestFactory(received_at=MARCH_2)
    code = req.tracking_code
    assert len(code) == services.CODE_LENGTH and set(code) <= set(services.CODE_ALPHABET)
    shown = services.format_code(code)
    assert shown == f"{code[:5]}-{code[5:]}"
    assert services.find_for_tracking(req.number, code) == req
    assert services.find_for_tracking(f"  {req.number} ", shown.lower()) == req
    assert services.find_for_tracking(req.number, f" {code[:3]} {code[3:]} ".lower()) == req
    assert services.find_for_tracking(req.number, other.tracking_code) is None
    assert services.find_for_tracking(other.number, code) is None
    assert services.find_for_tracking(req.number, "") is None
    assert services.find_for_tracking("999/PPID/III/2026", code) is None
    assert services.find_for_tracking("", "") is None


# --------------------------------------------------------------------------------------------
# Filing on the portal
# --------------------------------------------------------------------------------------------


def test_filing_registers_with_clock_event_audit_and_ppid_notice(agency, people):
    req = services.file_request(requester_data(), now=MARCH_2, language="en")
    assert req.channel == Channel.PORTAL and req.written and req.language == "en"
    assert req.counted_from == date(2026, 3, 2) and req.due_at == DUE
    assert req.status == RequestStatus.RECEIVED and req.is_open and not req.is_extended
    assert [(e.kind, e.public) for e in req.events.all()] == [(EventKind.RECEIVED, True)]
    event = AuditEvent.objects.get(action=Action.REQUEST_RECEIVE)
    assert event.actor is None and event.object_id == str(req.pk)
    assert event.after["number"] == req.number and event.after["channel"] == "portal"
    assert Notification.objects.filter(user=people["ppid"], key=f"request-received-{req.pk}")
    assert not Notification.objects.filter(user=people["officer"]).exists()


@pytest.mark.parametrize(("overrides", "fields"), [
    pytest.param({"delivery_method": ""}, {"delivery_method"}, id="copy-needs-delivery"),
    pytest.param({"email": ""}, {"email"}, id="email-delivery-needs-address"),
    pytest.param({"email": "bukan-alamat"}, {"email"}, id="invalid-email"),
    pytest.param({"on_behalf_of": "Yayasan Pena"}, {"proxy_letter"}, id="proxy-needs-letter"),
    pytest.param({"name": "  ", "details": ""}, {"name", "details"}, id="required-fields"),
    pytest.param({"obtain_method": "telepati"}, {"obtain_method"}, id="unknown-obtain-method"),
    pytest.param({"delivery_method": "merpati"}, {"delivery_method"}, id="unknown-delivery"),
])
def test_filing_validation_gives_field_errors_and_saves_nothing(agency, overrides, fields):
    audited = AuditEvent.objects.count()
    with pytest.raises(InvalidInput) as exc:
        services.file_request(requester_data(**overrides), now=MARCH_2)
    assert fields <= _fields(exc)
    assert exc.value.status_code == 422
    body = exc.value.as_dict()
    assert set(body["fields"]) == _fields(exc)
    assert all(body["fields"][f]["en"] for f in fields)
    assert not Request.objects.exists() and AuditEvent.objects.count() == audited


def test_viewing_needs_no_delivery_and_drops_one_given(agency):
    req = services.file_request(requester_data(obtain_method=ObtainMethod.VIEW, email="",
                                               delivery_method=DeliveryMethod.EMAIL),
                                now=MARCH_2)
    assert req.delivery_method == "" and req.obtain_method == ObtainMethod.VIEW


def test_proxy_letter_and_identity_go_to_the_secure_store(agency, pdf_upload):
    req = services.file_request(
        requester_data(on_behalf_of="Yayasan Pena Borneo"),
        {"proxy_letter": pdf_upload("kuasa.pdf"), "identity_file": pdf_upload("ktp.pdf")},
        now=MARCH_2)
    assert req.proxy_letter.name.startswith("secure/requests/request/")
    assert req.identity_file.name.startswith("secure/requests/request/")
    assert default_storage.exists(req.proxy_letter.name)


# --------------------------------------------------------------------------------------------
# Staff entry
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["officer", "unit_ppid", "superior", "web", "head", "admin",
                                  "nobody"])
def test_only_the_ppid_records_requests(agency, people, role):
    with pytest.raises(NotAllowed):
        services.record_request(people[role], {**requester_data(), "channel": Channel.LETTER,
                                               "received_at": MARCH_2})


def test_unwritten_phone_request_is_recorded(agency, people):
    req = services.record_request(people["ppid"], {
        **requester_data(email="", delivery_method=DeliveryMethod.PICK_UP),
        "channel": Channel.PHONE, "received_at": at(2026, 3, 6, 15, 30)})
    assert req.channel == Channel.PHONE and req.written is False
    assert req.recorded_by == people["ppid"]
    assert req.counted_from == date(2026, 3, 6)
    event = AuditEvent.objects.get(action=Action.REQUEST_RECEIVE)
    assert event.actor == people["ppid"]


@pytest.mark.parametrize(("channel", "written", "expected"), [
    pytest.param(Channel.LETTER, None, True, id="letter-is-written"),
    pytest.param(Channel.EMAIL, None, True, id="email-is-written"),
    pytest.param(Channel.IN_PERSON, None, False, id="in-person-unwritten-by-default"),
    pytest.param(Channel.IN_PERSON, True, True, id="in-person-with-form"),
])
def test_written_follows_the_channel(agency, people, channel, written, expected):
    data = {**requester_data(), "channel": channel, "received_at": MARCH_2}
    if written is not None:
        data["written"] = written
    assert services.record_request(people["ppid"], data).written is expected


@pytest.mark.parametrize(("data", "field"), [
    pytest.param({"channel": Channel.PORTAL}, "channel", id="portal-is-not-staff-entry"),
    pytest.param({"channel": "pigeon"}, "channel", id="unknown-channel"),
    pytest.param({"received_at": timezone.now() + timedelta(hours=2)}, "received_at",
                 id="future-time"),
])
def test_staff_entry_refuses(agency, people, data, field):
    with pytest.raises(InvalidInput) as exc:
        services.record_request(people["ppid"], {**requester_data(), "received_at": MARCH_2,
                                                 **data})
    assert field in _fields(exc)
    assert not Request.objects.exists()


# --------------------------------------------------------------------------------------------
# Who sees which request
# --------------------------------------------------------------------------------------------


@pytest.fixture
def spread(agency, units, people):
    """Requests nowhere yet, in unit A, in a section under A, and in unit B."""
    section = UnitFactory(agency=agency, name="Seksi A1", parent=units["a"])
    ppid = people["ppid"]
    new, in_a, in_section, in_b = (RequestFactory(received_at=MARCH_2) for _ in range(4))
    services.forward(ppid, in_a, units["a"], "Mohon disiapkan.")
    services.forward(ppid, in_section, section)
    services.forward(ppid, in_b, units["b"])
    return {"new": new, "a": in_a, "section": in_section, "b": in_b}


@pytest.mark.parametrize(("role", "sees"), [
    pytest.param("ppid", {"new", "a", "section", "b"}, id="ppid-all"),
    pytest.param("superior", {"new", "a", "section", "b"}, id="superior-all"),
    pytest.param("officer", {"a", "section"}, id="unit-officer-own-unit-and-below"),
    pytest.param("unit_ppid", {"a", "section"}, id="unit-ppid-own-unit-and-below"),
    pytest.param("head", set(), id="head-none"),
    pytest.param("admin", set(), id="admin-none"),
    pytest.param("web", set(), id="web-manager-none"),
    pytest.param("nobody", set(), id="no-position-none"),
])
def test_visible_requests(spread, people, role, sees):
    user = people[role]
    assert set(services.visible_requests(user)) == {spread[k] for k in sees}
    for key, req in spread.items():
        if key in sees:
            assert services.get_request(user, req.pk) == req
        else:
            with pytest.raises(NotFound):
                services.get_request(user, req.pk)
    assert services.may_handle_all(user) == (role in ("ppid", "superior"))


def test_anonymous_sees_nothing(spread):
    assert not services.visible_requests(AnonymousUser()).exists()
    assert not services.visible_requests(None).exists()


# --------------------------------------------------------------------------------------------
# Forward and extend
# --------------------------------------------------------------------------------------------


def test_forward_notifies_the_unit_and_keeps_the_note_for_staff(agency, units, people):
    req = RequestFactory(received_at=MARCH_2)
    services.forward(people["ppid"], req, units["a"], "  Catatan internal: cek arsip 2024.  ")
    req.refresh_from_db()
    assert req.status == RequestStatus.FORWARDED and req.assigned_unit == units["a"]
    assert req.forward_note == "Catatan internal: cek arsip 2024."
    for role in ("officer", "unit_ppid"):
        assert Notification.objects.filter(user=people[role],
                                           key=f"request-forwarded-{req.pk}-{units['a'].pk}")
    assert not Notification.objects.filter(user=people["head"]).exists()
    public = list(services.public_events(req))
    assert [e.kind for e in public] == [EventKind.RECEIVED, EventKind.FORWARDED]
    assert all("internal" not in e.message for e in public)
    # Forwarded again to another unit (the first could not help).
    services.forward(people["ppid"], req, units["b"])
    req.refresh_from_db()
    assert req.assigned_unit == units["b"]


def test_only_the_ppid_forwards_and_only_while_open(agency, units, people):
    req = RequestFactory(received_at=MARCH_2)
    services.forward(people["ppid"], req, units["a"])
    with pytest.raises(NotAllowed):
        services.forward(people["unit_ppid"], req, units["b"])
    with pytest.raises(NotFound):  # cannot even see it
        services.forward(people["admin"], req, units["b"])
    req = grant(people["ppid"], req)
    with pytest.raises(Conflict):
        services.forward(people["ppid"], req, units["b"])


def test_extension_moves_the_deadline_once(agency, people):
    req = RequestFactory(received_at=MARCH_2)
    services.extend(people["ppid"], req, 7, REASON, now=at(2026, 3, 13))
    req.refresh_from_db()
    # 16 March + 7 working days: 17 March, then Nyepi and Idulfitri close 18–24 March.
    assert req.due_at == at(2026, 4, 1, 16)
    assert req.extension_days == 7 and req.extension_reason == REASON and req.is_extended
    event = AuditEvent.objects.get(action=Action.REQUEST_EXTEND)
    assert datetime.fromisoformat(event.before["due_at"]) == DUE
    assert datetime.fromisoformat(event.after["due_at"]) == req.due_at
    assert event.after["days"] == 7
    assert services.public_events(req).filter(kind=EventKind.EXTENDED).exists()
    with pytest.raises(Conflict, match="only once"):
        services.extend(people["ppid"], req, 1, REASON, now=at(2026, 3, 20))


@pytest.mark.parametrize(("days", "reason", "fields"), [
    pytest.param(0, REASON, {"days"}, id="zero-days"),
    pytest.param(8, REASON, {"days"}, id="more-than-seven"),
    pytest.param("3", REASON, {"days"}, id="not-a-number"),
    pytest.param(3, "  sibuk  ", {"reason"}, id="reason-too-short"),
    pytest.param(9, "", {"days", "reason"}, id="both"),
])
def test_extension_needs_1_to_7_days_and_a_reason(agency, people, days, reason, fields):
    req = RequestFactory(received_at=MARCH_2)
    with pytest.raises(InvalidInput) as exc:
        services.extend(people["ppid"], req, days, reason, now=at(2026, 3, 13))
    assert _fields(exc) == fields
    req.refresh_from_db()
    assert req.due_at == DUE and not req.is_extended


def test_extension_only_before_the_deadline_and_while_open(agency, people):
    late = RequestFactory(received_at=MARCH_2)
    with pytest.raises(Conflict, match="passed"):
        services.extend(people["ppid"], late, 3, REASON, now=at(2026, 3, 16, 16, 1))
    services.extend(people["ppid"], late, 3, REASON, now=at(2026, 3, 16, 16, 0))  # on the dot
    decided = RequestFactory(received_at=MARCH_2)
    grant(people["ppid"], decided, now=at(2026, 3, 5))
    with pytest.raises(Conflict):
        services.extend(people["ppid"], decided, 3, REASON, now=at(2026, 3, 6))
    with pytest.raises(NotAllowed):
        services.extend(people["superior"], RequestFactory(received_at=MARCH_2), 3, REASON,
                        now=at(2026, 3, 6))


# --------------------------------------------------------------------------------------------
# Decisions
# --------------------------------------------------------------------------------------------


@pytest.fixture
def req(agency):
    return RequestFactory(received_at=MARCH_2)


@pytest.fixture
def public_item(make_item):
    return make_item(title="Laporan Realisasi Anggaran 2025", status=Status.PUBLISHED,
                     category=Category.PERIODIC)


def test_grant_in_full_with_public_documents(req, people, public_item, pdf_upload):
    version = version_of(people["ppid"], public_item, pdf_upload("lra.pdf"))
    decided = grant(people["ppid"], req, now=at(2026, 3, 10), items=[public_item],
                    versions=[version], fee=0)
    assert decided.status == RequestStatus.DECIDED and decided.outcome == Outcome.GRANTED
    assert decided.holding == Holding.HELD and decided.grounds == []
    assert list(decided.given_versions.all()) == [version]
    assert list(decided.items.all()) == [public_item]
    assert decided.decided_by == people["ppid"] and decided.decided_at == at(2026, 3, 10)
    assert decided.notice_delivered_by == DeliveryMethod.EMAIL  # the requester's choice
    assert services.given_version(decided, version.public_id) == version
    event = AuditEvent.objects.get(action=Action.REQUEST_DECIDE)
    assert event.after == {"outcome": "granted", "grounds": [], "late": False}
    assert services.public_events(decided).filter(kind=EventKind.DECIDED).exists()
    clock = services.clock(decided, now=at(2026, 3, 20))
    assert clock.stopped and not clock.overdue and clock.days_left == 5


def test_late_decision_is_flagged_in_the_audit(req, people):
    grant(people["ppid"], req, now=at(2026, 3, 17, 9))
    assert AuditEvent.objects.get(action=Action.REQUEST_DECIDE).after["late"] is True
    req.refresh_from_db()
    assert services.clock(req).overdue and services.clock(req).days_left == -1


@pytest.mark.parametrize(("kwargs", "fields"), [
    pytest.param({"holding": "maybe"}, {"holding"}, id="unknown-holding"),
    pytest.param({"outcome": ""}, {"outcome"}, id="held-needs-outcome"),
    pytest.param({"information_form": ""}, {"information_form"}, id="granted-needs-form"),
    pytest.param({"fee": 15000}, {"payment_method"}, id="fee-needs-payment-method"),
    pytest.param({"fee": -1, "payment_method": "Tunai"}, {"fee"}, id="negative-fee"),
    pytest.param({"explanation": ""}, {"versions"}, id="grant-of-nothing"),
    pytest.param({"holding": Holding.OTHER_BODY}, {"other_body"}, id="other-body-needs-name"),
])
def test_incomplete_decisions(req, people, kwargs, fields):
    with pytest.raises(InvalidInput) as exc:
        services.decide(people["ppid"], req, decision(**kwargs))
    assert _fields(exc) == fields
    req.refresh_from_db()
    assert req.status == RequestStatus.RECEIVED and not AuditEvent.objects.filter(
        action=Action.REQUEST_DECIDE).exists()


def test_fee_with_payment_method(req, people):
    decided = grant(people["ppid"], req, fee=25000,
                    payment_method="Transfer ke rekening Bank Kalsel 001-00-12345-6",
                    information_form=ObtainMethod.HARD_COPY, available_on=date(2026, 3, 12))
    assert decided.fee == 25000 and decided.payment_method.startswith("Transfer")
    assert decided.available_on == date(2026, 3, 12)


def test_held_by_another_body(req, people):
    decided = services.decide(people["ppid"], req, services.Decision(
        holding=Holding.OTHER_BODY, other_body="  Badan Pertanahan Nasional  ", fee=5000,
        outcome=Outcome.GRANTED, information_form=ObtainMethod.SOFT_COPY))
    assert decided.outcome == Outcome.NOT_HELD
    assert decided.other_body == "Badan Pertanahan Nasional"
    assert decided.fee == 0 and decided.information_form == "" and decided.payment_method == ""


def test_not_documented_is_not_held(req, people):
    decided = services.decide(people["ppid"], req, services.Decision(
        holding=Holding.NOT_DOCUMENTED, other_body="ignored",
        explanation="Belum didokumentasikan."))
    assert decided.outcome == Outcome.NOT_HELD and decided.other_body == ""


def test_rejection_rests_on_a_signed_exemption_decision(req, people, make_item):
    item = exempt_item(make_item, ground=ExemptionGround.C)
    decided = services.decide(people["ppid"], req, decision(
        outcome=Outcome.REJECTED, items=[item], information_form=""))
    assert decided.outcome == Outcome.REJECTED and decided.grounds == ["17c"]
    assert list(decided.exemption_decisions.all()) == list(item.decisions.all())
    assert decided.fee == 0 and not decided.given_versions.exists()


@pytest.mark.parametrize("case", ["no-items", "undecided-exempt", "one-open-item",
                                  "with-documents", "opening-decision"])
def test_rejection_refused(req, people, make_item, public_item, pdf_upload, case):
    exempt = exempt_item(make_item)
    kwargs = {"outcome": Outcome.REJECTED, "items": [exempt]}
    field = "outcome"
    if case == "no-items":
        kwargs["items"], field = [], "items"
    elif case == "undecided-exempt":
        kwargs["items"] = [exempt_item(make_item, decided=False)]
    elif case == "one-open-item":
        kwargs["items"] = [exempt, public_item]
    elif case == "with-documents":
        kwargs["versions"] = [version_of(people["ppid"], public_item, pdf_upload())]
        field = "versions"
    elif case == "opening-decision":
        opening = DecisionFactory(item=public_item, kind=DecisionKind.OPEN, ground="",
                                  exempt_until=None, decided_on=date(2026, 2, 1))
        kwargs["exemption_decisions"] = [opening]
        field = "exemption_decisions"
    with pytest.raises(InvalidInput) as exc:
        services.decide(people["ppid"], req, decision(**kwargs))
    assert field in _fields(exc)


def test_partial_exemption_never_rejects_the_whole(req, people, make_item, pdf_upload):
    item = make_item(title="Surat Pengaduan Warga", status=Status.PUBLISHED)
    original, redacted = redacted_pair(people["ppid"], item, pdf_upload, grounds=("17h", "17c"))
    with pytest.raises(InvalidInput) as exc:
        services.decide(people["ppid"], req, decision(outcome=Outcome.REJECTED, items=[item]))
    assert "outcome" in _fields(exc)
    with pytest.raises(InvalidInput) as exc:
        services.decide(people["ppid"], req, decision(items=[item], versions=[redacted]))
    assert "outcome" in _fields(exc)  # a redacted document is a partial grant
    decided = services.decide(people["ppid"], req, decision(
        outcome=Outcome.PARTLY_GRANTED, items=[item], versions=[redacted]))
    assert decided.outcome == Outcome.PARTLY_GRANTED
    assert decided.grounds == ["17c", "17h"]  # from the redaction run
    assert list(decided.given_versions.all()) == [redacted]
    assert services.given_version(decided, redacted.public_id) == redacted
    with pytest.raises(NotFound):
        services.given_version(decided, original.public_id)


def test_partial_grant_needs_something_withheld(req, people, public_item, pdf_upload):
    version = version_of(people["ppid"], public_item, pdf_upload())
    with pytest.raises(InvalidInput) as exc:
        services.decide(people["ppid"], req, decision(
            outcome=Outcome.PARTLY_GRANTED, items=[public_item], versions=[version]))
    assert "outcome" in _fields(exc)


def test_partial_grant_of_an_exempt_item_among_others(req, people, make_item, public_item,
                                                      pdf_upload):
    exempt = exempt_item(make_item, ground=ExemptionGround.I)
    version = version_of(people["ppid"], public_item, pdf_upload())
    decided = services.decide(people["ppid"], req, decision(
        outcome=Outcome.PARTLY_GRANTED, items=[public_item, exempt], versions=[version]))
    assert decided.grounds == ["17i"]
    assert list(decided.exemption_decisions.all()) == list(exempt.decisions.all())


def test_grant_in_full_refused_for_an_exempt_item(req, people, make_item):
    exempt = exempt_item(make_item)
    with pytest.raises(InvalidInput) as exc:
        services.decide(people["ppid"], req, decision(items=[exempt]))
    assert "outcome" in _fields(exc)


@pytest.mark.parametrize("what", ["withheld-original", "exempt-item-file", "disposed-item"])
def test_restricted_versions_are_never_given(req, people, make_item, pdf_upload, what):
    if what == "withheld-original":
        item = make_item(status=Status.PUBLISHED)
        version, _redacted = redacted_pair(people["ppid"], item, pdf_upload)
    elif what == "exempt-item-file":
        item = exempt_item(make_item)
        version = version_of(people["ppid"], item, pdf_upload())
    else:
        item = make_item(status=Status.PUBLISHED)
        version = version_of(people["ppid"], item, pdf_upload())
        type(item).objects.filter(pk=item.pk).update(status=Status.DISPOSED)
        version = type(version).objects.get(pk=version.pk)
    for outcome in (Outcome.GRANTED, Outcome.PARTLY_GRANTED):
        with pytest.raises(InvalidInput) as exc:
            services.decide(people["ppid"], req, decision(outcome=outcome, items=[item],
                                                          versions=[version]))
        assert "versions" in _fields(exc)
    assert not req.given_versions.exists()


def test_a_given_document_that_became_exempt_is_no_longer_handed_out(req, people, make_item,
                                                                     pdf_upload):
    item = make_item(status=Status.PUBLISHED)
    version = version_of(people["ppid"], item, pdf_upload())
    decided = grant(people["ppid"], req, items=[item], versions=[version])
    type(item).objects.filter(pk=item.pk).update(category=Category.EXEMPT,
                                                 exemption_ground=ExemptionGround.H,
                                                 status=Status.DOCUMENTED)
    with pytest.raises(NotFound):
        services.given_version(decided, version.public_id)


def test_only_the_ppid_decides_and_only_once(req, people, units):
    services.forward(people["ppid"], req, units["a"])
    for role in ("unit_ppid", "superior"):
        with pytest.raises(NotAllowed):
            services.decide(people[role], req, decision())
    with pytest.raises(NotFound):
        services.decide(people["head"], req, decision())
    grant(people["ppid"], req)
    with pytest.raises(Conflict):
        grant(people["ppid"], req)


# --------------------------------------------------------------------------------------------
# Status changes and events
# --------------------------------------------------------------------------------------------


def test_complete_only_after_the_decision(req, people):
    with pytest.raises(Conflict):
        services.complete(people["ppid"], req)
    grant(people["ppid"], req)
    done = services.complete(people["ppid"], req, "Salinan diterima pemohon.")
    assert done.status == RequestStatus.COMPLETED and done.completed_at and done.closed_at
    assert services.public_events(done).last().message == "Salinan diterima pemohon."
    with pytest.raises(Conflict):
        services.complete(people["ppid"], req)
    with pytest.raises(NotAllowed):
        services.complete(people["superior"], RequestFactory(received_at=MARCH_2))


def test_withdraw_only_while_open(req, people):
    with pytest.raises(InvalidInput) as exc:
        services.withdraw(people["ppid"], req, "batal")
    assert _fields(exc) == {"reason"}
    gone = services.withdraw(people["ppid"], req, "Pemohon mencabut melalui surat tanggal 5 Maret.")
    assert gone.status == RequestStatus.WITHDRAWN and gone.closed_at and not gone.is_open
    for action in (lambda: grant(people["ppid"], req),
                   lambda: services.withdraw(people["ppid"], req, REASON),
                   lambda: services.complete(people["ppid"], req)):
        with pytest.raises(Conflict):
            action()
    decided = RequestFactory(received_at=MARCH_2)
    grant(people["ppid"], decided)
    with pytest.raises(Conflict):
        services.withdraw(people["ppid"], decided, REASON)
    assert AuditEvent.objects.filter(action=Action.REQUEST_WITHDRAW).count() == 1


def test_public_and_staff_only_messages(req, people, units):
    services.forward(people["ppid"], req, units["a"])
    services.post_message(people["officer"], req, "Dokumen sedang kami cari di arsip.")
    services.post_message(people["ppid"], req, "zqINTERNALzq hanya untuk staf", public=False)
    with pytest.raises(InvalidInput):
        services.post_message(people["ppid"], req, "   ")
    with pytest.raises(NotFound):
        services.post_message(people["head"], req, "Halo")
    public = [e.message for e in services.public_events(req)]
    assert "Dokumen sedang kami cari di arsip." in public
    assert not any("zqINTERNALzq" in m for m in public)
    assert req.events.filter(public=False, message__contains="zqINTERNALzq").exists()


def test_search_filters(agency, people, units):
    a = RequestFactory(received_at=MARCH_2, name="Budi Santoso")
    b = RequestFactory(received_at=at(2025, 6, 2))
    services.forward(people["ppid"], b, units["a"])
    everyone = services.visible_requests(people["ppid"])
    assert list(services.search(everyone, q="budi")) == [a]
    assert list(services.search(everyone, year=2025)) == [b]
    assert list(services.search(everyone, status=RequestStatus.FORWARDED)) == [b]
    assert list(services.search(everyone, unit=units["a"].pk)) == [b]
    assert set(services.search(everyone, overdue=True, now=at(2026, 3, 17))) == {a, b}
    assert list(services.search(everyone, overdue=True, now=at(2026, 3, 2))) == [b]


# --------------------------------------------------------------------------------------------
# Audit events and notifications carry no personal data
# --------------------------------------------------------------------------------------------

MARKERS = {"name": "Zq Personname Qz", "id_number": "6371999988887777",
           "address": "Jl. Zqmarker No. 9", "phone": "0899-1234-5678",
           "email": "zq.marker@example.org", "occupation": "Zqoccupation",
           "on_behalf_of": "Zqbehalf Foundation"}


def test_audit_and_notifications_carry_no_personal_data(agency, people, units, pdf_upload,
                                                        make_item):
    req = services.file_request(requester_data(**MARKERS),
                                {"proxy_letter": pdf_upload("zqproxyfile.pdf")}, now=MARCH_2)
    services.forward(people["ppid"], req, units["a"])
    services.extend(people["ppid"], req, 2, REASON, now=at(2026, 3, 3))
    services.decide(people["ppid"], req, decision(outcome=Outcome.REJECTED,
                                                  items=[exempt_item(make_item)]),
                    now=at(2026, 3, 10))
    objection = objections.file_objection(req, {
        "grounds": ["a"], "case_position": "Penolakan tidak beralasan menurut kami.",
        "proxy_name": "Zq Proxyname", "proxy_phone": "0811-000-999"},
        {"power_of_attorney": pdf_upload("zqpoafile.pdf")}, now=at(2026, 3, 20))
    objections.answer(people["superior"], objection, outcome=ObjectionOutcome.UPHELD,
                      reasons="Informasi dikecualikan berdasarkan uji konsekuensi.",
                      now=at(2026, 4, 1))
    other = services.record_request(people["ppid"], {**requester_data(**MARKERS),
                                                     "on_behalf_of": "", "channel": "letter",
                                                     "received_at": MARCH_2})
    other = services.withdraw(people["ppid"], other, "Dicabut oleh pemohon melalui telepon.")
    personal_data.erase(other, actor=people["ppid"], force=True)
    events = list(AuditEvent.objects.all())
    assert {e.action for e in events} >= {
        Action.REQUEST_RECEIVE, Action.REQUEST_FORWARD, Action.REQUEST_EXTEND,
        Action.REQUEST_DECIDE, Action.OBJECTION_RECEIVE, Action.OBJECTION_ANSWER,
        Action.REQUEST_WITHDRAW, Action.PERSONAL_DATA_ERASE}
    notes = list(Notification.objects.all())
    assert notes
    texts = [json.dumps([e.object_repr, e.actor_repr, e.before, e.after], default=str)
             for e in events] + [f"{n.subject} {n.body} {n.link}" for n in notes]
    markers = [*MARKERS.values(), "Zq Proxyname", "0811-000-999", "zqproxyfile", "zqpoafile"]
    for text in texts:
        for marker in markers:
            assert marker.lower() not in text.lower(), (marker, text)


# --------------------------------------------------------------------------------------------
# E-mail to the requester (the PDFs come from ppid.requests.documents)
# --------------------------------------------------------------------------------------------


def _mail_ready() -> bool:
    if importlib.util.find_spec("ppid.requests.documents") is None:
        return False
    try:
        get_template("requests/email.txt")
    except TemplateDoesNotExist:
        return False
    return True


needs_mail = pytest.mark.skipif(not _mail_ready(),
                                reason="ppid.requests.documents or requests/email.txt missing")


@needs_mail
def test_requester_gets_the_receipt_and_the_notice_by_email(agency, people, mailoutbox,
                                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        req = services.file_request(requester_data(), now=MARCH_2)
    [receipt] = mailoutbox
    assert receipt.to == ["siti@example.org"] and req.number in receipt.subject
    [(name, content, mimetype)] = receipt.attachments
    assert mimetype == "application/pdf" and content[:5] == b"%PDF-"
    assert services.format_code(req.tracking_code) in receipt.body
    with django_capture_on_commit_callbacks(execute=True):
        grant(people["ppid"], req)
    notice = mailoutbox[1]
    assert req.number in notice.subject
    [(name, content, mimetype)] = notice.attachments
    assert mimetype == "application/pdf" and content[:5] == b"%PDF-" and name.endswith(".pdf")


@needs_mail
def test_status_mail_and_no_mail_without_address(agency, people, units, mailoutbox,
                                                 django_capture_on_commit_callbacks):
    req = RequestFactory(received_at=MARCH_2)
    with django_capture_on_commit_callbacks(execute=True):
        services.forward(people["ppid"], req, units["a"], "zqNOTEzq")
    assert len(mailoutbox) == 1 and not mailoutbox[0].attachments
    assert "zqNOTEzq" not in mailoutbox[0].body
    silent = RequestFactory(received_at=MARCH_2, email="", delivery_method="pick_up")
    with django_capture_on_commit_callbacks(execute=True):
        services.forward(people["ppid"], silent, units["a"])
    assert len(mailoutbox) == 1


# --------------------------------------------------------------------------------------------
# Personal data: kept for the agency's period after closing, then erased with a record
# --------------------------------------------------------------------------------------------

OLD = at(2024, 1, 8, 10)  # Monday 8 January 2024
OLD_DECIDED = at(2024, 1, 10, 10)
ERASABLE = OLD_DECIDED + timedelta(days=731)  # 24 months later: 10 January 2026, 10:00


@pytest.fixture
def closed_request(agency, people, pdf_upload):
    req = services.file_request(
        requester_data(on_behalf_of="Yayasan Pena"),
        {"proxy_letter": pdf_upload("kuasa.pdf"), "identity_file": pdf_upload("ktp.pdf")},
        now=OLD)
    return grant(people["ppid"], req, now=OLD_DECIDED)


def test_erasure_waits_for_the_keeping_period(closed_request, secure_root,
                                              django_capture_on_commit_callbacks):
    files = [closed_request.proxy_letter.name, closed_request.identity_file.name]
    assert personal_data.erasable_on(closed_request) == at(2026, 1, 10, 10)
    assert personal_data.erase_due(now=at(2026, 1, 10, 9)).erased == []
    with django_capture_on_commit_callbacks(execute=True):
        result = personal_data.erase_due(now=ERASABLE)
    assert result.erased == [closed_request.number]
    req = Request.objects.get(pk=closed_request.pk)
    assert req.name == personal_data.ERASED
    assert all(getattr(req, f) == "" for f in PERSONAL_FIELDS if f != "name")
    assert not req.proxy_letter and not req.identity_file
    assert req.personal_data_erased_at is not None
    assert not any(default_storage.exists(name) for name in files)
    assert not any((secure_root / name.removeprefix("secure/")).exists() for name in files)
    event = AuditEvent.objects.get(action=Action.PERSONAL_DATA_ERASE)
    assert event.actor is None and event.object_repr == req.number
    assert set(event.after["erased"]) == {"name", "id_number", "address", "occupation",
                                          "phone", "email", "on_behalf_of", "identity_file",
                                          "proxy_letter"}
    assert event.after["months"] == 24 and event.after["forced"] is False
    # The request itself stays for the registers and the report.
    assert req.number and req.details and req.outcome == Outcome.GRANTED
    assert personal_data.erase_due(now=ERASABLE + timedelta(days=1)).erased == []


def test_keeping_period_is_the_agency_setting(closed_request, agency):
    agency.personal_data_months = 6
    agency.save()
    assert personal_data.erase_due(now=at(2024, 7, 11)).erased == [closed_request.number]


def test_open_requests_are_never_erased(agency):
    RequestFactory(received_at=OLD)
    assert personal_data.erase_due(now=ERASABLE).erased == []


def _objection(req, pdf_upload, now):
    return objections.file_objection(req, {
        "grounds": ["e"], "case_position": "Informasi yang diberikan tidak lengkap.",
        "proxy_name": "Andi Kuasa", "proxy_address": "Jl. Kuasa 1", "proxy_phone": "0812"},
        {"power_of_attorney": pdf_upload("kuasa-keberatan.pdf")}, now=now)


def test_pending_objection_or_running_dispute_holds_the_data(closed_request, people, pdf_upload,
                                                             django_capture_on_commit_callbacks):
    objection = _objection(closed_request, pdf_upload, at(2024, 1, 15))
    assert personal_data.erase_due(now=ERASABLE).erased == []
    objections.answer(people["superior"], objection, outcome=ObjectionOutcome.UPHELD,
                      reasons="Jawaban sudah sesuai ketentuan.", now=at(2024, 2, 1))
    dispute = objections.record_dispute(people["ppid"], objection, {
        "filed_on": date(2024, 2, 12), "commission": "Komisi Informasi Provinsi Kalsel"})
    assert personal_data.erase_due(now=ERASABLE + timedelta(days=400)).erased == []
    dispute.stage, dispute.decided_on, dispute.outcome = (DisputeStage.CLOSED, date(2024, 5, 2),
                                                          "rejected")
    dispute.save()
    type(dispute).objects.filter(pk=dispute.pk).update(updated_at=at(2024, 5, 3))
    with django_capture_on_commit_callbacks(execute=True):
        result = personal_data.erase_due(now=at(2026, 5, 4))
    assert result.erased == [closed_request.number]
    objection = Objection.objects.get(pk=objection.pk)
    assert (objection.proxy_name, objection.proxy_address, objection.proxy_phone) == ("", "", "")
    assert not objection.power_of_attorney
    erased = AuditEvent.objects.get(action=Action.PERSONAL_DATA_ERASE).after["erased"]
    assert f"objection:{objection.number}" in erased


def test_erasure_on_demand(closed_request, people):
    for role in ("superior", "officer", "admin"):
        with pytest.raises(NotAllowed):
            personal_data.erase(closed_request, actor=people[role], force=True)
    early = RequestFactory(received_at=at(2026, 3, 2))
    early = grant(people["ppid"], early, now=at(2026, 3, 3))
    with pytest.raises(Conflict):
        personal_data.erase(early, actor=people["ppid"])
    erased = personal_data.erase(early, actor=people["ppid"], force=True)
    assert erased.name == personal_data.ERASED
    event = AuditEvent.objects.get(action=Action.PERSONAL_DATA_ERASE)
    assert event.actor == people["ppid"] and event.after["forced"] is True
    open_one = RequestFactory(received_at=at(2026, 3, 2))
    with pytest.raises(Conflict):
        personal_data.erase(open_one, actor=people["ppid"], force=True)
    # Erasing twice changes nothing.
    assert personal_data.erase(erased, actor=people["ppid"]) == erased


def test_erase_due_honours_a_future_now(agency, people):
    req = RequestFactory(received_at=at(2026, 3, 2))
    grant(people["ppid"], req, now=at(2026, 3, 3))
    later = max(timezone.now(), at(2026, 3, 3)) + timedelta(days=3 * 366)
    assert personal_data.erase_due(now=later).erased == [req.number]
