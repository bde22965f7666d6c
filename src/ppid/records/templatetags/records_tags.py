"""`{% retention_panel item %}`: the item's retention and disposal, on the item's page."""

from django import template
from django.utils import timezone

from ppid.records import services
from ppid.records.models import DisposalStatus
from ppid.register.constants import Status

register = template.Library()


@register.inclusion_tag("records/_retention_panel.html", takes_context=True)
def retention_panel(context, item):
    user = context["request"].user
    if item.status == Status.DISPOSED:
        disposal = item.disposals.filter(status=DisposalStatus.APPROVED).first()
        return {"item": item, "disposal": disposal, "disposed": True}
    end = services.retention_end(item)
    open_disposal = item.disposals.filter(status=DisposalStatus.PROPOSED).first()
    past = end is not None and end < timezone.localdate()
    return {
        "item": item, "end": end, "past": past, "open_disposal": open_disposal,
        "can_propose": past and open_disposal is None and services.may_propose(user, item),
    }
