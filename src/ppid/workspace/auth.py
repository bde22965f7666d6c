"""Access to workspace pages: logged in, holding a position; service errors become 403/404."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from ppid.core.access import Access
from ppid.core.constants import Capability as C
from ppid.core.errors import NotAllowed, NotFound


def staff_required(view):
    """Logged in and holding at least one position; service errors become 403/404 pages."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not Access.for_user(request.user).can_anywhere(C.VIEW_REGISTER):
            raise PermissionDenied(_("Your account has no position in this agency yet."))
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(str(exc)) from exc
        except NotAllowed as exc:
            raise PermissionDenied(str(exc)) from exc

    return wrapper
