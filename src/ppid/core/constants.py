from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeZone(models.TextChoices):
    WIB = "Asia/Jakarta", _("WIB (UTC+7)")
    WITA = "Asia/Makassar", _("WITA (UTC+8)")
    WIT = "Asia/Jayapura", _("WIT (UTC+9)")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Role(models.TextChoices):
    UNIT_OFFICER = "unit_officer", _("Unit officer (Pelaksana)")
    UNIT_PPID = "unit_ppid", _("Unit PPID (PPID Pelaksana)")
    PPID = "ppid", _("PPID")
    PPID_SUPERIOR = "ppid_superior", _("PPID superior (Atasan PPID)")
    HEAD = "head", _("Head of the agency (Pimpinan Badan Publik)")
    WEB_MANAGER = "web_manager", _("Web manager (Pengelola Situs)")
    ADMINISTRATOR = "administrator", _("Administrator")


class Capability(models.TextChoices):
    """What code checks. Roles only decide which capabilities a position grants."""

    VIEW_REGISTER = "register.view", _("See the register")
    VIEW_EXEMPT = "register.view_exempt", _("See exempt information")
    EDIT_ITEMS = "register.edit", _("Create and edit information items")
    UPLOAD_DOCUMENTS = "register.upload", _("Upload document versions")
    DOCUMENT_ITEMS = "register.document", _("Confirm items as documented")
    CLASSIFY_EXEMPT = "register.classify_exempt", _("Classify information as exempt")
    PUBLISH = "register.publish", _("Publish and withdraw items")
    DOWNLOAD_FILES = "register.download", _("Download stored files")
    VIEW_AUDIT = "audit.view", _("See the audit log")
    MANAGE_AGENCY = "agency.manage", _("Manage agency profile and units")
    MANAGE_USERS = "users.manage", _("Manage users and positions")
    MANAGE_PROCEDURES = "procedures.manage", _(
        "Import, edit and activate procedures; reassign steps"
    )
    RUN_PROCEDURES = "procedures.run", _("Start cases of procedures")
    APPROVE_DISPOSAL = "records.approve_disposal", _(
        "Approve the disposal of records past their retention period"
    )
    PREPARE_HARM_TEST = "exempt.prepare", _("Prepare harm tests (uji konsekuensi)")
    APPROVE_HARM_TEST = "exempt.approve", _("Approve harm tests and decide to open exemptions")
    SIGN_EXEMPTION = "exempt.sign", _(
        "Sign exemption decisions (when the agency names this role as signer)"
    )
    OPEN_EXEMPT = "exempt.open", _("Open exempt documents (with a recorded reason)")
    REDACT = "exempt.redact", _("Mark redactions (penghitaman) on documents")
    HANDLE_REQUESTS = "requests.handle", _(
        "Handle requests for information (and see the requester's personal data)"
    )
    DECIDE_REQUESTS = "requests.decide", _(
        "Register, forward, extend and decide requests; record disputes"
    )
    ANSWER_OBJECTIONS = "requests.answer_objections", _("Answer objections (keberatan)")
    REPORT_REQUESTS = "requests.report", _("See registers and the annual service report")
    PREPARE_EDITIONS = "publication.prepare", _("Prepare DIP and DIK editions")
    SIGN_EDITIONS = "publication.sign", _("Sign off DIP and DIK editions set by decree")
    ANNOUNCE = "publication.announce", _("Publish and end serta merta announcements")
    MANAGE_DATA_CENTER = "publication.data_center", _(
        "Configure the Pusat Data (CKAN) and federation; retry sending"
    )
    MAINTAIN_SITE = "publication.maintain", _("Run and see site maintenance checks")


C = Capability

ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.UNIT_OFFICER: frozenset({C.VIEW_REGISTER, C.EDIT_ITEMS, C.UPLOAD_DOCUMENTS,
                                  C.DOWNLOAD_FILES, C.VIEW_EXEMPT, C.HANDLE_REQUESTS,
                                  C.PREPARE_EDITIONS}),
    Role.UNIT_PPID: frozenset({C.VIEW_REGISTER, C.EDIT_ITEMS, C.UPLOAD_DOCUMENTS,
                               C.DOWNLOAD_FILES, C.VIEW_EXEMPT, C.DOCUMENT_ITEMS,
                               C.VIEW_AUDIT, C.RUN_PROCEDURES, C.PREPARE_HARM_TEST,
                               C.REDACT, C.HANDLE_REQUESTS, C.PREPARE_EDITIONS}),
    Role.PPID: frozenset({C.VIEW_REGISTER, C.EDIT_ITEMS, C.UPLOAD_DOCUMENTS, C.DOWNLOAD_FILES,
                          C.VIEW_EXEMPT, C.DOCUMENT_ITEMS, C.CLASSIFY_EXEMPT, C.PUBLISH,
                          C.VIEW_AUDIT, C.MANAGE_PROCEDURES, C.RUN_PROCEDURES,
                          C.APPROVE_DISPOSAL, C.PREPARE_HARM_TEST, C.APPROVE_HARM_TEST,
                          C.OPEN_EXEMPT, C.REDACT, C.HANDLE_REQUESTS, C.DECIDE_REQUESTS,
                          C.REPORT_REQUESTS, C.PREPARE_EDITIONS, C.SIGN_EDITIONS, C.ANNOUNCE,
                          C.MANAGE_DATA_CENTER, C.MAINTAIN_SITE}),
    Role.PPID_SUPERIOR: frozenset({C.VIEW_REGISTER, C.DOWNLOAD_FILES, C.VIEW_EXEMPT,
                                   C.CLASSIFY_EXEMPT, C.VIEW_AUDIT, C.RUN_PROCEDURES,
                                   C.SIGN_EXEMPTION, C.OPEN_EXEMPT, C.HANDLE_REQUESTS,
                                   C.ANSWER_OBJECTIONS, C.REPORT_REQUESTS}),
    # Signs exemption decisions where the agency says so; never opens exempt documents.
    Role.HEAD: frozenset({C.VIEW_REGISTER, C.VIEW_EXEMPT, C.VIEW_AUDIT, C.SIGN_EXEMPTION,
                          C.REPORT_REQUESTS}),
    Role.WEB_MANAGER: frozenset({C.VIEW_REGISTER, C.DOWNLOAD_FILES, C.PUBLISH,
                                 C.PREPARE_EDITIONS, C.ANNOUNCE, C.MANAGE_DATA_CENTER,
                                 C.MAINTAIN_SITE}),
    Role.ADMINISTRATOR: frozenset({C.VIEW_REGISTER, C.VIEW_AUDIT, C.MANAGE_AGENCY,
                                   C.MANAGE_USERS, C.MANAGE_PROCEDURES, C.MANAGE_DATA_CENTER,
                                   C.MAINTAIN_SITE}),
}

# Roles whose capabilities reach only their own unit and the units below it.
UNIT_SCOPED_ROLES = frozenset({Role.UNIT_OFFICER, Role.UNIT_PPID})


class ExemptionSigner(models.TextChoices):
    """Who signs exemption decisions (agency setting)."""

    PPID_SUPERIOR = "ppid_superior", _("PPID superior (Atasan PPID)")
    HEAD = "head", _("Head of the agency (Pimpinan Badan Publik)")


class ExemptionEndAction(models.TextChoices):
    """What happens to an exemption nobody decided on when its period ends (agency setting)."""

    ESCALATE = "escalate", _("Stays exempt and is escalated to the PPID superior")
    OPEN = "open", _("Opens automatically and re-enters the public register")
