"""The portal's URLs plus a few test-only views that opt out of shared caching."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import cache_control

from sci_portal.urls import urlpatterns as portal_urlpatterns


@cache_control(private=True)
def private(request):
    return HttpResponse("for your eyes only")


@cache_control(no_store=True)
def no_store(request):
    return HttpResponse("do not keep")


def varies_on_user_agent(request):
    response = HttpResponse(f"made for {request.headers.get('User-Agent')}")
    response["Vary"] = "User-Agent"
    return response


def sets_cookie(request):
    response = HttpResponse("a cookie for you")
    response.set_cookie("seen", "1")
    return response


urlpatterns = [
    *portal_urlpatterns,
    path("test/private/", private),
    path("test/no-store/", no_store),
    path("test/sets-cookie/", sets_cookie),
    path("test/varies/", varies_on_user_agent),
]
