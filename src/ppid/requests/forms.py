"""Forms of the staff pages for requests, objections and disputes.

Forms only parse and present; every rule (deadlines, who may act, what a decision may hand
out) is checked by the services, whose errors are put back on these forms.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ppid.core.models import Unit
from ppid.exemptions.constants import DecisionKind
from ppid.exemptions.models import ExemptionDecision
from ppid.register.constants import Category, FileType, Status
from ppid.register.filetypes import detect
from ppid.register.models import DocumentVersion, InformationItem
from ppid.requests import services
from ppid.requests.constants import (
    MAX_EXTENSION_WORKING_DAYS,
    STAFF_CHANNELS,
    DeliveryMethod,
    DisputeOutcome,
    DisputeStage,
    Holding,
    ObjectionGround,
    ObjectionOutcome,
    ObjectionStatus,
    ObtainMethod,
    Outcome,
    ReportPeriod,
    RequestStatus,
)
from ppid.requests.models import Dispute, Request, ServiceReport

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M",
                    "%Y-%m-%d %H:%M:%S", "%d-%m-%Y %H:%M", "%d/%m/%Y %H:%M"]
MAX_FILE_BYTES = 10 * 1024 * 1024
PERSONAL_FILE_TYPES = (FileType.PDF, FileType.JPEG, FileType.PNG)
# A register can be long: the item picker lists the chosen items, search hits and this many
# recent items, never the whole register.
ITEM_CHOICES_LIMIT = 40


def _now_local() -> datetime:
    return timezone.localtime().replace(second=0, microsecond=0)


def check_upload(upload, allowed=PERSONAL_FILE_TYPES):
    """The file's type read from its content (never its name) and a size limit."""
    if not upload:
        return upload
    if upload.size > MAX_FILE_BYTES:
        raise forms.ValidationError(_("The file is larger than 10 MB."))
    kind = detect(upload)
    if kind not in allowed:
        raise forms.ValidationError(
            _("Upload a %(types)s file.") % {"types": ", ".join(FileType(t).label
                                                                for t in allowed)})
    return upload


def _model_field(model, name: str, **kwargs):
    field = model._meta.get_field(name).formfield(**kwargs)
    if isinstance(field, forms.ChoiceField) and field.choices and field.choices[0][0] == "":
        field.choices = [("", "—"), *field.choices[1:]]
    return field


# --------------------------------------------------------------------------------------------
# The list.
# --------------------------------------------------------------------------------------------

OPEN = "open"
ALL = "all"


class RequestFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False,
                        widget=forms.TextInput(attrs={
                            "type": "search",
                            "placeholder": _("Number, requester's name or details")}))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[
        ("", _("All statuses")), (OPEN, _("In process (received or forwarded)")),
        *RequestStatus.choices])
    outcome = forms.ChoiceField(label=_("Decision"), required=False,
                                choices=[("", _("All decisions")), *Outcome.choices])
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int,
                                  empty_value=None)
    unit = forms.ModelChoiceField(label=_("Unit"), required=False, queryset=Unit.objects.none(),
                                  empty_label=_("All units"))
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *[(y, y) for y in years]]
        self.fields["unit"].queryset = Unit.objects.order_by("name")


class ObjectionFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, widget=forms.TextInput(attrs={
        "type": "search", "placeholder": _("Objection or request number")}))
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), *ObjectionStatus.choices])
    outcome = forms.ChoiceField(label=_("Answer"), required=False,
                                choices=[("", _("All answers")), *ObjectionOutcome.choices])
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int,
                                  empty_value=None)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *[(y, y) for y in years]]


# --------------------------------------------------------------------------------------------
# Staff entry of a request.
# --------------------------------------------------------------------------------------------

WRITTEN_AUTO, WRITTEN_YES, WRITTEN_NO = "", "yes", "no"


