from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ppid.core.constants import Role
from ppid.core.models import Unit
from ppid.procedures.constants import ReviewDecision, Scope, StepKind, TimeUnit
from ppid.register.constants import Category, ExemptionGround

LIST_FIELDS = ("legal_basis", "qualifications", "related", "equipment", "warnings", "recording")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ImportForm(forms.Form):
    file = forms.FileField(label=_("SOP file (.txt or .docx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("An SOP file larger than 5 MB is not accepted."))
        return upload


class LinesField(forms.CharField):
    """A list edited as one entry per line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class HeaderForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    scope = forms.ChoiceField(label=_("A case runs on"), choices=Scope.choices)
    sop_number = forms.CharField(label=_("SOP number"), max_length=120, required=False)
    agency_name = forms.CharField(label=_("Agency (as written)"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    unit_name = forms.CharField(label=_("Unit"), max_length=255, required=False)
    made_on = forms.DateField(label=_("Date made"), required=False, widget=DATE)
    revised_on = forms.DateField(label=_("Date revised"), required=False, widget=DATE)
    effective_on = forms.DateField(label=_("Date effective"), required=False, widget=DATE)
    approved_by = forms.CharField(label=_("Approved by"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    legal_basis = LinesField(label=_("Legal basis (one per line)"), required=False)
    qualifications = LinesField(label=_("Executor qualifications"), required=False)
    related = LinesField(label=_("Related procedures"), required=False)
    equipment = LinesField(label=_("Equipment"), required=False)
    warnings = LinesField(label=_("Warnings"), required=False)
    recording = LinesField(label=_("Recording and data keeping"), required=False)


class ActorForm(forms.Form):
    name = forms.CharField(label=_("Actor (Pelaksana)"), max_length=255)
    role = forms.ChoiceField(label=_("Role"), choices=[("", "—")] + Role.choices,
                             required=False)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.all(), required=False,
                                  empty_label=_("unit of the case"))
    note = forms.CharField(label=_("Why"), required=False, max_length=1000)


ActorFormSet = forms.formset_factory(ActorForm, extra=0, can_delete=True)


class StepForm(forms.Form):
    number = forms.IntegerField(label=_("No."), min_value=1, max_value=999)
    activity = forms.CharField(label=_("Activity"), widget=forms.Textarea(attrs={"rows": 2}))
    actor = forms.IntegerField(label=_("Actor column"), min_value=1, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=StepKind.choices)
    required_inputs = forms.CharField(label=_("Required inputs"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 2}))
    time_amount = forms.IntegerField(label=_("Time"), min_value=1, required=False)
    time_unit = forms.ChoiceField(label=_("Unit"), choices=[("", "—")] + TimeUnit.choices,
                                  required=False)
    output = forms.CharField(label=_("Output"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    notes = forms.CharField(label=_("Notes"), required=False)
    actor_note = forms.CharField(label=_("Why this actor"), required=False)

    def clean(self):
        data = super().clean()
        if bool(data.get("time_amount")) != bool(data.get("time_unit")):
            raise forms.ValidationError(_("Give the time standard as an amount and a unit."))
        return data


StepFormSet = forms.formset_factory(StepForm, extra=0, can_delete=True)


class StartCaseForm(forms.Form):
    item = forms.IntegerField(label=_("Information item (number)"), required=False,
                              widget=forms.NumberInput(attrs={"list": "item-choices"}))
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.all(), required=False)
    title = forms.CharField(label=_("Title"), max_length=500, required=False)

    def __init__(self, *args, actors=(), candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor_fields = []
        for actor in actors:
            people = (candidates or {}).get(actor.pk) or get_user_model().objects.none()
            name = f"actor_{actor.pk}"
            self.fields[name] = forms.ModelChoiceField(
                label=actor.name, queryset=people, required=False,
                empty_label=_("— nobody holds this position —") if not people else None,
                help_text=actor.get_role_display() if actor.role else "")
            self.actor_fields.append(name)


class CompleteForm(forms.Form):
    inputs_present = forms.MultipleChoiceField(label=_("Required inputs at hand"),
                                               widget=forms.CheckboxSelectMultiple,
                                               required=False)
    input_file = forms.FileField(label=_("Attach a required input"), required=False)
    input_name = forms.ChoiceField(label=_("for"), required=False)
    output_note = forms.CharField(label=_("Output"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    output_file = forms.FileField(label=_("Output file"), required=False)
    decision = forms.ChoiceField(label=_("Decision"), choices=ReviewDecision.choices,
                                 required=False, widget=forms.RadioSelect)
    back_to = forms.TypedChoiceField(label=_("Send back to step"), coerce=int,
                                     required=False, empty_value=None)
    reason = forms.CharField(label=_("Reason for sending back"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    category = forms.ChoiceField(label=_("Category"), choices=[("", "—")] + Category.choices,
                                 required=False)
    exemption_ground = forms.ChoiceField(label=_("Exemption ground (Pasal 17)"),
                                         choices=[("", "—")] + ExemptionGround.choices,
                                         required=False)
    exemption_until = forms.DateField(label=_("Exempt until"), required=False, widget=DATE)
    items = forms.MultipleChoiceField(label=_("Information items"), required=False,
                                      widget=forms.CheckboxSelectMultiple)
    deviation_reason = forms.CharField(
        label=_("Reason for the deviation (this step is late)"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, task=None, item_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        inputs = task.step.input_list if task else []
        self.fields["inputs_present"].choices = [(n, n) for n in inputs]
        self.fields["input_name"].choices = [(n, n) for n in inputs]
        if task is not None:
            earlier = task.step.revision.ordered_steps().filter(position__lt=task.step.position)
            self.fields["back_to"].choices = [("", "—")] + [
                (s.number, f"{s.number}. {s.activity[:60]}") for s in earlier]
        self.fields["items"].choices = list(item_choices)


class ReassignForm(forms.Form):
    to_user = forms.ModelChoiceField(label=_("Substitute executor"),
                                     queryset=get_user_model().objects.none())
    letter_number = forms.CharField(label=_("Assignment letter number"), max_length=120)
    issued_on = forms.DateField(label=_("Letter date"), widget=DATE)
    period_start = forms.DateField(label=_("Valid from"), widget=DATE)
    period_end = forms.DateField(label=_("Valid until"), widget=DATE)
    reason = forms.CharField(label=_("Reason (e.g. leave, duty travel)"), required=False)
    letter = forms.FileField(label=_("Scanned letter (PDF or image)"))

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["to_user"].queryset = people
