"""Listens to the register: every committed change of an item feeds the change log."""

from django.dispatch import receiver

from ppid.register.signals import items_changed


@receiver(items_changed)
def record_changes(sender, item_ids, **kwargs):
    from ppid.publication import changes

    changes.record(item_ids)
