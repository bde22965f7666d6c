"""Publication: DIP/DIK editions, serta merta announcements, channels, the change feed that the
Pusat Data and a PPID Utama harvest, CKAN push state, federation, and site maintenance runs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ppid.publication.constants import (
    AnnouncementStatus,
    AnnouncementType,
    ChangeOperation,
    Channel,
    CheckCode,
    EditionKind,
    EditionStatus,
    MaintenanceStatus,
    MaintenanceTrigger,
    SyncState,
)
from ppid.register.models import InformationItem

USER = settings.AUTH_USER_MODEL


class FrozenError(Exception):
    """A signed edition (or one of its rows) was about to change."""


# ---------------------------------------------------------------------------------------------
# Editions of the DIP and the DIK.
# ---------------------------------------------------------------------------------------------


class Edition(models.Model):
    """One edition of the DIP (or DIK): a draft until the PPID signs it off under its decree.

    Signing takes the snapshot (`EditionRow`s) and its SHA-256; from then on neither the edition
    nor its rows can change (enforced here and in the services).
    """

    kind = models.CharField(_("list"), max_length=3, choices=EditionKind.choices)
    status = models.CharField(_("status"), max_length=8, choices=EditionStatus.choices,
                              default=EditionStatus.DRAFT, editable=False)
    title = models.CharField(_("title"), max_length=255)
    decree_number = models.CharField(_("decree number"), max_length=100, blank=True)
    decree_date = models.DateField(_("decree date"), null=True, blank=True)
    decree_place = models.CharField(_("place of the decree"), max_length=100, blank=True)
    decree_signer_name = models.CharField(_("decree signed by (name)"), max_length=255,
                                          blank=True)
    decree_signer_position = models.CharField(_("decree signed by (position)"),
                                              max_length=255, blank=True)
    decree_signer_nip = models.CharField(_("NIP of the signer"), max_length=32, blank=True)
    note = models.TextField(_("note"), blank=True)
    signed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", editable=False)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True, editable=False)
    row_count = models.PositiveIntegerField(_("entries"), default=0, editable=False)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-signed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "decree_number"],
                                    condition=~Q(decree_number=""),
                                    name="unique_edition_decree_number"),
        ]
        indexes = [models.Index(fields=["kind", "status", "-signed_at"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self._stored_status() == EditionStatus.SIGNED:
            raise FrozenError(f"Edition {self.pk} is signed and cannot change.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._stored_status() == EditionStatus.SIGNED:
            raise FrozenError(f"Edition {self.pk} is signed and cannot be deleted.")
        return super().delete(*args, **kwargs)

    @property
    def is_signed(self) -> bool:
        return self.status == EditionStatus.SIGNED

    def _stored_status(self) -> str | None:
        if self.pk is None:
            return None
        return Edition.objects.filter(pk=self.pk).values_list("status", flat=True).first()


class EditionRow(models.Model):
    """One frozen row of a signed edition, in the official columns (kept in `data`)."""

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="rows")
    position = models.PositiveIntegerField()
    # A plain id, not a foreign key: the edition keeps its row after the item is disposed of.
    item_id = models.BigIntegerField()
    data = models.JSONField()
    row_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["edition", "position"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "position"], name="unique_edition_row"),
        ]
        indexes = [models.Index(fields=["edition", "item_id"])]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise FrozenError("Edition rows never change once written.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise FrozenError("Edition rows are never deleted.")


# ---------------------------------------------------------------------------------------------
# Announcements (serta merta) and publication channels.
# ---------------------------------------------------------------------------------------------


class Announcement(models.Model):
    """A serta merta notice: while announced, a banner on every portal page."""

    title = models.CharField(_("title"), max_length=255)
    type = models.CharField(_("type"), max_length=32, choices=AnnouncementType.choices)
    status = models.CharField(_("status"), max_length=8, choices=AnnouncementStatus.choices,
                              default=AnnouncementStatus.DRAFT, editable=False)
    area = models.CharField(_("area concerned"), max_length=255, blank=True)
    body = models.TextField(_("announcement"), blank=True)
    potential_danger = models.TextField(_("potential danger"))
    affected = models.TextField(_("who is affected (people, area)"))
    evacuation_procedure = models.TextField(_("evacuation procedure"), blank=True)
    evacuation_place = models.TextField(_("evacuation place"), blank=True)
    avoid_harm = models.TextField(_("how to avoid harm"))
    get_help = models.TextField(_("how to get help"))
    announcer = models.TextField(_("who must announce it"))
    handling_efforts = models.TextField(_("handling efforts"), blank=True)
    item = models.ForeignKey(InformationItem, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="announcements",
                             verbose_name=_("related information item"))
    announced_at = models.DateTimeField(_("announced at"), null=True, blank=True,
                                        editable=False)
    announced_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", editable=False)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True, editable=False)
    ended_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", editable=False)
    end_note = models.TextField(_("why it ended"), blank=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("serta merta announcement")
        verbose_name_plural = _("serta merta announcements")
        ordering = ["-announced_at", "-pk"]
        indexes = [models.Index(fields=["status", "-announced_at"])]

    def __str__(self) -> str:
        return self.title


class ChannelRecord(models.Model):
    """Where and when an item or an announcement was published, and by whom."""

    item = models.ForeignKey(InformationItem, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="channel_records")
    announcement = models.ForeignKey(Announcement, null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="channel_records")
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    published_on = models.DateField(_("date published"))
    published_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("published by"))
    reference = models.CharField(_("link or reference"), max_length=500, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    automatic = models.BooleanField(default=False, editable=False)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("publication channel")
        verbose_name_plural = _("publication channels")
        ordering = ["-published_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(item__isnull=False, announcement__isnull=True)
                           | Q(item__isnull=True, announcement__isnull=False)),
                name="channel_record_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.published_on}"


class RefreshReminder(models.Model):
    """A stale berkala item was flagged to its unit and the PPID (once per staleness)."""

    item = models.OneToOneField(InformationItem, on_delete=models.CASCADE,
                                related_name="refresh_reminder")
    # The item's `refreshed_at` when it was flagged: a refresh after that makes a new flag due
    # the next time the item goes stale.
    for_refreshed_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField()


# ---------------------------------------------------------------------------------------------
# Change feed (what a Pusat Data or a PPID Utama harvests), CKAN push, federation.
# ---------------------------------------------------------------------------------------------


class Change(models.Model):
    """One change of the public register. The id is the feed's cursor (it only grows)."""

    item_id = models.BigIntegerField(db_index=True)
    operation = models.CharField(max_length=8, choices=ChangeOperation.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]


