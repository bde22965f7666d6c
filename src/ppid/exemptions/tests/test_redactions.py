"""Redaction through the services and pages: marks, suggestions, apply, what the public gets."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from ppid.archive.services import process_version
from ppid.core.errors import Conflict, InvalidInput, NotAllowed
from ppid.core.storage import is_secure
from ppid.exemptions import redactions
from ppid.exemptions.constants import RunState
from ppid.exemptions.models import ExemptAccess
from ppid.register import services as register
from ppid.register.constants import Category, Status
from ppid.register.models import DocumentVersion

NIK = "3171012345678901"
SECRET = "ZQRAHASIAQZ"


def letter_pdf() -> bytes:
    from weasyprint import HTML

    return HTML(string=(
        "<h1>Surat Keterangan</h1><p>Nama pelapor: Budi Santoso</p>"
        f"<p>NIK: {NIK}</p><p>Kode rahasia {SECRET} tidak untuk umum.</p>"
        "<p>Laporan anggaran pembangunan jembatan tahun 2025.</p>")).write_pdf()


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def letter(make_item, people, django_capture_on_commit_callbacks):
    item = make_item(title="Laporan Pembangunan Jembatan", category=Category.ON_REQUEST,
                     status=Status.DOCUMENTED)
    with django_capture_on_commit_callbacks(execute=True):
        version = register.add_version(people["ppid"], item,
                                       SimpleUploadedFile("surat.pdf", letter_pdf()))
        register.transition(people["ppid"], item, Status.PUBLISHED)
    return version


def _secret_box(version):
    from ppid.exemptions import redaction as engine

    with redactions.source_pdf(version) as path:
        word = next(w for w in engine.words(path) if SECRET in w.text)
    return word.rect


def _apply(user, version, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = redactions.request_apply(user, version)
    with django_capture_on_commit_callbacks(execute=True):
        run = redactions.run_apply(run.pk)
    return run


def test_suggestions_marks_and_apply(letter, people, client, django_capture_on_commit_callbacks,
                                     _isolated_storage):
    found = redactions.suggestions(letter)
    assert [s.kind for s in found] == ["nik"] and found[0].preview.endswith("8901")
    nik = found[0].rect
    redactions.add(people["unit_ppid"], letter, page=nik.page, x0=nik.x0, y0=nik.y0, x1=nik.x1,
                   y1=nik.y1, ground="17h", reason="Data pribadi pelapor", source="nik")
    assert redactions.suggestions(letter) == []  # accepted: no longer suggested
    box = _secret_box(letter)
    redactions.add(people["ppid"], letter, page=box.page, x0=box.x0, y0=box.y0, x1=box.x1,
                   y1=box.y1, ground="17c", reason="Kode pengamanan")
    original_name = letter.file.name

    with pytest.raises(NotAllowed):  # marking is for the unit PPID and the PPID
        redactions.add(people["officer"], letter, page=0, x0=.1, y0=.1, x1=.2, y1=.2,
                       ground="17h", reason="x")
    with pytest.raises(NotAllowed):  # applying is the PPID's
        redactions.request_apply(people["unit_ppid"], letter)

    run = _apply(people["ppid"], letter, django_capture_on_commit_callbacks)
    assert run.state == RunState.DONE, run.error
    new = run.result
    letter.refresh_from_db()
    assert letter.withheld and is_secure(letter.file.name)
    assert not (_isolated_storage / original_name).exists()  # moved into the secure store
    assert new.redacted_from_id == letter.pk and not new.withheld
    assert new.document.current_version_id == new.pk and not is_secure(new.file.name)

    # The public gets the redacted version: no secret in any extractor, the rest searchable.
    item_page = client.get(reverse("portal:item", args=[new.document.item_id])).content.decode()
    assert str(new.public_id) in item_page and str(letter.public_id) not in item_page
    public = client.get(reverse("portal:download", args=[new.public_id]))
    data = b"".join(public.streaming_content)
    text = text_of(data)
    assert NIK not in text and SECRET not in text and NIK.encode() not in data
    assert "anggaran" in text and "Pasal 17 huruf h" in text and "Pasal 17 huruf c" in text
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True).stdout
        assert SECRET.encode() not in out and b"jembatan" in out
    assert client.get(reverse("portal:download", args=[letter.public_id])).status_code == 404

    # Its text is what search finds once processed; the withheld words are not.
    with django_capture_on_commit_callbacks(execute=True):
        process_version(new.pk)
    from ppid.search import services as search

    assert search.search_public("jembatan").total >= 1
    assert search.search_public(SECRET.lower()).total == 0

    # The withheld original opens only with a reason, for those who may open it.
    client.force_login(people["web"])
    assert client.get(reverse("workspace:download", args=[letter.public_id])).status_code == 403
    assert client.get(reverse("exemptions:open_document", args=[letter.public_id])
                      ).status_code == 403
    client.force_login(people["ppid"])
    response = client.get(reverse("workspace:download", args=[letter.public_id]))
    assert response.status_code == 302 and "berkas" in response["Location"]
    opened = client.post(reverse("exemptions:open_document", args=[letter.public_id]),
                         {"reason": "Memeriksa hasil penghitaman"})
    assert opened.status_code == 200
    assert b"".join(opened.streaming_content) == letter_pdf_bytes(letter)
    assert ExemptAccess.objects.filter(user=people["ppid"], version=letter).exists()


def letter_pdf_bytes(version: DocumentVersion) -> bytes:
    with version.file.open("rb") as handle:
        return handle.read()


def test_apply_refuses_what_it_cannot_do(letter, people, django_capture_on_commit_callbacks):
    with pytest.raises(InvalidInput):
        redactions.request_apply(people["ppid"], letter)  # nothing marked
    with pytest.raises(InvalidInput):
        redactions.add(people["ppid"], letter, page=0, x0=.5, y0=.5, x1=.5, y1=.6,
                       ground="17h", reason="kosong")
    with pytest.raises(InvalidInput):
        redactions.add(people["ppid"], letter, page=3, x0=.1, y0=.1, x1=.2, y1=.2,
                       ground="17h", reason="halaman tidak ada")
    with pytest.raises(InvalidInput):
        redactions.add(people["ppid"], letter, page=0, x0=.1, y0=.1, x1=.2, y1=.2,
                       ground="17z", reason="")
    redactions.add(people["ppid"], letter, page=0, x0=.1, y0=.1, x1=.2, y1=.2, ground="17h",
                   reason="Data pribadi")
    run = _apply(people["ppid"], letter, django_capture_on_commit_callbacks)
    letter.refresh_from_db()
    with pytest.raises(NotAllowed):  # now a withheld original: opened with a reason first
        redactions.request_apply(people["ppid"], letter)
    redactions.services.open_document(people["ppid"], letter, "Memeriksa hasil penghitaman")
    with pytest.raises(Conflict):  # and never redacted again: it is withheld
        redactions.request_apply(people["ppid"], letter)
    assert run.result.redacted_from_id == letter.pk


def test_a_docx_cannot_be_redacted(make_item, people):
    from ppid.demo.files import make_docx

    item = make_item(status=Status.DOCUMENTED)
    version = register.add_version(people["ppid"], item, SimpleUploadedFile(
        "surat.docx", make_docx("Badan", "Surat", ["Isi surat."], "Palangka Raya")))
    with pytest.raises(InvalidInput):
        redactions.page_count(version)


def test_redaction_pages(letter, people, client):
    client.force_login(people["ppid"])
    url = reverse("exemptions:redact", args=[letter.public_id])
    page = client.get(url)
    assert page.status_code == 200 and b"redact-canvas" in page.content
    png = client.get(reverse("exemptions:redact_page", args=[letter.public_id, 0]))
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    assert png["Cache-Control"] == "private, no-store"
    assert client.get(reverse("exemptions:redact_page", args=[letter.public_id, 9])
                      ).status_code == 404
    response = client.post(url, {"page": 0, "x0": .1, "y0": .1, "x1": .3, "y1": .2,
                                 "source": "drawn", "ground": "17h", "reason": "Data pribadi"})
    assert response.status_code == 302 and letter.marked_redactions.count() == 1
    mark = letter.marked_redactions.get()
    client.post(reverse("exemptions:redact_remove", args=[letter.public_id, mark.pk]))
    assert letter.marked_redactions.count() == 0
    status = client.get(reverse("exemptions:redact_status", args=[letter.public_id]))
    assert status.status_code == 200
    client.force_login(people["web"])  # may not redact
    assert client.get(url).status_code == 403


def test_an_exempt_document_is_opened_with_a_reason_before_redaction(
        make_item, people, client, pdf_upload):
    item = make_item(category=Category.EXEMPT, exemption_ground="17h", status=Status.DOCUMENTED)
    version = register.add_version(people["ppid"], item, pdf_upload("rahasia.pdf", "Rahasia"))
    assert is_secure(version.file.name)
    client.force_login(people["ppid"])
    url = reverse("exemptions:redact", args=[version.public_id])
    assert client.get(url).status_code == 403  # not opened yet
    opened = client.post(reverse("exemptions:open_document", args=[version.public_id])
                         + "?next=redact", {"reason": "Menyiapkan salinan yang dihitamkan"})
    assert opened.status_code == 302 and opened["Location"] == url
    assert client.get(url).status_code == 200
