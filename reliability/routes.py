"""Every URL pattern the resolver knows, each filled with real values from the database.

The checks (headers, XSS, fuzzing, load) cover whatever routes exist, including
ones added after they were written: nothing here lists the portal's pages.
"""

import inspect
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.admin import ModelAdmin
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.regex_helper import normalize

# At most this many candidate URLs are tried to find one that answers for a pattern.
MAX_TRIES = 60


@dataclass
class Route:
    """One URL pattern, with everything needed to build a real URL for it."""

    pattern: str  # readable: "mous/<slug:slug>/"
    name: str | None  # namespaced: "mous:detail"
    format: str  # "mous/%(slug)s/"
    params: list[str]
    converters: dict
    callback: Callable
    model: type[models.Model] | None = None  # the model it shows, where that can be told
    samples: list[str] = field(default_factory=list)

    @property
    def is_admin(self) -> bool:
        return self.format.startswith(settings.ADMIN_URL)

    @property
    def is_api(self) -> bool:
        return self.format.startswith("api/")

    @property
    def is_public(self) -> bool:
        return not self.is_admin

    def url(self, values: dict[str, object]) -> str:
        converted = {}
        for name in self.params:
            value = values[name]
            converter = self.converters.get(name)
            converted[name] = converter.to_url(value) if converter else str(value)
        return "/" + self.format % converted


def _strip_anchor(regex: str) -> str:
    return regex[1:] if regex.startswith("^") else regex


def _model_of(callback: Callable) -> type[models.Model] | None:
    """The model a view shows: admin views, class-based views, DRF viewsets."""
    model_admin = getattr(callback, "model_admin", None)
    if model_admin is None:
        owner = getattr(inspect.unwrap(callback), "__self__", None)
        model_admin = owner if isinstance(owner, ModelAdmin) else None
    if model_admin is not None:
        return model_admin.model
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if view_class is None:
        return None
    model = getattr(view_class, "model", None)
    if model is not None:
        return model
    queryset = getattr(view_class, "queryset", None)
    if queryset is not None:
        return queryset.model
    try:  # get_queryset() of most list and detail views needs no request
        view = view_class()
        view.kwargs, view.args, view.request = {}, (), None
        return view.get_queryset().model
    except Exception:  # any failure only means "model unknown"
        return None


def iter_routes(
    patterns: Iterable | None = None,
    prefix: str = "",
    namespace: str | None = None,
    conv: dict | None = None,
    readable_prefix: str = "",
) -> Iterator[Route]:
    """Walk the URLconf depth-first, yielding one Route per endpoint."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        regex = prefix + _strip_anchor(entry.pattern.regex.pattern)
        readable = readable_prefix + _strip_anchor(str(entry.pattern)).replace("\\Z", "")
        converters = {**(conv or {}), **getattr(entry.pattern, "converters", {})}
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            child_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from iter_routes(entry.url_patterns, regex, child_ns, converters, readable)
        elif isinstance(entry, URLPattern):
            view_class = getattr(entry.callback, "view_class", None) or getattr(
                entry.callback, "cls", None
            )
            if getattr(view_class, "catch_all", False):
                continue  # the 404 for unknown URLs under a prefix, not a route of its own
            fmt, params = normalize(regex)[0]
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield Route(
                pattern="/" + readable.replace("$", ""),
                name=name,
                format=fmt,
                params=list(params),
                converters=converters,
                callback=entry.callback,
                model=_model_of(entry.callback),
            )


def _published(model: type[models.Model]) -> models.QuerySet:
    manager = model._default_manager
    if hasattr(manager, "published"):
        return manager.published()
    return manager.all()


def _project_models() -> list[type[models.Model]]:
    """Models of the portal's own apps (those whose code lives in this repository)."""
    base = str(settings.BASE_DIR)
    return [
        model
        for config in apps.get_app_configs()
        if config.path.startswith(base) and ".venv" not in config.path
        for model in config.get_models()
    ]


def candidate_values(route: Route, param: str) -> list[object]:
    """Real values to try for one URL parameter, the route's own model first."""
    own = route.model
    models_first = ([own] if own else []) + [m for m in _project_models() if m is not own]
    if param == "format":
        return ["json"]
    if param == "app_label":
        return sorted({m._meta.app_label for m in apps.get_models()})
    if param == "content_type_id":
        from django.contrib.contenttypes.models import ContentType

        return [ContentType.objects.get_for_model(m).pk for m in models_first]
    values: list[object] = []
    if param in {"object_id", "pk", "id"} and own is not None:
        values += list(own._default_manager.order_by("pk").values_list("pk", flat=True)[:3])
    for model in models_first:
        names = {f.name for f in model._meta.get_fields()}
        if param in names:
            values += list(_published(model).values_list(param, flat=True)[:MAX_TRIES])
        elif param in {"object_id", "pk", "id"}:
            values += list(_published(model).values_list("pk", flat=True)[:3])
    seen: set = set()
    return [v for v in values if v is not None and not (v in seen or seen.add(v))]


def candidate_urls(route: Route) -> Iterator[str]:
    choices = [candidate_values(route, p) or ["1"] for p in route.params]
    for combo in itertools.islice(itertools.product(*choices), MAX_TRIES):
        yield route.url(dict(zip(route.params, combo, strict=True)))


def sample_url(route: Route, get_status: Callable[[str], int]) -> tuple[str, int]:
    """The first candidate URL that answers below 400 (else the last one tried)."""
    if not route.params:
        url = route.url({})
        return url, get_status(url)
    url, status = "", 0
    for url in candidate_urls(route):
        status = get_status(url)
        if status < 400:
            break
    return url, status
