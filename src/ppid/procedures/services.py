"""Procedures and their cases: the operations. Views, API and commands call these.

Who may do what is decided here (with register.services for the item's own rules):
procedures are managed by holders of MANAGE_PROCEDURES; cases are started by holders of
RUN_PROCEDURES; a task is completed only by its assignee, whose capabilities are checked
against the step's effect when they are assigned and again when the effect runs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from ppid.audit import services as audit
from ppid.audit.constants import Action
from ppid.core.access import Access
from ppid.core.constants import UNIT_SCOPED_ROLES, Role
from ppid.core.constants import Capability as C
from ppid.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from ppid.core.i18n import lazy as _
from ppid.core.models import Position, Unit
from ppid.procedures.constants import (
    KIND_CAPABILITIES,
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
from ppid.procedures.models import (
    Actor,
    AssignmentLetter,
    Case,
    CaseActor,
    CaseFile,
    Deviation,
    Procedure,
    ProcedureRevision,
    Step,
    Task,
)
from ppid.register import filetypes
from ppid.register import services as register
from ppid.register.constants import Category, Status
from ppid.register.models import InformationItem
from ppid.worktime.services import work_calendar

User = get_user_model()

HEADER_FIELDS = (
    "name", "scope", "agency_name", "unit_name", "sop_number", "made_on", "revised_on",
    "effective_on", "approved_by", "legal_basis", "qualifications", "related", "equipment",
    "warnings", "recording",
)
STEP_FIELDS = ("number", "activity", "required_inputs", "time_amount", "time_unit", "output",
               "notes", "kind", "actor_note")


class _Joined:
    """Several lazy messages shown as one sentence, in whichever language is active."""

    def __init__(self, parts):
        self.parts = parts

    def __str__(self) -> str:
        return " ".join(str(part) for part in self.parts)


def _require(user, capability, unit_id=None, message="") -> Access:
    access = Access.for_user(user)
    allowed = access.can(capability, unit_id) if unit_id else access.can_anywhere(capability)
    if not allowed:
        raise NotAllowed(message or _("You may not do this."))
    return access


# --------------------------------------------------------------------------------------------
# Procedure definitions.
# --------------------------------------------------------------------------------------------


def procedures() -> QuerySet[Procedure]:
    """Procedures are agency documents: every staff member may read them."""
    return Procedure.objects.prefetch_related("revisions")


def revisions_for(user, include_all: bool = False) -> QuerySet[ProcedureRevision]:
    if not Access.for_user(user).can_anywhere(C.VIEW_REGISTER):
        raise NotAllowed(_("You may not see procedures."))
    revisions = ProcedureRevision.objects.all() if include_all else effective_revisions()
    return revisions.select_related("procedure").order_by("name", "-number")


def get_revision(user, pk) -> ProcedureRevision:
    revision = revisions_for(user, include_all=True).filter(pk=pk).first()
    if revision is None:
        raise NotFound(_("Procedure not found."))
    return revision


def effective_revisions() -> QuerySet[ProcedureRevision]:
    return ProcedureRevision.objects.filter(status=RevisionStatus.EFFECTIVE).order_by("name")


def _unique_code(name: str) -> str:
    base = slugify(name)[:70] or "prosedur"
    code, counter = base, 2
    while Procedure.objects.filter(code=code).exists():
        code, counter = f"{base}-{counter}", counter + 1
    return code


def import_procedure(user, parsed, *, source_name: str = "", source_bytes: bytes = b"",
                     procedure: Procedure | None = None, scope: str | None = None,
                     code: str = "", request=None) -> ProcedureRevision:
    """Save a parsed SOP as a draft revision (of a new procedure, or of `procedure`).

    The draft is reviewed (actors mapped to roles, kinds confirmed) and then activated.
    """
    _require(user, C.MANAGE_PROCEDURES, message=_("Only the PPID may import procedures."))
    header = {
        "name": parsed.name, "agency_name": parsed.agency, "unit_name": parsed.unit_name,
        "sop_number": parsed.number, "made_on": parsed.made_on, "revised_on": parsed.revised_on,
        "effective_on": parsed.effective_on, "approved_by": parsed.approved_by,
        "legal_basis": parsed.legal_basis, "qualifications": parsed.qualifications,
        "related": parsed.related, "equipment": parsed.equipment,
        "warnings": parsed.warnings, "recording": parsed.recording,
        "scope": scope or guess_scope(parsed.name),
    }
    actors = [{"name": name, "role": suggest_role(name)} for name in parsed.actors]
    steps = [{
        "number": s.number, "activity": s.activity, "required_inputs": s.required_inputs,
        "time_amount": (s.time_standard or {}).get("amount"),
        "time_unit": (s.time_standard or {}).get("unit", ""),
        "output": s.output, "notes": s.notes, "kind": s.kind, "actors": list(s.actors),
        "actor_note": s.actor_reason,
    } for s in parsed.steps]
    with transaction.atomic():
        if procedure is None:
            procedure = Procedure.objects.create(
                code=code or _unique_code(parsed.name or source_name))
        revision = _new_revision(procedure, user)
        revision.source_name = source_name[:255]
        revision.source_sha256 = hashlib.sha256(source_bytes).hexdigest() if source_bytes else ""
        revision.import_problems = list(parsed.problems)
        save_revision(user, revision, header=header, actors=actors, steps=steps, _audit=False)
        audit.record(Action.PROCEDURE_IMPORT, actor=user, obj=revision, request=request,
                     after={"source": source_name, "steps": len(steps),
                            "problems": len(parsed.problems)})
    return revision


def _new_revision(procedure: Procedure, user) -> ProcedureRevision:
    last = procedure.revisions.order_by("-number").values_list("number", flat=True).first()
    return ProcedureRevision.objects.create(procedure=procedure, number=(last or 0) + 1,
                                            name="-", created_by=user)


def guess_scope(name: str) -> str:
    """Announcing, DIP updates and site maintenance run on the register as a whole."""
    lowered = (name or "").lower()
    if any(word in lowered for word in ("pengumuman", "daftar informasi", "pemeliharaan situs")):
        return Scope.REGISTER
    return Scope.ITEM


_ROLE_HINTS: tuple[tuple[str, str], ...] = (
    (r"atasan ppid|kepala badan|kepala balai|kepala dinas|kepala biro|kepala lpmp|kaban",
     Role.PPID_SUPERIOR),
    (r"ppid pelaksana|ppid pembantu|kepala bidang|kabid|kepala bagian|kabag", Role.UNIT_PPID),
    (r"situs|web|pengolah data|pranata komputer", Role.WEB_MANAGER),
    (r"^ppid( utama)?$", Role.PPID),
    (r"petugas|pengadministrasi|penelaah|jfu|staf|pelaksana|arsip|analis", Role.UNIT_OFFICER),
)


def suggest_role(actor_name: str) -> str:
    """A first guess of the role behind an actor column; the PPID confirms it before use."""
    lowered = actor_name.strip().lower()
    for pattern, role in _ROLE_HINTS:
        if re.search(pattern, lowered):
            return role
    return ""


def save_revision(user, revision: ProcedureRevision, *, header: dict | None = None,
                  actors: list[dict] | None = None, steps: list[dict] | None = None,
                  request=None, _audit: bool = True) -> ProcedureRevision:
    """Replace a draft's header, actors and steps. Steps name their actors by name or id."""
    _require(user, C.MANAGE_PROCEDURES, message=_("Only the PPID may edit procedures."))
    if not revision.is_editable:
        raise Conflict(_("An effective procedure cannot be changed; start a new revision."))
    errors: dict[str, list[str]] = {}
    with transaction.atomic():
        for name, value in (header or {}).items():
            if name in HEADER_FIELDS:
                setattr(revision, name, value if value is not None or name.endswith("_on")
                        else "")
        if not (revision.name or "").strip() or revision.name == "-":
            errors.setdefault("name", []).append(_("The procedure needs a name."))
        if revision.scope not in Scope.values:
            errors.setdefault("scope", []).append(_("Choose what a case runs on."))
        revision.save()
        if actors is not None:
            _replace_actors(revision, actors, errors)
        if steps is not None:
            _replace_steps(revision, steps, errors)
        if errors:
            transaction.set_rollback(True)
            raise InvalidInput(_("The procedure has errors."), field_errors=errors)
        _link_related(revision)
        if _audit:
            audit.record(Action.UPDATE, actor=user, obj=revision, request=request,
                         after={"steps": revision.steps.count()})
    return revision


