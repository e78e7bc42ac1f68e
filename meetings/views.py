"""The JIC meeting pages, and what every public list and record page shares.

Lists narrow their rows with the app's FilterSet, show how many rows each
choice of a facet would give, paginate without losing the filters, and export
every matching row as CSV or JSON. Record pages show drafts to staff only.

Exports are data: their columns and values are the same whichever language the
page is in (English labels, the English pages' permalinks), so a file downloaded
from a Chinese page reads like one from an English page.
"""

import csv
import dataclasses
import datetime
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import Any

import django_filters
from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
    QueryDict,
    StreamingHttpResponse,
)
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy
from django.views.generic import DetailView, ListView

from .filters import MeetingFilter
from .models import Meeting, Source, Status

Column = tuple[str, Callable[[Any], Any]]

PUBLISHED = Status.PUBLISHED


def long_date(value: datetime.date) -> str:
    """A full date in the active language: 25 November 2022, 2022年11月25日."""
    return formats.date_format(value, "DATE_FORMAT")


def count_of(related: QuerySet, field: str) -> Coalesce:
    """A correlated subquery counting `related` rows whose `field` is the outer row.

    Used instead of Count() over joins so several counts on one list neither
    multiply each other nor need a GROUP BY over full-text annotations.
    """
    counted = (
        related.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(counted), Value(0))


def citation_text(
    *,
    title: str,
    permalink: str,
    parties: Iterable[str] = (),
    date: str = "",
    source: Source | None = None,
    retrieved: datetime.date | None = None,
) -> str:
    """A ready-to-paste citation: who, what, when, from which release, where and when read."""
    parts = []
    names = [name for name in parties if name]
    if names:
        parts.append(_("%(parties)s.") % {"parties": _("; ").join(names)})
    parts.append(_("“%(title)s”.") % {"title": title})
    if date:
        parts.append(_("%(date)s.") % {"date": date})
    if source is not None:
        parts.append(
            _("%(publisher)s, “%(title)s”, %(date)s.")
            % {
                "publisher": source.publisher,
                "title": source.title,
                "date": long_date(source.published_on),
            }
        )
    retrieved = retrieved or timezone.localdate()
    parts.append(
        _("SCI Portal, %(permalink)s (retrieved %(date)s).")
        % {"permalink": permalink, "date": long_date(retrieved)}
    )
    return " ".join(parts)


@dataclasses.dataclass
class FacetChoice:
    value: str
    label: str
    count: int
    # "en" when the label is a record's English name on a page in another language.
    lang: str = ""


class FacetSelect(forms.Select):
    """A facet's select; an option whose label is English on a Chinese page says so (lang)."""

    english_values: frozenset[str] = frozenset()

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if str(value) in self.english_values:
            option["attrs"]["lang"] = "en"
        return option


@dataclasses.dataclass
class Facet:
    """One filter's choices, each with how many rows it would give under the other filters."""

    name: str
    noun: str
    any_label: str
    choices: list[FacetChoice]
    selected: str = ""
    remove_url: str = ""

    @property
    def selected_choice(self) -> FacetChoice | None:
        wanted = self.selected.casefold()
        return next((c for c in self.choices if c.value.casefold() == wanted), None)

    @property
    def unknown(self) -> bool:
        """A value was asked for that no published record has."""
        return bool(self.selected) and self.selected_choice is None


def _as_choice_value(value: Any) -> str:
    return "" if value is None else str(value)


def _noun(label: str) -> str:
    """A label as a noun in a sentence: "Area" -> "area", "JIC meeting" stays."""
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


class _Echo:
    """A file-like object for csv.writer that hands each line back instead of storing it."""

    def write(self, value: str) -> str:
        return value


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


