"""Record logins and changes to users and settings, whoever makes them (workspace, admin, CLI).

Items and documents are recorded by their services with a meaningful before/after; the models
here change rarely and through many doors, so they are recorded at the model level.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.forms.models import model_to_dict

from ppid.audit.constants import Action
from ppid.audit.context import current_request
from ppid.audit.services import record
from ppid.core.models import Agency, OfficeHours, Position, Unit

User = get_user_model()
SECRET_FIELDS = {"password"}


def snapshot(instance) -> dict:
    data = model_to_dict(instance)
    for name in SECRET_FIELDS & data.keys():
        data[name] = "***"
    for key, value in list(data.items()):
        if isinstance(value, list):  # many-to-many: keep primary keys
            data[key] = sorted(getattr(v, "pk", v) for v in value)
    return data


def _actor_and_request():
    request = current_request()
    user = getattr(request, "user", None) if request is not None else None
    actor = user if user is not None and user.is_authenticated else None
    return actor, request


TRACKED = (User, Position, Agency, OfficeHours, Unit)


def _before_save(sender, instance, **kwargs):
    if instance.pk is None:
        instance._audit_before = None
        return
    old = sender.objects.filter(pk=instance.pk).first()
    instance._audit_before = snapshot(old) if old is not None else None
    instance._audit_password_changed = (
        sender is User and old is not None and old.password != instance.password
    )


def _after_save(sender, instance, created, **kwargs):
    before = getattr(instance, "_audit_before", None)
    after = snapshot(instance)
    if not created and before is not None:
        changed = {k for k in after if before.get(k) != after.get(k)}
        if getattr(instance, "_audit_password_changed", False):
            changed.add("password")
        # last_login is bumped by every login, which has its own event.
        changed.discard("last_login")
        if not changed:
            return
        before = {k: before.get(k) for k in sorted(changed)}
        after = {k: after.get(k) for k in sorted(changed)}
    actor, request = _actor_and_request()
    record(Action.CREATE if created else Action.UPDATE, actor=actor, obj=instance,
           before=None if created else before, after=after, request=request)


def _after_delete(sender, instance, **kwargs):
    actor, request = _actor_and_request()
    record(Action.DELETE, actor=actor, obj=instance, before=snapshot(instance), request=request)


for model in TRACKED:
    pre_save.connect(_before_save, sender=model, dispatch_uid=f"audit-pre-{model.__name__}")
    post_save.connect(_after_save, sender=model, dispatch_uid=f"audit-post-{model.__name__}")
    post_delete.connect(_after_delete, sender=model, dispatch_uid=f"audit-del-{model.__name__}")


@receiver(user_logged_in, dispatch_uid="audit-login")
def _logged_in(sender, request, user, **kwargs):
    record(Action.LOGIN, actor=user, obj=user, request=request)


@receiver(user_logged_out, dispatch_uid="audit-logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(Action.LOGOUT, actor=user, obj=user, request=request)


@receiver(user_login_failed, dispatch_uid="audit-login-failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    record(Action.LOGIN_FAILED, object_type="auth.user", object_repr=username,
           after={"username": username}, request=request)
