"""Helpers for the documents, registers and report tests: redacted versions, exempt items with a
signed decision, named signers."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from ppid.conftest import pdf_bytes
from ppid.exemptions.constants import RunState
from ppid.exemptions.models import RedactionRun
from ppid.exemptions.tests.factories import DecisionFactory
from ppid.register import services as register
from ppid.register.constants import Category, Status
from ppid.register.models import DocumentVersion


def redacted_version(user, item, redactions: list[dict], *, name: str = "kontrak.pdf",
                     title: str = ""):
    """A document of `item` whose current version is a redaction of the original, with the
    RedactionRun that made it (`redactions`: dicts with ground, reason and a 0-based page)."""
    original = register.add_version(user, item, SimpleUploadedFile(name, pdf_bytes("Asli")),
                                    title=title or item.title)
    stem = name.rsplit(".", 1)[0]
    redacted = register.add_version(
        user, item, SimpleUploadedFile(f"{stem}-dihitamkan.pdf", pdf_bytes("Dihitamkan")),
        document=original.document)
    DocumentVersion.objects.filter(pk=original.pk).update(withheld=True)
    DocumentVersion.objects.filter(pk=redacted.pk).update(redacted_from=original)
    RedactionRun.objects.create(
        source=original, result=redacted, state=RunState.DONE, requested_by=user,
        redactions=[{"id": n, "page": r.get("page", 0), "box": [0.1, 0.1, 0.3, 0.2],
                     "ground": r["ground"], "reason": r["reason"], "source": "manual"}
                    for n, r in enumerate(redactions, start=1)])
    return DocumentVersion.objects.get(pk=redacted.pk)


def exempt_item(make_item, *, ground: str, until: date | None = None,
                consequence: str = "", title: str = "", number: str = ""):
    """An exempt item with a signed whole-item decision in force; returns (item, decision)."""
    item = make_item(title=title or f"Dokumen dikecualikan {ground}", category=Category.EXEMPT,
                     status=Status.DOCUMENTED, exemption_ground=ground, exemption_until=until)
    extra = {"number": number} if number else {}
    decision = DecisionFactory(
        item=item, snapshot={"item": {"title": item.title},
                             "harm_test": {"consequence": consequence}} if consequence else {},
        **extra)
    return item, decision


def pdf_text(data: bytes) -> str:
    """The text of a PDF, whitespace collapsed."""
    import io

    from pypdf import PdfReader

    assert data.startswith(b"%PDF")
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join((page.extract_text() or "").split()) for page in pages)


def name_signer(user, first: str, last: str, title: str) -> None:
    user.first_name, user.last_name = first, last
    user.save(update_fields=["first_name", "last_name"])
    user.positions.update(title=title)
