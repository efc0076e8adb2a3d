"""A setting's name is a word the base knows as one, not the verb before a place phrase.

"the call ends in SSL is not active" was read as the setting "ends" (in SSL) being off: the
reader takes X of "X in Y is off" as the setting placed in Y ("SSL in the destination is
not active"), whatever X is. So the SSL statement was lost: no destination_ssl_inactive
stated, and the ICM's page rule (icmfailure) did not see SSL said off. Now X is the setting
only when the base knows it as one, or does not know Y either.
"""

from __future__ import annotations

import pytest

from assistant.intent.icmfailure import ssl_said_off
from assistant.intent.settingstates import known_settings, stated_causes, statements
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize(("text", "setting", "cause"), [
    ("the call ends in SSL is not active", "ssl", "destination_ssl_inactive"),
    ("our SM59 test results in SSL is inactive", "ssl", "destination_ssl_inactive"),
    ("the request runs in proxy is not configured", "proxy", "proxy_required"),
    ("SSL in the destination is not active", "ssl", "destination_ssl_inactive"),  # X known: still X
    ("the service in SICF is not active", "service", None),  # neither known: X, as before
])
def test_the_setting_is_one_the_base_knows(kb: KnowledgeBase, text: str, setting: str, cause: str | None) -> None:
    assert [s.setting for s in statements(text, known_settings(kb))] == [setting]
    assert (cause in stated_causes(text, kb)) if cause else not stated_causes(text, kb)


def test_ssl_said_off_after_a_verb() -> None:
    assert ssl_said_off("the call ends in SSL is not active")
