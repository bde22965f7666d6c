"""GET /api/v1/public/search: the portal's search as JSON (ranked items, snippets, facets)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import strip_tags
from ninja import Field, Query, Router, Schema

from ppid.register.constants import Category
from ppid.search import services
from ppid.search.constants import MAX_QUERY_LENGTH

router = Router(tags=["public"])
staff_router = Router(tags=["staff"])
MAX_PAGE_SIZE = 100


class SearchParams(Schema):
    q: str = ""
    category: str | None = None
    unit: int | None = None
    year: int | None = None
    form: str | None = None
    doc_type: str | None = None
    page: int = 1
    page_size: int = 20
    exact: bool = False


class StaffSearchParams(SearchParams):
    status: str | None = None


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class SearchHitOut(Schema):
    id: int
    title: str
    title_html: str
    snippet_html: str
    snippet: str
    summary: str
    category: str
    category_label: str
    year: int
    holder_unit: str
    url: str


class SearchOut(Schema):
    query: str
    ignored_words: list[str]
    count: int
    count_is_floor: bool
    page: int
    page_size: int
    pages: int
    results: list[SearchHitOut]
    facets: dict[str, list[FacetValueOut]]
    facets_pending: bool = Field(
        False, description="true when the facets were left out to answer a broad search at "
        "once; ask again with exact=true for them")


@router.get("/search", response=SearchOut, summary="Search the published register")
def search(request, params: Query[SearchParams]):
    """Full-text search in Indonesian over published items: words match their affixed forms
    (`dokumentasi` finds `pendokumentasian`), `"exact phrase"`, `prefix*`, `-exclude`; filters
    by category, unit, year, form and document type (pdf, docx, …), with counts per value.

    A very broad search on a large register (PostgreSQL, more matches than
    PPID_SEARCH_EXACT_UP_TO) is answered at once: `count_is_floor` is true (more than `count`
    items match), the newest items whose title or summary match come first and `facets` is
    empty; ask again with `exact=true` for the exact count and facets. A filtered search
    whose words alone match more than that also leaves the facets out (`facets_pending`)."""
    filters = services.Filters.from_params(params.dict())
    results = services.search_public(params.q[:MAX_QUERY_LENGTH], filters,
                                     exact=params.exact, **_paging(params))
    return _results(request, results, portal=True)


@staff_router.get("/search", response=SearchOut, summary="Search what you may see")
def staff_search(request, params: Query[StaffSearchParams]):
    """The same search over every item the token's user may see (exempt items only within
    their reach), with a status filter; links point to the workspace."""
    filters = services.Filters.from_params(params.dict(), staff=True)
    results = services.search_staff(request.auth, params.q[:MAX_QUERY_LENGTH], filters,
                                    **_paging(params))
    return _results(request, results, portal=False)


def _paging(params: SearchParams) -> dict:
    return {"page": max(1, params.page),
            "page_size": min(max(1, params.page_size), MAX_PAGE_SIZE)}


def _results(request, results: services.Results, *, portal: bool) -> dict:
    view = "portal:item" if portal else "workspace:item"
    return {
        "query": results.query.text,
        "ignored_words": list(results.query.dropped),
        "count": results.total,
        "count_is_floor": results.capped,
        "facets_pending": results.facets_pending,
        "page": results.page,
        "page_size": results.page_size,
        "pages": results.pages,
        "results": [
            {
                "id": hit.item.pk,
                "title": hit.item.title,
                "title_html": str(hit.title),
                "snippet_html": str(hit.snippet),
                "snippet": strip_tags(hit.snippet),
                "summary": hit.item.summary,
                "category": hit.item.category,
                "category_label": str(Category(hit.item.category).label),
                "year": hit.item.year,
                "holder_unit": hit.item.holder_unit.name,
                "url": request.build_absolute_uri(reverse(view, args=[hit.item.pk])),
            }
            for hit in results.hits
        ],
        "facets": {
            name: [value.__dict__ for value in values]
            for name, values in results.facets.items()
        },
    }
