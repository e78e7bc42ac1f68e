import pytest
from django.core.management import call_command


@pytest.fixture
def transcribed(db):
    """The data transcribed from the press releases, loaded as `make run` loads it."""
    call_command("load_transcribed_data", verbosity=0)
