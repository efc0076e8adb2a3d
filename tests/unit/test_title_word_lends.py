"""A message met by one telling word of its title, and by nothing else, lends no causes.

A 401 from a token endpoint whose request dump has "timeout: 5000" (dev
ui5-ecosystem-563-axios-401), a 401 in a build log that guesses "some timeout constants"
(dev cfjavaclient-200-hybris-invalid-auth-token): "timeout" meets SCLNT_HTTP402's title
"Timeout error" ("error" any error text has), and that made 402 count as named, so its own
cause order (the server too slow, the connect timeout) was listed for a logon refused.
A word many texts have is not the message named; its id, constant, code or quoted short
text still is.
"""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb

TIMEOUT_CAUSES = {"server_timeout", "connect_timeout"}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize("text", [
    "Error: Request failed with status code 401\n    at createError (node_modules/axios/lib/core/createError.js:16:15)\n"
    "    config: { timeout: 5000, url: 'https://login.example.test/oauth/token' }",
    "Error while pushing the app. Error message: '401 Unauthorized'. Description: 'Invalid Auth Token'. "
    "I guess it's the token handling and some timeout constants.",
    "Request failed with status code 403 Forbidden; our client sets timeout = 30 s.",
])
def test_one_title_word_alone_lends_no_causes(kb: KnowledgeBase, text: str) -> None:
    causes = [c.id for c in route(text, kb).causes[:5]]
    assert not TIMEOUT_CAUSES & set(causes), causes


@pytest.mark.parametrize("text", [
    "HTTP error 402 occured: ICM_HTTP_TIMEOUT",
    "SM59 connection test to our partner ends with SCLNT_HTTP402 after 30 seconds",
    "the call ends with Timeout error (ICM_HTTP_TIMEOUT)",
])
def test_a_message_named_still_lends_its_causes(kb: KnowledgeBase, text: str) -> None:
    causes = [c.id for c in route(text, kb).causes[:5]]
    assert TIMEOUT_CAUSES & set(causes), causes
