"""Harm tests, decisions, the secure store, opening decisions and named custodians (services)."""

from __future__ import annotations

import hashlib
import re
from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from ppid.archive.models import Processing
from ppid.audit.constants import Action
from ppid.audit.models import AuditEvent
from ppid.conftest import pdf_bytes
from ppid.core.errors import Conflict, InvalidInput, NotAllowed, NotFound, ReasonRequired
from ppid.core.models import Notification
from ppid.core.storage import regular_name
from ppid.exemptions import services
from ppid.exemptions.constants import DecisionKind, HarmTestKind, HarmTestStatus, Scope
from ppid.exemptions.models import ExemptAccess, ExemptionDecision, HarmTest
from ppid.register import services as register
from ppid.register.constants import Category, ExemptionGround, Status

pytestmark = pytest.mark.django_db

ITEM_TYPE = "register.informationitem"
FULL = {
    "withheld_information": "Nama dan alamat saksi pada halaman 2–3.",
    "ground": ExemptionGround.H,
    "legal_analysis": "Pasal 17 huruf h UU 14/2008: rahasia pribadi saksi.",
    "consequence": "Saksi dapat diintimidasi bila identitasnya dibuka.",
    "public_interest": "Perlindungan saksi lebih besar daripada kepentingan membukanya.",
    "participants": "PPID; PPID Pelaksana Bidang A",
}
REASON = "Menyiapkan jawaban atas keberatan nomor 012/PPID/2026"


def _today() -> date:
    return timezone.localdate()


