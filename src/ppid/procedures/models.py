"""Procedures (SOP/POS, PermenPAN-RB 35/2012), their revisions, and the cases that run them."""

from __future__ import annotations

import re
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ppid.core.constants import Role
from ppid.core.models import Unit
from ppid.procedures.constants import (
    CaseStatus,
    DeviationKind,
    FilePurpose,
    ReviewDecision,
    RevisionStatus,
    Scope,
    StepKind,
    TaskStatus,
    TimeUnit,
)
from ppid.register.models import DocumentVersion, InformationItem

User = settings.AUTH_USER_MODEL


class Procedure(models.Model):
    """A procedure's identity across its revisions."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        ordering = ["code"]

    def __str__(self) -> str:
        revision = self.effective_revision() or self.revisions.order_by("-number").first()
        return revision.name if revision else self.code

    def effective_revision(self) -> ProcedureRevision | None:
        return self.revisions.filter(status=RevisionStatus.EFFECTIVE).first()


class ProcedureRevision(models.Model):
    """Everything a PermenPAN-RB 35/2012 SOP holds. Frozen once effective."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    status = models.CharField(_("status"), max_length=16, choices=RevisionStatus.choices,
                              default=RevisionStatus.DRAFT)
    scope = models.CharField(_("a case runs on"), max_length=16, choices=Scope.choices,
                             default=Scope.ITEM)
    agency_name = models.TextField(_("agency (as written in the SOP)"), blank=True)
    unit_name = models.CharField(_("unit"), max_length=255, blank=True)
    sop_number = models.CharField(_("SOP number"), max_length=120, blank=True)
    made_on = models.DateField(_("date made"), null=True, blank=True)
    revised_on = models.DateField(_("date revised"), null=True, blank=True)
    effective_on = models.DateField(_("date effective"), null=True, blank=True)
    approved_by = models.TextField(_("approved by"), blank=True)
    name = models.CharField(_("name"), max_length=255)
    legal_basis = models.JSONField(_("legal basis"), default=list, blank=True)
    qualifications = models.JSONField(_("executor qualifications"), default=list, blank=True)
    related = models.JSONField(_("related procedures (as written)"), default=list, blank=True)
    related_procedures = models.ManyToManyField(
        Procedure, blank=True, related_name="related_from", verbose_name=_("related procedures")
    )
    equipment = models.JSONField(_("equipment"), default=list, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    recording = models.JSONField(_("recording and data keeping"), default=list, blank=True)
    source_name = models.CharField(_("imported from"), max_length=255, blank=True)
    source_sha256 = models.CharField(max_length=64, blank=True)
    import_problems = models.JSONField(_("lines the importer could not place"), default=list,
                                       blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    activated_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    class Meta:
        verbose_name = _("procedure revision")
        verbose_name_plural = _("procedure revisions")
        ordering = ["procedure", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="one_revision_number"),
            models.UniqueConstraint(
                fields=["procedure"], condition=models.Q(status=RevisionStatus.EFFECTIVE),
                name="one_effective_revision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (rev. {self.number})"

    @property
    def is_editable(self) -> bool:
        return self.status == RevisionStatus.DRAFT

    def ordered_steps(self):
        return self.steps.order_by("position").prefetch_related("actors")


class Actor(models.Model):
    """A Pelaksana column of the SOP, mapped to a role (and optionally a unit)."""

    revision = models.ForeignKey(ProcedureRevision, on_delete=models.CASCADE,
                                 related_name="actors")
    position = models.PositiveSmallIntegerField(_("column"))
    name = models.CharField(_("name (as in the SOP)"), max_length=255)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, blank=True)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("unit"),
                             help_text=_("Empty: the unit of the case's item, or any unit."))
    note = models.TextField(_("why this mapping"), blank=True)

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["revision", "position"]
        constraints = [
            models.UniqueConstraint(fields=["revision", "position"], name="one_actor_column"),
        ]

    def __str__(self) -> str:
        return self.name


_INPUT_SPLIT = re.compile(r"\s*[,;]\s*")


class Step(models.Model):
    revision = models.ForeignKey(ProcedureRevision, on_delete=models.CASCADE,
                                 related_name="steps")
    position = models.PositiveSmallIntegerField(_("order"))
    number = models.PositiveSmallIntegerField(_("number"))
    activity = models.TextField(_("activity"))
    actors = models.ManyToManyField(Actor, related_name="steps", verbose_name=_("actors"))
    required_inputs = models.TextField(_("required inputs (kelengkapan)"), blank=True)
    time_amount = models.PositiveIntegerField(_("time standard"), null=True, blank=True)
    time_unit = models.CharField(_("time unit"), max_length=16, choices=TimeUnit.choices,
                                 blank=True)
    output = models.TextField(_("output"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=StepKind.choices,
                            default=StepKind.OTHER)
    actor_note = models.TextField(_("why these actors"), blank=True)

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["revision", "position"]
        constraints = [
            models.UniqueConstraint(fields=["revision", "position"], name="one_step_position"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.activity[:60]}"

    @property
    def input_list(self) -> list[str]:
        """The checklist of required inputs: the Kelengkapan cell split on commas/semicolons."""
        return [part.strip(" .") for part in _INPUT_SPLIT.split(self.required_inputs or "")
                if part.strip(" .")]

    @property
    def time_display(self) -> str:
        if self.time_amount is None or not self.time_unit:
            return ""
        n = self.time_amount
        text = {
            TimeUnit.MINUTES: ngettext("%(n)s minute", "%(n)s minutes", n),
            TimeUnit.HOURS: ngettext("%(n)s hour", "%(n)s hours", n),
            TimeUnit.DAYS: ngettext("%(n)s day", "%(n)s days", n),
            TimeUnit.WORKING_DAYS: ngettext("%(n)s working day", "%(n)s working days", n),
        }[self.time_unit]
        return text % {"n": n}


class Case(models.Model):
    """One run of a procedure revision."""

    number = models.CharField(_("number"), max_length=32, unique=True)
    revision = models.ForeignKey(ProcedureRevision, on_delete=models.PROTECT,
                                 related_name="cases", verbose_name=_("procedure"))
    title = models.CharField(_("title"), max_length=500)
    item = models.ForeignKey(InformationItem, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="cases", verbose_name=_("information item"))
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("unit"))
    status = models.CharField(_("status"), max_length=16, choices=CaseStatus.choices,
                              default=CaseStatus.RUNNING)
    started_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        # Only the number: audit entries must not carry the (possibly exempt) item's title.
        return self.number

    @classmethod
    def next_number(cls) -> str:
        prefix = f"PRS-{timezone.localdate().year}-"
        last = (cls.objects.filter(number__startswith=prefix).order_by("-number")
                .values_list("number", flat=True).first())
        sequence = int(last.rsplit("-", 1)[1]) + 1 if last else 1
        return f"{prefix}{sequence:04d}"


class CaseActor(models.Model):
    """Who plays an actor in this case (the default assignee of the actor's steps)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actor_assignments")
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "actor"], name="one_person_per_actor"),
        ]


class Task(models.Model):
    """One pass of one step in a case: assigned, timed, completed with its output."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    step = models.ForeignKey(Step, on_delete=models.PROTECT, related_name="tasks")
    sequence = models.PositiveIntegerField(_("order in the case"))
    pass_number = models.PositiveSmallIntegerField(_("pass"), default=1)
    assignee = models.ForeignKey(User, on_delete=models.PROTECT, related_name="tasks",
                                 verbose_name=_("executor"))
    status = models.CharField(_("status"), max_length=16, choices=TaskStatus.choices,
                              default=TaskStatus.ACTIVE)
    started_at = models.DateTimeField(_("started"))
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    completed_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    inputs = models.JSONField(_("required inputs checked"), default=list, blank=True)
    output_note = models.TextField(_("output"), blank=True)
    effect = models.JSONField(_("system effect"), default=dict, blank=True)
    decision = models.CharField(_("review decision"), max_length=16,
                                choices=ReviewDecision.choices, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    sent_back_to = models.ForeignKey(Step, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    working_minutes = models.PositiveIntegerField(_("working minutes taken"), null=True,
                                                  blank=True)
    standard_minutes = models.PositiveIntegerField(_("working minutes allowed"), null=True,
                                                   blank=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["case", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["case", "sequence"], name="one_task_per_sequence"),
            models.UniqueConstraint(fields=["case"], condition=models.Q(status="active"),
                                    name="one_active_task_per_case"),
        ]
        indexes = [models.Index(fields=["assignee", "status"]),
                   models.Index(fields=["status", "due_at"])]

    def __str__(self) -> str:
        return f"{self.case.number} · {self.step}"

    @property
    def is_overdue(self) -> bool:
        moment = self.completed_at or timezone.now()
        return self.due_at is not None and moment > self.due_at

    @property
    def is_late(self) -> bool:
        return self.status == TaskStatus.DONE and self.is_overdue


def _case_file_name(instance: CaseFile, filename: str) -> str:
    name = f"cases/{secrets.token_hex(16)}"
    item = instance.case.item
    if item is not None and item.is_exempt:  # as secret as the item (ppid.core.storage)
        from ppid.core.storage import secure_name

        name = secure_name(name)
    return name


class CaseFile(models.Model):
    """A file attached to a case: a required input, a step's output, or an assignment letter."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="files")
    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="files")
    purpose = models.CharField(_("purpose"), max_length=16, choices=FilePurpose.choices)
    input_name = models.CharField(_("for input"), max_length=255, blank=True)
    file = models.FileField(upload_to=_case_file_name, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    archived_as = models.ForeignKey(DocumentVersion, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class AssignmentLetter(models.Model):
    """Surat penugasan: hands a step of an absent executor to a substitute."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="letters")
    number = models.CharField(_("letter number"), max_length=120)
    issued_on = models.DateField(_("letter date"))
    period_start = models.DateField(_("valid from"))
    period_end = models.DateField(_("valid until"))
    reason = models.TextField(_("reason"), blank=True)
    from_user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    to_user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    file = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assignment letter")
        verbose_name_plural = _("assignment letters")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.number


class Deviation(models.Model):
    """A departure from the quality standard, which the executor answers for (SOP warning)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="deviations")
    kind = models.CharField(_("kind"), max_length=16, choices=DeviationKind.choices)
    executor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("executor"))
    standard = models.CharField(_("standard"), max_length=255)
    actual = models.CharField(_("actual"), max_length=255)
    overrun_minutes = models.PositiveIntegerField(_("working minutes over"), null=True,
                                                  blank=True)
    reason = models.TextField(_("reason"))
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("deviation")
        verbose_name_plural = _("deviations")
        ordering = ["-recorded_at"]

    def __str__(self) -> str:
        return f"{self.task} · {self.get_kind_display()}"
