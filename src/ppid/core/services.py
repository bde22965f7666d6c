"""Agency settings: profile, office hours and units. Changes are audited by model signals."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ppid.core.access import Access
from ppid.core.constants import Capability as C
from ppid.core.errors import NotAllowed
from ppid.core.models import Agency, Unit


def require_manage_agency(user) -> None:
    if not Access.for_user(user).can(C.MANAGE_AGENCY):
        raise NotAllowed(_("Only an administrator may change the agency settings."))


def save_agency(user, form, hours_formset) -> Agency:
    require_manage_agency(user)
    with transaction.atomic():
        agency = form.save()
        hours_formset.instance = agency
        hours_formset.save()
    return agency


def add_unit(user, agency: Agency, data: dict) -> Unit:
    require_manage_agency(user)
    return Unit.objects.create(agency=agency, **data)


def unit_tree() -> list[tuple[int, Unit]]:
    """Units in tree order with their depth, for display."""
    children = Unit.children_map()
    ordered: list[tuple[int, Unit]] = []

    def walk(parent_id, depth):
        for unit in children.get(parent_id, []):
            ordered.append((depth, unit))
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return ordered
