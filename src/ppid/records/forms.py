from django import forms
from django.utils.translation import gettext_lazy as _

from ppid.core.models import Unit
from ppid.records.models import DisposalStatus
from ppid.register.constants import Category


class RetentionFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False,
                                 choices=[("", _("All categories")), *Category.choices])
    unit = forms.ModelChoiceField(label=_("Unit"), required=False,
                                  queryset=Unit.objects.order_by("name"),
                                  empty_label=_("All units"))
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1945, max_value=2100)
    proposal = forms.ChoiceField(label=_("Disposal"), required=False, choices=[
        ("", _("All")), ("none", _("Not proposed")), ("proposed", _("Proposed")),
    ])


class DisposalFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All")), *DisposalStatus.choices])


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=4000)


class ApproveForm(forms.Form):
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 2}))
    confirm = forms.BooleanField(
        label=_("I understand that every stored file of this item will be destroyed."))


class CategoryRetentionForm(forms.Form):
    """One field per category: years, or empty for permanent."""

    def __init__(self, *args, rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        for category, label, years in rows:
            self.fields[category] = forms.IntegerField(
                label=label, required=False, min_value=1, max_value=500, initial=years,
                widget=forms.NumberInput(attrs={"placeholder": _("permanent")}))