class FilteredListView(ListView):
    """A public list narrowed by its FilterSet, with facet counts, pagination and exports.

    The same view serves the page and, with `export="csv"` or `export="json"`,
    every row matching the same parameters as a download. Parameters the
    FilterSet rejects, or a page that does not exist, give the page with a
    message and a 400 status.
    """

    # A list without filters of its own still offers its exports through the bare FilterSet.
    filterset_class: type[django_filters.FilterSet] = django_filters.FilterSet
    # Filter parameter -> the "any" choice's label, for filters shown as facets.
    facets: dict[str, str] = {}
    export: str | None = None
    export_name = "records"
    export_columns: tuple[Column, ...] = ()
    # Export rows are fetched in chunks; each chunk costs one query per prefetch.
    export_chunk_size = 2000
    paginate_by = 25
    noun = pgettext_lazy("count noun", "record")
    noun_plural = pgettext_lazy("count noun", "records")
    # Labels for the ordering choices; the FilterSet's own label where absent.
    ordering_labels: dict[str, str] = {}

    def published(self) -> QuerySet:
        """The published rows the list may show, with what it displays of them."""
        raise NotImplementedError

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if self.export is None and any(v == "" for v in request.GET.values()):
            # Keep shared URLs short: drop the empty fields a submitted form sends.
            kept = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                kept.setlist(key, [v for v in values if v != ""])
            query = kept.urlencode()
            return HttpResponseRedirect(request.path + (f"?{query}" if query else ""))
        self.filterset = self.filterset_class(
            request.GET, queryset=self.published(), request=request
        )
        # Before validation: bound fields keep the label and help text they were made with.
        self.prepare_form(self.filterset.form)
        self.input_errors: list[tuple[str, str, str]] = []
        if not self.filterset.is_valid():
            form = self.filterset.form
            for name, messages in self.filterset.errors.items():
                label = str(form.fields[name].label) if name in form.fields else name
                for message in messages:
                    self.input_errors.append((form[name].id_for_label, label, message))
        if self.export:
            return self.export_response()
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet:
        if self.input_errors:
            return self.filterset.queryset.none()
        return self.filterset.qs

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.page(self._page_number(paginator))
        return paginator, page, page.object_list, page.has_other_pages()

    def _page_number(self, paginator: Paginator) -> int:
        raw = self.request.GET.get(self.page_kwarg, "1")
        try:
            number = int(raw)
        except ValueError:
            number = 0
        if self.input_errors:
            return 1  # the filters are wrong already: no page of theirs to check
        if number < 1:
            message = _("“%(value)s” is not a page number: pages are 1, 2, 3…")
            self.input_errors.append(("", _("Page"), message % {"value": raw[:40]}))
            return 1
        if number > paginator.num_pages:
            message = ngettext(
                "There is no page %(number)s: these results fill %(pages)s page.",
                "There is no page %(number)s: these results fill %(pages)s pages.",
                paginator.num_pages,
            )
            self.input_errors.append(
                ("", _("Page"), message % {"number": number, "pages": paginator.num_pages})
            )
            return 1
        return number

    def render_to_response(self, context, **response_kwargs):
        if self.input_errors or context.get("unknown_choices"):
            response_kwargs.setdefault("status", 400)
        return super().render_to_response(context, **response_kwargs)

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        facets = self.get_facets()
        self.show_facet_choices(self.filterset.form, facets)
        paginator = context["paginator"]
        namespace = self.request.resolver_match.namespace
        export_query = self._query(without=(self.page_kwarg,))
        context.update(
            filter=self.filterset,
            facets={facet.name: facet for facet in facets},
            # Well-formed values that name nothing on record (malformed ones are input errors).
            unknown_choices=[
                facet
                for facet in facets
                if facet.unknown and facet.name not in self.filterset.errors
            ],
            input_errors=self.input_errors,
            result_count=paginator.count,
            page_range=paginator.get_elided_page_range(context["page_obj"].number),
            noun=self.noun,
            noun_plural=self.noun_plural,
            active_filters=self.active_filters(facets),
            export_csv_url=reverse(f"{namespace}:export_csv") + export_query,
            export_json_url=reverse(f"{namespace}:export_json") + export_query,
        )
        return context

    def _query(self, without: Iterable[str] = ()) -> str:
        params = self.request.GET.copy()
        for key in without:
            params.pop(key, None)
        query = params.urlencode()
        return f"?{query}" if query else ""

    # Facets --------------------------------------------------------------

    def get_facets(self) -> list[Facet]:
        """One query per facet: its choices counted over the rows the other filters leave."""
        form = self.filterset.form
        bad = set(self.filterset.errors)
        facets = []
        for name, any_label in self.facets.items():
            data = self.request.GET.copy()
            for key in {name, self.page_kwarg, "ordering", *bad}:
                data.pop(key, None)
            # The rows the other filters leave (a queryset of the list's model).
            others = self.filterset_class(data, queryset=self.published()).qs
            cleaned = getattr(form, "cleaned_data", {}).get(name)
            selected = (
                _as_choice_value(cleaned) if name not in bad else self.request.GET.get(name, "")
            )
            facets.append(
                Facet(
                    name=name,
                    noun=_noun(str(form.fields[name].label)),
                    any_label=any_label,
                    choices=getattr(self, f"facet_{name}")(others),
                    selected=selected,
                    remove_url=self.request.path + self._query(without=(name, self.page_kwarg)),
                )
            )
        return facets

    def chosen(self, name: str) -> str:
        """The value asked for filter `name` if it is valid (it may reach SQL), else ""."""
        return "" if name in self.filterset.errors else self.request.GET.get(name, "")

    def prepare_form(self, form: forms.Form) -> None:
        """Suit each input to its data: facets become selects, dates date pickers."""
        form.label_suffix = ""
        for name, field in form.fields.items():
            if name in self.facets:
                field.widget = FacetSelect()
                field.help_text = ""
            elif isinstance(field, forms.DateField):
                field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
                field.help_text = ""
            elif name == "q":
                field.widget = forms.TextInput(attrs={"type": "search"})
            elif name == "ordering":
                field.label = _("Sort by")
                field.help_text = ""
                labels = self.ordering_labels
                field.widget.choices = [(v, labels.get(v, label)) for v, label in field.choices]

    def show_facet_choices(self, form: forms.Form, facets: list[Facet]) -> None:
        """Each facet's select offers its choices with how many rows each would give."""
        for facet in facets:
            # The widget only: the field's own choices still validate the input.
            widget = form.fields[facet.name].widget
            widget.choices = [("", facet.any_label)] + [
                (c.value, _("%(label)s (%(count)s)") % {"label": c.label, "count": c.count})
                for c in facet.choices
            ]
            widget.english_values = frozenset(c.value for c in facet.choices if c.lang == "en")

    def active_filters(self, facets: list[Facet]) -> list[dict[str, str]]:
        """The filters in force, each with a link that removes it."""
        by_name = {facet.name: facet for facet in facets}
        form = self.filterset.form
        active = []
        for name in form.fields:
            value = self.request.GET.get(name, "")
            if not value or name == "ordering":
                continue
            choice = by_name[name].selected_choice if name in by_name else None
            active.append(
                {
                    "label": str(form.fields[name].label),
                    "value": choice.label if choice else value,
                    "lang": choice.lang if choice else "",
                    "remove": self.request.path + self._query(without=(name, self.page_kwarg)),
                }
            )
        return active

    # Exports -------------------------------------------------------------

    def export_rows(self) -> Iterator[Any]:
        return self.filterset.qs.iterator(chunk_size=self.export_chunk_size)

    def export_lines(self, columns: tuple[Column, ...]) -> Iterator[list[Any]]:
        """Each row's cells, made in English whatever the page's language (exports are data)."""
        with translation.override("en"):
            for row in self.export_rows():
                yield [get(row) for _header, get in columns]

    def export_response(self) -> HttpResponse:
        stamp = timezone.localdate().isoformat()
        filename = f"sci-portal-{self.export_name}-{stamp}.{self.export}"
        disposition = {"Content-Disposition": f'attachment; filename="{filename}"'}
        if self.input_errors:
            errors = {label: message for _field, label, message in self.input_errors}
            if self.export == "json":
                return JsonResponse({"errors": errors}, status=400)
            text = "".join(f"{label}: {message}\n" for label, message in errors.items())
            return HttpResponse(text, status=400, content_type="text/plain; charset=utf-8")
        columns = self.get_export_columns()
        headers = [header for header, _ in columns]
        if self.export == "json":
            results = [dict(zip(headers, line, strict=True)) for line in self.export_lines(columns)]
            return JsonResponse(
                {"count": len(results), "results": results},
                json_dumps_params={"ensure_ascii": False, "indent": 1},
                headers=disposition,
            )
        writer = csv.writer(_Echo())
        lines = ([_csv_cell(cell) for cell in line] for line in self.export_lines(columns))
        return StreamingHttpResponse(
            (writer.writerow(line) for line in chain([headers], lines)),
            content_type="text/csv; charset=utf-8",
            headers=disposition,
        )

    def get_export_columns(self) -> tuple[Column, ...]:
        """The list's columns, then each row's permalink."""

        def permalink(row) -> str:
            return self.request.build_absolute_uri(row.get_absolute_url())

        return (*self.export_columns, ("url", permalink))