def _replace_actors(revision, actors: list[dict], errors) -> None:
    revision.steps.all().delete()
    revision.actors.all().delete()
    seen = set()
    for position, data in enumerate(actors, start=1):
        name = (data.get("name") or "").strip()
        if not name or name.lower() in seen:
            errors.setdefault("actors", []).append(
                _("Actor %(n)s needs a name of its own.") % {"n": position})
            continue
        seen.add(name.lower())
        role = data.get("role") or ""
        if role and role not in Role.values:
            errors.setdefault("actors", []).append(_("Unknown role “%(r)s”.") % {"r": role})
            role = ""
        Actor.objects.create(revision=revision, position=position, name=name[:255], role=role,
                             unit_id=data.get("unit") or None, note=data.get("note") or "")


def _replace_steps(revision, steps: list[dict], errors) -> None:
    revision.steps.all().delete()
    actors = list(revision.actors.all())
    by_name = {a.name.lower(): a for a in actors}
    by_id = {a.pk: a for a in actors}
    for position, data in enumerate(steps, start=1):
        label = _("Step %(n)s") % {"n": data.get("number") or position}
        problems = []
        if not (data.get("activity") or "").strip():
            problems.append(_("%(step)s needs an activity.") % {"step": label})
        kind = data.get("kind") or StepKind.OTHER
        if kind not in StepKind.values:
            problems.append(_("%(step)s has an unknown kind.") % {"step": label})
            kind = StepKind.OTHER
        amount, unit = data.get("time_amount"), data.get("time_unit") or ""
        if (amount is None) != (not unit) or (unit and unit not in TimeUnit.values):
            problems.append(_("%(step)s: give the time standard as an amount and a unit.")
                            % {"step": label})
            amount, unit = None, ""
        step_actors = []
        for ref in data.get("actors") or []:
            actor = by_id.get(ref) if isinstance(ref, int) else by_name.get(str(ref).lower())
            if actor is None:
                problems.append(_("%(step)s names an unknown actor “%(a)s”.")
                                % {"step": label, "a": ref})
            else:
                step_actors.append(actor)
        if problems:
            errors.setdefault("steps", []).extend(problems)
            continue
        step = Step.objects.create(
            revision=revision, position=position,
            number=int(data.get("number") or position), activity=data["activity"].strip(),
            required_inputs=data.get("required_inputs") or "", time_amount=amount,
            time_unit=unit, output=data.get("output") or "", notes=data.get("notes") or "",
            kind=kind, actor_note=data.get("actor_note") or "",
        )
        step.actors.set(step_actors)


