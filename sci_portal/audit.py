"""Audit log (logger `sci_portal.audit`): logins, lockouts, publications.

Each event is one structured record; with LOG_FORMAT=json (the production
default) it is one JSON line with an `event` field to filter on.
"""

import logging

from axes.signals import user_locked_out
from django.apps import apps
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save, pre_save
from django.http import HttpRequest

from meetings.models import Publishable, Status

from .middleware import client_ip, current_request, resolved_user

audit_log = logging.getLogger("sci_portal.audit")


def actor(request: HttpRequest | None) -> dict:
    """Who acted, from where: the signed-in user (if already known) and the client address."""
    if request is None:
        return {"user": None, "ip": None}
    user = resolved_user(request)
    return {"user": user.get_username() if user else None, "ip": client_ip(request)}


def on_login(sender, request: HttpRequest, user, **kwargs) -> None:
    audit_log.info(
        "login succeeded",
        extra={"event": "login.succeeded", **actor(request), "user": user.get_username()},
    )


def on_logout(sender, request: HttpRequest, user, **kwargs) -> None:
    audit_log.info(
        "logout",
        extra={"event": "logout", **actor(request), "user": user.get_username() if user else None},
    )


def on_login_failed(sender, credentials: dict, request: HttpRequest | None = None, **kwargs):
    # Django has already masked the password in `credentials`.
    audit_log.warning(
        "login failed",
        extra={
            "event": "login.failed",
            **actor(request),
            "user": None,
            "attempted_username": credentials.get("username"),
        },
    )


def on_locked_out(sender, request: HttpRequest, username: str, ip_address: str, **kwargs) -> None:
    audit_log.warning(
        "login locked out",
        extra={
            "event": "login.locked_out",
            "user": None,
            "attempted_username": username,
            "ip": ip_address,
        },
    )


def remember_status(sender, instance: Publishable, raw: bool = False, **kwargs) -> None:
    """Before a save, note the status the row has in the database (None for a new row)."""
    if raw or instance.pk is None:
        instance._status_before_save = None
        return
    instance._status_before_save = (
        sender._default_manager.filter(pk=instance.pk).values_list("status", flat=True).first()
    )


def log_status_change(sender, instance: Publishable, raw: bool = False, **kwargs) -> None:
    """After a save, log a publication or withdrawal if the status changed."""
    if raw:
        return
    before = getattr(instance, "_status_before_save", None)
    after = instance.status
    if before == after or (before is None and after != Status.PUBLISHED):
        return
    event = "record.published" if after == Status.PUBLISHED else "record.unpublished"
    audit_log.info(
        "%s %s",
        event,
        instance._meta.label_lower,
        extra={
            "event": event,
            "model": instance._meta.label_lower,
            "pk": instance.pk,
            "record": str(instance)[:200],
            "status_before": before,
            "status": after,
            **actor(current_request.get()),
        },
    )


def connect() -> None:
    """Wire the receivers; called once from the app's ready()."""
    user_logged_in.connect(on_login, dispatch_uid="audit.login")
    user_logged_out.connect(on_logout, dispatch_uid="audit.logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="audit.login_failed")
    user_locked_out.connect(on_locked_out, dispatch_uid="audit.locked_out")
    for model in apps.get_models():
        if issubclass(model, Publishable):
            uid = model._meta.label_lower
            pre_save.connect(remember_status, sender=model, dispatch_uid=f"audit.pre.{uid}")
            post_save.connect(log_status_change, sender=model, dispatch_uid=f"audit.post.{uid}")
