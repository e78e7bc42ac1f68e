"""Drafts never show publicly: not on any page, list, facet, count, search, export, feed or API.

Drafts of every publishable record, and their parts, carry the marker LEAK in
every text field and slug, and are linked to published records so that they
would show if any public view let them through. The crawl visits every public
route (listed from the URL resolver, so a new route cannot be forgotten) with
every filter value, every search word and every format.
"""

import datetime
import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.apps import apps
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import translation

from meetings.models import (
    CoChair,
    Meeting,
    MeetingCitation,
    Publishable,
    Status,
    TranslationStatus,
)
from mous.models import (
    MOU,
    Area,
    AreaCitation,
    MOUCitation,
    Party,
    PartyCitation,
    Signatory,
)
from projects.models import Project, ProjectCitation, ProjectPartner
from sci_portal.urls import router
from tests.factories import (
    make_area,
    make_meeting,
    make_milestone,
    make_mou,
    make_party,
    make_project,
    make_source,
)

pytestmark = pytest.mark.django_db

LEAK = "zqleak"
LEAK_RE = re.compile(LEAK + r"[-\w]*", re.IGNORECASE)
DRAFT = Status.DRAFT
DRAFT_ORDINAL = 97
DRAFT_COUNTRY = "KR"
# Filter values that only a draft has.
DRAFT_KEYS = {
    "area": f"{LEAK}-area",
    "party": f"{LEAK}-party",
    "meeting": str(DRAFT_ORDINAL),
    "country": DRAFT_COUNTRY,
}
# A mistyped API URL: the API's catch-all route, a JSON 404.
NOT_FOUND = "/api/v1/no-such-list/"
# The draft meeting has no text of its own in its name: its ordinal gives it away.
DRAFT_MEETING_RE = re.compile(rf"\b{DRAFT_ORDINAL}th\b|/meetings/{DRAFT_ORDINAL}/")


def marked(field: str) -> str:
    """A draft's text: the leak marker, then a word to search for that does not contain it."""
    return f"{LEAK}{field} qx{field}"


def search_word(field: str) -> str:
    return f"qx{field}"


# Every field given a marker below, by the word a search for it would use.
MARKED_FIELDS = [
    "meetingplace",
    "meetingsummary",
    "cochairname",
    "cochairtitle",
    "meetingquote",
    "meetinglocator",
    "areaname",
    "areadescription",
    "partyname",
    "partyshortname",
    "partyothername",
    "partyothername2",
    "partycity",
    "partydescription",
    "partyquote",
    "partylocator",
    "moutitle",
    "moushorttitle",
    "moudescription",
    "mouunnamed",
    "mouquote",
    "moulocator",
    "projectname",
    "projectdescription",
    "projectrole",
    "partnerrole",
    "milestonetext",
    "milestonefigure",
    "milestonequote",
    "milestonelocator",
    "projectquote",
    "projectlocator",
    # The Chinese fields, shown on the /zh-hans/ pages.
    "meetingsummaryzh",
    "cochairnamezh",
    "areanamezh",
    "partynamezh",
    "partydescriptionzh",
    "moudescriptionzh",
    "projectdescriptionzh",
]
# Where a draft's Chinese name would be published (names need a source).
ZH_SOURCE = "the draft's own press release"
UNOFFICIAL = TranslationStatus.UNOFFICIAL


