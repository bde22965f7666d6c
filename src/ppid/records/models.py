"""Records management: retention periods, disposals (berita acara pemusnahan) and fixity runs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ppid.register.constants import Category
from ppid.register.models import Document, InformationItem


class CategoryRetention(models.Model):
    """The default retention period of a category; items may set their own.

    A category without a row, or with `years` empty, is kept permanently.
    """

    category = models.CharField(_("category"), max_length=16, choices=Category.choices,
                                unique=True)
    years = models.PositiveSmallIntegerField(
        _("retention period (years)"), null=True, blank=True,
        help_text=_("Leave empty to keep information of this category permanently."),
    )
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("category retention period")
        verbose_name_plural = _("category retention periods")
        ordering = ["category"]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.years or '∞'}"


class DisposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Disposal(models.Model):
    """A proposal to destroy an item's files after its retention period, and its decision.

    When approved it is the berita acara pemusnahan: numbered, with a snapshot of the item and
    the name, size and SHA-256 of every file destroyed (the files themselves are gone).
    """

    item = models.ForeignKey(InformationItem, on_delete=models.PROTECT, related_name="disposals",
                             verbose_name=_("information item"))
    status = models.CharField(_("status"), max_length=16, choices=DisposalStatus.choices,
                              default=DisposalStatus.PROPOSED)
    reason = models.TextField(_("reason for disposal"))
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("proposed by"))
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    number = models.CharField(_("number"), max_length=40, null=True, blank=True, unique=True)
    number_year = models.PositiveSmallIntegerField(null=True, blank=True)
    number_sequence = models.PositiveIntegerField(null=True, blank=True)
    disposed_on = models.DateField(_("date of disposal"), null=True, blank=True)
    # Frozen at approval: the item as it was, the people, and the files destroyed.
    snapshot = models.JSONField(default=dict, blank=True)
    files = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("disposal")
        verbose_name_plural = _("disposals")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["item"], condition=Q(status="proposed"),
                                    name="one_open_disposal_per_item"),
            models.UniqueConstraint(fields=["number_year", "number_sequence"],
                                    name="one_disposal_number_per_year"),
        ]

    def __str__(self) -> str:
        # Only the number: audit entries and logs must not carry a (possibly exempt) title.
        return self.number or f"#{self.pk}"

    @property
    def total_size(self) -> int:
        return sum(entry.get("size") or 0 for entry in self.files)


class FixityTrigger(models.TextChoices):
    COMMAND = "command", _("Command")
    SCHEDULE = "schedule", _("Schedule")
    USER = "user", _("Started by a user")


class FixityRunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")
    FAILED = "failed", _("Failed")


class FixityRun(models.Model):
    """One check of every stored file against its recorded SHA-256."""

    trigger = models.CharField(_("started by"), max_length=16, choices=FixityTrigger.choices)
    status = models.CharField(_("status"), max_length=16, choices=FixityRunStatus.choices,
                              default=FixityRunStatus.QUEUED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    total = models.PositiveIntegerField(_("files to check"), default=0)
    checked = models.PositiveIntegerField(_("files checked"), default=0)
    ok = models.PositiveIntegerField(_("intact"), default=0)
    missing = models.PositiveIntegerField(_("missing"), default=0)
    altered = models.PositiveIntegerField(_("altered"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("fixity check")
        verbose_name_plural = _("fixity checks")
        ordering = ["-queued_at", "-pk"]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def problems(self) -> int:
        return self.missing + self.altered


class FindingKind(models.TextChoices):
    MISSING = "missing", _("Missing")
    ALTERED = "altered", _("Altered")


class FileSource(models.TextChoices):
    VERSION = "version", _("Document version")
    ARCHIVE_COPY = "archive", _("Archival copy")
    CASE_FILE = "case_file", _("Case file")


class FixityFinding(models.Model):
    """A stored file that was missing or no longer matched its SHA-256."""

    run = models.ForeignKey(FixityRun, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(_("problem"), max_length=16, choices=FindingKind.choices)
    source = models.CharField(_("file"), max_length=16, choices=FileSource.choices)
    item = models.ForeignKey(InformationItem, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    version_number = models.PositiveIntegerField(null=True, blank=True)
    object_id = models.PositiveBigIntegerField(_("record id"))
    stored_name = models.CharField(_("stored as"), max_length=255)
    expected_sha256 = models.CharField(_("recorded SHA-256"), max_length=64)
    actual_sha256 = models.CharField(_("SHA-256 found"), max_length=64, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("fixity finding")
        verbose_name_plural = _("fixity findings")
        ordering = ["run", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.stored_name}"