class RecordDetailView(DetailView):
    """A record's page: published records for everyone, drafts for staff who may view them.

    A draft is shown only to staff with the model's view permission (the
    Editor and Publisher roles); it carries a banner (the template checks
    `object.is_published`) and is never stored by caches.
    """

    def get_queryset(self) -> QuerySet:
        manager = self.model._default_manager
        records = manager.all() if self.may_preview_drafts() else manager.published()
        return self.with_related(records)

    def may_preview_drafts(self) -> bool:
        user = self.request.user
        opts = self.model._meta
        return user.is_staff and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")

    def with_related(self, records: QuerySet) -> QuerySet:
        return records

    def citation(self, permalink: str) -> str:
        raise NotImplementedError

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        permalink = self.request.build_absolute_uri(self.object.get_absolute_url())
        context.update(permalink=permalink, citation=self.citation(permalink))
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if not self.object.is_published:
            patch_cache_control(response, private=True, no_store=True)
        return response


def with_sources(model: type) -> Prefetch:
    """A record's citations with their sources, in one query."""
    citations = model._meta.get_field("citations").related_model
    return Prefetch("citations", queryset=citations.objects.select_related("source"))


def first_source(record) -> Source | None:
    """The earliest source cited for a record (its citations are prefetched)."""
    citations = list(record.citations.all())
    return citations[0].source if citations else None


