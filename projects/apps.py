from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Joint projects"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the search-document handlers)
