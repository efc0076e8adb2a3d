"""One sentence splitter for every reader of what a user states (intent.sentencebreaks): a
line break inside a sentence (a soft wrap: the next line goes on with a small letter, or the
line before ends in a word no sentence ends in) joins the sentence, so wrapped prose is read as
if it were one line — a resolution keeps its end, a negation its verb. A log line still starts
a sentence of its own. Sentences invented for the class (English and German); the wrapped
finding of sap-tutorials/Tutorials ("…log into the\\nCF…") is in test_finding_phrases."""

from __future__ import annotations

import pytest

from assistant.intent.finestates import sentence_spans
from assistant.intent.resolution import resolution_statements
from assistant.intent.settingstates import statements
from assistant.intent.statedfacts import stated_facts


def _read(text: str) -> tuple[object, ...]:
    return (
        [(" ".join(s.names.split()), s.solved) for s in resolution_statements(text)],
        [(f.subject, f.affirmed) for f in stated_facts(text)],
        [(s.setting, s.on, s.hedged) for s in statements(text)],
    )


@pytest.mark.parametrize(
    "wrapped",
    [
        "I imported the root CA into STRUST and that solved\nthe problem for the test system.",
        "The firewall does\nnot block port 443 to that host.",
        "In SM59 SSL is\nnot active for this destination.",
        "We found out that the root CA was missing, after importing it into the\nSSL client PSE it works now.",
        "Nach dem Import der Root CA in STRUST hat es\nwieder funktioniert.",
        "Die Firewall blockiert\nden Port 443 nicht.",
        "It turns out that I needed to log on to\nCloud Foundry first and all was well.",
    ],
)
def test_wrapped_prose_is_read_as_one_line(wrapped: str) -> None:
    one_line = wrapped.replace("\n", " ")
    assert _read(one_line) != ([], [], [])  # the sentence states something …
    assert _read(wrapped) == _read(one_line)  # … and wrapped, the same


@pytest.mark.parametrize(
    ("log", "lines"),
    [
        ("SSL handshake with github.com:443 failed: SSSLRC_CONN_CLOSED (-10)\nRemote Peer has closed the network connection\n"
         "SapSSLSessionStartNB()==SSSLRC_CONN_CLOSED\n  SSL::SiRecv() failed   rc==SSSLRC_CONN_CLOSED", 4),
        ("Error Number     1\nSSL handshake failed\n[Thr 140] *** ERROR => connection refused", 3),
        ("- imported the root CA\n- restarted the ICM", 2),
    ],
)
def test_a_log_line_or_a_list_item_is_a_sentence_of_its_own(log: str, lines: int) -> None:
    assert len(sentence_spans(log)) == lines
