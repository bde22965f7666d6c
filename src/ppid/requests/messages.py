"""E-mail to requesters, in the language they filed in. Never fails the caller: the tracking
page shows everything the e-mail says."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from ppid.core.models import Agency
from ppid.requests.models import Request

logger = logging.getLogger(__name__)

SUBJECTS = {
    "received": gettext_noop("Request %(number)s received"),
    "status": gettext_noop("Request %(number)s: status changed"),
    "notice": gettext_noop("Request %(number)s: written notice"),
    "objection": gettext_noop("Request %(number)s: objection received"),
    "answer": gettext_noop("Request %(number)s: answer to your objection"),
}


def tracking_url(req: Request) -> str:
    base = getattr(settings, "PPID_SITE_URL", "").rstrip("/")
    return f"{base}{reverse('requests_public:track')}?nomor={req.number}"


def mail_requester(pk: int, what: str) -> bool:
    req = Request.objects.filter(pk=pk).first()
    if req is None or not req.email or req.personal_data_erased_at:
        return False
    try:
        with translation.override(req.language or settings.LANGUAGE_CODE):
            from ppid.requests import services

            context = {"req": req, "what": what, "agency": Agency.current(),
                       "code": services.format_code(req.tracking_code),
                       "url": tracking_url(req)}
            subject = gettext(SUBJECTS.get(what, SUBJECTS["status"])) % {"number": req.number}
            body = render_to_string("requests/email.txt", context)
            message = EmailMessage(subject, body, None, [req.email])
            attachment = _attachment(req, what)
            if attachment:
                message.attach(*attachment)
            message.send()
        return True
    except Exception:
        logger.exception("Could not e-mail the requester of %s", req.number)
        return False


def _attachment(req: Request, what: str):
    from ppid.requests import documents

    if what == "received":
        return documents.receipt_filename(req), documents.receipt_pdf(req), "application/pdf"
    if what == "notice":
        return documents.notice_filename(req), documents.notice_pdf(req), "application/pdf"
    if what == "answer":
        objection = req.objections.filter(answered_at__isnull=False).order_by("-pk").first()
        if objection:
            return (documents.answer_filename(objection), documents.answer_pdf(objection),
                    "application/pdf")
    return None
