"""Request-level reliability: failing requests are logged; a lost database gives a 503."""

import contextvars
import logging
import time
from collections.abc import Callable

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.functional import empty

request_log = logging.getLogger("sci_portal.request")

# The request being handled, so that model signals can say who made a change.
current_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "current_request", default=None
)

# What the database driver raises when the server is down, restarting or unreachable
# (psycopg2 and sqlite3 errors arrive wrapped in these by Django).
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, as the login lockout sees it (proxy-aware when configured)."""
    return get_client_ip_address(request)


def resolved_user(request: HttpRequest):
    """The signed-in user if the request has already looked them up; never queries.

    (Looking the user up reads the session from the database, which may be down.)
    """
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty or not user.is_authenticated:
        return None
    return user


class RequestLogMiddleware:
    """One structured line per failing request: 5xx at ERROR, 4xx at INFO.

    It also makes the request available to the audit log's model signals.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.monotonic()
        token = current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(token)
        status = response.status_code
        if status >= 400:
            request_log.log(
                logging.ERROR if status >= 500 else logging.INFO,
                "%s %s %s",
                request.method,
                request.path,
                status,
                extra={
                    "event": "request.failed",
                    "method": request.method,
                    "path": request.path,
                    "query": request.META.get("QUERY_STRING", "")[:500],
                    "status": status,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                    "ip": client_ip(request),
                    "user": getattr(resolved_user(request), "username", None),
                },
            )
        return response


def wants_json(request: HttpRequest) -> bool:
    if request.path_info.startswith("/api/"):
        return True
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


def database_unavailable_response(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After: a JSON body for the API, a page in the site's look otherwise.

    Rendered without a request context: nothing on it may touch the database.
    """
    retry_after = settings.DATABASE_UNAVAILABLE_RETRY_AFTER
    if wants_json(request):
        response = JsonResponse(
            {
                "detail": "The service is temporarily unavailable: its database is not "
                "answering. Try again shortly.",
                "retry_after": retry_after,
            },
            status=503,
        )
    else:
        response = HttpResponse(
            render_to_string("503.html", {"retry_after": retry_after}), status=503
        )
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Turns a lost database connection into a 503 instead of a 500 traceback.

    Django drops a broken connection and, with CONN_HEALTH_CHECKS, opens a new one
    on the next request, so the site recovers by itself once the database is back.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_UNAVAILABLE):
            return None
        request_log.warning(
            "database unavailable: %s",
            type(exception.__cause__ or exception).__name__,
            extra={
                "event": "database.unavailable",
                "path": request.path,
                "error": str(exception).strip()[:300],
            },
        )
        return database_unavailable_response(request)
