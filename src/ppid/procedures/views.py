"""Workspace pages for procedures, cases and tasks. Every decision is in services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ppid.core.access import Access
from ppid.core.constants import Capability as C
from ppid.core.errors import NotAllowed, ServiceError
from ppid.core.http import stored_file_response
from ppid.procedures import reports, services
from ppid.procedures.constants import RevisionStatus, Scope, StepKind, TaskStatus
from ppid.procedures.flowchart import flowchart_svg
from ppid.procedures.forms import (
    ActorFormSet,
    CompleteForm,
    HeaderForm,
    ImportForm,
    ReassignForm,
    StartCaseForm,
    StepFormSet,
)
from ppid.procedures.importer import parse_file
from ppid.procedures.models import Procedure
from ppid.register import services as register
from ppid.register.constants import Status
from ppid.workspace.auth import staff_required


def _may_manage(user) -> bool:
    return Access.for_user(user).can_anywhere(C.MANAGE_PROCEDURES)


@staff_required
def procedure_list(request):
    procedures = Procedure.objects.prefetch_related("revisions__steps").order_by("code")
    rows = []
    for procedure in procedures:
        revisions = sorted(procedure.revisions.all(), key=lambda r: -r.number)
        effective = next((r for r in revisions if r.status == RevisionStatus.EFFECTIVE), None)
        draft = next((r for r in revisions if r.status == RevisionStatus.DRAFT), None)
        rows.append({"procedure": procedure, "effective": effective, "draft": draft,
                     "latest": revisions[0] if revisions else None})
    rows.sort(key=lambda row: (row["latest"].name if row["latest"] else "").lower())
    return render(request, "procedures/list.html", {
        "rows": rows, "may_manage": _may_manage(request.user),
        "may_report": reports.can_view(request.user),
        "may_run": Access.for_user(request.user).can_anywhere(C.RUN_PROCEDURES),
    })


@staff_required
def import_upload(request):
    if not _may_manage(request.user):
        raise NotAllowed(_("Only the PPID may import procedures."))
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            parsed = parse_file(upload.name, data)
            revision = services.import_procedure(request.user, parsed, source_name=upload.name,
                                                 source_bytes=data, request=request)
        except ValueError as exc:
            form.add_error("file", _("The file could not be read: %(e)s") % {"e": exc})
        except ServiceError as exc:
            for line in exc.lines():
                form.add_error(None, line)
        else:
            request.session[f"import-fields-{revision.pk}"] = [list(f) for f in
                                                               parsed.fields_read]
            messages.success(request, _(
                "The SOP was read and saved as a draft. Check every field, map the actors to "
                "roles, confirm the step kinds, then make it effective."))
            return redirect("procedures:revision_edit", pk=revision.pk)
    return render(request, "procedures/import.html", {"form": form})


@staff_required
def revision_detail(request, pk: int):
    revision = services.get_revision(request.user, pk)
    steps = list(revision.ordered_steps())
    return render(request, "procedures/revision.html", {
        "revision": revision, "steps": steps, "actors": list(revision.actors.all()),
        "may_manage": _may_manage(request.user),
        "may_run": revision.status == RevisionStatus.EFFECTIVE
        and Access.for_user(request.user).can_anywhere(C.RUN_PROCEDURES),
        "problems": services.activation_problems(revision) if revision.is_editable else [],
        "other_revisions": revision.procedure.revisions.exclude(pk=revision.pk),
        "cases": services.visible_cases(request.user).filter(revision=revision)[:20],
        "flowchart": flowchart_svg(revision) if steps else "",
    })


@staff_required
def revision_edit(request, pk: int):
    revision = services.get_revision(request.user, pk)
    if not _may_manage(request.user):
        raise NotAllowed(_("Only the PPID may edit procedures."))
    if not revision.is_editable:
        messages.info(request, _("An effective procedure is changed through a new revision."))
        return redirect("procedures:revision", pk=pk)
    header, actors, steps = services.revision_as_data(revision)
    columns = {a["name"]: i for i, a in enumerate(actors, start=1)}
    for step in steps:
        step["actor"] = columns.get(step["actors"][0]) if step["actors"] else None
    header_form = HeaderForm(request.POST or None, initial=header, prefix="h")
    actor_forms = ActorFormSet(request.POST or None, initial=actors, prefix="a")
    step_forms = StepFormSet(request.POST or None, initial=steps, prefix="s")
    errors: list[str] = []
    if request.method == "POST" and all(f.is_valid() for f in (header_form, actor_forms,
                                                               step_forms)):
        new_actors = [f.cleaned_data for f in actor_forms.forms
                      if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        names = [a["name"] for a in new_actors]
        new_steps = []
        for form in step_forms.forms:
            data = dict(form.cleaned_data)
            if not data or data.pop("DELETE", False):
                continue
            column = data.pop("actor")
            if column and column > len(names):
                errors.append(_("Step %(n)s: there is no actor column %(c)s.")
                              % {"n": data["number"], "c": column})
            data["actors"] = [names[column - 1]] if column and column <= len(names) else []
            data["time_unit"] = data.get("time_unit") or ""
            new_steps.append(data)
        for actor in new_actors:
            actor["unit"] = actor["unit"].pk if actor.get("unit") else None
        if not errors:
            try:
                services.save_revision(request.user, revision, header=header_form.cleaned_data,
                                       actors=new_actors, steps=new_steps, request=request)
            except ServiceError as exc:
                errors += exc.lines()
            else:
                if "activate" in request.POST:
                    return revision_activate(request, pk)
                messages.success(request, _("Changes saved."))
                return redirect("procedures:revision_edit", pk=pk)
    return render(request, "procedures/edit.html", {
        "revision": revision, "header_form": header_form, "actor_forms": actor_forms,
        "step_forms": step_forms, "errors": errors,
        "fields_read": request.session.get(f"import-fields-{revision.pk}", []),
        "problems": services.activation_problems(revision),
    })


@staff_required
@require_POST
def revision_activate(request, pk: int):
    revision = services.get_revision(request.user, pk)
    try:
        services.activate(request.user, revision, request=request)
    except ServiceError as exc:
        for line in exc.lines():
            messages.error(request, line)
        return redirect("procedures:revision_edit", pk=pk)
    messages.success(request, _("The procedure is now effective."))
    return redirect("procedures:revision", pk=pk)


@staff_required
@require_POST
def revision_discard(request, pk: int):
    revision = services.get_revision(request.user, pk)
    try:
        services.discard_draft(request.user, revision, request=request)
    except ServiceError as exc:
        for line in exc.lines():
            messages.error(request, line)
        return redirect("procedures:revision", pk=pk)
    messages.success(request, _("The draft was discarded."))
    return redirect("procedures:list")


@staff_required
@require_POST
def revision_new(request, pk: int):
    revision = services.get_revision(request.user, pk)
    try:
        draft = services.new_revision(request.user, revision.procedure, request=request)
    except ServiceError as exc:
        for line in exc.lines():
            messages.error(request, line)
        return redirect("procedures:revision", pk=pk)
    messages.success(request, _("A new draft revision was made. Running cases keep theirs."))
    return redirect("procedures:revision_edit", pk=draft.pk)


def _candidates(revision, unit_id):
    return {actor.pk: services.candidates(actor, unit_id) for actor in revision.actors.all()}


@staff_required
def case_start(request, pk: int):
    revision = services.get_revision(request.user, pk)
    item = None
    item_id = request.POST.get("item") or request.GET.get("item")
    if item_id and str(item_id).isdigit():
        item = register.staff_items(request.user).filter(pk=item_id).first()
    unit_id = item.holder_unit_id if item else None
    actors = list(revision.actors.all())
    form = StartCaseForm(request.POST or None, initial={"item": item.pk if item else None},
                         actors=actors, candidates=_candidates(revision, unit_id))
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data.get("item") and item is None:
            form.add_error("item", _("Information item not found."))
        else:
            assignments = {str(a.pk): form.cleaned_data[f"actor_{a.pk}"] for a in actors
                           if form.cleaned_data.get(f"actor_{a.pk}")}
            try:
                case = services.start_case(request.user, revision, item=item,
                                           unit=form.cleaned_data.get("unit"),
                                           title=form.cleaned_data.get("title") or "",
                                           assignments=assignments, request=request)
            except ServiceError as exc:
                for line in exc.lines():
                    form.add_error(None, line)
            else:
                messages.success(request, _("Case %(n)s started.") % {"n": case.number})
                return redirect("procedures:case", pk=case.pk)
    choices = []
    if revision.scope == Scope.ITEM:
        choices = (register.staff_items(request.user).exclude(status=Status.WITHDRAWN)
                   .order_by("-updated_at")[:300])
    return render(request, "procedures/case_start.html", {
        "revision": revision, "form": form, "item": item, "item_choices": choices})


@staff_required
def case_list(request):
    cases = services.visible_cases(request.user).order_by("-started_at")
    status = request.GET.get("status")
    if status in ("running", "completed", "cancelled"):
        cases = cases.filter(status=status)
    return render(request, "procedures/cases.html", {"cases": cases[:200], "status": status})


def _item_choices(user, task):
    if task.case.item_id or task.step.kind not in (StepKind.PUBLISH, StepKind.ARCHIVE,
                                                    StepKind.CLASSIFY, StepKind.DATA_CENTER):
        return []
    if task.step.kind == StepKind.PUBLISH:
        wanted = [Status.DOCUMENTED]
    elif task.step.kind == StepKind.DATA_CENTER:
        wanted = [Status.DOCUMENTED, Status.PUBLISHED]
    else:
        wanted = [Status.DRAFT, Status.DOCUMENTED]
    items = register.staff_items(user).filter(status__in=wanted).order_by("title")[:300]
    return [(str(i.pk), f"{i.title} ({i.year})") for i in items]


@staff_required
def case_detail(request, pk: int, complete_form=None, reassign_form=None):
    case = services.get_case(request.user, pk)
    tasks = services.timeline(case)
    active = next((t for t in tasks if t.status == TaskStatus.ACTIVE), None)
    context = {"case": case, "tasks": tasks, "active": active,
               "files": case.files.select_related("task__step", "archived_as")}
    if active is not None and active.assignee_id == request.user.pk:
        context["complete_form"] = complete_form or CompleteForm(
            task=active, item_choices=_item_choices(request.user, active))
    if active is not None and _may_manage(request.user):
        context["reassign_form"] = reassign_form or ReassignForm(people=_substitutes(active))
    return render(request, "procedures/case.html", context)


def _substitutes(task):
    """People who could take over the step (the service checks what they may do)."""
    return (get_user_model().objects.filter(is_active=True, positions__active=True)
            .exclude(pk=task.assignee_id).distinct().order_by("username"))


@staff_required
def case_file(request, pk: int, file_id: int):
    case = services.get_case(request.user, pk)
    stored = case.files.filter(pk=file_id).first()
    if stored is None:
        raise Http404(_("File not found."))
    return stored_file_response(stored.file.name, filename=stored.original_name,
                                content_type=stored.content_type, sha256=stored.sha256)


@staff_required
@require_POST
def task_complete(request, pk: int):
    task = services.get_task(request.user, pk)
    form = CompleteForm(request.POST, request.FILES, task=task,
                        item_choices=_item_choices(request.user, task))
    if not form.is_valid():
        return case_detail(request, task.case_id, complete_form=form)
    data = form.cleaned_data
    try:
        with transaction.atomic():
            if data.get("input_file"):
                services.attach_file(request.user, task.case, data["input_file"],
                                     purpose="input", input_name=data.get("input_name") or "",
                                     task=task)
            output_file = None
            if data.get("output_file"):
                output_file = services.attach_file(request.user, task.case, data["output_file"],
                                                   purpose="output", task=task)
            services.complete_task(request.user, task, services.Completion(
                inputs_present=data["inputs_present"], output_note=data["output_note"],
                output_file=output_file, decision=data.get("decision") or "",
                back_to=data.get("back_to"), reason=data.get("reason") or "",
                category=data.get("category") or "",
                exemption_ground=data.get("exemption_ground") or "",
                exemption_until=data.get("exemption_until"),
                items=[int(i) for i in data.get("items") or []],
                deviation_reason=data.get("deviation_reason") or ""), request=request)
    except ServiceError as exc:
        exc.add_to_form(form)
        return case_detail(request, task.case_id, complete_form=form)
    messages.success(request, _("Step %(n)s completed.") % {"n": task.step.number})
    return redirect("procedures:case", pk=task.case_id)


@staff_required
@require_POST
def task_reassign(request, pk: int):
    task = services.get_task(request.user, pk)
    form = ReassignForm(request.POST, request.FILES, people=_substitutes(task))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.reassign_task(
                request.user, task, data["to_user"], letter_number=data["letter_number"],
                issued_on=data["issued_on"], period_start=data["period_start"],
                period_end=data["period_end"], letter_file=data["letter"],
                reason=data["reason"], request=request)
        except ServiceError as exc:
            for line in exc.lines():
                form.add_error(None, line)
        else:
            messages.success(request, _("The step was handed to %(u)s.")
                             % {"u": data["to_user"].get_full_name()
                                or data["to_user"].get_username()})
            return redirect("procedures:case", pk=task.case_id)
    return case_detail(request, task.case_id, reassign_form=form)


@staff_required
def task_list(request):
    return render(request, "procedures/tasks.html", {
        "mine": services.my_tasks(request.user),
        "overdue": services.overdue_tasks(request.user),
        "sees_all_overdue": _may_manage(request.user),
    })