def _link_related(revision: ProcedureRevision) -> None:
    """Link the 'Keterkaitan' entries to procedures that exist here, by name."""
    names = {r.name.lower(): r.procedure_id for r in effective_revisions()
             .exclude(procedure=revision.procedure)}
    linked = set()
    for entry in revision.related or []:
        text = entry.lower()
        for name, procedure_id in names.items():
            if name and name in text:
                linked.add(procedure_id)
    revision.related_procedures.set(linked)


def activation_problems(revision: ProcedureRevision) -> list[str]:
    problems = []
    steps = list(revision.ordered_steps())
    if not steps:
        problems.append(_("The procedure has no steps."))
    for actor in revision.actors.all():
        if not actor.role and actor.steps.exists():
            problems.append(_("Actor “%(a)s” is not mapped to a role.") % {"a": actor.name})
    for step in steps:
        if not step.actors.all():
            problems.append(_("Step %(n)s has no actor.") % {"n": step.number})
    return problems


def activate(user, revision: ProcedureRevision, request=None) -> ProcedureRevision:
    """Make a draft effective; the previous effective revision is superseded.

    Running cases keep the revision they started with.
    """
    _require(user, C.MANAGE_PROCEDURES, message=_("Only the PPID may activate procedures."))
    with transaction.atomic():
        revision = ProcedureRevision.objects.select_for_update().get(pk=revision.pk)
        if revision.status != RevisionStatus.DRAFT:
            raise Conflict(_("Only a draft can be made effective."))
        problems = activation_problems(revision)
        if problems:
            raise InvalidInput(_("The procedure is not ready: %(p)s") % {"p": _Joined(problems)},
                               field_errors={"__all__": problems})
        previous = revision.procedure.effective_revision()
        if previous is not None:
            previous.status = RevisionStatus.SUPERSEDED
            previous.save(update_fields=["status"])
        revision.status = RevisionStatus.EFFECTIVE
        revision.activated_at, revision.activated_by = timezone.now(), user
        revision.save(update_fields=["status", "activated_at", "activated_by"])
        audit.record(Action.PROCEDURE_ACTIVATE, actor=user, obj=revision, request=request,
                     before={"revision": previous.number if previous else None},
                     after={"revision": revision.number})
    return revision


def discard_draft(user, revision: ProcedureRevision, request=None) -> None:
    """Throw away a draft (e.g. an import that was not wanted); effective ones stay forever."""
    _require(user, C.MANAGE_PROCEDURES, message=_("Only the PPID may edit procedures."))
    if revision.status != RevisionStatus.DRAFT:
        raise Conflict(_("Only a draft can be discarded."))
    with transaction.atomic():
        procedure = revision.procedure
        audit.record(Action.DELETE, actor=user, obj=revision, request=request,
                     before={"name": revision.name, "revision": revision.number})
        revision.delete()
        if not procedure.revisions.exists():
            procedure.delete()


def revision_as_data(revision: ProcedureRevision) -> tuple[dict, list[dict], list[dict]]:
    header = {name: getattr(revision, name) for name in HEADER_FIELDS}
    actors = [{"name": a.name, "role": a.role, "unit": a.unit_id, "note": a.note}
              for a in revision.actors.all()]
    steps = []
    for step in revision.ordered_steps():
        data = {name: getattr(step, name) for name in STEP_FIELDS}
        data["actors"] = [a.name for a in step.actors.all()]
        steps.append(data)
    return header, actors, steps


