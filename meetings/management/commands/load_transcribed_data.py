"""Load the data transcribed from the press releases (fixtures/)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from meetings.models import Source

# In dependency order; loaddata resolves natural keys across the whole set.
FIXTURES = ["sources", "meetings", "areas", "parties", "mous", "projects"]


class Command(BaseCommand):
    help = (
        "Load the transcribed fixtures. Loading is idempotent; with --if-empty it is "
        "skipped when the database already holds sources, so staff edits are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the database already has data.",
        )

    def handle(self, *args, if_empty: bool = False, **options):
        if if_empty and Source.objects.exists():
            self.stdout.write("Transcribed data already loaded; keeping the existing records.")
            return
        call_command("loaddata", *FIXTURES, verbosity=options["verbosity"])
