import contextlib
import copy

import pytest
from django.apps import apps
from django.core import serializers
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

DATA_APPS = ("meetings", "mous", "projects")

# The transcribed data as rows, read back after the first real load of a session.
_snapshot: list[tuple[type, list]] = []


def _data_models() -> list[type]:
    """The record tables in dependency order, then the many-to-many link tables."""
    configs = [apps.get_app_config(label) for label in DATA_APPS]
    ordered = serializers.sort_dependencies([(config, None) for config in configs])
    records = [m for m in ordered if not hasattr(m, "instance_type")]  # no history tables
    links = [
        field.remote_field.through
        for model in records
        for field in model._meta.local_many_to_many
        if field.remote_field.through._meta.auto_created
    ]
    return records + links


@contextlib.contextmanager
def stored_timestamps(model: type):
    """Insert rows with the `auto_now` times they hold, as `loaddata` does, not the time now."""
    fields = [f for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
    for field in fields:
        field.auto_now = False
    try:
        yield
    finally:
        for field in fields:
            field.auto_now = True


def load_transcribed_data() -> None:
    """Load the transcribed data: really the first time, then from its rows.

    `loaddata` resolves every natural key with a query and costs over a second;
    re-inserting the same rows in bulk gives the same database in a few queries.
    """
    if not _snapshot:
        call_command("load_transcribed_data", verbosity=0)
        _snapshot.extend((m, list(m._base_manager.order_by("pk"))) for m in _data_models())
        return
    for model, rows in _snapshot:
        with stored_timestamps(model):
            model._base_manager.bulk_create([copy.copy(row) for row in rows])
    # Rows came with their ids: move the id sequences past them (PostgreSQL).
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [m for m, _ in _snapshot]):
            cursor.execute(sql)


@pytest.fixture
def transcribed(db):
    """The data transcribed from the press releases, as `make run` loads it."""
    load_transcribed_data()


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with empty caches: cached pages outlive a test's database rows."""
    for backend in caches.all():
        backend.clear()
