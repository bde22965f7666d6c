from django.db import models
from django.utils.translation import gettext_lazy as _

from ppid.core.constants import Capability
from ppid.worktime.constants import TimeUnit  # noqa: F401 - one list of units for both apps


class RevisionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    EFFECTIVE = "effective", _("Effective")
    SUPERSEDED = "superseded", _("Superseded")


class Scope(models.TextChoices):
    """What one case of the procedure runs on."""

    ITEM = "item", _("One information item")
    REGISTER = "register", _("The register as a whole")


class StepKind(models.TextChoices):
    ARCHIVE = "archive", _("Archive (stores the case's documents)")
    PUBLISH = "publish", _("Publish on the portal")
    CLASSIFY = "classify", _("Classify (sets the category)")
    REVIEW = "review", _("Review (approve or send back)")
    HANDOVER = "handover", _("Hand over")
    PREPARE_DIP = "prepare_dip", _("Prepare the DIP (a draft edition)")
    DATA_CENTER = "data_center", _("Send public information to the Pusat Data")
    MAINTAIN = "maintain", _("Site maintenance run")
    OTHER = "other", _("Other")


class CaseStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class TaskStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    DONE = "done", _("Done")
    SENT_BACK = "sent_back", _("Sent back")
    SKIPPED = "skipped", _("Not applicable")
    CANCELLED = "cancelled", _("Cancelled")


class ReviewDecision(models.TextChoices):
    APPROVE = "approve", _("Approved")
    SEND_BACK = "send_back", _("Sent back")


class FilePurpose(models.TextChoices):
    INPUT = "input", _("Required input")
    OUTPUT = "output", _("Output")
    LETTER = "letter", _("Assignment letter")


class DeviationKind(models.TextChoices):
    TIME = "time", _("Time")
    OUTPUT = "output", _("Output")
    EQUIPMENT = "equipment", _("Equipment")


# What an executor of a step of this kind must be allowed to do (checked when a person is
# assigned, so a case never stalls on a step nobody assigned may perform).
KIND_CAPABILITIES: dict[str, tuple[str, ...]] = {
    StepKind.ARCHIVE: (Capability.DOCUMENT_ITEMS, Capability.UPLOAD_DOCUMENTS),
    StepKind.PUBLISH: (Capability.PUBLISH,),
    StepKind.CLASSIFY: (),  # editing or classifying: checked by register.services.classify_item
    StepKind.REVIEW: (),
    StepKind.HANDOVER: (),
    # A draft edition commits to nothing: signing it off needs SIGN_EDITIONS (the PPID).
    StepKind.PREPARE_DIP: (Capability.PREPARE_EDITIONS,),
    StepKind.DATA_CENTER: (Capability.PUBLISH,),
    StepKind.MAINTAIN: (Capability.MAINTAIN_SITE,),
    StepKind.OTHER: (),
}
