from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ppid.core"
    label = "core"
    verbose_name = _("Agency and people")

    def ready(self) -> None:
        from ppid.core import checks  # noqa: F401
