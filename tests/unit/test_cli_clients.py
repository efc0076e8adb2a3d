"""A client named by its command line gets its own place of the fix, never another client's.

Dev tutorials-2099: `xs login … --skip-ssl-validation` refused, and `xs api --cacert` in the
text — `--cacert` read as libcurl's option sent the admin to "curl, git, PHP: their CA
bundle". The client is the `xs` command-line client: its entry (XS advanced) is the place;
a `cf login` (dev jenkins-library-5334) or `hdbsql` (dev howtos-132) run is named as that
client, whose trust store is its own (the HANA clients' trust store when the text is about
trust). A command named in passing ("(xs apps | grep webide)", a check that worked, dev
howtos-226) names no failing client.
"""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize(("text", "who", "pointer"), [
    ("xs login -u SYSTEM --skip-ssl-validation\nreturns\nFAILED: Could not connect to controller on "
     "https://hxe.example.test:39030\n  Connection refused\nthe root.crt.pem to use with xs api --cacert is missing",
     "`xs`", "XS_ADVANCED"),
    ("running command: cf login -a https://api.cf.example.test/ -o org -s dev\nInvalid SSL Cert for "
     "https://api.cf.example.test/\nTIP: Use 'cf login --skip-ssl-validation'\nFAILED", "`cf`", None),
    ("hxeadm> hdbsql -i 90 -n localhost:39015 -u SYSTEM\n* -10709: Connection failed "
     "(RTE:[89006] System call 'connect' failed, rc=111:Connection refused)", "`hdbsql`", None),
    ("hdbsql -n hana.example.test:443 -e -u DBADMIN fails: SSL certificate validation failed, "
     "certificate verify failed", "`hdbsql`", "HANA_CLIENT_TRUST"),
])
def test_a_command_line_client_is_named_with_its_own_place(kb: KnowledgeBase, text: str, who: str,
                                                           pointer: str | None) -> None:
    scope = route(text, kb).scope
    assert scope.kind == "other_client"
    assert who in scope.reason and "its own" in scope.reason, scope.reason
    assert scope.pointer == pointer


@pytest.mark.parametrize(("text", "pointer"), [
    ("All apps run (xs apps | grep webide), but my browser gets a connection reset on hxehost:51028", None),
    ("curl --cacert root.pem https://api.example.test fails: SSL certificate problem: unable to get local issuer "
     "certificate", "OPENSSL_CLIENT_TRUST"),
])
def test_a_command_named_in_passing_or_curls_own_keeps_the_old_reading(kb: KnowledgeBase, text: str,
                                                                      pointer: str | None) -> None:
    scope = route(text, kb).scope
    assert "command-line client" not in scope.reason and scope.pointer == pointer, (scope.reason, scope.pointer)
