from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ppid.exemptions.constants import (
    DecisionKind,
    HarmTestKind,
    HarmTestStatus,
    RedactionSource,
    RunState,
    Scope,
    Trigger,
)
from ppid.register.constants import Category, ExemptionGround
from ppid.register.models import Document, DocumentVersion, InformationItem

USER = settings.AUTH_USER_MODEL


class HarmTest(models.Model):
    """The uji konsekuensi (Pasal 19): the worksheet an exemption rests on."""

    item = models.ForeignKey(InformationItem, on_delete=models.PROTECT, related_name="harm_tests",
                             verbose_name=_("information item"))
    kind = models.CharField(_("purpose"), max_length=8, choices=HarmTestKind.choices,
                            default=HarmTestKind.EXEMPT)
    scope = models.CharField(_("what is withheld"), max_length=8, choices=Scope.choices,
                             default=Scope.WHOLE)
    status = models.CharField(_("status"), max_length=12, choices=HarmTestStatus.choices,
                              default=HarmTestStatus.DRAFT, editable=False)
    trigger = models.CharField(_("occasion"), max_length=20, choices=Trigger.choices,
                               default=Trigger.BEFORE_REQUEST)
    trigger_reference = models.CharField(
        _("request or order number"), max_length=100, blank=True,
        help_text=_("The request's registration number, or the Komisi Informasi's order."))
    documents = models.ManyToManyField(Document, blank=True, related_name="harm_tests",
                                       verbose_name=_("documents tested"))
    withheld_information = models.TextField(
        _("information withheld"), blank=True,
        help_text=_("State exactly which information is exempt (e.g. “the names and addresses "
                    "of the witnesses on pages 3–4”)."))
    ground = models.CharField(_("exemption ground (Pasal 17)"), max_length=8,
                              choices=ExemptionGround.choices, blank=True)
    legal_analysis = models.TextField(_("analysis of the legal basis"), blank=True)
    consequence = models.TextField(_("consequence of disclosure"), blank=True)
    public_interest = models.TextField(
        _("public interest weighed"), blank=True,
        help_text=_("Why withholding protects a greater interest than opening it."))
    exempt_until = models.DateField(_("exempt until"), null=True, blank=True)
    participants = models.TextField(_("participants"), blank=True,
                                    help_text=_("Who took part: names and positions."))
    category_if_rejected = models.CharField(
        _("category if rejected"), max_length=16, default=Category.ON_REQUEST,
        choices=[(c.value, c.label) for c in Category if c != Category.EXEMPT])
    prepared_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+",
                                    editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+",
                                    editable=False)
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    approval_note = models.TextField(_("PPID's note"), blank=True)
    decided_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+",
                                   editable=False)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)

    class Meta:
        verbose_name = _("harm test")
        verbose_name_plural = _("harm tests")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{_('Harm test')} #{self.pk}: {self.item}"

    @property
    def is_open(self) -> bool:
        return self.status in {HarmTestStatus.DRAFT, HarmTestStatus.SUBMITTED,
                               HarmTestStatus.APPROVED}


class ExemptionDecision(models.Model):
    """A numbered decision (SK penetapan): to exempt, to extend, or to open."""

    item = models.ForeignKey(InformationItem, on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField(_("decision"), max_length=8, choices=DecisionKind.choices)
    harm_test = models.OneToOneField(HarmTest, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="decision")
    number = models.CharField(_("decision number"), max_length=64, unique=True)
    number_year = models.PositiveSmallIntegerField()
    number_sequence = models.PositiveIntegerField()
    place = models.CharField(_("place"), max_length=100)
    decided_on = models.DateField(_("date"))
    scope = models.CharField(_("what is withheld"), max_length=8, choices=Scope.choices,
                             default=Scope.WHOLE)
    ground = models.CharField(_("exemption ground (Pasal 17)"), max_length=8,
                              choices=ExemptionGround.choices, blank=True)
    exempt_until = models.DateField(_("exempt until"), null=True, blank=True)
    category_after = models.CharField(_("category after opening"), max_length=16, blank=True,
                                      choices=Category.choices)
    reason = models.TextField(_("reason"), blank=True)
    signed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    # Frozen at signing: the decision reads the same whatever happens to the item later.
    snapshot = models.JSONField(default=dict, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("exemption decision")
        verbose_name_plural = _("exemption decisions")
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["number_year", "number_sequence"],
                                    name="unique_exemption_decision_number"),
        ]

    def __str__(self) -> str:
        return self.number


class ExemptAccess(models.Model):
    """Who opened which exempt document, when and why."""

    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE,
                                related_name="exempt_accesses")
    reason = models.TextField(_("reason"))
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("access to an exempt document")
        verbose_name_plural = _("accesses to exempt documents")
        ordering = ["-opened_at", "-pk"]
        indexes = [models.Index(fields=["user", "version", "opened_at"])]


class Redaction(models.Model):
    """One region to black out on a page of a version, with its ground and reason."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE,
                                related_name="marked_redactions")
    page = models.PositiveIntegerField(_("page"))  # 0-based
    x0 = models.FloatField()
    y0 = models.FloatField()
    x1 = models.FloatField()
    y1 = models.FloatField()
    ground = models.CharField(_("exemption ground (Pasal 17)"), max_length=8,
                              choices=ExemptionGround.choices)
    reason = models.CharField(_("reason"), max_length=300)
    source = models.CharField(_("found by"), max_length=8, choices=RedactionSource.choices,
                              default=RedactionSource.DRAWN)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("redaction")
        verbose_name_plural = _("redactions")
        ordering = ["page", "y0", "x0", "pk"]


class RedactionRun(models.Model):
    """Applying the marked redactions of a version: runs in the background."""

    source = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE,
                               related_name="redaction_runs")
    state = models.CharField(max_length=8, choices=RunState.choices, default=RunState.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    result = models.ForeignKey(DocumentVersion, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    redactions = models.JSONField(default=list)  # what was applied, frozen
    requested_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
