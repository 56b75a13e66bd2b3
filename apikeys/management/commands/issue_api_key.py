"""`issue_api_key USERNAME --scopes a,b [--name N] [--expires-at ISO8601]`."""

from datetime import UTC, datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from apikeys import services


def parse_expiry(value: str) -> datetime:
    """ISO 8601; a time without a zone is taken as UTC."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--expires-at {value!r} is not an ISO 8601 time (e.g. 2027-01-31T00:00:00Z)."
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


class Command(BaseCommand):
    help = "Issue an API key. The raw key is printed once, as the last line of stdout."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--scopes", required=True, help="Comma-separated, e.g. milestones:read,goals:read"
        )
        parser.add_argument("--name", default="", help="A label to tell keys apart.")
        parser.add_argument("--expires-at", type=parse_expiry, default=None, metavar="ISO8601")

    def handle(self, *args, username: str, scopes: str, name: str, expires_at, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist:
            raise CommandError(f"No user {username!r}.") from None
        scope_list = [scope.strip() for scope in scopes.split(",") if scope.strip()]
        try:
            issued = services.issue_api_key(
                user=user, scopes=scope_list, name=name, expires_at=expires_at
            )
        except services.ApiKeyError as error:
            raise CommandError(str(error)) from None
        key = issued.api_key
        expiry = key.expires_at.isoformat() if key.expires_at else "never"
        self.stdout.write(
            f"Issued API key {key.pk} ({key.prefix}) for {username}: "
            f"scopes {', '.join(key.scopes)}, expires {expiry}."
        )
        self.stdout.write("Store it now; it will not be shown again:")
        self.stdout.write(issued.raw_key)
