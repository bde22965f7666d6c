"""Procedure endpoints (staff, token): list procedures, start cases, complete and reassign steps."""

from __future__ import annotations

from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from ppid.core.errors import InvalidInput, NotFound
from ppid.core.http import file_response
from ppid.core.models import Unit
from ppid.procedures import services
from ppid.procedures.constants import FilePurpose
from ppid.procedures.models import Case, CaseFile, ProcedureRevision, Task
from ppid.register import services as register
from ppid.register.schemas import ErrorOut

router = Router(tags=["procedures"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class TimeStandardOut(Schema):
    amount: int
    unit: str


class StepOut(Schema):
    id: int
    number: int
    activity: str
    actors: list[str]
    required_inputs: list[str]
    time_standard: TimeStandardOut | None
    output: str
    notes: str
    kind: str


class ActorOut(Schema):
    id: int
    name: str
    role: str
    unit: int | None


class ProcedureOut(Schema):
    id: int
    procedure_code: str
    revision: int
    status: str
    scope: str
    name: str
    sop_number: str
    agency_name: str
    effective_on: date | None
    actors: list[ActorOut]
    steps: list[StepOut]


class CaseIn(Schema):
    procedure: int | str  # revision id, or the procedure code (its effective revision)
    item: int | None = None
    unit: int | None = None
    title: str = ""
    assignments: dict[str, str] = {}  # actor id or name -> username


class TaskOut(Schema):
    id: int
    sequence: int
    step_number: int
    activity: str
    kind: str
    pass_number: int
    status: str
    assignee: str
    started_at: datetime
    due_at: datetime | None
    completed_at: datetime | None
    overdue: bool
    required_inputs: list[dict]
    output_note: str
    effect: dict
    decision: str
    decision_reason: str
    deviations: list[dict]
    letters: list[dict]


class CaseOut(Schema):
    id: int
    number: str
    title: str
    procedure: int
    procedure_name: str
    item: int | None
    status: str
    started_at: datetime
    completed_at: datetime | None
    tasks: list[TaskOut]


class FileOut(Schema):
    id: int
    purpose: str
    input_name: str
    original_name: str
    sha256: str
    size: int


class CompleteIn(Schema):
    inputs_present: list[str] = []
    output_note: str = ""
    output_file: int | None = None
    decision: str = ""
    back_to: int | None = None
    reason: str = ""
    category: str = ""
    exemption_ground: str = ""
    exemption_until: date | None = None
    items: list[int] = []
    deviation_reason: str = ""


class ReassignIn(Schema):
    to_user: str
    letter_number: str
    issued_on: date
    period_start: date
    period_end: date
    reason: str = ""


def _revision_out(revision: ProcedureRevision) -> dict:
    return {
        "id": revision.pk, "procedure_code": revision.procedure.code,
        "revision": revision.number, "status": revision.status, "scope": revision.scope,
        "name": revision.name, "sop_number": revision.sop_number,
        "agency_name": revision.agency_name, "effective_on": revision.effective_on,
        "actors": [{"id": a.pk, "name": a.name, "role": a.role, "unit": a.unit_id}
                   for a in revision.actors.all()],
        "steps": [{
            "id": s.pk, "number": s.number, "activity": s.activity,
            "actors": [a.name for a in s.actors.all()], "required_inputs": s.input_list,
            "time_standard": ({"amount": s.time_amount, "unit": s.time_unit}
                              if s.time_amount is not None else None),
            "output": s.output, "notes": s.notes, "kind": s.kind,
        } for s in revision.ordered_steps()],
    }


def _task_out(task: Task) -> dict:
    return {
        "id": task.pk, "sequence": task.sequence, "step_number": task.step.number,
        "activity": task.step.activity, "kind": task.step.kind,
        "pass_number": task.pass_number, "status": task.status,
        "assignee": task.assignee.get_username(), "started_at": task.started_at,
        "due_at": task.due_at, "completed_at": task.completed_at,
        "overdue": task.is_overdue, "required_inputs": task.inputs,
        "output_note": task.output_note, "effect": task.effect, "decision": task.decision,
        "decision_reason": task.decision_reason,
        "deviations": [{"kind": d.kind, "executor": d.executor.get_username(),
                        "overrun_minutes": d.overrun_minutes, "reason": d.reason}
                       for d in task.deviations.all()],
        "letters": [{"number": letter.number, "issued_on": str(letter.issued_on),
                     "period": [str(letter.period_start), str(letter.period_end)],
                     "from": letter.from_user.get_username(),
                     "to": letter.to_user.get_username(), "file": letter.file_id}
                    for letter in task.letters.all()],
    }


def _case_out(case: Case) -> dict:
    return {
        "id": case.pk, "number": case.number, "title": case.title,
        "procedure": case.revision_id, "procedure_name": case.revision.name,
        "item": case.item_id, "status": case.status, "started_at": case.started_at,
        "completed_at": case.completed_at,
        "tasks": [_task_out(task) for task in services.timeline(case)],
    }


@router.get("/procedures", response=list[ProcedureOut], summary="Effective procedures")
def list_procedures(request, all_revisions: bool = False):
    return [_revision_out(r) for r in services.revisions_for(request.user, all_revisions)]


@router.get("/procedures/{revision_id}", response={200: ProcedureOut, **ERRORS})
def get_procedure(request, revision_id: int):
    return _revision_out(services.get_revision(request.user, revision_id))


def _revision_for(user, ref) -> ProcedureRevision:
    if isinstance(ref, int) or str(ref).isdigit():
        return services.get_revision(user, int(ref))
    revision = services.effective_revisions().filter(procedure__code=ref).first()
    if revision is None:
        raise NotFound(_("Procedure not found."))
    return services.get_revision(user, revision.pk)


@router.post("/cases", response={201: CaseOut, **ERRORS}, summary="Start a case")
def start_case(request, payload: CaseIn):
    revision = _revision_for(request.user, payload.procedure)
    item = register.get_staff_item(request.user, payload.item) if payload.item else None
    unit = None
    if payload.unit:
        unit = Unit.objects.filter(pk=payload.unit).first()
        if unit is None:
            raise NotFound(_("Unit not found."))
    case = services.start_case(request.user, revision, item=item, unit=unit,
                               title=payload.title, assignments=payload.assignments,
                               request=request)
    return Status(201, _case_out(case))


@router.get("/cases/{case_id}", response={200: CaseOut, **ERRORS})
def get_case(request, case_id: int):
    return _case_out(services.get_case(request.user, case_id))


@router.get("/tasks", response=list[TaskOut], summary="My open tasks (or overdue ones)")
def my_tasks(request, overdue: bool = False):
    tasks = services.overdue_tasks(request.user) if overdue else services.my_tasks(request.user)
    return [_task_out(task) for task in tasks]


@router.post("/cases/{case_id}/files", response={201: FileOut, **ERRORS},
             summary="Attach a file (required input or output) to the case's open step")
def attach_file(request, case_id: int, file: File[UploadedFile], purpose: Form[str] = "input",
                input_name: Form[str] = ""):
    case = services.get_case(request.user, case_id)
    if purpose not in (FilePurpose.INPUT, FilePurpose.OUTPUT):
        raise InvalidInput(_("Unknown file purpose."))
    task = case.tasks.filter(status="active").first()
    if task is None or task.assignee_id != request.user.pk:
        raise NotFound(_("You have no open step in this case."))
    stored = services.attach_file(request.user, case, file, purpose=purpose,
                                  input_name=input_name, task=task)
    return Status(201, _file_out(stored))


def _file_out(stored: CaseFile) -> dict:
    return {"id": stored.pk, "purpose": stored.purpose, "input_name": stored.input_name,
            "original_name": stored.original_name, "sha256": stored.sha256,
            "size": stored.size}


@router.get("/cases/{case_id}/files/{file_id}", response={200: None, **ERRORS})
def download_file(request, case_id: int, file_id: int):
    case = services.get_case(request.user, case_id)
    stored = case.files.filter(pk=file_id).first()
    if stored is None:
        raise NotFound(_("File not found."))
    return file_response(stored.file, stored.original_name, stored.content_type)


@router.post("/tasks/{task_id}/complete", response={200: CaseOut, **ERRORS},
             summary="Complete a step")
def complete(request, task_id: int, payload: CompleteIn):
    task = services.get_task(request.user, task_id)
    output_file = None
    if payload.output_file is not None:
        output_file = task.case.files.filter(pk=payload.output_file).first()
        if output_file is None:
            raise NotFound(_("File not found."))
    data = payload.dict()
    data["output_file"] = output_file
    services.complete_task(request.user, task, services.Completion(**data), request=request)
    return _case_out(services.get_case(request.user, task.case_id))


@router.post("/tasks/{task_id}/reassign", response={200: CaseOut, **ERRORS},
             summary="Reassign a step with an assignment letter (surat penugasan)")
def reassign(request, task_id: int, payload: Form[ReassignIn], letter: File[UploadedFile]):
    task = services.get_task(request.user, task_id)
    to_user = get_user_model().objects.filter(username=payload.to_user).first()
    if to_user is None:
        raise InvalidInput(_("Unknown user."), field_errors={"to_user": [_("Unknown user.")]})
    services.reassign_task(
        request.user, task, to_user, letter_number=payload.letter_number,
        issued_on=payload.issued_on, period_start=payload.period_start,
        period_end=payload.period_end, letter_file=letter, reason=payload.reason,
        request=request)
    return _case_out(services.get_case(request.user, task.case_id))
