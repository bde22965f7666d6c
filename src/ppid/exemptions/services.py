"""Exempt information: harm tests, decisions, the secure store, access with a reason, expiry.

Every rule on who may prepare, approve or sign an exemption, and who may open an exempt
document, is here. The register's visibility rules (ppid.register.services) already keep exempt
items off every public surface; this module decides how an item becomes exempt and stops being
so, and guards the files themselves.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ppid.audit import services as audit
from ppid.audit.constants import Action
from ppid.core import notifications
from ppid.core.access import Access
from ppid.core.constants import Capability as C
from ppid.core.constants import ExemptionEndAction, ExemptionSigner, Role
from ppid.core.errors import Conflict, InvalidInput, NotAllowed, NotFound, ServiceError
from ppid.core.models import Agency
from ppid.core.storage import is_secure, regular_name, secure_name
from ppid.exemptions.constants import (
    ACCESS_GRANT_MINUTES,
    MAX_YEARS_LAW_ENFORCEMENT,
    MIN_REASON_LENGTH,
    NOTICE_WORKING_DAYS,
    OPEN_STATUSES,
    TRANSITIONS,
    DecisionKind,
    HarmTestKind,
    HarmTestStatus,
    Scope,
)
from ppid.exemptions.models import ExemptAccess, ExemptionDecision, HarmTest
from ppid.register import services as register
from ppid.register.constants import (
    GROUNDS_REQUIRING_END_DATE,
    PUBLIC_CATEGORIES,
    Category,
    Status,
)
from ppid.register.models import DocumentVersion, InformationItem

logger = logging.getLogger(__name__)
HARM_TEST_TYPE = HarmTest._meta.label_lower
NUMBER_PREFIX = "SK-PPID"

HARM_TEST_FIELDS = ("kind", "scope", "trigger", "trigger_reference", "withheld_information",
                    "ground", "legal_analysis", "consequence", "public_interest", "exempt_until",
                    "participants", "category_if_rejected")
REQUIRED_ON_SUBMIT = ("withheld_information", "ground", "legal_analysis", "consequence",
                      "public_interest", "participants")


# --------------------------------------------------------------------------------------------
# Who may do what.
# --------------------------------------------------------------------------------------------


def _require(condition: bool, message) -> None:
    if not condition:
        raise NotAllowed(message)


def _visible_item(user, item: InformationItem) -> InformationItem:
    return register.get_staff_item(user, item.pk)  # NotFound for those who may not see it


def may_prepare(user, item: InformationItem) -> bool:
    return (item.status != Status.DISPOSED
            and Access.for_user(user).can(C.PREPARE_HARM_TEST, item.holder_unit_id))


def may_approve(user, item: InformationItem) -> bool:
    return Access.for_user(user).can(C.APPROVE_HARM_TEST, item.holder_unit_id)


def may_sign(user) -> bool:
    """The agency names the signer: the PPID superior (default) or the head of the agency."""
    agency = Agency.current()
    role = agency.exemption_signer if agency else ExemptionSigner.PPID_SUPERIOR
    return (Access.for_user(user).can_anywhere(C.SIGN_EXEMPTION)
            and user.positions.filter(active=True, role=role).exists())


def may_open(user, item: InformationItem) -> bool:
    """Only the PPID, the PPID superior and the people named on the item open exempt documents.

    Administrators and everyone else are refused, whatever else they may do.
    """
    access = Access.for_user(user)
    if access.user is None or not register.staff_items(user).filter(pk=item.pk).exists():
        return False
    if access.can(C.OPEN_EXEMPT, item.holder_unit_id):
        return True
    return item.custodians.filter(pk=user.pk).exists()


def signer_users() -> QuerySet:
    agency = Agency.current()
    role = agency.exemption_signer if agency else ExemptionSigner.PPID_SUPERIOR
    return get_user_model().objects.filter(is_active=True, positions__active=True,
                                           positions__role=role).distinct()


def _users_with_role(role: str) -> QuerySet:
    return get_user_model().objects.filter(is_active=True, positions__active=True,
                                           positions__role=role).distinct()


# --------------------------------------------------------------------------------------------
# State of an item's exemption.
# --------------------------------------------------------------------------------------------


def decision_in_force(item: InformationItem) -> ExemptionDecision | None:
    """The latest exempting decision (exempt or extend) unless a later one opened the item."""
    latest = (ExemptionDecision.objects.filter(item=item, scope=Scope.WHOLE)
              .order_by("-decided_on", "-pk").first())
    if latest is None or latest.kind == DecisionKind.OPEN:
        return None
    return latest


def open_harm_test(item: InformationItem) -> HarmTest | None:
    return (HarmTest.objects.filter(item=item, status__in=OPEN_STATUSES, scope=Scope.WHOLE)
            .order_by("-pk").first())


def open_harm_tests_for(items) -> QuerySet[HarmTest]:
    return HarmTest.objects.filter(item__in=items, status__in=OPEN_STATUSES)


@dataclass
class ExemptionState:
    decision: ExemptionDecision | None
    pending: HarmTest | None
    working_days_left: int | None  # None: no end date (or not exempt)
    ends_on: date | None

    @property
    def ending_soon(self) -> bool:
        return self.working_days_left is not None and self.working_days_left <= NOTICE_WORKING_DAYS

    @property
    def ended(self) -> bool:
        return self.working_days_left is not None and self.working_days_left <= 0


def working_days_left(end: date, today: date | None = None, calendar=None) -> int:
    """Working days from today (exclusive) up to and including the end date; 0 once ended.

    Pass one `calendar` (ppid.worktime.services.work_calendar()) when counting for many items.
    """
    from ppid.worktime.services import work_calendar

    today = today or timezone.localdate()
    if end <= today:
        return 0
    calendar = calendar or work_calendar()
    days, day = 0, today
    while day < end:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            days += 1
    return days


def state_of(item: InformationItem, today: date | None = None) -> ExemptionState:
    decision = decision_in_force(item) if item.is_exempt else None
    pending = open_harm_test(item)
    end = item.exemption_until if item.is_exempt else None
    left = working_days_left(end, today) if end else None
    return ExemptionState(decision=decision, pending=pending, working_days_left=left,
                          ends_on=end)


# --------------------------------------------------------------------------------------------
# The secure store: exempt files live apart (ppid.core.storage).
# --------------------------------------------------------------------------------------------


def _copy(name: str, target: str, sha256: str = "") -> str:
    digest = hashlib.sha256()
    with default_storage.open(name, "rb") as source:
        stored = default_storage.save(target, File(source))
    with default_storage.open(stored, "rb") as copy:
        for chunk in iter(lambda: copy.read(1024 * 1024), b""):
            digest.update(chunk)
    if sha256 and digest.hexdigest() != sha256:
        default_storage.delete(stored)
        raise Conflict(_("A stored file does not match its recorded SHA-256; nothing was moved. "
                         "Run “ppid archive verify” and tell the administrator."))
    return stored


def _delete_later(names: list[str]) -> None:
    def delete():
        for name in names:
            try:
                default_storage.delete(name)
            except Exception:
                logger.exception("Could not remove %s after moving it", name)

    transaction.on_commit(delete)


def move_files(item: InformationItem, *, secure: bool) -> int:
    """Move the item's stored files into (or out of) the secure store; returns how many moved.

    Runs inside the caller's transaction: rows point at the new copies, the old ones are deleted
    after commit; if anything fails, the new copies are removed and nothing changes.
    Withheld originals of redacted versions never leave the secure store. The files of
    procedure cases on the item move with it.
    """
    from ppid.archive.models import Processing

    versions = DocumentVersion.objects.filter(document__item=item).select_related("processing")
    created, replaced = [], []
    try:
        for version in versions:
            if version.withheld and not secure:
                continue
            name = version.file.name
            if name and is_secure(name) != secure:
                target = secure_name(name) if secure else regular_name(name)
                new = _copy(name, target, version.sha256)
                created.append(new)
                replaced.append(name)
                DocumentVersion.objects.filter(pk=version.pk).update(file=new)
            processing = getattr(version, "processing", None)
            derivative = processing.archive_file.name if processing else ""
            if derivative and is_secure(derivative) != secure:
                target = secure_name(derivative) if secure else regular_name(derivative)
                new = _copy(derivative, target, processing.archive_sha256)
                created.append(new)
                replaced.append(derivative)
                Processing.objects.filter(pk=processing.pk).update(archive_file=new)
        from ppid.procedures.models import CaseFile  # a case's files are as secret as its item

        for case_file in CaseFile.objects.filter(case__item=item).exclude(file=""):
            name = case_file.file.name
            if is_secure(name) != secure:
                new = _copy(name, secure_name(name) if secure else regular_name(name),
                            case_file.sha256)
                created.append(new)
                replaced.append(name)
                CaseFile.objects.filter(pk=case_file.pk).update(file=new)
    except Exception:
        for name in created:
            try:
                default_storage.delete(name)
            except Exception:
                logger.exception("Could not remove the copy %s", name)
        raise
    _delete_later(replaced)
    return len(replaced)


def move_version(version: DocumentVersion, *, secure: bool) -> None:
    name = version.file.name
    if is_secure(name) == secure:
        return
    new = _copy(name, secure_name(name) if secure else regular_name(name), version.sha256)
    DocumentVersion.objects.filter(pk=version.pk).update(file=new)
    version.file.name = new
    _delete_later([name])


# --------------------------------------------------------------------------------------------
# Classification through the register: exempt only by way of a harm test.
# --------------------------------------------------------------------------------------------


def check_category_change(item: InformationItem, old_category: str | None) -> None:
    """Called by the register before it saves a new category.

    An exemption with a signed decision is lifted only by a decision to open it.
    """
    if old_category == Category.EXEMPT and item.category != Category.EXEMPT and item.pk:
        if decision_in_force(item) is not None:
            raise Conflict(_("This exemption rests on a signed decision. Lifting it needs a "
                             "decision to open the information (the Exemption panel of the item)."))


def category_changed(user, item: InformationItem, old_category: str | None,
                     request=None) -> None:
    """Called by the register after it saved a new category, in the same transaction.

    Classifying an item as exempt starts a harm test at once and puts its files in the secure
    store: from then on it is handled as exempt, but it is exempt in law (and on the DIK) only
    once the decision is signed. Classifying it back before that cancels the test.
    """
    if item.category == Category.EXEMPT and old_category != Category.EXEMPT:
        if open_harm_test(item) is None:
            test = HarmTest.objects.create(
                item=item, kind=HarmTestKind.EXEMPT, scope=Scope.WHOLE,
                ground=item.exemption_ground, exempt_until=item.exemption_until,
                category_if_rejected=(old_category if old_category in PUBLIC_CATEGORIES
                                      else Category.ON_REQUEST),
                prepared_by=user)
            audit.record(Action.HARM_TEST_CREATE, actor=user, obj=item, request=request,
                         after={"harm_test": test.pk, "reason": "classified as exempt"})
        move_files(item, secure=True)
    elif old_category == Category.EXEMPT and item.category != Category.EXEMPT:
        for test in HarmTest.objects.filter(item=item, status__in=OPEN_STATUSES,
                                            scope=Scope.WHOLE):
            _set_status(test, HarmTestStatus.CANCELLED)
            audit.record(Action.HARM_TEST_REJECT, actor=user, obj=item, request=request,
                         before={"harm_test": test.pk},
                         after={"status": HarmTestStatus.CANCELLED,
                                "reason": "classified as public before a decision"})
        move_files(item, secure=False)


# --------------------------------------------------------------------------------------------
# Harm tests.
# --------------------------------------------------------------------------------------------


def staff_harm_tests(user) -> QuerySet[HarmTest]:
    return HarmTest.objects.filter(item__in=register.staff_items(user))


def get_harm_test(user, pk) -> HarmTest:
    test = staff_harm_tests(user).select_related("item__holder_unit").filter(pk=pk).first()
    if test is None:
        raise NotFound(_("Harm test not found."))
    return test


def _validate_period(ground: str, until: date | None, on: date,
                     since: date | None = None) -> dict:
    """Pasal 20. `since`: the item's first exemption, from which the 30 years of 17 a count."""
    errors: dict[str, list] = {}
    if ground in GROUNDS_REQUIRING_END_DATE and until is None:
        errors["exempt_until"] = [_("Exemptions under Pasal 17 (a)–(f) are never permanent "
                                    "(Pasal 20): give the date the exemption ends.")]
    if until is not None and until <= on:
        errors["exempt_until"] = [_("The end of the exemption must be after today.")]
    if (until is not None and ground.startswith("17a")
            and until > _add_years(since or on, MAX_YEARS_LAW_ENFORCEMENT)):
        errors["exempt_until"] = [_("Law-enforcement information (Pasal 17 a) may be exempt "
                                    "for at most 30 years in all, counted from its first "
                                    "exemption.")]
    return errors