class DataPortal(models.Model):
    """A CKAN portal (Satu Data Indonesia, a provincial data portal) the register is pushed to."""

    name = models.CharField(_("name"), max_length=255)
    url = models.URLField(_("CKAN address"), help_text=_("e.g. https://data.go.id"))
    organization = models.CharField(
        _("organization"), max_length=100,
        help_text=_("The organization's name (slug) on the CKAN portal."))
    api_token = models.CharField(_("API token"), max_length=500)
    name_prefix = models.SlugField(
        _("dataset name prefix"), max_length=40, blank=True,
        help_text=_("Prefix of dataset names, so they are unique on the portal "
                    "(default: the organization)."))
    license_id = models.CharField(_("licence"), max_length=64, default="cc-by",
                                  help_text=_("A licence id known to the portal."))
    enabled = models.BooleanField(_("send"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("data portal (CKAN)")
        verbose_name_plural = _("data portals (CKAN)")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DatasetSync(models.Model):
    """The state of one item on one CKAN portal."""

    portal = models.ForeignKey(DataPortal, on_delete=models.CASCADE, related_name="syncs")
    item_id = models.BigIntegerField()
    dataset_name = models.CharField(max_length=100)
    dataset_id = models.CharField(max_length=64, blank=True)
    state = models.CharField(max_length=8, choices=SyncState.choices,
                             default=SyncState.PENDING)
    # The change that made this sync due; `synced_change` is the last one sent.
    wanted_change = models.BigIntegerField(default=0)
    synced_change = models.BigIntegerField(default=0)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    synced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["portal", "item_id"], name="unique_dataset_sync"),
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]


class FederationSource(models.Model):
    """A PPID Pelaksana instance whose published register this PPID Utama harvests."""

    name = models.CharField(_("name"), max_length=255)
    base_url = models.URLField(_("address of the instance"),
                               help_text=_("e.g. https://ppid.dinas.example.go.id"))
    enabled = models.BooleanField(_("harvest"), default=True)
    cursor = models.CharField(max_length=64, blank=True, editable=False)
    last_harvest_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)
    failures = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("federated PPID Pelaksana")
        verbose_name_plural = _("federated PPID Pelaksana")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class HarvestedItem(models.Model):
    """A published item of a PPID Pelaksana, as harvested; linked to its page at the source."""

    source = models.ForeignKey(FederationSource, on_delete=models.CASCADE, related_name="items")
    remote_id = models.BigIntegerField()
    title = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    category = models.CharField(max_length=16)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    holder = models.CharField(max_length=255, blank=True)
    url = models.URLField(max_length=500)
    published_at = models.DateTimeField(null=True, blank=True)
    modified_at = models.DateTimeField(null=True, blank=True)
    data = models.JSONField(default=dict)
    harvested_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["source", "remote_id"],
                                    name="unique_harvested_item"),
        ]


# ---------------------------------------------------------------------------------------------
# Site maintenance.
# ---------------------------------------------------------------------------------------------


class MaintenanceRun(models.Model):
    trigger = models.CharField(_("started by"), max_length=10,
                               choices=MaintenanceTrigger.choices)
    started_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    status = models.CharField(_("result"), max_length=8, choices=MaintenanceStatus.choices,
                              default=MaintenanceStatus.RUNNING)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    # Link pages are checked in slices on big registers: where the next run goes on.
    links_resume_after = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("maintenance run")
        verbose_name_plural = _("maintenance runs")
        ordering = ["-started_at", "-pk"]


class MaintenanceCheck(models.Model):
    run = models.ForeignKey(MaintenanceRun, on_delete=models.CASCADE, related_name="checks")
    code = models.CharField(max_length=24, choices=CheckCode.choices)
    passed = models.BooleanField()
    checked = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    problems = models.JSONField(default=list)
    advice = models.TextField(blank=True)

    class Meta:
        ordering = ["run", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["run", "code"], name="unique_maintenance_check"),
        ]
