from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The site itself: wires the audit log, the page cache's invalidation and the record
    version (sci_portal/models.py) to the records."""

    name = "sci_portal"
    verbose_name = "SCI Portal"

    def ready(self) -> None:
        from . import audit

        audit.connect()

        from .cache import connect_invalidation

        connect_invalidation()

        from django.db.models.signals import m2m_changed, post_delete, post_save

        from meetings.signals import records_changed

        from .models import record_changed

        for signal in (post_save, post_delete, m2m_changed, records_changed):
            signal.connect(record_changed, dispatch_uid="sci_portal.models.record_changed")
