"""The version of the public record, kept in the database beside the records."""

import datetime

from django.db import models
from django.db.models import F
from django.db.models.functions import Now
from django.utils import timezone

# Saves and deletes in these apps change what the public pages and the API show.
RECORD_APPS = frozenset({"meetings", "mous", "projects"})


class RecordVersion(models.Model):
    """One row whose number moves on with every change to the public record.

    Every save or delete of a meeting, area, party, MOU, project or any of their
    parts (and every bulk write, through `records_changed`) bumps it in the same
    transaction, so it is never ahead of or behind the data it versions. The
    API's ETag and Last-Modified are made from it: one primary-key read per
    request, however many records there are.
    """

    ROW = 1

    number = models.BigIntegerField(default=0, help_text="Changes so far.")
    changed_at = models.DateTimeField(null=True, blank=True, help_text="The latest change.")

    class Meta:
        verbose_name = "record version"

    def __str__(self) -> str:
        return f"version {self.number} ({self.changed_at:%Y-%m-%d %H:%M:%S})"

    @classmethod
    def current(cls) -> tuple[int, datetime.datetime | None]:
        """(number, time of the latest change); (0, None) before any change."""
        row = cls.objects.filter(pk=cls.ROW).values_list("number", "changed_at")
        return next(iter(row), (0, None))

    @classmethod
    def bump(cls, using: str | None = None) -> None:
        rows = cls.objects.using(using).filter(pk=cls.ROW)
        if not rows.update(number=F("number") + 1, changed_at=Now()):
            cls.objects.using(using).get_or_create(
                pk=cls.ROW, defaults={"number": 1, "changed_at": timezone.now()}
            )


def changes_the_record(sender, **kwargs) -> bool:
    """Whether a signal says a record changed: a row of the record apps was saved,
    deleted or re-linked (once: m2m_changed fires before and after), or written in bulk."""
    meta = getattr(sender, "_meta", None)
    if meta is not None and meta.app_label not in RECORD_APPS:
        return False
    return not kwargs.get("action", "post_").startswith("pre_")


def record_changed(sender, **kwargs) -> None:
    """Signal receiver: a record was saved, deleted, re-linked or written in bulk."""
    if not changes_the_record(sender, **kwargs) or hasattr(sender, "instance_type"):
        return  # another app's row, or a history entry (written with the change it records)
    RecordVersion.bump(using=kwargs.get("using"))
