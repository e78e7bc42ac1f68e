from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "sci_portal"
    verbose_name = "SCI Portal"

    def ready(self) -> None:
        from . import audit

        audit.connect()
