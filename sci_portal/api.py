"""What every endpoint of the partners' API shares, and the one router under /api/v1/.

The apps' viewsets build on ReadOnlyAPIViewSet: throttles, pagination, CSV,
conditional requests and public caching. These are set on the views rather than
as REST_FRAMEWORK defaults, which DRF imports while defining its own views. The
apps register their viewsets on `router` in sci_portal/urls.py (registering
here would import the apps, which import this module).
"""

import csv
import datetime
import functools
import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django import forms
from django.conf import settings
from django.core import validators
from django.core.cache import caches
from django.core.exceptions import FieldDoesNotExist
from django.db.backends.base.operations import BaseDatabaseOperations
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.crypto import salted_hmac
from django.utils.http import http_date, parse_etags, quote_etag
from django.utils.text import slugify
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import renderers, routers, serializers, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from rest_framework.views import APIView

from .models import RecordVersion

logger = logging.getLogger(__name__)

# Shared caches may keep a response this long; conditional requests revalidate it cheaply.
CACHE_SECONDS = 60
# Part of every ETag: change it when a release changes what the representations say.
REPRESENTATION_VERSION = "2"


class Pagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    # A larger page_size is served at this cap rather than refused.
    max_page_size = 100
    page_query_description = "A page number, from 1. A page past the last is 404."
    page_size_query_description = (
        "Results per page: 25 by default, at most 100 (a larger page_size is served 100 a "
        "page). Anything but a whole number from 1 is a 400."
    )

    def get_page_size(self, request) -> int:
        """The page size asked for, capped; a value that is not one is refused (400), not
        quietly replaced by the default."""
        raw = request.query_params.get(self.page_size_query_param, "")
        if raw == "":
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if size < 1:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        f"“{raw[:40]}” is not a page size: give a whole number from 1 "
                        f"(at most {self.max_page_size} are served a page)."
                    ]
                }
            )
        return min(size, self.max_page_size)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        # No maximum for page_size: above the cap is served at the cap, not refused.
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters

    def get_paginated_response_schema(self, schema: dict) -> dict:
        paginated = super().get_paginated_response_schema(schema)
        paginated["required"] = ["count", "next", "previous", "results"]
        described = {
            "count": "How many records match, over all pages.",
            "next": "The next page's URL, with the same query; null on the last page.",
            "previous": "The previous page's URL; null on the first page.",
            "results": "This page's records.",
        }
        for name, description in described.items():
            paginated["properties"][name]["description"] = description
        return paginated


class SettingsRate:
    """Reads the rate (from the environment, through settings) at each request, so a
    changed REST_FRAMEWORK setting applies at once."""

    scope: str

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]


class AnonThrottle(SettingsRate, AnonRateThrottle):
    """Anonymous reads, per client IP address (API_THROTTLE_ANON)."""

    scope = "anon"


class PartnerThrottle(SettingsRate, UserRateThrottle):
    """Reads with a partner's API token, per token holder (API_THROTTLE_PARTNER)."""

    scope = "partner"

    def get_cache_key(self, request, view) -> str | None:
        if not (request.user and request.user.is_authenticated):
            return None  # AnonThrottle limits anonymous reads.
        return super().get_cache_key(request, view)


class _Echo:
    """A file-like object whose write() hands back the line csv.writer formats."""

    def write(self, value: str) -> str:
        return value


def pluck(data: Any, path: str) -> Any:
    """The value at a dotted path in a representation; through a list, one value per item."""
    head, _, rest = path.partition(".")
    if isinstance(data, list):
        return [pluck(item, path) for item in data]
    value = data.get(head) if isinstance(data, dict) else None
    return pluck(value, rest) if rest and value is not None else value


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(csv_cell(item) for item in value)
    return str(value)


def csv_lines(columns: Iterable[str], rows: Iterable[dict]) -> Iterator[str]:
    """A header line, then one line per representation, lazily."""
    columns = list(columns)
    writer = csv.writer(_Echo())
    yield writer.writerow(columns)
    for row in rows:
        yield writer.writerow([csv_cell(pluck(row, column)) for column in columns])


