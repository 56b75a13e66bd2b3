"""The docs page at /api/docs: Swagger UI from our own static files, nothing from elsewhere.

The page rendering in a real browser is checked in checks/browser.
"""

import re

import pytest
from django.test import Client

ASSET = re.compile(r'(?:src|href)="([^"]+)"')


@pytest.fixture(scope="module")
def page() -> str:
    response = Client().get("/api/docs")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    return response.content.decode()


@pytest.mark.parametrize("url", ["/api/docs", "/api/docs/"])
def test_docs_page_answers_with_and_without_trailing_slash(url):
    response = Client().get(url, headers={"Authorization": "Bearer nope"})

    assert response.status_code == 200
    assert "<title>Strive API docs</title>" in response.content.decode()


def test_docs_page_reads_our_schema(page):
    assert 'url: "/api/v1/schema"' in page


def test_docs_page_loads_nothing_from_another_host(page):
    assets = ASSET.findall(page)

    assert len(assets) >= 4  # favicon, stylesheet, two scripts
    assert all(url.startswith("/static/drf_spectacular_sidecar/") for url in assets)
    assert "https://" not in page and "http://" not in page
    assert '"validatorUrl": null' in page


def test_every_asset_of_the_docs_page_is_served_by_us(page):
    client = Client()
    for url in ASSET.findall(page):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"".join(response.streaming_content if response.streaming else [response.content])
