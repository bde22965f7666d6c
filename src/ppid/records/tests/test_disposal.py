"""Disposal: proposed by the unit, approved or rejected by the PPID; approval destroys files."""

import io

import pytest
from django.core.files.storage import default_storage
from pypdf import PdfReader

from ppid.audit.constants import Action
from ppid.audit.models import AuditEvent
from ppid.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from ppid.exemptions.tests.factories import DecisionFactory
from ppid.records import documents, services
from ppid.records.models import Disposal, DisposalStatus
from ppid.records.tests.conftest import TODAY
from ppid.register import services as register
from ppid.register.constants import Category, Status
from ppid.register.models import Document, DocumentVersion
from ppid.register.tests.factories import ExemptItemFactory

pytestmark = pytest.mark.django_db

PROPOSERS = {"officer": True, "unit_ppid": True, "ppid": True, "superior": False, "web": False,
             "admin": False}
DECIDERS = {"officer": False, "unit_ppid": False, "ppid": True, "superior": False,
            "web": False, "admin": False}


def _events(action, item):
    return AuditEvent.objects.filter(action=action, object_id=str(item.pk))


@pytest.mark.parametrize(("role", "allowed"), PROPOSERS.items())
def test_who_may_propose(role, allowed, due_item, people):
    if allowed:
        disposal = services.propose_disposal(people[role], due_item, "Masa retensi habis",
                                             today=TODAY)
        assert disposal.status == DisposalStatus.PROPOSED
        assert disposal.proposed_by == people[role]
        assert _events(Action.DISPOSAL_PROPOSE, due_item).count() == 1
    else:
        with pytest.raises(NotAllowed):
            services.propose_disposal(people[role], due_item, "Masa retensi habis", today=TODAY)
        assert not Disposal.objects.exists()


def test_no_one_outside_the_unit_proposes_and_exempt_stays_hidden(make_item, units, people):
    other = make_item(holder_unit=units["b"], year=2000, retention_years=1)
    with pytest.raises(NotAllowed):
        services.propose_disposal(people["officer"], other, "x", today=TODAY)
    secret = ExemptItemFactory(holder_unit=units["b"], year=2000, retention_years=1)
    with pytest.raises(NotFound):
        services.propose_disposal(people["officer"], secret, "x", today=TODAY)
    with pytest.raises(NotFound):
        services.propose_disposal(people["nobody"], other, "x", today=TODAY)


