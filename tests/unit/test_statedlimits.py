"""The reader of what the admin says they cannot use (intent.statedlimits) and the step choice
that honours it (answers.limitedsteps)."""

from __future__ import annotations

import pytest

from assistant.answers.limitedsteps import for_someone_who_can, usable_steps
from assistant.intent.statedlimits import OS, RESTART, StatedLimits, kept_limits, stated_limits
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb().kb


@pytest.mark.parametrize(("text", "denied"), [
    ("i dont have smicm authorization, only strust", {"SMICM"}),
    ("no access to SMICM", {"SMICM"}),
    ("I can't use SM59", {"SM59"}),
    ("I dont have authorization for SMICM and SM59", {"SMICM", "SM59"}),
    ("keine Berechtigung für STRUST", {"STRUST"}),
    ("ich kann SMICM nicht aufrufen", {"SMICM"}),
    ("no access to the app server's OS", {OS}),
    ("kein Zugriff aufs Betriebssystem", {OS}),
    ("can't restart the ICM in production", {RESTART}),
    ("ich darf den ICM nicht neu starten", {RESTART}),
    ("Neustart nicht erlaubt", {RESTART}),
])
def test_a_stated_limit_is_read(kb: KnowledgeBase, text: str, denied: set[str]) -> None:
    assert stated_limits(text, kb).denied == denied


@pytest.mark.parametrize("text", [
    "do I need SMICM authorization?", "do I need SMICM authorization", "I have SMICM access",
    "I can't see anything in SMICM", "SM59 connection test cannot reach the host",
    "the RFC user in SM59 has no authorization", "the restart did not help",
    "not sure whether I have SMICM access", "we asked for SMICM authorization",
])
def test_questions_other_subjects_and_access_held_are_no_limit(kb: KnowledgeBase, text: str) -> None:
    assert stated_limits(text, kb).denied == frozenset()


def test_access_said_held_lifts_an_earlier_limit(kb: KnowledgeBase) -> None:
    said = stated_limits("I have no OS access but I can use SMICM", kb)
    assert said == StatedLimits(frozenset({OS}), frozenset({"SMICM"}))
    assert kept_limits(("SMICM",), said) == (OS,)


def test_the_first_step_that_names_no_limit_is_taken_else_it_is_for_someone_who_can(kb: KnowledgeBase) -> None:
    steps = tuple(kb.causes["server_cert_untrusted"].fix)
    assert usable_steps(steps, ("SMICM",))[0] == steps[1]  # STRUST import, not the SMICM trace
    blocked = usable_steps(steps[:1], ("SMICM",))
    assert blocked == steps[:1]
    asked = for_someone_who_can(blocked[0], ("SMICM",))
    assert asked.startswith("Ask a Basis colleague with `SMICM` authorization") and "raise the ICM trace" in asked
    assert for_someone_who_can(steps[1], ("SMICM",)) == steps[1]


@pytest.mark.parametrize("topic", ["HTTP error 411 occured: ICM_HTTP_CONNECTION_REFUSED",
                                   "SM59 connection test: ICM_HTTP_SSL_PEER_CERT_UNTRUSTED"])
@pytest.mark.parametrize("limit", ["we have no access to the application server's OS",
                                   "we have no access to the OS", "I cannot restart the ICM",
                                   "no access to SMICM"])
def test_a_stated_limit_is_no_evidence_for_a_cause(kb: KnowledgeBase, topic: str, limit: str) -> None:
    # "access", "server", "restart" are words of causes (a proxy's internet access, a logon
    # denied): what the admin cannot do moved the lead cause (to proxy_required after a 411).
    from assistant.intent import route

    first = route(topic, kb)
    after = route(limit, kb, first.state)
    assert after.causes[0].id == first.causes[0].id
    assert after.state.cannot_use  # the limit is still kept for the next steps


@pytest.mark.parametrize("text", ["I can't restart the ICM, but SM59 shows SSL handshake failed",
                                  "We have no access to the OS; the connection test gives ICM_HTTP_SSL_ERROR"])
def test_a_failure_beside_a_limit_in_one_sentence_stays_evidence(kb: KnowledgeBase, text: str) -> None:
    # Only the clause that states the limit is set aside: the whole sentence was, and the
    # failure it reports went with it (no message, no cause).
    from assistant.intent import route

    routed = route(text, kb)
    assert routed.messages and routed.messages[0].id == "SCLNT_HTTP407"
    assert routed.state.cannot_use


def test_a_limit_after_the_question_back_is_no_reply_to_it(kb: KnowledgeBase) -> None:
    # Asked for the exact error text, the admin says what they cannot do: that turn was read as
    # the reply, with the report's text, and its "SM59" became a place asked about.
    from assistant.intent import route

    asked = route("our ABAP report calls the Cloud Integration endpoint through SM59 and the connection test "
                  "fails with SSL handshake error", kb)
    assert asked.question and asked.state.pending
    limited = route("I cannot restart the ICM", kb, asked.state)
    assert limited.places == () and limited.state.cannot_use
    assert limited.messages[0].id == asked.messages[0].id and not limited.state.pending
