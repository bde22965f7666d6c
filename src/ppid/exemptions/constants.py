from django.db import models
from django.utils.translation import gettext_lazy as _

# Exemptions ending within this many working days are announced to the PPID every day.
NOTICE_WORKING_DAYS = 30
# Pasal 20 and its elucidation: law-enforcement information (17 a) at most 30 years.
MAX_YEARS_LAW_ENFORCEMENT = 30
# An opened exempt document may be looked at (page images for redaction) for this long.
ACCESS_GRANT_MINUTES = 120
MIN_REASON_LENGTH = 10


class Trigger(models.TextChoices):
    BEFORE_REQUEST = "before_request", _("Before any request (on documenting)")
    ON_REQUEST = "on_request", _("On a request for the information")
    COMMISSION_ORDER = "commission_order", _("Ordered by the Komisi Informasi")


class HarmTestKind(models.TextChoices):
    EXEMPT = "exempt", _("Exempt the information")
    EXTEND = "extend", _("Extend an exemption")


class Scope(models.TextChoices):
    WHOLE = "whole", _("The whole item")
    PART = "part", _("Parts of its documents (redaction)")


class HarmTestStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the PPID")
    APPROVED = "approved", _("Approved by the PPID, awaiting signature")
    SIGNED = "signed", _("Signed: decision issued")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = frozenset({HarmTestStatus.DRAFT, HarmTestStatus.SUBMITTED,
                           HarmTestStatus.APPROVED})

TRANSITIONS: dict[str, frozenset[str]] = {
    HarmTestStatus.DRAFT: frozenset({HarmTestStatus.SUBMITTED, HarmTestStatus.CANCELLED}),
    HarmTestStatus.SUBMITTED: frozenset({HarmTestStatus.APPROVED, HarmTestStatus.REJECTED,
                                         HarmTestStatus.DRAFT, HarmTestStatus.CANCELLED}),
    # Cancelled only by the system: a decision to open supersedes a pending extension.
    HarmTestStatus.APPROVED: frozenset({HarmTestStatus.SIGNED, HarmTestStatus.REJECTED,
                                        HarmTestStatus.CANCELLED}),
    HarmTestStatus.SIGNED: frozenset(),
    HarmTestStatus.REJECTED: frozenset(),
    HarmTestStatus.CANCELLED: frozenset(),
}


class DecisionKind(models.TextChoices):
    EXEMPT = "exempt", _("Exemption")
    EXTEND = "extend", _("Extension of an exemption")
    OPEN = "open", _("Opening to the public")


class RedactionSource(models.TextChoices):
    DRAWN = "drawn", _("Drawn by hand")
    NIK = "nik", _("NIK (identity number)")
    NIP = "nip", _("NIP (civil-servant number)")
    PHONE = "phone", _("Phone number")
    EMAIL = "email", _("E-mail address")
    ACCOUNT = "account", _("Bank account number")


class RunState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
