"""Listens to the register: every committed change of an item feeds the change log, and a
publication gets its Website channel record."""

import logging

from django.dispatch import receiver

from ppid.register.signals import items_changed

logger = logging.getLogger(__name__)


@receiver(items_changed)
def record_changes(sender, item_ids, **kwargs):
    from ppid.publication import changes

    changes.record(item_ids)


@receiver(items_changed)
def record_website_channel(sender, item_ids, **kwargs):
    from ppid.publication import channels

    try:
        channels.record_website_publications(item_ids)
    except Exception:  # the channel log must never break the register's change
        logger.exception("Could not record the Website channel of %s", item_ids)
