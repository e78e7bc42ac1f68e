"""A throwaway test database for the in-process checks (run as scripts, outside pytest).

It is created next to DATABASE_URL's database (test_<name> on PostgreSQL, in memory
on SQLite), filled with the transcribed data, and dropped afterwards.
"""

import contextlib
import os
from collections.abc import Iterator

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sci_portal.settings")
os.environ.setdefault("SCI_PORTAL_TESTING", "1")


def setup_django() -> None:
    import django

    django.setup()


@contextlib.contextmanager
def test_database(load_data: bool = True) -> Iterator[None]:
    setup_django()
    from django.core.management import call_command
    from django.test.utils import (
        setup_databases,
        setup_test_environment,
        teardown_databases,
        teardown_test_environment,
    )

    setup_test_environment()
    config = setup_databases(verbosity=0, interactive=False, keepdb=False)
    try:
        if load_data:
            call_command("load_transcribed_data", verbosity=0)
        yield
    finally:
        teardown_databases(config, verbosity=0)
        teardown_test_environment()
