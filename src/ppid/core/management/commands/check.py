"""`ppid check`: Django's system checks plus a plain-words report of the configuration."""

from django.core.management.commands.check import Command as DjangoCheck

from ppid.core.checks import configuration_report


class Command(DjangoCheck):
    help = "Report misconfiguration in plain words, then run Django's system checks."

    def handle(self, *app_labels, **options):
        problems = 0
        for level, text in configuration_report():
            style = {"ok": self.style.SUCCESS, "warning": self.style.WARNING,
                     "error": self.style.ERROR}[level]
            self.stdout.write(style(f"[{level.upper():7}] {text}"))
            problems += level == "error"
        super().handle(*app_labels, **options)
        if problems:
            from django.core.management.base import CommandError

            raise CommandError(f"{problems} configuration problem(s) found; see above.")
