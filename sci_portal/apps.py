from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The site itself: wires the audit log and the page cache's invalidation to the records."""

    name = "sci_portal"
    verbose_name = "SCI Portal"

    def ready(self) -> None:
        from . import audit

        audit.connect()

        from .cache import connect_invalidation

        connect_invalidation()
