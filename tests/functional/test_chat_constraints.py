"""A step the admin says they cannot take is not handed back: "i dont have smicm
authorization, only strust" after the SMICM trace step got the same step again. The limit
(intent.statedlimits) is kept for the topic; the next step is the cause's next one that does
without it (answers.limitedsteps). Piped `sapassist chat --json`, one process per dialogue."""

from __future__ import annotations

from assistant.answers.stepresult import result_of_done_step
from assistant.kb.load import load_kb
from tests.support.dialogues import next_step_of, piped_chat, verdict_of


def test_no_smicm_authorization_gets_the_next_step_without_smicm_for_the_topic() -> None:
    first, limited, fix, new = piped_chat("SCLNT_HTTP421", "i dont have smicm authorization, only strust",
                                          "how do I fix it?", "another thing: SCLNT_HTTP421")
    assert "SMICM" in next_step_of(first)
    for later in (limited, fix):  # said once, kept for the topic
        assert "SMICM" not in next_step_of(later) and "STRUST" in next_step_of(later), next_step_of(later)
        assert later["causes"][0]["id"] == first["causes"][0]["id"]  # the cause order stays
    assert "You said you cannot use `SMICM`" in verdict_of(limited)
    assert "SMICM" in next_step_of(new)  # a new topic forgets it


def test_a_german_limit_is_read_as_its_english_twin() -> None:
    first, limited = piped_chat("SCLNT_HTTP421", "ich habe keine Berechtigung für SMICM")
    assert "SMICM" in next_step_of(first)
    assert "SMICM" not in next_step_of(limited) and "STRUST" in next_step_of(limited), next_step_of(limited)


def test_a_restart_not_allowed_is_not_the_next_step() -> None:
    first, limited = piped_chat("I imported the certificate in STRUST but the error stays, still SSSLERR_PEER_CERT_UNTRUSTED",
                                "we can't restart the ICM in production")
    assert "restart" not in next_step_of(limited).lower(), next_step_of(limited)
    # The limit's own words ("restart the ICM") are no evidence (limitclauses): the lead stays
    # the topic's, whose next step needs no restart — so nothing was skipped to say so.
    assert limited["causes"][0]["id"] == first["causes"][0]["id"]


def test_a_question_about_access_or_access_held_limits_nothing() -> None:
    _, asked, held = piped_chat("SCLNT_HTTP421", "do I need SMICM authorization?", "I have SMICM access")
    assert "SMICM" in next_step_of(asked) and "SMICM" in next_step_of(held), next_step_of(held)
    assert "You said you cannot" not in verdict_of(asked) + verdict_of(held)


def test_a_step_said_done_is_followed_by_a_step_within_the_limits() -> None:
    # The crypto-library step reads dev_icm: done, it led to pasting the trace from SMICM,
    # which the admin said they cannot use; the next step is one without it, as in the first answer.
    first, done = piped_chat("HTTP error 407 occured: SSL handshake with github.com:443 failed: SSSLERR_SSL_READ (-58). "
                             "I have no SMICM authorization", "done")
    assert "SMICM" not in next_step_of(first)
    assert "**Done:**" in verdict_of(done)
    assert "SMICM" not in next_step_of(done), next_step_of(done)


def test_the_restart_after_a_parameter_done_is_not_offered_when_not_allowed() -> None:
    kb = load_kb().kb
    step = "tls_version_or_cipher_mismatch:1"  # sets ssl/ciphersuites: the restart follows it
    assert "restart" in result_of_done_step(step, (), kb).lines.lower()  # type: ignore[union-attr]
    assert result_of_done_step(step, (), kb, ("RESTART",)) is None  # the cause's next usable step instead