class StaffRequestForm(forms.Form):
    """A request received in person, by letter, phone or e-mail."""

    channel = forms.ChoiceField(label=_("Received by"),
                                choices=[(c.value, c.label) for c in STAFF_CHANNELS],
                                widget=forms.RadioSelect)
    written = forms.ChoiceField(
        label=_("Written request?"), required=False, widget=forms.RadioSelect,
        choices=[(WRITTEN_AUTO, _("As the channel says (letter and e-mail are written)")),
                 (WRITTEN_YES, _("Written (a letter or form signed by the requester)")),
                 (WRITTEN_NO, _("Unwritten (told in person or by phone)"))])
    received_at = forms.DateTimeField(
        label=_("Received at"), widget=DATETIME, input_formats=DATETIME_FORMATS,
        help_text=_("Date and time in the agency's time zone. A request received after office "
                    "hours or on a non-working day counts from the next working day."))

    FIELDS = ("requester_kind", "name", "id_number", "address", "occupation", "phone",
              "email", "on_behalf_of", "proxy_letter", "identity_file", "details", "purpose",
              "obtain_method", "delivery_method")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("received_at", _now_local())
        kwargs["initial"].setdefault("channel", STAFF_CHANNELS[0].value)
        super().__init__(*args, **kwargs)
        for name in self.FIELDS:
            self.fields[name] = _model_field(Request, name)
        self.fields["requester_kind"].widget = forms.RadioSelect(
            choices=self.fields["requester_kind"].choices)
        self.fields["obtain_method"].widget = forms.RadioSelect(
            choices=self.fields["obtain_method"].choices)
        for name in ("address", "details", "purpose"):
            self.fields[name].widget = forms.Textarea(attrs={"rows": 3})
        self.fields["identity_file"].help_text = _("KTP, or the deed of a legal entity: PDF, "
                                                   "JPEG or PNG, at most 10 MB.")
        self.fields["proxy_letter"].help_text = _("Needed when the request is filed on "
                                                  "someone else's behalf.")
        self.fields["delivery_method"].help_text = _("Not needed when the requester only "
                                                     "wants to see or read the information.")

    def clean_received_at(self):
        value = self.cleaned_data["received_at"]
        if value and value > timezone.now():
            raise forms.ValidationError(_("The time of receipt cannot be in the future."))
        return value

    def clean_identity_file(self):
        return check_upload(self.cleaned_data.get("identity_file"))

    def clean_proxy_letter(self):
        return check_upload(self.cleaned_data.get("proxy_letter"))

    def service_data(self) -> tuple[dict, dict]:
        data = {k: v for k, v in self.cleaned_data.items()
                if k not in ("identity_file", "proxy_letter", "written")}
        written = self.cleaned_data.get("written")
        data["written"] = None if written == WRITTEN_AUTO else written == WRITTEN_YES
        files = {k: self.cleaned_data[k] for k in ("identity_file", "proxy_letter")
                 if self.cleaned_data.get(k)}
        return data, files


# --------------------------------------------------------------------------------------------
# Actions on a request.
# --------------------------------------------------------------------------------------------


class ForwardForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit (PPID Pelaksana)"), queryset=Unit.objects.none(),
                                  empty_label="—")
    note = forms.CharField(label=_("Note to the unit"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.order_by("name")
        self.fields["unit"].label_from_instance = (
            lambda u: f"{u.name} ({_('PPID Pelaksana')})" if u.has_unit_ppid else u.name)


class ExtendForm(forms.Form):
    days = forms.TypedChoiceField(
        label=_("Extension (working days)"), coerce=int,
        choices=[(n, n) for n in range(1, MAX_EXTENSION_WORKING_DAYS + 1)],
        initial=MAX_EXTENSION_WORKING_DAYS)
    reason = forms.CharField(label=_("Written reason"), widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Told to the requester. The deadline can be extended "
                                         "once, before it passes."))


class CompleteForm(forms.Form):
    note = forms.CharField(label=_("Note (optional)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("E.g. how and when the information was handed over."))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("How the requester withdrew the request"),
                             widget=forms.Textarea(attrs={"rows": 2}))


class MessageForm(forms.Form):
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}))
    public = forms.TypedChoiceField(
        label=_("Who sees it"), coerce=lambda v: v == "1", initial="0",
        widget=forms.RadioSelect,
        choices=[("0", _("Staff only (internal note)")),
                 ("1", _("The requester too (shown on the tracking page and e-mailed)"))])


class EraseForm(forms.Form):
    force = forms.BooleanField(required=False, widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_("I confirm: erase the requester's personal data now, before the keeping "
                "period ends. This cannot be undone."), required=False)

    def clean(self):
        data = super().clean()
        if data.get("force") and not data.get("confirm"):
            self.add_error("confirm", _("Tick the box to confirm the early erasure."))
        return data


# --------------------------------------------------------------------------------------------
# The decision.
# --------------------------------------------------------------------------------------------


def _ids(data, name) -> list[int]:
    if data is None:
        return []
    values = data.getlist(name) if hasattr(data, "getlist") else data.get(name) or []
    result = []
    for value in values:
        try:
            result.append(int(value))
        except (TypeError, ValueError):
            continue
    return result