def _add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _apply_fields(test: HarmTest, data: dict) -> None:
    for name in HARM_TEST_FIELDS:
        if name in data:
            value = data[name]
            setattr(test, name, value if value is not None or name == "exempt_until" else "")
    if test.category_if_rejected == Category.EXEMPT:
        raise InvalidInput(_("Choose a public category for the case the test is rejected."),
                           field_errors={"category_if_rejected": [_("Choose a public category.")]})


def _set_documents(test: HarmTest, documents) -> None:
    if documents is None:
        return
    ids = [getattr(d, "pk", d) for d in documents]
    valid = list(test.item.documents.filter(pk__in=ids))
    if len(valid) != len(set(ids)):
        raise InvalidInput(_("Choose documents of this item only."),
                           field_errors={"documents": [_("Unknown document.")]})
    test.documents.set(valid)


def start_harm_test(user, item: InformationItem, data: dict, documents=None,
                    request=None) -> HarmTest:
    """Start a harm test on an item. A test of the whole item hides it at once (see
    `category_changed`); a test of parts leaves it public until redactions are applied."""
    item = _visible_item(user, item)
    _require(may_prepare(user, item), _("You may not prepare harm tests for this unit."))
    kind = data.get("kind", HarmTestKind.EXEMPT)
    scope = data.get("scope", Scope.WHOLE)
    if kind == HarmTestKind.EXTEND and decision_in_force(item) is None:
        raise Conflict(_("Only an exemption in force can be extended."))
    if scope == Scope.WHOLE and open_harm_test(item) is not None:
        raise Conflict(_("This item already has a harm test in progress."))
    if kind == HarmTestKind.EXEMPT and scope == Scope.WHOLE:
        if item.status == Status.PUBLISHED:
            raise Conflict(_("The item is published. Withdraw it first, then test it."))
        if item.is_exempt and decision_in_force(item) is not None:
            raise Conflict(_("This item is already exempt or under a harm test."))
    test = HarmTest(item=item, prepared_by=user)
    if kind == HarmTestKind.EXTEND:
        test.ground, test.exempt_until = item.exemption_ground, item.exemption_until
    _apply_fields(test, data)
    test.kind, test.scope = kind, scope
    with transaction.atomic():
        test.save()
        _set_documents(test, documents)
        audit.record(Action.HARM_TEST_CREATE, actor=user, obj=item, request=request,
                     after={"harm_test": test.pk, "kind": test.kind, "scope": test.scope,
                            "trigger": test.trigger})
        if kind == HarmTestKind.EXEMPT and scope == Scope.WHOLE and not item.is_exempt:
            if item.category in PUBLIC_CATEGORIES:  # where a rejection returns it
                test.category_if_rejected = item.category
                test.save(update_fields=["category_if_rejected"])
            _set_item_exemption(item, Category.EXEMPT, test.ground, test.exempt_until,
                                actor=user, request=request)
            move_files(item, secure=True)
    return test


