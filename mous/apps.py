from django.apps import AppConfig


class MOUsConfig(AppConfig):
    name = "mous"
    verbose_name = "MOUs, parties and areas"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the search-document handlers)