def item_label(item: InformationItem) -> str:
    label = f"{item.title} ({item.year})"
    if item.category == Category.EXEMPT:
        label += f" — {_('exempt')}"
    return label


def version_label(version: DocumentVersion) -> str:
    label = f"{version.document.item.title} › {version.document.title}: " \
            f"{version.original_name} (v{version.number})"
    if version.redacted_from_id:
        label += f" — {_('redacted')}"
    return label


def decision_label(decision: ExemptionDecision) -> str:
    return f"{decision.number} · {decision.item.title} · {decision.ground} " \
           f"({decision.get_scope_display()})"


class DecideForm(forms.Form):
    """The written notice's content (Pasal 22(7))."""

    holding = forms.ChoiceField(label=_("Does the agency hold the information?"),
                                choices=Holding.choices, widget=forms.RadioSelect)
    other_body = forms.CharField(label=_("Public body that holds it"), max_length=255,
                                 required=False)
    outcome = forms.ChoiceField(
        label=_("Decision"), required=False, widget=forms.RadioSelect,
        choices=[(o.value, o.label) for o in Outcome if o != Outcome.NOT_HELD],
        help_text=_("A document with exempt parts is given with those parts blacked out "
                    "(granted in part); only information exempt as a whole is refused."))
    item_q = forms.CharField(label=_("Find register items"), required=False,
                             widget=forms.TextInput(attrs={
                                 "type": "search",
                                 "placeholder": _("Title words, or item numbers: 12, 40")}))
    items = forms.ModelMultipleChoiceField(
        label=_("Register items that answer it"), required=False,
        queryset=InformationItem.objects.none(), widget=forms.CheckboxSelectMultiple)
    versions = forms.ModelMultipleChoiceField(
        label=_("Documents given"), required=False, queryset=DocumentVersion.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The current versions of the chosen items' documents; exempt files and "
                    "withheld originals are never offered, their redacted versions are."))
    exemption_decisions = forms.ModelMultipleChoiceField(
        label=_("Exemption decisions relied on"), required=False,
        queryset=ExemptionDecision.objects.none(), widget=forms.CheckboxSelectMultiple)
    information_form = forms.ChoiceField(
        label=_("Form in which it is provided"), required=False,
        choices=[("", "—"), *ObtainMethod.choices])
    available_on = forms.DateField(label=_("Available from"), required=False, widget=DATE)
    fee = forms.IntegerField(label=_("Fee (Rp)"), required=False, initial=0,
                             help_text=_("Copying or sending costs only; 0 when free."))
    payment_method = forms.CharField(label=_("Payment method"), max_length=255, required=False)
    explanation = forms.CharField(
        label=_("Explanation"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown in the written notice: what is given, what is blacked out and why, "
                    "or why the request is refused."))
    notice_delivered_by = forms.ChoiceField(label=_("Notice delivered by"), required=False,
                                            choices=[("", "—"), *DeliveryMethod.choices])

    def __init__(self, *args, user, req: Request, staff_items, prefill_decisions=False,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.req = req
        data = self.data if self.is_bound else None
        items_field = self.fields["items"]
        items_field.queryset = staff_items
        chosen_ids = _ids(data, "items") if data is not None else [
            i.pk for i in self.initial.get("items", [])]
        chosen = list(staff_items.filter(pk__in=chosen_ids).order_by("title"))
        self.chosen_items = chosen
        query = (data.get("item_q") if data is not None else "") or ""
        self.item_query = query.strip()
        matches = self._matches(staff_items, self.item_query, {i.pk for i in chosen})
        self.item_matches = matches
        items_field.widget.choices = [(i.pk, item_label(i)) for i in [*chosen, *matches]]

        candidates = services.givable_versions(chosen).order_by("document__item__title",
                                                                "document__title")
        self.fields["versions"].queryset = candidates
        self.fields["versions"].label_from_instance = version_label
        decisions = (ExemptionDecision.objects.filter(item__in=chosen)
                     .exclude(kind=DecisionKind.OPEN).select_related("item")
                     .order_by("item__title", "-decided_on"))
        self.fields["exemption_decisions"].queryset = decisions
        self.fields["exemption_decisions"].label_from_instance = decision_label
        if prefill_decisions and data is not None and not data.getlist("exemption_decisions"):
            in_force = services.decisions_in_force(chosen)
            if in_force:
                self.data = data.copy()
                self.data.setlist("exemption_decisions",
                                  [str(d.pk) for d in in_force.values()])

    @staticmethod
    def _matches(staff_items, query: str, exclude: set[int]) -> list[InformationItem]:
        items = staff_items.exclude(pk__in=exclude).exclude(status=Status.DISPOSED)
        if query:
            numbers = [int(n) for n in re.findall(r"\d+", query)]
            if numbers and re.fullmatch(r"[\d\s,;#]+", query):
                items = items.filter(pk__in=numbers)
            else:
                for word in query.split()[:6]:
                    items = items.filter(title__icontains=word)
            items = items.order_by("title")
        else:
            items = items.order_by("-updated_at")
        return list(items.only("pk", "title", "year", "category")[:ITEM_CHOICES_LIMIT])

    def decision(self):
        d = self.cleaned_data
        return services.Decision(
            holding=d.get("holding") or "", outcome=d.get("outcome") or "",
            other_body=d.get("other_body") or "", items=list(d.get("items") or []),
            versions=list(d.get("versions") or []),
            exemption_decisions=list(d.get("exemption_decisions") or []),
            information_form=d.get("information_form") or "",
            available_on=d.get("available_on"), fee=d.get("fee") or 0,
            payment_method=d.get("payment_method") or "",
            explanation=d.get("explanation") or "",
            notice_delivered_by=d.get("notice_delivered_by") or "")


# --------------------------------------------------------------------------------------------
# Objections and disputes.
# --------------------------------------------------------------------------------------------


class StaffObjectionForm(forms.Form):
    channel = forms.ChoiceField(label=_("Received by"),
                                choices=[(c.value, c.label) for c in STAFF_CHANNELS],
                                initial="letter", widget=forms.RadioSelect)
    filed_at = forms.DateTimeField(label=_("Filed at"), widget=DATETIME,
                                   input_formats=DATETIME_FORMATS)
    cause_on = forms.DateField(
        label=_("Date of the cause"), widget=DATE, required=False,
        help_text=_("When the written notice was received, or the day its deadline lapsed. "
                    "The objection must be filed within 30 working days of it."))
    grounds = forms.MultipleChoiceField(label=_("Grounds (Pasal 35(1))"),
                                        choices=ObjectionGround.choices,
                                        widget=forms.CheckboxSelectMultiple)
    case_position = forms.CharField(label=_("Case position (kasus posisi)"),
                                    widget=forms.Textarea(attrs={"rows": 4}))
    proxy_name = forms.CharField(label=_("Proxy's name"), required=False, max_length=200,
                                 help_text=_("Only when a proxy files for the requester."))
    proxy_address = forms.CharField(label=_("Proxy's address"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    proxy_phone = forms.CharField(label=_("Proxy's phone"), required=False, max_length=40)
    power_of_attorney = forms.FileField(label=_("Power of attorney"), required=False,
                                        help_text=_("PDF, JPEG or PNG, at most 10 MB."))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("filed_at", _now_local())
        super().__init__(*args, **kwargs)

    def clean_filed_at(self):
        value = self.cleaned_data["filed_at"]
        if value and value > timezone.now():
            raise forms.ValidationError(_("The time of filing cannot be in the future."))
        return value

    def clean_power_of_attorney(self):
        return check_upload(self.cleaned_data.get("power_of_attorney"))

    def service_data(self) -> tuple[dict, dict]:
        data = {k: v for k, v in self.cleaned_data.items() if k != "power_of_attorney"}
        if not data.get("cause_on"):
            data.pop("cause_on", None)
        files = {}
        if self.cleaned_data.get("power_of_attorney"):
            files["power_of_attorney"] = self.cleaned_data["power_of_attorney"]
        return data, files


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Answer"), choices=ObjectionOutcome.choices,
                                widget=forms.RadioSelect)
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 4}),
                              required=False,
                              help_text=_("Upholding the PPID's decision needs written reasons."))
    order = forms.CharField(label=_("What the PPID must do"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("When the objection is accepted: what is provided, "
                                        "and by when."))
    letter_number = forms.CharField(label=_("Letter number"), required=False, max_length=80,
                                    help_text=_("Empty: the objection's number."))


DATE_LIST_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")


def parse_date_list(text: str) -> list[date]:
    """Dates separated by commas, semicolons or lines (2026-03-04, 04-03-2026 or 04/03/2026)."""
    days, bad = [], []
    for part in re.split(r"[,;\n]+", text or ""):
        part = part.strip()
        if not part:
            continue
        for pattern in DATE_LIST_FORMATS:
            try:
                days.append(datetime.strptime(part, pattern).date())
                break
            except ValueError:
                continue
        else:
            bad.append(part)
    if bad:
        raise forms.ValidationError(_("Not a date: %(value)s. Write dates as 2026-03-04 or "
                                      "04-03-2026, one per line or separated by commas.")
                                    % {"value": ", ".join(bad)})
    return sorted(set(days))


class DateListField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 2})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(d.isoformat() if isinstance(d, date) else str(d) for d in value)
        return value

    def to_python(self, value):
        return parse_date_list(super().to_python(value))


