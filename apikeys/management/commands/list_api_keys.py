"""`list_api_keys [--user USERNAME]`: a table of keys, never a hash or a raw key."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from apikeys.models import ApiKey
from strive.api.timestamps import format_timestamp

COLUMNS = ("ID", "PREFIX", "USER", "NAME", "SCOPES", "STATUS", "EXPIRES", "LAST USED", "CREATED")


class Command(BaseCommand):
    help = "List API keys (newest first), optionally for one user."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", dest="username", default=None)

    def handle(self, *args, username: str | None, **options) -> None:
        keys = ApiKey.objects.select_related("user").order_by("-created_at", "id")
        if username is not None:
            user_model = get_user_model()
            if not user_model.objects.filter(**{user_model.USERNAME_FIELD: username}).exists():
                raise CommandError(f"No user {username!r}.")
            keys = keys.filter(user__username=username)
        now = timezone.now()
        rows = [
            (
                key.pk,
                key.prefix,
                key.user.get_username(),
                key.name or "-",
                ",".join(key.scopes),
                key.status(now),
                format_timestamp(key.expires_at) or "never",
                format_timestamp(key.last_used_at) or "never",
                format_timestamp(key.created_at),
            )
            for key in keys
        ]
        if not rows:
            self.stdout.write("No API keys.")
            return
        widths = [max(len(str(row[i])) for row in [COLUMNS, *rows]) for i in range(len(COLUMNS))]
        for row in [COLUMNS, *rows]:
            self.stdout.write(
                "  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip()
            )
