"""The public portal. Everything shown here comes from the services' public querysets."""

from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from ppid.core.errors import NotFound
from ppid.core.http import file_response
from ppid.core.models import Unit
from ppid.register import services
from ppid.register.constants import PUBLIC_CATEGORIES, Category, Form
from ppid.search import services as search
from ppid.search.constants import MAX_QUERY_LENGTH


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_GET
def home(request):
    items = services.public_items().select_related("holder_unit")
    counts = dict.fromkeys(PUBLIC_CATEGORIES, 0)
    for category in items.values_list("category", flat=True):
        counts[category] += 1
    return render(
        request,
        "portal/home.html",
        {
            "immediate": items.filter(category=Category.IMMEDIATE).order_by("-published_at")[:3],
            "latest": items.order_by("-published_at")[:6],
            "categories": [(Category(c), n) for c, n in counts.items()],
        },
    )


@require_GET
def register(request):
    q = (request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    filters = search.Filters.from_params(request.GET)
    public = services.public_items()
    context = {
        "filters": {**filters.as_dict(), "q": q},
        "categories": [Category(c) for c in PUBLIC_CATEGORIES],
        "forms": list(Form),
        **_cached("choices", _filter_choices),
        "querystring": _querystring(request),
    }
    if q:
        results = search.search_public(q, filters, page=_int_or_none(request.GET.get("page")) or 1,
                                       page_size=PAGE_SIZE, exact=False)
        context.update(results=results, page=search.ResultPage(results),
                       facets=_facet_links(request, results))
    else:
        items = services.filter_register(public, category=filters.category, unit=filters.unit,
                                         year=filters.year)
        if filters.form:
            items = items.filter(form=filters.form)
        items = items.select_related("holder_unit").order_by("-year", "title", "-pk")
        count_key = "count:" + urlencode(sorted(filters.as_dict().items()))
        paginator = CountedPaginator(items, PAGE_SIZE,
                                     count=lambda: _cached(count_key, items.count))
        context["page"] = paginator.get_page(request.GET.get("page"))
    return render(request, "portal/register.html", context)


PAGE_SIZE = 25


def _cached(key: str, compute):
    """Values of the public register (filter choices, counts), kept until the index changes
    (the generation is shared by all processes) or for search.CACHE_SECONDS."""
    return cache.get_or_set(f"portal:{search.generation()}:{key}", compute,
                            search.CACHE_SECONDS)


def _filter_choices() -> dict:
    public = services.public_items()
    return {
        "units": list(Unit.objects.filter(pk__in=public.values("holder_unit_id"))
                      .order_by("name").values("pk", "name")),
        "years": list(public.order_by("-year").values_list("year", flat=True).distinct()),
    }


class CountedPaginator(Paginator):
    """A paginator whose total comes from a (cached) function instead of COUNT(*) each time."""

    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self):
        return self._count()
FACET_TITLES = {"category": _("Category"), "unit": _("Unit"), "year": _("Year"),
                "form": _("Form available"), "doc_type": _("Document type")}


@require_GET
def register_facets(request):
    """The counts per filter value of a very broad search, loaded after its results."""
    q = (request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    results = search.search_public(q, search.Filters.from_params(request.GET), hits=False)
    return render(request, "portal/_facets.html", {
        "results": results, "facets": _facet_links(request, results), "exact_total": True})


def _facet_links(request, results) -> list[dict]:
    """Each facet with its values as links that set (or clear) that filter."""
    groups = []
    for name, title in FACET_TITLES.items():
        values = []
        for value in results.facets.get(name, []):
            params = request.GET.copy()
            params.pop("page", None)
            if value.selected:
                params.pop(name, None)
            else:
                params[name] = value.value
            values.append({"value": value, "url": "?" + params.urlencode()})
        if values:
            groups.append({"name": name, "title": title, "values": values})
    return groups


def _querystring(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_GET
def item(request, pk: int):
    found = services.public_items().select_related("holder_unit").filter(pk=pk).first()
    if found is None:
        raise Http404
    return render(
        request,
        "portal/item.html",
        {
            "item": found,
            "documents": services.public_documents(found),
        },
    )


@require_GET
def download(request, public_id):
    try:
        version = services.get_public_version(public_id)
    except NotFound as exc:
        raise Http404 from exc
    return file_response(version)


@require_GET
def exempt_list(request):
    try:
        items = services.public_exempt_list()
    except NotFound as exc:
        raise Http404 from exc
    items = list(items.order_by("-year", "title"))
    from ppid.exemptions.services import decisions_by_item  # the decision each item rests on

    decisions = decisions_by_item(items)
    rows = [(item, decisions.get(item.pk)) for item in items]
    return render(request, "portal/exempt_list.html", {"rows": rows})
