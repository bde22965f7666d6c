from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ppid.core.models import Unit
from ppid.core.storage import SECURE_PREFIX
from ppid.register.constants import (
    FILE_EXTENSIONS,
    GROUNDS_REQUIRING_END_DATE,
    Category,
    ExemptionGround,
    FileType,
    Form,
    Status,
)


class InformationItem(models.Model):
    """One entry of the register: a row of the DIP (or, if exempt, of the DIK)."""

    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary of content"))
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1945), MaxValueValidator(2100)]
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    holder_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="items", verbose_name=_("holding unit")
    )
    holder_official = models.CharField(
        _("official holding the information"), max_length=255, blank=True
    )
    responsible_official = models.CharField(
        _("official responsible for making it"), max_length=255
    )
    made_on = models.DateField(_("date made"), null=True, blank=True)
    made_at_place = models.CharField(_("place made"), max_length=255, blank=True)
    form = models.CharField(_("form available"), max_length=8, choices=Form.choices,
                            default=Form.SOFT_COPY)
    hard_copy_location = models.CharField(
        _("location of the hard copy"), max_length=255, blank=True,
        help_text=_("Room, cabinet, shelf or box where the paper original is kept."),
    )
    retention_years = models.PositiveSmallIntegerField(
        _("retention period (years)"), null=True, blank=True,
        help_text=_("Leave empty to use the retention period of the category (set under "
                    "Records; a category without one is kept permanently)."),
    )
    exemption_ground = models.CharField(
        _("exemption ground (Pasal 17)"), max_length=8, choices=ExemptionGround.choices,
        blank=True,
    )
    exemption_until = models.DateField(_("exempt until"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    # Berkala information is refreshed at least every 6 months (Pasal 9): set on publishing, on a
    # new document, and when staff confirm the item is still current (ppid.publication).
    refreshed_at = models.DateTimeField(_("last refreshed"), null=True, blank=True,
                                        editable=False)
    refresh_months = models.PositiveSmallIntegerField(
        _("refresh period (months)"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
        help_text=_("Periodic (berkala) information only. Leave empty for the agency's default "
                    "(6 months unless the agency set a shorter period)."),
    )
    custodians = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="custodian_of",
        verbose_name=_("named custodians"),
        help_text=_("Besides the PPID and the PPID superior, the people named here (e.g. the "
                    "unit's PPID) may open this item's exempt documents."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("information item")
        verbose_name_plural = _("information items")
        ordering = ["-year", "title"]
        indexes = [
            models.Index(fields=["year"]),
            # The DIP's order, whole and per category: the portal pages through it without
            # sorting the register.
            models.Index(fields=["status", "-year", "title", "-id"], name="register_dip_order"),
            models.Index(fields=["status", "category", "-year", "title", "-id"],
                         name="register_dip_category_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(category=Category.EXEMPT) & models.Q(status=Status.PUBLISHED)),
                name="exempt_never_published",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_exempt(self) -> bool:
        return self.category == Category.EXEMPT

    @property
    def effective_retention_years(self) -> int | None:
        """The item's own period, else its category's (ppid.records); None means permanent."""
        if self.retention_years is not None:
            return self.retention_years
        from ppid.records.services import category_retention_years  # records builds on register

        return category_retention_years(self.category)

    @property
    def retention_display(self) -> str:
        years = self.effective_retention_years
        if years is None:
            return str(_("Permanent"))
        return str(_("%(years)s years") % {"years": years})

    def clean(self) -> None:
        errors = {}
        if self.is_exempt:
            if not self.exemption_ground:
                errors["exemption_ground"] = _("Exempt information needs its Pasal 17 ground.")
            elif self.exemption_ground in GROUNDS_REQUIRING_END_DATE and not self.exemption_until:
                errors["exemption_until"] = _(
                    "Exemptions under Pasal 17 (a)–(f) are never permanent (Pasal 20): "
                    "give the date the exemption ends."
                )
        if self.form in {Form.HARD_COPY, Form.BOTH} and not self.hard_copy_location:
            errors["hard_copy_location"] = _("Say where the hard copy is kept.")
        if errors:
            raise ValidationError(errors)


def _stored_name(instance: DocumentVersion, filename: str) -> str:
    token = secrets.token_hex(16)
    name = f"documents/{token[:2]}/{token}.{FILE_EXTENSIONS.get(instance.content_type, 'bin')}"
    if instance.is_restricted:  # exempt: into the secure store (ppid.core.storage)
        name = SECURE_PREFIX + name
    return name


class Document(models.Model):
    item = models.ForeignKey(InformationItem, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("document title"), max_length=500)
    is_public = models.BooleanField(
        _("public"), default=True,
        help_text=_("Public documents of a published item can be downloaded from the portal."),
    )
    current_version = models.ForeignKey(
        "DocumentVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class DocumentVersion(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(upload_to=_stored_name, max_length=255)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=128, choices=FileType.choices)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    # A withheld original: a redacted version replaced it for the public. Kept in the secure
    # store and opened only like an exempt document, whatever the item's category.
    withheld = models.BooleanField(_("withheld original"), default=False, editable=False)
    redacted_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="redactions",
        editable=False, verbose_name=_("redacted from"),
    )

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_version_number"),
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    @property
    def is_restricted(self) -> bool:
        """Opened only through the secure view, with a reason (ppid.exemptions)."""
        return self.withheld or self.document.item.is_exempt

    @property
    def download_name(self) -> str:
        ext = FILE_EXTENSIONS.get(self.content_type, "bin")
        stem = self.original_name.rsplit(".", 1)[0] if "." in self.original_name else (
            self.original_name
        )
        return f"{stem or 'dokumen'}.{ext}"