def new_revision(user, procedure: Procedure, request=None) -> ProcedureRevision:
    """Editing an effective procedure starts here: a draft copy of the latest revision."""
    _require(user, C.MANAGE_PROCEDURES, message=_("Only the PPID may edit procedures."))
    source = procedure.effective_revision() or procedure.revisions.order_by("-number").first()
    if procedure.revisions.filter(status=RevisionStatus.DRAFT).exists():
        raise Conflict(_("This procedure already has a draft revision."))
    header, actors, steps = revision_as_data(source)
    with transaction.atomic():
        draft = _new_revision(procedure, user)
        draft.source_name, draft.source_sha256 = source.source_name, source.source_sha256
        save_revision(user, draft, header=header, actors=actors, steps=steps, _audit=False)
        audit.record(Action.CREATE, actor=user, obj=draft, request=request,
                     after={"from_revision": source.number})
    return draft


# --------------------------------------------------------------------------------------------
# Cases: who may do what.
# --------------------------------------------------------------------------------------------


def _case_unit_id(case_or_item) -> int | None:
    if isinstance(case_or_item, Case):
        if case_or_item.item_id:
            return case_or_item.item.holder_unit_id
        return case_or_item.unit_id
    return case_or_item.holder_unit_id if case_or_item else None


def executor_problem(user, step: Step, unit_id: int | None, item=None) -> str | None:
    """Why this person cannot carry out this step's effect, or None."""
    access = Access.for_user(user)
    if not access.can_anywhere(C.VIEW_REGISTER):
        return _("%(u)s holds no position in the agency.") % {"u": user.get_username()}
    if item is not None and not register.staff_items(user).filter(pk=item.pk).exists():
        return _("%(u)s may not handle exempt information of this unit.") % {
            "u": user.get_username()}
    for capability in KIND_CAPABILITIES.get(step.kind, ()):
        ok = access.can(capability, unit_id) if unit_id else access.can_anywhere(capability)
        if not ok:
            return _("%(u)s may not carry out step %(n)s (%(kind)s): missing “%(cap)s”.") % {
                "u": user.get_username(), "n": step.number, "kind": step.get_kind_display(),
                "cap": C(capability).label}
    return None


def candidates(actor: Actor, unit_id: int | None) -> QuerySet:
    """People holding a position that matches the actor (role, and unit where it matters)."""
    positions = Position.objects.filter(active=True, role=actor.role, user__is_active=True)
    if actor.unit_id:
        positions = positions.filter(unit_id__in=actor.unit.descendant_ids())
    elif unit_id and actor.role in UNIT_SCOPED_ROLES:
        # A unit role is played by someone whose unit holds the item (or is above it).
        unit_ids = _ancestor_ids(unit_id)
        positions = positions.filter(unit_id__in=unit_ids)
    return User.objects.filter(pk__in=positions.values("user_id")).order_by("username")


def _ancestor_ids(unit_id: int) -> list[int]:
    parents = dict(Unit.objects.values_list("pk", "parent_id"))
    chain, current = [], unit_id
    while current is not None and current not in chain:
        chain.append(current)
        current = parents.get(current)
    return chain


def visible_cases(user) -> QuerySet[Case]:
    """Cases a staff member may see: those on items they may see, and register-wide ones."""
    if not Access.for_user(user).can_anywhere(C.VIEW_REGISTER):
        return Case.objects.none()
    return Case.objects.filter(
        Q(item__isnull=True) | Q(item__in=register.staff_items(user))
    ).select_related("revision", "item")


def get_case(user, pk) -> Case:
    case = visible_cases(user).filter(pk=pk).first()
    if case is None:
        raise NotFound(_("Case not found."))
    return case


def get_task(user, pk) -> Task:
    task = Task.objects.filter(pk=pk, case__in=visible_cases(user)).select_related(
        "case", "step", "assignee").first()
    if task is None:
        raise NotFound(_("Task not found."))
    return task


TASK_DETAILS = ("deviations__executor", "letters__from_user", "letters__to_user", "files")


def my_tasks(user) -> QuerySet[Task]:
    return (Task.objects.filter(assignee=user, status=TaskStatus.ACTIVE,
                                case__in=visible_cases(user))
            .select_related("case", "step", "case__revision", "assignee")
            .prefetch_related(*TASK_DETAILS).order_by("due_at"))


def overdue_tasks(user) -> QuerySet[Task]:
    """Overdue active tasks: one's own, or all of them for those who manage procedures."""
    tasks = Task.objects.filter(status=TaskStatus.ACTIVE, due_at__lt=timezone.now(),
                                case__in=visible_cases(user))
    if not Access.for_user(user).can_anywhere(C.MANAGE_PROCEDURES):
        tasks = tasks.filter(assignee=user)
    return (tasks.select_related("case", "step", "assignee").prefetch_related(*TASK_DETAILS)
            .order_by("due_at"))


# --------------------------------------------------------------------------------------------
# Running a case.
# --------------------------------------------------------------------------------------------


