import pytest
from django.core.cache import caches
from django.core.management import call_command


@pytest.fixture
def transcribed(db):
    """The data transcribed from the press releases, loaded as `make run` loads it."""
    call_command("load_transcribed_data", verbosity=0)


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with empty caches: cached pages outlive a test's database rows."""
    for backend in caches.all():
        backend.clear()
