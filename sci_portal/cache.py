"""A cache of anonymous public responses, dropped whenever the public record changes.

`PublicCacheMiddleware` answers anonymous GET and HEAD requests from the cache
(`CACHES["default"]`: local memory, or Redis when `CACHE_URL` is set). An
entry is keyed by the full URL with its query string and the request headers
that public responses vary on (`KEY_HEADERS`: content negotiation, language,
CORS origin), and holds the response with the *record version* it was made
at. The version is a number in the same cache that every save or delete of a
meetings, mous or projects row moves on (`record_changed`); an entry made at
an older version is never served, so a publish, change or unpublish shows at
once on every app server that shares the cache. A hit costs one cache round
trip: the version and the entry are read together.

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
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.cache import cc_delim_re, set_response_etag

from meetings.signals import records_changed

logger = logging.getLogger(__name__)

VERSION_KEY = "sci_portal.record_version"
# Saves and deletes in these apps change what the public pages show.
PUBLIC_APPS = frozenset({"meetings", "mous", "projects"})
# Request headers a public response may vary on; each is part of the key.
KEY_HEADERS = ("Accept", "Accept-Language", "Accept-Encoding", "Origin")
# A cached request has neither, so a response varying on them is the same for all.
ABSENT_HEADERS = frozenset({"cookie", "authorization"})


def _cache():
    return caches[settings.CACHE_MIDDLEWARE_ALIAS]


def new_version() -> int:
    """A version no earlier one can equal: the clock, in nanoseconds."""
    return time.time_ns()


def record_version() -> int:
    """The current version of the public record."""
    cache = _cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, new_version(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_record_version() -> None:
    """Make every cached public response stale. Never fails a write: errors are logged."""
    cache = _cache()
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # no version yet, or it was evicted
            cache.set(VERSION_KEY, new_version(), timeout=None)
    except Exception:
        logger.exception("Could not invalidate the page cache")


def record_changed(sender, **kwargs) -> None:
    """Signal receiver: a row of a public app was saved, deleted or re-linked."""
    meta = getattr(sender, "_meta", None)
    if meta is not None and meta.app_label not in PUBLIC_APPS:
        return
    if kwargs.get("action", "post_").startswith("pre_"):
        return  # m2m_changed fires before and after; the "post_" one is enough
    # Now, so that later requests in this transaction see the change, and again
    # on commit, so that a request that read the old rows while the transaction
    # was open cannot have stored them under the new version.
    bump_record_version()
    transaction.on_commit(bump_record_version, using=kwargs.get("using"))


def connect_invalidation() -> None:
    for signal in (post_save, post_delete, m2m_changed, records_changed):
        signal.connect(record_changed, dispatch_uid="sci_portal.cache.record_changed")


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
            found = _cache().get_many([VERSION_KEY, key])
            version = found.get(VERSION_KEY) or record_version()
        except Exception:
            logger.exception("Page cache unavailable; answering without it")
            return self.get_response(request)
        entry = found.get(key)
        if entry is not None and entry[0] == version:
            response = entry[1]
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if request.method == "GET" and self.storable(request, response):
            if not response.has_header("ETag"):
                set_response_etag(response)
            try:
                _cache().set(key, (version, response), settings.CACHE_MIDDLEWARE_SECONDS)
            except Exception:
                logger.exception("Could not store a page in the cache")
            response["X-Cache"] = "miss"
        return response

    @staticmethod
    def applies_to(request: HttpRequest) -> bool:
        return (
            settings.CACHE_MIDDLEWARE_SECONDS > 0
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
