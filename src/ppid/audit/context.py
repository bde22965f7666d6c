"""Who is acting in the current request, for changes recorded by model signals."""

from __future__ import annotations

import contextvars

_request: contextvars.ContextVar = contextvars.ContextVar("ppid_audit_request", default=None)


def current_request():
    return _request.get()


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
