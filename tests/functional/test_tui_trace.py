"""A dev_icm trace pasted into the real chat (Pilot): the trace analysis answers it, the
live check offered is the partner's — never the ICM's own `local=` socket — and "yes"
runs it against that partner (a loopback TLS server here).

The trace is written in the shapes of public traces (tests/support/dev_icm.py cites them:
abapGit issues 4142, 5589, 6720; KBA 3391859) with certificates the tests generate.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events

from assistant.tui.widgets.check_progress import CheckProgress
from assistant.tui.widgets.prompt import Prompt
from tests.support import certs, dev_icm, servers
from tests.support.pilot import answer_to, answers, ready_chat, submit, wait_until

pytestmark = pytest.mark.usefixtures("tui_env")


async def test_a_pasted_trace_is_read_as_a_trace_and_offers_the_partner(
    good: tuple[servers.LoopbackServer, Path],
) -> None:
    srv, _ = good
    sc = certs.good_chain()  # the dump holds leaf + intermediate; the ICM's PSE lacks the root
    trace = "\n".join(dev_icm.trace([dev_icm.Handshake(
        host="127.0.0.1", port=srv.port, certs=[sc.leaf.cert, sc.intermediate.cert])]))
    assert dev_icm.LOCAL_SOCKET in trace
    partner = f"https://127.0.0.1:{srv.port}"
    async with ready_chat() as (app, pilot):
        prompt = app.query_one(Prompt)
        prompt.post_message(events.Paste(trace))
        await wait_until(pilot, lambda: prompt.text, what="the pasted trace in the prompt")
        before = len(answers(app))
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(answers(app)) > before, timeout=15, what="the trace answer")
        answer = answers(app)[-1].markdown_source
        assert answer.startswith("## dev_icm trace: 1 TLS handshake, 1 failed → SCLNT_HTTP421")
        assert "Cause: Server certificate chain not trusted by the SSL client PSE" in answer
        assert "import CN=sapassist Test Root CA" in answer and "SSL client Anonymous (ANONYM)" in answer
        assert "| Partner | Result |" in answer  # the handshake table
        assert app.questions.offered_target == partner
        assert f"`{partner}`" in answer.split("**Live check:**")[1]
        assert "10.20.30.40" not in answer.split("**Live check:**")[1]
        assert app.state is not None and app.state.messages[:1] == ("SCLNT_HTTP421",)
        assert app.state.confirmed_cause == "server_cert_untrusted"
        assert app.state.confirmed_by == "the SAP system's trace (dev_icm)"

        before = len(answers(app))
        await submit(pilot, app, "yes")
        await wait_until(pilot, lambda: app.query(CheckProgress), what="the check to start")
        progress = app.query_one(CheckProgress)
        assert progress.target.startswith(partner)
        await wait_until(pilot, lambda: progress.state == "done", timeout=15, what="the check to finish")
        await wait_until(pilot, lambda: len(answers(app)) > before, what="the check answer")
        connect = [f for f in progress.findings if f.step == "connect"]
        assert connect and connect[-1].status == "ok"  # it reached the partner, not the local socket


async def test_after_a_pasted_trace_the_fix_follow_up_answers_its_cause() -> None:
    # a protocol_version alert: the trace confirms the mismatch (a bare close would not)
    trace = "\n".join(dev_icm.trace([dev_icm.Handshake(host="api.partner.example",
                                                       code="SSSLERR_ALERT_PROTOCOL_VERSION")]))
    async with ready_chat() as (app, pilot):
        first = await answer_to(pilot, app, trace)
        assert first.markdown_source.startswith("## dev_icm trace: 1 TLS handshake, 1 failed → SCLNT_HTTP407")
        fix = await answer_to(pilot, app, "how do I fix it?")
        title = app.kb.causes["tls_version_or_cipher_mismatch"].title if app.kb else "?"
        assert f"How to fix it — the SAP system's trace (dev_icm) found: {title}" in fix.markdown_source
        assert "live check found" not in fix.markdown_source  # the trace found it, not a check
