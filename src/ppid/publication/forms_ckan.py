"""The form of a CKAN portal (Pusat Data). The API token is write-only: never shown again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ppid.publication.models import DataPortal


class DataPortalForm(forms.ModelForm):
    url = forms.URLField(label=_("CKAN address"), max_length=200, assume_scheme="https",
                         help_text=_("e.g. https://data.go.id"))
    api_token = forms.CharField(
        label=_("API token"), required=False, strip=True, max_length=500,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = DataPortal
        # The token is not a model field of this form: the form never reads it from the
        # portal and never writes it there; the services set it only when one is given.
        fields = ["name", "url", "organization", "name_prefix", "license_id", "enabled"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["name", "url", "organization", "api_token", "name_prefix",
                           "license_id", "enabled"])
        self.token_set = bool(self.instance.pk and self.instance.api_token)
        # Never put the stored token in the form, not even as the field's initial value.
        self.initial.pop("api_token", None)
        field = self.fields["api_token"]
        if self.token_set:
            field.help_text = _("A token is set. Leave this empty to keep it; enter a new "
                                "token to change it.")
        else:
            field.required = True
            field.help_text = _("Create it on the portal: your user → API tokens. The account "
                                "must be an editor of the organization.")
        self.fields["url"].widget.attrs["placeholder"] = "https://data.go.id"
        self.fields["organization"].widget.attrs["placeholder"] = "dinas-komunikasi-dan-informatika"
        self.fields["license_id"].help_text = _(
            "A licence id known to the portal, e.g. cc-by, cc-by-sa, odc-by, other-open.")

    def service_data(self) -> dict:
        """What the services take (an empty token means: keep the current one)."""
        data = {name: self.cleaned_data[name] for name in
                ("name", "url", "organization", "name_prefix", "license_id", "enabled")}
        data["api_token"] = self.cleaned_data.get("api_token") or ""
        return data
