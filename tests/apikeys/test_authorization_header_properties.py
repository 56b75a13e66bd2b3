"""Property tests for the Authorization header: whatever it holds, the answer is 401 or success.

Success exactly when the header is `Bearer` (any case), spaces or tabs, then the key;
blanks around are tolerated (RFC 7235 allows only spaces; servers strip the ends).
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ApiKeyFactory, StakeholderFactory

RAW_KEY = "sk_live_" + "0123456789abcdef" * 4
MESSAGES = {
    "Missing or invalid Authorization header. Use: Bearer <token>",
    "Invalid or revoked API key",
    "API key has expired",
}
BLANKS = " \t"
# Whitespace to Python's str.split() but not to HTTP: none of these separates a scheme.
OTHER_WHITESPACE = "\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2009\u2028\u3000"

pytestmark = pytest.mark.django_db

schemes = st.sampled_from(["Bearer", "bearer", "BEARER", "bEaReR", "Basic", "Token", "Bearer:"])
separators = st.text(alphabet=BLANKS + OTHER_WHITESPACE, max_size=3)
tokens = st.one_of(
    st.sampled_from(
        [RAW_KEY, RAW_KEY.upper(), RAW_KEY[:-1], RAW_KEY + "0", RAW_KEY.replace("sk_live_", "")]
    ),
    st.from_regex(r"sk_live_[0-9a-fA-F]{62,66}", fullmatch=True),
    st.text(max_size=80),
)
headers = st.one_of(
    st.text(max_size=120),
    # The valid key, only the blanks and the scheme's case vary.
    st.builds(
        lambda lead, scheme, sep, trail: lead + scheme + sep + RAW_KEY + trail,
        separators,
        st.sampled_from(["Bearer", "bearer", "BEARER"]),
        separators,
        separators,
    ),
    st.builds(
        lambda lead, scheme, sep, token, trail: lead + scheme + sep + token + trail,
        separators,
        st.one_of(schemes, st.text(max_size=8)),
        separators,
        tokens,
        separators,
    ),
)


def authenticates(header: str) -> bool:
    """The spec, written independently of the parser."""
    stripped = header.strip(BLANKS)
    scheme = stripped.split(" ")[0].split("\t")[0]
    token = stripped[len(scheme) :].lstrip(BLANKS)
    separated = len(token) < len(stripped) - len(scheme)
    return scheme.isascii() and scheme.lower() == "bearer" and separated and token == RAW_KEY


@pytest.fixture
def milestones_url(goal, settings) -> str:
    settings.RATE_LIMIT_PER_MINUTE = 10**9  # the property is about parsing, not counting
    key = ApiKeyFactory(raw_key=RAW_KEY)
    StakeholderFactory(goal=goal, user=key.user)
    return f"/api/v1/goals/{goal.id}/milestones"


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(header=headers)
def test_any_authorization_header_answers_401_or_succeeds(api_client, milestones_url, header):
    response = api_client.get(milestones_url, headers={"Authorization": header})

    if authenticates(header):
        assert response.status_code == 200
        assert response.json() == {"data": []}
    else:
        assert response.status_code == 401
        assert response.json()["error"] in MESSAGES
        assert response.json().keys() == {"error"}
        assert response["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.mark.parametrize("separator", list(OTHER_WHITESPACE))
def test_only_spaces_and_tabs_separate_the_scheme(api_client, milestones_url, separator):
    response = api_client.get(
        milestones_url, headers={"Authorization": f"Bearer{separator}{RAW_KEY}"}
    )

    assert response.status_code == 401


@pytest.mark.parametrize(
    "header", [f"Bearer {RAW_KEY}", f"bearer\t{RAW_KEY}", f" BEARER  {RAW_KEY}\t"]
)
def test_spaces_and_tabs_around_the_key_are_tolerated(api_client, milestones_url, header):
    response = api_client.get(milestones_url, headers={"Authorization": header})

    assert response.status_code == 200
