"""The printable SOP (HTML and PDF) and the compliance report (HTML, XLSX, PDF)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.core.errors import InvalidInput
from ppid.procedures import documents, reports, services
from ppid.procedures.models import Procedure
from ppid.workspace.auth import staff_required

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --------------------------------------------------------------------------------------------
# The printable procedure.
# --------------------------------------------------------------------------------------------


@staff_required
def procedure_document(request, pk):
    revision = services.get_revision(request.user, pk)
    return render(request, "procedures/document.html",
                  documents.document_context(revision))


@staff_required
def procedure_pdf(request, pk):
    revision = services.get_revision(request.user, pk)
    pdf = documents.render_pdf(revision, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="{documents.pdf_filename(revision)}"')
    return response


# --------------------------------------------------------------------------------------------
# The compliance report.
# --------------------------------------------------------------------------------------------


class PeriodForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("From"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    end = forms.DateField(label=gettext_lazy("To"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    procedure = forms.TypedChoiceField(label=gettext_lazy("Procedure"), required=False,
                                       coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(p.pk, str(p)) for p in Procedure.objects.prefetch_related("revisions")]
        choices.sort(key=lambda choice: choice[1].lower())
        self.fields["procedure"].choices = [("", _("All procedures")), *choices]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The period ends before it starts."))
        return data


def _report(request):
    """The report for the GET filters: (form, report or None)."""
    if not reports.can_view(request.user):
        raise PermissionDenied(_("You may not see the compliance report."))
    default_start, default_end = reports.default_period()
    form = PeriodForm(request.GET or None,
                      initial={"start": default_start, "end": default_end})
    if request.GET and not form.is_valid():
        return form, None
    data = form.cleaned_data if request.GET else {}
    start = data.get("start") or default_start
    end = data.get("end") or (default_end if not data.get("start") else max(start, default_end))
    try:
        report = reports.compliance(request.user, start=start, end=end,
                                    procedure_id=data.get("procedure"))
    except InvalidInput as exc:
        form.add_error(None, str(exc.message))
        return form, None
    return form, report


def _report_context(form, report) -> dict:
    return {"form": form, "report": report, "page_counter_css":
            documents.page_counter_css() if report else ""}


@staff_required
def compliance(request):
    form, report = _report(request)
    query = request.GET.urlencode()
    context = _report_context(form, report) | {"query": query}
    return render(request, "procedures/compliance.html", context,
                  status=200 if report is not None else 400)


@staff_required
def compliance_xlsx(request):
    form, report = _report(request)
    if report is None:
        return render(request, "procedures/compliance.html",
                      _report_context(form, None), status=400)
    response = HttpResponse(reports.to_xlsx(report), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{reports.xlsx_filename(report)}"'
    return response


@staff_required
def compliance_pdf(request):
    from django.utils.safestring import mark_safe
    from weasyprint import HTML

    form, report = _report(request)
    if report is None:
        return render(request, "procedures/compliance.html",
                      _report_context(form, None), status=400)
    footer = _("Procedure compliance %(start)s – %(end)s") % {
        "start": date_format(report.start, "j M Y"), "end": date_format(report.end, "j M Y")}
    html = render_to_string("procedures/compliance_pdf.html", {
        "report": report,
        "page_counter_css": mark_safe(documents.page_counter_css()),  # noqa: S308
        "footer_css": mark_safe(documents.css_string(footer)),  # noqa: S308
    }, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{reports.pdf_filename(report)}"'
    return response
