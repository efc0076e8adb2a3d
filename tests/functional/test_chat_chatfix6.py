"""chatfix6: what newuser5's new admin met in the chat, each fixed as a class and driven as a
real process (`sapassist chat --json`, the piped chat that keeps the dialogue state) or the
real chat (Pilot).

- A step said done ("ok trace lvl 3 done", "did that", "erledigt", "hab ich gemacht") got the
  very step back as the next step.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.support.dialogues import next_step_of, piped_chat, verdict_of
from tests.support.pilot import answer_to, ready_chat

chat = piped_chat
verdict = verdict_of
next_step = next_step_of


@pytest.mark.parametrize("done", ["ok trace lvl 3 done", "did that", "erledigt", "hab ich gemacht", "done."])
def test_a_trace_step_said_done_asks_for_what_the_trace_shows(done: str) -> None:
    # The 421's first step raises the ICM trace and opens the trace file: said done, its result
    # is the trace — the next step asks for its lines (the chat reads them), never the step again.
    first, said, fix = chat("SCLNT_HTTP421", done, "how do I fix it?")
    assert "Trace Level" in next_step(first)
    assert "Trace Level" not in next_step(said), next_step(said)
    assert "dev_icm" in next_step(said) and "paste" in next_step(said).lower(), next_step(said)
    assert "**Done:**" in verdict(said)
    # The step stays done on this topic: "how do I fix it?" goes on with the next one.
    assert "Trace Level" not in next_step(fix) and "STRUST" in next_step(fix), next_step(fix)
    assert said["causes"][0]["id"] == first["causes"][0]["id"]  # still the same cause


def test_a_parameter_step_said_done_asks_whether_the_icm_was_restarted() -> None:
    first, said = chat("SM59 fails with SSL handshake error, the server needs SNI and our system does not send SNI",
                       "done, set the parameter")
    assert first["causes"][0]["id"] == "sni_not_sent" and "client_sni_enabled" in next_step(first)
    assert "client_sni_enabled = TRUE" not in next_step(said), next_step(said)
    assert "Restart the ICM" in next_step(said), next_step(said)
    assert "restarted" in verdict(said).lower()


@pytest.mark.parametrize("not_done", ["not done yet", "how do I get that done?", "is it done automatically?"])
def test_a_step_not_said_done_stays_the_next_step(not_done: str) -> None:
    first, later = chat("SCLNT_HTTP421", not_done)
    assert "Trace Level" in next_step(first)
    assert "Trace Level" in next_step(later), next_step(later)
    assert "**Done:**" not in verdict(later)


@pytest.mark.parametrize("request_", ["can you open a ticket at SAP for me?", "send this to my colleague",
                                      "call the vendor", "please contact the partner's support",
                                      "kannst du bitte ein Ticket bei SAP aufmachen?"])
def test_a_request_the_tool_cannot_do_is_told_so_and_keeps_the_topic(request_: str) -> None:
    # Before: the verdict again, with a fix section matched on "open" (a connection "opened").
    first, asked, fix = chat("SCLNT_HTTP421", request_, "how do I fix it?")
    said = verdict(asked)
    assert "cannot" in said and "does not contact anyone" in said, said
    assert "### " not in asked["answer"], asked["answer"]  # no section matched on its words
    assert asked["messages"][0]["id"] == "SCLNT_HTTP421"
    # The topic stays, with its causes in their order.
    assert [c["id"] for c in fix["causes"][:3]] == [c["id"] for c in first["causes"][:3]], fix["causes"]
    assert fix["messages"][0]["id"] == "SCLNT_HTTP421"


@pytest.mark.parametrize("text", ["should I open a ticket at SAP?", "how do I call the API with SM59?",
                                  "send the request again and it fails with SCLNT_HTTP411",
                                  "we called the vendor, they changed their certificate"])
def test_questions_and_reports_about_calls_and_tickets_are_no_request(text: str) -> None:
    _first, turn = chat("SCLNT_HTTP421", text)
    assert "does not contact anyone" not in turn["answer"], turn["answer"]


@pytest.mark.parametrize("report", ["sclnt_http 404 partnr not reached", "SCLNT_HTTP404 partner not reached"])
def test_an_sclnt_http_number_beside_another_layers_words_names_both_readings(report: str) -> None:
    # Before: answered as SCLNT_HTTP404 (no more memory) alone; "partner not reached" is the
    # ICM's page for a connection not opened in time and the RFC/NI layer's wording.
    answer, = chat(report)
    said = verdict(answer)
    assert "**Two readings" in said, said
    assert "SCLNT_HTTP404" in said and "Partner not reached" in said and "SCLNT_HTTP402" in said, said
    assert "RFC" in said, said  # the other layer named
    assert answer["other_wording"]["cause"] == "connect_timeout"


@pytest.mark.parametrize("report", ["SCLNT_HTTP404", "HTTP error 421 occured: ICM_HTTP_SSL_PEER_CERT_UNTRUSTED",
                                    "SCLNT_HTTP411 connection refused"])
def test_a_number_with_its_own_words_has_one_reading(report: str) -> None:
    answer, = chat(report)
    assert "**Two readings" not in answer["answer"] and answer["other_wording"] is None


_STACK = ("[Thr 140101169288960] <<- ERROR: SapSSLSessionStartNB(sssl_hdl=7fc4e0001870)==SSSLERR_PEER_CERT_UNTRUSTED\n"
          "[Thr 140101169288960] SapSSLSessionStartNB()==SSSLERR_PEER_CERT_UNTRUSTED\n"
          "[Thr 140101169288960]   SSL:SSL_get_state()==0x2120 \"TLS read server hello A\"\n"
          "[Thr 140101169288960]   cli SSL session PSE \"/usr/sap/S4D/D20/sec/SAPSSLA.pse\"\n")


@pytest.mark.parametrize("last", ["SSL handshake with api.partner-corp.de:443 failed",
                                  "*** ERROR => SSL handshake with api.partner-corp.de:443 failed.",
                                  "ERROR: SSL handshake with api.partner-corp.de:443 failed (SSSLERR_PEER_CERT_UNTRUSTED)"])
def test_a_traces_summary_line_without_its_code_still_names_the_partner(last: str) -> None:
    # Before: a summary cut after "failed" (or written another way) was no summary: the answer
    # said "at (partner not named)" and offered no check of the partner it names.
    trace = _STACK + f"[Thr 140101169288960] {last}"
    proc = subprocess.run([sys.executable, "-m", "assistant", "ask", "--json", "-"], capture_output=True, timeout=60,
                          input=trace.encode())
    answer = json.loads(proc.stdout)
    assert answer["trace"]["partner"] == "api.partner-corp.de:443", answer["trace"]
    assert "partner not named" not in answer["answer"]
    assert answer["check_target"] == "https://api.partner-corp.de:443"
    assert answer["trace"]["sclnt_http"] == "SCLNT_HTTP421"  # the code still from the stack


def test_a_summary_restated_with_its_number_only_is_the_same_handshake_with_the_partner_named() -> None:
    # The older kernel style's summary, its messages, then "SSL handshake with host:443 failed
    # (-102)": one failure, whose partner is the name the last line gives (not the peer address).
    trace = ("[Thr 140234] SSL NI-hdl 77: local=10.10.1.5:40122  peer=192.0.2.10:443\n"
             "[Thr 140234] <<- ERROR: SapSSLSessionStartNB(sssl_hdl=0x7f8b1c0a2f00)==SSSLERR_PEER_CERT_UNTRUSTED\n"
             "[Thr 140234] *** ERROR => IcmConnInitClientSSL: SapSSLSessionStartNB failed (-102): "
             "SSSLERR_PEER_CERT_UNTRUSTED\n"
             "[Thr 140234]     SSL Server certificate of \"CN=api.partner-corp.de\" not trusted\n"
             "[Thr 140234] *** ERROR => IcmConnInitClientSSL: SSL handshake with api.partner-corp.de:443 failed (-102)\n")
    proc = subprocess.run([sys.executable, "-m", "assistant", "ask", "--json", "-"], capture_output=True, timeout=60,
                          input=trace.encode())
    answer = json.loads(proc.stdout)
    assert answer["trace"]["handshakes"] == answer["trace"]["failed"] == 1, answer["trace"]
    assert answer["trace"]["partner"] == "api.partner-corp.de:443"
    assert answer["check_target"] == "https://api.partner-corp.de:443"


@pytest.mark.usefixtures("tui_env")
@pytest.mark.parametrize("report", ["curl https://api.partner-corp.de gets HTTP 403 Forbidden", "SCLNT_HTTP415"])
async def test_at_80_columns_a_long_topic_is_shortened_before_the_base_count_goes(report: str) -> None:
    # Before: "21 messages known" left the bar whenever the topic did not fit beside it; at 80
    # columns there is room for both — the topic is cut after a whole word, with an ellipsis.
    from assistant.tui.widgets.topic import TopicBar
    from tests.support.pilot import screen_text

    async with ready_chat((80, 24)) as (app, pilot):
        await answer_to(pilot, app, report)
        await pilot.pause()
        bar = app.query_one(TopicBar)
        assert len("Topic: " + (bar.topic or "")) > 80 - 2 - len(bar.status) - 2, bar.topic  # too long for both
        assert bar.query_one("#kb-status").display
        top = screen_text(app).splitlines()[0]
        assert "messages known" in top and bar.shown_topic.endswith("…"), top
        assert bar.shown_topic[:-1].rstrip() in "Topic: " + (bar.topic or "")
