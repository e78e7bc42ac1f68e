"""Root URLs: the public pages of each app, the admin, and the API."""

from csp.decorators import csp_update
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
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
    # Its stylesheet draws icons (arrows, the loading spinner) as data: SVG images.
    path(
        "docs/",
        csp_update({"img-src": ["'self'", "data:"]})(
            SpectacularSwaggerSplitView.as_view(
                url_name="api:schema", template_name="api/docs.html", throttle_classes=THROTTLES
            )
        ),
        name="docs",
    ),
    # Last: a mistyped API URL gets a JSON 404 (without the slash, APPEND_SLASH redirects first).
    re_path(r"^[\s\S]*/$", NotFoundView.as_view()),
]

# Unprefixed in every language: the admin (Django's own translations, by the
# language cookie), the health check and the API (by Accept-Language).
urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("api/", include((api_patterns, "api"))),
]
# The public pages, in English at these paths and in Chinese under /zh-hans/.
urlpatterns += i18n_patterns(
    # The language switcher posts here, under the page's own language so that the page's
    # address resolves and set_language can translate it. Exempt from CSRF so that pages
    # carry no token (and can be cached): a forged post can only change the language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("", views.home, name="home"),
    path("meetings/", include("meetings.urls")),
    path("mous/", include("mous.urls")),
    path("parties/", include((party_patterns, "parties"))),
    path("areas/", include((area_patterns, "areas"))),
    path("projects/", include("projects.urls")),
    path("search/", views.search, name="search"),
    path("feeds/latest.atom", LatestRecordsFeed(), name="feed"),
    prefix_default_language=False,
)
