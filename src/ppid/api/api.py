"""The HTTP API: /api/v1/ with OpenAPI at /api/v1/openapi.json and docs at /api/v1/docs."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer

from ppid.core.errors import InvalidInput, NotAllowed, ServiceError
from ppid.core.models import ApiToken
from ppid.exemptions.api import public_router as exempt_public_router
from ppid.exemptions.api import staff_router as exempt_staff_router
from ppid.procedures.api import router as procedures_router
from ppid.publication import api_announcements, api_ckan, api_editions, api_feed, api_maintenance
from ppid.register.api import public_router, staff_router
from ppid.requests.api import public_router as requests_public_router
from ppid.requests.api import staff_router as requests_staff_router
from ppid.search.api import router as search_router
from ppid.search.api import staff_router as staff_search_router


class BearerToken(HttpBearer):
    def authenticate(self, request, token: str):
        user = ApiToken.objects.authenticate(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="PPID API",
    version="1.0.0",
    description=(
        "Public information register (UU 14/2008). Public endpoints need no authentication; "
        "staff endpoints need `Authorization: Bearer <token>` (create one with "
        "`ppid token create USERNAME`). Errors carry `message_id` (Indonesian) and "
        "`message_en` (English)."
    ),
    urls_namespace="api",
    docs_url="/docs",
)
api.add_router("/public", public_router)
api.add_router("/public", search_router)
api.add_router("/", staff_router, auth=BearerToken())
api.add_router("/", procedures_router, auth=BearerToken())
api.add_router("/", staff_search_router, auth=BearerToken())
api.add_router("/public", exempt_public_router)
api.add_router("/", exempt_staff_router, auth=BearerToken())
api.add_router("/public", requests_public_router)
api.add_router("/", requests_staff_router, auth=BearerToken())
api.add_router("/public", api_editions.public_router)
api.add_router("/", api_editions.staff_router, auth=BearerToken())
api.add_router("/public", api_announcements.public_router)
api.add_router("/", api_announcements.staff_router, auth=BearerToken())
api.add_router("/public", api_feed.public_router)
api.add_router("/", api_feed.staff_router, auth=BearerToken())
api.add_router("/public", api_ckan.public_router)
api.add_router("/", api_ckan.staff_router, auth=BearerToken())
api.add_router("/public", api_maintenance.public_router)
api.add_router("/", api_maintenance.staff_router, auth=BearerToken())


def _error(request, error: ServiceError):
    return api.create_response(request, error.as_dict(), status=error.status_code)


@api.exception_handler(ServiceError)
def service_error(request, exc: ServiceError):
    return _error(request, exc)


@api.exception_handler(AuthenticationError)
def auth_error(request, exc):
    error = NotAllowed(_("A valid API token is required (Authorization: Bearer <token>)."))
    error.status_code, error.code = 401, "unauthorized"
    return _error(request, error)


@api.exception_handler(NinjaValidationError)
def validation_error(request, exc: NinjaValidationError):
    fields: dict[str, list] = {}
    for err in exc.errors:
        loc = [str(part) for part in err.get("loc", ()) if part not in ("body", "payload", "query",
                                                                          "form", "file")]
        fields.setdefault(".".join(loc) or "__all__", []).append(err.get("msg", ""))
    return _error(request, InvalidInput(_("The request is not valid."), field_errors=fields))


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    error = ServiceError(str(exc))
    error.status_code = exc.status_code
    return _error(request, error)