def start_case(user, revision: ProcedureRevision, *, item: InformationItem | None = None,
               title: str = "", unit: Unit | None = None,
               assignments: dict | None = None, request=None) -> Case:
    """Start a case; `assignments` maps actor ids (or names) to users (default: first match)."""
    if revision.status != RevisionStatus.EFFECTIVE:
        raise Conflict(_("Only an effective procedure can be run."))
    if revision.scope == Scope.ITEM and item is None:
        raise InvalidInput(_("Choose the information item this case is about."),
                           field_errors={"item": [_("This field is required.")]})
    if item is not None:
        item = register.get_staff_item(user, item.pk)
        if item.status == Status.DISPOSED:
            raise Conflict(_("This item was disposed of; no procedure can run on it."))
    unit_id = item.holder_unit_id if item else (unit.pk if unit else None)
    _require(user, C.RUN_PROCEDURES, unit_id, _("You may not start cases of this procedure."))
    steps = list(revision.ordered_steps())
    chosen = _resolve_assignments(revision, assignments or {}, unit_id)
    errors = []
    for step in steps:
        for actor in step.actors.all()[:1]:
            person = chosen.get(actor.pk)
            if person is None:
                errors.append(_("Nobody holds the position for “%(a)s” (step %(n)s).")
                              % {"a": actor.name, "n": step.number})
                continue
            problem = executor_problem(person, step, unit_id, item)
            if problem:
                errors.append(problem)
    if errors:
        raise InvalidInput(_("The case cannot start: %(problems)s") % {
            "problems": _Joined(list(dict.fromkeys(errors)))},
            field_errors={"assignments": list(dict.fromkeys(errors))})
    with transaction.atomic():
        case = Case.objects.create(
            number=Case.next_number(), revision=revision, item=item,
            unit_id=unit_id, started_by=user,
            title=(title or (f"{revision.name}: {item.title}" if item else revision.name))[:500],
        )
        for actor_id, person in chosen.items():
            CaseActor.objects.create(case=case, actor_id=actor_id, user=person)
        audit.record(Action.CASE_START, actor=user, obj=case, request=request,
                     after={"procedure": revision.name, "revision": revision.number,
                            "item": item.pk if item else None,
                            "assignments": {a: p.get_username() for a, p in chosen.items()}})
        _activate_step(case, steps[0], sequence=1, calendar=work_calendar())
    return case


def _resolve_assignments(revision, assignments: dict, unit_id) -> dict[int, object]:
    actors = list(revision.actors.all())
    by_key = {str(a.pk): a for a in actors} | {a.name.lower(): a for a in actors}
    chosen: dict[int, object] = {}
    for key, person in assignments.items():
        actor = by_key.get(str(key)) or by_key.get(str(key).lower())
        if actor is None:
            raise InvalidInput(_("Unknown actor “%(a)s”.") % {"a": key})
        if not isinstance(person, User):
            person = User.objects.filter(Q(username=person) | Q(pk__in=[person] if str(
                person).isdigit() else [])).first()
            if person is None:
                raise InvalidInput(_("Unknown user for actor “%(a)s”.") % {"a": actor.name})
        chosen[actor.pk] = person
    for actor in actors:
        if actor.pk not in chosen:
            person = candidates(actor, unit_id).first()
            if person is not None:
                chosen[actor.pk] = person
    return chosen


def _activate_step(case: Case, step: Step, *, sequence: int, calendar) -> Task:
    actor = step.actors.order_by("position").first()
    person = CaseActor.objects.get(case=case, actor=actor).user
    now = timezone.now()
    due = None
    if step.time_amount is not None and step.time_unit:
        due = calendar.add(now, step.time_amount, step.time_unit)
    passes = case.tasks.filter(step=step).count()
    return Task.objects.create(case=case, step=step, sequence=sequence,
                               pass_number=passes + 1, assignee=person, started_at=now,
                               due_at=due, inputs=[{"name": n, "present": False}
                                                   for n in step.input_list])


@dataclass
class Completion:
    """What an executor hands in when completing a task."""

    inputs_present: Iterable[str] = ()
    output_note: str = ""
    output_file: CaseFile | None = None
    decision: str = ""
    back_to: int | None = None
    reason: str = ""
    category: str = ""
    exemption_ground: str = ""
    exemption_until: date | None = None
    items: Iterable[int] = ()
    deviation_reason: str = ""


def attach_file(user, case: Case, uploaded, *, purpose: str, input_name: str = "",
                task: Task | None = None) -> CaseFile:
    """Keep a file for the case (input, output or letter); nothing is kept if it fails."""
    if case.status != CaseStatus.RUNNING:
        raise Conflict(_("The case is closed."))
    if purpose not in FilePurpose.values:
        raise InvalidInput(_("Unknown file purpose."))
    content_type = filetypes.detect(uploaded)
    if content_type is None:
        raise InvalidInput(_("This type of file is not accepted. Upload PDF, DOCX, XLSX, ODT, "
                             "ODS, JPEG, PNG, TIFF or plain text."))
    digest, size = register._hash_and_size(uploaded)
    if size == 0:
        raise InvalidInput(_("The file is empty."))
    name = (getattr(uploaded, "name", "") or "berkas").rsplit("/", 1)[-1][:255]
    record = CaseFile(case=case, task=task, purpose=purpose, input_name=input_name[:255],
                      original_name=name, content_type=content_type, size=size, sha256=digest,
                      uploaded_by=user)
    record.file.save(name, uploaded, save=False)
    try:
        record.save()
    except Exception:
        default_storage.delete(record.file.name)
        raise
    return record


