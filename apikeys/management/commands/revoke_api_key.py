"""`revoke_api_key ID_OR_PREFIX`."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apikeys import services


class Command(BaseCommand):
    help = "Revoke an API key by its ID or its display prefix (sk_live_xxxxxxxx). Immediate."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("id_or_prefix")

    def handle(self, *args, id_or_prefix: str, **options) -> None:
        try:
            api_key = services.find_api_key(id_or_prefix)
        except services.ApiKeyError as error:
            raise CommandError(str(error)) from None
        if services.revoke_api_key(api_key):
            self.stdout.write(f"Revoked API key {api_key.pk} ({api_key.prefix}).")
        else:
            self.stdout.write(
                f"API key {api_key.pk} ({api_key.prefix}) was already revoked "
                f"at {api_key.revoked_at.isoformat()}."
            )
