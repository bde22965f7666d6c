"""Forms of the federation pages: a PPID Pelaksana to harvest, and the network list's filters.

Forms only parse and present; the rules are in ppid.publication.federation."""

from __future__ import annotations

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ppid.publication.federation import OWN
from ppid.publication.models import FederationSource
from ppid.register.constants import PUBLIC_CATEGORIES, Category

MAX_QUERY_LENGTH = 200


class FederationSourceForm(forms.ModelForm):
    base_url = forms.URLField(
        label=capfirst(FederationSource._meta.get_field("base_url").verbose_name),
        max_length=200,
        assume_scheme="https", widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text=_("The address of the PPID Pelaksana's portal (another instance of this "
                    "application), e.g. https://ppid.dinas.example.go.id. Its change feed is "
                    "read at /api/v1/public/changes."))

    class Meta:
        model = FederationSource
        fields = ["name", "base_url", "enabled"]
        help_texts = {
            "enabled": _("Switched off: not harvested, and its items are not shown on the "
                         "portal."),
        }
        widgets = {
            "name": forms.TextInput(attrs={"placeholder": _("e.g. PPID Pelaksana Dinas "
                                                            "Kesehatan")}),
        }


class NetworkFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=MAX_QUERY_LENGTH,
                        widget=forms.TextInput(attrs={
                            "type": "search", "placeholder": _("Words in the title or summary")}))
    source = forms.ChoiceField(label=_("Published by"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)

    def __init__(self, *args, agency_name: str = "", sources=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [
            ("", _("All PPID")),
            (OWN, agency_name or _("This agency")),
            *[(str(s.pk), s.name) for s in sources],
        ]
        self.fields["category"].choices = [
            ("", _("All categories")), *[(c, Category(c).label) for c in PUBLIC_CATEGORIES]]

    def filters(self) -> dict:
        """The chosen filters; anything invalid counts as not chosen."""
        if not self.is_valid():
            data = {name: self.data.get(name, "") for name in self.fields}
            return {
                "q": str(data["q"]).strip()[:MAX_QUERY_LENGTH],
                "source": data["source"] if data["source"] in dict(
                    self.fields["source"].choices) else "",
                "category": data["category"] if data["category"] in PUBLIC_CATEGORIES else "",
            }
        return {"q": self.cleaned_data["q"].strip(), "source": self.cleaned_data["source"],
                "category": self.cleaned_data["category"]}
