"""A cache of anonymous public responses, dropped whenever the public record changes.

`PublicCacheMiddleware` answers anonymous GET and HEAD requests from the cache
(`CACHES["default"]`: local memory, or Redis when `CACHE_URL` is set). An
entry is keyed by the full URL with its query string and the request headers
that public responses vary on (`KEY_HEADERS`: content negotiation, language,
CORS origin), and holds the response with the *record version* it was made
at. The version is a number in the same cache that every save or delete of a
meetings, mous or projects row moves on (`record_changed`); an entry made at
an older version is never served, so a publish, change or unpublish shows at
on every app server that shares the cache.

With a shared cache (Redis), each process keeps a small local tier in front of
it and re-reads the version at most every PAGE_CACHE_VERSION_SECONDS (1 by
default): a hit then costs no network round trip, and a change made through
another process shows here within that second (through this one: at once).
Set it to 0 to read the version on every request.

Only requests with no cookies and no Authorization header are cached, so a
signed-in user (who has a session cookie) or a partner with a token never gets
or fills a shared entry. Responses are stored only when they are a plain 200
that sets no cookie, does not say `Cache-Control: private` or `no-store`, and
varies on no request header outside `KEY_HEADERS` (Cookie aside: cached
requests have none). Stored responses carry an ETag, so the outer
ConditionalGetMiddleware answers a matching `If-None-Match` with 304.

The middleware goes last in MIDDLEWARE (settings.py): what the outer
middleware add to a response (security headers, CORS, Vary) is added afresh
to every response, cached or not.
"""

import hashlib
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import cc_delim_re, set_response_etag

from meetings.signals import records_changed

from . import models
from .models import changes_the_record

logger = logging.getLogger(__name__)

VERSION_KEY = "sci_portal.record_version"
# settings.CACHES alias of the per-process tier in front of a shared cache.
LOCAL_ALIAS = "local"
# Request headers a public response may vary on; each is part of the key.
KEY_HEADERS = ("Accept", "Accept-Language", "Accept-Encoding", "Origin")
# A cached request has neither, so a response varying on them is the same for all.
ABSENT_HEADERS = frozenset({"cookie", "authorization"})


def _shared():
    return caches[settings.CACHE_MIDDLEWARE_ALIAS]


def _local():
    """The per-process tier in front of a shared cache; None when the cache is per process."""
    shared = _shared()
    return None if isinstance(shared, LocMemCache) else caches[LOCAL_ALIAS]


def new_version() -> int:
    """A version no earlier one can equal: the clock, in nanoseconds."""
    return time.time_ns()


def record_version() -> int:
    """The current version of the public record.

    With a shared cache each process re-reads it at most every
    PAGE_CACHE_VERSION_SECONDS; its own changes it sees at once.
    """
    local, seconds = _local(), settings.PAGE_CACHE_VERSION_SECONDS
    if local is not None and seconds:
        version = local.get(VERSION_KEY)
        if version is not None:
            return version
    shared = _shared()
    version = shared.get(VERSION_KEY)
    if version is None:
        shared.add(VERSION_KEY, new_version(), timeout=None)
        version = shared.get(VERSION_KEY)
    if local is not None and seconds:
        local.set(VERSION_KEY, version, seconds)
    return version


def bump_record_version() -> None:
    """Make every cached public response stale. Never fails a write: errors are logged."""
    try:
        shared = _shared()
        try:
            version = shared.incr(VERSION_KEY)
        except ValueError:  # no version yet, or it was evicted
            version = new_version()
            shared.set(VERSION_KEY, version, timeout=None)
        local = _local()
        if local is not None:
            local.set(VERSION_KEY, version, settings.PAGE_CACHE_VERSION_SECONDS or None)
            if not settings.PAGE_CACHE_VERSION_SECONDS:
                local.delete(VERSION_KEY)
    except Exception:
        logger.exception("Could not invalidate the page cache")


