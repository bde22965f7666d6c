from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")
    TRANSITION = "transition", _("status changed")
    UPLOAD = "upload", _("uploaded a version")
    DOWNLOAD = "download", _("downloaded a file")
    LOGIN = "login", _("logged in")
    LOGIN_FAILED = "login_failed", _("failed to log in")
    LOGOUT = "logout", _("logged out")
    TOKEN_CREATE = "token_create", _("created an API token")
    PROCEDURE_IMPORT = "procedure_import", _("imported a procedure")
    PROCEDURE_ACTIVATE = "procedure_activate", _("made a procedure effective")
    CASE_START = "case_start", _("started a case")
    CASE_COMPLETE = "case_complete", _("completed a case")
    TASK_COMPLETE = "task_complete", _("completed a step")
    TASK_SEND_BACK = "task_send_back", _("sent a case back")
    TASK_REASSIGN = "task_reassign", _("reassigned a step")
    DEVIATION = "deviation", _("recorded a deviation")
    PROCESS_RETRY = "process_retry", _("retried processing a file")
    INGEST = "ingest", _("ingested a folder")
    REINDEX = "reindex", _("rebuilt the search index")
    DISPOSAL_PROPOSE = "disposal_propose", _("proposed disposal")
    DISPOSAL_APPROVE = "disposal_approve", _("approved disposal")
    DISPOSAL_REJECT = "disposal_reject", _("rejected disposal")
    FIXITY_CHECK = "fixity_check", _("verified stored files")


GENESIS_HASH = "0" * 64
