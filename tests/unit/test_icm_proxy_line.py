"""The ICM's own line for a call through a proxy — "Proxy connection to https://github.com:443
via gcproxy1.corp.example:8080 failed (proxy returned 407 …)" — names the proxy after "via",
whatever the proxy's name: the check offered goes through it (`--proxy`), and the proxy is
not taken for a second target. Before, a proxy whose name does not start with "proxy" was
a target, and the check offered went direct."""

from __future__ import annotations

from assistant.intent import route
from assistant.kb.load import load_kb
from assistant.services.answering import answer_question

LINE = ("ZABAPGIT_TEST_SSL says: IcmConnInitClientSSL: Proxy connection to https://github.com:443 via "
        "GCPROXY1.CORP.PARTNER.COM:8080 failed (proxy returned 407 authenticationrequired)")


def test_the_host_after_via_in_the_icms_proxy_line_is_the_proxy() -> None:
    kb = load_kb().kb
    e = route(LINE, kb).entities
    assert e.proxy_url == "gcproxy1.corp.partner.com:8080"
    assert "gcproxy1.corp.partner.com" not in e.hosts
    verdict = answer_question(LINE, kb).doc.verdict
    assert "--proxy http://gcproxy1.corp.partner.com:8080" in verdict
