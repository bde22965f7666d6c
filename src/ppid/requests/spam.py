"""A spam guard for the public forms that needs no outside service.

Three checks, each cheap and invisible to a person filling the form in:

* a honeypot: a text field hidden from people (and from screen readers) that bots fill in;
* a signed timestamp issued with the form: a submission sent faster than a person can type
  (`MIN_SECONDS`) or from a page opened too long ago (`MAX_SECONDS`) is refused;
* a per-IP rate limit in Django's cache (`FILING_LIMIT` filings per `FILING_WINDOW`, and
  `TRACKING_LIMIT` failed tracking tries per `TRACKING_WINDOW`).

A refusal never loses what was typed: the view shows the form again with a friendly message.
"""

from __future__ import annotations

import hashlib
import time

from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "website"
STAMP_FIELD = "form_stamp"
STAMP_SALT = "ppid.requests.portal-form"
MIN_SECONDS = 3
MAX_SECONDS = 24 * 60 * 60
FILING_LIMIT = 5
FILING_WINDOW = 60 * 60
TRACKING_LIMIT = 10
TRACKING_WINDOW = 15 * 60

REFUSALS = {
    "honeypot": _("The form could not be sent. Please check your entries and send it again."),
    "missing": _("The form could not be sent because part of it was missing. Please check your "
                 "entries and send it again."),
    "too_fast": _("The form was sent very quickly after it was opened, so it looked automatic. "
                  "Please check your entries and send it again."),
    "expired": _("The form was open for more than a day. Please check your entries and send it "
                 "again."),
    "rate": _("Too many requests were sent from your connection in the last hour. Please try "
              "again later, or contact the PPID office directly."),
}


def issue_stamp(now: float | None = None) -> str:
    """A signed value holding the time the form was shown."""
    return signing.dumps({"t": int(now if now is not None else time.time())}, salt=STAMP_SALT)


def stamp_problem(value: str | None, now: float | None = None) -> str | None:
    """Why the stamp is not acceptable ("missing", "too_fast", "expired"), or None."""
    if not value:
        return "missing"
    try:
        issued = float(signing.loads(value, salt=STAMP_SALT)["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return "missing"
    age = (now if now is not None else time.time()) - issued
    if age < MIN_SECONDS:
        return "too_fast"
    if age > MAX_SECONDS:
        return "expired"
    return None


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(scope: str, request) -> str:
    address = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    return f"ppid:rate:{scope}:{address}"


def hits(scope: str, request) -> int:
    return cache.get(_key(scope, request), 0)


def over_limit(scope: str, request, limit: int) -> bool:
    return hits(scope, request) >= limit


def count(scope: str, request, window: int) -> int:
    """One more hit for this address in the window that began with its first hit."""
    key = _key(scope, request)
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def filing_refusal(request, now: float | None = None) -> str | None:
    """Why a filed form is refused (a key of REFUSALS), or None when it may go through."""
    if (request.POST.get(HONEYPOT_FIELD) or "").strip():
        return "honeypot"
    problem = stamp_problem(request.POST.get(STAMP_FIELD), now)
    if problem:
        return problem
    if over_limit("filing", request, FILING_LIMIT):
        return "rate"
    return None


def count_filing(request) -> None:
    count("filing", request, FILING_WINDOW)


def tracking_blocked(request) -> bool:
    return over_limit("tracking", request, TRACKING_LIMIT)


def count_tracking_failure(request) -> None:
    count("tracking", request, TRACKING_WINDOW)
