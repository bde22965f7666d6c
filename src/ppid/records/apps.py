from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "ppid.records"
    verbose_name = _("Retention and fixity")

    def ready(self) -> None:
        from ppid.core import schedule

        schedule.register("records.fixity_check", every=schedule.WEEKLY,
                          task="ppid.records.tasks.fixity_check",
                          description=_("Verify the SHA-256 of every stored file"))
