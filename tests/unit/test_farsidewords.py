"""What the far side does (intent/farsidewords.py): the partner does not know our client
certificate, the proxy does not let us through, a box breaks TLS open — and who does what
decides (our side not knowing the server's certificate is no such reading)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.intent import route
from assistant.intent.farsidewords import readings
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb

PROBES = Path(__file__).resolve().parents[1] / "eval" / "sap_probe.yaml"


@pytest.fixture(scope="module")
def bundled() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize(("text", "words"), [
    ("We send our client certificate from DFAULT, but the partner does not know it.", "client certificate rejected"),
    ("The API provider never registered our client certificate.", "client certificate rejected"),
    ("Our client certificate is not registered at the partner.", "client certificate rejected"),
    ("Der Partner kennt unser Client-Zertifikat nicht.", "client certificate rejected"),
    ("Unser Client-Zertifikat ist beim Partner nicht hinterlegt.", "client certificate rejected"),
    ("Our user may not be allowed through the proxy.", "proxy refused"),
    ("The proxy does not let our SAP server through.", "proxy refused"),
    ("Der Proxy lässt unseren Benutzer nicht raus.", "proxy refused"),
    ("Our SAP system is not whitelisted on the proxy.", "proxy refused"),
    ("Die Firewall bricht SSL auf und zeigt ein eigenes Zertifikat.", "SSL interception"),
    ("SSL wird am Proxy aufgebrochen.", "SSL interception"),
    ("Our firewall breaks open TLS.", "SSL interception"),
])
def test_what_the_far_side_does_is_read_in_the_bases_words(text: str, words: str) -> None:
    assert words in readings(text)


@pytest.mark.parametrize("text", [
    "We do not know the partner's certificate.",  # our side not knowing theirs: an untrusted chain
    "SAP does not know the server certificate.",
    "The partner does not know our IP address.",
    "We are not allowed to change the proxy settings.",  # the admin's limit, not the proxy's refusal
    "The proxy user is not set in SM59.",
    "Der TLS-Handshake bricht bei SSL auf dem Server ab.",  # abbrechen: the handshake stops
])
def test_no_such_deed_of_the_far_side_is_no_reading(text: str) -> None:
    assert readings(text) == []


def _probe(probe_id: str) -> dict:
    with open(PROBES, encoding="utf-8") as f:
        return next(i for i in yaml.safe_load(f)["items"] if i["id"] == probe_id)


# `within`: the first three, or the first two where the message's own list holds the cause third
# without the reading (421 lists TLS interception: the reading must lift it).
@pytest.mark.parametrize(("probe_id", "within"), [
    ("c31-client-cert-rejected", 3), ("c32-client-cert-rejected", 3), ("cs2-provider-never-registered", 3),
    ("cs2-beim-partner-nicht-hinterlegt", 3), ("c66-proxy-refused", 3), ("cs2-not-whitelisted-on-proxy", 3),
    ("cs2-proxy-laesst-benutzer-nicht-raus", 3), ("c16-tls-interception", 3), ("cs2-firewall-bricht-tls-auf", 2),
    ("cs2-ssl-am-proxy-aufgebrochen", 2),
])
def test_the_probes_of_the_far_sides_deed_rank_their_cause_near_the_top(bundled: KnowledgeBase, probe_id: str,
                                                                        within: int) -> None:
    item = _probe(probe_id)
    routed = route(item["text"], bundled)
    assert routed.messages[0].id == item["message"]
    assert item["causes"][0] in [c.id for c in routed.causes[:within]]
