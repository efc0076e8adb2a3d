"""Which fix step is a trace step (answers.tracestep): one that asks the admin
to raise or read the ICM trace — not one that names `dev_icm` in an aside, a condition, a
negation or as an attachment. Said done, only a trace step asks for the trace to be pasted."""

from __future__ import annotations

import pytest

from assistant.answers.stepresult import PASTE_THE_TRACE
from assistant.answers.tracestep import reads_the_trace
from assistant.kb.knowledge_base import KnowledgeBase
from tests.support.dialogues import answers_to

CIPHER_TOPIC = "HTTP error 407 occured: SSL handshake with github.com:443 failed: SSSLERR_SSL_READ (-58)"


@pytest.mark.parametrize("step", [
    "Get the certificates: raise the ICM trace (`SMICM` → Goto → Trace Level → Set → 3), repeat the call.",
    "Raise the ICM trace level to 2 or 3: `SMICM` → Goto → Trace Level → Set.",
    "Look at `dev_icm` around the failure time for who closed the connection.",
    "Restart the instance, then look at `dev_icm` for the line that says the library is ready.",
    "Find out which certificate arrives: repeat the call, read the certificate blocks in `dev_icm`.",
    "Compare with `dev_icm` at trace level 2–3: the cipher line shows what was offered.",
    "Verify at trace level 2 (`SMICM` → Goto → Trace Level → Set) that `dev_icm` shows the SNI line.",
])
def test_a_step_that_asks_to_raise_or_read_the_trace_is_a_trace_step(bundled_kb: KnowledgeBase, step: str) -> None:
    assert reads_the_trace(step, bundled_kb)


@pytest.mark.parametrize("step", [
    # the trace as another place to see the same thing, in brackets
    "Check the crypto library: `STRUST` → Environment → Display SSF Version (or the library line in `dev_icm`).",
    # a condition's consequence, an attachment, a negation, a statement of what it holds
    "If nothing explains it, open an SAP incident with the dev_icm trace attached.",
    "Compare with `openssl s_client`: if it works, compare what it negotiates with what `dev_icm` shows.",
    "While it runs through saphttp, look at the destination in `SM59`, not at `dev_icm`.",
    "Find the PSE in `SM59`. At ICM trace level 2–3, `dev_icm` also names the PSE file.",
    # undoing the trace produces nothing to paste
    "Set the trace level back to 1 (`SMICM` → Goto → Trace Level → Set) when done.",
])
def test_a_step_that_only_names_the_trace_is_no_trace_step(bundled_kb: KnowledgeBase, step: str) -> None:
    assert not reads_the_trace(step, bundled_kb)


@pytest.mark.parametrize("done", ["done", "did that", "erledigt"])
def test_the_library_check_said_done_does_not_ask_for_the_trace(bundled_kb: KnowledgeBase, done: str) -> None:
    # Before: the CommonCryptoLib check names `dev_icm` as the other place to read the version,
    # so "done" asked for the trace's lines to be pasted instead of going on with the fix.
    first, said = answers_to(bundled_kb, CIPHER_TOPIC, done)
    assert "CommonCryptoLib" in first.doc.verdict
    assert "**Done:**" in said.doc.verdict or "CommonCryptoLib" not in said.doc.verdict
    assert PASTE_THE_TRACE not in said.doc.verdict