class CSVRenderer(renderers.BaseRenderer):
    """`format=csv`: one row per record, the columns the view's `csv_fields` name.

    Lists do not come through here: ReadOnlyAPIViewSet.list streams them.
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> str:
        view = (renderer_context or {})["view"]
        rows = data if isinstance(data, list) else [data]
        return "".join(csv_lines(view.csv_fields, rows))


def _validators(request) -> tuple[str, datetime.datetime | None]:
    # The ETag and Last-Modified of this request's answer: one query for both.
    if not hasattr(request, "_sci_validators"):
        # Related records are nested in every representation: any change anywhere
        # (a save, a delete, a bulk load) moves the one version of the whole record.
        number, latest = RecordVersion.current()
        key = "|".join(
            [
                REPRESENTATION_VERSION,
                # Labels follow Accept-Language (NegotiatedLanguageMiddleware).
                translation.get_language(),
                str(number),
                request.accepted_renderer.format,
                # Scheme and host too: representations hold absolute URLs.
                request.build_absolute_uri(),
            ]
        )
        # Keyed with SECRET_KEY, so that no client can make up the ETag of an answer
        # it was never sent (a 304 on a matching ETag relies on it).
        digest = salted_hmac("sci_portal.api.etag", key, algorithm="sha256").hexdigest()
        request._sci_validators = (quote_etag(digest[:40]), latest)
    return request._sci_validators


def etag(request, *args, **kwargs) -> str:
    return _validators(request)[0]


def last_modified(request, *args, **kwargs) -> datetime.datetime | None:
    return _validators(request)[1]


def _sent_this_etag(request) -> bool:
    """Whether If-None-Match holds the ETag of this request's answer as it is now."""
    sent = parse_etags(request.META.get("HTTP_IF_NONE_MATCH", ""))
    return etag(request) in {tag.removeprefix("W/") for tag in sent}


def conditional(action: Callable) -> Callable:
    """Validators, public caching and 304s for a viewset's list or retrieve.

    A 304 stands for a 200, so preconditions are weighed only on a successful answer
    (RFC 9110, 13.2.1): a missing record, a malformed filter or a page past the last
    is answered as such whatever If-None-Match: * or If-Modified-Since says. The one
    shortcut is the common case, If-None-Match with the current ETag: an ETag is only
    ever sent with a 200, and names the record version and the whole request, so the
    same request now would be a 200 again. It is answered without the record's
    queries. Errors are raised before any header is set: they carry none of these.
    """

    @functools.wraps(action)
    def answer(self, request, *args, **kwargs):
        latest = last_modified(request)
        validators = {
            "etag": etag(request),
            "last_modified": int(latest.timestamp()) if latest else None,
        }
        response = None
        if _sent_this_etag(request):
            response = get_conditional_response(request, **validators)
        if response is None:
            response = action(self, request, *args, **kwargs)
            if response.status_code != 200:
                return response
            response = get_conditional_response(request, **validators, response=response)
        response.headers.setdefault("ETag", validators["etag"])
        if latest and not response.has_header("Last-Modified"):
            response.headers["Last-Modified"] = http_date(validators["last_modified"])
        patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        return response

    return answer


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(read_only=True, help_text="What went wrong.")


