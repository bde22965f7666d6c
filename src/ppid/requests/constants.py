"""Choices and legal constants of requests (Pasal 21–22), objections (35–36), disputes (37–38)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Pasal 22(7) and (8): the written notice within 10 working days, extendable once by at most 7.
NOTICE_WORKING_DAYS = 10
MAX_EXTENSION_WORKING_DAYS = 7
# Pasal 35–36: objections within 30 working days of the cause; answered within 30 working days.
OBJECTION_FILING_WORKING_DAYS = 30
OBJECTION_ANSWER_WORKING_DAYS = 30
# Pasal 37(2): a dispute within 14 working days after the answer (or its lapse).
DISPUTE_FILING_WORKING_DAYS = 14
# Reminders go out this many working days before a deadline (and on its last day).
REMIND_WORKING_DAYS_BEFORE = 2
MIN_REASON_LENGTH = 10

DEFAULT_REQUEST_NUMBER_FORMAT = "{seq:03d}/PPID/{roman_month}/{year}"
DEFAULT_OBJECTION_NUMBER_FORMAT = "{seq:03d}/KEBERATAN/PPID/{roman_month}/{year}"
DEFAULT_PERSONAL_DATA_MONTHS = 24


class Channel(models.TextChoices):
    """How the request reached the agency."""

    PORTAL = "portal", _("Portal form")
    IN_PERSON = "in_person", _("In person")
    LETTER = "letter", _("Letter")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")


# Channels staff record (the portal files its own requests).
STAFF_CHANNELS = [c for c in Channel if c != Channel.PORTAL]


class RequesterKind(models.TextChoices):
    PERSON = "person", _("Individual")
    ORGANISATION = "organisation", _("Legal entity or group")


class ObtainMethod(models.TextChoices):
    """How the requester wants to obtain the information."""

    VIEW = "view", _("See, read, listen to or take notes")
    SOFT_COPY = "soft_copy", _("A copy, soft copy")
    HARD_COPY = "hard_copy", _("A copy, hard copy")


class DeliveryMethod(models.TextChoices):
    """How a copy reaches the requester."""

    PICK_UP = "pick_up", _("Pick up in person")
    COURIER = "courier", _("Courier")
    POST = "post", _("Post")
    FAX = "fax", _("Fax")
    EMAIL = "email", _("E-mail")


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    FORWARDED = "forwarded", _("Being processed")
    DECIDED = "decided", _("Written notice issued")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", pgettext_lazy("request", "Withdrawn")


OPEN_REQUEST_STATUSES = (RequestStatus.RECEIVED, RequestStatus.FORWARDED)
REQUEST_TRANSITIONS = {
    RequestStatus.RECEIVED: {RequestStatus.FORWARDED, RequestStatus.DECIDED,
                             RequestStatus.WITHDRAWN},
    RequestStatus.FORWARDED: {RequestStatus.FORWARDED, RequestStatus.DECIDED,
                              RequestStatus.WITHDRAWN},
    RequestStatus.DECIDED: {RequestStatus.COMPLETED},
    RequestStatus.COMPLETED: set(),
    RequestStatus.WITHDRAWN: set(),
}


class Holding(models.TextChoices):
    """Whether the agency holds the information asked for."""

    HELD = "held", _("Held by this agency")
    OTHER_BODY = "other_body", _("Held by another public body")
    NOT_DOCUMENTED = "not_documented", _("Not held or not yet documented")


class Outcome(models.TextChoices):
    GRANTED = "granted", _("Granted in full")
    PARTLY_GRANTED = "partly", _("Granted in part")
    REJECTED = "rejected", _("Rejected")
    NOT_HELD = "not_held", _("Not held by this agency")


GRANTED_OUTCOMES = (Outcome.GRANTED, Outcome.PARTLY_GRANTED)


class ObjectionGround(models.TextChoices):
    """Pasal 35(1) UU 14/2008, letters a–g."""

    A = "a", _("a. the request was rejected on an exemption ground (Pasal 17)")
    B = "b", _("b. periodic information (Pasal 9) was not provided")
    C = "c", _("c. the request was not responded to")
    D = "d", _("d. the request was answered other than as asked")
    E = "e", _("e. the request was not fulfilled")
    F = "f", _("f. an unreasonable fee was charged")
    G = "g", _("g. the information was provided later than the law allows")


class ObjectionStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ANSWERED = "answered", _("Answered")
    WITHDRAWN = "withdrawn", pgettext_lazy("request", "Withdrawn")


class ObjectionOutcome(models.TextChoices):
    """The PPID superior's answer."""

    ACCEPTED = "accepted", _("Objection accepted: the PPID is ordered to provide the information")
    PARTLY_ACCEPTED = "partly", _("Objection accepted in part")
    UPHELD = "upheld", _("PPID's decision upheld (objection rejected)")


class DisputeStage(models.TextChoices):
    FILED = "filed", _("Filed at the Komisi Informasi")
    MEDIATION = "mediation", _("Mediation")
    ADJUDICATION = "adjudication", _("Adjudication")
    DECIDED = "decided", _("Decided")
    EXECUTED = "executed", _("Decision executed")
    APPEAL = "appeal", _("Appeal to court")
    CLOSED = "closed", pgettext_lazy("dispute", "Closed")


class DisputeOutcome(models.TextChoices):
    GRANTED = "granted", _("Applicant's claim granted")
    PARTLY_GRANTED = "partly", _("Granted in part")
    REJECTED = "rejected", _("Applicant's claim rejected")
    SETTLED = "settled", _("Settled by mediation")
    DISMISSED = "dismissed", _("Dismissed or withdrawn")


class EventKind(models.TextChoices):
    """Steps a requester sees on the tracking page."""

    RECEIVED = "received", _("Received and registered")
    FORWARDED = "forwarded", _("Forwarded to the unit holding the information")
    EXTENDED = "extended", _("Deadline extended")
    DECIDED = "decided", _("Written notice issued")
    COMPLETED = "completed", _("Information provided")
    WITHDRAWN = "withdrawn", pgettext_lazy("request", "Withdrawn")
    OBJECTION_RECEIVED = "objection_received", _("Objection received")
    OBJECTION_ANSWERED = "objection_answered", _("Objection answered")
    DISPUTE = "dispute", _("Dispute at the Komisi Informasi")
    NOTE = "note", _("Message")


class ReportPeriod(models.TextChoices):
    YEAR = "year", _("Year")
    Q1 = "q1", _("First quarter")
    Q2 = "q2", _("Second quarter")
    Q3 = "q3", _("Third quarter")
    Q4 = "q4", _("Fourth quarter")


# Fields of a requester or objector that are personal data: erased after the keeping period.
PERSONAL_FIELDS = ("name", "id_number", "address", "occupation", "phone", "email",
                   "on_behalf_of")
PERSONAL_FILE_FIELDS = ("identity_file", "proxy_letter")
