"""A message's popup pasted with its long text (F1, SE91): the id on its "Message no."
line is what the user reports; the documentation under Diagnosis / System Response /
Procedure is SAP's text for every system, and its words and ids are no evidence. On the
bundled base, through the router as `ask` shows it."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.intent.screens import without_message_documentation
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


# The popup as copied: short text, the id, the headings with tab-indented paragraphs. The
# documentation's sentences are placeholders of our own (not SAP's long texts) that name
# what documentation may name: another message, a status, a timeout, a firewall.
POPUP = """\
SSL certificate not trusted
Message no. SCLNT_HTTP421

Diagnosis
\tThe request was not sent. Compare message SCLNT_HTTP407 (general SSL error).

System Response
\tProcessing terminated; a server that answers HTTP 403 later needs a logon.

Procedure
\tCheck the firewall, the timeout and the proxy; see also SCLNT_HTTP402.
"""
GERMAN = """\
Meldungsnr. SCLNT_HTTP411
Diagnose
\tSiehe auch SCLNT_HTTP402 (Zeitüberschreitung) und HTTP 404.
Systemaktivitäten
\tVerarbeitung abgebrochen.
Vorgehen
\tFirewall und Proxy prüfen.
"""


@pytest.mark.parametrize(("popup", "reported"), [(POPUP, "SCLNT_HTTP421"), (GERMAN, "SCLNT_HTTP411")])
def test_a_popup_reads_as_the_id_it_shows(kb: KnowledgeBase, popup: str, reported: str) -> None:
    routed = route(popup, kb)
    assert [m.id for m in routed.messages][:1] == [reported]
    assert not {"SCLNT_HTTP407", "SCLNT_HTTP402", "SCLNT_HTTP403", "SCLNT_HTTP404"} & {m.id for m in routed.messages}
    assert routed.intent == "explain"  # a pasted popup compares nothing and asks no fix yet
    assert not routed.readings  # the documentation's "HTTP 403" is no status anyone received


def test_the_users_words_after_the_popup_are_still_read(kb: KnowledgeBase) -> None:
    routed = route(POPUP + "\nWe call https://api.partner.example/orders through proxy.corp.example:8080\n", kb)
    assert routed.entities.proxy
    assert [m.id for m in routed.messages][:1] == ["SCLNT_HTTP421"]


@pytest.mark.parametrize(
    "text",
    [
        "Diagnosis\n\tSCLNT_HTTP407 since the upgrade\nProcedure\n\twe imported the root",  # no popup id
        "the popup says Message no. SCLNT_HTTP421 and our procedure is to restart",
    ],
)
def test_headings_without_a_popup_are_the_users_own_words(text: str) -> None:
    assert without_message_documentation(text) == text
