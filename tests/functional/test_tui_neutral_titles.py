"""The chat's topic bar names another client's cause without the SAP side ("Another client:
Host name cannot be resolved", not "… on the SAP application server"), driven with Pilot
against the real knowledge base and router; the SAP client's topic keeps the SAP title. The
F2 panel reads the same way: another client's cause under its neutral title, said first to be
the SAP client's view, and where that client's fix lives above it."""

from __future__ import annotations

import pytest

from assistant.answers.pieces import glossary_heading
from assistant.intent import DialogueState
from assistant.services.answering import entry_page
from assistant.services.knowledge import load_knowledge
from assistant.tui.bridge import topic_label
from assistant.tui.widgets.entry_panel import EntryPanel
from assistant.tui.widgets.topic import TopicBar
from tests.support.pilot import answer_to, ready_chat

pytestmark = pytest.mark.usefixtures("tui_env")  # conftest.py: history and exports in tmp


@pytest.mark.parametrize(("question", "cause_id"), [
    ("Node.js: getaddrinfo ENOTFOUND api.example.invalid", "dns_failure"),
    # (curl's own words lend its CA bundle's entry as the topic: the next test)
    ("Our integration tool logs: SSL certificate problem: unable to get local issuer certificate",
     "server_cert_untrusted"),
])
async def test_another_clients_topic_names_the_cause_without_the_sap_side(question: str, cause_id: str) -> None:
    cause = load_knowledge().kb.causes[cause_id]
    assert cause.neutral_title and cause.neutral_title != cause.title
    async with ready_chat((80, 24)) as (app, pilot):
        answer = await answer_to(pilot, app, question)
        await pilot.pause()
        bar = app.query_one(TopicBar)
        assert bar.topic == f"Another client: {cause.neutral_title}"
        # At 80 columns beside "21 messages known": whole, or cut after a whole word (chatfix6).
        shown = bar.shown_topic
        assert shown == f"Topic: Another client: {cause.neutral_title}" or (
            shown.endswith("…") and f"Topic: Another client: {cause.neutral_title}".startswith(shown[:-1])), shown
        assert "SAP" not in bar.shown_topic.removeprefix("Topic: ")
        # The answer under it names the cause the same way, and never the SAP side's way.
        assert f"**{cause.neutral_title}** (`{cause_id}`)" in answer.markdown_source
        assert cause.title not in answer.markdown_source


def test_the_sap_clients_cause_topic_keeps_the_sap_title() -> None:
    kb = load_knowledge().kb
    cause = kb.causes["dns_failure"]
    for scope in ("sap_http_client", "unknown"):
        assert topic_label(kb, DialogueState(causes=("dns_failure",), scope=scope)) == cause.title
    other = topic_label(kb, DialogueState(causes=("dns_failure",), scope="other_client"))
    assert other == f"Another client: {cause.neutral_title}"


def _first_paragraph(text: str) -> str:
    return text.strip().split("\n\n", 1)[0]


@pytest.mark.parametrize(("question", "cause_id", "pointer"), [
    ("Node.js: getaddrinfo ENOTFOUND api.example.invalid", "dns_failure", None),
    ("curl: (60) SSL certificate problem: unable to get local issuer certificate", "server_cert_untrusted",
     "OPENSSL_CLIENT_TRUST"),
    ("Java client fails with PKIX path building failed", "server_cert_untrusted", "JAVA_PKIX"),
    ("Cloud Connector: handshake failure to backend, SNI not sent", "sni_not_sent", "CLOUD_CONNECTOR_TRUST"),
])
async def test_the_topic_panel_tells_another_clients_cause_as_the_sap_clients_view(
    question: str, cause_id: str, pointer: str | None
) -> None:
    # Before: F2 showed the cause's full SAP entry — "## Host name cannot be resolved on the SAP
    # application server", then the ABAP side's explanation as if it were this client's.
    kb = load_knowledge().kb
    cause = kb.causes[cause_id]
    async with ready_chat((80, 24)) as (app, pilot):
        await answer_to(pilot, app, question)
        await pilot.press("f2")
        await pilot.pause()
        page = app.query_one(EntryPanel).entry_markdown
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    assert f"## {cause.title}" not in headings
    # Where the client's fix lives leads, when the kind has such an entry.
    expected = ([f"## {glossary_heading(kb.glossary[pointer])}"] if pointer else []) + [f"## {cause.neutral_title}"]
    assert headings == expected
    cause_part = page[page.index(f"## {cause.neutral_title}"):]
    note = cause_part.index("*In SAP terms:*")
    assert note < cause_part.index(_first_paragraph(cause.explanation)), "said before the SAP-side explanation"
    assert cause.title in cause_part[note:cause_part.index("\n\n", note)]  # the SAP side's name, as such


def test_the_sap_clients_topic_page_is_the_entry_as_it_is() -> None:
    from assistant.tui.bridge import topic_page

    kb = load_knowledge().kb
    for scope in ("sap_http_client", "unknown"):
        state = DialogueState(causes=("dns_failure",), scope=scope)
        assert topic_page(kb, state) == entry_page(kb, kb.causes["dns_failure"])
        assert "In SAP terms" not in (topic_page(kb, state) or "")
    message = DialogueState(messages=("SCLNT_HTTP421",), scope="sap_http_client")
    assert topic_page(kb, message) == entry_page(kb, kb.messages["SCLNT_HTTP421"])