def complete_task(user, task: Task, completion: Completion, request=None) -> Task:
    with transaction.atomic():
        task = Task.objects.select_for_update().select_related("case", "step").get(pk=task.pk)
        case, step = task.case, task.step
        if task.status != TaskStatus.ACTIVE or case.status != CaseStatus.RUNNING:
            raise Conflict(_("This step is not open."))
        if task.assignee_id != user.pk:
            raise NotAllowed(_("Only the assigned executor may complete this step."))
        now = timezone.now()
        errors: dict[str, list[str]] = {}
        task.inputs = _check_inputs(task, set(completion.inputs_present), errors)
        late = task.due_at is not None and now > task.due_at
        if late and not completion.deviation_reason.strip():
            errors.setdefault("deviation_reason", []).append(
                _("This step is late: the executor must give a reason for the deviation."))
        if step.kind == StepKind.REVIEW:
            _check_review(task, completion, errors)
        elif step.kind in (StepKind.HANDOVER, StepKind.OTHER):
            if not completion.output_note.strip() and completion.output_file is None:
                errors.setdefault("output_note", []).append(
                    _("Record the output: a note or a file."))
        if errors:
            raise InvalidInput(_("The step cannot be completed yet."), field_errors=errors)
        if completion.output_file is not None:
            completion.output_file.task = task
            completion.output_file.purpose = FilePurpose.OUTPUT
            completion.output_file.save(update_fields=["task", "purpose"])
        task.effect = _run_effect(user, task, completion, request)
        calendar = work_calendar()  # one per completion: it is read from the database
        task.status, task.completed_at, task.completed_by = TaskStatus.DONE, now, user
        task.output_note = completion.output_note.strip()
        task.working_minutes = calendar.working_minutes_between(task.started_at, now)
        if task.due_at is not None:
            task.standard_minutes = calendar.working_minutes_between(task.started_at,
                                                                     task.due_at)
        task.save()
        audit.record(Action.TASK_COMPLETE, actor=user, obj=case, request=request,
                     after={"step": step.number, "pass": task.pass_number,
                            "effect": task.effect, "late": late,
                            "decision": task.decision or None})
        if late:
            _record_deviation(task, completion.deviation_reason, request)
        _advance(case, task, user, request, calendar)
    return task


def _check_inputs(task: Task, present: set[str], errors) -> list[dict]:
    attached = set(task.case.files.filter(task=task, purpose=FilePurpose.INPUT)
                   .values_list("input_name", flat=True))
    checked, missing = [], []
    for name in task.step.input_list:
        entry = {"name": name, "present": name in present or name in attached,
                 "file": name in attached}
        if not entry["present"]:
            missing.append(name)
        checked.append(entry)
    if missing:
        errors.setdefault("inputs", []).append(
            _("Confirm or attach the required inputs: %(list)s.") % {"list": "; ".join(missing)})
    return checked


def _check_review(task: Task, completion: Completion, errors) -> None:
    if completion.decision not in ReviewDecision.values:
        errors.setdefault("decision", []).append(_("Approve, or send the case back."))
        return
    if completion.decision == ReviewDecision.SEND_BACK:
        earlier = task.step.revision.steps.filter(position__lt=task.step.position)
        if completion.back_to is None or not earlier.filter(number=completion.back_to).exists():
            errors.setdefault("back_to", []).append(_("Choose an earlier step to send back to."))
        if not completion.reason.strip():
            errors.setdefault("reason", []).append(_("Give the reason for sending it back."))


def _case_items(user, task: Task, completion: Completion) -> list[InformationItem]:
    if task.case.item_id:
        return [InformationItem.objects.get(pk=task.case.item_id)]
    items = [register.get_staff_item(user, pk) for pk in completion.items]
    if not items:
        raise InvalidInput(_("Choose the information items this step handles."),
                           field_errors={"items": [_("This field is required.")]})
    return items


