"""Status transitions, classification rules and uploads, through the services."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given, settings
from hypothesis import strategies as st

from ppid.audit.models import AuditEvent
from ppid.core.errors import Conflict, InvalidInput, NotAllowed
from ppid.register import services
from ppid.register.constants import TRANSITIONS, Category, ExemptionGround, Status
from ppid.register.models import DocumentVersion

pytestmark = pytest.mark.django_db


def test_happy_path_draft_to_published_and_withdrawn(make_item, people):
    item = make_item(category=Category.PERIODIC)
    ppid = people["ppid"]
    for target in (Status.DOCUMENTED, Status.PUBLISHED, Status.WITHDRAWN, Status.PUBLISHED):
        item = services.transition(ppid, item, target)
        assert item.status == target
    assert item.published_at is not None
    events = AuditEvent.objects.filter(object_id=str(item.pk), action="transition")
    assert [e.after["status"] for e in events] == ["documented", "published", "withdrawn",
                                                  "published"]


@pytest.mark.parametrize("source", list(Status))
@pytest.mark.parametrize("target", list(Status))
def test_only_listed_transitions_are_allowed(make_item, people, source, target):
    item = make_item(category=Category.ON_REQUEST, status=source)
    if target in TRANSITIONS[source]:
        assert services.transition(people["ppid"], item, target).status == target
    else:
        with pytest.raises(Conflict):
            services.transition(people["ppid"], item, target)


def test_exempt_items_are_never_published(make_item, people):
    item = make_item(category=Category.EXEMPT, exemption_ground=ExemptionGround.H,
                     status=Status.DOCUMENTED)
    with pytest.raises(Conflict):
        services.transition(people["ppid"], item, Status.PUBLISHED)
    assert Status.PUBLISHED not in services.allowed_transitions(people["ppid"], item)


def test_published_item_cannot_become_exempt(published_item, people):
    with pytest.raises(Conflict):
        services.update_item(people["ppid"], published_item, {
            "category": Category.EXEMPT, "exemption_ground": ExemptionGround.H})


@pytest.mark.parametrize("role,target,allowed", [
    ("officer", Status.DOCUMENTED, False),
    ("unit_ppid", Status.DOCUMENTED, True),
    ("web", Status.DOCUMENTED, False),
    ("ppid", Status.DOCUMENTED, True),
    ("admin", Status.DOCUMENTED, False),
])
def test_who_may_confirm_documentation(make_item, people, role, target, allowed):
    item = make_item()
    if allowed:
        services.transition(people[role], item, target)
    else:
        with pytest.raises((NotAllowed, Exception)):
            services.transition(people[role], item, target)


@pytest.mark.parametrize("role,allowed", [
    ("officer", False), ("unit_ppid", False), ("ppid", True), ("web", True),
    ("superior", False), ("admin", False), ("nobody", False),
])
def test_who_may_publish(make_item, people, role, allowed):
    item = make_item(status=Status.DOCUMENTED)
    if allowed:
        assert services.transition(people[role], item, Status.PUBLISHED).status == "published"
    else:
        with pytest.raises(NotAllowed):
            services.transition(people[role], item, Status.PUBLISHED)


def test_unit_roles_reach_only_their_unit(make_item, people, units):
    other = make_item(holder_unit=units["b"])
    with pytest.raises(NotAllowed):
        services.update_item(people["officer"], other, {"title": "Diubah"})
    with pytest.raises(NotAllowed):
        services.transition(people["unit_ppid"], other, Status.DOCUMENTED)


def test_only_ppid_may_classify_exempt(make_item, people):
    item = make_item()
    with pytest.raises(NotAllowed):
        services.update_item(people["officer"], item, {
            "category": Category.EXEMPT, "exemption_ground": ExemptionGround.H})
    services.update_item(people["ppid"], item, {
        "category": Category.EXEMPT, "exemption_ground": ExemptionGround.H})
    assert item.category == Category.EXEMPT


def test_exempt_needs_ground_and_end_date_for_17a_to_f(units, people):
    base = {"title": "Rahasia", "summary": "x", "year": 2025, "holder_unit": units["a"],
            "responsible_official": "Kabid", "category": Category.EXEMPT}
    with pytest.raises(InvalidInput) as error:
        services.create_item(people["ppid"], base)
    assert "exemption_ground" in error.value.field_errors
    with pytest.raises(InvalidInput) as error:
        services.create_item(people["ppid"], {**base, "exemption_ground": ExemptionGround.C})
    assert "exemption_until" in error.value.field_errors
    item = services.create_item(people["ppid"], {**base, "exemption_ground": ExemptionGround.H})
    assert item.pk


def test_staff_visibility_of_exempt_items(make_item, people, units):
    secret_a = make_item(category=Category.EXEMPT, exemption_ground=ExemptionGround.H)
    secret_b = make_item(category=Category.EXEMPT, exemption_ground=ExemptionGround.H,
                         holder_unit=units["b"])
    open_b = make_item(holder_unit=units["b"])
    def visible(role):
        return set(services.staff_items(people[role]).values_list("pk", flat=True))

    assert visible("ppid") >= {secret_a.pk, secret_b.pk, open_b.pk}
    assert visible("superior") >= {secret_a.pk, secret_b.pk}
    assert secret_a.pk in visible("officer") and secret_b.pk not in visible("officer")
    assert open_b.pk in visible("officer")
    assert not visible("web") & {secret_a.pk, secret_b.pk}
    assert not visible("admin") & {secret_a.pk, secret_b.pk}
    assert visible("nobody") == set()


def test_upload_stores_hash_size_and_type_from_content(make_item, people, pdf_upload):
    item = make_item()
    upload = pdf_upload(name="laporan.txt")  # misleading name: content decides
    version = services.add_version(people["officer"], item, upload, title="Laporan")
    assert version.content_type == "application/pdf"
    assert len(version.sha256) == 64 and version.size > 0
    assert version.file.name.startswith("documents/") and "laporan" not in version.file.name
    assert version.download_name == "laporan.pdf"
    second = services.add_version(people["officer"], item, pdf_upload(), document=version.document)
    assert second.number == 2
    version.document.refresh_from_db()
    assert version.document.current_version == second


@pytest.mark.parametrize("payload,name", [
    (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "setup.pdf"),
    (b"<html><script>alert(1)</script>\x00", "page.html"),
    (b"PK\x03\x04not really a zip", "x.docx"),
    (b"", "empty.pdf"),
])
def test_refused_uploads_leave_nothing(make_item, people, payload, name, _isolated_storage):
    item = make_item()
    with pytest.raises(InvalidInput):
        services.add_version(people["ppid"], item, SimpleUploadedFile(name, payload))
    assert DocumentVersion.objects.count() == 0
    assert item.documents.count() == 0
    assert not _isolated_storage.exists() or not any(_isolated_storage.rglob("*.*"))


def test_size_limit(make_item, people, settings, pdf_upload):
    settings.PPID_MAX_UPLOAD_BYTES = 100
    with pytest.raises(InvalidInput):
        services.add_version(people["ppid"], make_item(), pdf_upload())


def test_failed_database_write_removes_the_stored_file(make_item, people, pdf_upload,
                                                       monkeypatch, _isolated_storage):
    item = make_item()

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("ppid.register.services.audit.record", boom)
    with pytest.raises(RuntimeError):
        services.add_version(people["ppid"], item, pdf_upload())
    assert DocumentVersion.objects.count() == 0
    assert not any(p.is_file() for p in _isolated_storage.rglob("*"))
    assert not default_storage.listdir("documents")[1] if default_storage.exists(
        "documents") else True


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=1, max_size=2048))
def test_detector_never_accepts_arbitrary_binary_as_office_or_pdf(data):
    from io import BytesIO

    from ppid.register.filetypes import detect

    kind = detect(BytesIO(data))
    if kind is not None and kind != "text/plain":
        # Only real signatures may produce a binary type.
        assert data[:4] in {b"%PDF", b"\x89PNG", b"II*\x00", b"MM\x00*"} or data[:3] == (
            b"\xff\xd8\xff")