@pytest.fixture
def unthrottled(settings) -> Iterator[None]:
    """The crawl makes many API requests in a minute; the throttles' counts (in the
    cache) are cleared after it, so that later tests start with none spent."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/min", "partner": "100000/min"},
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def drafts(unthrottled) -> list[Publishable]:
    """Published records, and a draft of each publishable kind linked to them both ways."""
    source = make_source(title="Joint press release")
    meeting = make_meeting(5, date=datetime.date(2022, 11, 25), summary="The 5th meeting.")
    area = make_area("Digital Trade")
    sg = make_party("Singapore Agency", country="SG", short_name="SGA")
    cn = make_party("Shenzhen Bureau", country="CN")
    published_mou = make_mou(
        "Paperless Trade MOU", parties=[sg, cn], area=area, meeting=meeting, source=source
    )

    draft_meeting = Meeting.objects.create(
        ordinal=DRAFT_ORDINAL,
        date=datetime.date(2023, 12, 1),
        place=marked("meetingplace"),
        summary=marked("meetingsummary"),
        summary_zh=marked("meetingsummaryzh"),
        summary_zh_status=UNOFFICIAL,
        stated_mou_total=99,
        status=DRAFT,
    )
    CoChair.objects.create(
        meeting=draft_meeting,
        name=marked("cochairname"),
        name_zh=marked("cochairnamezh"),
        name_zh_source=ZH_SOURCE,
        title=marked("cochairtitle"),
        side="SG",
    )
    MeetingCitation.objects.create(
        meeting=draft_meeting,
        source=source,
        locator=marked("meetinglocator"),
        quote=marked("meetingquote"),
    )
    draft_area = make_area(
        marked("areaname"),
        slug=f"{LEAK}-area",
        description=marked("areadescription"),
        name_zh=marked("areanamezh"),
        name_zh_source=ZH_SOURCE,
        status=DRAFT,
    )
    AreaCitation.objects.create(
        area=draft_area,
        source=source,
        locator=marked("arealocator"),
        quote=marked("areaquote"),
    )
    draft_party = make_party(
        marked("partyname"),
        slug=f"{LEAK}-party",
        short_name=marked("partyshortname"),
        other_names=f"{marked('partyothername')}\n{marked('partyothername2')}",
        city=marked("partycity"),
        description=marked("partydescription"),
        name_zh=marked("partynamezh"),
        name_zh_source=ZH_SOURCE,
        description_zh=marked("partydescriptionzh"),
        description_zh_status=UNOFFICIAL,
        # A country no published party is from: filtering by it must find nothing.
        country=DRAFT_COUNTRY,
        parent=sg,
        status=DRAFT,
    )
    PartyCitation.objects.create(
        party=draft_party,
        source=source,
        locator=marked("partylocator"),
        quote=marked("partyquote"),
    )
    # A published member of the draft party: its page must not name its parent.
    make_party("Shenzhen Bureau Branch", country="CN", parent=draft_party)

    draft_mou = make_mou(
        marked("moutitle"),
        slug=f"{LEAK}-mou",
        short_title=marked("moushorttitle"),
        description=marked("moudescription"),
        description_zh=marked("moudescriptionzh"),
        description_zh_status=UNOFFICIAL,
        parties=[sg, cn],
        area=area,
        meeting=meeting,
        builds_on=published_mou,
        source=source,
        status=DRAFT,
    )
    Signatory.objects.create(
        mou=draft_mou, order=3, side="CN", unnamed_description=marked("mouunnamed")
    )
    MOUCitation.objects.create(
        mou=draft_mou, source=source, locator=marked("moulocator"), quote=marked("mouquote")
    )
    # A published MOU signed by the draft party, in the draft area, announced at the
    # draft meeting, extending the draft MOU.
    make_mou(
        "Smart City Cooperation MOU",
        parties=[sg, draft_party],
        area=draft_area,
        meeting=draft_meeting,
        builds_on=draft_mou,
        source=source,
    )

    draft_project = make_project(
        marked("projectname"),
        slug=f"{LEAK}-project",
        description=marked("projectdescription"),
        description_zh=marked("projectdescriptionzh"),
        description_zh_status=UNOFFICIAL,
        meeting=meeting,
        number=7,
        source=source,
        status=DRAFT,
    )
    ProjectPartner.objects.create(
        project=draft_project, party=sg, role=marked("projectrole"), order=1
    )
    ProjectPartner.objects.create(project=draft_project, party=cn, order=2)
    draft_project.areas.add(area)
    draft_project.related_mous.add(published_mou)
    make_milestone(
        draft_project,
        text=marked("milestonetext"),
        figures=[{"label": marked("milestonefigure"), "value": 3}],
        locator=marked("milestonelocator"),
        quote=marked("milestonequote"),
        source=source,
    )
    ProjectCitation.objects.create(
        project=draft_project,
        source=source,
        locator=marked("projectlocator"),
        quote=marked("projectquote"),
    )
    # Published projects: one with the draft area, meeting and MOU, one with the draft partner.
    linked = make_project("Cross-border Data Pilot", partners=[sg, cn], meeting=draft_meeting)
    linked.areas.add(area, draft_area)
    linked.related_mous.add(published_mou, draft_mou)
    partnered = make_project("Smart Lamp Posts", meeting=meeting, phase=1)
    ProjectPartner.objects.create(
        project=partnered, party=draft_party, role=marked("partnerrole"), order=1
    )
    ProjectPartner.objects.create(project=partnered, party=cn, order=2)
    partnered.areas.add(area)

    drafts = [draft_meeting, draft_area, draft_party, draft_mou, draft_project]
    assert {type(d) for d in drafts} == set(publishable_models()), "a draft of every kind"
    return drafts


# What the crawl visits ---------------------------------------------------------


def publishable_models() -> list[type[Publishable]]:
    return [m for m in apps.get_models() if issubclass(m, Publishable)]


def public_routes() -> set[str]:
    """Every route of the URLconf outside the admin, as Django writes a match's `route`."""
    routes = set()

    def walk(patterns, prefix: str, namespaces: list[str]) -> None:
        for pattern in patterns:
            route = URLResolver._join_route(prefix, str(pattern.pattern))
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route, [*namespaces, pattern.namespace])
            # The language switcher (set_language) only redirects: it shows no record.
            elif (
                isinstance(pattern, URLPattern)
                and "admin" not in namespaces
                and pattern.name != "set_language"
            ):
                routes.add(route)

    walk(get_resolver().url_patterns, "", [])
    return routes