def _run_effect(user, task: Task, completion: Completion, request) -> dict:
    kind = task.step.kind
    if kind == StepKind.REVIEW:
        task.decision = completion.decision
        task.decision_reason = completion.reason.strip()
        if completion.decision == ReviewDecision.SEND_BACK:
            task.sent_back_to = (task.step.revision.steps
                                 .filter(position__lt=task.step.position,
                                         number=completion.back_to)
                                 .order_by("-position").first())
            return {"decision": completion.decision, "back_to": task.sent_back_to.number}
        return {"decision": completion.decision}
    if kind == StepKind.CLASSIFY:
        return _classify(user, task, completion, request)
    if kind == StepKind.ARCHIVE:
        return {"archived": [_archive(user, task.case, item, request)
                             for item in _case_items(user, task, completion)]}
    if kind == StepKind.PUBLISH:
        return {"published": [_publish(user, item, request)
                              for item in _case_items(user, task, completion)]}
    if kind == StepKind.DATA_CENTER:
        return {"published": [_send_to_data_center(user, item, request)
                              for item in _case_items(user, task, completion)]}
    if kind == StepKind.PREPARE_DIP:
        return _prepare_dip(user, request)
    if kind == StepKind.MAINTAIN:
        return _maintain(user)
    return {}


def _classify(user, task: Task, completion: Completion, request) -> dict:
    if completion.category not in Category.values:
        raise InvalidInput(_("Choose the category."),
                           field_errors={"category": [_("This field is required.")]})
    data = {"category": completion.category, "exemption_ground": completion.exemption_ground,
            "exemption_until": completion.exemption_until}
    results = []
    for item in _case_items(user, task, completion):
        item = register.classify_item(user, item, data, request=request)
        results.append({"item": item.pk, "category": item.category})
    return {"classified": results}


def _archive(user, case: Case, item: InformationItem, request) -> dict:
    """Store the case's files as document versions of the item; mark it documented."""
    stored = []
    for case_file in case.files.filter(archived_as__isnull=True).exclude(
            purpose=FilePurpose.LETTER):
        with default_storage.open(case_file.file.name, "rb") as handle:
            version = register.add_version(user, item, File(handle, name=case_file.original_name),
                                           title=case_file.original_name,
                                           is_public=not item.is_exempt, request=request)
        case_file.archived_as = version
        case_file.save(update_fields=["archived_as"])
        stored.append(str(version.public_id))
    if not item.documents.exists():
        raise InvalidInput(_("There is no document to archive: attach the document to the "
                             "case or upload it to the item first."),
                           field_errors={"output_file": [_("This field is required.")]})
    if item.status == Status.DRAFT:
        register.transition(user, item, Status.DOCUMENTED, request=request)
    return {"item": item.pk, "versions": stored}


def _publish(user, item: InformationItem, request) -> dict:
    item.refresh_from_db()
    if item.is_exempt:
        # Seed 004 sends only public information on; exempt items stay in the internal store.
        return {"item": item.pk, "published": False, "reason": "exempt"}
    if item.status == Status.DRAFT:
        register.transition(user, item, Status.DOCUMENTED, request=request)
        item.refresh_from_db()
    if item.status != Status.PUBLISHED:
        register.transition(user, item, Status.PUBLISHED, request=request)
    return {"item": item.pk, "published": True}


def _send_to_data_center(user, item: InformationItem, request) -> dict:
    """Seed 004: public information goes on to the Pusat Data.

    Publishing puts it in the change feed and the DCAT catalog the Pusat Data harvests, and queues
    it for every configured CKAN portal (ppid.publication.changes), whose push records the
    channel per portal; without a portal, the channel is recorded here (the catalog).
    """
    from ppid.publication import channels
    from ppid.publication.constants import Channel
    from ppid.publication.models import DataPortal

    effect = _publish(user, item, request)
    if not effect["published"]:
        return effect
    portals = list(DataPortal.objects.filter(enabled=True).values_list("name", flat=True))
    if not portals:  # harvested from the catalog; a CKAN push records its own channel per portal
        channels.record_channel(user, item=item, channel=Channel.DATA_CENTER,
                                reference=reverse("publication_public:catalog"),
                                request=request)
    return {**effect, "data_center": True, "portals": portals}


def _prepare_dip(user, request) -> dict:
    """Seed 001 step 2: the Daftar Informasi Publik is prepared as a draft edition (the PPID
    signs it off by decree on the edition's page)."""
    from ppid.publication import editions
    from ppid.publication.constants import EditionKind

    edition = editions.prepare_draft(user, kind=EditionKind.DIP, request=request)
    # The DIP lists exactly the public items: counted, not built row by row.
    return {"edition": edition.pk, "rows": register.public_items().count()}


def _maintain(user) -> dict:
    """Seed 001 step 5: routine maintenance of the site and its security: a maintenance run."""
    from ppid.publication import maintenance
    from ppid.publication.constants import MaintenanceTrigger

    run = maintenance.execute(maintenance.start_run(user, MaintenanceTrigger.PROCEDURE))
    failed = list(run.checks.filter(passed=False).values_list("code", flat=True))
    return {"maintenance_run": run.pk, "status": run.status, "failed": failed}


