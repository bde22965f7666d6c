"""Helpers shared by the request tests: moments in the agency zone, decisions, documents.

The `agency` fixture is in WITA with no office hours entered, so the calendar is Monday–Friday
08:00–16:00 WITA plus the national list (see test_deadlines for the dates relied on).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from ppid.exemptions.constants import Scope
from ppid.exemptions.models import RedactionRun
from ppid.exemptions.tests.factories import DecisionFactory
from ppid.register import services as register
from ppid.register.constants import Category, ExemptionGround, Status
from ppid.register.models import DocumentVersion
from ppid.requests import services
from ppid.requests.constants import Holding, ObtainMethod, Outcome

WITA = ZoneInfo("Asia/Makassar")


def at(y, m, d, hh=10, mm=0, tz=WITA) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=tz)


def decision(**kwargs) -> services.Decision:
    """A complete grant in full unless told otherwise."""
    kwargs.setdefault("holding", Holding.HELD)
    kwargs.setdefault("outcome", Outcome.GRANTED)
    kwargs.setdefault("information_form", ObtainMethod.SOFT_COPY)
    kwargs.setdefault("explanation", "Salinan dikirim melalui e-mail.")
    return services.Decision(**kwargs)


def grant(user, req, *, now=None, **kwargs):
    return services.decide(user, req, decision(**kwargs), now=now)


def version_of(user, item, upload, **kwargs) -> DocumentVersion:
    return register.add_version(user, item, upload, **kwargs)


def exempt_item(make_item, *, ground=ExemptionGround.H, decided=True, **kwargs):
    """An exempt item (whole) with, by default, a signed exemption decision in force."""
    kwargs.setdefault("title", "Berita Acara Pemeriksaan Saksi")
    item = make_item(category=Category.EXEMPT, exemption_ground=ground,
                     status=Status.DOCUMENTED, **kwargs)
    if decided:
        DecisionFactory(item=item)
    return item


def redacted_pair(user, item, upload, grounds=("17h",), *, part_decision=True):
    """An original (now withheld) and its redacted version, as a redaction run leaves them."""
    original = version_of(user, item, upload("surat.pdf", "Asli"))
    redacted = version_of(user, item, upload("surat-hitam.pdf", "Hitam"),
                          document=original.document)
    DocumentVersion.objects.filter(pk=original.pk).update(withheld=True)
    DocumentVersion.objects.filter(pk=redacted.pk).update(redacted_from=original)
    RedactionRun.objects.create(
        source=original, state="done", result=redacted, requested_by=user,
        redactions=[{"page": 0, "ground": g, "reason": "Bagian dikecualikan"} for g in grounds])
    if part_decision:
        DecisionFactory(item=item, scope=Scope.PART, ground=grounds[0], exempt_until=None)
    original.refresh_from_db()
    redacted.refresh_from_db()
    return original, redacted
