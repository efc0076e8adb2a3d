"""The chat's topic bar names another client's cause without the SAP side ("Another client:
Host name cannot be resolved", not "… on the SAP application server"), driven with Pilot
against the real knowledge base and router; the SAP client's topic keeps the SAP title."""

from __future__ import annotations

import pytest

from assistant.intent import DialogueState
from assistant.services.knowledge import load_knowledge
from assistant.tui.bridge import topic_label
from assistant.tui.widgets.topic import TopicBar
from tests.support.pilot import answer_to, ready_chat

pytestmark = pytest.mark.usefixtures("tui_env")  # conftest.py: history and exports in tmp


@pytest.mark.parametrize(("question", "cause_id"), [
    ("Node.js: getaddrinfo ENOTFOUND api.example.invalid", "dns_failure"),
    ("curl: (60) SSL certificate problem: unable to get local issuer certificate", "server_cert_untrusted"),
])
async def test_another_clients_topic_names_the_cause_without_the_sap_side(question: str, cause_id: str) -> None:
    cause = load_knowledge().kb.causes[cause_id]
    assert cause.neutral_title and cause.neutral_title != cause.title
    async with ready_chat((80, 24)) as (app, pilot):
        answer = await answer_to(pilot, app, question)
        await pilot.pause()
        bar = app.query_one(TopicBar)
        assert bar.topic == f"Another client: {cause.neutral_title}"
        assert bar.shown_topic == f"Topic: Another client: {cause.neutral_title}"  # whole at 80 columns
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
