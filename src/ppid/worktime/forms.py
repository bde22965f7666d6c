from django import forms
from django.utils.translation import gettext_lazy as _

from ppid.worktime.models import CalendarDay


class CalendarDayForm(forms.ModelForm):
    """Parses the input; the rules (hours per kind, one entry per date) live in the service."""

    class Meta:
        model = CalendarDay
        fields = ("date", "kind", "opens", "closes", "name", "note")
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "opens": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "opens": _("Only for different office hours, or a working day on a weekend."),
            "kind": _("“Working day after all” cancels a national holiday or cuti bersama."),
            "name": _("For example “Hari Jadi Kabupaten” or “Cuti bersama dibatalkan”."),
        }

    def _post_clean(self):
        # Model validation runs in the service, which reports it back onto this form.
        pass