class DisputeForm(forms.ModelForm):
    mediation_dates = DateListField(label=_("Mediation dates"), required=False,
                                    help_text=_("One date per line, or separated by commas."))
    adjudication_dates = DateListField(label=_("Adjudication hearing dates"), required=False,
                                       help_text=_("One date per line, or separated by "
                                                   "commas."))

    class Meta:
        model = Dispute
        fields = ["stage", "filed_on", "commission", "register_number", "mediation_dates",
                  "adjudication_dates", "decision_number", "decided_on", "outcome",
                  "decision_summary", "executed_on", "execution_note", "appeal_court",
                  "appeal_number", "appeal_filed_on", "appeal_result"]
        widgets = {
            "filed_on": DATE, "decided_on": DATE, "executed_on": DATE, "appeal_filed_on": DATE,
            "decision_summary": forms.Textarea(attrs={"rows": 3}),
            "execution_note": forms.Textarea(attrs={"rows": 2}),
            "appeal_result": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [("", "—"), *DisputeOutcome.choices]
        self.fields["stage"].choices = DisputeStage.choices
        if self.instance.pk:
            for name in ("mediation_dates", "adjudication_dates"):
                self.initial[name] = getattr(self.instance, name) or []

    def _post_clean(self):
        # The service validates and saves; it reports back onto this form.
        pass

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class DisputeDocumentForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=DisputeStage.choices)
    title = forms.CharField(label=_("Title"), max_length=255,
                            help_text=_("E.g. “Application to the Komisi Informasi”, "
                                        "“Mediation minutes”, “Decision”."))
    file = forms.FileField(label=_("File"))

    def clean_file(self):
        return check_upload(self.cleaned_data.get("file"), allowed=tuple(FileType))


