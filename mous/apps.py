from django.apps import AppConfig


class MOUsConfig(AppConfig):
    name = "mous"
    verbose_name = "MOUs, parties and areas"