def update_harm_test(user, test: HarmTest, data: dict, documents=None,
                     request=None) -> HarmTest:
    test = get_harm_test(user, test.pk)
    _require(may_prepare(user, test.item) or may_approve(user, test.item),
             _("You may not change this harm test."))
    if test.status != HarmTestStatus.DRAFT:
        raise Conflict(_("Only a draft can be changed. Send it back to draft first."))
    before = {k: str(getattr(test, k)) for k in HARM_TEST_FIELDS}
    data = {k: v for k, v in data.items() if k not in {"kind", "scope"}}
    _apply_fields(test, data)
    with transaction.atomic():
        test.save()
        _set_documents(test, documents)
        after = {k: str(getattr(test, k)) for k in HARM_TEST_FIELDS}
        changed = sorted(k for k in after if before[k] != after[k])
        if changed:
            audit.record(Action.HARM_TEST_UPDATE, actor=user, obj=test.item, request=request,
                         before={"harm_test": test.pk, **{k: before[k] for k in changed}},
                         after={k: after[k] for k in changed})
    return test


def _set_status(test: HarmTest, target: str) -> None:
    if target not in TRANSITIONS[test.status]:
        raise Conflict(_("A harm test cannot go from “%(from)s” to “%(to)s”.") % {
            "from": HarmTestStatus(test.status).label, "to": HarmTestStatus(target).label})
    test.status = target
    test.save(update_fields=["status", "updated_at"])


