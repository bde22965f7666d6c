"""Pages of the DIP and DIK editions: the staff workspace (drafts, sign-off, signed editions,
comparison) and the portal (signed editions only; the DIK ones only while the agency publishes
the DIK).

Thin: who may do what, and what an edition holds, is decided by ppid.publication.editions.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ppid.core.errors import Conflict, InvalidInput, NotFound, ServiceError
from ppid.core.http import generated_file_response
from ppid.publication import edition_exports, editions
from ppid.publication.constants import EditionKind, EditionStatus
from ppid.publication.forms_editions import CompareForm, DraftForm, PrepareForm, SignForm
from ppid.publication.models import Edition
from ppid.register.constants import Category, ExemptionGround, Form
from ppid.workspace.auth import staff_required

T = "publication/editions/"
PAGE_SIZE = 100
FORM_ERRORS = (InvalidInput, Conflict)


# --------------------------------------------------------------------------------------------
# Showing rows: codes become labels in the reader's language.
# --------------------------------------------------------------------------------------------


def _label(choices, value) -> str:
    if value in (None, ""):
        return ""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _day(value) -> str:
    if not value:
        return ""
    try:
        return date_format(date.fromisoformat(value), "j F Y")
    except (TypeError, ValueError):
        return str(value)


def _retention(years) -> str:
    if years is None:
        return _("Permanent")
    return _("%(years)s years") % {"years": years}


def display_value(name: str, value) -> str:
    """One field of a row as text for the screen (used by the comparison)."""
    if name == "category":
        return _label(Category, value)
    if name == "form":
        return _label(Form, value)
    if name == "ground":
        return _label(ExemptionGround, value)
    if name == "retention_years":
        return _retention(value)
    if name in ("made_on", "until", "decision_date"):
        return _day(value) or "—"
    if value in (None, ""):
        return "—"
    return str(value)


def display_row(kind: str, row) -> dict:
    """A row (frozen or preview) with its values ready for the table of its list."""
    data = row.data
    if data.get("withheld"):  # exempted after the decree (editions.public_rows): no values
        shown = dict.fromkeys(("unit", "year", "summary", "holder_official", "responsible",
                               "made", "form", "retention", "category", "category_label"), "")
        return {**shown, "position": row.position, "item_id": row.item_id, "withheld": True,
                "title": _("Exempted after this decree; no longer shown.")}
    shown = {"position": row.position, "item_id": row.item_id, "title": data.get("title", ""),
             "unit": data.get("unit", ""), "year": data.get("year", "")}
    if kind == EditionKind.DIP:
        made = [_day(data.get("made_on")) or str(data.get("year") or ""),
                data.get("made_at_place") or ""]
        shown.update({
            "summary": data.get("summary", ""),
            "holder_official": data.get("holder_official", ""),
            "responsible": data.get("responsible_official", ""),
            "made": ", ".join(p for p in made if p),
            "form": _label(Form, data.get("form")),
            "retention": _retention(data.get("retention_years")),
            "category": data.get("category", ""),
            "category_label": _label(Category, data.get("category")),
        })
    else:
        shown.update({
            "ground": _label(ExemptionGround, data.get("ground")),
            "consequence": data.get("consequence", ""),
            "until": _day(data.get("until")),
            "decision_number": data.get("decision_number", ""),
            "decision_date": _day(data.get("decision_date")),
        })
    return shown


def _page(request, rows, kind: str):
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    page.rows = [display_row(kind, r) for r in page.object_list]
    return page


def _diff_view(result: editions.EditionDiff) -> dict:
    kind = result.new.kind
    return {
        "added": [display_row(kind, r) for r in result.added],
        "withdrawn": [display_row(kind, r) for r in result.withdrawn],
        "changed": [{"item_id": c.item_id, "old": display_row(kind, c.old),
                     "new": display_row(kind, c.new),
                     "fields": [{"label": f.label, "old": display_value(f.name, f.old),
                                 "new": display_value(f.name, f.new)} for f in c.fields]}
                    for c in result.changed],
        "total": result.total,
    }


def _kind_param(request) -> str:
    kind = request.GET.get("jenis") or EditionKind.DIP
    return kind if kind in EditionKind.values else EditionKind.DIP


def _download(edition: Edition, what: str, public: bool = False) -> HttpResponse:
    content = edition_exports.document(edition, what, public=public)
    if what == "xlsx":
        return generated_file_response(
            content, filename=edition_exports.filename(edition, "daftar", "xlsx"),
            content_type=edition_exports.XLSX, as_attachment=True)
    return generated_file_response(
        content, filename=edition_exports.filename(edition, "sk" if what == "sk" else "daftar",
                                                   "pdf"),
        content_type="application/pdf", as_attachment=False)


def _preview(edition: Edition) -> tuple[list | None, str]:
    """The live rows of a draft and the message why there are none (DIK not published)."""
    try:
        return editions.preview_rows(edition.kind), ""
    except ServiceError as exc:
        return None, " ".join(exc.lines())


# --------------------------------------------------------------------------------------------
# Workspace.
# --------------------------------------------------------------------------------------------


@staff_required
@require_GET
def edition_list(request):
    user = request.user
    kind = _kind_param(request)
    kinds = [(k, label) for k, label in EditionKind.choices if editions.may_view(user, k)]
    if kind not in dict(kinds):
        raise Http404
    found = editions.staff_editions(user, kind)
    signed = list(found.filter(status=EditionStatus.SIGNED).order_by("-signed_at", "-pk"))
    return render(request, T + "list.html", {
        "kind": kind, "kind_label": EditionKind(kind).label, "kinds": kinds,
        "signed": signed, "current": signed[0] if signed else None,
        "draft": found.filter(status=EditionStatus.DRAFT).order_by("-pk").first(),
        "due": editions.is_due(kind), "due_on": editions.due_on(kind),
        "may_prepare": editions.may_prepare(user, kind),
        "dik_published": editions.dik_published(),
    })


@staff_required
@require_POST
def edition_prepare(request):
    form = PrepareForm(request.POST)
    if not form.is_valid():
        raise Http404
    kind = form.cleaned_data["kind"]
    try:
        draft = editions.prepare_draft(request.user, kind, request=request)
    except FORM_ERRORS as exc:
        messages.error(request, " ".join(exc.lines()))
        return redirect(reverse("publication:editions") + f"?jenis={kind}")
    return redirect("publication:edition", pk=draft.pk)


def _detail(request, edition: Edition, *, draft_form=None, sign_form=None, status=200):
    user = request.user
    context = {"edition": edition, "kind": edition.kind,
               "kind_label": EditionKind(edition.kind).label,
               "is_dip": edition.kind == EditionKind.DIP}
    if edition.is_signed:
        rows = edition.rows.order_by("position")
        context.update({"page": _page(request, rows, edition.kind),
                        "intact": editions.verify(edition),
                        "current": editions.current(edition.kind)})
        previous = (editions.signed_editions(edition.kind)
                    .filter(signed_at__lt=edition.signed_at).first())
        context["previous"] = previous
        return render(request, T + "detail.html", context, status=status)
    rows, problem = _preview(edition)
    digest = editions.rows_digest(rows) if rows is not None else ""
    current = editions.current(edition.kind)
    changes = None
    if rows is not None and current is not None:
        changes = editions.diff(current, edition, new_rows=rows)
    may_sign = editions.may_sign(user, edition.kind)
    context.update({
        "problem": problem, "digest": digest, "row_count": len(rows or []),
        "page": _page(request, rows, edition.kind) if rows is not None else None,
        "current": current, "changes": changes,
        "may_prepare": editions.may_prepare(user, edition.kind), "may_sign": may_sign,
        "draft_form": draft_form or DraftForm.for_edition(edition),
        "sign_form": _sign_form(edition, digest, sign_form) if may_sign else None,
    })
    return render(request, T + "detail.html", context, status=status)


def _sign_form(edition: Edition, digest: str, form: SignForm | None) -> SignForm:
    """A new sign-off form, or a refused one (errors and typed values kept) that now carries
    the digest of the list as shown and must be confirmed again."""
    if form is None:
        return SignForm.for_edition(edition, digest)
    form.errors  # noqa: B018 - validate before the data is replaced
    data = form.data.copy()
    data["expected_sha256"] = digest
    data.pop("confirm", None)
    form.data = data
    return form


@staff_required
@require_GET
def edition_detail(request, pk: int):
    return _detail(request, editions.get_edition(request.user, pk))


@staff_required
@require_POST
def edition_update(request, pk: int):
    edition = editions.get_edition(request.user, pk)
    form = DraftForm(request.POST)
    if form.is_valid():
        try:
            editions.update_draft(request.user, edition, form.cleaned_data, request=request)
        except FORM_ERRORS as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("publication:edition", pk=edition.pk)
    return _detail(request, edition, draft_form=form, status=422)


@staff_required
@require_POST
def edition_sign(request, pk: int):
    edition = editions.get_edition(request.user, pk)
    form = SignForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            edition = editions.sign(
                request.user, edition, decree_number=data["decree_number"],
                decree_date=data["decree_date"], decree_place=data["decree_place"],
                signer_name=data["signer_name"], signer_position=data["signer_position"],
                signer_nip=data["signer_nip"], expected_sha256=data["expected_sha256"],
                request=request)
        except FORM_ERRORS as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("The edition was set by decree %(number)s.")
                             % {"number": edition.decree_number})
            return redirect("publication:edition", pk=edition.pk)
    edition.refresh_from_db()
    if edition.is_signed:
        messages.error(request, _("This edition is signed; it can no longer change."))
        return redirect("publication:edition", pk=edition.pk)
    return _detail(request, edition, sign_form=form, status=422)


@staff_required
@require_POST
def edition_discard(request, pk: int):
    edition = editions.get_edition(request.user, pk)
    kind = edition.kind
    try:
        editions.discard_draft(request.user, edition, request=request)
    except FORM_ERRORS as exc:
        messages.error(request, " ".join(exc.lines()))
        return redirect("publication:edition", pk=pk)
    messages.success(request, _("The draft was discarded."))
    return redirect(reverse("publication:editions") + f"?jenis={kind}")


@staff_required
@require_GET
def edition_download(request, pk: int, what: str):
    edition = editions.get_edition(request.user, pk)
    try:
        return _download(edition, what)
    except FORM_ERRORS as exc:  # a draft of an unpublished DIK has no rows to show
        messages.error(request, " ".join(exc.lines()))
        return redirect("publication:edition", pk=edition.pk)


def _compare(request, queryset, template: str, extra: dict, public: bool = False):
    """The comparison of two editions chosen from `queryset`; at first the two latest signed."""
    queryset = queryset.order_by("-status", "-signed_at", "-pk")
    latest = list(queryset.filter(status=EditionStatus.SIGNED)[:2])
    if request.GET.get("lama") or request.GET.get("baru"):
        form = CompareForm(request.GET, editions=queryset)
    elif len(latest) == 2:
        form = CompareForm({"lama": latest[1].pk, "baru": latest[0].pk}, editions=queryset)
    else:
        form = CompareForm(editions=queryset)
    result, problem = None, ""
    if form.is_bound and form.is_valid():
        try:
            compare = editions.public_diff if public else editions.diff
            result = _diff_view(compare(form.cleaned_data["lama"], form.cleaned_data["baru"]))
        except ServiceError as exc:
            problem = " ".join(exc.lines())
    return render(request, template, {"form": form, "result": result, "problem": problem,
                                      **extra})


@staff_required
@require_GET
def edition_compare(request):
    kind = _kind_param(request)
    return _compare(request, editions.staff_editions(request.user, kind), T + "compare.html",
                    {"kind": kind, "kind_label": EditionKind(kind).label,
                     "is_dip": kind == EditionKind.DIP}, public=True)


# --------------------------------------------------------------------------------------------
# Portal.
# --------------------------------------------------------------------------------------------


def _public_kind(kind: str) -> None:
    try:
        editions.public_editions(kind)
    except NotFound as exc:
        raise Http404 from exc


@require_GET
def public_list(request, kind: str):
    _public_kind(kind)
    signed = list(editions.public_editions(kind))
    return render(request, T + "public_list.html", {
        "kind": kind, "kind_label": EditionKind(kind).label, "is_dip": kind == EditionKind.DIP,
        "current": signed[0] if signed else None, "older": signed[1:]})


def _public_edition(kind: str, pk: int) -> Edition:
    try:
        return editions.get_public_edition(pk, kind)
    except NotFound as exc:
        raise Http404 from exc


@require_GET
def public_detail(request, kind: str, pk: int):
    edition = _public_edition(kind, pk)
    current = editions.current(kind)
    return render(request, T + "public_detail.html", {
        "edition": edition, "kind": kind, "is_dip": kind == EditionKind.DIP,
        "kind_label": EditionKind(kind).label, "is_current": current and current.pk == edition.pk,
        "current": current, "intact": editions.verify(edition),
        "page": _page(request, editions.public_rows(edition), kind),
        "previous": (editions.signed_editions(kind).filter(signed_at__lt=edition.signed_at)
                     .first()),
    })


@require_GET
def public_download(request, kind: str, pk: int, what: str):
    return _download(_public_edition(kind, pk), what, public=True)


@require_GET
def public_compare(request, kind: str):
    _public_kind(kind)
    return _compare(request, editions.public_editions(kind), T + "public_compare.html",
                    {"kind": kind, "kind_label": EditionKind(kind).label,
                     "is_dip": kind == EditionKind.DIP}, public=True)
