"""manage.py generate_synthetic_data: a reproducible synthetic record at any scale."""

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mous.models import MOU
from projects.synthetic import PREFIX, Sizes, SyntheticData


class Command(BaseCommand):
    help = (
        "Add synthetic meetings, areas, parties, MOUs and projects (slugs start with "
        f"'{PREFIX}') for measuring the portal at scale. The same arguments give the same "
        "records. Run it on a database without synthetic data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--mous", type=int, default=1000, help="MOUs to create.")
        parser.add_argument("--projects", type=int, help="Projects (default: half the MOUs).")
        parser.add_argument("--parties", type=int, help="Parties (default: a fifth of the MOUs).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed.")
        parser.add_argument("--batch-size", type=int, default=5000, help="Rows per INSERT.")

    def handle(self, *args, **options) -> None:
        mous = options["mous"]
        sizes = Sizes(
            mous=mous,
            projects=options["projects"] if options["projects"] is not None else mous // 2,
            parties=options["parties"] if options["parties"] is not None else max(mous // 5, 10),
            seed=options["seed"],
            batch_size=options["batch_size"],
        )
        if min(sizes.mous, sizes.projects) < 0 or sizes.parties < 5 or sizes.batch_size < 1:
            raise CommandError("Give at least 5 parties, no negative counts and a batch size ≥ 1.")
        if MOU.objects.filter(slug__startswith=PREFIX).exists():
            raise CommandError("This database already holds synthetic data; use a fresh one.")
        started = time.monotonic()

        def log(message: str) -> None:
            if options["verbosity"] >= 2:
                self.stdout.write(f"  {time.monotonic() - started:6.1f}s  {message}")

        SyntheticData(sizes, log=log).write()
        self.stdout.write(
            f"Created {sizes.mous} MOUs, {sizes.projects} projects and {sizes.parties} parties "
            f"(seed {sizes.seed}) in {time.monotonic() - started:.1f}s."
        )