def _locked(test: HarmTest) -> HarmTest:
    return HarmTest.objects.select_for_update().select_related("item").get(pk=test.pk)


def completeness_errors(test: HarmTest, today: date | None = None) -> dict:
    today = today or timezone.localdate()
    errors: dict[str, list] = {}
    for name in REQUIRED_ON_SUBMIT:
        if not str(getattr(test, name) or "").strip():
            errors[name] = [_("This field is required.")]
    if test.trigger != "before_request" and not test.trigger_reference.strip():
        errors["trigger_reference"] = [_("Give the request or order number.")]
    if test.scope == Scope.WHOLE or test.exempt_until:
        first = (ExemptionDecision.objects.filter(item_id=test.item_id, scope=Scope.WHOLE,
                                                  kind=DecisionKind.EXEMPT)
                 .order_by("decided_on").values_list("decided_on", flat=True).first())
        errors.update(_validate_period(test.ground, test.exempt_until, today,
                                       since=first if test.kind == HarmTestKind.EXTEND else None))
    if test.scope == Scope.PART and not test.documents.exists():
        errors["documents"] = [_("Choose the documents whose parts are withheld.")]
    return errors


def _require_complete(test: HarmTest, today: date | None = None) -> None:
    errors = completeness_errors(test, today)
    if errors:
        raise InvalidInput(_("The harm test is not complete yet."), field_errors=errors)


def submit(user, test: HarmTest, request=None) -> HarmTest:
    test = get_harm_test(user, test.pk)
    _require(may_prepare(user, test.item), _("You may not submit harm tests for this unit."))
    _require_complete(test)
    with transaction.atomic():
        test = _locked(test)
        _set_status(test, HarmTestStatus.SUBMITTED)
        test.submitted_at = timezone.now()
        test.save(update_fields=["submitted_at"])
        audit.record(Action.HARM_TEST_SUBMIT, actor=user, obj=test.item, request=request,
                     after={"harm_test": test.pk})
        _notify_about(test, _users_with_role(Role.PPID),
                      _("Harm test to approve: %(title)s"))
    return test


