"""Forms of the public portal: filing a request, tracking it, filing an objection.

The forms check what a person can fix on the page (formats, required fields, file types); the
rules of the law stay in `services` and `objections`, whose errors are added to these forms.
"""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from ppid.register.constants import FileType
from ppid.register.filetypes import detect
from ppid.requests.constants import (
    DeliveryMethod,
    ObjectionGround,
    ObtainMethod,
    RequesterKind,
)

MAX_FILE_BYTES = 5 * 1024 * 1024
FILE_TYPES = {FileType.PDF, FileType.JPEG, FileType.PNG}
FILE_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
NIK_DIGITS = 16
PHONE_CLEAN = re.compile(r"[\s\-.()/]")
PHONE_FORMAT = re.compile(r"^(?:\+62|62|0)[1-9]\d+$")

FILE_HELP = _("PDF, JPEG or PNG, at most 5 MB.")


def clean_phone(value: str) -> str:
    """An Indonesian phone number, normalised (spaces, dashes and dots dropped); "" stays ""."""
    value = (value or "").strip()
    if not value:
        return ""
    compact = PHONE_CLEAN.sub("", value)
    digits = compact.lstrip("+")
    if not PHONE_FORMAT.match(compact) or not digits.isdigit() or not 8 <= len(digits) <= 15:
        raise forms.ValidationError(
            _("Enter an Indonesian phone number of 8 to 15 digits starting with 0 or +62, "
              "e.g. 0812 3456 7890 or +62 21 345 6789."), code="phone")
    return compact


def check_upload(upload):
    """The file is a PDF, JPEG or PNG (by its content) of at most 5 MB."""
    if not upload:
        return upload
    if upload.size > MAX_FILE_BYTES:
        raise forms.ValidationError(
            _("“%(name)s” is larger than 5 MB. Scan it at a lower resolution or send a "
              "smaller file."), params={"name": upload.name}, code="size")
    if detect(upload) not in FILE_TYPES:
        raise forms.ValidationError(
            _("“%(name)s” is not a PDF, JPEG or PNG file."), params={"name": upload.name},
            code="type")
    return upload


def _file_field(label, help_text=FILE_HELP):
    return forms.FileField(label=label, required=False, help_text=help_text,
                           widget=forms.FileInput(attrs={"accept": FILE_ACCEPT}))


class RequestForm(forms.Form):
    """The request for information (permohonan informasi publik)."""

    # Fieldsets, in order: (key, legend, field names).
    FIELDSETS = (
        ("requester", _("About you"),
         ("requester_kind", "name", "id_number", "occupation", "address", "phone", "email",
          "identity_file")),
        ("information", _("The information you ask for"), ("details", "purpose")),
        ("obtain", _("How you want to obtain it"), ("obtain_method", "delivery_method")),
        ("behalf", _("Filed on someone else's behalf?"), ("on_behalf_of", "proxy_letter")),
        ("consent", _("Your personal data"), ("consent",)),
    )
    FILE_FIELDS = ("identity_file", "proxy_letter")
    # The identity number's help, per kind of requester (the page shows the chosen one).
    id_help = (
        (RequesterKind.PERSON.value, _("An individual: the 16-digit NIK on the KTP.")),
        (RequesterKind.ORGANISATION.value,
         _("A legal entity or group: its registration number (e.g. the AHU decree or deed "
           "number).")),
    )

    requester_kind = forms.ChoiceField(
        label=_("You are asking as"), choices=RequesterKind.choices,
        initial=RequesterKind.PERSON, widget=forms.RadioSelect)
    name = forms.CharField(
        label=_("Full name"), max_length=200,
        help_text=_("As on your identity card, or the name of the organisation."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}))
    id_number = forms.CharField(
        label=_("Identity number"), max_length=64,
        help_text=_("An individual: the 16-digit NIK on the KTP. A legal entity or group: its "
                    "registration number (e.g. the AHU decree or deed number)."))
    occupation = forms.CharField(
        label=_("Occupation"), max_length=120, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}))
    address = forms.CharField(
        label=_("Address"), widget=forms.Textarea(attrs={"rows": 3,
                                                          "autocomplete": "street-address"}))
    phone = forms.CharField(
        label=_("Phone or WhatsApp"), max_length=40, required=False,
        help_text=_("E.g. 0812 3456 7890. Give a phone number, an e-mail address, or both."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel",
                                      "type": "tel"}))
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, required=False,
        help_text=_("We send the receipt and every change of status here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    identity_file = _file_field(
        _("Copy of your identity document"),
        _("KTP for an individual; deed or decree for a legal entity. PDF, JPEG or PNG, at most "
          "5 MB. It is seen only by the PPID's staff."))
    details = forms.CharField(
        label=_("What information do you need?"), max_length=5000,
        help_text=_("Be as precise as you can: the subject, the period, the document's name if "
                    "you know it."),
        widget=forms.Textarea(attrs={"rows": 5}))
    purpose = forms.CharField(
        label=_("What will you use it for?"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}))
    obtain_method = forms.ChoiceField(
        label=_("How do you want to obtain the information?"), choices=ObtainMethod.choices,
        initial=ObtainMethod.SOFT_COPY, widget=forms.RadioSelect)
    delivery_method = forms.ChoiceField(
        label=_("How should the copy reach you?"), required=False,
        choices=DeliveryMethod.choices, widget=forms.RadioSelect,
        help_text=_("Not needed when you only want to see, read, listen to or take notes."))
    on_behalf_of = forms.CharField(
        label=_("Name of the person or organisation you act for"), max_length=200,
        required=False, help_text=_("Leave empty when you ask for yourself."))
    proxy_letter = _file_field(
        _("Letter of authorisation (surat kuasa)"),
        _("Needed when you ask on someone else's behalf. PDF, JPEG or PNG, at most 5 MB."))
    consent = forms.BooleanField(
        label=_("I agree that the PPID processes my personal data to handle this request."),
        help_text=_("Your identity number, address, phone, e-mail and files are seen only by "
                    "the staff who handle your request, are never published, and are erased "
                    "after the keeping period set by the agency."),
        error_messages={"required": _("Agree to the processing of your personal data, or "
                                      "contact the PPID office to ask in person.")})

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_phone(self):
        return clean_phone(self.cleaned_data.get("phone", ""))

    def clean_identity_file(self):
        return check_upload(self.cleaned_data.get("identity_file"))

    def clean_proxy_letter(self):
        return check_upload(self.cleaned_data.get("proxy_letter"))

    def clean(self):
        data = super().clean()
        kind = data.get("requester_kind")
        number = (data.get("id_number") or "").strip()
        if number and kind == RequesterKind.PERSON:
            digits = re.sub(r"[\s.\-]", "", number)
            if not (digits.isdigit() and len(digits) == NIK_DIGITS):
                self.add_error("id_number", _("A NIK has exactly 16 digits. Check the number "
                                              "on your KTP."))
            else:
                data["id_number"] = digits
        elif number and len(number) < 3:
            self.add_error("id_number", _("Enter the legal entity's registration number."))
        if not data.get("phone") and not data.get("email") and not (
                self.has_error("phone") or self.has_error("email")):
            message = _("Give a phone number or an e-mail address so the PPID can reach you.")
            self.add_error("phone", message)
            self.add_error("email", message)
        obtain = data.get("obtain_method")
        if obtain and obtain != ObtainMethod.VIEW:
            if not data.get("delivery_method"):
                self.add_error("delivery_method", _("Choose how the copy should reach you."))
            elif data["delivery_method"] == DeliveryMethod.EMAIL and not data.get("email") \
                    and not self.has_error("email"):
                self.add_error("email", _("Give your e-mail address to receive the copy by "
                                          "e-mail."))
        elif obtain == ObtainMethod.VIEW:
            data["delivery_method"] = ""
        if (data.get("on_behalf_of") or "").strip() and not data.get("proxy_letter") and \
                not self.has_error("proxy_letter"):
            self.add_error("proxy_letter", _("Attach the letter of authorisation from the "
                                             "person or organisation you act for."))
        return data

    def fieldsets(self):
        return [{"key": key, "legend": legend, "fields": [self[name] for name in names]}
                for key, legend, names in self.FIELDSETS]

    def service_data(self) -> dict:
        return {name: self.cleaned_data.get(name) or "" for name in (
            "requester_kind", "name", "id_number", "address", "occupation", "phone", "email",
            "on_behalf_of", "details", "purpose", "obtain_method", "delivery_method")}

    def service_files(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.FILE_FIELDS
                if self.cleaned_data.get(name)}


