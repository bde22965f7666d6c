from django.db import models
from django.utils.translation import gettext_lazy as _


class ProcessingState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Processing")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


ACTIVE_STATES = (ProcessingState.QUEUED, ProcessingState.RUNNING)


class ExtractionMethod(models.TextChoices):
    TEXT_LAYER = "text_layer", _("PDF text layer")
    OCR = "ocr", _("Text recognition (OCR)")
    DOCX = "docx", _("Word document")
    XLSX = "xlsx", _("Excel workbook")
    ODF = "odf", _("OpenDocument")
    PLAIN = "plain", _("Plain text")
    NONE = "none", _("No text")


# What is running now (Processing.stage): short machine words, shown to staff with these labels.
STAGE_LABELS = {
    "reading": _("reading the file"),
    "ocr": _("recognising text"),
    "pdfa": _("making the archival PDF/A"),
    "storing": _("storing the results"),
}

LANGUAGE_LABELS = {"id": _("Indonesian"), "en": _("English")}