def send_back(user, test: HarmTest, note: str, request=None) -> HarmTest:
    test = get_harm_test(user, test.pk)
    _require(may_approve(user, test.item), _("Only the PPID approves harm tests."))
    with transaction.atomic():
        test = _locked(test)
        _set_status(test, HarmTestStatus.DRAFT)
        test.approval_note = (note or "").strip()
        test.save(update_fields=["approval_note"])
        audit.record(Action.HARM_TEST_UPDATE, actor=user, obj=test.item, request=request,
                     before={"harm_test": test.pk, "status": HarmTestStatus.SUBMITTED},
                     after={"status": HarmTestStatus.DRAFT, "note": test.approval_note})
    return test


def approve(user, test: HarmTest, note: str = "", request=None) -> HarmTest:
    test = get_harm_test(user, test.pk)
    _require(may_approve(user, test.item), _("Only the PPID approves harm tests."))
    _require_complete(test)
    with transaction.atomic():
        test = _locked(test)
        _set_status(test, HarmTestStatus.APPROVED)
        test.approved_by, test.approved_at = user, timezone.now()
        test.approval_note = (note or "").strip()
        test.save(update_fields=["approved_by", "approved_at", "approval_note"])
        audit.record(Action.HARM_TEST_APPROVE, actor=user, obj=test.item, request=request,
                     after={"harm_test": test.pk, "note": test.approval_note})
        _notify_about(test, signer_users(), _("Exemption decision to sign: %(title)s"))
    return test


def reject(user, test: HarmTest, reason: str, request=None) -> HarmTest:
    """The PPID (on a submitted test) or the signer (on an approved one) rejects it.

    A rejected test of a whole item returns it to the public category chosen on the test.
    """
    test = get_harm_test(user, test.pk)
    if test.status == HarmTestStatus.APPROVED:
        _require(may_sign(user), _("Only the signer of exemption decisions may reject now."))
    else:
        _require(may_approve(user, test.item), _("Only the PPID rejects harm tests."))
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Say why the harm test is rejected."),
                           field_errors={"rejection_reason": [_("This field is required.")]})
    with transaction.atomic():
        test = _locked(test)
        _set_status(test, HarmTestStatus.REJECTED)
        test.decided_by, test.decided_at, test.rejection_reason = user, timezone.now(), reason
        test.save(update_fields=["decided_by", "decided_at", "rejection_reason"])
        item = InformationItem.objects.select_for_update().get(pk=test.item_id)
        audit.record(Action.HARM_TEST_REJECT, actor=user, obj=item, request=request,
                     after={"harm_test": test.pk, "reason": reason})
        _return_to_public(test, item, user, request)
    return test


def _return_to_public(test: HarmTest, item: InformationItem, user, request) -> None:
    """A whole-item test that ends without a decision returns the item where it was."""
    if (test.kind == HarmTestKind.EXEMPT and test.scope == Scope.WHOLE and item.is_exempt
            and decision_in_force(item) is None):
        _set_item_exemption(item, test.category_if_rejected, "", None, actor=user,
                            request=request)
        move_files(item, secure=False)


def cancel(user, test: HarmTest, request=None) -> HarmTest:
    test = get_harm_test(user, test.pk)
    _require(may_prepare(user, test.item) or may_approve(user, test.item),
             _("You may not cancel this harm test."))
    with transaction.atomic():
        test = _locked(test)
        _set_status(test, HarmTestStatus.CANCELLED)
        item = InformationItem.objects.select_for_update().get(pk=test.item_id)
        audit.record(Action.HARM_TEST_REJECT, actor=user, obj=item, request=request,
                     after={"harm_test": test.pk, "status": HarmTestStatus.CANCELLED})
        _return_to_public(test, item, user, request)
    return test


def _next_number(year: int) -> tuple[str, int]:
    Agency.objects.select_for_update().order_by("pk").first()  # one number at a time
    last = (ExemptionDecision.objects.filter(number_year=year)
            .aggregate(n=Max("number_sequence"))["n"])
    sequence = (last or 0) + 1
    return f"{sequence:03d}/{NUMBER_PREFIX}/{year}", sequence


def _person(user) -> dict:
    if user is None:
        return {"name": str(_("System (automatic, by the agency's setting)")), "title": ""}
    position = user.positions.filter(active=True).order_by("pk").first()
    return {"name": user.get_full_name() or user.get_username(),
            "title": position.title if position else ""}


def _snapshot(item: InformationItem, test: HarmTest | None, signer, documents) -> dict:
    data = {
        "item": {"id": item.pk, "title": item.title, "unit": item.holder_unit.name,
                 "year": item.year, "category": item.category},
        "signer": _person(signer),
        "documents": [d.title for d in documents],
    }
    if test is not None:
        data["harm_test"] = {
            "id": test.pk, "trigger": test.trigger, "trigger_reference": test.trigger_reference,
            "withheld_information": test.withheld_information,
            "legal_analysis": test.legal_analysis, "consequence": test.consequence,
            "public_interest": test.public_interest, "participants": test.participants,
            "prepared_by": _person(test.prepared_by), "approved_by": _person(test.approved_by),
        }
    return data


