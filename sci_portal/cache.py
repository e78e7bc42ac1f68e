"""A cache of anonymous public responses, dropped whenever the public record changes.

`PublicCacheMiddleware` answers anonymous GET and HEAD requests from the cache
(`CACHES["default"]`: local memory, or Redis when `CACHE_URL` is set). Entries
are keyed by the full URL with its query string, the request headers the
response varies on, the language, and the record's *version*: a number kept
in the same cache that every save or delete of a meetings, mous or projects
row moves on (see `connect_invalidation`). A new version makes every older
entry unreachable at once; they expire by themselves.

Only requests with no cookies and no Authorization header are cached, so a
signed-in user (who has a session cookie) or a partner with a token never
gets or fills a shared entry. Responses are stored only when they are a plain
200 that sets no cookie and does not say `Cache-Control: private` or
`no-store`. Stored responses carry an ETag, so ConditionalGetMiddleware
answers a matching `If-None-Match` with 304.

The middleware goes last in MIDDLEWARE (settings.py): headers that the outer
middleware add (security headers, CORS, Vary) are added afresh to every
response, and the language is known when the key is made.
"""

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.cache import (
    cc_delim_re,
    get_cache_key,
    has_vary_header,
    learn_cache_key,
    set_response_etag,
)

from meetings.signals import records_changed

logger = logging.getLogger(__name__)

VERSION_KEY = "sci_portal.record_version"
# Saves and deletes in these apps change what the public pages show.
PUBLIC_APPS = frozenset({"meetings", "mous", "projects"})


def _cache():
    return caches[settings.CACHE_MIDDLEWARE_ALIAS]


def record_version() -> int:
    """The current version of the public record (starts at the clock, so never reused)."""
    cache = _cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_record_version() -> None:
    """Make every cached public response stale. Never fails a write: errors are logged."""
    cache = _cache()
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # no version yet, or it was evicted
            cache.set(VERSION_KEY, time.time_ns(), timeout=None)
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


def _directives(response: HttpResponse) -> set[str]:
    header = response.get("Cache-Control", "")
    return {d.split("=")[0].strip().lower() for d in cc_delim_re.split(header) if d}


class PublicCacheMiddleware:
    """Serve and store anonymous GET responses, keyed by URL and record version."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.applies_to(request):
            return self.get_response(request)
        try:
            cache = _cache()
            prefix = f"{settings.CACHE_MIDDLEWARE_KEY_PREFIX}.v{record_version()}"
            key = get_cache_key(request, prefix, "GET", cache=cache)
            cached = cache.get(key) if key else None
        except Exception:
            logger.exception("Page cache unavailable; answering without it")
            return self.get_response(request)
        if cached is not None:
            cached["X-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if request.method == "GET" and self.storable(request, response):
            if not response.has_header("ETag"):
                set_response_etag(response)
            timeout = settings.CACHE_MIDDLEWARE_SECONDS
            try:
                key = learn_cache_key(request, response, timeout, prefix, cache=cache)
                cache.set(key, response, timeout)
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
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not {"private", "no-store"} & _directives(response)
            and not has_vary_header(response, "*")
            # The outer middleware would set a cookie on this response.
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not (session is not None and session.modified)
            and not (messages is not None and getattr(messages, "added_new", False))
        )
