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


GENESIS_HASH = "0" * 64
