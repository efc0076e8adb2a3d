"""A step the admin says they cannot take is not handed back: "i dont have smicm
authorization, only strust" after the SMICM trace step got the same step again. The limit
(intent.statedlimits) is kept for the topic; the next step is the cause's next one that does
without it (answers.limitedsteps). Piped `sapassist chat --json`, one process per dialogue."""

from __future__ import annotations

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
    _, limited = piped_chat("I imported the certificate in STRUST but the error stays, still SSSLERR_PEER_CERT_UNTRUSTED",
                            "we can't restart the ICM in production")
    assert "restart" not in next_step_of(limited).lower(), next_step_of(limited)
    assert "You said you cannot restart the ICM" in verdict_of(limited)


def test_a_question_about_access_or_access_held_limits_nothing() -> None:
    _, asked, held = piped_chat("SCLNT_HTTP421", "do I need SMICM authorization?", "I have SMICM access")
    assert "SMICM" in next_step_of(asked) and "SMICM" in next_step_of(held), next_step_of(held)
    assert "You said you cannot" not in verdict_of(asked) + verdict_of(held)
