import zoneinfo

from django.conf import settings
from django.utils import timezone, translation

from ppid.core.models import Agency


class LanguageMiddleware:
    """Indonesian unless the visitor chose otherwise (language cookie); the browser's
    Accept-Language is deliberately ignored so the default is the same for everyone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class AgencyTimeZoneMiddleware:
    """Show times in the agency's own zone (WIB, WITA or WIT); keeps the agency on the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        agency = request.agency = Agency.current()
        if agency is not None:
            timezone.activate(zoneinfo.ZoneInfo(agency.time_zone))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class ContentSecurityPolicyMiddleware:
    """Send the configured Content-Security-Policy (settings.PPID_CSP) on every response.

    No page is exempt. The templates have no inline script and no on…= handlers (their scripts
    are files under static/ppid/; core/tests/test_security_headers.py keeps it so). The Django
    admin and the API docs (/api/v1/docs: django-ninja's Swagger UI, served from its own static
    files with its settings in a non-executed JSON <script>) were checked in Chromium under the
    default policy without any violation, so they need no relaxed policy either. A response
    that sets its own policy keeps it (stored files are sent with "sandbox; default-src 'none'").
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PPID_CSP:
            response.headers.setdefault("Content-Security-Policy", settings.PPID_CSP)
        return response
