"""A live server with seeded data, and Playwright driving Debian's Chromium against it.

No browser is ever downloaded: Chromium comes from `apt-get install chromium` (`make
browser`). Every request the pages make is watched; one to any other host is aborted
and fails the check, so the pages are proven to work with no internet. Screenshots go
to artifacts/screenshots/ (gitignored).
"""

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from checks.server import ARTIFACTS, fresh_database, gunicorn, manage, server_env

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ARTIFACTS / "screenshots"
STAFF_USERNAME = "staff"
STAFF_PASSWORD = "browser-check-only-5e2f"  # a throwaway database's throwaway account
KEY = re.compile(r"sk_live_[0-9a-f]{64}")


@dataclass
class LiveServer:
    base_url: str
    env: dict[str, str]
    demo_key: str


@dataclass
class WatchedPage:
    """A page and what it did on the network and the console."""

    page: Page
    foreign_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def screenshot(self, name: str, **kwargs) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=path, full_page=True, **kwargs)
        return path


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[LiveServer]:
    """gunicorn on a fresh database (SQLite unless BROWSER_DATABASE_URL), demo data, staff."""
    default_db = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'db.sqlite3'}"
    database_url = os.environ.get("BROWSER_DATABASE_URL", default_db)
    fresh_database(database_url)
    env = server_env(database_url, DJANGO_SUPERUSER_PASSWORD=STAFF_PASSWORD)
    manage(env, "migrate", "--noinput")
    manage(env, "createsuperuser", "--noinput", "--username", STAFF_USERNAME, "--email", "s@x.io")
    reader = "from django.contrib.auth.models import User; User.objects.create_user('maria')"
    manage(env, "shell", "-c", reader)
    demo_key = KEY.search(manage(env, "seed_demo")).group()
    with gunicorn(env, ARTIFACTS / "browser" / "server.log") as base_url:
        yield LiveServer(base_url=base_url, env=env, demo_key=demo_key)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium)")
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def watched(browser: Browser, server: LiveServer) -> Iterator[WatchedPage]:
    """A fresh browser context whose requests to any host but ours are aborted and recorded."""
    context = browser.new_context(base_url=server.base_url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    ours = urlsplit(server.base_url).netloc
    watched = WatchedPage(page=context.new_page())

    def only_ours(route):
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).netloc == ours:
            route.continue_()
        else:
            watched.foreign_requests.append(url)
            route.abort()

    context.route("**/*", only_ours)
    watched.page.on("requestfailed", lambda r: watched.failed_requests.append(r.url))
    watched.page.on(
        "console", lambda m: watched.console_errors.append(m.text) if m.type == "error" else None
    )
    yield watched
    context.close()
