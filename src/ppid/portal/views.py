"""The public portal. Everything shown here comes from the services' public querysets."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ppid.core.errors import NotFound
from ppid.core.http import file_response
from ppid.core.models import Unit
from ppid.register import services
from ppid.register.constants import PUBLIC_CATEGORIES, Category


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
    category = request.GET.get("category") or None
    if category not in (None, *PUBLIC_CATEGORIES):
        category = None
    unit = _int_or_none(request.GET.get("unit"))
    year = _int_or_none(request.GET.get("year"))
    q = (request.GET.get("q") or "").strip()[:200]
    items = services.filter_register(
        services.public_items(), category=category, unit=unit, year=year, q=q
    )
    items = items.select_related("holder_unit").order_by("-year", "title")
    page = Paginator(items, 25).get_page(request.GET.get("page"))
    public = services.public_items()
    return render(
        request,
        "portal/register.html",
        {
            "page": page,
            "filters": {"category": category or "", "unit": unit, "year": year, "q": q},
            "categories": [Category(c) for c in PUBLIC_CATEGORIES],
            "units": Unit.objects.filter(items__in=public).distinct().order_by("name"),
            "years": public.order_by("-year").values_list("year", flat=True).distinct(),
            "querystring": _querystring(request),
        },
    )


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
    return render(request, "portal/exempt_list.html", {"items": items.order_by("-year", "title")})