class TrackForm(forms.Form):
    number = forms.CharField(
        label=_("Registration number"), max_length=80,
        help_text=_("Of your request or of your objection, e.g. 012/PPID/III/2026."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    code = forms.CharField(
        label=_("Tracking code"), max_length=24,
        help_text=_("The 10-character code shown when you filed, e.g. AB3CD-EF4GH."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false",
                                      "autocapitalize": "characters"}))


class ObjectionForm(forms.Form):
    """An objection (keberatan, Pasal 35) to the request being tracked."""

    grounds = forms.MultipleChoiceField(
        label=_("Grounds of the objection (Pasal 35(1) UU 14/2008)"),
        choices=ObjectionGround.choices, widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose every ground that applies."),
        error_messages={"required": _("Choose at least one ground (a–g).")})
    case_position = forms.CharField(
        label=_("What happened, and what do you ask for? (case position)"), max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}))
    proxy_name = forms.CharField(
        label=_("Proxy's name"), max_length=200, required=False)
    proxy_address = forms.CharField(label=_("Proxy's address"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    proxy_phone = forms.CharField(label=_("Proxy's phone"), max_length=40, required=False,
                                  widget=forms.TextInput(attrs={"type": "tel",
                                                                "inputmode": "tel"}))
    power_of_attorney = _file_field(
        _("Power of attorney (surat kuasa)"),
        _("Needed when a proxy files the objection. PDF, JPEG or PNG, at most 5 MB."))

    FILE_FIELDS = ("power_of_attorney",)

    def clean_proxy_phone(self):
        return clean_phone(self.cleaned_data.get("proxy_phone", ""))

    def clean_power_of_attorney(self):
        return check_upload(self.cleaned_data.get("power_of_attorney"))

    def clean(self):
        data = super().clean()
        named = (data.get("proxy_name") or "").strip()
        if named:
            if not (data.get("proxy_address") or "").strip():
                self.add_error("proxy_address", _("Give the proxy's address."))
            if not data.get("power_of_attorney") and not self.has_error("power_of_attorney"):
                self.add_error("power_of_attorney", _("An objection filed by a proxy needs the "
                                                      "power of attorney."))
        elif (data.get("proxy_address") or data.get("proxy_phone")
              or data.get("power_of_attorney")):
            self.add_error("proxy_name", _("Give the proxy's name, or leave the proxy's "
                                           "details empty."))
        return data

    def service_data(self) -> dict:
        return {"grounds": self.cleaned_data.get("grounds") or [],
                "case_position": self.cleaned_data.get("case_position") or "",
                "proxy_name": self.cleaned_data.get("proxy_name") or "",
                "proxy_address": self.cleaned_data.get("proxy_address") or "",
                "proxy_phone": self.cleaned_data.get("proxy_phone") or ""}

    def service_files(self) -> dict:
        upload = self.cleaned_data.get("power_of_attorney")
        return {"power_of_attorney": upload} if upload else {}
