from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ppid.archive.constants import (
    ACTIVE_STATES,
    LANGUAGE_LABELS,
    STAGE_LABELS,
    ExtractionMethod,
    ProcessingState,
)

# A run still "running" or "queued" after this long is taken as stuck: staff may retry it.
STUCK_RUNNING_AFTER = timedelta(minutes=30)
STUCK_QUEUED_AFTER = timedelta(minutes=30)


class Processing(models.Model):
    """Background processing of one document version: its text, and an archival PDF/A."""

    version = models.OneToOneField(
        "register.DocumentVersion", on_delete=models.CASCADE, related_name="processing",
        primary_key=True, verbose_name=_("document version"),
    )
    state = models.CharField(_("state"), max_length=16, choices=ProcessingState.choices,
                             default=ProcessingState.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    stage = models.CharField(_("stage"), max_length=16, blank=True)
    method = models.CharField(_("method"), max_length=16, choices=ExtractionMethod.choices,
                              blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    text = models.TextField(_("extracted text"), blank=True)
    error = models.TextField(_("reason"), blank=True)
    archive_file = models.FileField(_("archival PDF/A"), blank=True, max_length=255)
    archive_sha256 = models.CharField(_("SHA-256 of the archival PDF/A"), max_length=64,
                                      blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("processing")
        verbose_name_plural = _("processing")
        indexes = [models.Index(fields=["state"])]

    def __str__(self) -> str:
        return f"{self.version_id}: {self.state}"

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES

    @property
    def is_stuck(self) -> bool:
        now = timezone.now()
        if self.state == ProcessingState.RUNNING:
            return self.started_at is None or now - self.started_at > STUCK_RUNNING_AFTER
        if self.state == ProcessingState.QUEUED:
            return now - self.queued_at > STUCK_QUEUED_AFTER
        return False

    @property
    def may_be_retried(self) -> bool:
        return self.state == ProcessingState.FAILED or self.is_stuck

    @property
    def stage_label(self) -> str:
        return str(STAGE_LABELS.get(self.stage, "")) if self.stage else ""

    @property
    def language_label(self) -> str:
        return str(LANGUAGE_LABELS.get(self.language, "")) if self.language else ""
