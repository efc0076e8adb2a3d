"""The contrast readings (intent/contrastwords.py): "only X, not Y" is Y missing, "X instead of
Y" a wrong setting — read from the sentence's form, not from one probe's words."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.intent import route
from assistant.intent.contrastwords import readings
from assistant.intent.importdone import says_import_done
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb

PROBES = Path(__file__).resolve().parents[1] / "eval" / "sap_probe.yaml"


@pytest.fixture(scope="module")
def bundled() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize(("text", "words"), [
    ("I imported only the root CA in STRUST, not the intermediate one.", "missing intermediate"),
    ("We uploaded only the server certificate to ANONYM, not the intermediate CA.", "missing intermediate CA"),
    ("Ich habe nur das Root-Zertifikat importiert, nicht das Zwischenzertifikat.", "missing intermediate certificate"),
    ("nur das Stammzertifikat eingespielt und nicht die Zwischenzertifikat importiert",
     "missing intermediate certificate"),
    ("In der SM59 steht Port 80 statt 443.", "wrong port"),
    ("The destination points to port 8000 instead of 44300.", "wrong port"),
    ("we used 80 instead of port 443", "wrong port"),
    ("host name sapdev instead of sapdev.corp.local", "wrong host name"),
    ("Im SM59 steht der Rechnername sapdev statt des FQDN.", "wrong host name"),
])
def test_a_contrast_is_read_as_what_is_missing_or_wrong(text: str, words: str) -> None:
    assert words in readings(text)


@pytest.mark.parametrize("text", [
    "we now go through the proxy instead of a direct connection",  # a way of calling, not a value
    "I used STRUST instead of the Fiori app",
    "It fails not only on 01 but on every server.",
    "Only the root CA is in STRUST.",
    "I imported the root and the intermediate, not sure about the PSE.",
])
def test_no_contrast_of_a_part_or_a_value_is_no_reading(text: str) -> None:
    assert readings(text) == []


def test_an_import_of_only_a_part_is_not_an_import_said_done() -> None:
    assert not says_import_done("I imported only the root CA in STRUST, not the intermediate one. Still 421.")
    assert says_import_done("I imported the root CA and the intermediate in STRUST. Still 421.")


def _probe(probe_id: str) -> dict:
    with open(PROBES, encoding="utf-8") as f:
        return next(i for i in yaml.safe_load(f)["items"] if i["id"] == probe_id)


# `within`: the first three, or the first two where the message's own list holds the cause third
# without the reading (the reading must lift it, not find it where it was).
@pytest.mark.parametrize(("probe_id", "within"), [
    ("c12-intermediate-missing", 3), ("cs2-only-leaf-not-intermediate", 3), ("cs2-nur-root-nicht-intermediate", 2),
    ("c46-destination-misconfigured", 3), ("cs2-port-instead-of", 3), ("cs2-falscher-port", 3),
])
def test_the_probes_of_a_contrast_rank_their_cause_near_the_top(bundled: KnowledgeBase, probe_id: str,
                                                                within: int) -> None:
    item = _probe(probe_id)
    routed = route(item["text"], bundled)
    assert routed.messages[0].id == item["message"]
    assert item["causes"][0] in [c.id for c in routed.causes[:within]]
