"""The checks of a site maintenance run, one function per `CheckCode`.

Each check takes the run and returns a `Result`; `ppid.publication.maintenance.execute` stores
it as a `MaintenanceCheck`. A check only reads: what is public comes from
`ppid.register.services`, the file hashing from the fixity check (`ppid.records.services`),
stale berkala items from `ppid.publication.refresh`, ending exemptions from
`ppid.exemptions.services` and whether a DIP edition is due from `ppid.publication.editions`.

Texts are made in the language active when the run executes (the agency's default language,
see `maintenance.execute`), because they are stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.signals import request_finished
from django.db import close_old_connections
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ppid.publication.constants import CheckCode
from ppid.register import services as register
from ppid.register.constants import Category, Status

# Item pages whose links one run follows; a bigger register is covered over several runs
# (MaintenanceRun.links_resume_after), one slice a day.
LINK_PAGE_BUDGET = 500
# Problems kept per check: enough to act on, small enough to store and show.
MAX_PROBLEMS = 200
# Tried for every active account besides its own user name (and, for the demo accounts, their
# demo password). Few on purpose: each try costs a full password hash (PBKDF2: ~0.3 s).
GENERIC_PASSWORDS = ("admin", "password", "12345678")
URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'()\[\]]+", re.IGNORECASE)


@dataclass
class Result:
    passed: bool
    checked: int = 0
    message: str = ""
    problems: list = field(default_factory=list)
    advice: str = ""


# --------------------------------------------------------------------------------------------
# Published files: present and unchanged.
# --------------------------------------------------------------------------------------------


def check_files(run) -> Result:
    from ppid.records.services import file_digest  # the fixity check's chunked SHA-256

    versions = (register.public_versions()
                .select_related("document__item").order_by("document__item_id", "pk"))
    checked, problems = 0, []
    for version in versions.iterator(chunk_size=200):
        checked += 1
        detail = ""
        try:
            actual = file_digest(version.file.name, storage=version.file.storage)
        except Exception as exc:  # unreadable counts as missing, with the reason
            actual, detail = None, f"{type(exc).__name__}: {exc}"[:300]
        if actual == version.sha256:
            continue
        item = version.document.item
        problems.append({
            "item_id": item.pk, "title": item.title, "document": version.document.title,
            "file": version.original_name, "stored_name": version.file.name,
            "version": version.number, "problem": "missing" if actual is None else "altered",
            "detail": detail,
        })
    if not problems:
        return Result(True, checked, ngettext(
            "%(n)d published file is present and matches its SHA-256.",
            "All %(n)d published files are present and match their SHA-256.", checked)
            % {"n": checked})
    missing = sum(1 for p in problems if p["problem"] == "missing")
    return Result(False, checked, str(_(
        "%(bad)d of %(n)d published files are missing (%(missing)d) or altered (%(altered)d).")
        % {"bad": len(problems), "n": checked, "missing": missing,
           "altered": len(problems) - missing}), problems[:MAX_PROBLEMS], str(_(
        "Restore each file from the backup (the same file: its SHA-256 must match), or upload "
        "a new version of the document in the workspace. The command ppid archive verify checks "
        "every stored file, not only the published ones.")))


# --------------------------------------------------------------------------------------------
# Internal links on item pages and in item summaries.
# --------------------------------------------------------------------------------------------


class _LinkParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value and value.strip():
                self.links.append(value.strip())


def site_host() -> str:
    """The host name the in-process requests use: the first concrete ALLOWED_HOSTS entry."""
    for host in settings.ALLOWED_HOSTS:
        host = host.strip()
        if host and host != "*" and not host.startswith("."):
            return host
    return "localhost"


def _site_hosts() -> set[str]:
    hosts = {h.strip().lower().strip("[]") for h in settings.ALLOWED_HOSTS
             if h.strip() and h.strip() != "*" and not h.strip().startswith(".")}
    hosts.add(site_host().lower().strip("[]"))
    if settings.PPID_SITE_URL:
        hosts.add((urlsplit(settings.PPID_SITE_URL).hostname or "").lower())
    hosts.discard("")
    return hosts


def _skipped_prefixes() -> tuple[str, ...]:
    prefixes = [settings.STATIC_URL if settings.STATIC_URL.startswith("/")
                else "/" + settings.STATIC_URL]
    try:
        prefixes.append(reverse("set_language"))  # the language form, not a page
    except NoReverseMatch:
        pass
    return tuple(prefixes)


def internal_path(link: str, base: str, hosts: set[str], skip: tuple[str, ...]) -> str | None:
    """The path (with query) of a link to this site, or None for anything not to follow:
    other sites, mailto:/tel:/javascript:, same-page anchors, static assets, the language form."""
    if link.startswith("#"):
        return None
    target = urlsplit(urljoin(base, link))
    if target.scheme not in ("http", "https"):
        return None
    if (target.hostname or "").lower() not in hosts:
        return None
    path = target.path or "/"
    if path.startswith(skip):
        return None
    return path + (f"?{target.query}" if target.query else "")


def make_client():
    """A client that renders pages in this process, as a visitor over HTTPS would get them."""
    from django.test import Client

    return Client(HTTP_HOST=site_host(), raise_request_exception=False)


def fetch(client, path: str):
    """GET `path` in-process over HTTPS; the response, closed (files are not read)."""
    response = client.get(path, secure=True)
    if response.streaming:
        # The test client closes streaming responses only when their content is read; close it
        # now, the way it would, without closing the database connection of this thread.
        request_finished.disconnect(close_old_connections)
        try:
            response.close()
        finally:
            request_finished.connect(close_old_connections)
    return response


def _link_pages(run) -> tuple[list[tuple[int, str, str]], int]:
    """(id, title, summary) of the item pages to check this run, continuing after the item the
    previous run stopped at (`start_run` copies it), and the number of public items."""
    previous = run.links_resume_after or 0
    items = register.public_items().order_by("pk").values_list("pk", "title", "summary")
    total = items.count()
    pages = list(items.filter(pk__gt=previous)[:LINK_PAGE_BUDGET])
    if len(pages) < LINK_PAGE_BUDGET:  # the end of the register: go on from its start
        pages += list(items.filter(pk__lte=previous)[:LINK_PAGE_BUDGET - len(pages)])
    return pages, total


def check_links(run) -> Result:
    pages, total = _link_pages(run)
    hosts, skip = _site_hosts(), _skipped_prefixes()
    base = f"https://{site_host()}"
    client = make_client()
    found_on: dict[str, tuple[str, int]] = {}  # url -> (first page, number of pages)

    def note(url: str, page: str) -> None:
        first, count = found_on.get(url, (page, 0))
        found_on[url] = (first, count + 1)

    page_errors = []
    for pk, title, summary in pages:
        page = reverse("portal:item", args=[pk])
        response = fetch(client, page)
        if response.status_code >= 400:
            page_errors.append({"url": page, "status": response.status_code, "found_on": page,
                                "pages": 1, "item_id": pk, "title": title})
            continue
        parser = _LinkParser()
        parser.feed(response.content.decode(response.charset or "utf-8", "replace"))
        links = {internal_path(link, base + page, hosts, skip) for link in parser.links}
        for link in links - {None, page}:
            note(link, page)
        for written in URL_IN_TEXT.findall(summary or ""):
            path = internal_path(written.rstrip(".,;:!?"), base + page, hosts, skip)
            if path is not None:
                note(path, page)
    problems = list(page_errors)
    for url, (page, count) in sorted(found_on.items()):
        status = fetch(client, url).status_code
        if status >= 400:
            problems.append({"url": url, "status": status, "found_on": page, "pages": count})
    if pages:
        run.links_resume_after = pages[-1][0]
        run.save(update_fields=["links_resume_after"])
    counts = {"n": len(pages), "m": total, "links": len(found_on)}
    if not problems:
        return Result(True, len(pages), str(_(
            "Checked %(n)d of %(m)d pages; all %(links)d internal links resolve.") % counts))
    return Result(False, len(pages), str(_(
        "Checked %(n)d of %(m)d pages; %(bad)d of %(links)d internal links do not resolve.")
        % {**counts, "bad": len(problems)}), problems[:MAX_PROBLEMS], str(_(
        "Correct or remove each link on the page where it was found (a link written in an "
        "item's summary is changed by editing the item), or publish the page it points to.")))


# --------------------------------------------------------------------------------------------
# The register: stale berkala items, exemptions near their end, the DIP edition.
# --------------------------------------------------------------------------------------------


def check_stale_periodic(run) -> Result:
    from ppid.publication import refresh

    checked = register.public_items().filter(category=Category.PERIODIC).count()
    stale = list(refresh.stale_items().select_related("holder_unit").order_by("pk"))
    if not stale:
        return Result(True, checked, ngettext(
            "The %(n)d published berkala item is within its refresh period.",
            "All %(n)d published berkala items are within their refresh period.", checked)
            % {"n": checked})
    problems = []
    for item in stale[:MAX_PROBLEMS]:
        last, due = refresh.last_refreshed(item), refresh.due_date(item)
        problems.append({
            "item_id": item.pk, "title": item.title,
            "unit": str(item.holder_unit) if item.holder_unit_id else "",
            "refreshed_at": timezone.localdate(last).isoformat() if last else "",
            "due_on": due.isoformat() if due else "",
        })
    return Result(False, checked, ngettext(
        "%(n)d berkala item is past its refresh period.",
        "%(n)d berkala items are past their refresh period.", len(stale)) % {"n": len(stale)},
        problems, str(_(
            "Upload the current version of each item's document, or confirm that it is still "
            "current (Publication › stale berkala items). Its unit and the PPID are notified "
            "daily.")))


def check_exemptions_ending(run) -> Result:
    from ppid.exemptions.constants import NOTICE_WORKING_DAYS
    from ppid.exemptions.services import open_harm_test, working_days_left
    from ppid.register.models import InformationItem
    from ppid.worktime.services import work_calendar

    today = timezone.localdate()
    # The rule of ppid.exemptions (review_expiring / ending_soon): 30 working days; the date
    # filter is only a generous first cut before counting working days exactly.
    horizon = today + timedelta(days=NOTICE_WORKING_DAYS * 2 + 30)
    items = (InformationItem.objects.filter(category=Category.EXEMPT,
                                            exemption_until__isnull=False)
             .exclude(status=Status.DISPOSED).order_by("exemption_until", "pk"))
    checked = items.count()
    calendar = work_calendar()
    problems, under_way = [], 0
    for item in items.filter(exemption_until__lte=horizon):
        left = working_days_left(item.exemption_until, today, calendar)
        if left > NOTICE_WORKING_DAYS:
            continue
        if open_harm_test(item) is not None:  # an extension or an opening is being decided
            under_way += 1
            continue
        problems.append({"item_id": item.pk, "title": item.title,
                         "ends_on": item.exemption_until.isoformat(), "working_days_left": left})
    if not problems:
        message = _("No exemption ends within %(days)d working days without a decision.") % {
            "days": NOTICE_WORKING_DAYS}
        if under_way:
            message += " " + ngettext(
                "%(n)d ending exemption has a harm test under way.",
                "%(n)d ending exemptions have a harm test under way.", under_way) % {
                "n": under_way}
        return Result(True, checked, message)
    return Result(False, checked, ngettext(
        "%(n)d exemption ends within %(days)d working days (or has ended) with no decision "
        "under way.",
        "%(n)d exemptions end within %(days)d working days (or have ended) with no decision "
        "under way.", len(problems)) % {"n": len(problems), "days": NOTICE_WORKING_DAYS},
        problems[:MAX_PROBLEMS], str(_(
            "For each item, start a harm test to extend the exemption, or have the PPID decide "
            "to open the information, before the end date.")))


def check_dip_edition(run) -> Result:
    from ppid.core.models import Agency
    from ppid.publication import editions
    from ppid.publication.constants import EditionKind

    agency = Agency.current()
    months = agency.edition_interval_months if agency else 12
    current = editions.current(EditionKind.DIP)
    due = editions.due_on(EditionKind.DIP)
    facts = {"months": months, "due": due.isoformat() if due else "",
             "number": (current.decree_number or "—") if current else "",
             "date": current.decree_date.isoformat() if current and current.decree_date else "—"}
    if not editions.is_due(kind=EditionKind.DIP):
        return Result(True, 1, str(_(
            "The DIP in force was set by decree %(number)s of %(date)s; the next edition is due "
            "by %(due)s (every %(months)d months).") % facts))
    if current is None:
        message = str(_("The DIP has never been set by decree."))
    else:
        message = str(_("The DIP in force (decree %(number)s of %(date)s) is older than the "
                        "agency's interval of %(months)d months: a new edition was due on "
                        "%(due)s.") % facts)
    return Result(False, 1, message, [], str(_(
        "Prepare a new DIP edition (Publication › DIP editions) and have the PPID sign it with "
        "the decree number and date. The interval is an agency setting.")))


# --------------------------------------------------------------------------------------------
# Security settings.
# --------------------------------------------------------------------------------------------


def check_https(run) -> Result:
    if settings.SECURE_SSL_REDIRECT:
        return Result(True, 1, str(_("Plain HTTP requests are redirected to HTTPS.")))
    return Result(False, 1, str(_("Plain HTTP requests are not redirected to HTTPS.")), [],
                  str(_("Serve the site over HTTPS and set PPID_HTTPS=true (it sets "
                        "SECURE_SSL_REDIRECT). Behind a reverse proxy that terminates TLS, also "
                        "set PPID_TRUSTED_PROXY to the proxy's address so the scheme it forwards "
                        "(X-Forwarded-Proto) is trusted.")))


def check_hsts(run) -> Result:
    seconds = settings.SECURE_HSTS_SECONDS or 0
    if seconds > 0:
        return Result(True, 1, str(_("Browsers are told to use only HTTPS for %(days)d days "
                                     "(Strict-Transport-Security).") % {"days": seconds // 86400}))
    return Result(False, 1, str(_("No Strict-Transport-Security header is sent.")), [],
                  str(_("Set PPID_HTTPS=true and PPID_HSTS_SECONDS to a positive number of "
                        "seconds (31536000, one year, is the default).")))


def check_csp(run) -> Result:
    advice = str(_("Set PPID_CSP to a policy, or remove it to use the default (script-src "
                   "'self'; object-src 'none'; …); do not allow 'unsafe-eval' or '*'."))
    policy = (settings.PPID_CSP or "").strip()
    if not policy:
        return Result(False, 1, str(_("No Content-Security-Policy is configured (PPID_CSP is "
                                      "empty).")), [], advice)
    response = fetch(make_client(), reverse("portal:home"))
    sent = response.headers.get("Content-Security-Policy", "")
    if not sent:
        return Result(False, 1, str(_("PPID_CSP is set, but the portal's home page was sent "
                                      "without a Content-Security-Policy header.")),
                      [{"url": reverse("portal:home"), "status": response.status_code}], advice)
    warnings = []
    for directive in (d.strip() for d in sent.split(";")):
        sources = directive.split()
        if not sources:
            continue
        if "'unsafe-eval'" in sources[1:]:
            warnings.append({"directive": directive, "warning": str(_(
                "'unsafe-eval' lets scripts run code made from text."))})
        if "*" in sources[1:]:
            warnings.append({"directive": directive, "warning": str(_(
                "'*' allows content from any site."))})
    message = str(_("The portal's pages carry a Content-Security-Policy header."))
    if warnings:
        message += " " + str(_("Warning: the policy is weakened (see the list)."))
    return Result(True, 1, message, warnings, advice if warnings else "")


def check_secure_cookies(run) -> Result:
    unsafe = [name for name in ("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE")
              if not getattr(settings, name)]
    if not unsafe:
        return Result(True, 1, str(_("The session and CSRF cookies are sent only over HTTPS.")))
    return Result(False, 1, str(_("Cookies that may be sent over plain HTTP: %(names)s.")
                                % {"names": ", ".join(unsafe)}),
                  [{"setting": name} for name in unsafe],
                  str(_("Set PPID_HTTPS=true: the session and CSRF cookies are then sent only "
                        "over HTTPS.")))


def check_debug(run) -> Result:
    if not settings.DEBUG:
        return Result(True, 1, str(_("Debug mode is off.")))
    return Result(False, 1, str(_("Debug mode is on: error pages show settings and code to "
                                  "anyone.")), [],
                  str(_("Set PPID_DEBUG=false (or remove it) and restart the server.")))


def check_admin_path(run) -> Result:
    path = settings.PPID_ADMIN_PATH.strip("/")
    if path.lower() != "admin":
        return Result(True, 1, str(_("The admin site is not at the default address.")))
    return Result(False, 1, str(_("The admin site is at the default address /admin/, where "
                                  "automated attacks look first.")), [],
                  str(_("Set PPID_ADMIN_PATH to an address that is hard to guess, e.g. "
                        "kelola-8f3a/, and restart the server.")))


def _password_candidates(username: str, demo: dict[str, str]) -> list[tuple[str, str]]:
    candidates = []
    if username in demo:
        candidates.append(("demo", demo[username]))
    candidates += [("common", password) for password in GENERIC_PASSWORDS]
    candidates.append(("username", username))
    return candidates


def check_default_passwords(run) -> Result:
    from ppid.demo.seed import DEMO_USERS

    demo = {spec.username: spec.password for spec in DEMO_USERS}
    reasons = {"demo": _("the demo password"), "common": _("a common default password"),
               "username": _("the user name as password")}
    checked, problems = 0, []
    for user in get_user_model().objects.filter(is_active=True).order_by("pk"):
        if not user.has_usable_password():
            continue
        checked += 1
        username = user.get_username()
        # hashers.check_password: no side effect (User.check_password would rehash and save).
        for kind, candidate in _password_candidates(username, demo):
            if check_password(candidate, user.password):
                problems.append({"user_id": user.pk, "username": username, "kind": kind,
                                 "reason": str(reasons[kind])})
                break
    if not problems:
        return Result(True, checked, ngettext(
            "The %(n)d active account does not use a default or demo password.",
            "None of the %(n)d active accounts uses a default or demo password.", checked)
            % {"n": checked})
    return Result(False, checked, ngettext(
        "%(n)d active account uses a default or demo password.",
        "%(n)d active accounts use a default or demo password.", len(problems))
        % {"n": len(problems)}, problems[:MAX_PROBLEMS], str(_(
            "Give each listed account a new password (on the server: ppid changepassword "
            "USERNAME), or deactivate it in the admin site if it is not needed (the demo "
            "accounts).")))


CHECKS: dict[str, Callable] = {
    CheckCode.FILES: check_files,
    CheckCode.LINKS: check_links,
    CheckCode.STALE_PERIODIC: check_stale_periodic,
    CheckCode.EXEMPTIONS_ENDING: check_exemptions_ending,
    CheckCode.DIP_EDITION: check_dip_edition,
    CheckCode.HTTPS: check_https,
    CheckCode.HSTS: check_hsts,
    CheckCode.CSP: check_csp,
    CheckCode.SECURE_COOKIES: check_secure_cookies,
    CheckCode.DEBUG: check_debug,
    CheckCode.ADMIN_PATH: check_admin_path,
    CheckCode.DEFAULT_PASSWORDS: check_default_passwords,
}
