"""`seed_demo [--base-url URL]`: the documented example, a fresh key and a curl line."""

import os

from django.core.management.base import BaseCommand, CommandParser

from goals.demo import DEMO_GOAL_ID, seed_demo


class Command(BaseCommand):
    help = "Create or reset the demo data and print a fresh key with a ready-to-paste curl line."

    def add_arguments(self, parser: CommandParser) -> None:
        default = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
        parser.add_argument("--base-url", default=default, help=f"Default: {default}")

    def handle(self, *args, base_url: str, **options) -> None:
        issued = seed_demo()
        url = f"{base_url.rstrip('/')}/api/v1/goals/{DEMO_GOAL_ID}/milestones"
        self.stdout.write(f"Demo user 'demo', goal {DEMO_GOAL_ID}, milestones ms001 and ms002.")
        self.stdout.write(f"Demo API key (shown once, earlier demo keys revoked): {issued.raw_key}")
        self.stdout.write("Try it:")
        self.stdout.write(f'curl -H "Authorization: Bearer {issued.raw_key}" {url}')
