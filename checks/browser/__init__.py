"""`make browser-check`: Playwright driving Debian's Chromium against gunicorn."""
