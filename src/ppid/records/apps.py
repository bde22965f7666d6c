from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "ppid.records"
    verbose_name = _("Retention and fixity")
