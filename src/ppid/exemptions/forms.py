from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ppid.exemptions.constants import MIN_REASON_LENGTH, RedactionSource
from ppid.exemptions.models import HarmTest
from ppid.register.constants import PUBLIC_CATEGORIES, Category, ExemptionGround

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class HarmTestForm(forms.ModelForm):
    class Meta:
        model = HarmTest
        fields = ["kind", "scope", "trigger", "trigger_reference", "documents",
                  "withheld_information", "ground", "legal_analysis", "consequence",
                  "public_interest", "exempt_until", "participants", "category_if_rejected"]
        widgets = {
            "exempt_until": DATE,
            "documents": forms.CheckboxSelectMultiple,
            **{name: forms.Textarea(attrs={"rows": 3}) for name in (
                "withheld_information", "legal_analysis", "consequence", "public_interest",
                "participants")},
        }

    def __init__(self, *args, item, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = item.documents.all()
        self.fields["documents"].label_from_instance = lambda d: d.title
        self.fields["ground"].choices = [("", "—"), *ExemptionGround.choices]
        if editing:  # purpose and scope are fixed once the test exists
            del self.fields["kind"]
            del self.fields["scope"]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you open this document?"), min_length=MIN_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded with your name and the time, e.g. “Preparing the answer to "
                    "request 012/PPID/2026 for the Komisi Informasi hearing”."))


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason for rejection"),
                             widget=forms.Textarea(attrs={"rows": 3}))


class SignForm(forms.Form):
    place = forms.CharField(label=_("Place"), max_length=100, required=False,
                            help_text=_("Empty: the agency's place of decisions."))
    decided_on = forms.DateField(label=_("Date"), required=False, widget=DATE,
                                 help_text=_("Empty: today."))


class OpenForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Public category"),
        choices=[(c.value, c.label) for c in Category if c in PUBLIC_CATEGORIES],
        initial=Category.ON_REQUEST)
    reason = forms.CharField(label=_("Reason for opening"),
                             widget=forms.Textarea(attrs={"rows": 3}))
    place = forms.CharField(label=_("Place"), max_length=100, required=False,
                            help_text=_("Empty: the agency's place of decisions."))


class CustodiansForm(forms.Form):
    custodians = forms.ModelMultipleChoiceField(
        label=_("Named custodians"), required=False, widget=forms.CheckboxSelectMultiple,
        queryset=get_user_model().objects.none())

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["custodians"].queryset = candidates
        self.fields["custodians"].label_from_instance = (
            lambda u: f"{u.get_full_name() or u.get_username()} ({u.get_username()})")


class RedactionForm(forms.Form):
    page = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    x0 = forms.FloatField(min_value=0, max_value=1, widget=forms.HiddenInput)
    y0 = forms.FloatField(min_value=0, max_value=1, widget=forms.HiddenInput)
    x1 = forms.FloatField(min_value=0, max_value=1, widget=forms.HiddenInput)
    y1 = forms.FloatField(min_value=0, max_value=1, widget=forms.HiddenInput)
    source = forms.ChoiceField(choices=RedactionSource.choices, initial=RedactionSource.DRAWN,
                               widget=forms.HiddenInput)
    ground = forms.ChoiceField(label=_("Ground (Pasal 17)"), choices=ExemptionGround.choices,
                               initial=ExemptionGround.H)
    reason = forms.CharField(label=_("Reason"), max_length=300,
                             help_text=_("Shown on the public version; never say what is hidden."))