# --------------------------------------------------------------------------------------------
# Registers and the report.
# --------------------------------------------------------------------------------------------

MONTHS = [(1, _("January")), (2, _("February")), (3, _("March")), (4, _("April")),
          (5, _("May")), (6, _("June")), (7, _("July")), (8, _("August")),
          (9, _("September")), (10, _("October")), (11, _("November")), (12, _("December"))]


class RegisterFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    month = forms.TypedChoiceField(label=_("Month"), required=False, coerce=int,
                                   empty_value=None, choices=[("", _("All months")), *MONTHS])
    start = forms.DateField(label=_("From"), required=False, widget=DATE)
    end = forms.DateField(label=_("To"), required=False, widget=DATE)
    status = forms.ChoiceField(label=_("Status"), required=False)
    outcome = forms.ChoiceField(label=_("Decision"), required=False)
    unit = forms.ModelChoiceField(label=_("Unit"), required=False, queryset=Unit.objects.none(),
                                  empty_label=_("All units"))

    def __init__(self, *args, years=(), kind="requests", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *[(y, y) for y in years]]
        self.fields["unit"].queryset = Unit.objects.order_by("name")
        if kind == "objections":
            self.fields["status"].choices = [("", _("All statuses")), *ObjectionStatus.choices]
            self.fields["outcome"].choices = [("", _("All answers")),
                                              *ObjectionOutcome.choices]
            self.fields["outcome"].label = _("Answer")
        else:
            self.fields["status"].choices = [("", _("All statuses")), *RequestStatus.choices]
            self.fields["outcome"].choices = [("", _("All decisions")), *Outcome.choices]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The period ends before it starts."))
        return data


class ReportFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    period = forms.ChoiceField(label=_("Period"), choices=ReportPeriod.choices, required=False)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in years]


class ReportTextForm(forms.ModelForm):
    class Meta:
        model = ServiceReport
        fields = ["policy", "resources", "obstacles", "follow_up"]
        widgets = {name: forms.Textarea(attrs={"rows": 5})
                   for name in ("policy", "resources", "obstacles", "follow_up")}