def html_lists() -> list[str]:
    """The namespaces of the public lists: each has list, export_csv and export_json."""
    return sorted(
        namespace
        for namespace, (_, resolver) in get_resolver().namespace_dict.items()
        if namespace not in {"admin", "api"} and "list" in resolver.reverse_dict
    )


def api_endpoints() -> Iterator[tuple[str, type]]:
    for _, viewset, basename in router.registry:
        yield basename, viewset


def filter_values() -> dict[str, list[str]]:
    """Values to try for each filter parameter: every published one, and each draft's key."""
    words = [search_word(field) for field in MARKED_FIELDS]
    return {
        "area": [a.slug for a in Area.objects.published()] + [f"{LEAK}-area"],
        "meeting": [str(m.ordinal) for m in Meeting.objects.published()] + [str(DRAFT_ORDINAL)],
        "party": [p.slug for p in Party.objects.published()] + [f"{LEAK}-party"],
        "country": sorted({p.country.code for p in Party.objects.all() if p.country}),
        "phase": sorted({str(p.phase) for p in Project.objects.all() if p.phase}),
        "signed_after": ["2020-01-01"],
        "signed_before": ["2030-01-01"],
        "year": sorted({str(m.date.year) for m in Meeting.objects.all() if m.date}),
        "q": ["Memorandum", "Smart", *words],
    }


def query_variants(filterset_class, values: dict[str, list[str]]) -> list[dict[str, str]]:
    """No filter, then each filter with each of its values (a choice filter: every choice)."""
    variants: list[dict[str, str]] = [{}]
    if filterset_class is None or not filterset_class.base_filters:
        return variants
    for name, declared in filterset_class.base_filters.items():
        choices = [str(value) for value, _ in getattr(declared.field, "choices", []) if value]
        if name not in values and not choices:
            pytest.fail(f"The crawl has no values for the filter `{name}`: add some.")
        for value in values.get(name, choices):
            variants.append({name: value})
    return variants


def with_query(url: str, params: dict[str, str]) -> str:
    return f"{url}?{urlencode(params)}" if params else url


def list_urls() -> list[str]:
    values = filter_values()
    urls = []
    for namespace in html_lists():
        view = resolve(reverse(f"{namespace}:list")).func.view_class
        for params in query_variants(getattr(view, "filterset_class", None), values):
            for name in ("list", "export_csv", "export_json"):
                urls.append(with_query(reverse(f"{namespace}:{name}"), params))
    for basename, viewset in api_endpoints():
        list_url = reverse(f"api:{basename}-list")
        for params in query_variants(getattr(viewset, "filterset_class", None), values):
            urls.append(with_query(list_url, params))
            urls.append(with_query(list_url, {**params, "format": "csv"}))
    return urls


