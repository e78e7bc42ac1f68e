"""Create a local superuser for a first run, printing its password once."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the superuser 'admin' with a generated password if there is no superuser."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username: str, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write(
                "An admin account exists already (reset its password with "
                "`.venv/bin/python manage.py changepassword <name>`)."
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        bar = "=" * 60
        self.stdout.write(
            self.style.SUCCESS(
                f"{bar}\nLocal admin account created (shown once):\n"
                f"  user name: {username}\n  password:  {password}\n{bar}"
            )
        )
