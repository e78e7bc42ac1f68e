"""Root URLs: the public pages of each app, the admin, and the API."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from meetings.api import MeetingViewSet
from mous.api import AreaViewSet, MOUViewSet, PartyViewSet
from mous.urls import area_patterns, party_patterns
from projects.api import ProjectViewSet

from . import health, views
from .api import THROTTLES, NotFoundView, router
from .feeds import LatestRecordsFeed

router.register("meetings", MeetingViewSet, basename="meeting")
router.register("mous", MOUViewSet, basename="mou")
router.register("parties", PartyViewSet, basename="party")
router.register("areas", AreaViewSet, basename="area")
router.register("projects", ProjectViewSet, basename="project")

api_patterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(throttle_classes=THROTTLES), name="schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/docs.html", throttle_classes=THROTTLES
        ),
        name="docs",
    ),
    # Last: a mistyped API URL gets a JSON 404 (without the slash, APPEND_SLASH redirects first).
    re_path(r"^[\s\S]*/$", NotFoundView.as_view()),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("meetings/", include("meetings.urls")),
    path("mous/", include("mous.urls")),
    path("parties/", include((party_patterns, "parties"))),
    path("areas/", include((area_patterns, "areas"))),
    path("projects/", include("projects.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("api/", include((api_patterns, "api"))),
    path("search/", views.search, name="search"),
    path("feeds/latest.atom", LatestRecordsFeed(), name="feed"),
]
