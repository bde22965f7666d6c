from ppid.core.access import Access
from ppid.core.constants import Capability as C
from ppid.core.models import Agency


def agency(request):
    access = Access.for_user(getattr(request, "user", None))
    return {
        "agency": request.agency if hasattr(request, "agency") else Agency.current(),
        "access": access,
        "staff_nav": {
            "create": access.can_anywhere(C.EDIT_ITEMS),
            "audit": access.can(C.VIEW_AUDIT),
            "settings": access.can(C.MANAGE_AGENCY),
            "exempt": access.can_anywhere(C.VIEW_EXEMPT),
            "requests": access.can_anywhere(C.HANDLE_REQUESTS)
            or access.can_anywhere(C.REPORT_REQUESTS),
            "publication": any(access.can_anywhere(c) for c in (
                C.PUBLISH, C.PREPARE_EDITIONS, C.ANNOUNCE, C.MANAGE_DATA_CENTER,
                C.MAINTAIN_SITE)),
        },
        "unread_notifications": _unread(access),
    }


def _unread(access) -> int:
    if access.user is None:
        return 0
    from ppid.core.notifications import unread_count

    return unread_count(access.user)