def _decide(item: InformationItem, *, kind: str, signer, place: str, on: date,
            test: HarmTest | None = None, ground: str = "", until: date | None = None,
            scope: str = Scope.WHOLE, category_after: str = "", reason: str = "",
            documents=()) -> ExemptionDecision:
    number, sequence = _next_number(on.year)
    try:
        with transaction.atomic():
            return ExemptionDecision.objects.create(
                item=item, kind=kind, harm_test=test, number=number, number_year=on.year,
                number_sequence=sequence, place=place, decided_on=on, scope=scope,
                ground=ground, exempt_until=until, category_after=category_after,
                reason=reason, signed_by=signer,
                snapshot=_snapshot(item, test, signer, documents))
    except IntegrityError as exc:
        raise Conflict(_("Another decision took this number just now; try again.")) from exc


def _place(place: str, *, automatic: bool = False) -> str:
    agency = Agency.current()
    place = (place or "").strip() or (agency.city if agency else "")
    if not place and automatic and agency is not None:
        place = agency.short_name or agency.name
    if not place:
        raise InvalidInput(_("Give the place of the decision (or set it in the agency "
                             "settings)."), field_errors={"place": [_("This field is required.")]})
    return place


def sign(user, test: HarmTest, *, place: str = "", on: date | None = None,
         request=None) -> ExemptionDecision:
    """The signer signs an approved test: the numbered decision is issued and takes effect."""
    test = get_harm_test(user, test.pk)
    _require(may_sign(user), _("Only the signer named by the agency signs exemption decisions."))
    on = on or timezone.localdate()
    place = _place(place)
    _require_complete(test, today=on)
    with transaction.atomic():
        test = _locked(test)
        item = InformationItem.objects.select_for_update().select_related("holder_unit").get(
            pk=test.item_id)
        _set_status(test, HarmTestStatus.SIGNED)
        test.decided_by, test.decided_at = user, timezone.now()
        test.save(update_fields=["decided_by", "decided_at"])
        kind = DecisionKind.EXTEND if test.kind == HarmTestKind.EXTEND else DecisionKind.EXEMPT
        decision = _decide(item, kind=kind, signer=user, place=place, on=on, test=test,
                           ground=test.ground, until=test.exempt_until, scope=test.scope,
                           documents=list(test.documents.all()))
        if test.scope == Scope.WHOLE:
            if item.status == Status.PUBLISHED:
                raise Conflict(_("The item is published. Withdraw it first."))
            _set_item_exemption(item, Category.EXEMPT, test.ground, test.exempt_until,
                                actor=user, request=request)
            move_files(item, secure=True)
        audit.record(Action.EXEMPTION_DECIDE, actor=user, obj=item, request=request,
                     after={"decision": decision.number, "kind": kind, "scope": test.scope,
                            "ground": test.ground,
                            "until": test.exempt_until.isoformat() if test.exempt_until
                            else None, "harm_test": test.pk})
        recipients = [*_users_with_role(Role.PPID),
                      *get_user_model().objects.filter(pk=test.prepared_by_id)]
        _notify_about(test, recipients, _("Exemption decision signed: %(title)s"))
    return decision


def open_exemption(user, item: InformationItem, *, category: str, reason: str,
                   place: str = "", on: date | None = None, request=None) -> ExemptionDecision:
    """The PPID decides to open exempt information: it re-enters the public register.

    `user` None is the automatic opening at the end date (agency setting).
    """
    on = on or timezone.localdate()
    if user is not None:
        item = _visible_item(user, item)
        _require(may_approve(user, item), _("Only the PPID decides to open exempt information."))
    if category not in PUBLIC_CATEGORIES:
        raise InvalidInput(_("Choose the public category the information opens into."),
                           field_errors={"category": [_("Choose a public category.")]})
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Say why the information is opened."),
                           field_errors={"reason": [_("This field is required.")]})
    place = _place(place, automatic=user is None)
    with transaction.atomic():
        item = InformationItem.objects.select_for_update().select_related("holder_unit").get(
            pk=item.pk)
        if not item.is_exempt:
            raise Conflict(_("This item is not exempt."))
        if decision_in_force(item) is None:
            raise Conflict(_("This item has no exemption decision yet: cancel or reject its "
                             "harm test instead."))
        for test in HarmTest.objects.filter(item=item, status__in=OPEN_STATUSES):
            _set_status(test, HarmTestStatus.CANCELLED)
        decision = _decide(item, kind=DecisionKind.OPEN, signer=user, place=place, on=on,
                           category_after=category, reason=reason)
        _set_item_exemption(item, category, "", None, actor=user, request=request)
        move_files(item, secure=False)
        if item.status in {Status.DOCUMENTED, Status.WITHDRAWN}:
            _set_status_published(item, actor=user, request=request)
        audit.record(Action.EXEMPTION_OPEN, actor=user, obj=item, request=request,
                     after={"decision": decision.number, "category": category,
                            "reason": reason, "status": item.status})
    return decision


