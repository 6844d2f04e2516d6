"""Create the first administrator of a fresh deployment from environment variables."""

import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

VARIABLES = ["DJANGO_ADMIN_USERNAME", "DJANGO_ADMIN_EMAIL", "DJANGO_ADMIN_PASSWORD"]


class Command(BaseCommand):
    help = (
        "Create a superuser from DJANGO_ADMIN_USERNAME, DJANGO_ADMIN_EMAIL and "
        "DJANGO_ADMIN_PASSWORD. Does nothing if that user already exists, so it is safe "
        "to run on every deploy."
    )

    def handle(self, *args, **options):
        values = {name: os.environ.get(name, "").strip() for name in VARIABLES}
        missing = [name for name, value in values.items() if not value]
        if missing:
            raise CommandError(
                f"Set {', '.join(missing)} to create the first administrator. No user was created."
            )
        username = values["DJANGO_ADMIN_USERNAME"]
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"The user {username!r} already exists. Nothing was changed.")
            return
        user = User(username=username, email=values["DJANGO_ADMIN_EMAIL"])
        try:
            validate_password(values["DJANGO_ADMIN_PASSWORD"], user)
        except ValidationError as error:
            raise CommandError(
                "DJANGO_ADMIN_PASSWORD is not strong enough: " + " ".join(error.messages)
            ) from None
        User.objects.create_superuser(
            username=username,
            email=values["DJANGO_ADMIN_EMAIL"],
            password=values["DJANGO_ADMIN_PASSWORD"],
        )
        self.stdout.write(self.style.SUCCESS(f"Created the administrator {username!r}."))
