"""Every public list costs the same few queries however many records exist.

Each list is fetched (cache off) over a small and a five-times-larger synthetic
record; the number of queries must not change, and stays at or under 10.
Lists not built yet answer 404 and are skipped, so they are checked as they land.
"""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from mous.filters import MOUFilter
from mous.models import MOU
from tests.perf.synthetic import generate

AREA = "syn-smart-logistics"
LISTS = [
    "/",
    "/mous/",
    f"/mous/?area={AREA}&q=logistics&type=mou",
    "/mous/?country=SG&ordering=-signed",
    "/projects/",
    "/projects/?phase=1&q=pilot",
    "/parties/",
    "/parties/?country=SG&q=data",
    "/meetings/",
    "/areas/",
    f"/mous/export.csv?area={AREA}",
    "/api/v1/mous/",
    f"/api/v1/mous/?area={AREA}&q=logistics&signed_after=2015-01-01",
    f"/api/v1/mous/?format=csv&area={AREA}",
    "/api/v1/projects/?phase=1",
    "/api/v1/parties/?country=SG",
    "/api/v1/meetings/",
]
MAX_QUERIES = 10


def queries_at_size(client, url: str, mous: int) -> int:
    with transaction.atomic():
        generate(mous=mous, projects=mous, parties=mous)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if response.streaming:
            b"".join(response.streaming_content)
        elif response.context and "paginator" in response.context:
            # An empty page skips its prefetch queries: compare pages that show rows.
            assert response.context["paginator"].count > 0, (url, mous)
        transaction.set_rollback(True)
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("url", LISTS)
def test_a_list_costs_the_same_queries_at_any_size(client, settings, url):
    settings.CACHE_MIDDLEWARE_SECONDS = 0
    small = queries_at_size(client, url, 120)
    large = queries_at_size(client, url, 360)
    assert small == large
    assert large <= MAX_QUERIES


@pytest.mark.django_db
def test_a_filtered_searched_mou_page_costs_the_same_queries_at_any_size():
    def page_queries(mous: int) -> int:
        with transaction.atomic():
            generate(mous=mous, projects=0, parties=mous)
            f = MOUFilter(
                {"area": AREA, "q": "logistics", "country": "SG"},
                queryset=MOU.objects.published().with_related(),
            )
            assert f.is_valid()
            with CaptureQueriesContext(connection) as queries:
                rows = list(f.qs[:25])
                f.qs.count()
            assert rows
            transaction.set_rollback(True)
        return len(queries)

    # the page of MOUs with area, meeting and builds_on joined; their
    # signatories with parties; the count
    assert page_queries(200) == page_queries(1000) == 3
