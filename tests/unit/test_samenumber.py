"""The check's table of SCLNT_HTTP numbers (a server status of the same number is said not
to be that message) stays the knowledge base's: same numbers, same ICM constants, SAP's
short text only where the base has it confirmed."""

from __future__ import annotations

from assistant.diagnostics.samenumber import ICM_CLIENT_ERRORS, not_the_sap_message
from assistant.kb.knowledge_base import KnowledgeBase


def test_the_table_is_the_knowledge_bases_messages(bundled_kb: KnowledgeBase) -> None:
    sclnt = {m.number: m for m in bundled_kb.messages.values() if m.message_class == "SCLNT_HTTP"}
    assert set(ICM_CLIENT_ERRORS) == set(sclnt)
    for number, meaning in ICM_CLIENT_ERRORS.items():
        message = sclnt[number]
        expected = message.short_text if message.status == "confirmed" else message.icm_constant
        assert meaning == expected, number


def test_a_status_sap_does_not_number_gets_no_sentence() -> None:
    assert not_the_sap_message(429) == "" and not_the_sap_message(500) == ""
    assert "SCLNT_HTTP421 'SSL certificate not trusted" in not_the_sap_message(421)
