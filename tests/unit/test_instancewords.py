"""Plain readings of a sentence about the SAP system's own instances (intent/instancewords.py).

A comparison of application servers ("works on app server 01, fails on 02") is one server
that differs; a change not yet restarted ("ICM not restarted yet", "noch nicht neu
gestartet") is a setting not yet active. Both causes are in the base; these readings put
them in reach of an admin's plain words (tests/eval/sap_probe.yaml, source authored:causesigns).
"""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.intent.instancewords import readings
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def bundled() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _top3(text: str, kb: KnowledgeBase) -> list[str]:
    return [c.id for c in route(text, kb).causes[:3]]


@pytest.mark.parametrize("text", [
    "SM59 connection test works on app server 01 but fails on 02 with ICM_HTTP_SSL_ERROR.",
    "The call succeeds on instance A; on instance B it fails with ICM_HTTP_SSL_PEER_CERT_UNTRUSTED.",
    "Auf Applikationsserver 1 klappt der Verbindungstest, auf Applikationsserver 2 kommt ICM_HTTP_SSL_ERROR.",
    "ICM_HTTP_SSL_ERROR - only sometimes, depending on which server the job runs on.",
])
def test_servers_compared_raise_one_app_server_differs(bundled: KnowledgeBase, text: str) -> None:
    assert "one_app_server_differs" in _top3(text, bundled)


@pytest.mark.parametrize("text", [
    "We changed the cipher parameters in RZ10 but the ICM has not been restarted yet. SM59: ICM_HTTP_SSL_ERROR.",
    "Parameter in RZ10 gepflegt, das System wurde noch nicht neu gestartet. SM59 bringt ICM_HTTP_SSL_ERROR.",
])
def test_a_change_not_restarted_raises_settings_not_active(bundled: KnowledgeBase, text: str) -> None:
    assert "settings_not_active" in _top3(text, bundled)


@pytest.mark.parametrize("text", [
    "we restarted the ICM, it did not help",  # the restart was done
    "Restarted ICM, still not working",
    "we created instance 2 of the service and it fails with 401",  # one instance named, no comparison
    "works on app server 01 and fails on app server 01 too",  # the same server twice
    "the instance a problem works fine",  # "a" is an article, not a server's name
    "the instances are fine but the server 2 errors",  # a server compared with nothing named
    "I cannot restart the ICM",  # a limit of the admin's (statedlimits), no restart still to do
    "we can't restart the ICM in production",
    "wir dürfen den ICM nicht neu starten",
])
def test_what_is_no_such_reading(text: str) -> None:
    assert readings(text) == []