def _set_item_exemption(item: InformationItem, category: str, ground: str, until,
                        *, actor, request=None) -> None:
    before = register.snapshot(item)
    item.category, item.exemption_ground, item.exemption_until = category, ground, until
    item.save(update_fields=["category", "exemption_ground", "exemption_until", "updated_at"])
    after = register.snapshot(item)
    changed = sorted(k for k in after if before.get(k) != after.get(k))
    if changed:
        audit.record(Action.UPDATE, actor=actor, obj=item, request=request,
                     before={k: before[k] for k in changed}, after={k: after[k] for k in changed})
    register.index_after_commit(item)


def _set_status_published(item: InformationItem, *, actor, request=None) -> None:
    before = item.status
    item.status, item.published_at = Status.PUBLISHED, timezone.now()
    item.save(update_fields=["status", "published_at", "updated_at"])
    audit.record(Action.TRANSITION, actor=actor, obj=item, request=request,
                 before={"status": before}, after={"status": Status.PUBLISHED})
    register.index_after_commit(item)


# --------------------------------------------------------------------------------------------
# Named custodians.
# --------------------------------------------------------------------------------------------


def set_custodians(user, item: InformationItem, users, request=None) -> None:
    item = _visible_item(user, item)
    _require(may_approve(user, item), _("Only the PPID names who may open exempt documents."))
    users = list(users)
    for person in users:
        if not register.staff_items(person).filter(pk=item.pk).exists():
            raise InvalidInput(
                _("%(name)s cannot see this item; only staff who may see it can be named.")
                % {"name": person.get_full_name() or person.get_username()},
                field_errors={"custodians": [_("Not allowed for this item.")]})
    before = sorted(item.custodians.values_list("username", flat=True))
    with transaction.atomic():
        item.custodians.set(users)
        after = sorted(u.username for u in users)
        if before != after:
            audit.record(Action.CUSTODIANS, actor=user, obj=item, request=request,
                         before={"custodians": before}, after={"custodians": after})


# --------------------------------------------------------------------------------------------
# Opening exempt documents: a reason every time, recorded.
# --------------------------------------------------------------------------------------------


def open_document(user, version: DocumentVersion, reason: str | None,
                  request=None) -> ExemptAccess:
    """Let an allowed person open an exempt document (or withheld original), recording why.

    Everybody else is refused, and the refusal is recorded too.
    """
    item = version.document.item
    if not may_open(user, item):
        with transaction.atomic():
            audit.record(Action.EXEMPT_ACCESS_REFUSED, actor=user, obj=item, request=request,
                         after={"file": str(version.public_id)})
        raise NotAllowed(_("Exempt documents are opened only by the PPID, the PPID superior "
                           "and the people named on the item."))
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise InvalidInput(
            _("Say why you open this exempt document (at least %(n)s characters).")
            % {"n": MIN_REASON_LENGTH},
            field_errors={"reason": [_("This field is required.")]})
    with transaction.atomic():
        access = ExemptAccess.objects.create(user=user, version=version, reason=reason[:2000])
        audit.record(Action.EXEMPT_ACCESS, actor=user, obj=item, request=request,
                     after={"document": version.document.title, "version": version.number,
                            "file": str(version.public_id), "reason": reason[:2000]})
    return access


def has_recent_access(user, version: DocumentVersion) -> bool:
    """Whether this user opened the version (with a reason) within the last two hours."""
    if not may_open(user, version.document.item):
        return False
    since = timezone.now() - timedelta(minutes=ACCESS_GRANT_MINUTES)
    return ExemptAccess.objects.filter(user=user, version=version, opened_at__gte=since).exists()


def accesses_for(user, item: InformationItem) -> QuerySet[ExemptAccess]:
    item = _visible_item(user, item)
    _require(may_approve(user, item) or Access.for_user(user).can(C.VIEW_AUDIT,
                                                                 item.holder_unit_id),
             _("You may not see who opened this item's documents."))
    return (ExemptAccess.objects.filter(version__document__item=item)
            .select_related("user", "version__document"))


# --------------------------------------------------------------------------------------------
# The exempt register (DIK) for staff.
# --------------------------------------------------------------------------------------------


def exempt_register(user) -> QuerySet[InformationItem]:
    """Every exempt item this user may see, with its decision (if signed) and period."""
    return (register.staff_items(user).filter(category=Category.EXEMPT)
            .exclude(status=Status.DISPOSED).select_related("holder_unit")
            .order_by("exemption_until", "title"))


def decisions_by_item(items) -> dict[int, ExemptionDecision]:
    result: dict[int, ExemptionDecision] = {}
    for decision in (ExemptionDecision.objects.filter(item__in=items, scope=Scope.WHOLE)
                     .order_by("decided_on", "pk")):
        if decision.kind == DecisionKind.OPEN:
            result.pop(decision.item_id, None)
        else:
            result[decision.item_id] = decision
    return result


