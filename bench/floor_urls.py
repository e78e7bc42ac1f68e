"""One view returning a small constant JSON document: the floor the portal is measured against."""

from django.http import JsonResponse
from django.urls import path

DOCUMENT = {"name": "SCI Portal", "status": "ok", "items": [1, 2, 3]}


def constant(request):
    return JsonResponse(DOCUMENT)


urlpatterns = [path("", constant)]