def api_detail_url(record) -> str:
    for basename, viewset in api_endpoints():
        if viewset.serializer_class.Meta.model is type(record):
            lookup = viewset.lookup_field
            return reverse(f"api:{basename}-detail", kwargs={lookup: getattr(record, lookup)})
    pytest.fail(f"No API endpoint shows {type(record).__name__} records.")


def record_urls() -> list[str]:
    """Each published record's page, API record and API CSV."""
    urls = []
    for model in publishable_models():
        for record in model.objects.published():
            api = api_detail_url(record)
            urls += [record.get_absolute_url(), api, f"{api}?format=csv"]
    return urls


def site_urls() -> list[str]:
    words = [search_word(field) for field in MARKED_FIELDS]
    return [
        reverse("home"),
        reverse("search"),
        *(with_query(reverse("search"), {"q": q}) for q in ["Smart", *words]),
        reverse("feed"),
        reverse("api:api-root"),
        reverse("api:schema"),
        reverse("api:docs"),
        reverse("healthz"),
        NOT_FOUND,
    ]


def chinese_urls() -> list[str]:
    """The Chinese twin of each page: the site's pages, every list unfiltered (with
    its exports) and filtered by a draft's key, and every published record's page."""
    with translation.override("zh-hans"):
        urls = [reverse("home"), reverse("search"), reverse("feed")]
        words = [search_word(field) for field in MARKED_FIELDS]
        urls += [with_query(reverse("search"), {"q": q}) for q in words]
        for namespace in html_lists():
            for params in [{}, *({k: v} for k, v in DRAFT_KEYS.items())]:
                for name in ("list", "export_csv", "export_json"):
                    urls.append(with_query(reverse(f"{namespace}:{name}"), params))
        for model in publishable_models():
            urls += [record.get_absolute_url() for record in model.objects.published()]
    assert all(url.startswith("/zh-hans/") for url in urls)
    return urls


def public_urls() -> list[str]:
    return site_urls() + list_urls() + record_urls() + chinese_urls()


# Reading responses -------------------------------------------------------------


