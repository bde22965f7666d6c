from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationConfig(AppConfig):
    name = "ppid.publication"
    label = "publication"
    verbose_name = _("Publication and Pusat Data")

    def ready(self) -> None:
        from ppid.core import schedule
        from ppid.publication import receivers  # noqa: F401  (connects the register signals)

        schedule.register(
            "publication.maintenance", every=schedule.DAILY,
            task="ppid.publication.tasks.run_maintenance",
            description="Site maintenance: published files and their hashes, internal links, "
                        "stale berkala items, exemptions near their end, the DIP edition and "
                        "the security settings; kept as a maintenance log.",
        )
        schedule.register(
            "publication.stale_periodic", every=schedule.DAILY,
            task="ppid.publication.tasks.flag_stale_periodic",
            description="Berkala items past their refresh period: flag them to their unit and "
                        "the PPID.",
        )
        schedule.register(
            "publication.push_data_portals", every=timedelta(minutes=5),
            task="ppid.publication.tasks.push_data_portals",
            description="Send published, changed and withdrawn items to the configured CKAN "
                        "portals (Pusat Data); failures retry with backoff.",
        )
        schedule.register(
            "publication.harvest_federation", every=schedule.HOURLY,
            task="ppid.publication.tasks.harvest_federation",
            description="PPID Utama: harvest the published registers of the PPID Pelaksana "
                        "instances through their change feeds.",
        )
