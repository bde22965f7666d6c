"""Signals other apps listen to, so the register never imports them.

`items_changed(item_ids)` is sent after the transaction that created, edited, published,
withdrew, classified, disposed of or added a document to these items has committed.
"""

from django.dispatch import Signal

items_changed = Signal()
