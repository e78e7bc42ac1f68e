"""Make the database really unreachable for the code under test, then bring it back."""

import contextlib
import copy
from collections.abc import Iterator
from pathlib import Path

from django.db import connections

from .server import free_port


@contextlib.contextmanager
def unreachable_database(missing_dir: Path, alias: str = "default") -> Iterator[dict]:
    """Swap the connection for one to a database that is not there.

    PostgreSQL: a port nothing listens on (the driver's "connection refused").
    SQLite: a file in a directory that does not exist ("unable to open database
    file"). Either way Django raises the driver's real OperationalError. Yields
    the new connection's settings; creating `missing_dir` brings SQLite "back".
    """
    original = connections[alias]
    settings_dict = copy.deepcopy(original.settings_dict)
    if original.vendor == "sqlite":
        settings_dict["NAME"] = str(missing_dir / "db.sqlite3")
    else:
        settings_dict.update(HOST="127.0.0.1", PORT=str(free_port()))
        for key in ("host", "port"):  # a socket directory given in DATABASE_URL's query
            settings_dict["OPTIONS"].pop(key, None)
    broken = original.__class__(settings_dict, alias=alias)
    connections[alias] = broken
    try:
        yield settings_dict
    finally:
        broken.close()
        connections[alias] = original
