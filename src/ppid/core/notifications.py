"""Messages to staff: kept in the workspace inbox and sent by e-mail to those who have one."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from ppid.core.models import Notification

logger = logging.getLogger(__name__)


def notify(users, subject, *, body="", link: str = "", key: str = "") -> int:
    """Notify each user once (per `key`, if given); returns how many were new.

    E-mail goes out after commit and never fails the caller: the inbox keeps the message.
    """
    created = []
    for user in {u.pk: u for u in users}.values():
        try:
            with transaction.atomic():
                created.append(Notification.objects.create(
                    user=user, subject=str(subject)[:255], body=str(body), link=link, key=key))
        except IntegrityError:  # already notified under this key
            continue
    mails = [(n.user.email, n.subject, n.body, n.link) for n in created if n.user.email]
    if mails:
        transaction.on_commit(lambda: _send(mails))
    return len(created)


def _send(mails) -> None:
    base = getattr(settings, "PPID_SITE_URL", "").rstrip("/")
    for address, subject, body, link in mails:
        text = body + (f"\n\n{base}{link}" if link else "")
        try:
            send_mail(subject, text, None, [address])
        except Exception:
            logger.exception("Could not e-mail a notification to %s", address)


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def inbox(user):
    return Notification.objects.filter(user=user)


def mark_read(user) -> None:
    Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
