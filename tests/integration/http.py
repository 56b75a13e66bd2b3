"""A minimal HTTP client for the integration tests (no exceptions on 4xx/5xx)."""

import http.client
import json
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)


def get(
    url: str, key: str | None = None, timeout: float = 10, headers: dict[str, str] | None = None
) -> Answer:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    headers = {**(headers or {}), **({"Authorization": f"Bearer {key}"} if key else {})}
    try:
        connection.request("GET", parts.path, headers=headers)
        response = connection.getresponse()
        return Answer(response.status, dict(response.getheaders()), response.read())
    finally:
        connection.close()
