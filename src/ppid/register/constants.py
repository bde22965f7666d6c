from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    PERIODIC = "periodic", _("Periodic (berkala)")
    IMMEDIATE = "immediate", _("Immediate (serta merta)")
    ON_REQUEST = "on_request", _("Available at any time (setiap saat)")
    EXEMPT = "exempt", _("Exempt (dikecualikan)")


PUBLIC_CATEGORIES = (Category.PERIODIC, Category.IMMEDIATE, Category.ON_REQUEST)


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    DOCUMENTED = "documented", _("Documented")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    # Destroyed after its retention period (ppid.records): set only by records.services.
    DISPOSED = "disposed", _("Disposed")


# Every allowed status change. Anything not listed is refused.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.DOCUMENTED}),
    Status.DOCUMENTED: frozenset({Status.DRAFT, Status.PUBLISHED}),
    Status.PUBLISHED: frozenset({Status.WITHDRAWN}),
    Status.WITHDRAWN: frozenset({Status.PUBLISHED, Status.DOCUMENTED}),
    # Final. Nothing moves an item here or away from here through `transition`: only an
    # approved disposal (ppid.records.services.approve_disposal) sets it.
    Status.DISPOSED: frozenset(),
}


class Form(models.TextChoices):
    SOFT_COPY = "soft", _("Soft copy")
    HARD_COPY = "hard", _("Hard copy")
    BOTH = "both", _("Soft and hard copy")


class ExemptionGround(models.TextChoices):
    """Pasal 17 UU 14/2008."""

    A1 = "17a1", _("17(a)(1) Hinders a criminal investigation")
    A2 = "17a2", _("17(a)(2) Reveals the identity of informants, witnesses or victims")
    A3 = "17a3", _("17(a)(3) Reveals crime intelligence")
    A4 = "17a4", _("17(a)(4) Endangers law enforcers and their families")
    A5 = "17a5", _("17(a)(5) Endangers law-enforcement equipment")
    B = "17b", _("17(b) Intellectual property and fair competition")
    C = "17c", _("17(c) National defence and security")
    D = "17d", _("17(d) Natural resources")
    E = "17e", _("17(e) National economic resilience")
    F = "17f", _("17(f) Foreign relations")
    G = "17g", _("17(g) Authentic deeds and last wills")
    H = "17h", _("17(h) Personal secrets")
    I = "17i", _("17(i) Inter- or intra-agency memoranda")  # noqa: E741
    J = "17j", _("17(j) Exempt by another law")


# Pasal 20: exemptions on grounds 17(a)–(f) are never permanent.
GROUNDS_REQUIRING_END_DATE = frozenset(
    g for g in ExemptionGround.values if g[:3] in {"17a", "17b", "17c", "17d", "17e", "17f"}
)


class FileType(models.TextChoices):
    PDF = "application/pdf", "PDF"
    DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"
    XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"
    ODT = "application/vnd.oasis.opendocument.text", "ODT"
    ODS = "application/vnd.oasis.opendocument.spreadsheet", "ODS"
    JPEG = "image/jpeg", "JPEG"
    PNG = "image/png", "PNG"
    TIFF = "image/tiff", "TIFF"
    TEXT = "text/plain", _("Plain text")


FILE_EXTENSIONS = {
    FileType.PDF: "pdf", FileType.DOCX: "docx", FileType.XLSX: "xlsx", FileType.ODT: "odt",
    FileType.ODS: "ods", FileType.JPEG: "jpg", FileType.PNG: "png", FileType.TIFF: "tif",
    FileType.TEXT: "txt",
}
