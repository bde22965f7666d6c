"""Objections (Pasal 35–36) and disputes (Pasal 37–38) through the services.

Agency in WITA, Monday–Friday 08:00–16:00. National days relied on (see test_deadlines):
18–20 and 23–24 March 2026 (Nyepi, Idulfitri), 3 April (Good Friday), 1 May (Labour Day),
14–15 May (Ascension), 27–28 May (Iduladha), 1 June 2026 (Pancasila).
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ppid.audit.constants import Action
from ppid.audit.models import AuditEvent
from ppid.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from ppid.core.models import Notification
from ppid.requests import objections, services
from ppid.requests.constants import (
    Channel,
    DisputeOutcome,
    DisputeStage,
    EventKind,
    ObjectionOutcome,
    ObjectionStatus,
)
from ppid.requests.models import Dispute
from ppid.requests.tests.factories import RequestFactory
from ppid.requests.tests.scenarios import at, grant

pytestmark = pytest.mark.django_db

RECEIVED = at(2026, 3, 2, 10)  # notice due Monday 16 March 2026, 16:00 WITA
DECIDED = at(2026, 3, 10, 10)  # last day to object: Wednesday 29 April 2026
CASE = "Permohonan kami ditolak tanpa alasan yang jelas."
REASONS = "Informasi tersebut dikecualikan berdasarkan uji konsekuensi."
ORDER = "PPID memberikan salinan dokumen paling lambat 7 hari kerja."


def data(**overrides) -> dict:
    values = {"grounds": ["a", "e"], "case_position": CASE}
    values.update(overrides)
    return values


@pytest.fixture
def decided(agency, people):
    return grant(people["ppid"], RequestFactory(received_at=RECEIVED), now=DECIDED)


@pytest.fixture
def unanswered(agency):
    return RequestFactory(received_at=RECEIVED)


def _fields(exc) -> set[str]:
    return set(exc.value.field_errors)


# --------------------------------------------------------------------------------------------
# Filing
# --------------------------------------------------------------------------------------------


def test_objection_is_registered(decided, people):
    obj = objections.file_objection(decided, data(grounds=["e", "a", "e", ""]),
                                    now=at(2026, 3, 20, 10))
    assert obj.number == "001/KEBERATAN/PPID/III/2026" and obj.number_year == 2026
    assert obj.grounds == ["a", "e"] and obj.channel == Channel.PORTAL
    assert obj.cause_on == date(2026, 3, 10)
    # Filed on a cuti bersama day: counts from Wednesday 25 March; 30 working days: 8 May.
    assert obj.counted_from == date(2026, 3, 25)
    assert obj.due_at == at(2026, 5, 8, 16)
    assert obj.status == ObjectionStatus.RECEIVED
    assert objections.find_for_tracking(obj.number, services.format_code(obj.tracking_code)
                                        .lower()) == obj
    assert objections.find_for_tracking(obj.number, decided.tracking_code) is None
    event = decided.events.get(kind=EventKind.OBJECTION_RECEIVED)
    assert event.public and event.objection == obj and event.message == obj.number
    audit = AuditEvent.objects.get(action=Action.OBJECTION_RECEIVE)
    assert audit.after["request"] == decided.number and audit.after["grounds"] == ["a", "e"]
    for role in ("superior", "ppid"):
        assert Notification.objects.filter(user=people[role],
                                           key=f"objection-received-{obj.pk}").exists()


def test_objection_numbers_have_their_own_format_and_sequence(decided, agency, people):
    agency.objection_number_format = "KEB-{seq:02d}/{roman_month}/{year}"
    agency.save()
    first = objections.file_objection(decided, data(), now=at(2026, 3, 11))
    objections.answer(people["superior"], first, outcome=ObjectionOutcome.UPHELD,
                      reasons=REASONS, now=at(2026, 3, 12))
    second = objections.file_objection(decided, data(), now=at(2026, 4, 6))
    assert (first.number, second.number) == ("KEB-01/III/2026", "KEB-02/IV/2026")
    assert decided.number == "001/PPID/III/2026"  # requests count on their own


@pytest.mark.parametrize(("filed_at", "ok"), [
    pytest.param(at(2026, 4, 29, 15, 59), True, id="last-day-during-hours"),
    pytest.param(at(2026, 4, 29, 16, 0), False, id="last-day-at-closing"),
    pytest.param(at(2026, 4, 30, 9), False, id="day-after"),
    pytest.param(at(2026, 4, 26, 10), True, id="sunday-counts-from-monday-27-april"),
    pytest.param(at(2026, 5, 2, 10), False, id="saturday-counts-from-monday-4-may"),
])
def test_thirty_working_days_from_the_notice(decided, filed_at, ok):
    assert objections.filing_deadline(date(2026, 3, 10)) == date(2026, 4, 29)
    if ok:
        assert objections.file_objection(decided, data(), now=filed_at).pk
    else:
        with pytest.raises(Conflict, match="29-04-2026"):
            objections.file_objection(decided, data(), now=filed_at)


def test_unanswered_request_can_be_objected_once_its_deadline_lapsed(unanswered):
    with pytest.raises(Conflict, match="deadline"):
        objections.file_objection(unanswered, data(grounds=["c"]), now=at(2026, 3, 16, 15, 59))
    obj = objections.file_objection(unanswered, data(grounds=["c"]), now=at(2026, 3, 16, 16, 5))
    # The cause is the lapse on 16 March; 30 working days from it end on 6 May.
    assert obj.cause_on == date(2026, 3, 16)
    assert objections.filing_deadline(obj.cause_on) == date(2026, 5, 6)


def test_late_objection_to_an_unanswered_request(unanswered):
    with pytest.raises(Conflict, match="06-05-2026"):
        objections.file_objection(unanswered, data(grounds=["c"]), now=at(2026, 5, 7, 9))


def test_no_objection_before_the_notice_nor_to_a_withdrawn_request(unanswered, people):
    with pytest.raises(Conflict):
        objections.file_objection(unanswered, data(), now=at(2026, 3, 5))
    withdrawn = services.withdraw(people["ppid"], RequestFactory(received_at=RECEIVED),
                                  "Dicabut oleh pemohon secara tertulis.")
    with pytest.raises(Conflict):
        objections.file_objection(withdrawn, data(), now=at(2026, 4, 1))


@pytest.mark.parametrize(("values", "fields"), [
    pytest.param({"grounds": []}, {"grounds"}, id="no-ground"),
    pytest.param({"grounds": ["h"]}, {"grounds"}, id="unknown-ground"),
    pytest.param({"case_position": " singkat "}, {"case_position"}, id="case-too-short"),
    pytest.param({"proxy_name": "Andi Kuasa"}, {"power_of_attorney"},
                 id="proxy-needs-power-of-attorney"),
    pytest.param({"grounds": [], "case_position": ""}, {"grounds", "case_position"},
                 id="everything-missing"),
])
def test_objection_validation(decided, values, fields):
    with pytest.raises(InvalidInput) as exc:
        objections.file_objection(decided, data(**values), now=at(2026, 3, 11))
    assert _fields(exc) == fields
    assert not decided.objections.exists()


def test_proxy_with_power_of_attorney(decided, pdf_upload):
    obj = objections.file_objection(
        decided, data(proxy_name="Andi Kuasa", proxy_address="Jl. Kuasa 1", proxy_phone="0812"),
        {"power_of_attorney": pdf_upload("kuasa.pdf")}, now=at(2026, 3, 11))
    assert obj.proxy_name == "Andi Kuasa"
    assert obj.power_of_attorney.name.startswith("secure/requests/objection/")


def test_one_open_objection_at_a_time(decided, people):
    first = objections.file_objection(decided, data(), now=at(2026, 3, 11))
    with pytest.raises(Conflict, match="already"):
        objections.file_objection(decided, data(grounds=["f"]), now=at(2026, 3, 12))
    objections.answer(people["superior"], first, outcome=ObjectionOutcome.UPHELD,
                      reasons=REASONS, now=at(2026, 3, 13))
    assert objections.file_objection(decided, data(grounds=["f"]), now=at(2026, 3, 16)).pk


def test_staff_record_an_objection_by_letter(decided, people):
    for role in ("superior", "officer", "head"):
        with pytest.raises((NotAllowed, NotFound)):
            objections.record_objection(people[role], decided, {**data(),
                                                                "filed_at": at(2026, 3, 11)})
    with pytest.raises(InvalidInput) as exc:
        objections.record_objection(people["ppid"], decided, {
            **data(), "filed_at": timezone.now() + timedelta(hours=1)})
    assert _fields(exc) == {"filed_at"}
    obj = objections.record_objection(people["ppid"], decided, {
        **data(), "filed_at": at(2026, 3, 11, 9), "cause_on": date(2026, 3, 10)})
    assert obj.channel == Channel.LETTER and obj.recorded_by == people["ppid"]
    assert AuditEvent.objects.get(action=Action.OBJECTION_RECEIVE).actor == people["ppid"]


# --------------------------------------------------------------------------------------------
# The answer of the PPID superior
# --------------------------------------------------------------------------------------------


@pytest.fixture
def objection(decided):
    return objections.file_objection(decided, data(), now=at(2026, 3, 11, 10))


def test_answer_by_the_superior(objection, people):
    answered = objections.answer(people["superior"], objection,
                                 outcome=ObjectionOutcome.ACCEPTED, reasons=REASONS,
                                 order=ORDER, letter_number="  045/PPID/2026 ",
                                 now=at(2026, 3, 30))
    assert answered.status == ObjectionStatus.ANSWERED
    assert answered.outcome == ObjectionOutcome.ACCEPTED and answered.order == ORDER
    assert answered.letter_number == "045/PPID/2026"
    assert answered.answered_by == people["superior"]
    assert AuditEvent.objects.get(action=Action.OBJECTION_ANSWER).after == {
        "outcome": "accepted", "late": False}
    assert objection.request.events.filter(kind=EventKind.OBJECTION_ANSWERED,
                                           public=True).exists()
    assert Notification.objects.filter(user=people["ppid"],
                                       key=f"objection-answered-{objection.pk}").exists()


def test_letter_number_defaults_to_the_objection_number(objection, people):
    answered = objections.answer(people["superior"], objection, outcome=ObjectionOutcome.UPHELD,
                                 reasons=REASONS, now=at(2026, 3, 30))
    assert answered.letter_number == objection.number


@pytest.mark.parametrize("role", ["ppid", "unit_ppid", "head", "admin"])
def test_only_the_superior_answers(agency, people, units, role):
    req = RequestFactory(received_at=RECEIVED)
    services.forward(people["ppid"], req, units["a"])  # the unit PPID sees it too
    req = grant(people["ppid"], req, now=DECIDED)
    objection = objections.file_objection(req, data(), now=at(2026, 3, 11))
    expected = NotFound if role in ("head", "admin") else NotAllowed
    with pytest.raises(expected):
        objections.answer(people[role], objection, outcome=ObjectionOutcome.UPHELD,
                          reasons=REASONS)


@pytest.mark.parametrize(("outcome", "reasons", "order", "fields", "message"), [
    pytest.param(ObjectionOutcome.UPHELD, "", "", {"reasons"}, "written reasons",
                 id="upheld-needs-written-reasons"),
    pytest.param(ObjectionOutcome.ACCEPTED, REASONS, "", {"order"}, "",
                 id="accepted-needs-the-order"),
    pytest.param(ObjectionOutcome.PARTLY_ACCEPTED, REASONS, " ", {"order"}, "",
                 id="partly-accepted-needs-the-order"),
    pytest.param("maybe", REASONS, ORDER, {"outcome"}, "", id="unknown-outcome"),
])
def test_incomplete_answers(objection, people, outcome, reasons, order, fields, message):
    with pytest.raises(InvalidInput) as exc:
        objections.answer(people["superior"], objection, outcome=outcome, reasons=reasons,
                          order=order)
    assert _fields(exc) == fields
    rendered = " ".join(exc.value.lines("en"))
    assert message in rendered
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.RECEIVED


def test_answered_twice_is_refused(objection, people):
    objections.answer(people["superior"], objection, outcome=ObjectionOutcome.UPHELD,
                      reasons=REASONS, now=at(2026, 3, 30))
    with pytest.raises(Conflict, match="already"):
        objections.answer(people["superior"], objection, outcome=ObjectionOutcome.ACCEPTED,
                          reasons=REASONS, order=ORDER)


def test_late_answer_is_flagged_in_the_audit(objection, people):
    # Filed Wednesday 11 March: 30 working days end Thursday 30 April 2026 at 16:00.
    assert objection.due_at == at(2026, 4, 30, 16)
    objections.answer(people["superior"], objection, outcome=ObjectionOutcome.UPHELD,
                      reasons=REASONS, now=at(2026, 4, 30, 16, 1))
    assert AuditEvent.objects.get(action=Action.OBJECTION_ANSWER).after["late"] is True


# --------------------------------------------------------------------------------------------
# Disputes at the Komisi Informasi
# --------------------------------------------------------------------------------------------


@pytest.fixture
def answered(objection, people):
    return objections.answer(people["superior"], objection, outcome=ObjectionOutcome.UPHELD,
                             reasons=REASONS, now=at(2026, 4, 1, 10))


def test_dispute_only_after_the_answer_or_its_lapse(agency, people):
    """Relative to the real clock: the objection below is still within its 30 working days."""
    now = timezone.now()
    req = RequestFactory(received_at=now - timedelta(days=10))
    req = grant(people["ppid"], req, now=now - timedelta(days=2))
    obj = objections.file_objection(req, data(), now=now - timedelta(days=1))
    assert obj.due_at > now
    with pytest.raises(Conflict, match="answer"):
        objections.record_dispute(people["ppid"], obj, {"filed_on": timezone.localdate()})
    objections.answer(people["superior"], obj, outcome=ObjectionOutcome.UPHELD, reasons=REASONS)
    assert objections.record_dispute(people["ppid"], obj,
                                     {"filed_on": timezone.localdate()}).pk


def test_dispute_after_the_lapse_of_the_answer(decided, people):
    # Filed 11 March 2026: its answer was due 30 April 2026, long past on the real clock.
    obj = objections.file_objection(decided, data(), now=at(2026, 3, 11))
    dispute = objections.record_dispute(people["ppid"], obj, {"filed_on": date(2026, 5, 20)})
    # 14 working days after 30 April: (1 May) 4–8, 11–13, (14–15) 18–22 and 25 May.
    timing = objections.dispute_timing(dispute)
    assert timing.deadline == date(2026, 5, 25) and timing.in_time


@pytest.mark.parametrize(("filed_on", "in_time"), [
    pytest.param(date(2026, 4, 2), True, id="next-day"),
    pytest.param(date(2026, 4, 22), True, id="14th-working-day"),
    pytest.param(date(2026, 4, 23), False, id="15th-working-day"),
])
def test_dispute_timing(answered, people, filed_on, in_time):
    # Answered Wednesday 1 April: 2 April, (Good Friday), 6–10, 13–17, 20–22 April.
    dispute = objections.record_dispute(people["ppid"], answered, {"filed_on": filed_on})
    timing = objections.dispute_timing(dispute)
    assert timing.deadline == date(2026, 4, 22) and timing.in_time is in_time


def test_dispute_is_recorded_once_by_the_ppid(answered, people):
    for role in ("superior", "unit_ppid", "head"):
        with pytest.raises((NotAllowed, NotFound)):
            objections.record_dispute(people[role], answered, {"filed_on": date(2026, 4, 6)})
    with pytest.raises(InvalidInput) as exc:
        objections.record_dispute(people["ppid"], answered, {"commission": "KI Kalsel"})
    assert _fields(exc) == {"filed_on"}
    dispute = objections.record_dispute(people["ppid"], answered, {
        "filed_on": date(2026, 4, 6), "commission": " Komisi Informasi Provinsi Kalsel ",
        "register_number": "012/REG-PSI/IV/2026"})
    assert dispute.commission == "Komisi Informasi Provinsi Kalsel"
    assert dispute.stage == DisputeStage.FILED and dispute.recorded_by == people["ppid"]
    assert answered.request.events.filter(kind=EventKind.DISPUTE, objection=answered).exists()
    assert AuditEvent.objects.get(action=Action.DISPUTE_RECORD).after == {
        "stage": "filed", "objection": answered.number}
    with pytest.raises(Conflict):
        objections.record_dispute(people["ppid"], answered, {"filed_on": date(2026, 4, 7)})


@pytest.fixture
def dispute(answered, people):
    return objections.record_dispute(people["ppid"], answered, {"filed_on": date(2026, 4, 6)})


@pytest.mark.parametrize(("values", "fields"), [
    pytest.param({"stage": DisputeStage.DECIDED}, {"decided_on"}, id="decided-needs-date-outcome"),
    pytest.param({"stage": DisputeStage.DECIDED, "decided_on": date(2026, 6, 1)},
                 {"decided_on"}, id="decided-needs-outcome"),
    pytest.param({"stage": DisputeStage.EXECUTED, "decided_on": date(2026, 6, 1),
                  "outcome": DisputeOutcome.GRANTED}, {"executed_on"},
                 id="executed-needs-date"),
    pytest.param({"stage": DisputeStage.APPEAL, "decided_on": date(2026, 6, 1),
                  "outcome": DisputeOutcome.REJECTED, "appeal_court": "PTUN Banjarmasin"},
                 {"appeal_court"}, id="appeal-needs-court-and-date"),
    pytest.param({"stage": DisputeStage.CLOSED, "decided_on": date(2026, 4, 1),
                  "outcome": DisputeOutcome.SETTLED}, {"decided_on"},
                 id="decision-before-filing"),
    pytest.param({"stage": "trial"}, {"stage"}, id="unknown-stage"),
    pytest.param({"filed_on": timezone.localdate() + timedelta(days=2)}, {"filed_on"},
                 id="filed-in-the-future"),
])
def test_dispute_stage_rules(dispute, people, values, fields):
    with pytest.raises(InvalidInput) as exc:
        objections.update_dispute(people["ppid"], dispute, values)
    assert _fields(exc) == fields
    assert Dispute.objects.get(pk=dispute.pk).stage == DisputeStage.FILED


def test_dispute_through_its_stages(dispute, people):
    request = dispute.objection.request
    objections.update_dispute(people["ppid"], dispute, {
        "stage": DisputeStage.MEDIATION,
        "mediation_dates": [date(2026, 5, 4), "2026-04-20", date(2026, 5, 4), ""]})
    assert dispute.mediation_dates == ["2026-04-20", "2026-05-04"]
    objections.update_dispute(people["ppid"], dispute, {
        "stage": DisputeStage.DECIDED, "decided_on": date(2026, 6, 8),
        "decision_number": "015/VI/KI-KS-PS-A/2026", "outcome": DisputeOutcome.PARTLY_GRANTED})
    objections.update_dispute(people["ppid"], dispute, {
        "stage": DisputeStage.APPEAL, "appeal_court": "PTUN Banjarmasin",
        "appeal_filed_on": date(2026, 6, 22), "appeal_number": "12/G/KI/2026/PTUN.BJM"})
    objections.update_dispute(people["ppid"], dispute, {"appeal_result": "Dalam proses."})
    dispute.refresh_from_db()
    assert dispute.stage == DisputeStage.APPEAL and dispute.appeal_court == "PTUN Banjarmasin"
    stages = list(request.events.filter(kind=EventKind.DISPUTE).values_list("message", flat=True))
    assert len(stages) == 4  # filed, mediation, decided, appeal; no event for a mere edit
    with pytest.raises(NotAllowed):
        objections.update_dispute(people["superior"], dispute, {"appeal_result": "x"})


def test_dispute_documents_with_their_checksum(dispute, people):
    content = b"%PDF-1.4 putusan komisi informasi"
    document = objections.add_dispute_document(
        people["ppid"], dispute, stage=DisputeStage.DECIDED, title=" Putusan KI ",
        file=SimpleUploadedFile("putusan.pdf", content, content_type="application/pdf"))
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.title == "Putusan KI" and document.uploaded_by == people["ppid"]
    with default_storage.open(document.file.name) as stored:
        assert stored.read() == content
    assert objections.get_dispute_document(people["superior"], document.pk) == document
    with pytest.raises(NotFound):
        objections.get_dispute_document(people["head"], document.pk)
    with pytest.raises(NotFound):
        objections.get_dispute_document(people["ppid"], document.pk + 100)
    with pytest.raises(InvalidInput) as exc:
        objections.add_dispute_document(people["ppid"], dispute, stage="trial", title=" ",
                                        file=None)
    assert _fields(exc) == {"stage", "title", "file"}
    with pytest.raises(NotAllowed):
        objections.add_dispute_document(
            people["superior"], dispute, stage=DisputeStage.FILED, title="Permohonan",
            file=SimpleUploadedFile("a.pdf", b"%PDF-1.4"))
