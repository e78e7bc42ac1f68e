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
