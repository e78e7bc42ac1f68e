"""The language of the unprefixed paths that are not public pages: the API and the admin."""

import copy

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

API_PREFIX = "/api/"


class NegotiatedLanguageMiddleware:
    """Activates the language an API client or a staff member asks for.

    With English pages unprefixed (prefix_default_language=False), LocaleMiddleware
    gives every path without a language prefix LANGUAGE_CODE. The API reads
    Accept-Language only, a header caches key on (Vary); the admin also reads the
    language cookie the site's switcher sets, so staff who chose Chinese on the
    site get Django's Chinese admin.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if path.startswith(API_PREFIX):
            headers_only = copy.copy(request)
            headers_only.COOKIES = {}
            language = translation.get_language_from_request(headers_only, check_path=False)
        elif path.startswith(f"/{settings.ADMIN_URL}"):
            language = translation.get_language_from_request(request, check_path=False)
        else:
            return self.get_response(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ["Accept-Language"])
        return response
