"""The authored SAP-client probes (tests/eval/sap_probe.yaml) and the two classes they found.

The probes are written by hand from /work/shared/reference/sclnt_http_facts.md, not real
reports: an in-house set overstates what the router does on real text (README), so the floor
here is a guard against losing a class, not a figure to quote.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb

PROBES = Path(__file__).resolve().parents[1] / "eval" / "sap_probe.yaml"


@pytest.fixture(scope="module")
def bundled() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _items() -> list[dict]:
    with open(PROBES, encoding="utf-8") as f:
        return list(yaml.safe_load(f)["items"])


def test_every_probe_is_marked_authored_and_rests_on_a_facts_line(bundled: KnowledgeBase) -> None:
    items = _items()
    assert len(items) >= 80
    for item in items:
        assert item["authored"] is True and item["facts"].startswith("sclnt_http_facts.md L"), item["id"]
        assert item["message"] in bundled.messages, item["id"]


def test_the_probes_stay_routed(bundled: KnowledgeBase) -> None:
    items = _items()
    right = sum(bool(r.messages) and r.messages[0].id == i["message"]
                for i in items for r in [route(i["text"], bundled)])
    assert right / len(items) >= 0.95, f"{right}/{len(items)}"


@pytest.mark.parametrize(("text", "message"), [
    ("SM59 test fails with ICM_HTTP_SSL_PEER_CERT_UNTRUSTED. Where do I add the cert?", "SCLNT_HTTP421"),
    ("The proxy answers and SAP shows Logon at proxy failed. Where do I put the proxy user in SM59?",
     "SCLNT_HTTP416"),
])
def test_a_where_question_after_a_named_failure_diagnoses_it(bundled: KnowledgeBase, text: str,
                                                            message: str) -> None:
    routed = route(text, bundled)
    assert routed.messages and routed.messages[0].id == message


def test_a_where_question_with_no_failure_is_still_a_place_question(bundled: KnowledgeBase) -> None:
    routed = route("where is the Cloud Connector log?", bundled)
    assert routed.place_word and not routed.messages


@pytest.mark.parametrize(("text", "message"), [
    ("[Thr 1403] *** ERROR => NiPConnect2: 10.20.30.40:443: connect (111: Connection refused)\n"
     "[Thr 1403] Direct connect to 10.20.30.40:443 failed: NIECONN_REFUSED(-10)", "SCLNT_HTTP411"),
    ("[Thr 140] *** ERROR => NiHLGetNodeAddr: NiPGetHostByName failed (NIEHOST_UNKNOWN)\n"
     "[Thr 140] Connect to graph.microsoft.com:443 failed: NIEHOST_UNKNOWN(-2)", "SCLNT_HTTP417"),
])
def test_an_ni_connect_beside_the_icm_clients_connect_line_is_the_http_client(
        bundled: KnowledgeBase, text: str, message: str) -> None:
    routed = route(text, bundled)
    assert routed.scope.kind == "sap_http_client"
    assert routed.messages[0].id == message


@pytest.mark.parametrize("text", [
    "Connect to SAP gateway failed\nNiPConnect2: 10.1.2.3:3300: connect (111: Connection refused)",
    "partner '10.1.2.3:3300' not reached\nNiPConnect2: 10.1.2.3:3300: connect (111: Connection refused)",
])
def test_an_rfc_connect_failure_stays_the_rfc_layer(bundled: KnowledgeBase, text: str) -> None:
    assert route(text, bundled).scope.kind == "rfc_or_network"


# Without the crypto library STRUST shows no SSL server/client PSE nodes (facts L282,
# [H-SSLCFG]): a report of missing nodes has the library among its first three causes.
@pytest.mark.parametrize("probe", ["c33-crypto-lib-missing", "sf3-crypto-no-pse-nodes",
                                   "sf3-crypto-nodes-missing-new-system"])
def test_missing_pse_nodes_name_the_crypto_library(bundled: KnowledgeBase, probe: str) -> None:
    (item,) = [i for i in _items() if i["id"] == probe]
    assert "crypto_lib_missing" in [c.id for c in route(item["text"], bundled).causes[:3]]
