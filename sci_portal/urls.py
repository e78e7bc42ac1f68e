"""Root URLs: the public pages of each app, the admin, and the API."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from mous.urls import area_patterns, party_patterns

from . import health, views

urlpatterns = [
    path("", views.home, name="home"),
    path("meetings/", include("meetings.urls")),
    path("mous/", include("mous.urls")),
    path("parties/", include((party_patterns, "parties"))),
    path("areas/", include((area_patterns, "areas"))),
    path("projects/", include("projects.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
]
