"""Certificates imported for one host say nothing of another host's chain: when a report
names the host whose call fails and a different host whose certificates were imported
("imported the certificates of github.com … SSL handshake with gitlab.com failed"), the
answer says so first — the failing host's chain is the one to import — and the import is no
import "already done" for the failing host (intent.importdone would otherwise lead with the
causes that remain after an import). Only when both hosts are in the text as such: an import
for the very host that fails, or a text naming one host, is not this case. The texts are
invented for the class."""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer_doc
from assistant.intent import route
from assistant.intent.otherhost import imported_elsewhere
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


OTHER_HOST = (
    "HTTP error 421 occured: SSL handshake with git.partner.example.org:443 failed: SSSLERR_PEER_CERT_UNTRUSTED (-102)\n"
    "I downloaded the certificates of repo.vendor.example.com and its root CA and imported them into STRUST "
    "(SSL client anonymous), then restarted the ICM."
)


def test_the_failing_host_and_the_host_imported_for_are_read(kb: KnowledgeBase) -> None:
    found = imported_elsewhere(OTHER_HOST)
    assert found is not None
    assert found.failing == "git.partner.example.org"
    assert found.imported == ("repo.vendor.example.com",)


def test_the_answer_says_first_that_the_failing_hosts_chain_is_to_import(kb: KnowledgeBase) -> None:
    routed = route(OTHER_HOST, kb)
    first = build_answer_doc(routed, kb).verdict.split("\n\n")[0]
    assert "git.partner.example.org" in first and "repo.vendor.example.com" in first
    assert "import" in first.lower()


def test_an_import_for_another_host_is_no_import_done_for_the_failing_one(kb: KnowledgeBase) -> None:
    assert route(OTHER_HOST, kb).causes[0].id == "server_cert_untrusted"


@pytest.mark.parametrize(
    "text",
    [
        "HTTP error 421 occured: SSL handshake with git.partner.example.org:443 failed: SSSLERR_PEER_CERT_UNTRUSTED "
        "(-102)\nI imported the certificates of git.partner.example.org and its root CA into STRUST.",
        "HTTP error 421 occured: SSL handshake with git.partner.example.org:443 failed: SSSLERR_PEER_CERT_UNTRUSTED "
        "(-102)\nI imported the root CA into STRUST. The call to repo.vendor.example.com works.",
        "We imported the certificates of repo.vendor.example.com into STRUST and the call fails with SSL error.",
    ],
)
def test_not_this_case_without_both_hosts_as_such(text: str, kb: KnowledgeBase) -> None:
    assert imported_elsewhere(text) is None
    assert route(text, kb).imported_elsewhere is None


@pytest.mark.parametrize("denied", [
    "Das Zertifikat von github.com habe ich nicht importiert.",
    "No certificate of github.com was imported.",
    "We imported nothing for github.com yet.",
])
def test_an_import_denied_with_the_shared_negation_words_is_no_import(denied: str) -> None:
    """The readers of what a user states share one list of negation words (intent.negationwords);
    this reader kept a short English one of its own, so "nicht importiert" read as done."""
    assert imported_elsewhere(f"Call to api.partner.de fails: SSL error. {denied}") is None
