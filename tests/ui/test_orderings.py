"""Every ordering each list offers, both ways, orders its rows by what it names."""

import pytest

from meetings.filters import MeetingFilter
from mous.filters import MOUFilter, PartyFilter
from projects.filters import ProjectFilter

LISTS = [
    ("/mous/", "mous", MOUFilter),
    ("/projects/", "projects", ProjectFilter),
    ("/parties/", "parties", PartyFilter),
    ("/meetings/", "meetings", MeetingFilter),
]


def orderings():
    for url, rows, filterset_class in LISTS:
        for param, field in filterset_class.base_filters["ordering"].param_map.items():
            for value in (param, f"-{param}"):
                yield pytest.param(url, rows, field, value, id=f"{url}?ordering={value}")


def value_at(record, path: str):
    """The value a `field__path` names on a record (None where a step is missing)."""
    for step in path.split("__"):
        record = getattr(record, step, None)
        if record is None:
            return None
    return getattr(record, "code", record)  # a country sorts by its code


@pytest.mark.parametrize(("url", "rows", "field", "ordering"), list(orderings()))
def test_each_ordering_sorts_the_rows_by_what_it_names(
    client, transcribed, url, rows, field, ordering
):
    response = client.get(url, {"ordering": ordering})
    assert response.status_code == 200
    values = [value_at(record, field) for record in response.context[rows]]
    known = [v for v in values if v not in (None, "")]  # databases place unknowns differently
    assert len(set(known)) > 1, f"every row on the page has the same {field}: nothing shown"
    assert known == sorted(known, reverse=ordering.startswith("-"))
