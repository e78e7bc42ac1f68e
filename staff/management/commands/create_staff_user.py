"""Create (or update) a staff account in a role: `create_staff_user ana --role editor`."""

import getpass
import os
import secrets
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from staff.roles import ROLES

PASSWORD_ENV = "DJANGO_STAFF_PASSWORD"  # noqa: S105 (the variable's name, not a password)


class Command(BaseCommand):
    help = (
        "Create a staff account in a role (editor or publisher), or move an existing "
        "account into that role. The password comes from --password-file, else the "
        f"{PASSWORD_ENV} environment variable, else a prompt; with --no-input and "
        "neither given, a new account gets a generated password, printed once."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(ROLES))
        parser.add_argument("--email", default=None)
        parser.add_argument(
            "--password-file", help="Read the password from the first line of this file."
        )
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="Never prompt."
        )

    def handle(self, *args, username: str, role: str, email, password_file, **options):
        try:
            group = Group.objects.get(name=ROLES[role])
        except Group.DoesNotExist:
            raise CommandError(
                f"There is no {ROLES[role]} group: run `manage.py migrate` first."
            ) from None
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        created = user is None
        if created:
            user = User(username=username)
        password = self.given_password(password_file)
        if password is None and created and options["interactive"] and sys.stdin.isatty():
            password = self.prompt_password(user)
        generated = password is None and created
        if generated:
            password = secrets.token_urlsafe(16)
        if password is not None:
            try:
                validate_password(password, user)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
            user.set_password(password)
        if email is not None:
            user.email = email
        user.is_staff = True
        with transaction.atomic():
            user.save()
            # One role at a time: leaving the other role's group, keeping any others.
            user.groups.remove(*Group.objects.filter(name__in=ROLES.values()))
            user.groups.add(group)
        action = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{action} staff user {username} ({group.name})."))
        if generated:
            self.stdout.write(f"Password (shown once): {password}")

    def given_password(self, password_file: str | None) -> str | None:
        if password_file:
            try:
                with open(password_file, encoding="utf-8") as file:
                    password = file.readline().rstrip("\r\n")
            except OSError as error:
                raise CommandError(f"Cannot read {password_file}: {error.strerror}.") from None
            if not password:
                raise CommandError(f"{password_file} holds no password on its first line.")
            return password
        return os.environ.get(PASSWORD_ENV) or None

    def prompt_password(self, user) -> str | None:
        password = getpass.getpass("Password (blank to generate one): ")
        if password and password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return password or None
