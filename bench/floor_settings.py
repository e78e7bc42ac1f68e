"""The framework floor: the portal's own settings and middleware, one trivial view.

gunicorn serves it exactly as it serves the portal (bench/run.py), so the
difference between the two is the portal's own work.
"""

from sci_portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.floor_urls"
