from django.apps import AppConfig


class SciPortalConfig(AppConfig):
    """The site itself: wires the page cache's invalidation to the record's signals."""

    name = "sci_portal"
    verbose_name = "SCI Portal"

    def ready(self) -> None:
        from .cache import connect_invalidation

        connect_invalidation()
