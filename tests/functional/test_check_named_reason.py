"""A handshake failure the live check names leads with that reason, not with the catch-all
cause's title (answers26, item 7).

`tls_handshake_failed` is titled "TLS handshake failed for a reason the live check cannot
name"; the check now names several such reasons itself (an internal_error alert, a
certificate alert no request came before, the server's own protocol breach, a certificate
list over OpenSSL's limit). Its verdict's "Cause" line said the check could not name what it
had just named. Real loopback servers sending real alerts."""

from __future__ import annotations

import pytest

from assistant.answers.check import build_check_doc
from assistant.kb.knowledge_base import KnowledgeBase
from tests.support.checks import check, step
from tests.support.servers import LoopbackServer, alert_handler

CAUSE = "tls_handshake_failed"


def _cause_line(verdict: str) -> str:
    return next(line for line in verdict.split("\n\n") if line.startswith("**Cause:**"))


@pytest.mark.parametrize(("alert", "named"), [
    (80, "internal_error"),  # the server failed on its own side
    (42, "never asked for a client certificate"),  # a certificate alert with no request before it
], ids=["internal_error", "certificate-alert"])
def test_a_named_reason_leads_the_cause_line(alert: int, named: str, bundled_kb: KnowledgeBase) -> None:
    with LoopbackServer(alert_handler(alert)) as srv:
        rep = check(srv.url())
    assert rep.cause == CAUSE and named in step(rep, "tls", "fail").detail
    line = _cause_line(build_check_doc(rep, bundled_kb).verdict)
    assert named in line and f"`{CAUSE}`" in line, line
    assert "cannot name" not in line, line


def test_a_reason_the_check_cannot_name_keeps_the_title(bundled_kb: KnowledgeBase) -> None:
    """The control: a decode_error alert matches no known cause; the title says so, rightly."""
    with LoopbackServer(alert_handler(50)) as srv:
        rep = check(srv.url())
    line = _cause_line(build_check_doc(rep, bundled_kb).verdict)
    assert rep.cause == CAUSE and bundled_kb.causes[CAUSE].title in line, line
