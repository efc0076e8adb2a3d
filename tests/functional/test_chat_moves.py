"""A conversation that moves between problems (chatback), through `sapassist chat --json` as a
real process: going back to an earlier topic continues it (or asks which one); a restart
question with no topic names no message; a yes/no question about a cause is answered plainly
first; a pronoun carries a ruling to the names of the last turn."""

from __future__ import annotations

from tests.support.dialogues import piped_chat as talk

UNTRUSTED = "SM59 fails with SCLNT_HTTP421, SSL certificate not trusted, calling https://api.partner.de/v1"
REFUSED = "ICM_HTTP_CONNECTION_REFUSED for the SII destination"


def test_going_back_to_the_first_error_answers_about_it() -> None:
    *_, back, fix = talk(UNTRUSTED, REFUSED, "back to the first error, which PSE do I import into?",
                         "how do I fix it?")
    assert back["messages"][0]["id"] == "SCLNT_HTTP421", back["answer"][:300]
    assert "lists no cause on PSE" not in back["answer"]
    assert "STRUST" in back["answer"]
    assert fix["messages"][0]["id"] == "SCLNT_HTTP421"  # the recalled topic stays the topic


def test_a_pointer_several_topics_fit_is_asked_about() -> None:
    java = "Our Java app fails with PKIX path building failed calling the partner API"
    *_, asked, chosen = talk(UNTRUSTED, REFUSED, java, "back to the other one", "the 411")
    assert asked["which_topic"] and "SCLNT_HTTP421" in asked["question"] and "SCLNT_HTTP411" in asked["question"]
    assert chosen["messages"][0]["id"] == "SCLNT_HTTP411"


def test_a_restart_question_without_a_topic_names_no_message() -> None:
    asked, fix = talk("do I need to restart the ICM?", "how do I fix it?")
    assert asked["messages"] == [] and asked["question"] is None
    assert "SCLNT_HTTP" not in asked["answer"] and "`icm/conn_timeout`" in asked["answer"]
    assert not fix["follow_up"]  # no topic was guessed for the next turn to follow


def test_is_it_the_proxy_is_answered_yes_or_no_first() -> None:
    _, no = talk("SM59 fails with SCLNT_HTTP411 connection refused", "is it the proxy?")
    assert no["answer"].split("\n\n")[1].startswith("**Nothing you said points to a proxy")
    *_, yes = talk("SM59 fails with SCLNT_HTTP411 connection refused", "we go through the proxy proxy.corp:8080",
                   "is it the proxy?")
    assert yes["answer"].split("\n\n")[1].startswith("**Yes — your text names a proxy")


def test_is_it_the_proxy_after_the_user_ruled_it_out_says_so() -> None:
    *_, asked = talk("SM59 test to https://api.partner.com fails with ICM_HTTP_TIMEOUT", "The proxy is not involved",
                     "how do I fix it?", "is it the proxy?")
    assert asked["answer"].split("\n\n")[1].startswith("**You said “The proxy is not involved”**")


def test_a_follow_up_with_nothing_new_says_so_and_gives_the_next_step_only() -> None:
    report = "We call our S/4HANA OData service from Postman and get 403 Forbidden."
    first, _, log = talk(report, "how do I fix it?", "which log shows why?")
    assert log["answer"].split("\n\n")[1] == "**Nothing new to add to the answers above.**"
    assert "**Next step:**" in log["answer"] and "SICF" in log["answer"]  # the SAP side's place for a 403
    what_it_is = next(p for p in first["answer"].split("\n\n") if p.startswith("**What it is:**"))
    assert what_it_is not in log["answer"]  # the verdict is not repeated as if new


def test_they_after_the_names_of_the_last_turn_carries_the_ruling() -> None:
    named, ruled = talk("SM59 call to https://api.partner.com fails with SSL handshake error. "
                        "The Cloud Connector and the proxy are in place.", "they are not involved")
    assert named["scope"]["kind"] == "other_client"
    assert ruled["scope"]["kind"] == "sap_http_client"
