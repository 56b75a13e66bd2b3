"""New IDs: 20 URL-safe characters that a command line can take as they are."""

import re

from strive import ids


def test_new_ids_are_20_url_safe_characters():
    drawn = {ids.new_id() for _ in range(2000)}

    assert len(drawn) == 2000
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{20}", value) for value in drawn)


def test_an_id_never_starts_with_a_dash(monkeypatch):
    draws = iter(["-starts-with-a-dash", "Fine_id-with-dashes"])
    monkeypatch.setattr(ids.secrets, "token_urlsafe", lambda nbytes: next(draws))

    assert ids.new_id() == "Fine_id-with-dashes"