def _record_deviation(task: Task, reason: str, request) -> Deviation:
    # Working minutes add up over intervals, so the overrun is taken minus allowed.
    overrun = task.working_minutes - task.standard_minutes
    deviation = Deviation.objects.create(
        task=task, kind=DeviationKind.TIME, executor=task.assignee,
        standard=task.step.time_display,
        actual=timezone.localtime(task.completed_at).strftime("%Y-%m-%d %H:%M"),
        overrun_minutes=overrun, reason=reason.strip())
    audit.record(Action.DEVIATION, actor=task.assignee, obj=task.case, request=request,
                 after={"step": task.step.number, "overrun_minutes": overrun,
                        "reason": deviation.reason})
    return deviation


def _advance(case: Case, task: Task, user, request, calendar) -> None:
    steps = list(case.revision.ordered_steps())
    if task.decision == ReviewDecision.SEND_BACK:
        target = task.sent_back_to
        task.status = TaskStatus.SENT_BACK
        task.save(update_fields=["status"])
        audit.record(Action.TASK_SEND_BACK, actor=user, obj=case, request=request,
                     after={"from_step": task.step.number, "to_step": target.number,
                            "reason": task.decision_reason})
        _activate_step(case, target, sequence=task.sequence + 1, calendar=calendar)
        return
    sequence = task.sequence
    for step in (s for s in steps if s.position > task.step.position):
        sequence += 1
        next_task = _activate_step(case, step, sequence=sequence, calendar=calendar)
        if not _skip_if_not_applicable(case, next_task, request):
            return
    case.status, case.completed_at = CaseStatus.COMPLETED, timezone.now()
    case.save(update_fields=["status", "completed_at"])
    audit.record(Action.CASE_COMPLETE, actor=user, obj=case, request=request,
                 after={"tasks": case.tasks.count()})


def _skip_if_not_applicable(case: Case, task: Task, request) -> bool:
    """A publish step on exempt information has nothing to do: it is closed, visibly.

    Seed 004 classifies first and then sends only public information on; when the item turned
    out exempt, the step is recorded as not applicable instead of waiting for someone who may
    not even see the item.
    """
    if task.step.kind not in (StepKind.PUBLISH, StepKind.DATA_CENTER) or case.item_id is None:
        return False
    item = InformationItem.objects.get(pk=case.item_id)
    if not item.is_exempt:
        return False
    task.status, task.completed_at = TaskStatus.SKIPPED, task.started_at
    task.effect = {"published": [{"item": item.pk, "published": False, "reason": "exempt"}]}
    task.save(update_fields=["status", "completed_at", "effect"])
    audit.record(Action.TASK_COMPLETE, obj=case, request=request,
                 after={"step": task.step.number, "skipped": "exempt"})
    return True


def reassign_task(user, task: Task, to_user, *, letter_number: str, issued_on: date,
                  period_start: date, period_end: date, letter_file, reason: str = "",
                  request=None) -> Task:
    """Hand an absent executor's step (and their later steps in this case) to a substitute.

    Needs a surat penugasan: number, date, period and the scanned letter.
    """
    _require(user, C.MANAGE_PROCEDURES, message=_("Only the PPID may reassign steps."))
    errors: dict[str, list[str]] = {}
    if not (letter_number or "").strip():
        errors["letter_number"] = [_("This field is required.")]
    if period_start and period_end and period_end < period_start:
        errors["period_end"] = [_("The period ends before it starts.")]
    if letter_file is None:
        errors["letter_file"] = [_("Attach the assignment letter.")]
    if errors:
        raise InvalidInput(_("The assignment letter is incomplete."), field_errors=errors)
    with transaction.atomic():
        task = Task.objects.select_for_update().select_related("case", "step").get(pk=task.pk)
        case = task.case
        if task.status != TaskStatus.ACTIVE:
            raise Conflict(_("Only an open step can be reassigned."))
        if to_user.pk == task.assignee_id:
            raise InvalidInput(_("Choose somebody other than the current executor."))
        problem = executor_problem(to_user, task.step, _case_unit_id(case), case.item)
        if problem:
            raise InvalidInput(problem, field_errors={"to_user": [problem]})
        stored = attach_file(user, case, letter_file, purpose=FilePurpose.LETTER, task=task)
        previous = task.assignee
        letter = AssignmentLetter.objects.create(
            task=task, number=letter_number.strip(), issued_on=issued_on,
            period_start=period_start, period_end=period_end, reason=reason.strip(),
            from_user=previous, to_user=to_user, file=stored, created_by=user)
        task.assignee = to_user
        task.save(update_fields=["assignee"])
        CaseActor.objects.filter(case=case, user=previous,
                                 actor__in=task.step.actors.all()).update(user=to_user)
        audit.record(Action.TASK_REASSIGN, actor=user, obj=case, request=request,
                     before={"executor": previous.get_username()},
                     after={"executor": to_user.get_username(), "step": task.step.number,
                            "letter": letter.number, "period": [str(period_start),
                                                                str(period_end)]})
    return task


def timeline(case: Case) -> list[Task]:
    return list(case.tasks.select_related("step", "assignee", "completed_by", "sent_back_to")
                .prefetch_related(*TASK_DETAILS).order_by("sequence"))
