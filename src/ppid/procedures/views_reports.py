# Placeholder until the document and report views land (being written in parallel).
from django.http import Http404


def procedure_document(request, pk):
    raise Http404


procedure_pdf = compliance = compliance_xlsx = compliance_pdf = procedure_document
