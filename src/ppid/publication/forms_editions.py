"""Forms of the edition pages. They only parse; ppid.publication.editions checks every rule."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ppid.publication.constants import EditionKind
from ppid.publication.models import Edition

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PrepareForm(forms.Form):
    kind = forms.ChoiceField(choices=EditionKind.choices, widget=forms.HiddenInput)


class DraftForm(forms.Form):
    """The title, the decree's fields and a note of a draft (all may stay empty until signing)."""

    title = forms.CharField(label=_("Title"), max_length=255)
    decree_number = forms.CharField(label=_("Decree number"), max_length=100, required=False,
                                    help_text=_("e.g. 188.4/012/PPID/2026"))
    decree_date = forms.DateField(label=_("Decree date"), required=False, widget=DATE)
    decree_place = forms.CharField(label=_("Place of the decree"), max_length=100,
                                   required=False)
    decree_signer_name = forms.CharField(label=_("Signed by (name)"), max_length=255,
                                         required=False)
    decree_signer_position = forms.CharField(
        label=_("Signed by (position)"), max_length=255, required=False,
        help_text=_("e.g. Kepala Dinas selaku PPID"))
    decree_signer_nip = forms.CharField(label=_("NIP of the signer"), max_length=32,
                                        required=False)
    note = forms.CharField(label=_("Note"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))

    @classmethod
    def for_edition(cls, edition: Edition, data=None) -> DraftForm:
        return cls(data, initial={name: getattr(edition, name) for name in cls.base_fields})


class SignForm(forms.Form):
    """The sign-off: the decree, and the digest of the list the signer reviewed."""

    decree_number = forms.CharField(label=_("Decree number"), max_length=100)
    decree_date = forms.DateField(label=_("Decree date"), widget=DATE)
    decree_place = forms.CharField(label=_("Place of the decree"), max_length=100,
                                   required=False)
    signer_name = forms.CharField(label=_("Signed by (name)"), max_length=255, required=False)
    signer_position = forms.CharField(label=_("Signed by (position)"), max_length=255,
                                      required=False)
    signer_nip = forms.CharField(label=_("NIP of the signer"), max_length=32, required=False)
    expected_sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
    confirm = forms.BooleanField(
        label=_("I reviewed the list below and set it by this decree. Once signed, it can no "
                "longer change."))

    @classmethod
    def for_edition(cls, edition: Edition, digest: str, data=None) -> SignForm:
        return cls(data, initial={
            "decree_number": edition.decree_number, "decree_date": edition.decree_date,
            "decree_place": edition.decree_place, "signer_name": edition.decree_signer_name,
            "signer_position": edition.decree_signer_position,
            "signer_nip": edition.decree_signer_nip, "expected_sha256": digest})


class CompareForm(forms.Form):
    """Two editions of the same list (`lama` and `baru`, as on the pages' addresses)."""

    lama = forms.ModelChoiceField(queryset=Edition.objects.none(), label=_("Older edition"))
    baru = forms.ModelChoiceField(queryset=Edition.objects.none(), label=_("Newer edition"))

    def __init__(self, *args, editions=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("lama", "baru"):
            self.fields[name].queryset = editions if editions is not None else \
                Edition.objects.none()
            self.fields[name].label_from_instance = _edition_label

    def clean(self):
        data = super().clean()
        if data.get("lama") and data.get("baru") and data["lama"].pk == data["baru"].pk:
            raise forms.ValidationError(_("Choose two different editions."))
        return data


def _edition_label(edition: Edition) -> str:
    if edition.is_signed:
        return f"{edition.title} — {edition.decree_number}"
    return f"{edition.title} — {_('draft')}"