# The meeting pages ---------------------------------------------------------


def all_related(model: type, name: str) -> QuerySet:
    """Every row, draft or published, a reverse relation (`Meeting.mous`…) leads to."""
    return model._meta.get_field(name).related_model._default_manager.all()


def published_related(model: type, name: str) -> QuerySet:
    """The published rows a reverse relation (`Meeting.mous`…) leads to.

    Found through the relation's name, so this app shows what the apps built on
    it attach to a meeting without importing them (meetings <- mous <- projects).
    """
    return model._meta.get_field(name).related_model.objects.published()


def _co_chairs(meeting: Meeting) -> str:
    return "; ".join(f"{c.name}, {c.title}" for c in meeting.co_chairs.all())


class MeetingListView(FilteredListView):
    noun = pgettext_lazy("count noun", "meeting")
    noun_plural = pgettext_lazy("count noun", "meetings")
    template_name = "meetings/meeting_list.html"
    context_object_name = "meetings"
    filterset_class = MeetingFilter
    paginate_by = 50
    export_name = "meetings"
    export_columns = (
        ("ordinal", lambda m: m.ordinal),
        ("meeting", str),
        ("date", lambda m: m.date_iso),
        ("place", lambda m: m.place or None),
        ("co_chairs", _co_chairs),
        ("mous_recorded", lambda m: m.mou_count),
        ("projects_recorded", lambda m: m.project_count),
        ("stated_mou_total", lambda m: m.stated_mou_total),
        ("stated_project_total", lambda m: m.stated_project_total),
    )
    ordering_labels = {
        "": gettext_lazy("First meeting first (default)"),
        "ordinal": gettext_lazy("First meeting first"),
        "-ordinal": gettext_lazy("Latest meeting first"),
        "date": gettext_lazy("Date, earliest first"),
        "-date": gettext_lazy("Date, latest first"),
    }

    def published(self) -> QuerySet:
        return (
            Meeting.objects.published()
            .annotate(
                mou_count=count_of(published_related(Meeting, "mous"), "meeting"),
                project_count=count_of(published_related(Meeting, "projects"), "meeting"),
            )
            .prefetch_related("co_chairs")
        )


class MeetingDetailView(RecordDetailView):
    model = Meeting
    template_name = "meetings/meeting_detail.html"
    context_object_name = "meeting"
    slug_field = "ordinal"
    slug_url_kwarg = "ordinal"

    def with_related(self, records: QuerySet) -> QuerySet:
        return records.prefetch_related(
            "co_chairs",
            with_sources(Meeting),
            Prefetch(
                "mous",
                queryset=published_related(Meeting, "mous").with_related(),
                to_attr="signed",
            ),
            Prefetch(
                "projects",
                queryset=published_related(Meeting, "projects").with_related(),
                to_attr="launched",
            ),
        )

    def citation(self, permalink: str) -> str:
        meeting = self.object
        return citation_text(
            title=_("%(meeting)s of the Singapore-China (Shenzhen) Smart City Initiative")
            % {"meeting": meeting},
            parties=[
                _("%(name)s, %(title)s") % {"name": c.local_name, "title": c.title}
                for c in meeting.co_chairs.all()
            ],
            date=meeting.date_display,
            source=first_source(meeting),
            permalink=permalink,
        )