def record_changed(sender, **kwargs) -> None:
    """Signal receiver: a row of a public app was saved, deleted or re-linked."""
    if not changes_the_record(sender, **kwargs):
        return
    # Now, so that later requests in this transaction see the change, and again
    # on commit, so that a request that read the old rows while the transaction
    # was open cannot have stored them under the new version.
    bump_record_version()
    transaction.on_commit(bump_record_version, using=kwargs.get("using"))


def connect_invalidation() -> None:
    """Every change to the record drops the cached pages and moves the record version."""
    for signal in (post_save, post_delete, m2m_changed, records_changed):
        signal.connect(record_changed, dispatch_uid="sci_portal.cache.record_changed")
        signal.connect(models.record_changed, dispatch_uid="sci_portal.models.record_changed")


def cache_key(request: HttpRequest) -> str:
    parts = [request.build_absolute_uri()]
    parts += [request.headers.get(header, "") for header in KEY_HEADERS]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"{settings.CACHE_MIDDLEWARE_KEY_PREFIX}.{digest}"


def _tokens(header: str) -> set[str]:
    return {t.split("=")[0].strip().lower() for t in cc_delim_re.split(header) if t.strip()}


class PublicCacheMiddleware:
    """Serve and store anonymous GET responses, checked against the record version."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.applies_to(request):
            return self.get_response(request)
        key = cache_key(request)
        try:
            version = record_version()
            response = self.lookup(key, version)
        except Exception:
            logger.exception("Page cache unavailable; answering without it")
            return self.get_response(request)
        if response is not None:
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if request.method == "GET" and self.storable(request, response):
            if not response.has_header("ETag"):
                set_response_etag(response)
            self.store(key, version, response)
            response["X-Cache"] = "miss"
        return response

    @staticmethod
    def lookup(key: str, version: int) -> HttpResponse | None:
        """The response stored at this version: from this process's tier, else the shared one."""
        local = _local()
        entry = local.get(key) if local is not None else None
        if entry is None or entry[0] != version:
            entry = _shared().get(key)
            if entry is None or entry[0] != version:
                return None
            if local is not None:
                local.set(key, entry, settings.CACHE_MIDDLEWARE_SECONDS)
        return entry[1]

    @staticmethod
    def store(key: str, version: int, response: HttpResponse) -> None:
        entry, seconds = (version, response), settings.CACHE_MIDDLEWARE_SECONDS
        try:
            _shared().set(key, entry, seconds)
            local = _local()
            if local is not None:
                local.set(key, entry, seconds)
        except Exception:
            logger.exception("Could not store a page in the cache")

    @staticmethod
    def applies_to(request: HttpRequest) -> bool:
        # Not the API: its per-client rate limits must count every request, and it
        # answers conditional requests (ETag, 304) and caches its answers itself
        # (ReadOnlyAPIViewSet.cached in sci_portal/api.py).
        return (
            settings.CACHE_MIDDLEWARE_SECONDS > 0
            and not request.path.startswith("/api/")
            and request.method in ("GET", "HEAD")
            and not request.META.get("HTTP_COOKIE")
            and "HTTP_AUTHORIZATION" not in request.META
        )

    @staticmethod
    def storable(request: HttpRequest, response: HttpResponse) -> bool:
        session = getattr(request, "session", None)
        messages = getattr(request, "_messages", None)
        vary = _tokens(response.get("Vary", ""))
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not {"private", "no-store"} & _tokens(response.get("Cache-Control", ""))
            and vary <= {h.lower() for h in KEY_HEADERS} | ABSENT_HEADERS
            # The outer middleware would set a cookie on this response.
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not (session is not None and session.modified)
            and not (messages is not None and getattr(messages, "added_new", False))
        )


class SuccessConditionalGetMiddleware(ConditionalGetMiddleware):
    """Django's ETag and 304 handling, for successful responses only.

    An error (a 400 naming a bad filter, a 404) carries no validator: a client
    must not revalidate an error as if it were the record.
    """

    def needs_etag(self, response: HttpResponse) -> bool:
        return response.status_code == 200 and super().needs_etag(response)
