from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ppid.audit.constants import Action


class AppendOnlyError(Exception):
    pass


class AuditEvent(models.Model):
    """One entry of the append-only, hash-chained audit log.

    `hash` covers every other field and the previous entry's hash, so changing or deleting an
    old entry in the database breaks the chain at that point (see services.verify_chain).
    """

    sequence = models.PositiveBigIntegerField(unique=True)
    timestamp = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", db_constraint=False,
    )
    actor_repr = models.CharField(max_length=255, blank=True)
    action = models.CharField(max_length=32, choices=Action.choices)
    object_type = models.CharField(max_length=64, blank=True, db_index=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(max_length=500, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    remote_addr = models.CharField(max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["sequence"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["object_type", "object_id", "sequence"])]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.actor_repr} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted.")


class ChainHead(models.Model):
    """The last link of the chain. Locking this row serialises appends on every database."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)
