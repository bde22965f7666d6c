from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "ppid.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from ppid.audit import signals  # noqa: F401