def get_decision(user, pk) -> ExemptionDecision:
    decision = (ExemptionDecision.objects.filter(item__in=register.staff_items(user), pk=pk)
                .select_related("item__holder_unit", "harm_test").first())
    if decision is None:
        raise NotFound(_("Decision not found."))
    return decision


# --------------------------------------------------------------------------------------------
# Expiry: the daily review.
# --------------------------------------------------------------------------------------------


@dataclass
class ReviewResult:
    ending: list[InformationItem]
    escalated: list[InformationItem]
    opened: list[InformationItem]


def review_expiring(today: date | None = None) -> ReviewResult:
    """List exemptions ending within 30 working days (notify the PPID, once per end date);
    for those that ended undecided, escalate to the PPID superior or open them (agency setting).
    """
    today = today or timezone.localdate()
    agency = Agency.current()
    action = agency.exemption_end_action if agency else ExemptionEndAction.ESCALATE
    result = ReviewResult([], [], [])
    with translation.override(settings.LANGUAGE_CODE):  # notices are stored in this language
        _review(today, action, result)
    return result


def _review(today: date, action: str, result: ReviewResult) -> None:
    from ppid.worktime.services import work_calendar

    items = (InformationItem.objects.filter(category=Category.EXEMPT,
                                            exemption_until__isnull=False)
             .exclude(status=Status.DISPOSED).select_related("holder_unit"))
    calendar = work_calendar()
    for item in items:
        left = working_days_left(item.exemption_until, today, calendar)
        if left > NOTICE_WORKING_DAYS:
            continue
        link = reverse("exemptions:item", args=[item.pk])
        key = f"exemption:{item.pk}:{item.exemption_until.isoformat()}"
        if left > 0:
            result.ending.append(item)
            notifications.notify(
                _users_with_role(Role.PPID),
                _("Exemption ends in %(days)s working days: %(title)s")
                % {"days": left, "title": item.title},
                body=_("Extend it with a new harm test or decide to open it before "
                       "%(date)s.") % {"date": item.exemption_until.isoformat()},
                link=link, key=key + ":ending")
            continue
        if decision_in_force(item) is None:
            continue  # still under its first harm test: nothing has ended
        if action == ExemptionEndAction.OPEN:
            try:
                with transaction.atomic():
                    open_exemption(None, item, category=Category.ON_REQUEST, on=today,
                                   reason=str(_("The exemption period ended without a "
                                                "decision; opened automatically by the "
                                                "agency's setting.")))
            except ServiceError:
                # One item that cannot be opened never stops the review: it is escalated.
                logger.exception("Could not open the ended exemption of item %s", item.pk)
            else:
                result.opened.append(item)
                notifications.notify(_users_with_role(Role.PPID),
                                     _("Exemption ended and was opened: %(title)s")
                                     % {"title": item.title}, link=link, key=key + ":opened")
                continue
        with transaction.atomic():
            first = notifications.notify(
                [*_users_with_role(Role.PPID_SUPERIOR), *_users_with_role(Role.PPID)],
                _("Exemption ended without a decision: %(title)s") % {"title": item.title},
                body=_("It stays exempt until the PPID extends it or opens it."),
                link=link, key=key + ":escalated")
            if first:
                audit.record(Action.EXEMPTION_ESCALATE, obj=item,
                             after={"ended": item.exemption_until.isoformat()})
        result.escalated.append(item)


def ending_soon(user, today: date | None = None) -> list[tuple[InformationItem, int]]:
    """Exempt items this user may see that end within 30 working days (or have ended)."""
    from ppid.worktime.services import work_calendar

    today = today or timezone.localdate()
    horizon = today + timedelta(days=NOTICE_WORKING_DAYS * 2 + 30)  # ample: then count exactly
    rows, calendar = [], work_calendar()
    for item in exempt_register(user).filter(exemption_until__lte=horizon):
        left = working_days_left(item.exemption_until, today, calendar)
        if left <= NOTICE_WORKING_DAYS:
            rows.append((item, left))
    return rows


def _notify_about(test: HarmTest, users, subject) -> None:
    with translation.override(settings.LANGUAGE_CODE):  # stored: in the agency's language
        notifications.notify(users, subject % {"title": test.item.title},
                             link=reverse("exemptions:harm_test", args=[test.pk]))


def pending_for(user) -> QuerySet[HarmTest]:
    """Harm tests waiting for this user: to approve (PPID) or to sign (signer)."""
    condition = Q(pk__in=[])
    access = Access.for_user(user)
    if access.can_anywhere(C.APPROVE_HARM_TEST):
        condition |= Q(status=HarmTestStatus.SUBMITTED)
    if may_sign(user):
        condition |= Q(status=HarmTestStatus.APPROVED)
    return staff_harm_tests(user).filter(condition).select_related("item")