@pytest.mark.parametrize(("role", "allowed"), DECIDERS.items())
def test_who_may_approve_and_reject(role, allowed, due_item, people,
                                    django_capture_on_commit_callbacks):
    disposal = services.propose_disposal(people["officer"], due_item, "Habis", today=TODAY)
    if not allowed:
        with pytest.raises(NotAllowed):
            services.approve_disposal(people[role], disposal, today=TODAY)
        with pytest.raises(NotAllowed):
            services.reject_disposal(people[role], disposal, "Masih dipakai")
        disposal.refresh_from_db()
        assert disposal.status == DisposalStatus.PROPOSED
        return
    rejected = services.reject_disposal(people[role], disposal, "Masih dipakai untuk audit")
    assert rejected.status == DisposalStatus.REJECTED and rejected.decided_by == people[role]
    assert _events(Action.DISPOSAL_REJECT, due_item).count() == 1
    again = services.propose_disposal(people["officer"], due_item, "Habis lagi", today=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        approved = services.approve_disposal(people[role], again, "Sesuai JRA", today=TODAY)
    assert approved.status == DisposalStatus.APPROVED
    assert _events(Action.DISPOSAL_APPROVE, due_item).count() == 1


def test_reasons_are_required(due_item, people):
    with pytest.raises(InvalidInput):
        services.propose_disposal(people["officer"], due_item, "  ", today=TODAY)
    disposal = services.propose_disposal(people["officer"], due_item, "Habis", today=TODAY)
    with pytest.raises(InvalidInput):
        services.reject_disposal(people["ppid"], disposal, "")


def test_only_one_open_proposal_and_decisions_are_final(due_item, people):
    disposal = services.propose_disposal(people["officer"], due_item, "Habis", today=TODAY)
    with pytest.raises(Conflict, match="already been proposed"):
        services.propose_disposal(people["unit_ppid"], due_item, "Habis juga", today=TODAY)
    services.reject_disposal(people["ppid"], disposal, "Belum")
    with pytest.raises(Conflict, match="already been decided"):
        services.approve_disposal(people["ppid"], disposal, today=TODAY)


def test_not_yet_due_or_permanent_items_are_refused(make_item, people):
    young = make_item(year=2025, retention_years=10)
    permanent = make_item(year=1990, retention_years=None)
    with pytest.raises(Conflict, match="runs until 31-12-2035"):
        services.propose_disposal(people["ppid"], young, "x", today=TODAY)
    with pytest.raises(Conflict, match="kept permanently"):
        services.propose_disposal(people["ppid"], permanent, "x", today=TODAY)
    # Proposed while due, then the period was lengthened: the approval refuses.
    item = make_item(year=2010, retention_years=5)
    disposal = services.propose_disposal(people["ppid"], item, "x", today=TODAY)
    register.update_item(people["ppid"], item, {"retention_years": 50})
    with pytest.raises(Conflict, match="runs until 31-12-2060"):
        services.approve_disposal(people["ppid"], disposal, today=TODAY)
    assert Disposal.objects.get(pk=disposal.pk).status == DisposalStatus.PROPOSED


def test_published_items_must_be_withdrawn_first(due_item, people,
                                                  django_capture_on_commit_callbacks):
    register.transition(people["ppid"], due_item, Status.PUBLISHED)
    disposal = services.propose_disposal(people["officer"], due_item, "Habis", today=TODAY)
    with pytest.raises(Conflict, match="published on the portal. Withdraw it first"):
        services.approve_disposal(people["ppid"], disposal, today=TODAY)
    assert DocumentVersion.objects.filter(document__item=due_item).count() == 2
    register.transition(people["ppid"], due_item, Status.WITHDRAWN)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_disposal(people["ppid"], disposal, today=TODAY)
    due_item.refresh_from_db()
    assert due_item.status == Status.DISPOSED


def test_approval_destroys_every_file_and_keeps_the_record(due_item, people,
                                                         django_capture_on_commit_callbacks):
    versions = list(DocumentVersion.objects.filter(document__item=due_item).order_by("number"))
    names = [v.file.name for v in versions]
    assert all(default_storage.exists(n) for n in names)
    disposal = services.propose_disposal(people["officer"], due_item, "Retensi 5 tahun habis",
                                         today=TODAY)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.approve_disposal(people["ppid"], disposal, "Sesuai JRA", today=TODAY)
    assert all(default_storage.exists(n) for n in names)  # nothing deleted before the commit
    for callback in callbacks:
        callback()
    assert not any(default_storage.exists(n) for n in names)
    assert not Document.objects.filter(item=due_item).exists()

    disposal.refresh_from_db()
    due_item.refresh_from_db()
    assert due_item.status == Status.DISPOSED
    assert disposal.number == f"BA-PMS/001/{TODAY.year}"
    assert disposal.disposed_on == TODAY
    assert disposal.snapshot["title"] == "Notulen Rapat 2010"
    assert disposal.snapshot["retention_years"] == 5
    assert disposal.snapshot["retention_end"] == "2015-12-31"
    assert disposal.snapshot["proposer"]["username"] == "officer"
    assert disposal.snapshot["approver"]["username"] == "ppid"
    assert [(f["name"], f["size"], f["sha256"]) for f in disposal.files] == [
        (v.original_name, v.size, v.sha256) for v in versions]

    event = _events(Action.DISPOSAL_APPROVE, due_item).get()
    assert event.after["disposal"] == disposal.number
    assert {f["sha256"] for f in event.after["files"]} == {v.sha256 for v in versions}

    # The berita acara: a PDF with the number, the item and every file's hash.
    text = "".join(PdfReader(io.BytesIO(documents.render_pdf(disposal))).pages[0]
                   .extract_text().split())
    assert disposal.number in text
    assert "NotulenRapat2010" in text
    for version in versions:
        assert version.sha256 in text


def test_disposed_items_are_final(due_item, people, pdf_upload,
                                  django_capture_on_commit_callbacks):
    disposal = services.propose_disposal(people["officer"], due_item, "Habis", today=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_disposal(people["ppid"], disposal, today=TODAY)
    due_item.refresh_from_db()
    assert register.allowed_transitions(people["ppid"], due_item) == []
    with pytest.raises(Conflict):
        register.transition(people["ppid"], due_item, Status.DOCUMENTED)
    with pytest.raises(NotAllowed, match="disposed of"):
        register.add_version(people["ppid"], due_item, pdf_upload())
    with pytest.raises(NotAllowed, match="disposed of"):
        register.update_item(people["ppid"], due_item, {"title": "Baru"})
    with pytest.raises(Conflict, match="already been disposed"):
        services.propose_disposal(people["ppid"], due_item, "Lagi", today=TODAY)
    with pytest.raises(NotAllowed, match="disposed of"):
        register.classify_item(people["ppid"], due_item, {"category": Category.PERIODIC})
    assert not register.public_items().filter(pk=due_item.pk).exists()


def test_no_procedure_runs_on_a_disposed_item(due_item, people,
                                              django_capture_on_commit_callbacks):
    from ppid.demo.procedures import install
    from ppid.procedures import services as procedures

    disposal = services.propose_disposal(people["officer"], due_item, "Habis", today=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_disposal(people["ppid"], disposal, today=TODAY)
    revision = install(people["ppid"])[0]
    with pytest.raises(Conflict, match="disposed of"):
        procedures.start_case(people["ppid"], revision, item=due_item)


def test_a_disposed_exempt_item_leaves_the_published_exempt_list(units, people, agency,
                                                                django_capture_on_commit_callbacks):
    agency.publish_exempt_list = True
    agency.save()
    secret = ExemptItemFactory(holder_unit=units["a"], year=2000, retention_years=1)
    DecisionFactory(item=secret)
    assert register.public_exempt_list().filter(pk=secret.pk).exists()
    disposal = services.propose_disposal(people["unit_ppid"], secret, "Habis", today=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_disposal(people["ppid"], disposal, today=TODAY)
    assert not register.public_exempt_list().filter(pk=secret.pk).exists()


def test_numbers_run_per_year(make_item, people, django_capture_on_commit_callbacks):
    numbers = []
    for n in range(3):
        item = make_item(year=2000 + n, retention_years=1, category=Category.PERIODIC)
        disposal = services.propose_disposal(people["ppid"], item, "Habis", today=TODAY)
        with django_capture_on_commit_callbacks(execute=True):
            numbers.append(services.approve_disposal(people["ppid"], disposal,
                                                     today=TODAY).number)
    assert numbers == ["BA-PMS/001/2026", "BA-PMS/002/2026", "BA-PMS/003/2026"]


def test_a_failed_approval_changes_nothing(due_item, people, monkeypatch,
                                           django_capture_on_commit_callbacks):
    disposal = services.propose_disposal(people["officer"], due_item, "Habis", today=TODAY)
    names = list(DocumentVersion.objects.filter(document__item=due_item)
                 .values_list("file", flat=True))

    def broken(*args, **kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(services.audit, "record", broken)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, \
            pytest.raises(RuntimeError):
        services.approve_disposal(people["ppid"], disposal, today=TODAY)
    assert callbacks == []
    due_item.refresh_from_db()
    assert due_item.status == Status.DOCUMENTED
    assert Disposal.objects.get(pk=disposal.pk).status == DisposalStatus.PROPOSED
    assert DocumentVersion.objects.filter(document__item=due_item).count() == 2
    assert all(default_storage.exists(n) for n in names)


def test_archive_copies_are_destroyed_too(due_item, people, django_capture_on_commit_callbacks):
    from django.apps import apps
    from django.core.files.base import ContentFile

    processing_model, link = services._processing_model()
    if processing_model is None:
        pytest.skip("archive.Processing is not installed")
    assert apps.is_installed("ppid.archive")
    version = DocumentVersion.objects.filter(document__item=due_item).first()
    copy = processing_model(**{link: version}, archive_sha256="a" * 64)
    copy.archive_file.save("arsip.pdf", ContentFile(b"%PDF-1.4 arsip"), save=False)
    copy.save()
    name = copy.archive_file.name
    disposal = services.propose_disposal(people["officer"], due_item, "Habis", today=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        disposal = services.approve_disposal(people["ppid"], disposal, today=TODAY)
    assert not default_storage.exists(name)
    assert not processing_model.objects.exists()
    assert any(f["kind"] == "archive" and f["sha256"] == "a" * 64 for f in disposal.files)
