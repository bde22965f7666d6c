"""`{% exemption_panel item %}`: the item's exemption, harm tests and decisions, on its page."""

from django import template

from ppid.exemptions import services
from ppid.exemptions.constants import Scope
from ppid.exemptions.models import ExemptionDecision, HarmTest

register = template.Library()


@register.inclusion_tag("exemptions/_panel.html", takes_context=True)
def exemption_panel(context, item):
    user = context["request"].user
    state = services.state_of(item)
    may_approve = services.may_approve(user, item)
    may_prepare = services.may_prepare(user, item)
    exempt = item.is_exempt
    return {
        "item": item, "state": state,
        "tests": HarmTest.objects.filter(item=item).select_related("prepared_by")[:20],
        "decisions": ExemptionDecision.objects.filter(item=item)[:20],
        "custodians": list(item.custodians.all()) if exempt else [],
        "can_start": may_prepare and not exempt and item.status != "published"
        and state.pending is None,
        "can_start_part": may_prepare and not exempt,
        "can_extend": may_prepare and exempt and state.decision is not None
        and state.pending is None,
        "can_open": may_approve and exempt and state.decision is not None,
        "can_name": may_approve and exempt,
        "part": Scope.PART,
    }
