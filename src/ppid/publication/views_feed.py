"""The DCAT catalog (/data/katalog.jsonld), the network page of a PPID Utama (/jaringan/) and
the workspace page of the federated PPID Pelaksana (/ruang-kerja/publikasi/federasi/).

Thin: the catalog is built by ppid.publication.dcat, everything about sources and harvesting
is decided by ppid.publication.federation (which checks who may do what)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from ppid.core.errors import Conflict, InvalidInput, NotFound
from ppid.core.models import Agency
from ppid.publication import dcat, federation
from ppid.publication.forms_feed import FederationSourceForm, NetworkFilterForm
from ppid.publication.models import FederationSource
from ppid.register.constants import Category
from ppid.workspace.auth import staff_required

NETWORK_PAGE_SIZE = 25
JSON_LD = "application/ld+json"


# ---------------------------------------------------------------------------------------------
# Portal.
# ---------------------------------------------------------------------------------------------


@require_safe
def catalog(request):
    """The DCAT-AP catalog of the published register (JSON-LD), paged by ?page=."""
    raw = request.GET.get("page") or "1"
    if not raw.isdigit():
        raise Http404
    try:
        document = dcat.catalog_page(int(raw), request=request)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    response = HttpResponse(json.dumps(document, ensure_ascii=False), content_type=JSON_LD)
    response["Access-Control-Allow-Origin"] = "*"  # open data: readable by any site
    response["Cache-Control"] = "no-cache"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def network(request):
    """PPID Utama: its own public items and those harvested from its PPID Pelaksana."""
    agency = Agency.current()
    if not (agency and agency.is_main_ppid):
        raise Http404
    sources = list(FederationSource.objects.filter(enabled=True).order_by("name"))
    form = NetworkFilterForm(request.GET or None, agency_name=agency.name, sources=sources)
    chosen = form.filters() if request.GET else {"q": "", "source": "", "category": ""}
    entries = federation.network_entries(**chosen)
    page = Paginator(entries, NETWORK_PAGE_SIZE).get_page(request.GET.get("page"))
    names = {s.pk: s for s in sources}
    labels = dict(Category.choices)
    rows = []
    for entry in page.object_list:
        source = names.get(entry["entry_source"])
        rows.append({**entry, "source": source, "own": entry["entry_source"] == 0,
                     "category_label": labels.get(entry["category"], entry["category"])})
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "publication/federation/network.html", {
        "form": form, "page": page, "rows": rows, "sources": sources,
        "filtered": any(chosen.values()), "querystring": params.urlencode(),
    })


# ---------------------------------------------------------------------------------------------
# Workspace.
# ---------------------------------------------------------------------------------------------


def _sources_page(request, form: FederationSourceForm | None = None):
    listing = (federation.sources(request.user).annotate(item_count=Count("items")))
    return render(request, "publication/federation/sources.html", {
        "sources": listing,
        "form": form or FederationSourceForm(),
        "is_main_ppid": federation.is_main_ppid(),
    })


@staff_required
def federation_sources(request):
    if request.method != "POST":
        return _sources_page(request)
    federation.sources(request.user)  # refuses those who may not manage sources
    form = FederationSourceForm(request.POST)
    if form.is_valid():
        try:
            source = federation.save_source(request.user, form.cleaned_data, request=request)
        except InvalidInput as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("“%(name)s” was added. It is harvested every hour; "
                                        "use “Harvest now” to start at once.")
                             % {"name": source.name})
            return redirect("publication:federation")
    return _sources_page(request, form)


@staff_required
def federation_edit(request, pk: int):
    source = federation.get_source(request.user, pk)
    form = FederationSourceForm(request.POST or None, instance=source)
    if request.method == "POST" and form.is_valid():
        try:
            federation.save_source(request.user, form.cleaned_data,
                                   source=FederationSource.objects.get(pk=source.pk),
                                   request=request)
        except InvalidInput as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("publication:federation")
    return render(request, "publication/federation/source_form.html", {
        "form": form, "source": FederationSource.objects.get(pk=source.pk)})


@staff_required
@require_POST
def federation_harvest(request, pk: int):
    source = federation.get_source(request.user, pk)
    try:
        result = federation.harvest_now(request.user, source, request=request)
    except Conflict as exc:
        messages.error(request, str(exc))
    else:
        if result["error"]:
            messages.error(request, _("Harvesting “%(name)s” failed: %(error)s")
                           % {"name": source.name, "error": result["error"]})
        else:
            messages.success(request, _(
                "“%(name)s” harvested: %(upserted)s items added or updated, %(deleted)s removed.")
                % {"name": source.name, "upserted": result["upserted"],
                   "deleted": result["deleted"]})
    return redirect("publication:federation")