FILTER_ERRORS = {
    "type": "object",
    "description": "Each malformed query parameter, with what is wrong with its value.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


def form_field_limits(field: forms.Field) -> dict[str, Any]:
    """The OpenAPI keywords for what a form field refuses: bounds, lengths, a pattern."""
    limits: dict[str, Any] = {}
    if isinstance(field, forms.IntegerField) and not isinstance(
        field, (forms.DecimalField, forms.FloatField)
    ):
        limits["type"] = "integer"
    # The tightest of each kind: django-filter adds a loose maximum (1e50) of its own.
    keywords = {
        validators.MinValueValidator: ("minimum", max),
        validators.MaxValueValidator: ("maximum", min),
        validators.MinLengthValidator: ("minLength", max),
        validators.MaxLengthValidator: ("maxLength", min),
    }
    for validator in field.validators:
        if type(validator) in keywords:
            keyword, tightest = keywords[type(validator)]
            limit = validator.limit_value
            limits[keyword] = tightest(limits.get(keyword, limit), limit)
        elif type(validator) is validators.RegexValidator and not (
            validator.inverse_match or validator.flags
        ):
            limits["pattern"] = validator.regex.pattern
        elif isinstance(validator, validators.ProhibitNullCharactersValidator):
            # Every text field refuses a NUL character (PostgreSQL cannot store one).
            limits.setdefault("pattern", "^[^\\x00]*$")
    return limits


class FilterLimitsExtension(DjangoFilterExtension):
    """django-filter's parameters, with the limits their form fields enforce.

    A malformed value is a 400: the schema says which values are well formed. Set
    on the parameter's schema after the built-in extension has described it
    (an @extend_schema_field on the filter would drop its help_text).
    """

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        limits = form_field_limits(filter_field.field)
        for parameter in parameters:
            schema = parameter["schema"]
            (schema["items"] if schema.get("type") == "array" else schema).update(limits)
        return parameters


def column_range(field: serializers.IntegerField) -> tuple[int, int] | None:
    """The range of the model column behind an integer field, as PostgreSQL (production)
    stores it: Django gives SQLite 64 bits for every integer column, and the committed
    schema must not depend on the database that generated it."""
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or not field.source or "." in field.source:
        return None
    try:
        column = model._meta.get_field(field.source)
    except FieldDoesNotExist:
        return None
    return BaseDatabaseOperations.integer_field_ranges.get(column.get_internal_type())


class APISchema(AutoSchema):
    """Documents what every API operation shares: formats, caching headers, errors."""

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if isinstance(field, serializers.IntegerField) and (bounds := column_range(field)):
            low, high = bounds
            if "minimum" in schema:
                schema["minimum"] = max(schema["minimum"], low)
            if "maximum" in schema:
                schema["maximum"] = min(schema["maximum"], high)
            if schema.get("minimum", 0) >= -(2**31) and schema.get("maximum", 0) < 2**31:
                schema.pop("format", None)
        return schema

    def _lists(self) -> bool:
        return getattr(self.view, "action", None) == "list"

    def get_override_parameters(self):
        list_formats = "json (default) or csv: every matching row, unpaginated, as CSV"
        columns = ", ".join(getattr(self.view, "csv_fields", ()))
        lookup = []
        if not self._lists() and getattr(self.view, "lookup_description", None):
            lookup.append(
                OpenApiParameter(
                    self.view.lookup_field,
                    {"type": "integer", "minimum": 1} if self.view.lookup_type is int else str,
                    OpenApiParameter.PATH,
                    required=True,
                    description=self.view.lookup_description,
                    pattern=None
                    if self.view.lookup_type is int
                    else f"^{self.view.lookup_value_regex}$",
                )
            )
        return [
            *super().get_override_parameters(),
            *lookup,
            OpenApiParameter(
                "format",
                str,
                enum=["json", "csv"],
                description=(
                    f"{list_formats if self._lists() else 'json (default) or csv'}. "
                    f"CSV columns: {columns}. Lists in a cell are joined by '; '."
                ),
            ),
            OpenApiParameter(
                "If-None-Match",
                str,
                OpenApiParameter.HEADER,
                description="An ETag from an earlier response: 304 if nothing changed since.",
            ),
            OpenApiParameter(
                "If-Modified-Since",
                str,
                OpenApiParameter.HEADER,
                description="An HTTP date: 304 if nothing changed since.",
            ),
            OpenApiParameter(
                "ETag",
                str,
                OpenApiParameter.HEADER,
                response=[200],
                description="Changes whenever the response would; send it back in If-None-Match.",
            ),
            OpenApiParameter(
                "Last-Modified",
                str,
                OpenApiParameter.HEADER,
                response=[200],
                description="When the published record last changed.",
            ),
            OpenApiParameter(
                "Retry-After",
                int,
                OpenApiParameter.HEADER,
                response=[429],
                description="Seconds to wait before the next request.",
            ),
        ]

    def get_response_serializers(self):
        serializer = super().get_response_serializers()
        found = "The records asked for." if self._lists() else "The record."
        # Keyed by (status, media type) throughout, as spectacular takes the lowest
        # key for the main response.
        responses = {
            (200, "application/json"): OpenApiResponse(serializer, found),
            # Rewritten to text by csv_as_text.
            (200, CSVRenderer.media_type): OpenApiResponse(serializer, found),
            (304, "application/json"): OpenApiResponse(
                None, "Not modified since the ETag or date the request sent."
            ),
            (401, "application/json"): OpenApiResponse(
                ErrorSerializer, "The API token is unknown or has been revoked."
            ),
            (404, "application/json"): OpenApiResponse(
                ErrorSerializer,
                "A page past the last." if self._lists() else "No published record here.",
            ),
            (429, "application/json"): OpenApiResponse(
                ErrorSerializer, "Too many requests: wait Retry-After seconds."
            ),
        }
        if self._lists():
            responses[(400, "application/json")] = OpenApiResponse(
                FILTER_ERRORS, "A filter's value is malformed."
            )
        return responses


def csv_as_text(result, generator, **kwargs):
    """Spectacular hook: a text/csv body is CSV text, not the JSON schema of the record."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for response in operation.get("responses", {}).values():
                if "text/csv" in response.get("content", {}):
                    response["content"]["text/csv"] = {
                        "schema": {"type": "string", "description": "CSV with a header row."}
                    }
    return result


THROTTLES = [AnonThrottle, PartnerThrottle]


class ReadOnlyAPIViewSet(viewsets.ReadOnlyModelViewSet):
    """List and detail of one kind of published record, as JSON or CSV."""

    throttle_classes = THROTTLES
    pagination_class = Pagination
    renderer_classes = [renderers.JSONRenderer, CSVRenderer]
    schema = APISchema()
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    lookup_type: type = str
    lookup_description = "The record's slug, as its `slug` field gives it."
    # Dotted paths into the representation: the CSV's columns, in order.
    csv_fields: tuple[str, ...] = ()

    def filter_queryset(self, queryset):
        # A record is found by its key alone: the list's filters (`?phase=x` on a
        # project's URL) neither hide it nor make its URL a 400.
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    # Rows serialized per round of queries while a CSV streams.
    csv_chunk_size = 200

    @conditional
    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format != CSVRenderer.format:
            return self.cached(request, super().list, *args, **kwargs)
        # Filtering first: a malformed filter is a 400 before any CSV is sent.
        queryset = self.filter_queryset(self.get_queryset())
        rows = (
            self.get_serializer(record).data
            for record in queryset.iterator(chunk_size=self.csv_chunk_size)
        )
        filename = slugify(queryset.model._meta.verbose_name_plural)
        return StreamingHttpResponse(
            csv_lines(self.csv_fields, rows),
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'},
        )

    @conditional
    def retrieve(self, request, *args, **kwargs):
        return self.cached(request, super().retrieve, *args, **kwargs)

    def cached(self, request, handler, *args, **kwargs) -> HttpResponse:
        """The handler's answer, kept rendered in the cache under the request's ETag.

        The ETag names the record version, the URL with its query and host, the
        format and the language: a change to any record makes a new one, so an
        entry is never served stale (old ones expire). Throttling has run before
        this. Only successful answers are kept, as the bytes sent: a hit neither
        serializes nor renders, and stands for a 200 that `conditional` may then
        answer with a 304; a request that fails lookup or validation never hits.
        """
        seconds = settings.CACHE_MIDDLEWARE_SECONDS
        if seconds <= 0:
            return handler(request, *args, **kwargs)
        cache = caches[settings.CACHE_MIDDLEWARE_ALIAS]
        key = "api." + etag(request).strip('"')
        try:
            entry = cache.get(key)
        except Exception:
            logger.exception("API cache unavailable; answering without it")
            return handler(request, *args, **kwargs)
        if entry is not None:
            content, content_type = entry
            return HttpResponse(content, content_type=content_type, headers={"X-Cache": "hit"})
        response = handler(request, *args, **kwargs)
        if response.status_code == 200:
            # What finalize_response would set, so that the answer renders now.
            response.accepted_renderer = request.accepted_renderer
            response.accepted_media_type = request.accepted_media_type
            response.renderer_context = self.get_renderer_context()
            response.render()
            try:
                cache.set(key, (response.content, response["Content-Type"]), seconds)
            except Exception:
                logger.exception("Could not store an API response in the cache")
            response["X-Cache"] = "miss"
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        # Errors are JSON whatever format was asked for: a CSV of an error helps nobody.
        if getattr(response, "exception", False):
            request.accepted_renderer = renderers.JSONRenderer()
            request.accepted_media_type = renderers.JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


class NotFoundView(APIView):
    """Any other URL under /api/ that ends in a slash: a JSON 404, like the API's own."""

    throttle_classes = THROTTLES
    schema = None
    # Route walkers (reliability/routes.py) skip it: it is no page, only the 404 for any other URL.
    catch_all = True

    def get(self, request, *args, **kwargs):
        raise NotFound()


class APIRootView(routers.APIRootView):
    """The API's endpoints, by name."""

    throttle_classes = THROTTLES


class Router(routers.DefaultRouter):
    """The /api/v1/ router; its root lists the endpoints."""

    APIRootView = APIRootView
    include_format_suffixes = False  # `format=csv` instead: one URL per resource.


router = Router()
