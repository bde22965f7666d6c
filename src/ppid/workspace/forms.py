from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ppid.core.access import ALL_UNITS, Access
from ppid.core.constants import Capability as C
from ppid.core.models import Agency, OfficeHours, Unit
from ppid.register.constants import Category, Status
from ppid.register.models import InformationItem
from ppid.register.services import EDITABLE_FIELDS


class ItemForm(forms.ModelForm):
    class Meta:
        model = InformationItem
        fields = EDITABLE_FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "made_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "exemption_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        access = Access.for_user(user)
        units = access.units_for(C.EDIT_ITEMS)
        queryset = Unit.objects.all() if units is ALL_UNITS else Unit.objects.filter(pk__in=units)
        self.fields["holder_unit"].queryset = queryset.order_by("name")
        if not access.can_anywhere(C.CLASSIFY_EXEMPT) and (
            self.instance.pk is None or self.instance.category != Category.EXEMPT
        ):
            self.fields["category"].choices = [
                c for c in self.fields["category"].choices if c[0] != Category.EXEMPT
            ]

    def _post_clean(self):
        # Model validation runs in the service, which reports it back onto this form.
        pass


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"))
    document = forms.ChoiceField(label=_("Document"), required=False)
    title = forms.CharField(label=_("Title of a new document"), max_length=500, required=False)
    is_public = forms.BooleanField(label=_("Public document"), required=False, initial=True)

    def __init__(self, *args, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— a new document —"))]
        if item is not None:
            choices += [(str(d.pk), d.title) for d in item.documents.all()]
        self.fields["document"].choices = choices


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False,
                                 choices=[("", _("All categories")), *Category.choices])
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), *Status.choices])
    unit = forms.ModelChoiceField(label=_("Unit"), required=False,
                                  queryset=Unit.objects.order_by("name"),
                                  empty_label=_("All units"))
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1945, max_value=2100)


class AgencyForm(forms.ModelForm):
    website = forms.URLField(label=capfirst(_("website")), required=False,
                             assume_scheme="https")

    class Meta:
        model = Agency
        fields = ("name", "short_name", "address", "phone", "email", "website", "time_zone",
                  "profile", "publish_exempt_list", "city", "exemption_signer",
                  "exemption_end_action", "request_number_format", "objection_number_format",
                  "personal_data_months", "edition_interval_months",
                  "periodic_refresh_months", "is_main_ppid")
        widgets = {"address": forms.Textarea(attrs={"rows": 2}),
                   "profile": forms.Textarea(attrs={"rows": 4})}

    def _number_format(self, name: str) -> str:
        from ppid.requests.services import check_number_format

        value = self.cleaned_data[name].strip()
        check_number_format(value)
        return value

    def clean_request_number_format(self) -> str:
        return self._number_format("request_number_format")

    def clean_objection_number_format(self) -> str:
        return self._number_format("objection_number_format")


OfficeHoursFormSet = forms.inlineformset_factory(
    Agency, OfficeHours, fields=("weekday", "opens", "closes"), extra=1, can_delete=True,
    widgets={"opens": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
             "closes": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")},
)


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ("name", "code", "parent", "has_unit_ppid")
