"""`format=csv` on every list: all matching rows, streamed, with the list's filters."""

import csv
import io

import pytest

from tests.factories import make_area, make_mou

LISTS = ["meetings", "mous", "parties", "areas", "projects"]


def read_csv(response) -> list[dict]:
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.usefixtures("transcribed")
@pytest.mark.parametrize("name", LISTS)
def test_every_list_exports_all_its_rows(client, name):
    count = client.get(f"/api/v1/{name}/").json()["count"]
    response = client.get(f"/api/v1/{name}/?format=csv")
    assert len(read_csv(response)) == count
    assert response["Content-Disposition"] == f'attachment; filename="{name}.csv"'


@pytest.mark.usefixtures("transcribed")
def test_the_filters_apply(client):
    for path in [
        "mous/?meeting=3&area=innovation-and-entrepreneurship",
        "mous/?country=cn&signed_after=2021-01-01",
        "projects/?phase=3",
        "parties/?country=sg",
        "meetings/?year=2022",
    ]:
        count = client.get(f"/api/v1/{path}").json()["count"]
        assert 0 < len(read_csv(client.get(f"/api/v1/{path}&format=csv"))) == count, path


@pytest.mark.django_db
def test_it_is_not_paginated(client):
    for _ in range(130):
        make_area()
    assert len(read_csv(client.get("/api/v1/areas/?format=csv&page_size=10"))) == 130


@pytest.mark.usefixtures("transcribed")
def test_nested_lists_are_joined_and_links_lead_to_json(client):
    rows = read_csv(client.get("/api/v1/mous/?format=csv&type=moi"))
    [row] = rows
    assert row["signatories.party.slug"] == "infocomm-media-development-authority; tusstar"
    assert row["signatories.side"] == "SG; CN"
    assert row["meeting.ordinal"] == "3"
    assert row["url"] == "http://testserver/api/v1/mous/imda-tusstar-memorandum-of-intent/"


@pytest.mark.django_db
def test_a_malformed_filter_is_still_a_json_400(client):
    response = client.get("/api/v1/mous/?format=csv&signed_after=soon")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "signed_after" in response.json()


@pytest.mark.django_db
def test_a_detail_is_one_row(client):
    mou = make_mou(title="Only one")
    response = client.get(f"/api/v1/mous/{mou.slug}/?format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    [row] = csv.DictReader(io.StringIO(response.content.decode()))
    assert row["title"] == "Only one"


@pytest.mark.django_db
def test_the_accept_header_asks_for_csv_too(client):
    make_mou()
    response = client.get("/api/v1/mous/", headers={"Accept": "text/csv"})
    assert len(read_csv(response)) == 1


@pytest.mark.django_db
def test_the_export_costs_a_fixed_number_of_queries_per_chunk(
    client, django_assert_max_num_queries
):
    for _ in range(30):
        make_mou(area=make_area())
    # record version (ETag), MOUs, then for the one chunk: signatories with parties,
    # built_upon_by, projects, citations with sources
    with django_assert_max_num_queries(6):
        assert len(read_csv(client.get("/api/v1/mous/?format=csv"))) == 30
