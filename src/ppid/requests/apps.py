from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsConfig(AppConfig):
    name = "ppid.requests"
    label = "requests"
    verbose_name = _("Requests, objections and disputes")

    def ready(self) -> None:
        from ppid.core import schedule

        schedule.register(
            "requests.review_deadlines", every=schedule.HOURLY,
            task="ppid.requests.tasks.review_deadlines",
            description="Requests and objections near or past their legal deadline: remind the "
                        "assignee and the PPID; escalate overdue ones to the PPID superior.",
        )
        schedule.register(
            "requests.erase_personal_data", every=schedule.DAILY,
            task="ppid.requests.tasks.erase_personal_data",
            description="Erase requesters' personal data once the agency's keeping period "
                        "after closure has passed, with a record of each erasure.",
        )
