"""newuser5's pass: what a new admin called wrong in five conversations at 80x24, driven as
real processes (`sapassist chat --json`, the piped chat that keeps the dialogue state) and
the real chat (Pilot), against real loopback servers.

- After a live check found a cause an import fixes (a self-signed certificate), "done,
  imported it in ANONYM — still fails" was answered with the very import just done, and so
  was every later "and now?" / "how do I fix it?": the check's finding stayed the lead.
- After a pasted dev_icm trace confirmed a cause, each follow-up's next step was the cause's
  first fix — "raise the ICM trace … then open the Trace File" — asking for the trace the
  admin had just pasted.
- A pasted trust list (STRUST's certificate list) offered a live check of
  `www.digicert.com`: the OU of a CA's name, no server the SAP system calls.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support import certs, dev_icm, servers
from tests.support.dialogues import next_step_of, piped_chat, verdict_of
from tests.support.pilot import answer_to, ready_chat

chat = piped_chat
verdict = verdict_of
next_step = next_step_of


@pytest.fixture(scope="module")
def self_signed_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with servers.serve_scenario(certs.self_signed_leaf(), tmp_path_factory.mktemp("self_signed")) as (srv, _ca):
        yield srv.url("/sap/bc/ping")


def test_an_import_said_done_after_a_check_is_not_given_again(self_signed_url: str) -> None:
    checked, done, now, fix = chat(f"/check {self_signed_url} --timeout 5", "done, imported it in ANONYM. still fails",
                                   "and now?", "how do I fix it?")
    assert checked["check"]["cause"] == "server_cert_self_signed"
    assert "into the SSL client PSE" in next_step(checked)
    for turn in (done, now, fix):
        # The import the check asked for is done: the causes that remain after it lead, in
        # this answer and in every later one.
        assert turn["causes"][0]["id"] != "server_cert_self_signed", turn["causes"]
        assert "found by the live check" not in verdict(turn)
        assert "into the SSL client PSE of the SM59 destination" not in next_step(turn), next_step(turn)
    assert now["causes"][0]["id"] == done["causes"][0]["id"] == fix["causes"][0]["id"]


def test_an_import_still_to_do_keeps_the_checks_finding(self_signed_url: str) -> None:
    # The opposite: asked how, nothing done — the check's cause and its step stay.
    checked, how = chat(f"/check {self_signed_url} --timeout 5", "how do I import it?")
    assert checked["check"]["cause"] == "server_cert_self_signed"
    assert how["causes"][0]["id"] == "server_cert_self_signed"
    assert "found by the live check" in verdict(how)


@pytest.mark.usefixtures("tui_env")
async def test_after_a_pasted_trace_no_next_step_asks_for_the_trace() -> None:
    # The trace is the admin's answer to "raise the ICM trace, repeat the call, open the Trace
    # File": the follow-ups' next step is what the trace said to do, never that again.
    trace = "\n".join(dev_icm.trace([dev_icm.Handshake(host="api.partner.example")]))
    async with ready_chat() as (app, pilot):
        first = await answer_to(pilot, app, trace)
        assert first.markdown_source.startswith("## dev_icm trace: 1 TLS handshake, 1 failed → SCLNT_HTTP421")
        for follow_up in ("why?", "how do I fix it?", "and now?"):
            said = (await answer_to(pilot, app, follow_up)).markdown_source
            step = next(p for p in said.split("\n\n") if p.startswith("**Next step:**"))
            assert "Trace Level" not in step and "Trace File" not in step, (follow_up, step)
            assert step.endswith("."), step  # the trace table's advice, said as a sentence
            assert "found by the SAP system's trace (dev_icm)" in said


@pytest.mark.usefixtures("tui_env")
async def test_an_import_said_done_after_a_trace_releases_its_finding() -> None:
    trace = "\n".join(dev_icm.trace([dev_icm.Handshake(host="api.partner.example")]))
    async with ready_chat() as (app, pilot):
        await answer_to(pilot, app, trace)
        done = (await answer_to(pilot, app, "imported the root CA in SSL client anonymous, still same error")).markdown_source
        now = (await answer_to(pilot, app, "and now?")).markdown_source
        for said in (done, now):
            assert "found by the SAP system's trace" not in said.split("\n\n### ")[0], said


def test_a_name_inside_a_certificates_distinguished_name_is_no_endpoint() -> None:
    # RFC 4514 names: an OU or O that looks like a domain ("OU=www.digicert.com") names the
    # CA's organisation, not a server the SAP system calls — no live check is offered for it.
    listed = ("STRUST SSL client Standard certificate list: CN=DigiCert Global Root G2, OU=www.digicert.com, "
              "O=DigiCert Inc, C=US and CN=GeoTrust TLS RSA CA G1, OU = www.digicert.com, O=DigiCert Inc")
    first, = chat(listed)
    assert "www.digicert.com" not in first["entities"].get("hosts", []), first["entities"]
    assert "**Live check:**" not in first["answer"]
    # A host named as such beside a DN is still one.
    named, = chat("SM59 to https://api.partner-corp.de fails, its issuer is CN=R11, O=Let's Encrypt, C=US")
    assert named["entities"]["hosts"] == ["api.partner-corp.de"]
    assert "**Live check:**" in named["answer"]


def test_a_restart_question_typed_without_its_question_mark_is_answered() -> None:
    # Typed in a chat, "do i need to restart icm after import" is the same question as with
    # "?": before, it got the topic's verdict again, with no word on the restart.
    for asked in ("do i need to restart icm after import", "Do I need to restart the ICM?", "should we restart the icm"):
        _topic, restart = chat("SCLNT_HTTP421", asked)
        assert restart["asks"] == ["restart"], (asked, restart["asks"])
        assert "**In general:** Restart the ICM after imports" in verdict(restart), verdict(restart)
    # A statement that tells what was done is no question about it.
    _topic, told = chat("SCLNT_HTTP421", "we restarted the icm after the import, same error")
    assert told["asks"] == []


def test_why_after_an_answer_says_why_its_cause_is_likely() -> None:
    # Before: "why?" got the verdict it followed again, word for word, with nothing on why.
    for report in ("SM59 test fails with ICM_HTTP_SSL_ERROR", "HTTP error 411 occured: ICM_HTTP_CONNECTION_REFUSED"):
        for first, asked in (chat(report, "why?"), chat(report, "warum?")):
            lead = asked["causes"][0]["id"]
            assert lead == first["causes"][0]["id"]  # still about the same cause
            assert "**Why:**" in verdict(asked), verdict(asked)
            assert verdict(asked).replace("*(about the current topic)*\n\n", "") != verdict(first)
    # A first report that asks why is answered as before: its causes are the answer.
    only, = chat("why does SM59 fail with ICM_HTTP_SSL_ERROR?")
    assert "**Why:**" not in verdict(only)


@pytest.mark.usefixtures("tui_env")
@pytest.mark.parametrize(("report", "sap_view_note"), [
    # The SAP system's own call got the far server's status: its entries are that call's.
    ("ok port changed to 443, now SM59 says HTTP 403 Forbidden", False),
    ("SM59 connection test to https://api.partner-corp.de returns HTTP 401 Unauthorized", False),
    # Another client's call: the entry is still the SAP client's view, and says so.
    ("curl https://api.partner-corp.de gets HTTP 403 Forbidden", True),
])
async def test_the_topic_panel_of_a_far_servers_status_says_sap_terms_only_for_another_client(
    report: str, sap_view_note: bool
) -> None:
    # Before: F2 after "SM59 says HTTP 403" told the admin its entry was "written for the SAP
    # HTTP client — the ABAP system's own call (STRUST, SM59 …) — not for the failure this
    # topic is about", while the failure was exactly the ABAP system's own SM59 call.
    from assistant.tui.widgets.entry_panel import EntryPanel

    async with ready_chat((80, 24)) as (app, pilot):
        await answer_to(pilot, app, report)
        assert app.state is not None and app.state.scope == "http_status_from_server", app.state
        await pilot.press("f2")
        await pilot.pause()
        page = app.query_one(EntryPanel).entry_markdown
    assert page.strip()
    assert ("In SAP terms" in page) is sap_view_note, page[:400]