def _years_later(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def _actions(item) -> list[str]:
    return list(AuditEvent.objects.filter(object_type=ITEM_TYPE, object_id=str(item.pk))
                .order_by("sequence").values_list("action", flat=True))


def _read(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        return handle.read()


@pytest.fixture(autouse=True)
def _city(agency):
    agency.city = "Banjarbaru"
    agency.save()
    return agency


@pytest.fixture
def with_file(make_item, people, pdf_upload):
    """A documented on-request item of unit A with one stored PDF version."""

    def make(**kwargs):
        kwargs.setdefault("status", Status.DOCUMENTED)
        item = make_item(**kwargs)
        version = register.add_version(people["ppid"], item, pdf_upload("bap.pdf", "Saksi"),
                                       title="BAP Saksi")
        item.refresh_from_db()
        version.refresh_from_db()
        return item, version

    return make


@pytest.fixture
def signed(people):
    """Run a whole-item harm test from start to signature: returns the decision."""

    def run(item, *, on=None, documents=None, signer=None, **data):
        test = services.start_harm_test(people["unit_ppid"], item, {**FULL, **data},
                                        documents=documents)
        services.submit(people["unit_ppid"], test)
        services.approve(people["ppid"], test, "Lengkap.")
        return services.sign(signer or people["superior"], test, on=on)

    return run


# --------------------------------------------------------------------------------------------
# Classification through the register
# --------------------------------------------------------------------------------------------


def test_classify_exempt_starts_draft_and_moves_files_to_secure_store(
        with_file, people, secure_root, _isolated_storage, django_capture_on_commit_callbacks):
    files_root = _isolated_storage
    item, version = with_file()
    old = version.file.name
    assert not old.startswith("secure/") and (files_root / old).exists()
    # An archival derivative, made cheaply: the processing row of the upload points at a file.
    processing = Processing.objects.get(version=version)
    archive_bytes = pdf_bytes("Arsip PDF/A")
    archive_old = default_storage.save("archive/aa/arsip.pdf", ContentFile(archive_bytes))
    processing.archive_file = archive_old
    processing.archive_sha256 = hashlib.sha256(archive_bytes).hexdigest()
    processing.save()

    with django_capture_on_commit_callbacks(execute=True):
        register.classify_item(people["ppid"], item,
                               {"category": Category.EXEMPT, "exemption_ground": "17h"})

    item.refresh_from_db()
    assert item.category == Category.EXEMPT and item.exemption_ground == "17h"
    test = services.open_harm_test(item)
    assert test is not None and test.status == HarmTestStatus.DRAFT
    assert test.kind == HarmTestKind.EXEMPT and test.scope == Scope.WHOLE
    assert test.ground == "17h" and test.category_if_rejected == Category.ON_REQUEST
    assert test.prepared_by == people["ppid"]
    # Handled as exempt, but not exempt in law yet: no decision.
    assert services.decision_in_force(item) is None

    version.refresh_from_db()
    new = version.file.name
    assert new.startswith("secure/")
    assert (secure_root / regular_name(new)).exists()
    assert not (files_root / old).exists()
    assert hashlib.sha256(_read(new)).hexdigest() == version.sha256
    processing.refresh_from_db()
    assert processing.archive_file.name.startswith("secure/")
    assert (secure_root / regular_name(processing.archive_file.name)).exists()
    assert not (files_root / archive_old).exists()
    assert _read(processing.archive_file.name) == archive_bytes
    assert Action.HARM_TEST_CREATE in _actions(item)


def test_new_upload_to_exempt_item_goes_to_secure_store(with_file, people, pdf_upload,
                                                        secure_root):
    item, _version = with_file()
    register.classify_item(people["ppid"], item, {"category": Category.EXEMPT,
                                                  "exemption_ground": "17h"})
    item.refresh_from_db()
    version = register.add_version(people["ppid"], item, pdf_upload("lampiran.pdf"))
    assert version.file.name.startswith("secure/")
    assert (secure_root / regular_name(version.file.name)).exists()


# --------------------------------------------------------------------------------------------
# The lifecycle: draft -> submitted -> approved -> signed
# --------------------------------------------------------------------------------------------


def test_full_lifecycle(with_file, people):
    item, version = with_file(title="BAP Saksi Pengaduan 2025")
    unit_ppid, ppid, superior = people["unit_ppid"], people["ppid"], people["superior"]
    test = services.start_harm_test(unit_ppid, item, {"withheld_information": "Nama saksi"},
                                    documents=[version.document])
    item.refresh_from_db()
    assert test.status == HarmTestStatus.DRAFT and test.prepared_by == unit_ppid
    assert item.category == Category.EXEMPT  # handled as exempt at once
    assert list(test.documents.all()) == [version.document]

    with pytest.raises(InvalidInput) as incomplete:
        services.submit(unit_ppid, test)
    assert set(incomplete.value.field_errors) == {"ground", "legal_analysis", "consequence",
                                                  "public_interest", "participants"}

    services.update_harm_test(unit_ppid, test, {**FULL, "ground": ExemptionGround.B,
                                                "exempt_until": None})
    with pytest.raises(InvalidInput) as no_end:
        services.submit(unit_ppid, test)
    assert set(no_end.value.field_errors) == {"exempt_until"}

    until = _years_later(_today(), 5)
    services.update_harm_test(unit_ppid, test, {"exempt_until": until})
    with pytest.raises(NotAllowed):
        services.submit(people["officer"], test)  # a unit officer does not prepare tests
    test = services.submit(unit_ppid, test)
    assert test.status == HarmTestStatus.SUBMITTED and test.submitted_at is not None
    with pytest.raises(Conflict):
        services.update_harm_test(unit_ppid, test, {"participants": "Lain"})
    assert Notification.objects.filter(user=ppid, subject__contains=item.title).exists()

    with pytest.raises(NotAllowed):
        services.approve(unit_ppid, test)
    test = services.approve(ppid, test, "Sudah lengkap.")
    assert test.status == HarmTestStatus.APPROVED and test.approved_by == ppid
    assert Notification.objects.filter(user=superior, link__endswith=f"/{test.pk}/").exists()
    assert list(services.pending_for(superior)) == [test]
    with pytest.raises(NotAllowed):
        services.sign(ppid, test)

    decision = services.sign(superior, test)
    test.refresh_from_db()
    item.refresh_from_db()
    assert test.status == HarmTestStatus.SIGNED and test.decided_by == superior
    assert re.fullmatch(r"\d{3}/SK-PPID/\d{4}", decision.number)
    assert decision.number == f"001/SK-PPID/{_today().year}"
    assert decision.kind == DecisionKind.EXEMPT and decision.harm_test == test
    assert decision.signed_by == superior and decision.place == "Banjarbaru"
    assert decision.snapshot["documents"] == ["BAP Saksi"]
    assert decision.snapshot["harm_test"]["withheld_information"] == FULL["withheld_information"]
    assert item.category == Category.EXEMPT
    assert item.exemption_ground == ExemptionGround.B and item.exemption_until == until
    assert services.decision_in_force(item) == decision
    assert services.state_of(item).decision == decision

    actions = _actions(item)
    for action in (Action.HARM_TEST_CREATE, Action.HARM_TEST_UPDATE, Action.HARM_TEST_SUBMIT,
                   Action.HARM_TEST_APPROVE, Action.EXEMPTION_DECIDE):
        assert action in actions
    signed_subjects = Notification.objects.filter(link__endswith=f"/{test.pk}/")
    assert signed_subjects.filter(user=unit_ppid).exists()  # the preparer hears of it
    assert signed_subjects.filter(user=ppid).count() == 2  # to approve, then signed
    # Signed: nothing moves any more.
    with pytest.raises(Conflict):
        services.cancel(ppid, test)


def test_decision_numbers_increase_per_year_and_restart(make_item, signed):
    items = [make_item(status=Status.DOCUMENTED) for _ in range(4)]
    first = signed(items[0], on=date(2025, 12, 30))
    second = signed(items[1], on=date(2025, 12, 31))
    third = signed(items[2], on=date(2026, 1, 5))
    fourth = signed(items[3], on=date(2026, 1, 6))
    assert [d.number for d in (first, second, third, fourth)] == [
        "001/SK-PPID/2025", "002/SK-PPID/2025", "001/SK-PPID/2026", "002/SK-PPID/2026"]
    assert (third.number_year, third.number_sequence) == (2026, 1)
    assert third.decided_on == date(2026, 1, 5)


# --------------------------------------------------------------------------------------------
# Pasal 20: periods
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("ground", "until", "ok"), [
    *[(g, None, False) for g in ("17a1", "17a5", "17b", "17c", "17d", "17e", "17f")],
    *[(g, None, True) for g in ("17g", "17h", "17i", "17j")],
    ("17a2", ("years", 30), True),
    ("17a2", ("years", 31), False),
    ("17a3", ("days", 30 * 366), False),
    ("17b", ("years", 40), True),  # the 30-year limit is for law enforcement only
    ("17c", ("days", 0), False),  # must end after today
    ("17c", ("days", -1), False),
    ("17c", ("days", 1), True),
    ("17h", ("days", 0), False),  # an end date, if given, is after today for g–j too
])
def test_pasal_20_periods(make_item, people, ground, until, ok):
    if until is not None:
        unit, amount = until
        until = (_years_later(_today(), amount) if unit == "years"
                 else _today() + timedelta(days=amount))
    item = make_item(status=Status.DOCUMENTED)
    test = services.start_harm_test(people["unit_ppid"], item,
                                    {**FULL, "ground": ground, "exempt_until": until})
    if ok:
        assert services.submit(people["unit_ppid"], test).status == HarmTestStatus.SUBMITTED
    else:
        with pytest.raises(InvalidInput) as error:
            services.submit(people["unit_ppid"], test)
        assert set(error.value.field_errors) == {"exempt_until"}


# --------------------------------------------------------------------------------------------
# Who signs
# --------------------------------------------------------------------------------------------


def _approved(people, item, **data):
    test = services.start_harm_test(people["unit_ppid"], item, {**FULL, **data})
    services.submit(people["unit_ppid"], test)
    return services.approve(people["ppid"], test)


def test_signer_is_the_superior_by_default(make_item, people):
    test = _approved(people, make_item(status=Status.DOCUMENTED))
    assert not services.may_sign(people["head"]) and services.may_sign(people["superior"])
    with pytest.raises(NotAllowed):
        services.sign(people["head"], test)
    assert services.sign(people["superior"], test).signed_by == people["superior"]


def test_agency_may_name_the_head_as_signer(agency, make_item, people):
    agency.exemption_signer = "head"
    agency.save()
    test = _approved(people, make_item(status=Status.DOCUMENTED))
    assert list(services.signer_users()) == [people["head"]]
    assert Notification.objects.filter(user=people["head"], link__endswith=f"/{test.pk}/")
    with pytest.raises(NotAllowed):
        services.sign(people["superior"], test)
    assert test in services.pending_for(people["head"])
    decision = services.sign(people["head"], test)
    assert decision.signed_by == people["head"]
    assert decision.snapshot["signer"]["name"] == "head"


# --------------------------------------------------------------------------------------------
# Reject and cancel
# --------------------------------------------------------------------------------------------


def test_ppid_rejects_submitted_test_item_returns_and_files_leave_secure_store(
        with_file, people, secure_root, _isolated_storage, django_capture_on_commit_callbacks):
    item, version = with_file(category=Category.PERIODIC)
    with django_capture_on_commit_callbacks(execute=True):
        test = services.start_harm_test(people["unit_ppid"], item, FULL)
    version.refresh_from_db()
    secure_file = version.file.name
    assert secure_file.startswith("secure/")
    assert test.category_if_rejected == Category.PERIODIC  # where it came from
    services.submit(people["unit_ppid"], test)
    with pytest.raises(InvalidInput) as no_reason:
        services.reject(people["ppid"], test, "  ")
    assert set(no_reason.value.field_errors) == {"rejection_reason"}
    with pytest.raises(NotAllowed):
        services.reject(people["unit_ppid"], test, "Tidak perlu.")

    with django_capture_on_commit_callbacks(execute=True):
        test = services.reject(people["ppid"], test, "Tidak memenuhi unsur Pasal 17 h.")
    item.refresh_from_db()
    version.refresh_from_db()
    assert test.status == HarmTestStatus.REJECTED and test.decided_by == people["ppid"]
    assert item.category == Category.PERIODIC
    assert item.exemption_ground == "" and item.exemption_until is None
    assert not version.file.name.startswith("secure/")
    assert (_isolated_storage / version.file.name).exists()
    assert not (secure_root / regular_name(secure_file)).exists()
    assert hashlib.sha256(_read(version.file.name)).hexdigest() == version.sha256
    assert Action.HARM_TEST_REJECT in _actions(item)
    assert not ExemptionDecision.objects.filter(item=item).exists()


def test_signer_rejects_approved_test_into_chosen_category(with_file, people):
    item, version = with_file()
    test = services.start_harm_test(people["unit_ppid"], item, FULL)
    services.update_harm_test(people["unit_ppid"], test,
                              {"category_if_rejected": Category.IMMEDIATE})
    services.submit(people["unit_ppid"], test)
    services.approve(people["ppid"], test)
    with pytest.raises(NotAllowed):
        services.reject(people["ppid"], test, "Bukan PPID lagi yang memutus.")
    with pytest.raises(InvalidInput):
        services.reject(people["superior"], test, "")
    services.reject(people["superior"], test, "Kepentingan umum lebih besar.")
    item.refresh_from_db()
    version.refresh_from_db()
    assert item.category == Category.IMMEDIATE
    assert not version.file.name.startswith("secure/")


def test_category_if_rejected_cannot_be_exempt(make_item, people):
    test = services.start_harm_test(people["unit_ppid"], make_item(status=Status.DOCUMENTED),
                                    FULL)
    with pytest.raises(InvalidInput) as error:
        services.update_harm_test(people["unit_ppid"], test,
                                  {"category_if_rejected": Category.EXEMPT})
    assert set(error.value.field_errors) == {"category_if_rejected"}


def test_cancel_draft_returns_item_and_files(with_file, people):
    item, version = with_file()
    test = services.start_harm_test(people["unit_ppid"], item, FULL)
    version.refresh_from_db()
    assert version.file.name.startswith("secure/")
    with pytest.raises(NotAllowed):
        services.cancel(people["officer"], test)
    services.cancel(people["unit_ppid"], test)
    test.refresh_from_db()
    item.refresh_from_db()
    version.refresh_from_db()
    assert test.status == HarmTestStatus.CANCELLED
    assert item.category == Category.ON_REQUEST
    assert not version.file.name.startswith("secure/")
    # Cancelled: a new test may start.
    assert services.start_harm_test(people["unit_ppid"], item, FULL).status == "draft"


def test_classifying_back_before_decision_cancels_the_test(with_file, people):
    item, version = with_file()
    register.classify_item(people["ppid"], item, {"category": Category.EXEMPT,
                                                  "exemption_ground": "17h"})
    test = services.open_harm_test(item)
    register.classify_item(people["ppid"], item, {"category": Category.PERIODIC})
    test.refresh_from_db()
    version.refresh_from_db()
    assert test.status == HarmTestStatus.CANCELLED
    assert not version.file.name.startswith("secure/")


# --------------------------------------------------------------------------------------------
# Published items; partial scope
# --------------------------------------------------------------------------------------------


def test_whole_test_on_published_item_conflicts_partial_leaves_it_public(published_item,
                                                                          people):
    with pytest.raises(Conflict):
        services.start_harm_test(people["ppid"], published_item, FULL)
    assert not HarmTest.objects.exists()
    test = services.start_harm_test(people["ppid"], published_item,
                                    {**FULL, "scope": Scope.PART})
    published_item.refresh_from_db()
    assert test.scope == Scope.PART and test.status == HarmTestStatus.DRAFT
    assert published_item.status == Status.PUBLISHED
    assert published_item.category == Category.PERIODIC
    assert services.open_harm_test(published_item) is None  # only whole-item tests count
    # A partial test needs the documents whose parts are withheld.
    with pytest.raises(InvalidInput) as error:
        services.submit(people["ppid"], test)
    assert "documents" in error.value.field_errors


# --------------------------------------------------------------------------------------------
# Lifting: only by a decision to open
# --------------------------------------------------------------------------------------------


def test_lifting_a_signed_exemption_needs_an_opening_decision(
        with_file, people, signed, django_capture_on_commit_callbacks):
    item, version = with_file()
    exempting = signed(item, documents=[version.document])
    item.refresh_from_db()
    with pytest.raises(Conflict):
        register.classify_item(people["ppid"], item, {"category": Category.ON_REQUEST})
    item.refresh_from_db()
    assert item.category == Category.EXEMPT
    with pytest.raises(NotAllowed):
        services.open_exemption(people["superior"], item, category=Category.ON_REQUEST,
                                reason="Alasan sudah tidak berlaku.")
    with pytest.raises(InvalidInput):
        services.open_exemption(people["ppid"], item, category=Category.EXEMPT,
                                reason="Alasan sudah tidak berlaku.")
    with pytest.raises(InvalidInput):
        services.open_exemption(people["ppid"], item, category=Category.PERIODIC, reason=" ")

    with django_capture_on_commit_callbacks(execute=True):
        opening = services.open_exemption(people["ppid"], item, category=Category.PERIODIC,
                                          reason="Alasan pengecualian sudah tidak berlaku.")
    item.refresh_from_db()
    version.refresh_from_db()
    assert opening.kind == DecisionKind.OPEN and opening.signed_by == people["ppid"]
    assert opening.category_after == Category.PERIODIC
    assert exempting.number == f"001/SK-PPID/{_today().year}"
    assert opening.number == f"002/SK-PPID/{_today().year}"  # one series for all decisions
    assert item.category == Category.PERIODIC
    assert item.exemption_ground == "" and item.exemption_until is None
    assert item.status == Status.PUBLISHED and item.published_at is not None  # was documented
    assert not version.file.name.startswith("secure/")
    assert services.decision_in_force(item) is None
    assert services.decisions_by_item([item]) == {}
    assert Action.EXEMPTION_OPEN in _actions(item)
    with pytest.raises(Conflict):  # no longer exempt
        services.open_exemption(people["ppid"], item, category=Category.PERIODIC,
                                reason="Sekali lagi dibuka.")


def test_open_without_decision_conflicts(make_item, people):
    item = make_item(status=Status.DOCUMENTED)
    services.start_harm_test(people["unit_ppid"], item, FULL)
    with pytest.raises(Conflict):
        services.open_exemption(people["ppid"], item, category=Category.ON_REQUEST,
                                reason="Dibuka karena alasan tertentu.")


# --------------------------------------------------------------------------------------------
# Extending
# --------------------------------------------------------------------------------------------


def test_extend_with_a_new_harm_test(make_item, people, signed):
    item = make_item(status=Status.DOCUMENTED)
    with pytest.raises(Conflict):  # nothing in force to extend
        services.start_harm_test(people["unit_ppid"], item,
                                 {**FULL, "kind": HarmTestKind.EXTEND})
    first_end = _years_later(_today(), 2)
    signed(item, ground=ExemptionGround.C, exempt_until=first_end)
    item.refresh_from_db()
    new_end = _years_later(_today(), 4)
    test = services.start_harm_test(people["unit_ppid"], item, {"kind": HarmTestKind.EXTEND})
    # An extension starts from the exemption in force.
    assert (test.ground, test.exempt_until) == (ExemptionGround.C, first_end)
    services.update_harm_test(people["unit_ppid"], test, {**FULL, "ground": ExemptionGround.C,
                                                          "exempt_until": new_end})
    with pytest.raises(Conflict):  # one whole-item test at a time
        services.start_harm_test(people["unit_ppid"], item, {"kind": HarmTestKind.EXTEND})
    services.submit(people["unit_ppid"], test)
    services.approve(people["ppid"], test)
    decision = services.sign(people["superior"], test)
    item.refresh_from_db()
    assert decision.kind == DecisionKind.EXTEND and decision.exempt_until == new_end
    assert item.category == Category.EXEMPT and item.exemption_until == new_end
    assert services.decision_in_force(item) == decision


def test_rejected_extension_keeps_the_exemption(make_item, people, signed):
    item = make_item(status=Status.DOCUMENTED)
    end = _years_later(_today(), 2)
    signed(item, ground=ExemptionGround.C, exempt_until=end)
    test = services.start_harm_test(people["unit_ppid"], item,
                                    {**FULL, "kind": HarmTestKind.EXTEND, "ground": "17c",
                                     "exempt_until": _years_later(_today(), 3)})
    services.submit(people["unit_ppid"], test)
    services.reject(people["ppid"], test, "Tidak perlu diperpanjang.")
    item.refresh_from_db()
    assert item.category == Category.EXEMPT and item.exemption_until == end


def test_open_while_an_extension_awaits_signature(make_item, people, signed):
    item = make_item(status=Status.DOCUMENTED)
    signed(item, ground=ExemptionGround.C, exempt_until=_years_later(_today(), 2))
    extension = _approved(people, item, kind=HarmTestKind.EXTEND, ground="17c",
                          exempt_until=_years_later(_today(), 3))
    services.open_exemption(people["ppid"], item, category=Category.ON_REQUEST,
                            reason="Alasan pengecualian sudah tidak berlaku.")
    extension.refresh_from_db()
    item.refresh_from_db()
    assert item.category == Category.ON_REQUEST
    assert extension.status == HarmTestStatus.CANCELLED


# --------------------------------------------------------------------------------------------
# Named custodians and opening exempt documents
# --------------------------------------------------------------------------------------------


def test_custodians_and_opening_with_a_reason(with_file, people, signed):
    item, version = with_file()
    signed(item)
    item.refresh_from_db()
    version.refresh_from_db()
    unit_ppid, officer, admin, ppid = (people[r] for r in ("unit_ppid", "officer", "admin",
                                                           "ppid"))
    # Before naming, the unit's PPID may see the item but not open its documents.
    assert register.get_staff_item(unit_ppid, item.pk) == item
    assert not services.may_open(unit_ppid, item)
    with pytest.raises(NotAllowed):
        services.set_custodians(unit_ppid, item, [unit_ppid])
    with pytest.raises(InvalidInput):  # the administrator cannot even see the item
        services.set_custodians(ppid, item, [admin])
    services.set_custodians(ppid, item, [unit_ppid])
    assert list(item.custodians.all()) == [unit_ppid]
    assert Action.CUSTODIANS in _actions(item)
    assert services.may_open(unit_ppid, item)

    # Without a reason: asked for one (and nothing is recorded).
    with pytest.raises(ReasonRequired):
        register.get_staff_version(unit_ppid, version.public_id)
    with pytest.raises(InvalidInput) as short:
        register.get_staff_version(unit_ppid, version.public_id, reason="Cek saja")
    assert set(short.value.field_errors) == {"reason"}
    assert not ExemptAccess.objects.exists()
    assert not services.has_recent_access(unit_ppid, version)

    opened = register.get_staff_version(unit_ppid, version.public_id, reason=REASON)
    assert opened == version
    access = ExemptAccess.objects.get()
    assert (access.user, access.version, access.reason) == (unit_ppid, version, REASON)
    assert services.has_recent_access(unit_ppid, version)
    assert Action.EXEMPT_ACCESS in _actions(item)

    # The officer sees the item (same unit) but may not open it: refused and recorded.
    assert register.get_staff_item(officer, item.pk) == item
    refused_before = _actions(item).count(Action.EXEMPT_ACCESS_REFUSED)
    with pytest.raises(NotAllowed):
        register.get_staff_version(officer, version.public_id, reason=REASON)
    with pytest.raises(NotAllowed) as no_reason:
        register.get_staff_version(officer, version.public_id)
    assert not isinstance(no_reason.value, ReasonRequired)
    assert _actions(item).count(Action.EXEMPT_ACCESS_REFUSED) == refused_before + 2
    refusal = AuditEvent.objects.filter(action=Action.EXEMPT_ACCESS_REFUSED).last()
    assert refusal.actor == officer and refusal.after == {"file": str(version.public_id)}
    assert not services.has_recent_access(officer, version)

    # The administrator: the item does not exist for them.
    with pytest.raises(NotFound):
        register.get_staff_version(admin, version.public_id, reason=REASON)
    with pytest.raises(NotAllowed):
        services.open_document(admin, version, REASON)

    # The PPID opens by role; the accesses are listed for the PPID, not for the officer.
    services.open_document(ppid, version, REASON + " (PPID)")
    assert ExemptAccess.objects.count() == 2
    assert services.accesses_for(ppid, item).count() == 2
    with pytest.raises(NotAllowed):
        services.accesses_for(officer, item)

    # Unnamed again: the unit's PPID loses access at once.
    services.set_custodians(ppid, item, [])
    assert not services.may_open(unit_ppid, item)
    assert not services.has_recent_access(unit_ppid, version)
