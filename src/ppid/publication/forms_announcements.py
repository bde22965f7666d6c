"""Forms of announcements, channels and the berkala dashboard. They only parse and present: the
rules (what an announcement must say, who may record a channel) are in the services, whose errors
are put back on these forms."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ppid.core.models import Unit
from ppid.publication.announcements import EDITABLE_FIELDS
from ppid.publication.constants import Channel
from ppid.publication.models import Announcement
from ppid.register import services as register
from ppid.register.constants import Category

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# The related-item picker lists serta merta items, newest first, never the whole register.
ITEM_CHOICES_LIMIT = 100


class AnnouncementForm(forms.ModelForm):
    class Meta:
        model = Announcement
        fields = EDITABLE_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("body", "potential_danger", "affected", "evacuation_procedure",
                         "evacuation_place", "avoid_harm", "get_help", "announcer",
                         "handling_efforts")
        }
        help_texts = {
            "potential_danger": _("The potential danger and/or the scale of its impact."),
            "affected": _("Who may be affected: the public, staff, which area."),
            "evacuation_procedure": _("Required for natural, non-natural and social "
                                      "disasters."),
            "evacuation_place": _("Required for natural, non-natural and social disasters."),
            "announcer": _("Who must announce it and/or is in charge of handling the danger."),
            "handling_efforts": _("What the agency and the authorities do about it."),
            "item": _("Optional: published serta merta information this announcement is "
                      "about."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the title and type are needed for a draft; announcing checks the rest.
        for name, field in self.fields.items():
            field.required = name in ("title", "type")
        items = register.public_items().filter(category=Category.IMMEDIATE)
        chosen = list(items.order_by("-published_at", "-pk")
                      .values_list("pk", flat=True)[:ITEM_CHOICES_LIMIT])
        if self.instance.item_id:
            chosen.append(self.instance.item_id)
        self.fields["item"].queryset = (
            register.public_items().filter(pk__in=chosen).order_by("-published_at", "-pk")
            if chosen else items.none())

    def _post_clean(self):
        # Model validation runs in the service, which reports it back onto this form.
        pass

    def service_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in EDITABLE_FIELDS}


class EndForm(forms.Form):
    note = forms.CharField(label=_("Why it ends"), widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("E.g. the danger has passed; shown on the portal."))


class ChannelForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    published_on = forms.DateField(label=_("Date published"), widget=DATE,
                                   initial=timezone.localdate)
    reference = forms.CharField(label=_("Link or reference"), max_length=500, required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ChannelFilterForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), required=False,
                                choices=[("", _("All channels")), *Channel.choices])
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE)


class RefreshFilterForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), required=False, queryset=Unit.objects.none(),
                                  empty_label=_("All units"))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = Unit.objects.order_by("name")
        if units is not None:
            queryset = queryset.filter(pk__in=list(units))
        self.fields["unit"].queryset = queryset


class ConfirmForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
