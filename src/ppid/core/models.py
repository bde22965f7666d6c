from __future__ import annotations

import hashlib
import secrets
from datetime import time

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ppid.core.constants import (
    ExemptionEndAction,
    ExemptionSigner,
    Role,
    TimeZone,
    Weekday,
)


class Agency(models.Model):
    """The public body (Badan Publik). One per installation."""

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=64, blank=True)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=32, choices=TimeZone.choices, default=TimeZone.WIB
    )
    profile = models.TextField(_("profile"), blank=True, help_text=_("Shown on the portal."))
    publish_exempt_list = models.BooleanField(
        _("publish the list of exempt information (DIK)"), default=False
    )
    city = models.CharField(
        _("place of decisions"), max_length=100, blank=True,
        help_text=_("The town named on decisions, e.g. “Banjarbaru”."),
    )
    exemption_signer = models.CharField(
        _("signer of exemption decisions"), max_length=16, choices=ExemptionSigner.choices,
        default=ExemptionSigner.PPID_SUPERIOR,
    )
    exemption_end_action = models.CharField(
        _("when an exemption ends undecided"), max_length=16,
        choices=ExemptionEndAction.choices, default=ExemptionEndAction.ESCALATE,
    )
    request_number_format = models.CharField(
        _("request number format"), max_length=80,
        default="{seq:03d}/PPID/{roman_month}/{year}",
        help_text=_("Fields: {seq} (or {seq:03d}), {year}, {month}, {roman_month}, {agency}."),
    )
    objection_number_format = models.CharField(
        _("objection number format"), max_length=80,
        default="{seq:03d}/KEBERATAN/PPID/{roman_month}/{year}",
        help_text=_("Same fields as the request number."),
    )
    personal_data_months = models.PositiveSmallIntegerField(
        _("keep requesters' personal data for (months after closing)"), default=24,
    )
    edition_interval_months = models.PositiveSmallIntegerField(
        _("set the DIP by decree every (months)"), default=12,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("At least yearly (12); many agencies refresh it more often."),
    )
    periodic_refresh_months = models.PositiveSmallIntegerField(
        _("refresh periodic (berkala) information every (months)"), default=6,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
        help_text=_("At least every 6 months (Pasal 9); an item may set a shorter period."),
    )
    is_main_ppid = models.BooleanField(
        _("this is the PPID Utama (harvests its PPID Pelaksana)"), default=False,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agency")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> Agency | None:
        return cls.objects.order_by("pk").first()


class OfficeHours(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="office_hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"), default=time(8, 0))
    closes = models.TimeField(_("closes"), default=time(16, 0))

    class Meta:
        verbose_name = _("office hours")
        verbose_name_plural = _("office hours")
        ordering = ["weekday"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "weekday"], name="one_hours_per_weekday"),
            models.CheckConstraint(condition=models.Q(opens__lt=models.F("closes")),
                                   name="office_opens_before_closing"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Unit(models.Model):
    """A work unit (unit kerja / bidang / satker); may run a PPID Pelaksana."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="units")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name=_("parent unit"),
    )
    name = models.CharField(_("name"), max_length=255)
    code = models.CharField(_("code"), max_length=32, blank=True)
    has_unit_ppid = models.BooleanField(_("has a PPID Pelaksana"), default=False)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def children_map(cls) -> dict[int | None, list[Unit]]:
        """parent id -> child units by name (the tree is small; it is walked in memory)."""
        children: dict[int | None, list[Unit]] = {}
        for unit in cls.objects.order_by("name"):
            children.setdefault(unit.parent_id, []).append(unit)
        return children

    def descendant_ids(self) -> set[int]:
        """This unit and every unit below it."""
        children = Unit.children_map()
        found, todo = set(), [self.pk]
        while todo:
            pk = todo.pop()
            if pk not in found:
                found.add(pk)
                todo.extend(child.pk for child in children.get(pk, []))
        return found


class Position(models.Model):
    """A user's jabatan in a unit, with the role that decides their capabilities."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="positions"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="positions",
                             verbose_name=_("unit"))
    title = models.CharField(_("position title (jabatan)"), max_length=255)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["unit__name", "title"]

    def __str__(self) -> str:
        return f"{self.title} — {self.unit}"


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def authenticate(self, raw: str):
        token = (
            self.filter(key_hash=_hash_token(raw), revoked_at__isnull=True)
            .select_related("user")
            .first()
        )
        if token is None or not token.user.is_active:
            return None
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user


class ApiToken(models.Model):
    """A bearer token for the staff API. Only its hash is stored."""

    PREFIX = "ppid_"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(_("label"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} {self.label or self.created_at:%Y-%m-%d}"

    @classmethod
    def issue(cls, user, label: str = "") -> str:
        raw = cls.PREFIX + secrets.token_urlsafe(32)
        cls.objects.create(user=user, key_hash=_hash_token(raw), label=label)
        return raw


class ScheduledJob(models.Model):
    """When a periodic job of `ppid.core.schedule` was last enqueued (one row per job name)."""

    name = models.CharField(_("job"), max_length=100, unique=True)
    last_enqueued_at = models.DateTimeField(_("last enqueued"), null=True, blank=True)
    last_task_id = models.CharField(_("last task"), max_length=64, blank=True)
    runs = models.PositiveIntegerField(_("times enqueued"), default=0)

    class Meta:
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Notification(models.Model):
    """A message to one staff member, shown in the workspace and sent by e-mail if they have one."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notifications")
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("message"), blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    # Repeated daily checks notify once per key (e.g. "exemption-ending:12:2027-01-05").
    key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], condition=~models.Q(key=""),
                                    name="notification_once_per_key"),
        ]

    def __str__(self) -> str:
        return self.subject
