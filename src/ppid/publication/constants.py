from django.db import models
from django.utils.translation import gettext_lazy as _


class EditionKind(models.TextChoices):
    DIP = "dip", _("Public information list (DIP)")
    DIK = "dik", _("Exempt information list (DIK)")


class EditionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    # Set by decree and signed off by the PPID: the rows are frozen from then on.
    SIGNED = "signed", _("Set by decree")


class AnnouncementType(models.TextChoices):
    """Serta merta (Pasal 10 UU 14/2008; Perki 1/2021): what the notice is about."""

    NATURAL_DISASTER = "natural_disaster", _("Natural disaster")
    NON_NATURAL_DISASTER = "non_natural_disaster", _("Non-natural disaster")
    SOCIAL_DISASTER = "social_disaster", _("Social disaster")
    INFECTIOUS_DISEASE = "infectious_disease", _("Infectious disease outbreak")
    FOOD_POISONING = "food_poisoning", _("Food poisoning")
    UTILITY_FAILURE = "utility_failure", _("Failure of public utilities")
    OTHER = "other", _("Other threat to life or public order")


class AnnouncementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Announced")
    ENDED = "ended", _("Ended")


ANNOUNCEMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    AnnouncementStatus.DRAFT: frozenset({AnnouncementStatus.ACTIVE}),
    AnnouncementStatus.ACTIVE: frozenset({AnnouncementStatus.ENDED}),
    AnnouncementStatus.ENDED: frozenset(),
}


class Channel(models.TextChoices):
    WEBSITE = "website", _("Website (this portal)")
    DATA_CENTER = "data_center", _("Pusat Data")
    SOCIAL_MEDIA = "social_media", _("Social media")
    NOTICE_BOARD = "notice_board", _("Notice board")


class ChangeOperation(models.TextChoices):
    UPSERT = "upsert", _("Published or changed")
    DELETE = "delete", _("No longer public")


class SyncState(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SYNCED = "synced", _("Sent")
    RETRYING = "retrying", _("Failed; will retry")
    FAILED = "failed", _("Failed; gave up")


class MaintenanceTrigger(models.TextChoices):
    SCHEDULE = "schedule", _("Daily schedule")
    MANUAL = "manual", _("Started from the dashboard")
    PROCEDURE = "procedure", _("Procedure step")
    COMMAND = "command", _("Console command")


class MaintenanceStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    PASSED = "passed", _("All checks passed")
    FAILED = "failed", _("Some checks failed")
    ERROR = "error", _("Could not finish")


class CheckCode(models.TextChoices):
    FILES = "files", _("Published files exist and match their hash")
    LINKS = "links", _("Internal links on item pages resolve")
    STALE_PERIODIC = "stale_periodic", _("Periodic (berkala) information is up to date")
    EXEMPTIONS_ENDING = "exemptions_ending", _("Exemptions near their end have a decision")
    DIP_EDITION = "dip_edition", _("The DIP was set by decree within the agency's interval")
    HTTPS = "https", _("HTTPS: plain HTTP is redirected")
    HSTS = "hsts", _("HSTS header")
    CSP = "csp", _("Content Security Policy header")
    SECURE_COOKIES = "secure_cookies", _("Session and CSRF cookies only over HTTPS")
    DEBUG = "debug", _("Debug mode is off")
    ADMIN_PATH = "admin_path", _("The admin site is not at the default /admin/")
    DEFAULT_PASSWORDS = "default_passwords", _("No account uses a default or demo password")
