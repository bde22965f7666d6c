from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExemptionsConfig(AppConfig):
    name = "ppid.exemptions"
    verbose_name = _("Exempt information")

    def ready(self) -> None:
        from ppid.core import schedule

        schedule.register(
            "exemptions.review_expiring", every=schedule.DAILY,
            task="ppid.exemptions.tasks.review_expiring",
            description="Exemptions ending within 30 working days: notify the PPID; ended ones: "
                        "escalate or open (agency setting).",
        )
