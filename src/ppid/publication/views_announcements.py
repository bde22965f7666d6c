"""Pages of serta merta announcements (portal and workspace), the berkala dashboard, publication
channels, and robots.txt.

Thin: who may do what and every rule is in ppid.publication.announcements, .refresh and .channels.
Their NotAllowed / NotFound become 403 / 404 pages (ppid.workspace.auth); InvalidInput / Conflict
are shown on the form, typed values kept.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ppid.core.errors import Conflict, InvalidInput, NotFound
from ppid.core.http import absolute_url
from ppid.publication import announcements, channels, refresh
from ppid.publication.constants import AnnouncementStatus
from ppid.publication.forms_announcements import (
    AnnouncementForm,
    ChannelFilterForm,
    ChannelForm,
    ConfirmForm,
    EndForm,
    RefreshFilterForm,
)
from ppid.register import services as register
from ppid.register.constants import Category
from ppid.workspace.auth import staff_required

PAGE_SIZE = 20
FORM_ERRORS = (InvalidInput, Conflict)


def _querystring(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _errors_to_messages(request, exc) -> None:
    for line in exc.lines():
        messages.error(request, line)


# --------------------------------------------------------------------------------------------
# Portal.
# --------------------------------------------------------------------------------------------


@require_GET
def portal_list(request):
    page = Paginator(announcements.public_announcements(), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "publication/announcements/portal_list.html",
                  {"page": page, "querystring": _querystring(request)})


@require_GET
def portal_detail(request, pk: int):
    try:
        announcement = announcements.get_public(pk)
    except NotFound as exc:
        raise Http404 from exc
    return render(request, "publication/announcements/portal_detail.html", {
        "announcement": announcement,
        "related_item": announcements.public_item_for(announcement),
        "disaster": announcements.evacuation_required(announcement.type),
    })


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /ruang-kerja/",
        f"Disallow: /{settings.PPID_ADMIN_PATH}",
        "Disallow: /i18n/",
        f"Sitemap: {absolute_url(reverse('publication_public:sitemap'), request)}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


# --------------------------------------------------------------------------------------------
# Workspace: announcements.
# --------------------------------------------------------------------------------------------


@staff_required
def announcement_list(request):
    status = request.GET.get("status") or ""
    items = announcements.staff_announcements(request.user)
    if status in AnnouncementStatus.values:
        items = items.filter(status=status)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "publication/announcements/list.html", {
        "page": page, "querystring": _querystring(request), "status": status,
        "statuses": list(AnnouncementStatus),
        "may_announce": announcements.may_announce(request.user),
    })


def _require_announcer(user) -> None:
    if not announcements.may_announce(user):
        raise PermissionDenied(_("Only the PPID or web manager may prepare and publish "
                                 "announcements."))


@staff_required
def announcement_create(request):
    _require_announcer(request.user)
    form = AnnouncementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = announcements.create(request.user, form.service_data(), request=request)
        except FORM_ERRORS as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("The draft announcement was saved. Announce it when it "
                                        "is complete."))
            return redirect("publication:announcement", pk=created.pk)
    return render(request, "publication/announcements/form.html", {
        "form": form, "announcement": None, "disaster_types": sorted(
            announcements.DISASTER_TYPES)})


@staff_required
def announcement_edit(request, pk: int):
    _require_announcer(request.user)
    announcement = announcements.get_staff(request.user, pk)
    if announcement.status == AnnouncementStatus.ENDED:
        messages.error(request, _("An ended announcement can no longer be changed."))
        return redirect("publication:announcement", pk=pk)
    form = AnnouncementForm(request.POST or None, instance=announcement)
    if request.method == "POST" and form.is_valid():
        fresh = announcements.get_staff(request.user, pk)  # the form changed `announcement`
        try:
            announcements.update(request.user, fresh, form.service_data(), request=request)
        except FORM_ERRORS as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("The announcement was saved."))
            return redirect("publication:announcement", pk=pk)
    return render(request, "publication/announcements/form.html", {
        "form": form, "announcement": announcement,
        "disaster_types": sorted(announcements.DISASTER_TYPES)})


@staff_required
def announcement_detail(request, pk: int):
    announcement = announcements.get_staff(request.user, pk)
    may = announcements.may_announce(request.user)
    missing = []
    if announcement.status == AnnouncementStatus.DRAFT:
        labels = {f.name: f.verbose_name for f in announcement._meta.fields}
        missing = [labels.get(name, name)
                   for name in announcements.missing_to_announce(announcement)]
    return render(request, "publication/announcements/detail.html", {
        "announcement": announcement,
        "may_announce": may,
        "missing": missing,
        "end_form": EndForm(),
        "records": channels.for_announcement(announcement),
        "channel_form": ChannelForm() if channels.may_record(request.user)
        and announcement.status != AnnouncementStatus.DRAFT else None,
        "related_item": announcement.item,
        "disaster": announcements.evacuation_required(announcement.type),
    })


@staff_required
@require_POST
def announcement_announce(request, pk: int):
    announcement = announcements.get_staff(request.user, pk)
    try:
        announcements.announce(request.user, announcement, request=request)
    except FORM_ERRORS as exc:
        _errors_to_messages(request, exc)
    else:
        messages.success(request, _("Announced: the banner is now on every portal page."))
    return redirect("publication:announcement", pk=pk)


@staff_required
@require_POST
def announcement_end(request, pk: int):
    announcement = announcements.get_staff(request.user, pk)
    form = EndForm(request.POST)
    try:
        announcements.end(request.user, announcement,
                          form.data.get("note", ""), request=request)
    except FORM_ERRORS as exc:
        _errors_to_messages(request, exc)
    else:
        messages.success(request, _("The announcement ended; the banner is gone from the "
                                    "portal."))
    return redirect("publication:announcement", pk=pk)


@staff_required
@require_POST
def announcement_channel(request, pk: int):
    announcement = announcements.get_staff(request.user, pk)
    _record_channel(request, announcement=announcement)
    return redirect(reverse("publication:announcement", args=[pk]) + "#kanal")


# --------------------------------------------------------------------------------------------
# Workspace: channels.
# --------------------------------------------------------------------------------------------


def _record_channel(request, **subject) -> None:
    form = ChannelForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return
    try:
        record = channels.record_channel(request.user, **subject, request=request,
                                         **form.cleaned_data)
    except FORM_ERRORS as exc:
        _errors_to_messages(request, exc)
    else:
        messages.success(request, _("Recorded: published on %(channel)s.")
                         % {"channel": record.get_channel_display()})


@staff_required
@require_POST
def item_channel(request, pk: int):
    item = register.get_staff_item(request.user, pk)
    _record_channel(request, item=item)
    return redirect(reverse("workspace:item", args=[pk]) + "#kanal")


@staff_required
def channel_list(request):
    form = ChannelFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    records = channels.filter_records(
        channels.visible_records(request.user), channel=filters.get("channel") or None,
        date_from=filters.get("date_from"), date_to=filters.get("date_to"),
    ).select_related("item", "announcement", "published_by").order_by("-published_on", "-pk")
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    return render(request, "publication/channels/list.html", {
        "form": form, "page": page, "querystring": _querystring(request)})


def item_panels(user, item) -> dict:
    """What the workspace item page shows of publication: channels and the refresh state."""
    published = register.is_public(item)
    periodic = published and item.category == Category.PERIODIC
    return {
        "publication_channels": channels.for_item(item),
        "channel_form": ChannelForm() if published and channels.may_record(user, item)
        else None,
        "refresh_state": refresh.state(item) if periodic else None,
        "may_confirm_refresh": periodic and refresh.may_confirm(user, item),
    }


# --------------------------------------------------------------------------------------------
# Workspace: the berkala dashboard.
# --------------------------------------------------------------------------------------------


@staff_required
def refresh_dashboard(request):
    units = refresh.dashboard_units(request.user)
    form = RefreshFilterForm(request.GET or None, units=units)
    unit = form.cleaned_data.get("unit") if form.is_valid() else None
    today = refresh.today_local()
    items = refresh.dashboard_items(request.user, today, unit=unit.pk if unit else None)
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    rows = [(item, refresh.state(item, today), refresh.may_confirm(request.user, item))
            for item in page.object_list]
    stale_count = refresh.dashboard_items(request.user, today, within_days=-1,
                                          unit=unit.pk if unit else None).count()
    return render(request, "publication/refresh/dashboard.html", {
        "form": form, "page": page, "rows": rows, "today": today,
        "stale_count": stale_count, "querystring": _querystring(request),
        "due_soon_days": refresh.DUE_SOON_DAYS,
        "default_months": refresh.default_months(),
    })


@staff_required
@require_POST
def refresh_confirm(request, pk: int):
    item = register.get_staff_item(request.user, pk)
    form = ConfirmForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        refresh.confirm_current(request.user, item, note, request=request)
    except FORM_ERRORS as exc:
        _errors_to_messages(request, exc)
    else:
        messages.success(request, _("Confirmed as current: “%(title)s”. Its refresh period "
                                    "starts again today.") % {"title": item.title})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = reverse("workspace:item", args=[pk])
    return redirect(target)
