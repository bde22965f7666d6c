"""Requests for information, objections, disputes, and the service report's own text.

Requesters' personal data lives only in the fields named in `constants.PERSONAL_FIELDS` and the
files in `PERSONAL_FILE_FIELDS` (kept in the secure store); nothing else copies it (`__str__` is
the registration number, audit events carry numbers and statuses only), so erasing those fields
erases it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ppid.core.models import Unit
from ppid.exemptions.models import ExemptionDecision
from ppid.register.models import DocumentVersion, InformationItem
from ppid.requests.constants import (
    Channel,
    DeliveryMethod,
    DisputeOutcome,
    DisputeStage,
    EventKind,
    Holding,
    ObjectionOutcome,
    ObjectionStatus,
    ObtainMethod,
    Outcome,
    ReportPeriod,
    RequesterKind,
    RequestStatus,
)

USER = settings.AUTH_USER_MODEL


def _secure_path(instance, filename: str) -> str:
    # Personal files go to the secure store (ppid.core.storage routes `secure/` names).
    return f"secure/requests/{instance._meta.model_name}/{timezone.now():%Y}/{filename}"


class Numbered(models.Model):
    number = models.CharField(_("registration number"), max_length=80, unique=True,
                              editable=False)
    number_year = models.PositiveSmallIntegerField(editable=False)
    number_sequence = models.PositiveIntegerField(editable=False)
    tracking_code = models.CharField(_("tracking code"), max_length=16, editable=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.number


class Request(Numbered):
    """A permohonan informasi publik (Pasal 21–22)."""

    channel = models.CharField(_("received by"), max_length=12, choices=Channel.choices,
                               default=Channel.PORTAL)
    written = models.BooleanField(_("written request"), default=True)
    received_at = models.DateTimeField(_("received at"))
    # The working day the request counts as received (after hours: the next working day).
    counted_from = models.DateField(_("counted from"))
    due_at = models.DateTimeField(_("notice due"))
    recorded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", editable=False)

    # The requester (personal data: see PERSONAL_FIELDS).
    requester_kind = models.CharField(_("requester"), max_length=16,
                                      choices=RequesterKind.choices,
                                      default=RequesterKind.PERSON)
    name = models.CharField(_("name"), max_length=200)
    id_number = models.CharField(_("NIK or legal-entity number"), max_length=64, blank=True)
    address = models.TextField(_("address"), blank=True)
    occupation = models.CharField(_("occupation"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    on_behalf_of = models.CharField(_("on behalf of"), max_length=200, blank=True,
                                    help_text=_("When filed for someone else: their name."))
    proxy_letter = models.FileField(_("proxy letter"), upload_to=_secure_path, blank=True,
                                    max_length=300)
    identity_file = models.FileField(_("identity document"), upload_to=_secure_path,
                                     blank=True, max_length=300)
    personal_data_erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    details = models.TextField(_("information requested"))
    purpose = models.TextField(_("purpose"))
    obtain_method = models.CharField(_("how to obtain it"), max_length=12,
                                     choices=ObtainMethod.choices, default=ObtainMethod.SOFT_COPY)
    delivery_method = models.CharField(_("how to receive the copy"), max_length=12,
                                       choices=DeliveryMethod.choices, blank=True)
    language = models.CharField(max_length=8, default="id", editable=False)

    status = models.CharField(_("status"), max_length=12, choices=RequestStatus.choices,
                              default=RequestStatus.RECEIVED, editable=False)
    assigned_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="requests", verbose_name=_("unit"))
    forward_note = models.TextField(_("note to the unit"), blank=True)
    forwarded_at = models.DateTimeField(null=True, blank=True, editable=False)

    extension_days = models.PositiveSmallIntegerField(_("extension (working days)"), default=0)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    extended_at = models.DateTimeField(null=True, blank=True, editable=False)

    # The decision and its written notice (pemberitahuan tertulis, Pasal 22(7)).
    holding = models.CharField(_("is the information held?"), max_length=16,
                               choices=Holding.choices, blank=True)
    other_body = models.CharField(_("public body that holds it"), max_length=255, blank=True)
    items = models.ManyToManyField(InformationItem, blank=True, related_name="requests",
                                   verbose_name=_("register items that answer it"))
    given_versions = models.ManyToManyField(
        DocumentVersion, blank=True, related_name="given_in_requests",
        verbose_name=_("documents given"))
    outcome = models.CharField(_("decision"), max_length=12, choices=Outcome.choices,
                               blank=True)
    exemption_decisions = models.ManyToManyField(
        ExemptionDecision, blank=True, related_name="requests",
        verbose_name=_("exemption decisions relied on"))
    # Grounds of the refusal or the withheld parts (Pasal 17 letters), for the report.
    grounds = models.JSONField(default=list, blank=True, editable=False)
    information_form = models.CharField(_("form of the information"), max_length=12,
                                        choices=ObtainMethod.choices, blank=True)
    available_on = models.DateField(_("available from"), null=True, blank=True)
    fee = models.DecimalField(_("fee (Rp)"), max_digits=12, decimal_places=0, default=0)
    payment_method = models.CharField(_("payment method"), max_length=255, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    notice_delivered_by = models.CharField(_("notice delivered by"), max_length=12,
                                           choices=DeliveryMethod.choices, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminded = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        verbose_name = _("request for information")
        verbose_name_plural = _("requests for information")
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["number_year", "number_sequence"],
                                    name="unique_request_number"),
        ]
        indexes = [models.Index(fields=["status", "due_at"])]

    @property
    def is_open(self) -> bool:
        return self.status in (RequestStatus.RECEIVED, RequestStatus.FORWARDED)

    @property
    def is_extended(self) -> bool:
        return self.extended_at is not None


class Objection(Numbered):
    """A keberatan (Pasal 35–36), answered by the PPID superior."""

    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="objections",
                                verbose_name=_("request"))
    filed_at = models.DateTimeField(_("filed at"))
    counted_from = models.DateField(_("counted from"))
    cause_on = models.DateField(_("date of the cause"))
    due_at = models.DateTimeField(_("answer due"))
    channel = models.CharField(_("received by"), max_length=12, choices=Channel.choices,
                               default=Channel.PORTAL)
    recorded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", editable=False)
    grounds = models.JSONField(_("grounds"), default=list)
    case_position = models.TextField(_("case position (kasus posisi)"))
    # Filed through a proxy (personal data, erased with the request's).
    proxy_name = models.CharField(_("proxy's name"), max_length=200, blank=True)
    proxy_address = models.TextField(_("proxy's address"), blank=True)
    proxy_phone = models.CharField(_("proxy's phone"), max_length=40, blank=True)
    power_of_attorney = models.FileField(_("power of attorney"), upload_to=_secure_path,
                                         blank=True, max_length=300)

    status = models.CharField(_("status"), max_length=12, choices=ObjectionStatus.choices,
                              default=ObjectionStatus.RECEIVED, editable=False)
    outcome = models.CharField(_("answer"), max_length=12, choices=ObjectionOutcome.choices,
                               blank=True)
    reasons = models.TextField(_("reasons"), blank=True)
    order = models.TextField(_("what the PPID must do"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True, editable=False)
    answered_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", editable=False)
    letter_number = models.CharField(_("letter number"), max_length=80, blank=True)
    reminded = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["-filed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["number_year", "number_sequence"],
                                    name="unique_objection_number"),
        ]


class Dispute(models.Model):
    """A sengketa informasi at the Komisi Informasi (Pasal 37–38), and any court appeal."""

    objection = models.OneToOneField(Objection, on_delete=models.PROTECT,
                                     related_name="dispute", verbose_name=_("objection"))
    stage = models.CharField(_("stage"), max_length=14, choices=DisputeStage.choices,
                             default=DisputeStage.FILED)
    filed_on = models.DateField(_("filed at the Komisi Informasi on"))
    commission = models.CharField(_("Komisi Informasi"), max_length=200, blank=True,
                                  help_text=_("E.g. “Komisi Informasi Provinsi Bengkulu”."))
    register_number = models.CharField(_("register number"), max_length=100, blank=True)
    mediation_dates = models.JSONField(_("mediation dates"), default=list, blank=True)
    adjudication_dates = models.JSONField(_("adjudication hearing dates"), default=list,
                                          blank=True)
    decision_number = models.CharField(_("decision number"), max_length=100, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    outcome = models.CharField(_("decision"), max_length=12, choices=DisputeOutcome.choices,
                               blank=True)
    decision_summary = models.TextField(_("what was decided"), blank=True)
    executed_on = models.DateField(_("executed on"), null=True, blank=True)
    execution_note = models.TextField(_("how it was executed"), blank=True)
    appeal_court = models.CharField(_("court"), max_length=200, blank=True)
    appeal_number = models.CharField(_("case number"), max_length=100, blank=True)
    appeal_filed_on = models.DateField(_("appeal filed on"), null=True, blank=True)
    appeal_result = models.TextField(_("result of the appeal"), blank=True)
    recorded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        ordering = ["-filed_on", "-pk"]

    def __str__(self) -> str:
        return self.register_number or f"{_('Dispute')} {self.objection.number}"


class DisputeDocument(models.Model):
    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="documents")
    stage = models.CharField(_("stage"), max_length=14, choices=DisputeStage.choices)
    title = models.CharField(_("title"), max_length=255)
    # Filings and decisions name the applicant: kept in the secure store.
    file = models.FileField(_("file"), upload_to=_secure_path, max_length=300)
    sha256 = models.CharField(max_length=64, editable=False)
    uploaded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]


class Event(models.Model):
    """One step in a request's life. `public` steps show on the requester's tracking page."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="events")
    objection = models.ForeignKey(Objection, null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    public = models.BooleanField(default=True)
    message = models.TextField(blank=True)
    actor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]


class ServiceReport(models.Model):
    """The editable sections of the annual (or quarterly) report on information services."""

    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=4, choices=ReportPeriod.choices,
                              default=ReportPeriod.YEAR)
    policy = models.TextField(_("policy and regulations"), blank=True)
    resources = models.TextField(_("facilities, staff and budget"), blank=True)
    obstacles = models.TextField(_("obstacles"), blank=True)
    follow_up = models.TextField(_("recommendations and follow-up"), blank=True)
    updated_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("service report")
        verbose_name_plural = _("service reports")
        constraints = [models.UniqueConstraint(fields=["year", "period"],
                                               name="one_report_per_period")]