def body_of(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def leaks_in(url: str, body: str) -> list[str]:
    """The draft markers in a response, leaving out what the URL's own query echoes back."""
    for value in re.findall(r"=([^&]*)", urlsplit(url).query):
        if LEAK in value:
            body = body.replace(value, "")
    return LEAK_RE.findall(body) + DRAFT_MEETING_RE.findall(body)


# The tests -------------------------------------------------------------------


def expected_status(url: str) -> int:
    """What any client gets: a draft's key is as unknown as a key never used. A list page
    refuses a facet's unknown value (400 and a note); exports and the API find nothing."""
    if url == NOT_FOUND:
        return 404
    path, query = urlsplit(url).path, parse_qs(urlsplit(url).query)
    match = resolve(path)
    if match.url_name != "list" or match.namespace == "api":
        return 200
    facets = getattr(match.func.view_class, "facets", {})
    names_a_draft = any(
        DRAFT_KEYS[name] in query.get(name, []) for name in DRAFT_KEYS.keys() & facets.keys()
    )
    return 400 if names_a_draft else 200


def test_no_public_url_shows_any_draft(client, drafts):
    leaks, statuses = {}, {}
    for url in public_urls():
        response = client.get(url)
        if response.status_code != expected_status(url):
            statuses[url] = response.status_code
        if found := leaks_in(url, body_of(response)):
            leaks[url] = sorted(set(found))
    assert leaks == {}
    assert statuses == {}


def test_the_crawl_covers_every_public_route(drafts):
    crawled = {resolve(urlsplit(url).path).route for url in public_urls()}
    assert public_routes() - crawled == set()


def test_each_draft_is_not_found_on_its_page_and_in_the_api(client, drafts):
    statuses = {}
    for draft in drafts:
        api = api_detail_url(draft)
        for url in (draft.get_absolute_url(), api, f"{api}?format=csv"):
            statuses[url] = client.get(url).status_code
    assert set(statuses.values()) == {404}, statuses


def result_count(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == expected_status(url), url
    if "/api/" in url:
        return response.json()["count"]
    return response.context["result_count"]


def filtered_lists() -> Iterator[tuple[str, type]]:
    """Each public list (page and API) with its FilterSet."""
    for namespace in html_lists():
        view = resolve(reverse(f"{namespace}:list")).func.view_class
        yield reverse(f"{namespace}:list"), view.filterset_class
    for basename, viewset in api_endpoints():
        if getattr(viewset, "filterset_class", None):
            yield reverse(f"api:{basename}-list"), viewset.filterset_class


def test_filtering_by_a_drafts_key_finds_nothing(client, drafts):
    found = {}
    for url, filterset_class in filtered_lists():
        for name in DRAFT_KEYS.keys() & filterset_class.base_filters.keys():
            if n := result_count(client, with_query(url, {name: DRAFT_KEYS[name]})):
                found[f"{url}?{name}={DRAFT_KEYS[name]}"] = n
    assert found == {}


def test_searching_for_a_drafts_words_finds_nothing(client, drafts):
    found = {}
    for word in (search_word(field) for field in MARKED_FIELDS):
        for url, filterset_class in filtered_lists():
            searchable = "q" in filterset_class.base_filters
            if searchable and (n := result_count(client, with_query(url, {"q": word}))):
                found[f"{url}?q={word}"] = n
        for section in client.get(reverse("search"), {"q": word}).context["sections"]:
            if n := section["hits"][1]:
                found[f"/search/?q={word}: {section['title']}"] = n
    assert found == {}


def test_the_dashboard_counts_published_records_only(client, drafts):
    response = client.get(reverse("home"))
    totals = response.context["totals"]
    assert totals == {
        "mous": MOU.objects.published().count(),
        "projects": Project.objects.published().count(),
    }
    assert totals["mous"] == result_count(client, "/api/v1/mous/")
    assert totals["projects"] == result_count(client, "/api/v1/projects/")
    assert MOU.objects.count() > totals["mous"] and Project.objects.count() > totals["projects"]
    shown = {
        (chart.slug, bar.label): (bar.value, result_count(client, bar.url))
        for chart in response.context["charts"]
        for bar in chart.bars
        if bar.url
    }
    for meeting in response.context["meetings"]:
        shown[(str(meeting), "MOUs")] = (
            meeting.mou_count,
            result_count(client, with_query("/mous/", {"meeting": meeting.ordinal})),
        )
        shown[(str(meeting), "projects")] = (
            meeting.project_count,
            result_count(client, with_query("/projects/", {"meeting": meeting.ordinal})),
        )
    assert {key: counts for key, counts in shown.items() if counts[0] != counts[1]} == {}


def test_facet_counts_are_the_published_records_each_choice_gives(client, drafts):
    wrong = {}
    for namespace in html_lists():
        url = reverse(f"{namespace}:list")
        for facet in client.get(url).context["facets"].values():
            for choice in facet.choices:
                filtered = with_query(url, {facet.name: choice.value})
                if choice.value == DRAFT_KEYS.get(facet.name):
                    wrong[filtered] = "a draft's key is offered"
                elif choice.count != (n := result_count(client, filtered)):
                    wrong[filtered] = f"facet says {choice.count}, the list shows {n}"
    assert wrong == {}


def export_rows(client, namespace: str) -> list[dict]:
    return client.get(reverse(f"{namespace}:export_json")).json()["results"]


def test_counts_in_the_lists_are_the_published_records_they_lead_to(client, drafts):
    shown = {}
    for area in export_rows(client, "areas"):
        for column, listed in (("mous", "/mous/"), ("projects", "/projects/")):
            url = with_query(listed, {"area": area["slug"]})
            shown[url] = (area[column], result_count(client, url))
    for party in export_rows(client, "parties"):
        for column, listed in (("mous", "/mous/"), ("projects", "/projects/")):
            url = with_query(listed, {"party": party["slug"]})
            shown[url] = (party[column], result_count(client, url))
    for meeting in export_rows(client, "meetings"):
        for column, listed in (("mous_recorded", "/mous/"), ("projects_recorded", "/projects/")):
            url = with_query(listed, {"meeting": meeting["ordinal"]})
            shown[url] = (meeting[column], result_count(client, url))
    assert shown and {url: n for url, n in shown.items() if n[0] != n[1]} == {}
